"""The search index: lunr.py indexes partitioned by term, with global statistics.

One lunr index over a large archive is too big to ship (10k articles: 171 MB). Here the sorted
vocabulary is cut into chunks (as Pagefind does); each chunk is a real lunr.py index holding
the *complete* postings of its terms, built with the archive-wide document count and average
field lengths and each document's true field length. lunr's BM25 weight of a term in a
document depends on nothing else, so every chunk scores exactly as one big index would, and
a query loads only the chunks of its own terms (plus small per-document files for results).

Layout written under `search/` (all `.js`, added with <script> tags, so it works from file://):

    manifest.js       SijillSearch.manifest({...}): chunk boundaries, facets of every document
    terms/<n>.js      SijillSearch.chunk(n, <serialized lunr index>)
    docs/<n>.js       SijillSearch.doc(n, {title, url, outlet, date, lang, text[, full]})
    docs/<n>.full.js  SijillSearch.full(n, body): only for an article whose body is longer than
                      the snippet text (`full: true`), its body as indexed, to check a quoted
                      phrase anywhere in it

The pipeline functions are registered in lunr.py under the labels the browser registers in
lunr.js (theme/static/js/fold.js): "sijillFold" and "sijillStem".
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import orjson
from lunr.builder import Builder
from lunr.idf import idf as Idf
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token import Token

from . import fold
from .workers import SHARED, fork_map, ranges

# Field boosts: a match in the headline outweighs one in the body; entity variants (other
# spellings, the other language) count least, so exact matches rank first.
# An editor's translation counts least: a query in another language finds the article through
# it, after every report that matches in its own words.
FIELDS: dict[str, float] = {"title": 3.0, "keywords": 2.0, "body": 1.0, "entities": 0.4, "translation": 0.3}
LUNR_K1, LUNR_B = Builder()._k1, Builder()._b  # lunr's BM25 parameters (1.2, 0.75)
CHUNK_BYTES = 48_000  # target size of one term chunk before compression
MAX_ENTRY_CHARS = 60_000  # an over-large article is indexed up to this many characters
SNIPPET_CHARS = 6_000  # text shipped per document for result snippets


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


@dataclass(eq=False)
class Postings:
    """Every term's postings, per field, as compact arrays (doc numbers and term frequencies)."""

    terms: list[str]
    docs: dict[str, list[array]]  # field -> per term id: doc numbers
    tfs: dict[str, list[array]]  # field -> per term id: term frequencies
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


def collect(docs: list[SearchDoc], processes: int = 2) -> Postings:
    """Analyse every document and invert: term -> postings. Workers each invert a range of
    documents; the parent concatenates their postings in document order."""
    jobs = ranges(len(docs), 4 * processes if len(docs) > 200 else 1)
    return _merge(fork_map(_invert_range, jobs, processes, docs=docs), len(docs))


def _invert_range(bounds: tuple[int, int]) -> tuple[dict, dict]:
    """Postings of a range of documents, per field in compact (CSR) form: the terms, then for
    each term its slice [offsets[i], offsets[i+1]) of the doc-number and frequency arrays.
    A few large objects pickle fast; thousands of small arrays would not."""
    docs = SHARED["docs"]
    table: dict[str, dict[str, list]] = {f: {} for f in FIELDS}
    lengths = {f: array("I") for f in FIELDS}
    for number in range(*bounds):
        for name, text in docs[number].fields().items():
            counts = Counter(analyse(text))
            lengths[name].append(sum(counts.values()))
            postings = table[name]
            for term, tf in counts.items():
                slot = postings.get(term)
                if slot is None:
                    postings[term] = [number, tf]
                else:
                    slot += (number, tf)
    packed = {}
    for name, postings in table.items():
        offsets, numbers, tfs = array("I", [0]), array("I"), array("I")
        for pairs in postings.values():
            numbers.extend(pairs[0::2])
            tfs.extend(pairs[1::2])
            offsets.append(len(numbers))
        packed[name] = (list(postings), offsets, numbers, tfs)
    return packed, lengths


def _merge(parts, count: int) -> Postings:
    merged: dict[str, dict[str, tuple[array, array]]] = {f: {} for f in FIELDS}
    lengths = {f: array("I") for f in FIELDS}
    for packed, part_lengths in parts:  # in document order
        for name in FIELDS:
            lengths[name].extend(part_lengths[name])
            target = merged[name]
            terms, offsets, numbers, tfs = packed[name]
            for i, term in enumerate(terms):
                lo, hi = offsets[i], offsets[i + 1]
                slot = target.get(term)
                if slot is None:
                    target[term] = (numbers[lo:hi], tfs[lo:hi])
                else:
                    slot[0].extend(numbers[lo:hi])
                    slot[1].extend(tfs[lo:hi])
    terms = sorted({t for name in FIELDS for t in merged[name]})
    empty = (array("I"), array("I"))
    docs = {f: [merged[f].get(t, empty)[0] for t in terms] for f in FIELDS}
    tfs = {f: [merged[f].get(t, empty)[1] for t in terms] for f in FIELDS}
    return Postings(terms, docs, tfs, lengths, count)


def chunk_bounds(postings: Postings, target: int = CHUNK_BYTES) -> list[int]:
    """Start term numbers of each chunk: cut the sorted vocabulary into ~`target`-byte pieces."""
    starts, size = [0], 0
    for tid, term in enumerate(postings.terms):
        n = sum(len(postings.docs[f][tid]) for f in FIELDS)
        cost = 2 * len(term.encode()) + 24 + 22 * n  # inverted index + field vector entries
        if size and size + cost > target:
            starts.append(tid)
            size = 0
        size += cost
    return starts


