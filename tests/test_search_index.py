"""The search index: chunked lunr.py indexes score exactly like one index, and queries find
articles however they are spelled (Python side of what search.js does)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from lunr.builder import Builder
from lunr.index import Index
from news_archive import search_index as si
from news_archive.search_query import Searcher, read_js
from news_archive.seedparse import parse_seed

from tests.conftest import SEEDS

BODY = "قال المتحدث إن الحوار مستمر مع الجانب الآخر في هذه المرحلة."


def doc(title: str, body: str = BODY, lang: str = "ar", **extra) -> si.SearchDoc:
    return si.SearchDoc(
        title=title,
        url=f"articles/{abs(hash(title))}.html",
        lang=lang,
        outlet=None,
        date=extra.pop("date", None),
        body=body,
        **extra,
    )


def seed_docs() -> list[si.SearchDoc]:
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        r = parse_seed(path.read_text("utf-8"))
        docs.append(si.SearchDoc(r.title, path.stem, r.lang, r.outlet, None, r.body_text, " ".join(r.keywords)))
    return docs


def scores(serialized: dict) -> dict[tuple[str, str], float]:
    """(field/doc, term) -> BM25 weight, independent of lunr's internal term numbering."""
    names = {entry["_index"]: term for term, entry in serialized["invertedIndex"]}
    out = {}
    for ref, vector in serialized["fieldVectors"]:
        for i in range(0, len(vector), 2):
            out[(ref, names[vector[i]])] = vector[i + 1]
    return out


def test_chunks_score_exactly_like_one_stock_lunr_index():
    docs = seed_docs()
    builder = Builder()
    builder.pipeline.reset()
    builder.pipeline.add(si.sijill_fold, si.sijill_stem)
    builder.metadata_whitelist = []
    builder.ref("id")
    for name, boost in si.FIELDS.items():
        builder.field(name, boost=boost)
    for number, d in enumerate(docs):
        builder.add({"id": str(number), **d.fields()})
    reference = scores(builder.build().serialize())
    postings = si.collect(docs, processes=1)
    cuts = [0, 300, 700, len(postings.terms)]
    chunked: dict = {}
    for lo, hi in itertools.pairwise(cuts):
        chunked.update(scores(si.build_chunk(postings, lo, hi)))
    assert chunked == reference
    assert len(reference) > 1000


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    stats = si.write_index(seed_docs(), folder, processes=1, target=6000)
    assert stats.chunks > 5  # really split
    return folder


def test_written_chunks_load_with_lunr_and_name_the_shared_pipeline(seeds_index):
    manifest = read_js(seeds_index / "manifest.js")[0]
    assert manifest["chunks"] == sorted(manifest["chunks"])
    for path in sorted((seeds_index / "terms").glob("*.js")):
        _number, data = read_js(path)
        assert data["pipeline"] == ["sijillFold", "sijillStem"]
        Index.load(data)  # raises if a pipeline label were unknown


def titles(folder: Path, query: str) -> list[str]:
    return [read_js(folder / "docs" / f"{n}.js")[1]["title"] for n, _ in Searcher(folder).search(query)]


def test_variant_spelling_finds_the_article(tmp_path):
    docs = [doc("تقرير أول", "أعلن الكرملين اليوم موقفه."), doc("تقرير ثان", "لا علاقة لهذا النص بالموضوع.")]
    si.write_index(docs, tmp_path, processes=1)
    for query in ("كرملين", "الكرملين", "الْكَرْمَلِين", "ألكرملين", "كـرملين"):
        assert titles(tmp_path, query) == ["تقرير أول"], query


def test_proclitic_and_persian_suffix(tmp_path):
    docs = [doc("خبر", "وروسيا تتابع الوضع."), doc("گزارش", "تلاش‌های دیپلماتیک ادامه دارد.", lang="fa")]
    si.write_index(docs, tmp_path, processes=1)
    assert titles(tmp_path, "روسيا") == ["خبر"]
    assert titles(tmp_path, "تلاش") == ["گزارش"]
    assert titles(tmp_path, "تلاشهای") == ["گزارش"]  # ZWNJ stripped in the source too


def test_exact_form_ranks_first(tmp_path):
    docs = [doc("بالسابقة", "وصل الوفد إلى وروسيا بعد الظهر."), doc("بالكلمة نفسها", "وصل الوفد إلى روسيا بعد الظهر.")]
    si.write_index(docs, tmp_path, processes=1)
    assert titles(tmp_path, "روسيا") == ["بالكلمة نفسها", "بالسابقة"]
    assert titles(tmp_path, "وروسيا") == ["بالسابقة", "بالكلمة نفسها"]


def test_entity_variant_in_the_other_language_finds_the_article_ranked_below_exact(tmp_path):
    docs = [
        doc("خبر عربي", "قال بيسكوف إن الحوار مستمر.", entities="بيسكوف پسکوف peskov"),
        doc("گزارش فارسی", "پسکوف گفت که گفتگو ادامه دارد.", lang="fa", entities="بيسكوف پسکوف peskov"),
    ]
    si.write_index(docs, tmp_path, processes=1)
    assert titles(tmp_path, "پسکوف") == ["گزارش فارسی", "خبر عربي"]
    assert titles(tmp_path, "بيسكوف") == ["خبر عربي", "گزارش فارسی"]
    assert set(titles(tmp_path, "Peskov")) == {"خبر عربي", "گزارش فارسی"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("+حفظ +السلام", {"سلام"}),
        ("حفظ -السلام", {"حفظ فقط"}),
        ("title:سلام", {"سلام"}),
        ("حف*", {"سلام", "حفظ فقط"}),
        ("الحفا*", {"حفظ فقط"}),
        ("حفض~1", {"سلام", "حفظ فقط"}),
    ],
)
def test_lunr_query_syntax_works_with_folding(tmp_path, query, expected):
    docs = [
        doc("سلام", "قوات حفظ السلام في الإقليم."),
        doc("حفظ فقط", "الحفاظ على حفظ الأمن."),
        doc("آخر", "لا شيء هنا."),
    ]
    si.write_index(docs, tmp_path, processes=1)
    assert set(titles(tmp_path, query)) == expected


def test_appended_material_is_not_indexed(site):
    searcher = Searcher(site.output / "search")
    assert searcher.search("ماكرون") == []  # only in seed 001's appended story
    assert searcher.search("قازان") == []  # only in seed 002's appended story
    assert searcher.search("بيسكوف")


def test_query_loads_only_the_chunks_it_needs(seeds_index):
    searcher = Searcher(seeds_index)
    assert searcher.search("بيسكوف")
    total = len(list((seeds_index / "terms").glob("*.js")))
    assert total > 5 and 1 <= len(searcher.loaded) <= 2


def test_manifest_facets_match_archive(site):
    manifest = read_js(site.output / "search" / "manifest.js")[0]
    archive = json.loads((site.output / "archive.json").read_text("utf-8"))["articles"]
    assert len(manifest["facets"]) == len(archive)
    for (lang, outlet, date), row in zip(manifest["facets"], archive, strict=True):
        assert manifest["langs"][lang] == row["lang"]
        assert (manifest["outlets"][outlet] if outlet >= 0 else None) == row["outlet"]
        assert date == (int(row["date"].replace("-", "")) if row["date"] else 0)
