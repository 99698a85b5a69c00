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
    docs/<n>.js       SijillSearch.doc(n, {title, url, outlet, date, lang, text})

The pipeline functions are registered in lunr.py under the labels the browser registers in
lunr.js (theme/static/js/fold.js): "sijillFold" and "sijillStem".
"""

from __future__ import annotations

import json
import multiprocessing
import os
from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lunr.builder import Builder
from lunr.idf import idf as Idf
from lunr.pipeline import Pipeline
from lunr.token import Token

from . import fold

# Field boosts: a match in the headline outweighs one in the body; entity variants (other
# spellings, the other language) count least, so exact matches rank first.
FIELDS: dict[str, float] = {"title": 3.0, "keywords": 2.0, "body": 1.0, "entities": 0.4}
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

    def fields(self) -> dict[str, str]:
        return {"title": self.title, "keywords": self.keywords, "body": self.body, "entities": self.entities}


def _analyse_doc(doc: SearchDoc) -> dict[str, Counter]:
    return {name: Counter(analyse(text)) for name, text in doc.fields().items()}


# --- building -------------------------------------------------------------------------------
@dataclass
class Postings:
    """Every term's postings, per field, as compact arrays (doc numbers and term frequencies)."""

    terms: list[str]
    docs: dict[str, list[array]]  # field -> per term id: doc numbers
    tfs: dict[str, list[array]]  # field -> per term id: term frequencies
    lengths: dict[str, array]  # field -> per doc: number of terms
    document_count: int

    def average_lengths(self) -> dict[str, float]:
        return {f: (sum(v) / len(v) if len(v) else 0.0) for f, v in self.lengths.items()}


def collect(docs: list[SearchDoc], processes: int = 2) -> Postings:
    """Analyse every document (in parallel) and invert: term -> postings, in sorted term order."""
    if processes > 1 and len(docs) > 200:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            analysed = pool.imap(_analyse_doc, docs, chunksize=64)
            return _invert(analysed, len(docs))
    return _invert(map(_analyse_doc, docs), len(docs))


def _invert(analysed, count: int) -> Postings:
    ids: dict[str, int] = {}
    raw: dict[str, dict[int, tuple[array, array]]] = {f: {} for f in FIELDS}
    lengths = {f: array("I") for f in FIELDS}
    for number, fields in enumerate(analysed):
        for name, counts in fields.items():
            lengths[name].append(sum(counts.values()))
            table = raw[name]
            for term, tf in counts.items():
                tid = ids.setdefault(term, len(ids))
                slot = table.get(tid)
                if slot is None:
                    slot = table[tid] = (array("I"), array("I"))
                slot[0].append(number)
                slot[1].append(tf)
    terms = sorted(ids)
    order = [ids[t] for t in terms]
    empty = (array("I"), array("I"))
    docs = {f: [raw[f].get(tid, empty)[0] for tid in order] for f in FIELDS}
    tfs = {f: [raw[f].get(tid, empty)[1] for tid in order] for f in FIELDS}
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


class _SortedVector:
    """Stands in for lunr's Vector when serializing: elements built already sorted and rounded."""

    __slots__ = ("elements",)

    def __init__(self, elements: list):
        self.elements = elements

    def serialize(self) -> list:
        return self.elements


class _ChunkBuilder(Builder):
    """A lunr.py Builder fed with complete postings and archive-wide statistics.

    Postings arrive inverted already, so the field vectors are computed term by term with
    lunr's own idf and BM25 formula (the same numbers `Builder._create_field_vectors` gives).
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
        for index, tid in enumerate(range(lo, hi)):
            entry: dict = {"_index": index}
            for name in FIELDS:
                entry[name] = dict.fromkeys(map(str, postings.docs[name][tid]), empty)
            self.inverted_index[postings.terms[tid]] = entry

    def _calculate_average_field_lengths(self) -> None:
        pass  # archive-wide averages were set in __init__

    def _create_field_vectors(self) -> None:
        k1, b, p = self._k1, self._b, self.postings
        elements: dict[str, list] = {}
        for index, tid in enumerate(range(self.lo, self.hi)):
            idf = Idf(self.inverted_index[p.terms[tid]], self.document_count)
            for name, boost in FIELDS.items():
                average, lengths = self.average_field_length[name], p.lengths[name]
                for doc, tf in zip(p.docs[name][tid], p.tfs[name][tid], strict=True):
                    norm = k1 * (1 - b + b * (lengths[doc] / average)) + tf
                    score = round(idf * ((k1 + 1) * tf) / norm * boost, 3)
                    elements.setdefault(f"{name}/{doc}", []).extend((index, score))
        self.field_vectors = {ref: _SortedVector(flat) for ref, flat in elements.items()}

    def _create_token_set(self) -> None:  # lunr.js rebuilds it from the inverted index on load
        self.token_set = None


def build_chunk(postings: Postings, lo: int, hi: int) -> dict:
    """The serialized lunr index of terms lo..hi-1."""
    return _ChunkBuilder(postings, lo, hi).build().serialize()


# --- writing --------------------------------------------------------------------------------
def _js(call: str, *args: object) -> str:
    payload = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"), sort_keys=True) for a in args)
    return f"SijillSearch.{call}({payload});\n"


_SHARED: dict = {}  # what forked chunk workers read (inherited, never pickled)


def _write_chunks(job: tuple[int, list[tuple[int, int, int]]]) -> int:
    _, ranges = job
    postings, folder = _SHARED["postings"], _SHARED["folder"]
    written = 0
    for number, lo, hi in ranges:
        text = _js("chunk", number, build_chunk(postings, lo, hi))
        (folder / f"{number}.js").write_text(text, encoding="utf-8")
        written += len(text.encode())
    return written


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
    ranges = [(n, lo, hi) for n, (lo, hi) in enumerate(zip(starts, ends, strict=True))]
    jobs = [(w, ranges[w::processes]) for w in range(max(1, processes))]
    _SHARED.update(postings=postings, folder=out / "terms")
    try:
        if processes > 1 and len(ranges) > 1:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                term_bytes = sum(pool.map(_write_chunks, jobs))
        else:
            term_bytes = sum(map(_write_chunks, jobs))
    finally:
        _SHARED.clear()
    doc_bytes = 0
    for number, doc in enumerate(docs):
        text = _js("doc", number, _doc_record(doc))
        (out / "docs" / f"{number}.js").write_text(text, encoding="utf-8")
        doc_bytes += len(text.encode())
    manifest = _js("manifest", manifest_data(docs, [postings.terms[s] for s in starts]))
    (out / "manifest.js").write_text(manifest, encoding="utf-8")
    return IndexStats(
        documents=len(docs),
        terms=len(postings.terms),
        chunks=len(starts),
        bytes={"manifest": len(manifest.encode()), "terms": term_bytes, "docs": doc_bytes},
    )


def _doc_record(doc: SearchDoc) -> dict:
    return {
        "title": doc.title,
        "url": doc.url,
        "outlet": doc.outlet,
        "date": doc.date,
        "lang": doc.lang,
        "text": doc.body[:SNIPPET_CHARS],
    }


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


def default_processes() -> int:
    return max(1, min(2, os.cpu_count() or 1))
