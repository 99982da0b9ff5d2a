"""The window's pages, one per sidebar entry, and the panels they hold."""
