"""Where an article's body ends, as an editor says it (`Body_end:` in an annotation): the last
words of its last paragraph. The body then ends with the paragraph holding them, whatever the
reader decided: paragraphs after it become appended material, and lines the reader set apart
after the body (a trailing signature, "read also" material, a list of links) up to the one
holding the words become paragraphs of the body. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from .fold import fold
from .seedparse import Appended, Removed

TRAILING = ".،,؛;:!?؟…»\"'”’)]-–— "


class BodyEndError(ValueError):
    """The words are in no paragraph, or in several (the message says which)."""


@dataclass(frozen=True)
class Cut:
    """The article's text after the editor's cut."""

    paragraphs: tuple[str, ...]
    appended: tuple[Appended, ...]
    removed: tuple[Removed, ...]


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _candidates(removed: tuple[Removed, ...], appended: tuple[Appended, ...]) -> list[tuple[str, int, int]]:
    """The lines set apart after the body, in reading order: (text, where, index) with where -1
    for a trailing signature (index into `removed`), else the block's number (index: its line)."""
    found = [(r.text, -1, n) for n, r in sorted(enumerate(removed), key=lambda x: x[1].line) if r.kind == "signature"]
    for number, block in enumerate(appended):
        found += [(line, number, index) for index, line in enumerate(block.lines) if line.strip()]
    return found


def _choose(hits: list[int], texts: list[str], words: str) -> int:
    """The one paragraph the words end (else hold); an error when none or several do."""
    ending = [n for n in hits if _folded(texts[n]).rstrip(TRAILING).endswith(words.rstrip(TRAILING))]
    chosen = ending or hits
    if not chosen:
        raise BodyEndError("these words are in no paragraph of the article or of the material set apart after it")
    if len(chosen) > 1:
        raise BodyEndError(
            f"these words are in {len(chosen)} paragraphs: give more of the last paragraph's words, up to its end"
        )
    return chosen[0]


def cut(
    paragraphs: tuple[str, ...], appended: tuple[Appended, ...], removed: tuple[Removed, ...], last_words: str
) -> Cut:
    """The body ending with the paragraph that holds `last_words` (compared folded, so spelling
    variants, harakat and digits agree). Raises BodyEndError."""
    words = _folded(last_words)
    if not words:
        raise BodyEndError("no words to look for")
    after = _candidates(removed, appended)
    texts = [*paragraphs, *(text for text, _, _ in after)]
    chosen = _choose([n for n, text in enumerate(texts) if words in _folded(text)], texts, words)
    if chosen < len(paragraphs):  # the body ends earlier: what follows is set apart
        rest = paragraphs[chosen + 1 :]
        moved = (Appended("cut", rest),) if rest else ()  # "cut": set apart by an editor
        return Cut(paragraphs[: chosen + 1], moved + appended, removed)
    taken = after[: chosen - len(paragraphs) + 1]  # the body goes on over these lines
    signatures = {index for _, where, index in taken if where < 0}
    lines_taken: dict[int, set[int]] = {}
    for _, where, index in taken:
        if where >= 0:
            lines_taken.setdefault(where, set()).add(index)
    kept = []
    for number, block in enumerate(appended):
        left = tuple(line for index, line in enumerate(block.lines) if index not in lines_taken.get(number, ()))
        if any(line.strip() for line in left):
            kept.append(Appended(block.kind, left))
    return Cut(
        paragraphs + tuple(text for text, _, _ in taken),
        tuple(kept),
        tuple(r for n, r in enumerate(removed) if n not in signatures),
    )
