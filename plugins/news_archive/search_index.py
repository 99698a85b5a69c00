"""The search index: term-partitioned chunks of one lunr index, with global statistics, in a
compact encoding.

One lunr index over a large archive is too big to ship (10k articles: 171 MB). Here the sorted
vocabulary is cut into chunks (as Pagefind does); each chunk holds the *complete* postings of
its terms. lunr's BM25 weight of a term in a document depends only on how often it occurs
there, the field's length, how many documents hold the term (all in the chunk) and the
document count and average field lengths (in the manifest), so every chunk scores exactly as
one big index would, and a query loads only the chunks of its own terms (plus one small file
per result).

A chunk is not stored as a serialized lunr index (which repeats, per document, a field vector
of [term number, weight] floats) but as its postings: per term the documents of each field as
delta-coded numbers, with each one's term frequency, as base-32 varints in plain strings.
search.js computes lunr's weights from them and the manifest's field lengths (lunr.py's
expression, rounded to 3 decimals as lunr stores them) and rebuilds the lunr.Index the serialized form would have given
(the same inverted index, the same field vectors), so queries score exactly as one index;
`decode_chunk` is its mirror here. No archive-wide number is in a chunk: adding a report
changes the chunks of its own terms only (their cuts are content-defined, see chunk_bounds),
and a rebuild links every other chunk file from the previous site.
Texts (terms, headlines, bodies) are stored with SWAP's pairs of characters exchanged: the
Arabic and Persian letters take the place of the ASCII letters, one byte each in UTF-8 instead
of two (and gzip compresses the result better too).

Layout written under `search/` (all `.js`, added with <script> tags, so it works from file://):

    manifest.js   SijillSearch.manifest({...}): chunk boundaries (first terms), the fields'
                  boosts and average lengths, every document's field lengths, the swapped
                  pairs, the facets of every document (language, outlet, date), the other
                  names of the outlets that have several
    terms/<name>.js  SijillSearch.chunk(name, words, postings, counts): see `encode_chunk`;
                  the name comes from the chunk's first term (see chunk_names)
    docs/<n>.js   SijillSearch.doc(n, {deflated, title, url}): one file per document: the
                  headline (swapped) and the whole indexed body, swapped, compressed and
                  in base85 (see `deflate`), for results, snippets and to check a quoted
                  phrase anywhere in the text

A document's number is its place in the list given (the build gives the articles oldest
first, so a newer report takes the next number and every other result file stays as it was;
equal scores rank the higher number, the newer report, first).

Each document's analysis (its terms and their counts, per field) depends on its fields only: a
cache (the build's, incremental.Store) keeps it by a digest of them from one build to the
next, so a rebuild analyses only new or changed documents; the inversion of all of them into
postings is done with numpy, and the cache keeps it too (SNAPSHOT): a rebuild moves the
postings of the documents it still has to their new numbers and adds those of the new ones
(`_update`), the same postings a new inversion gives. The chunks are encoded with numpy (every
number's place in the strings computed at once), and a file with the same bytes as in the
previous site is linked from it.
The cache keeps each document's compressed body too (by the same digest), so a rebuild
compresses only new or changed documents.

The pipeline functions are registered in lunr.py under the labels the browser registers in
lunr.js (theme/static/js/fold.js): "sijillFold" and "sijillStem".
"""

from __future__ import annotations

import base64
import hashlib
import math
import os
import pickle
import string
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import orjson
from lunr import __TARGET_JS_VERSION__
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.token import Token

from . import fold
from .incremental import PICKLE, get_many
from .workers import SHARED, fork_map, ranges

if TYPE_CHECKING:
    from .incremental import Cache

# Field boosts: a match in the headline outweighs one in the body; entity variants (other
# spellings, the other language) count least, so exact matches rank first.
# An editor's translation counts least: a query in another language finds the article through
# it, after every report that matches in its own words.
FIELDS: dict[str, float] = {"title": 3.0, "keywords": 2.0, "body": 1.0, "entities": 0.4, "translation": 0.3}
LUNR_K1, LUNR_B = Builder()._k1, Builder()._b  # lunr's BM25 parameters (1.2, 0.75)
PIPELINE = ("sijillFold", "sijillStem")  # the search pipeline, by the labels lunr.js knows
CHUNK_BYTES = 16_000  # target size of one term chunk, as chunk_bounds estimates it (~230 chunks at 1k articles)
MAX_ENTRY_CHARS = 60_000  # an over-large article is indexed (and shipped) up to this many characters
# term chunks a worker encodes together: 1,765 chunks of 10k articles took 1.3-1.7 s of CPU one by
# one, 0.65-0.8 s 16-64 at once, 1.5 s all at once (the arrays outgrow the processor's caches)
CHUNKS_AT_ONCE = 32
FRONT = 16  # characters of each term _front_coded compares at once (longer shared parts: one by one)
DIGITS = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"  # varint digits
# Character pairs exchanged in stored texts: ASCII letters with the Arabic letters, the Persian
# ones, the Arabic comma, the harakat and ZWNJ (one byte each in UTF-8 instead of two or three),
# and "~" with the line break (which JSON would escape).
SWAP = (
    string.ascii_letters + "~",
    "".join(map(chr, [*range(0x621, 0x63B), *range(0x641, 0x653), 0x67E, 0x686, 0x698, 0x6A9, 0x6AF, 0x6CC]))
    + "\u060c\u200c\n",
)


# --- the pipeline, shared by name with lunr.js ------------------------------------------------
def sijill_fold(token: Token, i: int, tokens: list[Token]) -> list[Token]:
    """Fold a token and split it into runs of letters and digits (may give 0..n tokens)."""
    return [token.clone(lambda _s, _m, run=run: run) for run in fold.tokens(str(token))]


