"""Run a query against a written search index, the way search.js does in the browser.

A query is folded, parsed with lunr's own query parser, and each clause is sent to the
chunks that can hold its terms; per-clause scores are summed and lunr's presence rules
(+required, -prohibited) are applied across chunks. Used by the ranking tests and benchmarks.
"""

from __future__ import annotations

import json
from pathlib import Path

from lunr.index import Index
from lunr.query import Clause, Query, QueryPresence
from lunr.query_parser import QueryParser
from lunr.token import Token

from . import fold
from .search_index import chunk_of, sijill_fold, sijill_stem


def read_js(path: Path) -> list:
    """The arguments of a `SijillSearch.x(...);` file."""
    text = path.read_text("utf-8")
    return json.loads("[" + text[text.index("(") + 1 : text.rindex(")")] + "]")


def expand(term: str) -> list[str]:
    """A clause term as the index pipeline sees it: folded runs, each with its light stem."""
    out: list[str] = []
    for folded in sijill_fold(Token(term), 0, []):
        out += [str(t) for t in sijill_stem(folded, 0, [])]
    return out


class Searcher:
    def __init__(self, folder: Path):
        self.folder = folder
        self.manifest = read_js(folder / "manifest.js")[0]
        self._chunks: dict[int, Index] = {}
        self.loaded: list[int] = []  # chunk numbers, in load order (bytes per query in benchmarks)

    def chunk(self, number: int) -> Index:
        if number not in self._chunks:
            self._chunks[number] = Index.load(read_js(self.folder / "terms" / f"{number}.js")[1])
            self.loaded.append(number)
        return self._chunks[number]

    def chunks_for(self, clause: Clause) -> set[int]:
        first = self.manifest["chunks"]
        if clause.wildcard & Query.WILDCARD_LEADING:
            return set()  # leading wildcards would need every chunk: not supported
        if clause.wildcard & Query.WILDCARD_TRAILING:
            prefix = clause.term.rstrip("*")
            return set(range(chunk_of(prefix, first), chunk_of(prefix + "\U0010ffff", first) + 1))
        terms = expand(clause.term) if clause.use_pipeline else [clause.term]
        numbers = {chunk_of(t, first) for t in terms}
        if clause.edit_distance:  # fuzzy: neighbouring terms in sort order
            numbers |= {n + d for n in numbers for d in (-1, 1) if 0 <= n + d < len(first)}
        return numbers

    def search(self, query: str) -> list[tuple[int, float]]:
        """(document number, score), best first."""
        parsed = Query(self.manifest["fields"])
        QueryParser(fold.fold(query), parsed).parse()
        required: list[set[int]] = []
        prohibited: set[int] = set()
        scores: dict[int, float] = {}
        for clause in parsed.clauses:
            hits: dict[int, float] = {}
            for number in sorted(self.chunks_for(clause)):
                single = Query(self.manifest["fields"])
                single.clause(
                    term=clause.term,
                    fields=clause.fields,
                    edit_distance=clause.edit_distance,
                    use_pipeline=clause.use_pipeline,
                    boost=clause.boost,
                    wildcard=clause.wildcard,
                    presence=QueryPresence.OPTIONAL,
                )
                for result in self.chunk(number).query(single):
                    ref = int(result["ref"])
                    hits[ref] = hits.get(ref, 0.0) + result["score"]
            if clause.presence == QueryPresence.PROHIBITED:
                prohibited |= set(hits)
                continue
            if clause.presence == QueryPresence.REQUIRED:
                required.append(set(hits))
            for ref, score in hits.items():
                scores[ref] = scores.get(ref, 0.0) + score
        allowed = set(scores)
        for must in required:
            allowed &= must
        allowed -= prohibited
        return sorted(((r, scores[r]) for r in allowed), key=lambda rs: (-rs[1], rs[0]))
