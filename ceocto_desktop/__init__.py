"""ceocto: a private, offline desktop journal for a CEO and CTO pair."""

__version__ = "0.1.0"
