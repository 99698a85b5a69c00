"""Related reports: same-story links across outlets and languages, near-duplicates, stories.

Plain records in, ranked links with their evidence out (no Pelican, no I/O):

1. Candidates, better than quadratic: MinHash LSH over 5-token shingles of the folded text
   (near-duplicates and shared passages), a sparse product of TF-IDF vectors pruned to each
   report's strongest terms, and pairs naming the same specific entity, so reports in
   different languages become candidates through the names they share.
2. Each candidate pair is scored from three pieces of evidence, with weights from settings:
   text (cosine of TF-IDF over folded, lightly stemmed tokens, without function words),
   entities (shared entities weighted by rarity, generic ones such as Russia much less), and
   date (closeness, only when both dates are known; otherwise it is left out of the score).
   A pair needs real evidence: enough shared text, or at least two shared specific entities.
3. Stories are the connected groups of strongly linked reports, named after their earliest.

Nothing is translated; the appended "read also" material never enters (records hold the body).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from . import fold

STOPWORDS_PATH = Path(__file__).parent / "data" / "stopwords.json"


@dataclass(frozen=True)
class Report:
    id: str
    lang: str
    date: dt.date | None
    outlet: str | None
    title: str
    paragraphs: tuple[str, ...]
    entities: tuple[str, ...] = ()  # gazetteer ids named in the report

    @classmethod
    def from_entry(cls, entry) -> Report:
        """From an archive Entry: its body, never its appended material."""
        return cls(entry.id, entry.lang, entry.date, entry.outlet, entry.title, entry.paragraphs, entry.entities)


@dataclass(frozen=True)
class Weights:
    """Settings (NEWS_ARCHIVE["related"]): how evidence combines. Documented in the README."""

    text: float = 0.45
    entities: float = 0.40
    date: float = 0.15
    threshold: float = 0.22  # lowest score shown as related
    story: float = 0.50  # lowest score that joins two reports into one story
    story_days: int = 14  # reports further apart than this never join one story
    duplicate: float = 0.5  # share of shingles that makes a near-duplicate
    min_text: float = 0.12  # text cosine that counts as evidence on its own
    min_entities: int = 2  # or this many shared specific entities
    half_life_days: float = 3.0  # date closeness halves every this many days
    max_links: int = 8
    generic_entities: tuple[str, ...] = ("russia", "moscow", "kremlin", "putin", "turkey")
    generic_weight: float = 0.15  # weight of a generic entity against a specific one
    prune_terms: int = 25  # strongest terms per report used to find candidates

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


@dataclass
class Related:
    links: dict[str, list[Link]] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)


# --- text --------------------------------------------------------------------------------------
@cache
def stopwords() -> frozenset[str]:
    data = json.loads(STOPWORDS_PATH.read_text("utf-8"))
    return frozenset(t for words in data["words"].values() for w in words for t in fold.tokens(w))


def terms(text: str) -> list[str]:
    """Folded, lightly stemmed tokens without function words."""
    stop = stopwords()
    return [fold.stem(t) for t in fold.tokens(text) if t not in stop and not t.isdigit()]


def shingles(tokens: list[str], size: int = 5) -> set[str]:
    return {" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1))} if tokens else set()


# --- scoring -----------------------------------------------------------------------------------
def _entity_weights(reports: list[Report], weights: Weights) -> dict[str, float]:
    df = Counter(e for r in reports for e in set(r.entities))
    n = len(reports)
    generic = set(weights.generic_entities)
    return {e: math.log(1 + n / c) * (weights.generic_weight if e in generic else 1.0) for e, c in df.items()}


def _entity_similarity(a: Report, b: Report, w: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    shared = set(a.entities) & set(b.entities)
    if not shared:
        return 0.0, ()
    # overlap coefficient: a report that names many other places is not less related for it
    norm = min(sum(w[e] for e in set(a.entities)), sum(w[e] for e in set(b.entities)))
    ordered = tuple(sorted(shared, key=lambda e: (-w[e], e)))
    return sum(w[e] for e in shared) / norm, ordered


def _days(a: Report, b: Report) -> int | None:
    return abs((a.date - b.date).days) if a.date and b.date else None


def _first(a: Report, b: Report) -> str | None:
    if not (a.date and b.date) or a.date == b.date:
        return None
    return a.id if a.date < b.date else b.id


def _entity_candidates(reports: list[Report], generic: set[str]) -> set[tuple[int, int]]:
    """Pairs naming the same specific entity. An entity named by very many reports says little
    and would make this quadratic, so entities above a document-frequency cap are skipped."""
    cap = max(50, int(4 * math.sqrt(len(reports))))
    postings: dict[str, list[int]] = defaultdict(list)
    for index, report in enumerate(reports):
        for entity in set(report.entities) - generic:
            postings[entity].append(index)
    return {(i, j) for docs in postings.values() if len(docs) <= cap for k, i in enumerate(docs) for j in docs[k + 1 :]}


def _candidates(matrix: sparse.csr_matrix, signatures: list[MinHash], prune: int) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    lsh = MinHashLSH(threshold=0.3, num_perm=signatures[0].num_perm if signatures else 64)
    for i, signature in enumerate(signatures):
        for j in lsh.query(signature):
            pairs.add((j, i))
        lsh.insert(i, signature)
    pruned = matrix.tolil(copy=True)
    for row in range(pruned.shape[0]):
        values = pruned.data[row]
        if len(values) > prune:
            keep = set(np.argsort(values)[-prune:])
            pruned.rows[row] = [c for k, c in enumerate(pruned.rows[row]) if k in keep]
            pruned.data[row] = [v for k, v in enumerate(values) if k in keep]
    pruned = pruned.tocsr()
    product = (pruned @ pruned.T).tocoo()
    pairs |= {(int(i), int(j)) for i, j in zip(product.row, product.col, strict=True) if i < j}
    return pairs


def relate(reports: list[Report], weights: Weights | None = None) -> Related:
    """Ranked related reports for every report, and the stories they form."""
    weights = weights or Weights()
    if len(reports) < 2:
        return Related(links={r.id: [] for r in reports}, stories=[], story_of={})
    tokens = [terms(r.title + "\n" + "\n".join(r.paragraphs)) for r in reports]
    text_only = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, lowercase=False).fit_transform(tokens)
    shingle_sets = [shingles(t) for t in tokens]
    signatures = []
    for s in shingle_sets:
        signature = MinHash(num_perm=64, seed=1)
        signature.update_batch([x.encode() for x in s])
        signatures.append(signature)
    entity_w = _entity_weights(reports, weights)
    links: dict[str, list[Link]] = {r.id: [] for r in reports}
    strong: list[tuple[int, int]] = []
    candidates = _candidates(text_only, signatures, weights.prune_terms)
    candidates |= _entity_candidates(reports, set(weights.generic_entities))
    for i, j in sorted(candidates):
        a, b = reports[i], reports[j]
        text = float(text_only[i].multiply(text_only[j]).sum())
        entity, shared = _entity_similarity(a, b, entity_w)
        specific = [e for e in shared if e not in weights.generic_entities]
        if text < weights.min_text and len(specific) < weights.min_entities:
            continue  # no real evidence: sharing Russia and function words is not a story
        days = _days(a, b)
        parts = [(weights.text, text), (weights.entities, entity)]
        if days is not None:
            parts.append((weights.date, 0.5 ** (days / weights.half_life_days)))
        score = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
        smaller = min(len(shingle_sets[i]), len(shingle_sets[j])) or 1
        share = len(shingle_sets[i] & shingle_sets[j]) / smaller
        if score < weights.threshold and share < weights.duplicate:
            continue
        duplicate = share >= weights.duplicate
        score = round(max(score, share if duplicate else 0.0), 4)
        first = _first(a, b)
        links[a.id].append(Link(b.id, score, tuple(shared), round(share, 3), days, duplicate, first))
        links[b.id].append(Link(a.id, score, tuple(shared), round(share, 3), days, duplicate, first))
        same_time = days is None or days <= weights.story_days
        if (score >= weights.story or duplicate) and same_time:
            strong.append((i, j))
    for key in links:
        links[key] = sorted(links[key], key=lambda link: (-link.score, link.target))[: weights.max_links]
    stories, story_of = _stories(reports, strong)
    return Related(links, stories, story_of)


# --- stories -----------------------------------------------------------------------------------
def _order(report: Report) -> tuple:
    return (report.date is None, report.date or dt.date.min, report.id)


def _stories(reports: list[Report], strong: list[tuple[int, int]]) -> tuple[list[Story], dict[str, str]]:
    parent = list(range(len(reports)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in strong:
        parent[find(i)] = find(j)
    groups: dict[int, list[Report]] = defaultdict(list)
    for index, report in enumerate(reports):
        groups[find(index)].append(report)
    stories = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=_order)
        counts = Counter(e for m in members for e in set(m.entities))
        central = tuple(e for e, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c * 2 > len(members))
        stories.append(
            Story(
                id=members[0].id,
                members=tuple(m.id for m in members),
                entities=central[:8],
                outlets=tuple(sorted({m.outlet for m in members if m.outlet})),
                langs=tuple(sorted({m.lang for m in members})),
            )
        )
    stories.sort(key=lambda s: (-len(s.members), s.id))
    return stories, {m: s.id for s in stories for m in s.members}


# --- comparison --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Passage:
    text: str
    shared: bool  # also in the other report (a run of at least 5 tokens)


def compare(a: Report, b: Report) -> tuple[list[list[Passage]], list[list[Passage]]]:
    """Each report's paragraphs cut into passages, marked shared or its own."""
    return _mark(a.paragraphs, b.paragraphs), _mark(b.paragraphs, a.paragraphs)


def _mark(paragraphs: tuple[str, ...], other: tuple[str, ...]) -> list[list[Passage]]:
    other_shingles = shingles([t for p in other for t in fold.tokens(p)])
    marked = []
    for paragraph in paragraphs:
        words = paragraph.split()
        keys = [fold.tokens(w) for w in words]
        flat = [(i, t) for i, ts in enumerate(keys) for t in ts]
        hit = [False] * len(words)
        for k in range(len(flat) - 4):
            if " ".join(t for _, t in flat[k : k + 5]) in other_shingles:
                for i, _ in flat[k : k + 5]:
                    hit[i] = True
        passages: list[Passage] = []
        for word, shared in zip(words, hit, strict=True):
            if passages and passages[-1].shared == shared:
                passages[-1] = Passage(passages[-1].text + " " + word, shared)
            else:
                passages.append(Passage(word, shared))
        marked.append(passages)
    return marked
