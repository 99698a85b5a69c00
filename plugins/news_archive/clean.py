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