class _ChunkIndex(Index):
    """lunr's Index, serialized the same way, with field vectors kept as flat sorted lists."""

    def serialize(self) -> dict:
        from lunr import __TARGET_JS_VERSION__

        return {
            "version": __TARGET_JS_VERSION__,
            "fields": self.fields,
            "fieldVectors": [[ref, flat] for ref, flat in self.field_vectors.items()],
            "invertedIndex": [[term, self.inverted_index[term]] for term in sorted(self.inverted_index)],
            "pipeline": self.pipeline.serialize(),
        }


class _ChunkBuilder(Builder):
    """A lunr.py Builder fed with complete postings and archive-wide statistics.

    Postings arrive inverted already, so the field vectors are computed term by term with
    lunr's own idf and BM25 formula (the same numbers `Builder._create_field_vectors` gives,
    checked by tests/test_search_index.py against a stock lunr.py index).
    """

    def __init__(self, postings: Postings, lo: int, hi: int):
        super().__init__()
        self.pipeline.reset()
        self.search_pipeline.add(sijill_fold, sijill_stem)
        self.metadata_whitelist = []
        self.ref("id")
        for name, boost in FIELDS.items():
            self.field(name, boost=boost)
        self.postings, self.lo, self.hi = postings, lo, hi
        self.document_count = postings.document_count
        self.average_field_length = postings.average_lengths()
        empty: dict = {}
        names = postings.doc_names
        for index, tid in enumerate(range(lo, hi)):
            entry: dict = {"_index": index}
            for name in FIELDS:
                entry[name] = dict.fromkeys(map(names.__getitem__, postings.docs[name][tid]), empty)
            self.inverted_index[postings.terms[tid]] = entry

    def build(self) -> _ChunkIndex:
        self._create_field_vectors()
        return _ChunkIndex(self.inverted_index, self.field_vectors, None, list(self._fields), self.search_pipeline)

    def _create_field_vectors(self) -> None:
        k1, p = self._k1, self.postings
        norms, refs = p.norms, p.refs
        elements: dict[str, list] = {}
        for index, tid in enumerate(range(self.lo, self.hi)):
            idf = Idf(self.inverted_index[p.terms[tid]], self.document_count)
            for name, boost in FIELDS.items():
                norm, ref = norms[name], refs[name]
                for doc, tf in zip(p.docs[name][tid], p.tfs[name][tid], strict=True):
                    # lunr's expression, in lunr's order (so the rounding is the same)
                    score = idf * ((k1 + 1) * tf) / (norm[doc] + tf)
                    score = round(score * boost, 3)
                    key = ref[doc]
                    vector = elements.get(key)
                    if vector is None:
                        elements[key] = [index, score]
                    else:
                        vector += (index, score)
        self.field_vectors = elements


def build_chunk(postings: Postings, lo: int, hi: int) -> dict:
    """The serialized lunr index of terms lo..hi-1."""
    return _ChunkBuilder(postings, lo, hi).build().serialize()


# --- writing --------------------------------------------------------------------------------
def _js(call: str, *args: object) -> bytes:
    """`SijillSearch.call(arg, …);` — compact JSON with sorted keys (orjson: same bytes as the
    standard library's json.dumps, five times faster on the index's millions of postings)."""
    payload = b",".join(orjson.dumps(a, option=orjson.OPT_SORT_KEYS) for a in args)
    return b"SijillSearch." + call.encode() + b"(" + payload + b");\n"


def _write_part(job: tuple[list[tuple[int, int, int]], range]) -> tuple[int, int]:
    """A worker's share: some term chunks and some result documents. Returns bytes written."""
    chunks, doc_numbers = job
    postings, folder, docs = SHARED["postings"], SHARED["folder"], SHARED["docs"]
    chunk_bytes = doc_bytes = 0
    for number, lo, hi in chunks:
        text = _js("chunk", number, build_chunk(postings, lo, hi))
        (folder / "terms" / f"{number}.js").write_bytes(text)
        chunk_bytes += len(text)
    for number in doc_numbers:
        text = _js("doc", number, _doc_record(docs[number]))
        (folder / "docs" / f"{number}.js").write_bytes(text)
        doc_bytes += len(text)
        if len(docs[number].body) > SNIPPET_CHARS:
            text = _js("full", number, docs[number].body[:MAX_ENTRY_CHARS])
            (folder / "docs" / f"{number}.full.js").write_bytes(text)
            doc_bytes += len(text)
    return chunk_bytes, doc_bytes


@dataclass
class IndexStats:
    documents: int
    terms: int
    chunks: int
    bytes: dict[str, int] = field(default_factory=dict)


def write_index(docs: list[SearchDoc], out: Path, processes: int = 2, target: int = CHUNK_BYTES) -> IndexStats:
    """Build and write the whole search index under `out` (the site's `search/` folder)."""
    postings = collect(docs, processes)
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


def _doc_record(doc: SearchDoc) -> dict:
    record = {
        "title": doc.title,
        "url": doc.url,
        "outlet": doc.outlet,
        "date": doc.date,
        "lang": doc.lang,
        "text": doc.body[:SNIPPET_CHARS],
    }
    if len(doc.body) > SNIPPET_CHARS:  # the rest is in docs/<n>.full.js (phrase checks)
        record["full"] = True
    return record


def manifest_data(docs: list[SearchDoc], first_terms: list[str]) -> dict:
    """Chunk boundaries and, for every document, the facets: language, outlet, year, date."""
    langs = sorted({d.lang for d in docs})
    outlets = sorted({d.outlet for d in docs if d.outlet})
    lang_no = {lang: n for n, lang in enumerate(langs)}
    outlet_no = {outlet: n for n, outlet in enumerate(outlets)}
    return {
        "version": 1,
        "fields": list(FIELDS),
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
