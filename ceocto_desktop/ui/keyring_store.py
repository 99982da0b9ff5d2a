"""Remembering a passphrase in the system keyring, when `keyring` and a real backend exist.

Never in a plain file: without a keyring backend (or with keyring's own plaintext or
"fail" ones) the tickbox is not offered at all.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

SERVICE = "ceocto journal"


def _backend() -> Any:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend is no backend
        return None
    name = type(backend).__module__ + "." + type(backend).__name__
    if isinstance(backend, fail.Keyring) or "plaintext" in name.lower() or "null" in name.lower():
        return None
    return backend


def available() -> bool:
    """Whether a secure system keyring is there to remember a passphrase in."""
    return _backend() is not None


def save(path: Path, passphrase: str) -> bool:
    """Remember the journal's passphrase in the keyring; False if it could not."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, str(path.resolve()), passphrase)
    except Exception:
        return False
    return True


def load(path: Path) -> str | None:
    """The passphrase remembered for the journal, if any."""
    backend = _backend()
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, str(path.resolve()))
    except Exception:
        return None
    return value if isinstance(value, str) else None


def forget(path: Path) -> None:
    """Remove the journal's remembered passphrase (after a change or removal)."""
    backend = _backend()
    if backend is None:
        return
    with contextlib.suppress(Exception):  # nothing remembered, or a keyring that refuses
        backend.delete_password(SERVICE, str(path.resolve()))
