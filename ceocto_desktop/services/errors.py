"""Errors a person can cause, each naming the field and what is wrong with it."""


class ValidationError(ValueError):
    """A value a person entered that cannot be saved; nothing was written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(LookupError):
    """A record asked for by id that is not in the journal (deleted meanwhile)."""
