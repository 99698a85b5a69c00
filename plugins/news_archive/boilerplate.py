"""The archive-wide signal of issue 11: lines an outlet's template repeats. Pure: no Pelican, no I/O.

Menus, mastheads, share bars, "read also" labels and footers repeat across the files of one
outlet; headlines and body text do not. One cheap pass over every seed's cleaned lines counts,
per position, in how many files each folded line occurs:

    head  the lines above the text (before the first line that ends a sentence and has
          TEXT_MIN_WORDS words or more): menus, mastheads, date lines, the headline;
    tail  the lines after the text (after the last such line): labels, lists, footers.

A line is boilerplate at a position when it occurs there in MIN_FILES files or more, has
MIN_TOKENS tokens or more, and the files holding it do not share their text. That last test
keeps one story's lines: reports of the same story by several outlets may repeat its headline
or a closing line, but they then carry the same lead or the same last sentence too, while an
outlet's masthead stands above a different lead in every file. Text lines (sentences)
are never counted, so a quote or lead sentence shared by many reports is never boilerplate.

`parse_seed(text, boilerplate)` takes the lines of one file (`Boilerplate.within`): a repeated
head line is never a headline; a repeated tail line, and what follows it, is set apart.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .fold import tokens

MIN_FILES = 8  # at least this many files hold the line at the same position (bench/README.md)
MIN_TOKENS = 2  # a one-word line (`محليات`, `تويتر`) says too little to be recognised by repetition
STORY_SHARE = 0.5  # when this share of its files share the lead (or last line) next to it, it is a story's line
TEXT_MIN_WORDS = 8  # a line ending a sentence with this many words is text, not furniture
HEAD_LINES = 12  # non-empty lines looked at above the text
TAIL_LINES = 30  # and after it
MAX_LINE_CHARS = 300  # a longer line is text whatever its punctuation
SENTENCE_END = re.compile(r"[.!?؟…:;؛][\"»”’)\]]*(?:\s+\S)?\s*$")


def line_key(line: str) -> str:
    """The folded, normalised form two occurrences of a line share."""
    return " ".join(tokens(line))


def is_text(line: str) -> bool:
    """A line of the article's text: a sentence of some length."""
    return len(line) > MAX_LINE_CHARS or (len(line.split()) >= TEXT_MIN_WORDS and bool(SENTENCE_END.search(line)))


@dataclass(frozen=True)
class Regions:
    """What one file contributes to the count: the keys of its head and tail lines, and a
    digest of the text next to them (its first and last text lines)."""

    head: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()
    lead: str = ""
    last: str = ""


def _digest(line: str) -> str:
    return hashlib.blake2b(line_key(line).encode("utf-8"), digest_size=8).hexdigest()


def regions(text: str) -> Regions:
    """The head and tail lines of a cleaned text (no text line: nothing to count)."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    first = next((i for i, line in enumerate(lines) if is_text(line)), None)
    if first is None:
        return Regions()
    last = next(i for i in range(len(lines) - 1, -1, -1) if is_text(lines[i]))
    keep = lambda found: tuple(dict.fromkeys(k for k in found if len(k.split()) >= MIN_TOKENS))  # noqa: E731
    head = keep(line_key(line) for line in lines[max(0, first - HEAD_LINES) : first])
    tail = keep(line_key(line) for line in lines[last + 1 : last + 1 + TAIL_LINES])
    return Regions(head, tail, _digest(lines[first]), _digest(lines[last]))


@dataclass(frozen=True)
class Boilerplate:
    """Folded lines repeated above (`head`) and after (`tail`) the text of many files."""

    head: frozenset[str] = frozenset()
    tail: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.head or self.tail)

    def within(self, found: Regions) -> Boilerplate:
        """Those of one file's lines (what its parse depends on, hence its cache key)."""
        return Boilerplate(
            frozenset(k for k in found.head if k in self.head), frozenset(k for k in found.tail if k in self.tail)
        )

    def key(self) -> str:
        """A short digest of the lines ('' for none): part of a file's cache key."""
        if not self:
            return ""
        data = "\n".join(["head", *sorted(self.head), "tail", *sorted(self.tail)]).encode("utf-8")
        return hashlib.blake2b(data, digest_size=8).hexdigest()


@dataclass
class _Count:
    files: Counter = field(default_factory=Counter)
    # key -> the first text lines of its files, and their last text lines
    leads: defaultdict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    lasts: defaultdict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, keys: tuple[str, ...], found: Regions) -> None:
        self.files.update(keys)
        for key in keys:  # a key's Counters made when it is first met (10,000 seeds: 0.18 -> 0.09 s)
            self.leads[key][found.lead] += 1
            self.lasts[key][found.last] += 1

    def repeated(self, min_files: int) -> frozenset[str]:
        found = set()
        for key, count in self.files.items():
            if count < min_files:
                continue
            shared = max(sum(n for n in texts[key].values() if n > 1) for texts in (self.leads, self.lasts))
            if shared < STORY_SHARE * count:  # most of its files tell different stories: a template's line
                found.add(key)
        return frozenset(found)


def find(all_regions: Iterable[Regions], min_files: int = MIN_FILES) -> Boilerplate:
    """The lines repeated at the same position in `min_files` files or more (see the module)."""
    head, tail = _Count(), _Count()
    for found in all_regions:
        head.add(found.head, found)
        tail.add(found.tail, found)
    return Boilerplate(head.repeated(min_files), tail.repeated(min_files))


def for_texts(texts: list[str], min_files: int = MIN_FILES) -> list[Boilerplate]:
    """Each text's own boilerplate lines, found over all of `texts` (one archive)."""
    found = [regions(text) for text in texts]
    everything = find(found, min_files)
    return [everything.within(r) for r in found]
