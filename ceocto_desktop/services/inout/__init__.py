"""In and out: imports from other journal apps, and every export of the journal."""
