"""The record kinds the pair writes, each with its table queries beside it."""
