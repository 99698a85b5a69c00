"""Run a query against a written search index, the way search.js does in the browser.

A query is folded and cut into items: `[+|-][field:]("phrase"|word)`. Plain words go through
lunr's own query parser, and each clause is sent to the chunks that can hold its terms;
per-unit scores are summed and lunr's presence rules (+required, -prohibited) are applied
across chunks. On top of lunr's syntax:

- `"words in quotes"`: a phrase, the words (folded and stemmed as indexed) consecutively in
  the headline or the text; every article holding all the words is a candidate, checked on
  the text its result file carries (`docs/<n>.js`: the whole indexed body);
- `outlet:name`, `lang:fa`, `date:2018`, `date:2018-05`, `date:2018-05-03` (`year:` too):
  filters from the manifest's facets (`-outlet:…` excludes);
- a bare year (`2018`) or month (`2018-05`) also finds the articles dated then, and a bare
  outlet name (`سكاي نيوز`) that outlet's reports, weighted like a headline word (3 × idf).

`suggest` gives the "did you mean" query: each misspelt word replaced by the closest more
frequent word of the index in the chunks around it, and with few results the query with `~1`.
theme/static/js/search.js implements the same plan; tests run both on one index.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from lunr.exceptions import QueryParseError
from lunr.index import Index
from lunr.query import Clause, Query, QueryPresence
from lunr.query_parser import QueryParser
from lunr.token import Token

from . import fold
from .search_index import (
    MAX_ENTRY_CHARS,
    chunk_names,
    chunk_of,
    read_chunk,
    read_doc,
    sijill_fold,
    sijill_stem,
    weighing,
)

FACET_BOOST = 3.0  # an outlet or date match weighs like a headline word
FEW = 3  # fewer results than this: also try the query with ~1
QUOTES = '"\u201c\u201d\u00ab\u00bb\u201e'  # " “ ” « » „ open and close a phrase
FILTERS = {"outlet": "outlet", "lang": "lang", "date": "date", "year": "date"}
DATE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
RUN = re.compile(r"[^\W_]+")
FIELD = re.compile(r"[a-z]+:")
OPTIONAL, REQUIRED, PROHIBITED = QueryPresence.OPTIONAL, QueryPresence.REQUIRED, QueryPresence.PROHIBITED


class QueryError(ValueError):
    """A query that cannot be read: kind is syntax, field, date or empty; part the item."""

    def __init__(self, kind: str, part: str):
        super().__init__(f"{kind}: {part}")
        self.kind, self.part = kind, part


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


@dataclass
class Item:
    presence: str  # "", "+" or "-"
    field: str
    value: str
    quoted: bool
    raw: str


def scan(s: str) -> list[Item]:
    """A folded query cut into items: [+|-][field:]("phrase"|word)."""
    items, i, n = [], 0, len(s)
    while i < n:
        if s[i].isspace():
            i += 1
            continue
        start, presence, name = i, "", ""
        if s[i] in "+-" and i + 1 < n and not s[i + 1].isspace():
            presence, i = s[i], i + 1
        m = FIELD.match(s, i)
        if m:
            name, i = m.group()[:-1], m.end()
        if i < n and s[i] in QUOTES:
            j = i + 1
            while j < n and s[j] not in QUOTES:
                j += 1
            value, quoted, i = s[i + 1 : j], True, min(n, j + 1)
        else:
            j = i
            while j < n and not s[j].isspace():
                j += 1
            value, quoted, i = s[i:j], False, j
        items.append(Item(presence, name, value, quoted, s[start:i]))
    return items


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), by code point."""
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i]
        for j in range(1, len(b) + 1):
            d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d = min(d, prev2[j - 2] + 1)
            cur.append(d)
        prev2, prev = prev, cur
    return prev[len(b)]


def weight(count: int, total: int) -> float:
    """lunr's idf times FACET_BOOST, rounded to 3 decimals (as search.js computes it)."""
    idf = math.log(1 + abs((total - count + 0.5) / (count + 0.5)))
    return math.floor(FACET_BOOST * idf * 1000 + 0.5) / 1000


