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
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from . import fold
from .incremental import get_many

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


# A report's runs as cached: the CRC-32 of each run's folded words (uint32, as bytes), and the
# runs as one text, a line each ("folded words\tas written"). A build reads every report's
# CRCs (cheap: one bytes object each) to count the runs, and splits out only the lines of the
# runs that may recur: unpickling every report's runs as tuples took 0.7 s at 10,000 reports.
Packed = tuple[bytes, str]


def pack(runs: tuple[Run, ...]) -> Packed:
    keys = [" ".join(words) for words, _ in runs]  # folded words hold no space, tab or newline
    crcs = np.fromiter((zlib.crc32(k.encode("utf-8", "surrogatepass")) for k in keys), np.uint32, len(keys))
    return crcs.tobytes(), "\n".join(f"{k}\t{raw}" for k, (_, raw) in zip(keys, runs, strict=True))


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
    report's runs are kept by a digest of its headline and lead, from one build to the next.

    The runs are counted by their CRC first: only those whose CRC is in `min_reports` reports
    can recur, and only they are read and counted again by their words (two runs with one CRC
    are then told apart), so the result is that of counting the words themselves."""
    keys = [source_key(source) for source in sources] if cache is not None else []
    packed: list = get_many(cache, keys) if cache is not None else [None] * len(sources)
    for number, source in enumerate(sources):
        if packed[number] is None:
            packed[number] = pack(source_runs(source, stop, common))
            if cache is not None:
                cache.put(keys[number], packed[number])
    crcs = [np.frombuffer(c, np.uint32) for c, _ in packed]
    lengths = np.array([len(c) for c in crcs], np.int64)
    every = np.concatenate(crcs) if crcs else np.empty(0, np.uint32)
    owner = np.repeat(np.arange(len(crcs), dtype=np.uint64), lengths)
    # each CRC once per report, by sorting (numpy 2's hash-based np.unique: 0.6 s at 10,000 reports)
    pairs = np.sort((owner << np.uint64(32)) | every.astype(np.uint64))
    distinct = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    values = np.sort((distinct & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    reach = len(values) - max(min_reports, 1) + 1  # a CRC in min_reports reports: min_reports equal values in a row
    recurring = values[:reach][values[len(values) - reach :] == values[:reach]] if reach > 0 else values[:0]
    if len(recurring):  # sorted: a binary search (np.isin would sort both arrays again)
        maybe = recurring[np.minimum(np.searchsorted(recurring, every), len(recurring) - 1)] == every
    else:
        maybe = np.zeros(len(every), bool)
    ends = np.cumsum(lengths).tolist()
    found_runs: list[list[tuple[str, str]]] = []  # per report, its runs that may recur
    for number, (_, text) in enumerate(packed):
        lo = ends[number - 1] if number else 0
        taken = np.flatnonzero(maybe[lo : ends[number]]).tolist()
        lines = text.split("\n") if taken else []
        found_runs.append([tuple(lines[k].split("\t")) for k in taken])  # type: ignore[misc]
    del packed, crcs, every, owner, maybe
    counts = Counter(chain.from_iterable({k for k, _ in found} for found in found_runs))
    wanted = {k for k, n in counts.items() if n >= min_reports}
    reports: dict[str, list[Source]] = defaultdict(list)
    spellings: dict[str, list[str]] = defaultdict(list)
    for source, found in zip(sources, found_runs, strict=True):
        seen = set()
        for k, raw in found:
            if k not in wanted:
                continue
            spellings[k].append(raw)
            if k not in seen:
                seen.add(k)
                reports[k].append(source)
    candidates = []
    for k, where in reports.items():
        outlets = sorted({s.outlet for s in where if s.outlet})
        if len(outlets) < min_outlets:
            continue
        names = Counter(spellings[k]).most_common()
        examples = tuple((s.id, s.title) for s in sorted(where, key=lambda s: s.id)[:3])
        candidates.append(Candidate(names[0][0], tuple(n for n, _ in names), len(where), tuple(outlets), examples))
    candidates.sort(key=lambda c: (-len(c.outlets), -c.reports, c.name))
    return _unknown_without_parts(candidates, known, limit)


def _unknown_without_parts(found: list[Candidate], known: Callable[[str], bool], limit: int) -> list[Candidate]:
    """The first `limit` of `found` that the authority does not know, less each two-word run
    that only occurs inside a longer unknown candidate (as many reports). `known` is asked
    only of the candidates this needs (not of all 9,939 recurring names of 10,000 reports)."""
    answers: dict[str, bool] = {}

    def unknown(c: Candidate) -> bool:
        if c.name not in answers:
            answers[c.name] = not known(c.name)
        return answers[c.name]

    longer: dict[int, list[Candidate]] = defaultdict(list)  # by their number of reports
    for x in found:
        if x.name.count(" ") == 2:
            longer[x.reports].append(x)
    kept: list[Candidate] = []
    for c in found:
        if len(kept) >= limit:
            break
        if unknown(c) and not any(
            f" {c.name} " in f" {x.name} " and unknown(x) for x in longer.get(c.reports, ()) if x is not c
        ):
            kept.append(c)
    return kept
