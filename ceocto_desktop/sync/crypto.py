"""Keys of the sync folder: the pairing code, the journal key it wraps, sealed files.

- The pairing code: 8 groups of 5 base32 characters (200 random bits), the pair's one
  sync secret; an offline guesser cannot try its way through that.
- The journal key: 32 random bytes; journal.json keeps it wrapped (AES-256-GCM) under a key
  derived from the pairing code with scrypt. Several keys may be listed, each by its id.
- A change file: a header naming format, device, sequence and key id, bound as associated
  data to its AES-256-GCM ciphertext, so a header moved onto another body fails to open.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: no I, O, 0, 1
CODE_GROUPS = 8
CODE_GROUP_LENGTH = 5
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
NONCE_BYTES = 12


class WrongCode(Exception):
    """The pairing code does not open the sync folder's key."""


class Unreadable(Exception):
    """A file that does not decrypt: half-copied, damaged, or under another key."""


def b64(data: bytes) -> str:
    """Bytes as text for JSON."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Text from b64 back to bytes."""
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_pairing_code() -> str:
    """A fresh pairing code, like 'K7QXM-2RT9B-...' (8 groups of 5)."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalise_code(code: str) -> str:
    """The code as typed, without spaces or dashes, in upper case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def derive_wrapping_key(code: str, salt: bytes) -> bytes:
    """The key that wraps the journal key, from the pairing code (scrypt)."""
    kdf = Scrypt(salt=salt, length=32, **SCRYPT)
    return kdf.derive(normalise_code(code).encode("ascii"))


@dataclass(frozen=True)
class WrappedKey:
    """One journal key as journal.json lists it."""

    key_id: str
    salt: str
    nonce: str
    wrapped: str

    def to_json(self) -> dict[str, object]:
        """The form kept in journal.json."""
        return {
            "id": self.key_id,
            "kdf": "scrypt",
            "n": SCRYPT["n"],
            "r": SCRYPT["r"],
            "p": SCRYPT["p"],
            "salt": self.salt,
            "nonce": self.nonce,
            "wrapped": self.wrapped,
        }


def _aad(key_id: str) -> bytes:
    return f"ceocto-sync journal key {key_id}".encode()


def wrap_key(journal_key: bytes, code: str) -> WrappedKey:
    """Wrap a journal key under the pairing code."""
    key_id = secrets.token_hex(4)
    salt, nonce = os.urandom(16), os.urandom(NONCE_BYTES)
    wrapping = derive_wrapping_key(code, salt)
    wrapped = AESGCM(wrapping).encrypt(nonce, journal_key, _aad(key_id))
    return WrappedKey(key_id, b64(salt), b64(nonce), b64(wrapped))


def unwrap_key(entry: dict[str, object], code: str) -> bytes:
    """The journal key a journal.json entry holds; WrongCode when the code does not fit."""
    try:
        wrapping = derive_wrapping_key(code, unb64(str(entry["salt"])))
        return AESGCM(wrapping).decrypt(
            unb64(str(entry["nonce"])), unb64(str(entry["wrapped"])), _aad(str(entry["id"]))
        )
    except (InvalidTag, KeyError, ValueError) as exc:
        raise WrongCode from exc


def seal(key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    """Nonce and AES-256-GCM ciphertext of plaintext, bound to associated."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, associated)


def unseal(key: bytes, sealed: bytes, associated: bytes) -> bytes:
    """The plaintext sealed under key with associated; Unreadable otherwise."""
    if len(sealed) < NONCE_BYTES + 16:
        raise Unreadable("too short")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated)
    except InvalidTag as exc:
        raise Unreadable("does not decrypt") from exc


def new_key() -> bytes:
    """32 random bytes: a journal key or a sealed answer's key."""
    return os.urandom(32)
