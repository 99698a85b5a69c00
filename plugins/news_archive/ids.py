"""Stable article ids: from the seed file name, else from the file's bytes. Never from the title."""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

SEED_NAME = re.compile(r"^\d+_(?P<id>[0-9a-f]{16})\.txt$", re.IGNORECASE)


def named_id(filename: str) -> str | None:
    """The id a seed's name gives (`NNN_<16 hex>.txt`, hex digits in either case, folded to
    lower case), or None."""
    match = SEED_NAME.match(PurePath(filename).name)
    return match["id"].lower() if match else None


def article_id(filename: str, data: bytes) -> str:
    """`NNN_<16 hex>.txt` gives its 16 hex digits; any other name the first 16 of SHA-256(bytes)."""
    return named_id(filename) or sha256(data)[:16]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