def sijill_stem(token: Token, i: int, tokens: list[Token]) -> list[Token]:
    """Keep the folded token and add its light stem when that differs."""
    forms = TERMS[str(token)]
    return [token] + [token.clone(lambda _s, _m, f=f: f) for f in forms[1:]]


for _fn, _label in ((sijill_fold, "sijillFold"), (sijill_stem, "sijillStem")):
    if _label not in Pipeline.registered_functions:
        Pipeline.register_function(_fn, _label)


class _Terms(dict):
    """token -> its index terms (fold.terms), each computed once (up to `limit` tokens kept)."""

    limit = 500_000

    def __missing__(self, token: str) -> tuple[str, ...]:
        if len(self) >= self.limit:
            self.clear()
        forms = self[token] = tuple(fold.terms(token))
        return forms


TERMS = _Terms()


def term_counts(text: str) -> Counter[str]:
    """The index terms of a text (each folded token, then its stem if different) and how often
    each occurs, in the order of their first occurrence."""
    return Counter(chain.from_iterable(map(TERMS.__getitem__, fold.tokens(text[:MAX_ENTRY_CHARS]))))


# --- documents ------------------------------------------------------------------------------
@dataclass(frozen=True)
class SearchDoc:
    title: str
    url: str
    lang: str
    outlet: str | None
    date: str | None  # ISO 8601
    body: str
    keywords: str = ""
    entities: str = ""  # variant spellings of the entities the article mentions
    translation: str = ""  # editors' translations of the article or its passages

    def fields(self) -> dict[str, str]:
        return {
            "title": self.title,
            "keywords": self.keywords,
            "body": self.body,
            "entities": self.entities,
            "translation": self.translation,
        }


class Column(Sequence[array]):
    """One array of unsigned ints per term: slices of one flat array, taken when asked for."""

    def __init__(self, flat: array, starts: np.ndarray):
        self.flat, self.starts = flat, starts  # term i: flat[starts[i]:starts[i + 1]]

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            lo, hi, step = index.indices(len(self))
            if step != 1:
                raise ValueError("a Column is sliced in steps of 1")
            bounds = self.starts[lo : max(lo, hi) + 1].tolist()
            return [self.flat[a:b] for a, b in pairwise(bounds)]
        term = range(len(self))[index]
        return self.flat[self.starts[term] : self.starts[term + 1]]

    def sizes(self, lo: int = 0, hi: int | None = None) -> np.ndarray:
        """The length of the array of every term (of terms lo..hi-1)."""
        return np.diff(self.starts[lo : len(self.starts) if hi is None else hi + 1])


@dataclass(eq=False)
class Postings:
    """Every term's postings, per field, as compact arrays (doc numbers and term frequencies)."""

    terms: list[str]
    docs: dict[str, Column]  # field -> per term id: doc numbers
    tfs: dict[str, Column]  # field -> per term id: term frequencies
    lengths: dict[str, array]  # field -> per doc: number of terms
    document_count: int


# A document's analysis, as cached: the distinct terms of each field in FIELDS order (joined
# by newlines, which no term holds), their counts (uint32, as bytes), and the number of
# distinct terms of each field.
AnalysedDoc = tuple[str, bytes, tuple[int, ...]]


def analyse_doc(doc: SearchDoc) -> AnalysedDoc:
    """The terms of each of the document's fields, with their counts."""
    fields = doc.fields()
    terms: list[str] = []
    counts: list[int] = []
    sizes = []
    for name in FIELDS:
        found = term_counts(fields[name])
        terms += found
        counts += found.values()
        sizes.append(len(found))
    return "\n".join(terms), array("I", counts).tobytes(), tuple(sizes)


def doc_key(doc: SearchDoc) -> str:
    """The cache key of a document's analysis: a digest of its fields (their sizes, then their
    texts)."""
    fields = doc.fields()
    data = [text.encode("utf-8", "surrogatepass") for text in fields.values()]
    sizes = ",".join(f"{name}:{len(text)}" for name, text in zip(fields, data, strict=True))
    return hashlib.sha256(b"".join([sizes.encode(), b"\n", *data])).hexdigest()


class _Part(NamedTuple):
    """A range of documents inverted: its vocabulary, and per field (FIELDS order) the
    postings of each of its terms in term order, each term's documents in ascending order."""

    terms: list[str]  # in no particular order
    sizes: np.ndarray  # (fields, terms): number of postings
    numbers: list[np.ndarray | None]  # per field: document numbers (uint32), None once merged
    tfs: list[np.ndarray | None]  # per field: term frequencies (uint32), None once merged
    lengths: np.ndarray  # (documents, fields): number of terms (uint32)


SNAPSHOT = "postings of the last build"  # the cache key of the last build's whole inversion
Snapshot = tuple[list[str], list[str], dict[str, tuple[array, array, np.ndarray, array]], int]


