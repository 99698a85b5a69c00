"""Stable article ids: from the seed file name, else from the file's bytes; for a record of a
structured seed, from its own id, else its URL, else its text. Never from the title."""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

SEED_NAME = re.compile(r"^\d+_(?P<id>[0-9a-f]{16})\.txt$", re.IGNORECASE)
HEX_ID = re.compile(r"[0-9a-f]{16}", re.IGNORECASE)


def named_id(filename: str) -> str | None:
    """The id a seed's name gives (`NNN_<16 hex>.txt`, hex digits in either case, folded to
    lower case), or None."""
    match = SEED_NAME.match(PurePath(filename).name)
    return match["id"].lower() if match else None


def article_id(filename: str, data: bytes) -> str:
    """`NNN_<16 hex>.txt` gives its 16 hex digits; any other name the first 16 of SHA-256(bytes)."""
    return named_id(filename) or sha256(data)[:16]


def record_id(given: str | None, url: str | None, text: bytes) -> str:
    """A record's id: its own `id` when that is 16 hex digits (folded to lower case), else the
    first 16 hex digits of the SHA-256 of that id (UTF-8); without an id, of its URL as written;
    without either, of its text (UTF-8, the original served as articles/<id>.txt)."""
    if given:
        return given.lower() if HEX_ID.fullmatch(given) else sha256(given.encode("utf-8"))[:16]
    if url:
        return sha256(url.encode("utf-8"))[:16]
    return sha256(text)[:16]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
