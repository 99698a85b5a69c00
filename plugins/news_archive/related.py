"""Related reports: same-story links across outlets and languages, near-duplicates, stories.

Plain records in, ranked links with their evidence out (no Pelican, no I/O):

1. Features, in worker processes: each report's folded, lightly stemmed terms without
   function words (as CRC-32 ids), their counts, and the 32-bit hashes of its 5-term shingles,
   from which a MinHash signature (datasketch's affine32 scheme, computed with numpy) and a
   fixed-size sample for measuring shared text. They depend on the report's text only, so a
   cache (the build's, incremental.Store) keeps them by a digest of that text from one build
   to the next: only new or changed reports are analysed again.
2. Candidates, better than quadratic: MinHash LSH collisions (near-duplicates and shared
   passages) and, for each report, the reports that score highest on its strongest TF-IDF
   terms and the specific entities it names, so reports in different languages become
   candidates through the names they share.
3. Each candidate pair is scored, with numpy over all pairs at once, from three pieces of
   evidence weighted by settings: text (TF-IDF cosine), entities (shared entities weighted by
   rarity, generic ones such as Russia much less) and date (closeness, only when both dates
   are known; otherwise it is left out of the score). A pair needs real evidence: enough
   shared text, or at least two shared specific entities. Within one language a link means
   "the same event" and is shown on evidence of one (text, shared passages, headlines and
   dates together: names tell a subject, not an event); across languages, on its score.
4. Stories are the connected groups of strongly linked reports, named after their earliest.

Nothing is translated; the appended "read also" material never enters (records hold the body).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import json
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import chain, groupby
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from . import fold
from .archive import outlet_labels
from .dates import instant
from .incremental import get_many
from .workers import SHARED, default_processes, fork_map, ranges, release_free_memory

if TYPE_CHECKING:
    from .archive import Entry
    from .incremental import Cache

STOPWORDS_PATH = Path(__file__).parent / "data" / "stopwords.json"
ENTITY_VECTOR_WEIGHT = 0.3  # a shared specific entity proposes a candidate like a strong shared term
TERM_PRIOR = 100  # smoothing of term rarity, as `entity_prior` smooths entity rarity (see _tfidf)


@dataclass(frozen=True)
class Report:
    id: str
    lang: str
    date: dt.date | None
    outlet: str | None
    title: str
    paragraphs: tuple[str, ...]
    entities: tuple[str, ...] = ()  # gazetteer ids named in the report
    moment: dt.datetime | None = None  # date and time of day, when the time is known (dates.instant)

    @classmethod
    def from_entry(cls, entry: Entry) -> Report:
        """From an archive Entry: its body, never its appended material; its moment as the
        listings order it (archive.moment)."""
        moment = instant(entry.date, entry.time, entry.timezone)
        return cls(
            entry.id, entry.lang, entry.date, entry.outlet, entry.title, entry.paragraphs, entry.entities, moment
        )


@dataclass(frozen=True)
class Weights:
    """Settings (NEWS_ARCHIVE["related"]): how evidence combines. Documented in the README."""

    text: float = 0.45
    entities: float = 0.40
    date: float = 0.15
    threshold: float = 0.40  # lowest score shown as related
    event: float = 0.40  # within one language, lowest evidence of one event shown as related (see relate)
    story: float = 0.30  # lowest average score between two groups of reports that join one story
    story_days: int = 14  # a story spans at most this many days, unless strong evidence joins it
    story_strong: float = 0.80  # a link this strong (or a near-duplicate) is strong evidence
    duplicate: float = 0.5  # share of shingles that makes a near-duplicate
    duplicate_min_words: int = 25  # shorter reports (a headline and a line) are never near-duplicates
    max_duplicates: int = 3  # near-duplicates flagged (and compared on a page of their own) per report
    min_text: float = 0.12  # text cosine that counts as evidence on its own
    min_entities: int = 2  # or this many shared specific entities
    half_life_days: float = 3.0  # date closeness halves every this many days
    max_links: int = 8
    generic_entities: tuple[str, ...] = ("russia", "moscow", "kremlin", "putin", "turkey")
    generic_weight: float = 0.15  # weight of a generic entity against a specific one
    entity_prior: int = 100  # smoothing of entity rarity (see _entity_weights)
    entity_scale: float = 6.0  # shared rarity at which entity evidence reaches 63%
    prune_terms: int = 25  # strongest terms per report used to find candidates
    candidates: int = 30  # neighbours per report scored in full (besides MinHash collisions)

    @classmethod
    def from_settings(cls, values: dict) -> Weights:
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"NEWS_ARCHIVE['related']: unknown setting(s) {', '.join(sorted(unknown))}")
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


@dataclass(frozen=True)
class Link:
    target: str
    score: float
    shared_entities: tuple[str, ...]  # most telling first
    text_share: float  # share of the shorter report's 5-token passages found in the other
    days: int | None  # days apart, when both dates are known
    duplicate: bool
    first: str | None  # id of the report published first, when the dates say so


@dataclass(frozen=True)
class Story:
    id: str  # the id of its earliest report
    members: tuple[str, ...]  # by date (undated last), then id
    entities: tuple[str, ...]  # at its centre: named by most of its reports
    outlets: tuple[str, ...]
    langs: tuple[str, ...]
    days: int | None = None  # days between its first and last dated reports
    far: bool = False  # spans more than `story_days`: joined on strong evidence (said on its page)


@dataclass
class Related:
    links: dict[str, list[Link]] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)


# --- features ----------------------------------------------------------------------------------
SHINGLE = 5  # tokens per shingle
NUM_PERM = 64  # MinHash permutations
LSH_THRESHOLD = 0.2  # MinHash Jaccard estimate that LSH is tuned to catch
# datasketch's MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM) bands: 28 of 2 rows (its
# choice, held by a test; written here so that building imports neither datasketch nor its
# SciPy optimiser: 0.4 s of every build)
LSH_BANDS = tuple((start, start + 2) for start in range(0, 56, 2))
LSH_WINDOW = 50  # see _lsh_pairs
ALL_PAIRS = 300  # archives this small have every pair scored (see _candidates)
PAIR_BATCH = 4096  # pairs a thread of _pair_sums scores at once
SAMPLE = 256  # shingle hashes kept per report at least (all of them for shorter reports)
TERM_BITS = 22  # terms are hashed into 2^22 columns (see _Analyser)
ANALYSE_JOB = 1000  # reports per job of the text analysis: workers hand results back as they go
_FNV = np.uint64(0x100000001B3)


@cache
def stopwords() -> frozenset[str]:
    data = json.loads(STOPWORDS_PATH.read_text("utf-8"))
    return frozenset(t for words in data["words"].values() for w in words for t in fold.tokens(w))


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser, as datasketch applies it: spreads structured hashes over 32 bits."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def shingle_hashes(ids: np.ndarray, size: int = SHINGLE) -> np.ndarray:
    """Sorted unique 32-bit hashes of every run of `size` consecutive term ids (of all of them
    when there are fewer)."""
    if not len(ids):
        return np.empty(0, np.uint32)
    t = ids.astype(np.uint64)
    width = min(size, len(t))
    count = len(t) - width + 1
    h = t[:count].copy()
    for k in range(1, width):
        h = h * _FNV + t[k : k + count]  # wraps modulo 2^64: a polynomial hash of the run
    return _unique(_fmix32((h ^ (h >> np.uint64(32))).astype(np.uint32)))[0]


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_counts=True), by sorting: on one report's shingle hashes numpy
    2's hash-based unique takes three times as long."""
    ordered = np.sort(values)
    starts = np.flatnonzero(np.concatenate(([len(ordered) > 0], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


class _Analyser:
    """Term ids (CRC-32 of the folded light stem) of a text, function words and numbers left out.
    CRC-32 is stable across runs and processes, so the ranking is deterministic. Their low
    TERM_BITS bits are the term's column in the TF-IDF matrix (the hashing trick: no vocabulary
    to collect and look up; of the 225k distinct terms of 100k synthetic reports, 5% share
    a column with another term)."""

    def __init__(self) -> None:
        self.stop = stopwords()
        self.cache: dict[str, int] = {}

    def ids(self, text: str) -> np.ndarray:
        tokens, cache = fold.tokens(text), self.cache
        for token in set(tokens).difference(cache):
            cache[token] = -1 if token in self.stop or token.isdigit() else zlib.crc32(fold.stem(token).encode())
        ids = np.fromiter(map(cache.__getitem__, tokens), np.int64, len(tokens))
        return ids[ids >= 0].astype(np.uint32)


@dataclass
class _Features:
    """Per report, packed: MinHash signature, a sample of its shingle hashes (those whose low
    `level` bits are 0, at most about 2 * SAMPLE of them), its number of shingles, the terms
    of its title and the number of words of its body (split at whitespace)."""

    signatures: np.ndarray
    samples: np.ndarray
    sample_ptr: np.ndarray
    levels: np.ndarray
    sizes: np.ndarray
    titles: sparse.csr_matrix  # the title's terms (1 where present)
    words: np.ndarray

    def sample(self, i: int) -> np.ndarray:
        return self.samples[self.sample_ptr[i] : self.sample_ptr[i + 1]]


def _text(report: Report) -> str:
    """All that the features are computed from."""
    return report.title + "\n" + "\n".join(report.paragraphs)


def _analyse_range(bounds: tuple[int, int]) -> tuple[np.ndarray, ...]:
    reports: list[Report] = SHARED["reports"]
    a, b = SHARED["permutations"]
    analyser: _Analyser = SHARED["analyser"]  # each worker fills its own copy's cache
    terms_, counts, n_terms, signatures, samples, n_samples, levels, sizes = [], [], [], [], [], [], [], []
    titles, n_titles, words = [], [], []
    mask = np.uint32((1 << TERM_BITS) - 1)
    for report in reports[bounds[0] : bounds[1]]:
        head = analyser.ids(report.title)  # the ids of _text(report): its title's, then its body's
        body = "\n".join(report.paragraphs)
        ids = np.concatenate([head, analyser.ids(body)])
        words.append(len(body.split()))
        unique, count = _unique((ids & mask).astype(np.int32))
        title = _unique((head & mask).astype(np.int32))[0]
        titles.append(title)
        n_titles.append(len(title))
        hashes = shingle_hashes(ids)
        if len(hashes):
            signatures.append((_fmix32(hashes)[:, None] * a + b).min(axis=0))  # datasketch's affine32 scheme
        else:
            signatures.append(np.full(NUM_PERM, np.iinfo(np.uint32).max, np.uint32))
        level = max(0, len(hashes).bit_length() - SAMPLE.bit_length())
        sample = hashes[(hashes & np.uint32((1 << level) - 1)) == 0]
        terms_.append(unique)
        counts.append(count.astype(np.float32))
        n_terms.append(len(unique))
        samples.append(sample)
        n_samples.append(len(sample))
        levels.append(level)
        sizes.append(len(hashes))
    return (
        np.concatenate(terms_),
        np.concatenate(counts),
        np.array(n_terms, np.int64),
        np.array(signatures, np.uint32).reshape(-1, NUM_PERM),
        np.concatenate(samples),
        np.array(n_samples, np.int64),
        np.array(levels, np.int8),
        np.array(sizes, np.int64),
        np.concatenate(titles),
        np.array(n_titles, np.int64),
        np.array(words, np.int64),
    )


# One report's features, as cached: its term columns (int32) and their counts (float32), its
# MinHash signature (NUM_PERM uint32), its sample of shingle hashes (uint32), as bytes; its
# sampling level and number of shingles; its title's term columns (int32), as bytes; its words.
Analysed = tuple[bytes, bytes, bytes, bytes, int, int, bytes, int]


def _split(part: tuple[np.ndarray, ...]) -> list[Analysed]:
    """A worker's packed results (see _analyse_range), one report at a time."""
    terms, counts, n_terms, signatures, samples, n_samples, levels, sizes, titles, n_titles, words = part
    t = np.concatenate([[0], np.cumsum(n_terms)]).tolist()
    s = np.concatenate([[0], np.cumsum(n_samples)]).tolist()
    h = np.concatenate([[0], np.cumsum(n_titles)]).tolist()
    return [
        (
            terms[t[k] : t[k + 1]].tobytes(),
            counts[t[k] : t[k + 1]].tobytes(),
            signatures[k].tobytes(),
            samples[s[k] : s[k + 1]].tobytes(),
            int(levels[k]),
            int(sizes[k]),
            titles[h[k] : h[k + 1]].tobytes(),
            int(words[k]),
        )
        for k in range(len(n_terms))
    ]


def _keys(
    reports: list[Report], permutations: tuple[np.ndarray, np.ndarray], texts: list[str] | None = None
) -> list[str]:
    """Each report's cache key: a digest of the analysis' parameters and of its text (_text, and
    where its title ends), or of what stands for its text (`texts`: a digest per report that
    changes whenever its text does)."""
    params = hashlib.sha256(f"{SHINGLE} {NUM_PERM} {SAMPLE} {TERM_BITS} title".encode())
    for values in permutations:
        params.update(values.tobytes())
    prefix = params.digest()
    if texts is not None:
        return [hashlib.sha256(prefix + f"given {text}".encode()).hexdigest() for text in texts]
    return [
        hashlib.sha256(prefix + f"{len(r.title)} {_text(r)}".encode("utf-8", "surrogatepass")).hexdigest()
        for r in reports
    ]


def _analyse(
    reports: list[Report], processes: int, cache: Cache | None = None, texts: list[str] | None = None
) -> tuple[sparse.csr_matrix, _Features]:
    """Term counts (a sparse matrix over the hashed terms) and features of every report: from
    `cache` when it holds those of the report's text, the others computed in worker processes
    (and added to it). `texts`: see _keys."""
    permutations = minhash_permutations()
    keys = _keys(reports, permutations, texts) if cache is not None else []
    values: list[Analysed | None] = get_many(cache, keys) if cache is not None else [None] * len(reports)
    missing = [i for i, value in enumerate(values) if value is None]
    jobs = ranges(len(missing), -(-len(missing) // ANALYSE_JOB))
    todo = [reports[i] for i in missing]
    results = fork_map(_analyse_range, jobs, processes, reports=todo, permutations=permutations, analyser=_Analyser())
    for (lo, _hi), part in zip(jobs, results, strict=True):
        for offset, value in enumerate(_split(part)):
            values[missing[lo + offset]] = value
            if cache is not None:
                cache.put(keys[missing[lo + offset]], value)
    del results, todo
    columns: list = list(zip(*values, strict=True)) if values else [()] * 8
    del values

    def take(column: int, dtype: type) -> np.ndarray:  # one column of every report's features, freed as it goes
        joined = np.frombuffer(bytearray().join(columns[column]), dtype)
        columns[column] = None
        return joined

    def offsets(lengths: np.ndarray) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(lengths)])

    n_terms = np.array([len(x) // 4 for x in columns[0]], np.int64)
    n_samples = np.array([len(x) // 4 for x in columns[3]], np.int64)
    n_titles = np.array([len(x) // 4 for x in columns[6]], np.int64)
    levels, sizes = np.array(columns[4], np.int8), np.array(columns[5], np.int64)
    indices, data = take(0, np.int32), take(1, np.float32)
    counts = sparse.csr_matrix((data, indices, offsets(n_terms)), shape=(len(reports), 1 << TERM_BITS))
    signatures = take(2, np.uint32).reshape(-1, NUM_PERM)
    title_columns = take(6, np.int32)
    titles = sparse.csr_matrix(
        (np.ones(len(title_columns), np.float32), title_columns, offsets(n_titles)), shape=counts.shape
    )
    words = np.array(columns[7], np.int64)
    features = _Features(signatures, take(3, np.uint32), offsets(n_samples), levels, sizes, titles, words)
    release_free_memory()  # the workers' results, now joined
    return counts, features


def _tfidf(counts: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF rows (sublinear tf), computed in place of the counts and in slices
    (scikit-learn's TfidfTransformer takes a float64 temporary as large as the whole matrix), and
    the IDF of each column: log((reports + TERM_PRIOR + 1) / (reports with the term + 1)) + 1, as if
    the archive held TERM_PRIOR more reports without it. In a small archive every word of its one
    subject is common, yet two reports that share them still tell one event (the seeds' reports of
    one briefing: text cosine 0.24-0.35 without the prior, 0.34-0.45 with it); from a few thousand
    reports on, the prior changes little."""
    n = counts.shape[0]
    idf = np.log((n + TERM_PRIOR + 1) / (np.bincount(counts.indices, minlength=counts.shape[1]) + 1.0)) + 1.0
    data, indices = counts.data, counts.indices
    for lo in range(0, len(data), 1 << 22):
        part = data[lo : lo + (1 << 22)]
        np.log(part, out=part)
        part += 1.0
        part *= idf[indices[lo : lo + (1 << 22)]]
    return unit_rows(counts), idf


def unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each row scaled to length 1 (L2), in place, bit for bit as scikit-learn's
    `normalize(matrix, copy=False)` does it (squares in the data's type summed in float64 in
    order, each value divided in float64), without importing scikit-learn (0.7 s of every build).
    Rows of zeros stay as they are."""
    data, indptr = matrix.data, matrix.indptr
    for lo in range(0, matrix.shape[0], 1 << 16):
        hi = min(lo + (1 << 16), matrix.shape[0])
        part = data[indptr[lo] : indptr[hi]]
        rows = np.repeat(np.arange(hi - lo), np.diff(indptr[lo : hi + 1]))
        norms = np.sqrt(np.bincount(rows, weights=(part * part).astype(np.float64), minlength=hi - lo))
        norms[norms == 0.0] = 1.0
        part[:] = part / norms[rows]
    return matrix


@cache
def minhash_permutations() -> np.ndarray:
    """datasketch's `MinHash(num_perm=NUM_PERM, seed=1).permutations` (affine32 scheme: odd `a`,
    any `b`, from numpy's RandomState(1)), computed without importing datasketch."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


# --- candidates ----------------------------------------------------------------------------------
def _strongest(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Each row cut to its `keep` largest values (np.argpartition settles ties at the cut, the
    same way on every run)."""
    indptr, data = matrix.indptr, matrix.data
    chosen = []
    for row in range(matrix.shape[0]):
        lo, hi = indptr[row], indptr[row + 1]
        if hi - lo <= keep:
            chosen.append(np.arange(lo, hi))
        else:
            chosen.append(lo + np.sort(np.argpartition(-data[lo:hi], keep - 1)[:keep]))
    taken = np.concatenate(chosen) if chosen else np.empty(0, np.int64)
    sizes = np.minimum(np.diff(indptr), keep)
    return sparse.csr_matrix(
        (data[taken], matrix.indices[taken], np.concatenate([[0], np.cumsum(sizes)])), shape=matrix.shape
    )


def _neighbour_range(bounds: tuple[int, int]) -> np.ndarray:
    """For each report in the range, the `neighbours` reports with the largest product of
    candidate vectors, as (i, j) pairs. Computed in blocks so memory stays bounded."""
    vectors, transposed, k = SHARED["vectors"], SHARED["transposed"], SHARED["neighbours"]
    pairs = [np.empty((2, 0), np.int64)]
    for lo in range(bounds[0], bounds[1], 1024):
        product = (vectors[lo : min(lo + 1024, bounds[1])] @ transposed).tocoo()  # type: ignore[operator]
        other = product.col != product.row + lo
        block = sparse.csr_matrix((product.data[other], (product.row[other], product.col[other])), shape=product.shape)
        top = _strongest(block, k).tocoo()  # type: ignore[arg-type]
        pairs.append(np.stack([top.row.astype(np.int64) + lo, top.col.astype(np.int64)]))
    return np.concatenate(pairs, axis=1)


def _lsh_pairs(signatures: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Pairs whose MinHash signatures agree on a whole band: likely to share many passages.

    The bands are those datasketch's MinHashLSH chooses for LSH_THRESHOLD; the banding itself
    is done with numpy over all reports at once (MinHashLSH's dictionaries of Python sets took
    15 s and about 800 MB for 100k reports). Reports without a single passage have no
    signature and are left out. In a bucket of very many copies each is paired with the next
    LSH_WINDOW only, so the pairs stay linear in the number of reports (they still all join
    one story)."""
    present = np.flatnonzero(sizes)
    values = signatures[present].astype(np.uint64)
    pairs = [np.empty((2, 0), np.int64)]
    for start, end in LSH_BANDS:
        key = np.zeros(len(present), np.uint64)
        for column in range(start, end):
            key = key * _FNV + values[:, column]  # a polynomial hash of the band
        order = np.argsort(key, kind="stable")
        ranked = key[order]
        for step in range(1, LSH_WINDOW + 1):
            same = np.flatnonzero(ranked[step:] == ranked[:-step])
            if not len(same):
                break  # no bucket holds more than `step` reports
            pairs.append(np.stack([present[order[same]], present[order[same + step]]]))
    return np.concatenate(pairs, axis=1)


def _entity_matrix(reports: list[Report], names: list[str]) -> sparse.csr_matrix:
    column = {e: c for c, e in enumerate(names)}
    rows = [sorted({column[e] for e in r.entities}) for r in reports]
    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
    indices = np.array([c for r in rows for c in r], np.int32)
    return sparse.csr_matrix((np.ones(len(indices), np.float32), indices, indptr), shape=(len(reports), len(names)))


def _candidates(
    text: sparse.csr_matrix,
    entities: sparse.csr_matrix,
    specific: np.ndarray,
    features: _Features,
    weights: Weights,
    processes: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i < j), unique and sorted: each report's strongest neighbours over its
    strongest terms and the specific entities it names, and every MinHash LSH collision.
    A term or entity that is among the strongest of very many reports says little, so above a
    document-frequency cap it does not propose candidates (it still counts in the score).
    A small archive simply scores every pair."""
    n = text.shape[0]
    if n <= ALL_PAIRS:
        i, j = np.triu_indices(n, 1)
        return i.astype(np.int64), j.astype(np.int64)
    cap = max(50, int(4 * math.sqrt(n)))
    df = np.asarray(entities.sum(axis=0)).ravel()
    proposing = entities @ sparse.diags((specific & (df <= cap)).astype(np.float32) * ENTITY_VECTOR_WEIGHT)
    strongest = _strongest(text, weights.prune_terms)
    term_df = np.bincount(strongest.indices, minlength=strongest.shape[1])
    strongest = (strongest @ sparse.diags((term_df <= cap).astype(np.float32))).tocsr()
    strongest.eliminate_zeros()
    vectors = sparse.hstack([strongest, proposing], format="csr")
    jobs = ranges(n, 4 * processes if n > 2000 else 1)
    pairs = list(
        fork_map(
            _neighbour_range,
            jobs,
            processes,
            vectors=vectors,
            transposed=vectors.T.tocsr(),
            neighbours=weights.candidates,
        )
    )
    both = np.concatenate([*pairs, _lsh_pairs(features.signatures, features.sizes)], axis=1)
    keys = _unique(np.minimum(both[0], both[1]) * n + np.maximum(both[0], both[1]))[0]  # np.unique: 0.2 s more at 10k
    return keys // n, keys % n


# --- scoring -----------------------------------------------------------------------------------
def _pair_sums(
    a: sparse.csr_matrix, b: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, threads: int = 1
) -> np.ndarray:
    """Row products a[i] . b[j] for each pair, in batches of PAIR_BATCH so memory stays bounded,
    on `threads` threads: scipy's sparse indexing and products release the GIL for most of their
    time (the four sums of 10,000 reports: 1.5-1.8 s on one thread, 1.0-1.1 s on two, in the
    same memory as 8,192 pairs a batch on one). Each pair's sum is the same either way."""
    out = np.zeros(len(i))

    def batch(lo: int) -> None:
        hi = lo + PAIR_BATCH
        out[lo:hi] = np.asarray(a[i[lo:hi]].multiply(b[j[lo:hi]]).sum(axis=1)).ravel()

    with ThreadPoolExecutor(max(1, threads)) as pool:
        list(pool.map(batch, range(0, len(i), PAIR_BATCH)))
    return out


def _entity_weights(reports: list[Report], weights: Weights) -> dict[str, float]:
    """How telling it is to share each entity: its inverse document frequency, smoothed as if
    the archive held `entity_prior` more reports that do not name it (in a small archive every
    name is common, yet sharing a specific one still says something), generic ones much less."""
    df = Counter(e for r in reports for e in set(r.entities))
    n = len(reports) + weights.entity_prior
    generic = set(weights.generic_entities)
    return {e: math.log(n / (c + 1)) * (weights.generic_weight if e in generic else 1.0) for e, c in df.items()}


def _share(features: _Features, i: int, j: int) -> float:
    """Share of the smaller report's shingles found in the other, from both samples taken at the
    coarser of their two sampling levels (exact for reports of fewer than 512 shingles)."""
    level = int(max(features.levels[i], features.levels[j]))
    a, b = features.sample(i), features.sample(j)
    if level:
        mask = np.uint32((1 << level) - 1)
        a, b = a[(a & mask) == 0], b[(b & mask) == 0]
    smaller = min(len(a), len(b))
    return len(np.intersect1d(a, b, assume_unique=True)) / smaller if smaller else 0.0


def _first(a: Report, b: Report) -> str | None:
    """The report published first: by date, or within one day by the moment (time and zone) when
    both give one; None when the dates (and times) do not tell."""
    if not (a.date and b.date):
        return None
    if a.date == b.date:
        if a.moment is None or b.moment is None or a.moment == b.moment:
            return None
        return a.id if a.moment < b.moment else b.id
    return a.id if a.date < b.date else b.id


def relate(
    reports: list[Report],
    weights: Weights | None = None,
    processes: int | None = None,
    cache: Cache | None = None,
    texts: list[str] | None = None,
) -> Related:
    """Ranked related reports for every report, and the stories they form. Uses `processes`
    worker processes (default: up to 2) for the text analysis and the candidate search.
    With a `cache`, each report's text features are taken from it when it holds them and added
    to it otherwise, keyed by a digest of the text, or of `texts`: per report, a digest that
    changes whenever its text does (hashing 10,000 texts takes 0.3 s); the result is the same
    either way."""
    weights = weights or Weights()
    processes = processes or default_processes()
    n = len(reports)
    if n < 2:
        return Related(links={r.id: [] for r in reports}, stories=[], story_of={})
    counts, features = _analyse(reports, processes, cache, texts)
    text_vectors, idf = _tfidf(counts)
    title_vectors = features.titles.copy()
    title_vectors.data = idf[title_vectors.indices].astype(np.float32)
    title_vectors = unit_rows(title_vectors)
    del counts, idf
    entity_w = _entity_weights(reports, weights)
    names = sorted(entity_w)
    weight_of = np.array([entity_w[e] for e in names], np.float32)
    specific = np.array([e not in weights.generic_entities for e in names], bool)
    named = _entity_matrix(reports, names)
    i, j = _candidates(text_vectors, named, specific, features, weights, processes)

    # the evidence of every candidate pair, as arrays
    weighted = (named @ sparse.diags(weight_of)).tocsr()
    # in this process, on threads: at 100k reports two forked workers would each copy 200-250 MB
    # of the heap they share with it (their allocations land among its freed blocks)
    specific_named = (named @ sparse.diags(specific.astype(np.float32))).tocsr()
    text = _pair_sums(text_vectors, text_vectors, i, j, processes)
    title = _pair_sums(title_vectors, title_vectors, i, j, processes)
    shared_weight = _pair_sums(named, weighted, i, j, processes)
    shared_specific = _pair_sums(named, specific_named, i, j, processes)
    del text_vectors  # the largest matrix, not needed from here on
    # the overlap coefficient (a report that names many other places is not less related for
    # it), damped when what is shared is little: a few rare names, or many very common ones
    own = np.asarray(weighted.sum(axis=1)).ravel()
    overlap = shared_weight / np.maximum(np.minimum(own[i], own[j]), 1e-9)
    entity = overlap * (1 - np.exp(-shared_weight / weights.entity_scale))
    ordinal = np.array([r.date.toordinal() if r.date else np.nan for r in reports])
    days = np.abs(ordinal[i] - ordinal[j])
    known = ~np.isnan(days)
    closeness = np.where(known, 0.5 ** (np.nan_to_num(days) / weights.half_life_days), 0.0)
    # across languages the words cannot agree: such a pair is scored on its names (and dates) alone
    langs = np.array([r.lang for r in reports])
    same_lang = langs[i] == langs[j]
    text_weight = np.where(same_lang, weights.text, 0.0)
    score = (text_weight * text + weights.entities * entity + weights.date * closeness) / (
        text_weight + weights.entities + np.where(known, weights.date, 0.0)
    )
    # no real evidence: sharing Russia and function words is not a story
    # names alone link reports in different languages only: two reports of one language that report
    # one event share words too (on 807 real Saudi reports, 1,028 same-language pairs sharing two
    # to six specific names and no text were all of different events)
    evidence = (text >= weights.min_text) | (~same_lang & (shared_specific >= weights.min_entities))
    agree = np.zeros(len(i))
    for lo in range(0, len(i), 65536):
        hi = lo + 65536
        agree[lo:hi] = (features.signatures[i[lo:hi]] == features.signatures[j[lo:hi]]).mean(axis=1)
    # shared passages: measured where the MinHash signatures agree at all (elsewhere too few
    # passages are shared to matter: under about 1/64 of the two reports' passages together)
    share = np.zeros(len(i))
    for k in np.flatnonzero(evidence & (agree > 0)):
        share[k] = _share(features, int(i[k]), int(j[k]))
    words = features.words  # counted with the features: 0.4 s at 10,000 reports when counted here
    duplicate = (share >= weights.duplicate) & (np.minimum(words[i], words[j]) >= weights.duplicate_min_words)
    value = np.round(np.where(duplicate, np.maximum(score, share), score), 4)
    # within one language a related link says "the same event": it is shown on evidence of one
    # event, the mean of the text cosine, the share of passages, the headlines' cosine and the
    # dates' closeness; not on the score, which weighs the names two reports share: names tell a
    # subject, not an event (on 815 real Saudi reports the score's links within one language
    # joined reports of the Yemen war, of MH370, of Saudia and Boeing, on one day or on others)
    event = (text + share + title + closeness) / 4
    # stories weigh every pair with evidence, scored with its text even across languages (a pair
    # joined by names alone weighs less there than among its links)
    together = (weights.text * text + weights.entities * entity + weights.date * closeness) / (
        weights.text + weights.entities + np.where(known, weights.date, 0.0)
    )
    together = np.where(duplicate, np.maximum(together, share), together)
    # names alone never make a story: a story's pairs share text (or are near-duplicates)
    told = evidence & ((text >= weights.min_text) | duplicate)
    pairs = _StoryPairs(i[told], j[told], together[told], (duplicate | (together >= weights.story_strong))[told])
    # a report without a date (seed 000) or without a headline cannot be told apart from others of
    # its subject that way: its links keep the score's threshold
    headed = np.diff(features.titles.indptr) > 0
    by_event = same_lang & known & headed[i] & headed[j]
    keep = evidence & np.where(by_event, event >= weights.event, (value >= weights.threshold) | duplicate)
    i, j, value, share, duplicate, days, known = (x[keep] for x in (i, j, value, share, duplicate, days, known))

    # each report's links: best first, ties by the other report's id, at most max_links
    source, target = np.concatenate([i, j]), np.concatenate([j, i])
    pair = np.tile(np.arange(len(i)), 2)
    id_rank = np.argsort(np.argsort(np.array([r.id for r in reports])))
    order = np.lexsort((id_rank[target], -value[pair], source))
    start = np.searchsorted(source[order], source[order], side="left")
    shown = order[np.arange(len(order)) - start < weights.max_links]
    links: dict[str, list[Link]] = {r.id: [] for r in reports}
    duplicates_of: Counter[int] = Counter()  # near-duplicates flagged so far, per report (best first)
    for x, y, k in zip(source[shown].tolist(), target[shown].tolist(), pair[shown].tolist(), strict=True):
        a, b = reports[x], reports[y]
        shared = tuple(sorted(set(a.entities) & set(b.entities), key=lambda e: (-entity_w[e], e)))
        gap = int(days[k]) if known[k] else None
        flagged = bool(duplicate[k]) and duplicates_of[x] < weights.max_duplicates
        duplicates_of[x] += flagged
        link = Link(b.id, float(value[k]), shared, round(float(share[k]), 3), gap, flagged, _first(a, b))
        links[a.id].append(link)
    stories, story_of = _stories(reports, pairs, weights)
    return Related(links, stories, story_of)


# --- stories -----------------------------------------------------------------------------------
@dataclass
class _StoryPairs:
    """The scored pairs a story may be made of: indices, score, and whether the link is strong."""

    i: np.ndarray
    j: np.ndarray
    value: np.ndarray
    strong: np.ndarray


def _order(report: Report) -> tuple:
    """Story order: by date (undated last), within a day by the moment when known, then by id."""
    moment = report.moment.astimezone(dt.UTC).replace(tzinfo=None) if report.moment else dt.datetime.max
    return (report.date is None, report.date or dt.date.min, moment, report.id)


def _stories(reports: list[Report], pairs: _StoryPairs, weights: Weights) -> tuple[list[Story], dict[str, str]]:
    """Stories by average-link agglomeration over the scored pairs: the two groups whose pairs score
    highest on average (a pair without a link counts 0) join while that average reaches
    `weights.story`. A join that would make a story span more than `story_days` days (between its
    dated reports) is made only when a strong link (a near-duplicate, or a score of `story_strong`)
    joins the two groups; such a story is marked `far` and says so on its page. Chains of links
    alone never make a story: every member is linked, on average, to all the others."""
    n = len(reports)
    ordinal = [r.date.toordinal() if r.date else None for r in reports]
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    span: dict[int, tuple[int, int] | None] = {k: (o, o) if o is not None else None for k, o in enumerate(ordinal)}
    far: dict[int, bool] = dict.fromkeys(range(n), False)
    total: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> other cluster -> sum of scores
    strong: dict[int, set[int]] = defaultdict(set)  # cluster -> clusters it has a strong link to
    for a, b, v, st in zip(
        pairs.i.tolist(), pairs.j.tolist(), pairs.value.tolist(), pairs.strong.tolist(), strict=True
    ):
        total[a][b] = total[b][a] = v
        if st:
            strong[a].add(b)
            strong[b].add(a)
    heap = [(-v, a, b) for a in total for b, v in total[a].items() if a < b and v >= weights.story]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in total[a]:
            continue
        average = total[a][b] / (len(members[a]) * len(members[b]))
        if abs(average + neg) > 1e-12:  # stale: the groups changed since this entry was pushed
            if average >= weights.story:
                heapq.heappush(heap, (-average, a, b))
            continue
        joined_span = _join_span(span[a], span[b])
        wide = joined_span is not None and joined_span[1] - joined_span[0] > weights.story_days
        if wide and b not in strong[a]:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        members[a] += members.pop(b)
        span[a], far[a] = joined_span, far[a] or far.pop(b) or wide
        for other, value in total.pop(b).items():
            del total[other][b]
            if other != a:
                total[a][other] = total[other][a] = total[a].get(other, 0.0) + value
        for other in strong.pop(b, set()):
            strong[other].discard(b)
            if other != a:
                strong[other].add(a)
                strong[a].add(other)
        for other, value in total[a].items():
            average = value / (len(members[a]) * len(members[other]))
            if average >= weights.story:
                heapq.heappush(heap, (-average, min(a, other), max(a, other)))
    stories = []
    for root, indices in members.items():
        if len(indices) < 2:
            continue
        group = sorted((reports[k] for k in indices), key=_order)
        counts = Counter(e for m in group for e in set(m.entities))
        central = tuple(e for e, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c * 2 > len(group))
        days = span[root][1] - span[root][0] if span[root] else None
        stories.append(
            Story(
                id=group[0].id,
                members=tuple(m.id for m in group),
                entities=central[:8],
                outlets=tuple(sorted(set(outlet_labels(group).values()))),  # one name per outlet
                langs=tuple(sorted({m.lang for m in group})),
                days=days,
                far=far[root],
            )
        )
    stories.sort(key=lambda s: (-len(s.members), s.id))
    return stories, {m: s.id for s in stories for m in s.members}


def _join_span(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


# --- comparison --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Passage:
    text: str
    shared: bool  # also in the other report (a run of at least 5 tokens)


def compare(a: Report, b: Report) -> tuple[list[list[Passage]], list[list[Passage]]]:
    """Each report's paragraphs cut into passages, marked shared or its own."""
    words_a, words_b = _words(a.paragraphs), _words(b.paragraphs)
    return _mark(words_a, _Other(words_b)), _mark(words_b, _Other(words_a))


Words = list[tuple[list[str], list[tuple[str, ...]]]]  # per paragraph: its words, each word's folded tokens


@lru_cache(maxsize=1 << 16)
def _word_tokens(word: str) -> tuple[str, ...]:
    """A word's folded tokens (a render worker compares many reports of one vocabulary)."""
    return tuple(fold.tokens(word))


def _words(paragraphs: tuple[str, ...]) -> Words:
    return [(words, [_word_tokens(w) for w in words]) for words in (p.split() for p in paragraphs)]


class _Other:
    """The report a paragraph is compared with: its shingles over all its paragraphs, and its
    tokens as one text (the tokens of its words: folding never joins or splits text across
    whitespace, so they are the tokens of its paragraphs)."""

    def __init__(self, words: Words) -> None:
        self.tokens = [t for _, keys in words for ts in keys for t in ts]
        self.text = f" {' '.join(self.tokens)} "

    @cached_property
    def shingles(self) -> set[tuple[str, ...]]:  # only for a paragraph not found whole in the other's text
        return set(_runs(self.tokens))


def _runs(tokens: list[str]) -> Iterator[tuple[str, ...]]:
    """Each run of SHINGLE consecutive tokens, in order (none in fewer tokens): tuples made by
    zip, a third of the time of joining slices."""
    return zip(*(tokens[i:] for i in range(SHINGLE)), strict=False)  # each ends with the shortest


def _mark(words: Words, other: _Other) -> list[list[Passage]]:
    marked = []
    for paragraph, keys in words:
        flat = list(chain.from_iterable(keys))
        if len(flat) >= SHINGLE and f" {' '.join(flat)} " in other.text:  # all of it (a near-duplicate's usual case)
            hit = list(map(bool, keys))
        else:
            hit = [False] * len(paragraph)
            theirs = other.shingles
            found = [k for k, run in enumerate(_runs(flat)) if run in theirs]
            owner = [i for i, ts in enumerate(keys) for _ in ts] if found else []  # the word each token comes from
            for k in found:
                for i in owner[k : k + SHINGLE]:
                    hit[i] = True
        passages, start = [], 0
        for shared, run in groupby(hit):  # runs of words both shared or both not, joined as slices
            end = start + len(list(run))
            passages.append(Passage(" ".join(paragraph[start:end]), shared))
            start = end
        marked.append(passages)
    return marked