def collect(
    docs: list[SearchDoc], processes: int = 2, cache: Cache | None = None, keys: list[str] | None = None
) -> Postings:
    """Analyse every document (or take its analysis from `cache`, adding those it lacks) and
    invert: term -> postings. Workers each invert a range of documents; the parent merges
    their postings in document order.

    With a `cache` holding the last build's inversion (SNAPSHOT), a build that adds, changes or
    deletes a few documents updates that instead (`_update`): only the new documents are
    analysed and inverted; the result is the same. `keys`: the documents' doc_key, if known."""
    if keys is None:
        keys = [doc_key(d) for d in docs] if cache is not None else []
    if cache is not None:
        previous = cache.get(SNAPSHOT)
        postings = _update(previous, keys, docs, cache) if previous is not None else None
        del previous  # freed before the new one is pickled
        if postings is not None:
            cache.put(SNAPSHOT, _snapshot(keys, postings))
            return postings
    known = get_many(cache, keys) if cache is not None else None
    put_pickled = getattr(cache, "put_pickled", None)  # a Store's: the workers pickle the new analyses
    jobs = ranges(len(docs), 4 * processes if len(docs) > 200 else 1)
    parts = []
    for part, fresh in fork_map(_invert_range, jobs, processes, docs=docs, known=known, pickled=bool(put_pickled)):
        for number, value in fresh.items():
            if put_pickled is not None:
                put_pickled(keys[number], value)
            elif cache is not None:
                cache.put(keys[number], value)
        parts.append(part)
    del known
    postings = _merge(parts, len(docs))
    if cache is not None:
        cache.put(SNAPSHOT, _snapshot(keys, postings))
    return postings


def _snapshot(keys: list[str], postings: Postings) -> Snapshot:
    columns = {
        f: (postings.docs[f].flat, postings.tfs[f].flat, postings.docs[f].starts, postings.lengths[f]) for f in FIELDS
    }
    return keys, postings.terms, columns, postings.document_count


def _update(previous: Snapshot, keys: list[str], docs: list[SearchDoc], cache: Cache) -> Postings | None:
    """The inversion of `docs` from the last build's (`previous`): each document whose key it
    has takes its postings from there, under its new number; the others are analysed and
    inverted and their postings put in place. None when that would not save work (most
    documents new, or a snapshot of another shape)."""
    try:
        old_keys, old_terms, columns, old_count = previous
    except (TypeError, ValueError):
        return None
    if not old_count or len(old_keys) != old_count or set(columns) != set(FIELDS):
        return None
    places: dict[str, list[int]] = {}
    for number in range(len(old_keys) - 1, -1, -1):  # each key's numbers, the first last (popped first)
        places.setdefault(old_keys[number], []).append(number)
    moved = np.full(old_count, -1, np.int64)  # old number -> new number, -1 for a document gone
    fresh = []
    for number, key in enumerate(keys):
        found = places.get(key)
        if found:
            moved[found.pop()] = number
        else:
            fresh.append(number)
    if len(fresh) * 2 > len(docs):
        return None
    keep = getattr(cache, "keep", None)
    if keep is not None:  # the analyses not read this time stay in the cache
        keep(key for key, number in zip(old_keys, moved.tolist(), strict=True) if number >= 0)
    analysed = []
    for number in fresh:
        value = cache.get(keys[number])
        if value is None:
            value = analyse_doc(docs[number])
            cache.put(keys[number], value)
        analysed.append(value)
    part = _invert(analysed, 0)
    fresh_numbers = np.array(fresh, np.int64)
    old_ids = {f: np.repeat(np.arange(len(old_terms)), np.diff(columns[f][2])) for f in FIELDS}
    old_docs = {f: np.frombuffer(columns[f][0], np.uint32).astype(np.int64) for f in FIELDS}
    if (moved >= 0).all():  # no document gone: every old term keeps its postings
        held = np.ones(len(old_terms), np.int64)
        kept = old_terms
    else:
        held = np.zeros(len(old_terms), np.int64)  # postings each old term keeps
        for f in FIELDS:
            held += np.bincount(old_ids[f][moved[old_docs[f]] >= 0], minlength=len(old_terms))
        kept = [term for term, n in zip(old_terms, held.tolist(), strict=True) if n]
    added = set(part.terms).difference(kept)
    terms = sorted(kept + sorted(added))  # two sorted runs: merged in linear time
    # an old term's new place: its place among the kept terms plus the added terms before it
    # (the added terms at or before each old term's place; an old term equal to an added one
    # keeps nothing, it has no new place)
    places = [bisect_left(old_terms, term) for term in added]
    below = np.bincount(places, minlength=len(old_terms) + 1).cumsum()[: len(old_terms)] if places else 0
    old_rank = np.where(held > 0, np.cumsum(held > 0) - 1 + below, -1)
    part_rank = np.fromiter((bisect_left(terms, t) for t in part.terms), np.int64, len(part.terms))
    # documents kept in their order (the usual case: numbered by date, a new one moves those
    # after it by one) keep their postings in order: the new ones are inserted, not all sorted
    kept_numbers = moved[moved >= 0]
    in_order = bool(np.all(kept_numbers[1:] > kept_numbers[:-1]))
    width = len(docs) + 1
    docs_out, tfs_out, lengths = {}, {}, {}
    for f, name in enumerate(FIELDS):
        _docs, flat_tfs, _starts, old_lengths = columns[name]
        numbers = moved[old_docs[name]]
        stays = numbers >= 0
        ids, numbers = old_rank[old_ids[name][stays]], numbers[stays]
        tfs = np.frombuffer(flat_tfs, np.uint32)[stays]
        new_ids, new_numbers = np.repeat(part_rank, part.sizes[f]), fresh_numbers[part.numbers[f]]
        if in_order:  # sorted by (term, document) already: each new posting goes in its place
            new_keys = new_ids * width + new_numbers
            new = np.argsort(new_keys, kind="stable")
            at = np.searchsorted(ids * width + numbers, new_keys[new])
            ids = np.insert(ids, at, new_ids[new])
            numbers, tfs = np.insert(numbers, at, new_numbers[new]), np.insert(tfs, at, part.tfs[f][new])
        else:
            ids = np.concatenate([ids, new_ids])
            order = np.lexsort((np.concatenate([numbers, new_numbers]), ids))
            ids = ids[order]
            numbers = np.concatenate([numbers, new_numbers])[order]
            tfs = np.concatenate([tfs, part.tfs[f]])[order]
        starts = np.concatenate([[0], np.cumsum(np.bincount(ids, minlength=len(terms)))])
        docs_out[name] = Column(array("I", numbers.astype(np.uint32).tobytes()), starts)
        tfs_out[name] = Column(array("I", tfs.astype(np.uint32).tobytes()), starts)
        length = np.zeros(len(docs), np.uint32)
        stayed = moved >= 0
        length[moved[stayed]] = np.frombuffer(old_lengths, np.uint32)[stayed]
        length[fresh_numbers] = part.lengths[:, f]
        lengths[name] = array("I", length.tobytes())
    return Postings(terms, docs_out, tfs_out, lengths, len(docs))


