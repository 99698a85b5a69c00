"""The search index: term-partitioned chunks of one lunr index, with global statistics, in a
compact encoding.

One lunr index over a large archive is too big to ship (10k articles: 171 MB). Here the sorted
vocabulary is cut into chunks (as Pagefind does); each chunk holds the *complete* postings of
its terms, weighted with the archive-wide document count and average field lengths and each
document's true field length. lunr's BM25 weight of a term in a document depends on nothing
else, so every chunk scores exactly as one big index would, and a query loads only the chunks
of its own terms (plus one small file per result).

A chunk is not stored as a serialized lunr index (which repeats, per document, a field vector
of [term number, weight] floats) but as its postings: per term the documents of each field as
delta-coded numbers and lunr's weight of each, an integer (lunr rounds every weight to 3
decimals: weight × 1000 loses nothing), as base-32 varints in plain strings. search.js
rebuilds the lunr.Index the serialized form would have given (the same inverted index, the
same field vectors), so queries score exactly as before; `decode_chunk` is its mirror here.
Texts (terms, headlines, bodies) are stored with SWAP's pairs of characters exchanged: the
Arabic and Persian letters take the place of the ASCII letters, one byte each in UTF-8 instead
of two (and gzip compresses the result better too).

Layout written under `search/` (all `.js`, added with <script> tags, so it works from file://):

    manifest.js   SijillSearch.manifest({...}): chunk boundaries (first terms), the swapped
                  pairs, the facets of every document (language, outlet, date)
    terms/<n>.js  SijillSearch.chunk(n, words, postings, scores): see `encode_chunk`
    docs/<n>.js   SijillSearch.doc(n, {text, title, url}): one file per document: the
                  headline and the whole indexed body (both swapped), for results, snippets
                  and to check a quoted phrase anywhere in the text

Each document's analysis (its terms and their counts, per field) depends on its fields only: a
cache (the build's, incremental.Store) keeps it by a digest of them from one build to the
next, so a rebuild analyses only new or changed documents; the inversion of all of them into
postings is done with numpy.

The pipeline functions are registered in lunr.py under the labels the browser registers in
lunr.js (theme/static/js/fold.js): "sijillFold" and "sijillStem".
"""

from __future__ import annotations

import hashlib
import math
import string
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import chain, pairwise
from operator import sub
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import orjson
from lunr import __TARGET_JS_VERSION__
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.token import Token

from . import fold
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
    forms = _terms(str(token))
    return [token] + [token.clone(lambda _s, _m, f=f: f) for f in forms[1:]]


for _fn, _label in ((sijill_fold, "sijillFold"), (sijill_stem, "sijillStem")):
    if _label not in Pipeline.registered_functions:
        Pipeline.register_function(_fn, _label)


@lru_cache(maxsize=500_000)
def _terms(token: str) -> tuple[str, ...]:
    return tuple(fold.terms(token))


def analyse(text: str) -> list[str]:
    """The index terms of a text, in order: each folded token, then its stem if different."""
    return [term for token in fold.tokens(text[:MAX_ENTRY_CHARS]) for term in _terms(token)]


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

    def average_lengths(self) -> dict[str, float]:
        return {f: (sum(v) / len(v) if len(v) else 0.0) for f, v in self.lengths.items()}

    @cached_property
    def doc_names(self) -> list[str]:
        return [str(n) for n in range(self.document_count)]

    @cached_property
    def refs(self) -> dict[str, list[str]]:
        return {f: [f"{f}/{n}" for n in range(self.document_count)] for f in FIELDS}

    @cached_property
    def norms(self) -> dict[str, list[float]]:
        """BM25's length normalisation per field and document: k1 * (1 - b + b * len / avg)."""
        k1, b, averages = LUNR_K1, LUNR_B, self.average_lengths()
        return {
            f: [k1 * (1 - b + b * (n / averages[f] if averages[f] else 0)) for n in self.lengths[f]] for f in FIELDS
        }


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
        found = Counter(analyse(fields[name]))
        terms += found
        counts += found.values()
        sizes.append(len(found))
    return "\n".join(terms), np.array(counts, np.uint32).tobytes(), tuple(sizes)


