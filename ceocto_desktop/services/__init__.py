"""Use cases over a Session, returning plain dataclasses. No Qt, no matplotlib."""
