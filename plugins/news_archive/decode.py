"""Seed bytes to text.

UTF-8 (with or without BOM) is read as is and UTF-16 with a BOM is decoded. Anything else is
tried as Windows-1256 and ISO-8859-6, the legacy Arabic code pages, and kept when the result is
plausibly Arabic or Persian (the caller warns, naming the encoding guessed). Otherwise the error
names the byte offset where UTF-8 decoding failed.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes are not text Sijill can read."""


BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LEGACY = ("cp1256", "iso-8859-6")
PLAUSIBLE_ARABIC = 0.6  # share of letters that must be Arabic-script for a legacy guess
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
BINARY_CONTROLS = 0.10  # share of C0 control bytes (other than tab/newline/CR) that means binary


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool = False  # decoded with a legacy code page chosen by plausibility
    cut_at: int | None = None  # UTF-8 that ends inside a character: the bytes from here are dropped


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("ARABIC" in unicodedata.name(c, "") for c in letters) / len(letters)


def _looks_binary(data: bytes) -> int | None:
    """Offset of the first NUL or the first control byte when they are too many for text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        return nul
    head = data[:65536]
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))  # counted in C: every seed passes here
    if controls <= BINARY_CONTROLS * len(head):
        return None
    return next(i for i, b in enumerate(head) if b in CONTROL_BYTES)


def decode(data: bytes) -> Decoded:
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), None)
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError as error:
            raise DecodeError(f"not valid {encoding.upper()} after its byte-order mark: offset {error.start}") from None
    offset = _looks_binary(data)
    if offset is not None:
        raise DecodeError(f"binary data, not a text article (control byte 0x{data[offset]:02x} at offset {offset})")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        failure = error.start
        if error.reason == "unexpected end of data" and len(data) - failure < 4:
            return Decoded(data[:failure].decode("utf-8"), "utf-8", cut_at=failure)
    candidates = []
    for name in LEGACY:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_arabic_share(text), name, text))
    share, name, text = max(candidates, default=(0.0, "", ""))
    if share >= PLAUSIBLE_ARABIC:
        return Decoded(text, name, guessed=True)
    raise DecodeError(
        f"not valid UTF-8 (byte 0x{data[failure]:02x} at offset {failure}) and not plausible "
        f"Arabic or Persian in {' or '.join(LEGACY)}"
    )
