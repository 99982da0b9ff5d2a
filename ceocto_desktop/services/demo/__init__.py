"""The demo journal: a deterministic, believable founder pair's years."""
