"""The journal file's safety: its path, lock, backups, restore and encryption."""