def doc_key(doc: SearchDoc) -> str:
    """The cache key of a document's analysis: a digest of its fields."""
    digest = hashlib.sha256()
    for name, text in doc.fields().items():
        data = text.encode("utf-8", "surrogatepass")
        digest.update(f"{name}:{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


class _Part(NamedTuple):
    """A range of documents inverted: its vocabulary, and per field (FIELDS order) the
    postings of each of its terms in term order, each term's documents in ascending order."""

    terms: list[str]  # in no particular order
    sizes: np.ndarray  # (fields, terms): number of postings
    numbers: list[np.ndarray | None]  # per field: document numbers (uint32), None once merged
    tfs: list[np.ndarray | None]  # per field: term frequencies (uint32), None once merged
    lengths: np.ndarray  # (documents, fields): number of terms (uint32)


def collect(docs: list[SearchDoc], processes: int = 2, cache: Cache | None = None) -> Postings:
    """Analyse every document (or take its analysis from `cache`, adding those it lacks) and
    invert: term -> postings. Workers each invert a range of documents; the parent merges
    their postings in document order."""
    keys = [doc_key(d) for d in docs] if cache is not None else []
    known = [cache.get(k) for k in keys] if cache is not None else None
    jobs = ranges(len(docs), 4 * processes if len(docs) > 200 else 1)
    parts = []
    for part, fresh in fork_map(_invert_range, jobs, processes, docs=docs, known=known):
        if cache is not None:
            for number, value in fresh.items():
                cache.put(keys[number], value)
        parts.append(part)
    del known
    return _merge(parts, len(docs))


def _invert_range(bounds: tuple[int, int]) -> tuple[_Part, dict[int, AnalysedDoc]]:
    """A range of documents inverted, and the analyses computed here (those the cache lacked,
    when there is a cache)."""
    docs, known = SHARED["docs"], SHARED["known"]
    analysed, fresh = [], {}
    for number in range(*bounds):
        value = known[number] if known is not None else None
        if value is None:
            value = analyse_doc(docs[number])
            if known is not None:
                fresh[number] = value
        analysed.append(value)
    return _invert(analysed, bounds[0]), fresh


def _invert(analysed: list[AnalysedDoc], first: int) -> _Part:
    """Documents first, first + 1, ... inverted with numpy: each (field, term, document) entry
    sorted by field and term, stably, so each term's documents stay in ascending order."""
    vocabulary: set[str] = set()
    for words, _counts, _sizes in analysed:
        if words:
            vocabulary.update(words.split("\n"))
    terms = list(vocabulary)
    rank = dict(zip(terms, range(len(terms)), strict=True))
    fields = len(FIELDS)
    sizes = np.array([value[2] for value in analysed], np.int64).reshape(-1, fields)
    words = chain.from_iterable(value[0].split("\n") for value in analysed if value[0])
    ids = np.fromiter(map(rank.__getitem__, words), np.int64, int(sizes.sum()))
    counts = np.frombuffer(b"".join(value[1] for value in analysed), np.uint32)
    group = np.repeat(np.arange(sizes.size), sizes.ravel())  # document * fields + field, per entry
    key = group % fields * len(terms) + ids
    order = np.argsort(key, kind="stable")
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
    """Start term numbers of each chunk: cut the sorted vocabulary into ~`target`-byte pieces
    (the estimate: a term's letters, then about five characters per posting)."""
    starts, size = [0], 0
    counts = sum(postings.docs[f].sizes() for f in FIELDS).tolist()  # type: ignore[union-attr]
    for tid, (term, count) in enumerate(zip(postings.terms, counts, strict=True)):
        cost = len(term) + 3 + 5 * count
        if size and size + cost > target:
            starts.append(tid)
            size = 0
        size += cost
    return starts


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


def _front_coded(terms: list[str]) -> tuple[list[str], list[str]]:
    """Each term without the leading characters it shares with the one before, and that count
    as a varint. The shared part stops before any character outside the BMP, so the count is
    the same in code points and in JavaScript's UTF-16 units."""
    suffixes, counts, previous = [], [], ""
    for term in terms:
        shared = 0
        for a, b in zip(previous, term, strict=False):
            if a != b or a > "\uffff":
                break
            shared += 1
        suffixes.append(term[shared:])
        counts.append(VARINT[shared])
        previous = term
    return suffixes, counts


def _gaps(docs: array) -> str:
    """Document numbers (ascending) as differences from the one before; the first from -1."""
    return "".join(map(VARINT.__getitem__, map(sub, docs, chain((-1,), docs))))


def _weights(weights: list[int]) -> str:
    """Integer weights; for two or more, the smallest first, then each minus the smallest."""
    if len(weights) == 1:
        return VARINT[weights[0]]
    low = min(weights)
    return VARINT[low] + "".join(VARINT[w - low] for w in weights)


def _field_parts(postings: Postings, name: str, lo: int, hi: int, idfs: list[float]) -> tuple[list[str], list[str]]:
    """Per term lo..hi-1, its postings in one field (count, gaps) and their weights ("" when
    the field does not hold it). A weight is lunr's BM25 weight (rounded to 3 decimals, with
    lunr's expression in lunr's order) × 1000, an integer."""
    k1p, boost, norm = LUNR_K1 + 1, FIELDS[name], postings.norms[name]
    stream, scores = [], []
    for docs, tfs, idf in zip(postings.docs[name][lo:hi], postings.tfs[name][lo:hi], idfs, strict=True):
        if not docs:
            stream.append("")
            scores.append("")
            continue
        stream.append(VARINT[len(docs)] + _gaps(docs))
        weights = [
            round(round(idf * (k1p * tf) / (norm[doc] + tf) * boost, 3) * 1000)
            for doc, tf in zip(docs, tfs, strict=True)
        ]
        scores.append(_weights(weights))
    return stream, scores


def encode_chunk(postings: Postings, lo: int, hi: int) -> tuple[str, str, str]:
    """Terms lo..hi-1 and their complete postings as three strings:

    words     the terms in order, swapped (see SWAP), each without the characters it shares
              with the term before it, separated by spaces;
    postings  varints, per term: the shared length, a bit mask of the FIELDS that hold it,
              then per such field the number of documents and their numbers (as gaps);
    scores    varints, per term and field in the same order: lunr's weight × 1000 of each
              document; with two documents or more, their smallest weight first and each
              weight as its difference from it.
    """
    counts = [postings.docs[name].sizes(lo, hi).tolist() for name in FIELDS]
    idfs = [_idf(sum(column), postings.document_count) for column in zip(*counts, strict=True)]
    masks = [VARINT[sum(1 << bit for bit, n in enumerate(column) if n)] for column in zip(*counts, strict=True)]
    parts = [_field_parts(postings, name, lo, hi, idfs) for name in FIELDS]
    suffixes, shared = _front_coded(postings.terms[lo:hi])
    stream = chain.from_iterable(zip(shared, masks, *(part[0] for part in parts), strict=True))
    scores = chain.from_iterable(zip(*(part[1] for part in parts), strict=True))
    return swap(" ".join(suffixes)), "".join(stream), "".join(scores)


def decode_chunk(words: str, postings: str, scores: str) -> dict:
    """A chunk as the serialized lunr index it stands for: what search.js builds from it (the
    same steps), for lunr.py's Index.load and for tests."""
    numbers, weights = read_varints(postings), read_varints(scores)
    inverted: list = []
    vectors: dict[str, list] = {}
    term = ""
    for index, suffix in enumerate(swap(words).split(" ") if words else []):
        term = term[: next(numbers)] + suffix
        mask, entry = next(numbers), {"_index": index}
        for bit, name in enumerate(FIELDS):
            entry[name] = posting = {}
            count, doc = next(numbers) if mask >> bit & 1 else 0, -1
            low = next(weights) if count > 1 else 0
            for _ in range(count):
                doc += next(numbers)
                posting[str(doc)] = {}
                vectors.setdefault(f"{name}/{doc}", []).extend((index, (low + next(weights)) / 1000))
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


def read_chunk(path: Path) -> dict:
    """A written terms/<n>.js as the serialized lunr index it stands for."""
    return decode_chunk(*_arguments(path)[1:])


def read_doc(path: Path) -> dict:
    """A written docs/<n>.js, its texts swapped back."""
    record = _arguments(path)[1]
    return {**record, "text": swap(record["text"]), "title": swap(record["title"])}


# --- writing --------------------------------------------------------------------------------
def _js(call: str, *args: object) -> bytes:
    """`SijillSearch.call(arg, …);` — compact JSON with sorted keys (orjson: same bytes as the
    standard library's json.dumps, and faster)."""
    payload = b",".join(orjson.dumps(a, option=orjson.OPT_SORT_KEYS) for a in args)
    return b"SijillSearch." + call.encode() + b"(" + payload + b");\n"


def _write_part(job: tuple[list[tuple[int, int, int]], range]) -> tuple[int, int]:
    """A worker's share: some term chunks and some result documents. Returns bytes written."""
    chunks, doc_numbers = job
    postings, folder, docs = SHARED["postings"], SHARED["folder"], SHARED["docs"]
    chunk_bytes = doc_bytes = 0
    for number, lo, hi in chunks:
        text = _js("chunk", number, *encode_chunk(postings, lo, hi))
        (folder / "terms" / f"{number}.js").write_bytes(text)
        chunk_bytes += len(text)
    for number in doc_numbers:
        text = _js("doc", number, doc_record(docs[number]))
        (folder / "docs" / f"{number}.js").write_bytes(text)
        doc_bytes += len(text)
    return chunk_bytes, doc_bytes


@dataclass
class IndexStats:
    documents: int
    terms: int
    chunks: int
    bytes: dict[str, int] = field(default_factory=dict)


def write_index(
    docs: list[SearchDoc], out: Path, processes: int = 2, target: int = CHUNK_BYTES, cache: Cache | None = None
) -> IndexStats:
    """Build and write the whole search index under `out` (the site's `search/` folder). With a
    `cache`, documents analysed in an earlier build are not analysed again (see `collect`)."""
    postings = collect(docs, processes, cache)
    starts = chunk_bounds(postings, target)
    ends = [*starts[1:], len(postings.terms)]
    (out / "terms").mkdir(parents=True, exist_ok=True)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    chunks = [(n, lo, hi) for n, (lo, hi) in enumerate(zip(starts, ends, strict=True))]
    workers = max(1, processes) if len(chunks) > 1 else 1
    jobs = [(chunks[w::workers], range(w, len(docs), workers)) for w in range(workers)]
    written = list(fork_map(_write_part, jobs, workers, postings=postings, folder=out, docs=docs))
    term_bytes, doc_bytes = (sum(part) for part in zip(*written, strict=True))
    manifest = _js("manifest", manifest_data(docs, [postings.terms[s] for s in starts]))
    (out / "manifest.js").write_bytes(manifest)
    return IndexStats(
        documents=len(docs),
        terms=len(postings.terms),
        chunks=len(starts),
        bytes={"manifest": len(manifest), "terms": term_bytes, "docs": doc_bytes},
    )


def doc_record(doc: SearchDoc) -> dict:
    """What a result shows and a phrase is checked on: the headline and the whole indexed body
    (both swapped, see SWAP), and the address. Language, outlet and date are in the manifest."""
    return {"text": swap(doc.body[:MAX_ENTRY_CHARS]), "title": swap(doc.title), "url": doc.url}


def manifest_data(docs: list[SearchDoc], first_terms: list[str]) -> dict:
    """Chunk boundaries and, for every document, the facets: language, outlet, year, date."""
    langs = sorted({d.lang for d in docs})
    outlets = sorted({d.outlet for d in docs if d.outlet})
    lang_no = {lang: n for n, lang in enumerate(langs)}
    outlet_no = {outlet: n for n, outlet in enumerate(outlets)}
    return {
        "version": 2,
        "fields": list(FIELDS),
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


def chunk_of(term: str, first_terms: list[str]) -> int:
    """Which chunk holds `term` (the same rule search.js applies)."""
    return max(0, bisect_right(first_terms, term) - 1)
