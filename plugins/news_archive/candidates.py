"""Names the authority lacks, for editors: multi-word names that recur across outlets.

Read from each report's headline and lead (where news names its people and bodies), a name
candidate is a run of two or three words in which no word is a function word or a number, at
least one word is not among the frequent words of the language (data/common_words.json), and
that names no entity of the authority. It is listed when it recurs in at least `min_reports`
reports of at least `min_outlets` outlets, with its spellings, counts and examples. Candidates
only go into the build report: an editor adds a name to the authority, nothing is published
on its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import fold

# a word: letters, with the marks written on them (shadda, harakat) and ZWNJ inside Persian words
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c])*")
LEAD_CHARS = 600  # of the body after the headline


@dataclass(frozen=True)
class Source:
    id: str
    outlet: str | None
    title: str
    lead: str


@dataclass(frozen=True)
class Candidate:
    name: str  # the most used spelling
    spellings: tuple[str, ...]
    reports: int
    outlets: tuple[str, ...]
    examples: tuple[tuple[str, str], ...]  # (article id, headline)

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "spellings": list(self.spellings),
            "reports": self.reports,
            "outlets": list(self.outlets),
            "examples": [{"id": i, "title": t} for i, t in self.examples],
        }


def _runs(text: str, stop: frozenset[str], common: frozenset[str]) -> Iterable[tuple[tuple[str, ...], str]]:
    """(folded words, as written) of every 2- and 3-word run that may be a name."""
    words = []
    for match in WORD.finditer(text):
        folded = fold.tokens(match[0])
        words.append((folded[0] if len(folded) == 1 else "", match[0]))
    for size in (2, 3):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            keys = tuple(key for key, _ in run)
            if any(not k or k in stop or len(k) < 2 for k in keys) or all(k in common for k in keys):
                continue
            yield keys, " ".join(raw for _, raw in run)


def name_candidates(
    sources: list[Source],
    known: Callable[[str], bool],
    stop: frozenset[str],
    common: frozenset[str],
    min_reports: int = 3,
    min_outlets: int = 2,
    limit: int = 100,
) -> list[Candidate]:
    """Recurring multi-word names no entity covers (`known(text)` says whether the authority
    names something in a text), most outlets first, then most reports."""
    reports: dict[tuple[str, ...], list[Source]] = defaultdict(list)
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for source in sources:
        seen = set()
        for keys, raw in _runs(f"{source.title}\n{source.lead[:LEAD_CHARS]}", stop, common):
            spellings[keys][raw] += 1
            if keys not in seen:
                seen.add(keys)
                reports[keys].append(source)
    found = []
    for keys, where in reports.items():
        outlets = sorted({s.outlet for s in where if s.outlet})
        if len(where) < min_reports or len(outlets) < min_outlets:
            continue
        names = spellings[keys].most_common()
        if known(names[0][0]):
            continue
        examples = tuple((s.id, s.title) for s in sorted(where, key=lambda s: s.id)[:3])
        found.append(Candidate(names[0][0], tuple(n for n, _ in names), len(where), tuple(outlets), examples))
    found.sort(key=lambda c: (-len(c.outlets), -c.reports, c.name))
    return _without_parts(found)[:limit]


def _without_parts(found: list[Candidate]) -> list[Candidate]:
    """Drop a two-word run that only occurs inside a longer candidate (as many reports)."""
    longer = [c for c in found if c.name.count(" ") == 2]
    return [
        c
        for c in found
        if not any(c.reports == x.reports and f" {c.name} " in f" {x.name} " for x in longer if x is not c)
    ]
