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

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

from . import fold

if TYPE_CHECKING:
    from .incremental import Cache

# a word: letters, with the marks written on them (shadda, harakat) and ZWNJ inside Persian words
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c])*")
LEAD_CHARS = 300  # of the body after the headline: where news names its people and bodies
Run = tuple[tuple[str, ...], str]  # a run of words that may be a name: (folded words, as written)


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


@lru_cache(maxsize=1 << 18)
def _folded(word: str) -> str:
    """A written word's folded form ("" when folding splits it or leaves nothing)."""
    folded = fold.tokens(word)
    return folded[0] if len(folded) == 1 else ""


def _runs(text: str, stop: frozenset[str], common: frozenset[str]) -> Iterable[Run]:
    """(folded words, as written) of every 2- and 3-word run that may be a name."""
    words = WORD.findall(text)
    keys = [_folded(w) for w in words]
    usable = [len(k) >= 2 and k not in stop for k in keys]
    rare = [k not in common for k in keys]
    for size in (2, 3):
        for i in range(len(words) - size + 1):
            if all(usable[i : i + size]) and any(rare[i : i + size]):
                yield tuple(keys[i : i + size]), " ".join(words[i : i + size])


def source_runs(source: Source, stop: frozenset[str], common: frozenset[str]) -> tuple[Run, ...]:
    """The runs of one report's headline and lead that may be names: (folded words, as written)."""
    return tuple(_runs(f"{source.title}\n{source.lead[:LEAD_CHARS]}", stop, common))


def source_key(source: Source) -> str:
    """The cache key of a report's runs: a digest of the text they are read from."""
    text = f"{source.title}\n{source.lead[:LEAD_CHARS]}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def name_candidates(
    sources: list[Source],
    known: Callable[[str], bool],
    stop: frozenset[str],
    common: frozenset[str],
    min_reports: int = 3,
    min_outlets: int = 2,
    limit: int = 100,
    cache: Cache | None = None,
) -> list[Candidate]:
    """Recurring multi-word names no entity covers (`known(text)` says whether the authority
    names something in a text), most outlets first, then most reports. With a `cache`, each
    report's runs are kept by a digest of its headline and lead, from one build to the next."""
    keys = [source_key(source) for source in sources] if cache is not None else []
    runs = _cached(cache, keys) if cache is not None else [None] * len(sources)
    for number, source in enumerate(sources):
        if runs[number] is None:
            runs[number] = source_runs(source, stop, common)
            if cache is not None:
                cache.put(keys[number], runs[number])
    counts = Counter(chain.from_iterable({keys for keys, _ in found} for found in runs))
    wanted = {keys for keys, n in counts.items() if n >= min_reports}
    reports: dict[tuple[str, ...], list[Source]] = defaultdict(list)
    spellings: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for source, found in zip(sources, runs, strict=True):
        seen = set()
        for keys, raw in found:
            if keys not in wanted:
                continue
            spellings[keys].append(raw)
            if keys not in seen:
                seen.add(keys)
                reports[keys].append(source)
    found = []
    for keys, where in reports.items():
        outlets = sorted({s.outlet for s in where if s.outlet})
        if len(outlets) < min_outlets:
            continue
        names = Counter(spellings[keys]).most_common()
        if known(names[0][0]):
            continue
        examples = tuple((s.id, s.title) for s in sorted(where, key=lambda s: s.id)[:3])
        found.append(Candidate(names[0][0], tuple(n for n, _ in names), len(where), tuple(outlets), examples))
    found.sort(key=lambda c: (-len(c.outlets), -c.reports, c.name))
    return _without_parts(found)[:limit]


def _cached(cache: Cache, keys: list[str]) -> list:
    """The cache's values for these keys, in one go when it can (Store.get_many)."""
    many = getattr(cache, "get_many", None)
    return many(keys) if many is not None else [cache.get(k) for k in keys]


def _without_parts(found: list[Candidate]) -> list[Candidate]:
    """Drop a two-word run that only occurs inside a longer candidate (as many reports)."""
    longer = [c for c in found if c.name.count(" ") == 2]
    return [
        c
        for c in found
        if not any(c.reports == x.reports and f" {c.name} " in f" {x.name} " for x in longer if x is not c)
    ]
