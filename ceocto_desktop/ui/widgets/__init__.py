"""Widgets and item models the pages share; none knows a page."""
