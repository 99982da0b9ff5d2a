"""The one error the store raises for a journal a person cannot open as asked."""


class JournalError(Exception):
    """A journal that cannot be opened or written; the message is for a person to read."""
