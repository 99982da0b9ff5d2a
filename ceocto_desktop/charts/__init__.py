"""matplotlib Figure builders (never pyplot), for the trends page and the reports."""
