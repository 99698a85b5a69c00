"""Make decoded text safe to display: NFC, no stray controls, no bidi overrides.

C0 controls other than newline and tab, stray byte-order marks and the bidi embedding,
override and isolate controls (U+202A–202E, U+2066–2069) are removed, so no text can reorder
the page around it. Left-to-right and right-to-left marks stay: they only affect neutral
characters next to them and writers use them legitimately.
"""

from __future__ import annotations

import re
import unicodedata

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    return UNSAFE.sub("", unicodedata.normalize("NFC", text))


def truncate(text: str, limit_bytes: int) -> tuple[str, bool]:
    """At most `limit_bytes` of UTF-8, cut at the last line break before the limit."""
    data = text.encode("utf-8")
    if len(data) <= limit_bytes:
        return text, False
    head = data[:limit_bytes].decode("utf-8", errors="ignore")
    cut = head.rfind("\n")
    return (head[:cut] if cut > 0 else head), True


class EditorFileError(ValueError):
    """An editor's file cannot be read as text: the line and what is wrong."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def editor_text(data: bytes, limit: int, too_large: str) -> str:
    """An editor's file (annotation, authority file): at most `limit` bytes of UTF-8, cleaned
    like a seed; EditorFileError with the line of a bad byte otherwise."""
    if len(data) > limit:
        raise EditorFileError(1, f"the file is larger than {limit:,} bytes: {too_large}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise EditorFileError(line, f"not UTF-8 text (byte {error.start}): save the file as UTF-8") from None
    return clean_text(text)
