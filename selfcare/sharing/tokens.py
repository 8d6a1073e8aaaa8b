"""Share-link tokens: 256 random bits, shown once; only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32  # 256 bits
# token_urlsafe(32) is 43 characters of the URL-safe base64 alphabet.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
# Hashed when a token has the wrong shape, so every lookup costs the same work.
_DUMMY = "0" * 43


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def lookup_hash(token: str) -> str:
    """The hash to look a presented token up by; a malformed token hashes to something no link has."""
    if TOKEN_SHAPE.fullmatch(token):
        return hash_token(token)
    hash_token(_DUMMY)
    return "-" * 64


def matches(token_hash: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash.encode(), stored_hash.encode())
