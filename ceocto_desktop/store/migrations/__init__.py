"""Alembic revisions for the journal schema, run by the app itself at start-up."""