def _invert_range(bounds: tuple[int, int]) -> tuple[_Part, dict[int, AnalysedDoc | bytes]]:
    """A range of documents inverted, and the analyses computed here (those the cache lacked,
    when there is a cache), pickled for Store.put_pickled when SHARED["pickled"] says so."""
    docs, known, pickled = SHARED["docs"], SHARED["known"], SHARED["pickled"]
    analysed, fresh = [], {}
    for number in range(*bounds):
        value = known[number] if known is not None else None
        if value is None:
            value = analyse_doc(docs[number])
            if known is not None:
                fresh[number] = pickle.dumps(value, protocol=PICKLE) if pickled else value
        analysed.append(value)
    return _invert(analysed, bounds[0]), fresh


def _invert(analysed: list[AnalysedDoc], first: int) -> _Part:
    """Documents first, first + 1, ... inverted with numpy: each (field, term, document) entry
    sorted by field, term and document, so each term's documents are in ascending order."""
    words = list(chain.from_iterable(value[0].split("\n") for value in analysed if value[0]))
    terms = list(dict.fromkeys(words))
    rank = dict(zip(terms, range(len(terms)), strict=True))
    fields = len(FIELDS)
    sizes = np.array([value[2] for value in analysed], np.int64).reshape(-1, fields)
    ids = np.fromiter(map(rank.__getitem__, words), np.int64, len(words))
    del words
    counts = np.frombuffer(b"".join(value[1] for value in analysed), np.uint32)
    group = np.repeat(np.arange(sizes.size), sizes.ravel())  # document * fields + field, per entry
    key = group % fields * len(terms) + ids
    # a (field, term) key occurs once per document: (key, document) is unique, and a plain sort
    # of it is faster than a stable sort of the keys (the entries come in document order)
    order = np.argsort(key * len(analysed) + group // fields)
    numbers = (group[order] // fields + first).astype(np.uint32)
    tfs = counts[order]
    field_sizes = np.bincount(key, minlength=fields * len(terms)).reshape(fields, len(terms))
    cuts = np.concatenate([[0], np.cumsum(field_sizes.sum(axis=1))])
    lengths = np.bincount(group, weights=counts, minlength=sizes.size).reshape(-1, fields).astype(np.uint32)
    return _Part(
        terms,
        field_sizes,
        [numbers[cuts[f] : cuts[f + 1]] for f in range(fields)],
        [tfs[cuts[f] : cuts[f + 1]] for f in range(fields)],
        lengths,
    )


def _merge(parts: list[_Part], count: int) -> Postings:
    """The parts' postings (parts in document order) joined under the sorted vocabulary of all
    of them: each term's postings from each part are put after those of the parts before."""
    terms = sorted(set().union(*(part.terms for part in parts)))
    rank = dict(zip(terms, range(len(terms)), strict=True))
    ids = [np.fromiter(map(rank.__getitem__, part.terms), np.int64, len(part.terms)) for part in parts]
    docs, tfs, lengths = {}, {}, {}
    for f, name in enumerate(FIELDS):
        totals = np.zeros(len(terms), np.int64)
        for part, gid in zip(parts, ids, strict=True):
            totals[gid] += part.sizes[f]  # a part's terms are distinct
        starts = np.concatenate([[0], np.cumsum(totals)])
        flat_numbers, flat_tfs = array("I", [0]) * int(starts[-1]), array("I", [0]) * int(starts[-1])
        numbers, frequencies = np.frombuffer(flat_numbers, np.uint32), np.frombuffer(flat_tfs, np.uint32)  # views
        filled = starts[:-1].copy()  # per term: where the next part's postings go
        for part, gid in zip(parts, ids, strict=True):
            sizes = part.sizes[f]
            local = np.concatenate([[0], np.cumsum(sizes)[:-1]])
            positions = np.repeat(filled[gid] - local, sizes) + np.arange(int(sizes.sum()))
            numbers[positions], frequencies[positions] = part.numbers[f], part.tfs[f]
            filled[gid] += sizes
            part.numbers[f] = part.tfs[f] = None  # merged: freed as it goes
        del numbers, frequencies
        docs[name], tfs[name] = Column(flat_numbers, starts), Column(flat_tfs, starts)
        lengths[name] = array("I", np.concatenate([part.lengths[:, f] for part in parts]).tobytes() if parts else b"")
    return Postings(terms, docs, tfs, lengths, count)


def chunk_bounds(postings: Postings, target: int = CHUNK_BYTES) -> list[int]:
    """Start term numbers of each chunk. The cuts are where the vocabulary itself says, as rsync
    and content-defined chunking cut files, so that a rebuild keeps them: a term's estimate
    (its letters, then about five characters per posting) changes only when a document holding
    it comes or goes, and a cut depends on nothing else than the terms near it.

    A chunk ends before a *natural* term once it holds `target` / 2: a term whose hash (CRC-32
    of its UTF-8) falls under its estimate's share of `target` / 2, as if each character of the
    chunk were a cut with odds 2 / `target`, so chunks average about `target`. Before any term
    that would take it past 2 × `target`, it ends whatever the hash (a chunk's first term is
    taken whatever its size). Adding a report changes the chunks its terms are in, and the next
    one when a cut moves there (rarely); all the others keep their terms."""
    n = len(postings.terms)
    counts = sum(postings.docs[f].sizes() for f in FIELDS)
    costs = np.fromiter(map(len, postings.terms), np.int64, n) + 3 + 5 * counts
    ends = np.cumsum(costs)  # ends[i]: the estimate of terms 0..i
    least, most = target // 2, 2 * target
    hashes = np.fromiter((zlib.crc32(term.encode("utf-8")) for term in postings.terms), np.int64, n)
    natural = np.flatnonzero(hashes * least < costs * (1 << 32))  # odds: cost / least
    starts = [0]
    while True:
        start = starts[-1]
        base = int(ends[start - 1]) if start else 0
        full = int(np.searchsorted(ends, base + least, side="left")) + 1  # first cut with `least` before it
        k = int(np.searchsorted(natural, max(start + 1, full), side="left"))
        over = max(int(np.searchsorted(ends, base + most, side="right")), start + 1)  # the first past `most`
        cut = min(int(natural[k]) if k < len(natural) else n, over)
        if cut >= n:
            return starts
        starts.append(cut)


# --- the compact encoding (search.js decodes it; decode_chunk below is its mirror) -------------
class _Varints(dict):
    """value -> its base-32 varint: five bits a character, the lowest first; DIGITS[32:] say
    that more characters follow, DIGITS[:32] end the number. Computed once per value."""

    def __missing__(self, value: int) -> str:
        digits, rest = [], value
        while rest >= 32:
            digits.append(DIGITS[32 + (rest & 31)])
            rest >>= 5
        digits.append(DIGITS[rest])
        text = self[value] = "".join(digits)
        return text


VARINT = _Varints()


@cache
def _swap_table() -> np.ndarray:
    """Code point -> code point, with SWAP's pairs exchanged."""
    table = np.arange(0x110000, dtype=np.uint32)
    table[[ord(c) for c in SWAP[0] + SWAP[1]]] = [ord(c) for c in SWAP[1] + SWAP[0]]
    return table


def swap(text: str) -> str:
    """Exchange every pair of SWAP's characters (the same call encodes and decodes). Like
    str.translate, ten times faster on long texts."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return _swap_table()[codes].tobytes().decode("utf-32-le")


def read_varints(text: str) -> Iterator[int]:
    """The numbers of a varint string, in order."""
    value, scale = 0, 1
    for char in text:
        digit = DIGITS.index(char)
        if digit >= 32:
            value, scale = value + (digit - 32) * scale, scale * 32
        else:
            yield value + digit * scale
            value, scale = 0, 1


def _idf(count: int, total: int) -> float:
    """lunr's idf of a term that `count` (document, field) pairs hold (lunr.idf, same expression)."""
    return math.log(1 + abs((total - count + 0.5) / (count + 0.5)))


def _front_coded(terms: list[str]) -> tuple[list[str], list[int]]:
    """Each term without the leading characters it shares with the one before, and that count.
    The shared part stops before any character outside the BMP, so the count is the same in
    code points and in JavaScript's UTF-16 units. With numpy, on the first FRONT characters of
    each term (no term holds U+0000, numpy's padding); past them, character by character."""
    if not terms:
        return [], []
    codes = np.array(terms, f"<U{FRONT}").view(np.uint32).reshape(len(terms), FRONT)
    before = np.zeros_like(codes)
    before[1:] = codes[:-1]
    same = (codes == before) & (codes != 0) & (codes <= 0xFFFF)
    whole = same.all(axis=1)
    counts = np.where(whole, FRONT, same.argmin(axis=1)).tolist()
    for i in np.flatnonzero(whole).tolist():  # FRONT characters shared: maybe more
        counts[i] = _shared(terms[i - 1], terms[i])
    return [term[n:] for term, n in zip(terms, counts, strict=True)], counts


def _shared(previous: str, term: str) -> int:
    shared = 0
    for a, b in zip(previous, term, strict=False):
        if a != b or a > "\uffff":
            break
        shared += 1
    return shared


_DIGIT_BYTES = np.frombuffer(DIGITS.encode("ascii"), np.uint8)


def varint_texts(values: np.ndarray, cuts: list[int]) -> list[str]:
    """Non-negative integers as strings of base-32 varints (see _Varints), with numpy: one string
    each for values[cuts[0]:cuts[1]], values[cuts[1]:cuts[2]], … and values[cuts[-1]:], written
    at once and then cut (each value's digits are its own)."""
    values = np.asarray(values, np.int64)
    if not values.size:
        return [""] * len(cuts)
    sizes = np.ones(values.shape, np.int64)
    for bits in range(5, 64, 5):
        over = values >> bits
        if not over.any():
            break
        sizes += over > 0
    ends = np.cumsum(sizes)
    place = np.arange(int(ends[-1])) - np.repeat(ends - sizes, sizes)  # digit number within its value
    digits = (np.repeat(values, sizes) >> (5 * place)) & 31
    digits += 32 * (place < np.repeat(sizes, sizes) - 1)
    text = _DIGIT_BYTES[digits].tobytes().decode("ascii")
    offsets = [int(ends[c - 1]) if c else 0 for c in cuts] + [len(text)]
    return [text[a:b] for a, b in pairwise(offsets)]


def lunr_weight(idf: float, tf: int, length: int, average: float, boost: float) -> float:
    """lunr's BM25 weight of a term `tf` times in a field of `length` terms (lunr.py's Builder:
    the same float operations in the same order), rounded to 3 decimals as lunr stores it."""
    norm = LUNR_K1 * (1 - LUNR_B + LUNR_B * (length / average))
    return round(idf * ((LUNR_K1 + 1) * tf) / (norm + tf) * boost, 3)


def _scatter(lengths: np.ndarray) -> tuple[np.ndarray, int]:
    """Start of each block (blocks laid end to end), and the total."""
    ends = np.cumsum(lengths)
    return ends - lengths, int(ends[-1]) if len(ends) else 0


def encode_chunk(postings: Postings, lo: int, hi: int) -> tuple[str, str, str]:
    """Terms lo..hi-1 and their complete postings as three strings:

    words     the terms in order, swapped (see SWAP), each without the characters it shares
              with the term before it, separated by spaces;
    postings  varints, per term: the shared length, a bit mask of the FIELDS that hold it,
              then per such field the number of documents and their numbers (as gaps);
    counts    varints, per term and field in the same order, per document: how often the term
              occurs in that field.

    Nothing here depends on the rest of the archive: search.js computes lunr's weights from
    these and the manifest's field lengths, document count and average lengths
    (`decode_chunk` is its mirror), so a chunk that no new, changed or deleted document
    touches keeps its bytes."""
    return encode_chunks(postings, [lo, hi])[0]


def encode_chunks(postings: Postings, bounds: list[int]) -> list[tuple[str, str, str]]:
    """`encode_chunk` of each run of terms bounds[k]..bounds[k+1]-1, the runs one after the other.

    Encoded with numpy, all runs at once (one chunk at a time, numpy's calls on small arrays
    took most of the time): each number's place in the two streams is computed, all are written
    as varints, then each run's part of the words and of the two strings is cut out."""
    lo, hi = bounds[0], bounds[-1]
    firsts = [b - lo for b in bounds[:-1]]  # each run's first term: it shares nothing
    suffixes, shared = _front_coded(postings.terms[lo:hi])
    for k in firsts:
        suffixes[k], shared[k] = postings.terms[lo + k], 0
    counts = np.array([postings.docs[name].sizes(lo, hi) for name in FIELDS], np.int64).reshape(len(FIELDS), -1)
    present = (counts > 0).astype(np.int64)
    masks = (present << np.arange(len(FIELDS))[:, None]).sum(axis=0)
    # postings: per term [shared, mask, per field present: count, gaps…]; counts: per term and
    # field, per document its tf
    field_blocks = present + counts
    term_starts, stream_size = _scatter(2 + field_blocks.sum(axis=0))
    tf_starts, tf_size = _scatter(counts.T.ravel())
    tf_starts = tf_starts.reshape(-1, len(FIELDS)).T
    stream = np.zeros(stream_size, np.int64)
    tfs = np.zeros(tf_size, np.int64)
    stream[term_starts] = shared
    stream[term_starts + 1] = masks
    before = np.full(hi - lo, 2, np.int64)  # where a field's block starts within its term's
    for f, name in enumerate(FIELDS):
        n = counts[f]
        field_starts = term_starts + before
        before += field_blocks[f]
        held = np.flatnonzero(n)
        if not held.size:
            continue
        column = postings.docs[name]
        first, last = int(column.starts[lo]), int(column.starts[hi])
        docs = np.frombuffer(column.flat, np.uint32, last - first, first * 4).astype(np.int64)
        local = (column.starts[lo:hi] - first)[held]  # where each held term's postings begin
        gaps = np.empty_like(docs)
        gaps[0] = docs[0] + 1
        gaps[1:] = docs[1:] - docs[:-1]
        gaps[local] = docs[local] + 1  # the first of each term: from -1
        stream[field_starts[held]] = n[held]
        within = np.arange(len(docs)) - np.repeat(local, n[held])
        stream[np.repeat(field_starts[held] + 1, n[held]) + within] = gaps
        at = np.repeat(tf_starts[f][held], n[held]) + within
        tfs[at] = np.frombuffer(postings.tfs[name].flat, np.uint32, last - first, first * 4)
    streams = varint_texts(stream, term_starts[firsts].tolist())
    counted = varint_texts(tfs, tf_starts[0][firsts].tolist())  # a term's first field block: its start
    words = [swap(" ".join(suffixes[a:b])) for a, b in pairwise([*firsts, hi - lo])]
    return list(zip(words, streams, counted, strict=True))


class Weighing(NamedTuple):
    """What weighs a posting besides its term frequency, from a manifest (search.js's `weighing`)."""

    total: int  # the document count
    averages: list[float]  # per field
    boosts: list[float]  # per field
    lengths: list[list[int]]  # per field, every document's length


def weighing(manifest: dict) -> Weighing:
    """A manifest's weighing, its field lengths decoded once for every chunk read with it."""
    lengths = [list(read_varints(text)) for text in manifest["lengths"]]
    return Weighing(len(manifest["facets"]), manifest["averages"], manifest["boosts"], lengths)


def decode_chunk(weigh: Weighing, words: str, postings: str, counts: str) -> dict:
    """A chunk as the serialized lunr index it stands for: what search.js builds from it (the
    same steps), for lunr.py's Index.load and for tests. `weigh`: the index's `weighing`."""
    numbers, frequencies = read_varints(postings), read_varints(counts)
    total, averages, boosts, lengths = weigh
    inverted: list = []
    vectors: dict[str, list] = {}
    term = ""
    for index, suffix in enumerate(swap(words).split(" ") if words else []):
        term = term[: next(numbers)] + suffix
        mask, entry = next(numbers), {"_index": index}
        held = []  # per field: its number and documents
        for bit, name in enumerate(FIELDS):
            entry[name] = posting = {}
            doc, docs = -1, []
            for _ in range(next(numbers) if mask >> bit & 1 else 0):
                doc += next(numbers)
                posting[str(doc)] = {}
                docs.append(doc)
            held.append((bit, name, docs))
        idf = _idf(sum(len(docs) for _, _, docs in held), total)
        for bit, name, docs in held:
            for doc in docs:
                weight = lunr_weight(idf, next(frequencies), lengths[bit][doc], averages[bit], boosts[bit])
                vectors.setdefault(f"{name}/{doc}", []).extend((index, weight))
        inverted.append([term, entry])
    return {
        "version": __TARGET_JS_VERSION__,
        "fields": list(FIELDS),
        "fieldVectors": [[ref, flat] for ref, flat in vectors.items()],
        "invertedIndex": inverted,
        "pipeline": list(PIPELINE),
    }


def _arguments(path: Path) -> list:
    """The arguments of a `SijillSearch.x(...);` file (as search_query.read_js)."""
    text = path.read_text("utf-8")
    return orjson.loads("[" + text[text.index("(") + 1 : text.rindex(")")] + "]")


def read_chunk(path: Path, weigh: Weighing) -> dict:
    """A written terms/<name>.js as the serialized lunr index it stands for (`weigh`: the
    `weighing` of the index's manifest.js)."""
    return decode_chunk(weigh, *_arguments(path)[1:])


def read_doc(path: Path) -> dict:
    """A written docs/<n>.js: its headline and url, and its body as "text" (inflated and
    swapped back)."""
    record = _arguments(path)[1]
    text = zlib.decompress(base64.b85decode(record.pop("deflated")), -15).decode("utf-8")
    return {**record, "text": swap(text), "title": swap(record["title"])}


# --- writing --------------------------------------------------------------------------------
def _js(call: str, *args: object) -> bytes:
    """`SijillSearch.call(arg, …);` — compact JSON with sorted keys (orjson: same bytes as the
    standard library's json.dumps, and faster)."""
    payload = b",".join(orjson.dumps(a, option=orjson.OPT_SORT_KEYS) for a in args)
    return b"SijillSearch." + call.encode() + b"(" + payload + b");\n"


def _write_part(job: tuple[list[tuple[str, int, int]], range]) -> dict[int, str]:
    """A worker's share: some term chunks and some result documents. Returns the bodies it
    compressed (those `SHARED["deflated"]` lacked), by document number."""
    chunks, doc_numbers = job
    postings, folder, docs, previous = SHARED["postings"], SHARED["folder"], SHARED["docs"], SHARED["previous"]
    known = SHARED["deflated"]
    fresh = {}
    for at in range(0, len(chunks), CHUNKS_AT_ONCE):
        batch = chunks[at : at + CHUNKS_AT_ONCE]  # consecutive chunks: encoded together
        bounds = [lo for _name, lo, _hi in batch] + [batch[-1][2]]
        for (name, _lo, _hi), encoded in zip(batch, encode_chunks(postings, bounds), strict=True):
            _put(folder, f"terms/{name}.js", _js("chunk", name, *encoded), previous)
    for number in doc_numbers:
        body = known[number] if known is not None else None
        if body is None:
            body = fresh[number] = deflate(docs[number].body)
        _put(folder, f"docs/{number}.js", _js("doc", number, doc_record(docs[number], body)), previous)
    return fresh


def _put(folder: str, name: str, text: bytes, previous: str | None) -> None:
    """Write `folder/name`; when the previous site's index holds a file of that name with these
    very bytes, link it instead (a result file whose document kept its number, a chunk no
    document changed). Plain os calls: thousands of small files."""
    target = f"{folder}/{name}"
    if previous is not None:
        source = f"{previous}/{name}"
        try:
            descriptor = os.open(source, os.O_RDONLY)
            try:
                same = os.read(descriptor, len(text) + 1) == text  # one byte more: a longer file differs
            finally:
                os.close(descriptor)
            if same:
                os.link(source, target)
                return
        except OSError:  # not there, or a filesystem without links: written
            pass
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        rest = memoryview(text)
        while rest:
            rest = rest[os.write(descriptor, rest) :]
    finally:
        os.close(descriptor)


@dataclass
class IndexStats:
    documents: int
    terms: int
    chunks: int


def write_index(
    docs: list[SearchDoc],
    out: Path,
    processes: int = 2,
    target: int = CHUNK_BYTES,
    cache: Cache | None = None,
    previous: Path | None = None,
    outlet_names: dict[str, list[str]] | None = None,
    keys: list[str] | None = None,
) -> IndexStats:
    """Build and write the whole search index under `out` (the site's `search/` folder). With a
    `cache`, documents analysed in an earlier build are not analysed again (see `collect`) nor
    their bodies compressed again: it keeps them under `keys`, per document a digest that
    changes whenever its fields do (by default doc_key; hashing 10,000 documents takes 0.4 s).
    Files the same as in `previous` (the last site's `search/`) are linked from there.
    `outlet_names`: see manifest_data."""
    if keys is None:
        keys = [doc_key(d) for d in docs] if cache is not None else []
    postings = collect(docs, processes, cache, keys)
    deflated = get_many(cache, [DEFLATED + key for key in keys]) if cache is not None else None
    starts = chunk_bounds(postings, target)
    ends = [*starts[1:], len(postings.terms)]
    first_terms = [postings.terms[s] for s in starts]
    (out / "terms").mkdir(parents=True, exist_ok=True)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    chunks = list(zip(chunk_names(first_terms), starts, ends, strict=True))
    workers = max(1, processes) if len(chunks) > 1 else 1
    shares = [len(chunks) * w // workers for w in range(workers + 1)]  # each worker's chunks in a row
    jobs = [(chunks[shares[w] : shares[w + 1]], range(w, len(docs), workers)) for w in range(workers)]
    folder, before = os.fspath(out), os.fspath(previous) if previous is not None else None
    shared = {"postings": postings, "folder": folder, "docs": docs, "previous": before, "deflated": deflated}
    for fresh in fork_map(_write_part, jobs, workers, **shared):
        if cache is not None:
            for number, body in fresh.items():
                cache.put(DEFLATED + keys[number], body)
    manifest = _js("manifest", manifest_data(docs, first_terms, postings.lengths, outlet_names))
    _put(folder, "manifest.js", manifest, before)
    return IndexStats(documents=len(docs), terms=len(postings.terms), chunks=len(starts))


DEFLATED = "deflated85 "  # before a document's doc_key: the cache key of its compressed body


def deflate(body: str) -> str:
    """The indexed body (its first MAX_ENTRY_CHARS characters) as a result file stores it:
    swapped (SWAP: most letters one byte in UTF-8; deflating their two-byte forms gives a
    third more), raw deflate (zlib level 6; the browser's DecompressionStream("deflate-raw")
    reads it), in base85 (RFC 1924's digits, none of which JSON escapes: 5 characters for 4
    bytes, 0.94 of base64's; search.js's fromBase85 reads it): 0.60 of the file's bytes with
    the plain swapped text on the synthetic corpus. Level 9 or the whole record compressed
    saved under 0.3% more; a preset dictionary of each language's frequent words (tried in
    session 23) saved a tenth of these bytes on real reports but added 35 KB (gzip) to the
    manifest every search loads."""
    squeezer = zlib.compressobj(6, zlib.DEFLATED, -15)
    data = squeezer.compress(swap(body[:MAX_ENTRY_CHARS]).encode("utf-8")) + squeezer.flush()
    return _base85(data)


# RFC 1924's digits, as base64.b85encode's
B85 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~", np.uint8)


def _base85(data: bytes) -> str:
    """base64.b85encode(data) with numpy: the same text, a fifth of the time. Each 4 bytes
    (big-endian, the last padded with zeros) are 5 digits; the padding's digits are cut."""
    pad = -len(data) % 4
    values = np.frombuffer(data + bytes(pad), dtype=">u4").astype(np.int64)
    digits = np.empty((len(values), 5), np.uint8)
    for place in range(4, -1, -1):
        values, digits[:, place] = np.divmod(values, 85)
    return B85[digits].tobytes()[: digits.size - pad].decode("ascii")


def doc_record(doc: SearchDoc, deflated: str | None = None) -> dict:
    """What a result shows and a phrase is checked on: the headline (swapped, see SWAP), the
    address, and the whole indexed body compressed (`deflate`; given when known). Language,
    outlet and date are in the manifest."""
    return {"deflated": deflate(doc.body) if deflated is None else deflated, "title": swap(doc.title), "url": doc.url}


def manifest_data(
    docs: list[SearchDoc],
    first_terms: list[str],
    lengths: dict[str, array],
    outlet_names: dict[str, list[str]] | None = None,
) -> dict:
    """Chunk boundaries; what weighs a posting besides its term frequency: the field's boost,
    its length in that document (per field, a varint string of every document's) and its
    average length over the archive (the document count is the number of facets); for every
    document, the facets: language, outlet, year, date. With
    `outlet_names` (an outlet as its page names it -> the other names its reports write), they
    are in `outlet_names`, in the order of `outlets`, so that `outlet:` and a bare name find them."""
    langs = sorted({d.lang for d in docs})
    outlets = sorted({d.outlet for d in docs if d.outlet})
    lang_no = {lang: n for n, lang in enumerate(langs)}
    outlet_no = {outlet: n for n, outlet in enumerate(outlets)}
    others = [sorted((outlet_names or {}).get(o, [])) for o in outlets]
    cuts = range(len(FIELDS))  # the lengths: one string per field
    return {
        **({"outlet_names": others} if any(others) else {}),
        "version": 5,  # 3: result files hold their body deflated; 4: in base85; 5: chunks hold counts
        "fields": list(FIELDS),
        "boosts": list(FIELDS.values()),
        "averages": [sum(lengths[name]) / len(lengths[name]) if docs else 0.0 for name in FIELDS],  # as lunr.py
        "lengths": varint_texts(np.concatenate([lengths[name] for name in FIELDS]), [i * len(docs) for i in cuts]),
        "swap": list(SWAP),
        "chunks": first_terms,
        "langs": langs,
        "outlets": outlets,
        # per document: [language index, outlet index or -1, date as YYYYMMDD or 0]
        "facets": [
            [lang_no[d.lang], outlet_no[d.outlet] if d.outlet else -1, int(d.date.replace("-", "")) if d.date else 0]
            for d in docs
        ],
    }


def chunk_names(first_terms: list[str]) -> list[str]:
    """Each chunk's file name (terms/<name>.js), from its first term alone, not its place: a
    chunk that keeps its terms keeps its file when a chunk before it is cut in two or joined.
    FNV-1a (32 bits) of the term's UTF-16 code units, in hex; a name an earlier chunk took is
    followed by the next free number. search.js computes the same names from the manifest."""
    names, taken = [], set()
    for term in first_terms:
        h = 0x811C9DC5
        for unit in np.frombuffer(term.encode("utf-16-le"), "<u2").tolist():
            h = ((h ^ unit) * 0x01000193) & 0xFFFFFFFF
        while h in taken:
            h = (h + 1) & 0xFFFFFFFF
        taken.add(h)
        names.append(f"{h:08x}")
    return names


def chunk_of(term: str, first_terms: list[str]) -> int:
    """Which chunk holds `term` (the same rule search.js applies)."""
    return max(0, bisect_right(first_terms, term) - 1)
