"""Seed bytes to text. UTF-8 (with or without BOM) as is; UTF-16 with a BOM decoded;
anything else is an error that names the byte offset where decoding failed."""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not text Sijill can read."""


BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises DecodeError with the offending byte offset."""
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8")
    nul = data.find(b"\x00")
    if nul >= 0 and encoding == "utf-8":
        raise DecodeError(f"binary data (NUL byte at offset {nul}), not a text article")
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"not valid {encoding.upper()}: byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None