def date_range(value: str) -> tuple[int, int] | None:
    """The date facets (YYYYMMDD) of "2018", "2018-05" or "2018-05-03": [start, end)."""
    m = DATE.fullmatch(value)
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if mo > 12 or d > 31 or (m[2] and not mo) or (m[3] and not d):
        return None
    if not m[2]:
        return y * 10000, (y + 1) * 10000
    if not m[3]:
        return y * 10000 + mo * 100, y * 10000 + mo * 100 + 100
    return y * 10000 + mo * 100 + d, y * 10000 + mo * 100 + d + 1


def same_term(a: str, b: str) -> bool:
    """Two folded tokens match if they share a term (the word or its light stem)."""
    return bool(set(fold.terms(a)) & set(fold.terms(b)))


def contains(tokens: list[str], part: list[str]) -> bool:
    """`part` occurs in `tokens` consecutively (token by token, as same_term)."""
    return any(all(same_term(p, tokens[i + j]) for j, p in enumerate(part)) for i in range(len(tokens) - len(part) + 1))


def outlet_match(toks: list[str], runs: list[list[str]]) -> int:
    """How many words of an outlet's name the plain words give consecutively: the whole name
    or a part of two words or more (سكاي نيوز for سكاي نيوز عربية); 0 if none."""
    for k in range(len(toks), max(0, min(2, len(toks)) - 1), -1):
        for i in range(len(toks) - k + 1):
            if any(contains(run, toks[i : i + k]) for run in runs):
                return k
    return 0


def replace_word(raw: str, old: str, new: str) -> str:
    parts, done = re.split(r"([^\W_]+)", raw), False
    for i, part in enumerate(parts):
        if not done and part == old:
            parts[i], done = new, True
    return "".join(parts)


@dataclass
class Unit:
    kind: str  # clause, phrase, year, date, filter, outlet
    presence: QueryPresence
    clause: Clause | None = None
    item: Item | None = None
    tokens: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    docs: list[int] = field(default_factory=list)
    weight: float = 0.0


@dataclass
class Plan:
    query: str
    folded: str
    items: list[Item]
    units: list[Unit]
    hits: list[tuple[int, float]] = field(default_factory=list)


