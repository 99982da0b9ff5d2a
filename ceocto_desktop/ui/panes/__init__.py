"""Detail panes and forms: one record's fields, edited in place."""
