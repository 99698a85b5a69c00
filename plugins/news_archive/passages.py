"""Anchor an editor's quotation to the article text, and cut paragraphs around the marks.

A passage is found by what it says, never by offsets or paragraph numbers (the W3C
TextQuoteSelector idea): the quote, and an optional prefix or suffix, are folded with the
project's fold spec and whitespace-collapsed, and so is the article body, its paragraphs
joined by a space. Harakat, tatweel, ی/ي or a line broken elsewhere in the seed therefore do
not move an anchor. A quote must match exactly one place (after its prefix and suffix). Pure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .fold import fold

Span = tuple[int, int, int]  # (paragraph index, start, end) in the original paragraph text


class AnchorError(ValueError):
    """The quote matches no place in the text, or more than one."""


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str | None = None  # the id of the passage this text belongs to
    first: bool = False  # the first piece of that passage (the one that carries its id)
    last: bool = False  # the last piece (the one followed by the link to its note)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return " " if char.isspace() else fold(char)


def _collapse(text: str) -> str:
    return " ".join("".join(_fold_char(c) for c in unicodedata.normalize("NFC", text)).split())


def folded_body(paragraphs: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]]:
    """The body folded and whitespace-collapsed, with the (paragraph, offset) each of its
    characters came from."""
    out: list[str] = []
    origins: list[tuple[int, int]] = []
    for number, paragraph in enumerate(paragraphs):
        for offset, char in enumerate(paragraph):
            for folded in _fold_char(char):
                if folded == " " and (not out or out[-1] == " "):
                    continue
                out.append(folded)
                origins.append((number, offset))
        if out and out[-1] != " ":
            out.append(" ")
            origins.append((number, len(paragraph)))
    while out and out[-1] == " ":
        out.pop()
        origins.pop()
    return "".join(out), origins


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def anchor(paragraphs: tuple[str, ...], quote: str, prefix: str = "", suffix: str = "") -> tuple[Span, ...]:
    """Where `quote` is in the paragraphs: one span per paragraph it covers."""
    body, origins = folded_body(paragraphs)
    needle = _collapse(quote)
    if not needle:
        raise AnchorError("the quote is empty once folded")
    before, after = _collapse(prefix), _collapse(suffix)
    places = [
        s
        for s in _occurrences(body, needle)
        if (not before or body[:s].rstrip().endswith(before))
        and (not after or body[s + len(needle) :].lstrip().startswith(after))
    ]
    if not places:
        context = " with that prefix/suffix" if before or after else ""
        raise AnchorError(f"the quote {quote!r} is not in the article text{context}")
    if len(places) > 1:
        raise AnchorError(
            f"the quote {quote!r} is in {len(places)} places in the article text: "
            "add a Prefix: or Suffix: (the words just before or after it) to say which"
        )
    start, end = places[0], places[0] + len(needle) - 1
    first_para, first_offset = origins[start]
    last_para, last_offset = origins[end]
    spans = []
    for number in range(first_para, last_para + 1):
        lo = first_offset if number == first_para else 0
        hi = last_offset + 1 if number == last_para else len(paragraphs[number])
        spans.append((number, lo, hi))
    return tuple(spans)


def overlap(a: tuple[Span, ...], b: tuple[Span, ...]) -> bool:
    return any(pa == pb and lo_a < hi_b and lo_b < hi_a for pa, lo_a, hi_a in a for pb, lo_b, hi_b in b)


def segments(paragraph: str, number: int, marks: dict[str, tuple[Span, ...]]) -> tuple[Segment, ...]:
    """Paragraph `number` cut into plain and marked pieces (marks must not overlap)."""
    cuts = sorted(
        (lo, hi, ident, (number, lo, hi) == spans[0], (number, lo, hi) == spans[-1])
        for ident, spans in marks.items()
        for para, lo, hi in spans
        if para == number
    )
    pieces, position = [], 0
    for lo, hi, ident, first, last in cuts:
        if lo > position:
            pieces.append(Segment(paragraph[position:lo]))
        pieces.append(Segment(paragraph[lo:hi], ident, first, last))
        position = hi
    if position < len(paragraph) or not pieces:
        pieces.append(Segment(paragraph[position:]))
    return tuple(pieces)
