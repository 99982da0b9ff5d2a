"""An encrypted journal's key, from its passphrase and the salt in the file's first bytes.

Derived once per (passphrase, salt) in a process and handed to SQLCipher raw; nothing
here is written anywhere. Loads no SQLite library, so `ceocto` can start a derivation
(store.keys.derive_ahead) before the rest of the command has loaded.
"""

from __future__ import annotations

import os
from contextlib import suppress
from typing import TYPE_CHECKING

from ceocto_desktop.store.errors import JournalError

if TYPE_CHECKING:
    from threading import Thread

# A file's key comes from its passphrase and the salt in its first 16 bytes, derived here
# once per (passphrase, salt) and handed to SQLCipher raw (SQLCipher, given the passphrase,
# would derive it again on every connection). A file encrypted since issue 21 carries a
# salt of our making whose last four bytes are _ARGON2_TAG: its key is Argon2id (RFC 9106)
# with OWASP's parameters for 12 MiB, 3 passes - memory-hard, so a guesser's graphics cards
# gain little on it, and 0.03 s here. A file without the tag was encrypted by SQLCipher
# itself: PBKDF2-HMAC-SHA512 of 256,000 rounds (0.14-0.2 s here), read as ever; changing
# its passphrase, or encrypting again, gives it an Argon2id key.
_ARGON2_TAG = b"\xce\x0c\xa2\x01"
_ARGON2_MEMORY_KIB = 12 * 1024
_ARGON2_PASSES = 3
_KDF_ROUNDS = 256_000
_KEY_BYTES = 32
_SALT_BYTES = 16
_raw_keys: dict[tuple[str, bytes], str] = {}
_pending: dict[tuple[str, bytes], Thread] = {}  # derivations started ahead, on threads


def _derive(passphrase: str, salt: bytes) -> str:
    """The raw key (hex) for passphrase and salt, by the function the salt names."""
    if salt.endswith(_ARGON2_TAG):
        return _argon2id(passphrase.encode(), salt).hex()
    import hashlib  # (only for an encrypted file: a plain one's commands start faster)

    return hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, _KDF_ROUNDS, _KEY_BYTES).hex()


def _argon2id(secret: bytes, salt: bytes) -> bytes:
    """Argon2id of secret and salt with our parameters, through the reference library's
    C code (argon2-cffi-bindings: loaded in 2 ms, where cryptography's takes 20 ms of a
    0.06 s command; the two give the same bytes). The call leaves the interpreter lock."""
    from _argon2_cffi_bindings import ffi, lib

    key = ffi.new("uint8_t[]", _KEY_BYTES)
    code = lib.argon2_hash(
        _ARGON2_PASSES,
        _ARGON2_MEMORY_KIB,
        1,  # one lane
        ffi.new("uint8_t[]", secret),
        len(secret),
        ffi.new("uint8_t[]", salt),
        len(salt),
        key,
        _KEY_BYTES,
        ffi.NULL,  # a raw key, not the encoded $argon2id$… text
        0,
        lib.Argon2_id,
        lib.ARGON2_VERSION_13,
    )
    if code != lib.ARGON2_OK:
        message = ffi.string(lib.argon2_error_message(code)).decode()
        raise JournalError(f"The journal's key could not be derived ({message}).")
    return bytes(ffi.buffer(key, _KEY_BYTES))


def raw_key(passphrase: str, salt: bytes) -> str:
    """The raw key (hex) of passphrase for salt: derived once, or by a derivation ahead."""
    found = _raw_keys.get((passphrase, salt))
    if found is not None:
        return found
    ahead = _pending.pop((passphrase, salt), None)
    if ahead is not None:
        ahead.join()  # derived on its thread while the command loaded its modules
        found = _raw_keys.get((passphrase, salt))
        if found is not None:
            return found
    found = _raw_keys[(passphrase, salt)] = _derive(passphrase, salt)
    return found


def derive_ahead(passphrase: str, salt: bytes) -> None:
    """Start deriving the key for passphrase and salt on a thread of its own (the
    derivation leaves the interpreter lock): the command goes on loading meanwhile, and
    raw_key() waits for it, or derives the key itself if this did not run."""
    if (passphrase, salt) in _raw_keys or (passphrase, salt) in _pending:
        return
    import threading

    def run() -> None:
        with suppress(Exception):  # raw_key() derives it again, and says why
            _raw_keys[(passphrase, salt)] = _derive(passphrase, salt)

    # Not a daemon: the interpreter waits for it at exit rather than stopping it inside the
    # derivation (a thread stopped there aborts the process).
    thread = threading.Thread(target=run, name="key")
    thread.start()
    _pending[(passphrase, salt)] = thread  # only once started: a join waits for it


def new_key(passphrase: str) -> str:
    """The key of a file yet to be made (x'KEY SALT', SQLCipher's raw key with its salt): a
    fresh salt ending in _ARGON2_TAG, and the Argon2id key for it."""
    salt = os.urandom(_SALT_BYTES - len(_ARGON2_TAG)) + _ARGON2_TAG
    return f"x'{raw_key(passphrase, salt)}{salt.hex()}'"


def forget() -> None:
    """Forget every key derived in this process (after waiting for any under way)."""
    for thread in list(_pending.values()):
        thread.join()
    _pending.clear()
    _raw_keys.clear()