class Searcher:
    def __init__(self, folder: Path):
        self.folder = folder
        self.manifest = read_js(folder / "manifest.js")[0]
        self._chunks: dict[int, Index] = {}
        self.chunk_names = chunk_names(self.manifest["chunks"])
        self.weighing = weighing(self.manifest)
        self._docs: dict[int, dict] = {}
        self.loaded: list[int] = []  # chunk numbers, in load order (bytes per query in benchmarks)
        self.outlet_tokens = [fold.tokens(o) for o in self.manifest["outlets"]]

    def chunk(self, number: int) -> Index:
        if number not in self._chunks:
            path = self.folder / "terms" / f"{self.chunk_names[number]}.js"
            self._chunks[number] = Index.load(read_chunk(path, self.weighing))
            self.loaded.append(number)
        return self._chunks[number]

    def doc(self, number: int) -> dict:
        if number not in self._docs:
            self._docs[number] = read_doc(self.folder / "docs" / f"{number}.js")
        return self._docs[number]

    def body(self, number: int) -> str:
        """The text a phrase is checked on: the whole indexed body of a long article."""
        return self.doc(number)["text"]

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

    # --- the plan ---------------------------------------------------------------------------
    def parse_clauses(self, raw: str) -> list[Clause]:
        parsed = Query(self.manifest["fields"])
        try:
            QueryParser(raw, parsed).parse()
        except QueryParseError as error:
            raise QueryError("syntax", raw) from error
        return parsed.clauses

    def docs_where(self, test) -> list[int]:
        return [n for n, f in enumerate(self.manifest["facets"]) if test(f)]

    def filter_unit(self, item: Item, kind: str) -> Unit:
        value = item.value.strip()
        presence = PROHIBITED if item.presence == "-" else REQUIRED
        if not fold.tokens(value):
            raise QueryError("empty", item.raw)
        if kind == "lang":
            lang = self.manifest["langs"].index(value) if value in self.manifest["langs"] else -1
            docs = self.docs_where(lambda f: f[0] == lang)
        elif kind == "outlet":
            want = fold.tokens(value)
            outlets = {o for o, toks in enumerate(self.outlet_tokens) if contains(toks, want)}
            docs = self.docs_where(lambda f: f[1] in outlets)
        else:
            span = date_range(value)
            if not span:
                raise QueryError("date", item.raw)
            docs = self.docs_where(lambda f: span[0] <= f[2] < span[1])
        return Unit("filter", presence, docs=docs)

    def dated_unit(self, kind: str, value: str, presence, clause: Clause | None) -> Unit:
        span = date_range(value)
        docs = self.docs_where(lambda f: span[0] <= f[2] < span[1])
        return Unit(kind, presence, clause=clause, docs=docs, weight=weight(len(docs), len(self.manifest["facets"])))

    def plan(self, query: str) -> Plan:
        folded = fold.fold(query)
        items, units, fields = scan(folded), [], self.manifest["fields"]
        for item in items:
            name = item.field
            presence = {"+": REQUIRED, "-": PROHIBITED}.get(item.presence, OPTIONAL)
            if name in FILTERS:
                units.append(self.filter_unit(item, FILTERS[name]))
                continue
            if name and name not in fields:
                raise QueryError("field", item.raw)
            if item.quoted:
                toks = fold.tokens(item.value)
                if len(toks) == 1:
                    raw = item.presence + (name + ":" if name else "") + toks[0]
                    units += [Unit("clause", c.presence, clause=c, item=item) for c in self.parse_clauses(raw)]
                elif toks:
                    units.append(Unit("phrase", presence, item=item, tokens=toks, fields=[name] if name else fields))
                continue
            if not name and DATE.fullmatch(item.value) and date_range(item.value):
                if "-" not in item.value:
                    if 1800 <= int(item.value) < 2200:
                        clause = self.parse_clauses(item.value)[0]
                        units.append(self.dated_unit("year", item.value, presence, clause))
                        continue
                else:
                    units.append(self.dated_unit("date", item.value, presence, None))
                    continue
            units += [Unit("clause", c.presence, clause=c, item=item) for c in self.parse_clauses(item.raw)]
        # A bare outlet name among plain words also finds that outlet's reports.
        runs: list[list[str]] = [[]]
        for item in items:
            if not item.presence and not item.field and not item.quoted and RUN.fullmatch(item.value):
                runs[-1].append(item.value)
            elif runs[-1]:
                runs.append([])
        total = len(self.manifest["facets"])
        for o, toks in enumerate(self.outlet_tokens):
            k = outlet_match(toks, runs)
            if k:
                docs = self.docs_where(lambda f, o=o: f[1] == o)
                units.append(Unit("outlet", OPTIONAL, docs=docs, weight=k * weight(len(docs), total)))
        return Plan(query, folded, items, units)

    # --- evaluation -------------------------------------------------------------------------
    @staticmethod
    def phrase_clause(unit: Unit, token: str) -> Clause:
        return Clause(term=token, fields=unit.fields, use_pipeline=True, presence=REQUIRED)

    def clause_hits(self, clause: Clause) -> dict[int, float]:
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
                presence=OPTIONAL,
            )
            for result in self.chunk(number).query(single):
                ref = int(result["ref"])
                hits[ref] = hits.get(ref, 0.0) + result["score"]
        return hits

    def has_phrase(self, unit: Unit, number: int) -> bool:
        d, texts = self.doc(number), []
        if "title" in unit.fields:
            texts.append(d["title"])
        if "body" in unit.fields:
            texts.append(self.body(number))
        if not texts:
            return True  # other fields keep no text: every word is enough
        return any(contains(fold.tokens((t or "")[:MAX_ENTRY_CHARS]), unit.tokens) for t in texts)

    def unit_hits(self, unit: Unit) -> dict[int, float]:
        if unit.kind == "clause":
            return self.clause_hits(unit.clause)
        if unit.kind == "phrase":
            hits: dict[int, float] | None = None
            for token in unit.tokens:
                h = self.clause_hits(self.phrase_clause(unit, token))
                hits = h if hits is None else {r: s + h[r] for r, s in hits.items() if r in h}
            return {r: s for r, s in (hits or {}).items() if self.has_phrase(unit, r)}
        hits = self.clause_hits(unit.clause) if unit.kind == "year" else {}
        for n in unit.docs:
            hits[n] = hits.get(n, 0.0) + (0.0 if unit.kind == "filter" else unit.weight)
        return hits

    def run(self, plan: Plan) -> list[tuple[int, float]]:
        required: list[set[int]] = []
        prohibited: set[int] = set()
        scores: dict[int, float] = {}
        filters: list[dict[int, float]] = []
        scoring = 0
        for unit in plan.units:
            hits = self.unit_hits(unit)
            if unit.presence == PROHIBITED:
                prohibited |= set(hits)
                continue
            if unit.presence == REQUIRED:
                required.append(set(hits))
            if unit.kind == "filter":
                filters.append(hits)
                continue
            scoring += 1
            for ref, score in hits.items():
                scores[ref] = scores.get(ref, 0.0) + score
        if not scoring and filters:  # filters alone: every article they let through
            scores = dict.fromkeys(filters[0], 0.0)
        allowed = set(scores)
        for must in required:
            allowed &= must
        allowed -= prohibited
        # equal scores: the newer report first (documents are numbered oldest first)
        plan.hits = sorted(((r, scores[r]) for r in allowed), key=lambda rs: (-rs[1], -rs[0]))
        return plan.hits

    def search(self, query: str) -> list[tuple[int, float]]:
        """(document number, score), best first. Raises QueryError for a malformed query."""
        return self.run(self.plan(query))

    # --- did you mean -----------------------------------------------------------------------
    def neighbours(self, term: str) -> list[int]:
        c = chunk_of(term, self.manifest["chunks"])
        return list(range(max(0, c - 1), min(len(self.manifest["chunks"]) - 1, c + 1) + 1))

    def doc_frequency(self, index: Index, term: str) -> int:
        entry = index.inverted_index.get(term)
        if not entry:
            return 0
        return len({r for f in self.manifest["fields"] for r in entry.get(f, {})})

    def unknown(self, term: str) -> bool:
        """No article holds the word (in any form the pipeline gives) and no outlet name has:
        a likely typing mistake."""
        if any(same_term(t, term) for toks in self.outlet_tokens for t in toks):
            return False
        first = self.manifest["chunks"]
        return not any(self.doc_frequency(self.chunk(chunk_of(t, first)), t) for t in expand(term))

    def closest(self, term: str) -> str | None:
        """The closest word of the index (same or neighbouring chunk; the most frequent of the
        closest), or None."""
        size = len(term)
        most = 1 if size <= 5 else 2
        if size < 3:
            return None
        best: tuple[int, int, list[int], str] | None = None
        for n in self.neighbours(term):
            index = self.chunk(n)
            for v in index.inverted_index:
                if v == term or abs(len(v) - size) > most:
                    continue
                d = distance(term, v)
                if d > most:
                    continue
                df = self.doc_frequency(index, v)
                if not df:
                    continue
                key = (d, -df, [ord(c) for c in v], v)
                if best is None or key[:3] < best[:3]:
                    best = key
        return best[3] if best else None

    def words(self, plan: Plan) -> list[tuple[Item, str]]:
        out = []
        for u in plan.units:
            if u.presence == PROHIBITED:
                continue
            if u.kind == "phrase":
                out += [(u.item, t) for t in u.tokens]
            c = u.clause
            if (
                u.kind == "clause"
                and not c.wildcard
                and not c.edit_distance
                and c.use_pipeline
                and RUN.fullmatch(c.term)
            ):
                out.append((u.item, c.term))
        return out

    def suggest(self, plan: Plan) -> tuple[str | None, str | None]:
        """(corrected, fuzzy): the query with each word no article holds replaced by the closest
        index word, and (with few results) with ~1 on each plain word; None when unchanged."""
        typed = scan(plan.query)  # unchanged items as typed (when they cut the same way)
        if len(typed) != len(plan.items):
            typed = plan.items
        raws, fixed = [item.raw for item in typed], set()
        for item, word in self.words(plan):
            better = self.closest(word) if self.unknown(word) else None
            if better:
                i = next(k for k, it in enumerate(plan.items) if it is item)
                raws[i] = replace_word(raws[i] if i in fixed else plan.items[i].raw, word, better)
                fixed.add(i)
        changed = bool(fixed)
        fuzzy = None
        if len(plan.hits) < FEW:
            fz = [
                it.raw + "~1"
                if not it.field
                and not it.quoted
                and RUN.fullmatch(it.value)
                and not DATE.fullmatch(it.value)
                and len(it.value) >= 3
                and it.presence != "-"
                else typed[i].raw
                for i, it in enumerate(plan.items)
            ]
            if any(r == it.raw + "~1" for r, it in zip(fz, plan.items, strict=True)):
                fuzzy = " ".join(fz)
        return (" ".join(raws) if changed else None), fuzzy
