"""The search index: compact term chunks, decoded as search.js decodes them, score exactly like
one lunr.py index, and queries find articles however they are spelled (Python side of what
search.js does)."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from lunr.builder import Builder
from lunr.index import Index
from news_archive import search_index as si
from news_archive import search_query as sq
from news_archive.search_query import read_js
from news_archive.seedparse import parse_seed

from bench.corpus import Corpus
from tests.conftest import SEEDS, CountingCache

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
    cuts = [0, 1, 300, 301, 700, len(postings.terms)]
    together = si.encode_chunks(postings, cuts)  # as a worker writes them: several chunks at once
    assert together == [si.encode_chunk(postings, lo, hi) for lo, hi in itertools.pairwise(cuts)]
    manifest = si.manifest_data(docs, [], postings.lengths)
    chunked: dict = {}
    for encoded in together:
        chunked.update(scores(si.decode_chunk(si.weighing(manifest), *encoded)))
    assert chunked == reference
    assert len(reference) > 1000


def test_varints_and_swapped_pairs_read_back_what_was_written():
    values = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 99999, 123456789]
    assert list(si.read_varints("".join(si.VARINT[v] for v in values))) == values
    assert [si.VARINT[v] for v in (0, 31, 32, 1024)] == ["A", "f", "gB", "ggB"]
    assert len(set(si.SWAP[0] + si.SWAP[1])) == 2 * len(si.SWAP[0])  # disjoint pairs
    text = "قال: «السلام» —  می‌شود، Peskov ~\n"
    assert si.swap(si.swap(text)) == text
    assert si.swap("الكرملين").isascii() and len(si.swap(BODY).encode()) < len(BODY.encode()) * 0.6


def test_term_counts_count_every_occurrence_of_each_token_and_its_stem():
    from news_archive import fold

    text = BODY + " والحوار الحوار، وحوار. " + " ".join(d.body for d in seed_docs()[:3]) + " Peskov's PESKOV 2024"
    expected: dict[str, int] = {}
    for token in fold.tokens(text):
        for term in fold.terms(token):
            expected[term] = expected.get(term, 0) + 1
    assert list(si.term_counts(text).items()) == list(expected.items())  # same counts, same order
    assert si.term_counts("الحوار والحوار")["حوار"] == 2  # a stem counts for every token it ends


def test_front_coding_shares_leading_characters_within_the_bmp_only():
    def one_by_one(terms: list[str]) -> tuple[list[str], list[int]]:
        suffixes, counts, previous = [], [], ""
        for term in terms:
            shared = 0
            for a, b in zip(previous, term, strict=False):
                if a != b or a > "\uffff":
                    break
                shared += 1
            suffixes.append(term[shared:])
            counts.append(shared)
            previous = term
        return suffixes, counts

    long = "ا" * (si.FRONT + 5)
    terms = ["a", "ab", "abc", "b", long, long + "b", long + "bc", "ا" * si.FRONT, "x\U0001d400y", "x\U0001d400z"]
    terms.sort()
    assert si._front_coded(terms) == one_by_one(terms)
    assert si._front_coded([long, long + "b"])[1] == [0, len(long)]  # past FRONT characters
    assert si._front_coded(["x\U0001d400y", "x\U0001d400z"])[1] == [0, 1]  # stops before U+1D400
    assert si._front_coded([]) == ([], [])


def test_chunks_are_cut_at_natural_terms_between_half_and_twice_the_target():
    postings = si.collect(seed_docs(), processes=1)
    counts = sum(postings.docs[f].sizes() for f in si.FIELDS).tolist()
    for target in (1, 40, 700, 3000, 10**9):
        starts, size = [0], 0
        for tid, (term, count) in enumerate(zip(postings.terms, counts, strict=True)):
            cost = len(term) + 3 + 5 * count
            natural = zlib.crc32(term.encode()) * (target // 2) < cost * 2**32
            if size and ((natural and size >= target // 2) or size + cost > 2 * target):
                starts.append(tid)
                size = 0
            size += cost
        assert si.chunk_bounds(postings, target) == starts, target
    assert si.chunk_bounds(postings, 1) == list(range(len(postings.terms)))
    assert si.chunk_bounds(postings, 10**9) == [0]


def test_a_new_report_changes_only_the_chunks_its_own_terms_are_in(tmp_path):
    """What a rebuild rewrites after one report is added: the chunks of its terms (and, when a
    cut moves, a neighbour), not the others, whose weights would all move with the document
    count if a chunk held them."""
    corpus = Corpus(seed=3)
    docs = [doc(f"تقرير {n}", parse_seed(corpus.article(n, body_bytes=1500)).body_text) for n in range(300)]
    before, after = tmp_path / "before", tmp_path / "after"
    stats = si.write_index(docs[:-1], before, processes=1, target=1500)
    si.write_index(docs, after, processes=1, target=1500, previous=before)
    assert stats.chunks > 200
    manifest = read_js(after / "manifest.js")[0]
    new_terms = set(si.analyse_doc(docs[-1])[0].split("\n"))
    touched = {si.chunk_of(term, manifest["chunks"]) for term in new_terms}
    names = si.chunk_names(manifest["chunks"])
    files = [after / "terms" / f"{name}.js" for name in names]
    inode = lambda path: path.stat().st_ino if path.exists() else None  # noqa: E731
    changed = [n for n, p in enumerate(files) if inode(p) != inode(before / "terms" / p.name)]
    assert set(changed) >= touched  # a chunk with a new posting is written
    assert len(changed) <= len(touched) + 4, (len(changed), len(touched), len(files))
    assert len(files) - len(changed) > len(files) // 2  # the rest linked from the previous site


def test_a_chunk_file_is_named_after_its_first_term_and_a_name_taken_goes_to_the_next():
    assert si.chunk_names(["", "a"]) == ["811c9dc5", "e40c292c"]  # FNV-1a, as search.js
    assert si.chunk_names(["ك28999", "ك485482"]) == ["242fc855", "242fc856"]  # the same hash
    assert si.chunk_names(["ك485482"]) == ["242fc855"]


def test_a_previous_file_is_linked_only_with_the_very_same_bytes(tmp_path):
    previous, out = tmp_path / "previous", tmp_path / "out"
    previous.mkdir()
    out.mkdir()
    for name, old in {"same.js": b"abc", "longer.js": b"abcd", "shorter.js": b"ab", "other.js": b"abd"}.items():
        (previous / name).write_bytes(old)
        si._put(str(out), name, b"abc", str(previous))
        assert (out / name).read_bytes() == b"abc"
        assert ((out / name).stat().st_ino == (previous / name).stat().st_ino) == (name == "same.js"), name
    si._put(str(out), "new.js", b"xyz", str(previous))  # not in the previous site: written
    assert (out / "new.js").read_bytes() == b"xyz"


def test_a_chunk_holds_the_complete_postings_of_its_terms():
    docs = seed_docs()
    postings = si.collect(docs, processes=1)
    manifest = si.manifest_data(docs, [], postings.lengths)
    decoded = si.decode_chunk(si.weighing(manifest), *si.encode_chunk(postings, 0, len(postings.terms)))
    assert [term for term, _ in decoded["invertedIndex"]] == postings.terms
    for tid, (_term, entry) in enumerate(decoded["invertedIndex"]):
        assert entry["_index"] == tid
        for name in si.FIELDS:
            assert list(entry[name]) == [str(n) for n in postings.docs[name][tid]]


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    stats = si.write_index(seed_docs(), folder, processes=1, target=1500)
    assert stats.chunks > 5  # really split
    return folder


def test_written_chunks_decode_to_lunr_indexes_with_the_shared_pipeline(seeds_index):
    manifest = read_js(seeds_index / "manifest.js")[0]
    assert manifest["chunks"] == sorted(manifest["chunks"])
    first_terms = []
    for name in si.chunk_names(manifest["chunks"]):
        data = si.read_chunk(seeds_index / "terms" / f"{name}.js", si.weighing(manifest))
        assert data["pipeline"] == ["sijillFold", "sijillStem"]
        Index.load(data)  # raises if a pipeline label were unknown
        first_terms.append(data["invertedIndex"][0][0])
    assert first_terms == manifest["chunks"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_decodes_every_chunk_as_python_does(seeds_index):
    """search.js's decodeChunk and decode_chunk here: the same terms, postings and field vectors."""
    proc = subprocess.run(
        [shutil.which("node"), str(Path(__file__).parent / "js" / "search_engine.js"), str(seeds_index), "--chunks"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    js = json.loads(proc.stdout)
    assert len(js) == len(list((seeds_index / "terms").glob("*.js")))
    manifest = read_js(seeds_index / "manifest.js")[0]
    for name, got in zip(si.chunk_names(manifest["chunks"]), js, strict=True):
        data = si.read_chunk(seeds_index / "terms" / f"{name}.js", si.weighing(manifest))
        postings = {t: [e["_index"], *[list(e[f]) for f in si.FIELDS]] for t, e in data["invertedIndex"]}
        assert got["postings"] == postings
        assert got["vectors"] == dict(data["fieldVectors"])


def titles(folder: Path, query: str) -> list[str]:
    return [si.read_doc(folder / "docs" / f"{n}.js")["title"] for n, _ in sq.Searcher(folder).search(query)]


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
    searcher = sq.Searcher(site.output / "search")
    assert searcher.search("ماكرون") == []  # only in seed 001's appended story
    assert searcher.search("قازان") == []  # only in seed 002's appended story
    assert searcher.search("بيسكوف")


def test_query_loads_only_the_chunks_it_needs(seeds_index):
    searcher = sq.Searcher(seeds_index)
    assert searcher.search("بيسكوف")
    total = len(list((seeds_index / "terms").glob("*.js")))
    assert total > 5 and 1 <= len(searcher.loaded) <= 2


def test_manifest_facets_match_archive(site):
    manifest = read_js(site.output / "search" / "manifest.js")[0]
    archive = json.loads((site.output / "archive.json").read_text("utf-8"))["articles"]
    assert len(manifest["facets"]) == len(archive)
    # documents are numbered oldest first (a newer report takes the next number), archive.json
    # lists the newest first
    for (lang, outlet, date), row in zip(manifest["facets"], reversed(archive), strict=True):
        assert manifest["langs"][lang] == row["lang"]
        assert (manifest["outlets"][outlet] if outlet >= 0 else None) == row["outlet"]
        assert date == (int(row["date"].replace("-", "")) if row["date"] else 0)


# --- phrases, fields, suggestions (search_query.py; search.js does the same) ------------------
NODE = shutil.which("node")
FIELD_DOCS = [
    ("سلام", "قوات حفظ السلام في الإقليم.", "سكاي نيوز عربية", "2018-05-03", "ar"),
    ("حفظ فقط", "السلام قوات حفظ الأمن في الكرملين.", "الأسبوع", "2019-01-01", "ar"),
    ("گزارش", "نیروهای حافظ صلح در قره باغ.", "ایسنا", "2018-11-02", "fa"),
    ("آخر", "لا شيء هنا عن الكرملين ولا عن سكاي.", None, None, "ar"),
    ("طويل", "كلام عادي. " * 700 + "قوات حفظ السلام هنا.", None, "2017-02-02", "ar"),
]


@pytest.fixture(scope="module")
def field_index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fields")
    docs = [
        si.SearchDoc(title=t, url=f"articles/{n}.html", lang=lang, outlet=o, date=d, body=b)
        for n, (t, b, o, d, lang) in enumerate(FIELD_DOCS)
    ]
    si.write_index(docs, folder, processes=1)
    return folder


def found(folder: Path, query: str) -> list[int]:
    return [n for n, _ in sq.Searcher(folder).search(query)]


def test_scan_distance_dates_and_weights():
    items = sq.scan('+title:"قوات حفظ" -outlet:«سكاي نيوز» word~1 2018-05 "open end')
    assert [(i.presence, i.field, i.value, i.quoted) for i in items] == [
        ("+", "title", "قوات حفظ", True),
        ("-", "outlet", "سكاي نيوز", True),
        ("", "", "word~1", False),
        ("", "", "2018-05", False),
        ("", "", "open end", True),
    ]
    assert sq.distance("الكرملن", "الكرملين") == 1 and sq.distance("ab", "ba") == 1 and sq.distance("abc", "cab") == 2
    assert sq.date_range("2018") == (20180000, 20190000) and sq.date_range("2018-5") == (20180500, 20180600)
    assert sq.date_range("2018-05-03") == (20180503, 20180504)
    assert all(sq.date_range(bad) is None for bad in ("2018-13", "2018-00", "18", "abcd", "2018-05-32"))
    assert sq.weight(39, 10000) == 16.602 and sq.weight(1, 5) == 4.159  # as tests/js/search.test.js
    assert sq.outlet_match(["سكاي", "نيوز", "عربيه"], [["سكاي", "نيوز"]]) == 2
    assert sq.outlet_match(["البوابه", "نيوز"], [["نيوز"]]) == 0  # one word of a longer name: no
    assert sq.outlet_match(["تاس"], [["تاس"]]) == 1


def test_phrases_need_consecutive_words(field_index):
    assert set(found(field_index, '"قوات حفظ السلام"')) == {0, 4}  # 4: past the snippet text
    assert set(found(field_index, "قوات حفظ السلام")) == {0, 1, 4}  # 1 has the words apart
    assert set(found(field_index, '"قوات حفظ سلام"')) == {0, 4}  # stems match as indexed
    assert found(field_index, '"حفظ قوات"') == []
    assert found(field_index, 'title:"حفظ فقط"') == [1]
    assert found(field_index, '"قوات حفظ السلام" -الإقليم') == [4]
    assert found(field_index, '-"قوات حفظ السلام" حفظ') == [1]
    assert set(found(field_index, '"قوات حفظ السلام" صلح')) == {0, 2, 4}
    assert found(field_index, "«حفظ الأمن»") == [1]


def test_one_file_per_document_with_its_whole_indexed_body(field_index):
    assert sorted(p.name for p in (field_index / "docs").iterdir()) == [f"{n}.js" for n in range(len(FIELD_DOCS))]
    for n, (title, body, *_) in enumerate(FIELD_DOCS):
        assert set(read_js(field_index / "docs" / f"{n}.js")[1]) == {"deflated", "title", "url"}
        record = si.read_doc(field_index / "docs" / f"{n}.js")
        assert (record["title"], record["text"]) == (title, body)  # 4: longer than 6,000 characters
    long = si.SearchDoc("t", "u", "ar", None, None, "كلمة " * 20_000)
    path = field_index.parent / "long.js"
    path.write_bytes(si._js("doc", 0, si.doc_record(long)))
    assert len(si.read_doc(path)["text"]) == si.MAX_ENTRY_CHARS
    assert path.stat().st_size < 1_000  # stored deflated: a repetitive text takes next to nothing


def test_a_result_file_holds_its_body_deflated_in_base85():
    """Swapped (most letters one byte), raw deflate, base85: what DecompressionStream and
    fromBase85 read in search.js; a real report's file is about two thirds of its plain text's."""
    import base64
    import zlib

    title, body = FIELD_DOCS[1][:2]
    record = si.doc_record(si.SearchDoc(title, "articles/x.html", "ar", None, None, body))
    assert zlib.decompress(base64.b85decode(record["deflated"]), -15).decode() == si.swap(body)
    report = "\n".join(d.body for d in seed_docs())
    plain = len(json.dumps(si.swap(report), ensure_ascii=False).encode())
    assert len(si.deflate(report)) < 0.75 * plain


def test_base85_is_pythons_whatever_the_length():
    import base64
    import random

    rng = random.Random(5)
    for size in [*range(13), 2_711]:
        for data in (bytes(size), b"\xff" * size, rng.randbytes(size)):
            assert si._base85(data) == base64.b85encode(data).decode()


def test_outlet_language_and_date_fields(field_index):
    assert found(field_index, "outlet:سكاي") == [0]
    assert found(field_index, 'outlet:"سكاي نيوز"') == [0]
    assert found(field_index, "lang:fa") == [2]
    assert sorted(found(field_index, "الكرملين lang:ar")) == [1, 3]
    assert found(field_index, "الكرملين -outlet:الاسبوع") == [3]
    assert sorted(found(field_index, "2018")) == [0, 2]
    assert found(field_index, "2018-11") == [2]
    assert found(field_index, "٢٠١٨-٠٥") == [0]
    assert found(field_index, "قوات date:2019") == [1]
    assert found(field_index, "year:2017") == [4]
    assert found(field_index, "سكاي نيوز") == [0, 3]  # the outlet's report before a mention


@pytest.mark.parametrize(
    ("query", "kind"),
    [("title:", "syntax"), ("حفظ~x", "syntax"), ("bogus:word", "field"), ("date:soon", "date"), ('outlet:""', "empty")],
)
def test_malformed_queries_raise_a_query_error(field_index, query, kind):
    with pytest.raises(sq.QueryError) as caught:
        sq.Searcher(field_index).search(query)
    assert caught.value.kind == kind and caught.value.part == query


def test_did_you_mean(field_index):
    searcher = sq.Searcher(field_index)

    def suggest(query):
        plan = searcher.plan(query)
        searcher.run(plan)
        return searcher.suggest(plan)

    assert suggest("الكرملن") == ("الكرملين", "الكرملن~1")
    assert sorted(found(field_index, "الكرملين")) == [1, 3]
    assert suggest('"قوات حفض السلام"')[0] == '"قوات حفظ السلام"'
    assert suggest("الكرملين")[0] is None
    assert suggest("نيوز")[0] is None  # a word of an outlet's name is no typo
    assert suggest("قُوّات الكرملن")[0] == "قُوّات الكرملين"  # the rest as typed


PARITY_QUERIES = [
    '"قوات حفظ السلام"',
    "قوات حفظ السلام",
    '"حفظ قوات"',
    '"قوات حفظ السلام" -الإقليم',
    '-"قوات حفظ السلام" حفظ',
    "سكاي نيوز",
    "outlet:سكاي",
    "الكرملين lang:ar",
    "2018",
    "2018-11 حفظ",
    "year:2017",
    "الكرملن",
    '"قوات حفض السلام"',
    "title:",
    "bogus:x",
    "date:soon",
    "بيسكوف",
    "پسکوف",
    "باشينبان",
    "+كاراباخ +يريفان",
    "ناجور*",
    "title:الكرملين",
    "تاس",
    "2021",
    "2023-09",
    "outlet:البوابه نيوز",
    "البوابة نيوز",
]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("which", ["fields", "seeds"])
def test_javascript_and_python_agree(field_index, seeds_index, which):
    """search.js (run in Node by tests/js/search_engine.js) and search_query.py: the same
    results, scores, suggestions and errors for the same queries on the same index."""
    folder = field_index if which == "fields" else seeds_index
    proc = subprocess.run(
        [NODE, str(Path(__file__).parent / "js" / "search_engine.js"), str(folder), json.dumps(PARITY_QUERIES)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    js = json.loads(proc.stdout)
    searcher = sq.Searcher(folder)
    for query, got in zip(PARITY_QUERIES, js, strict=True):
        try:
            plan = searcher.plan(query)
        except sq.QueryError as error:
            assert got == {"error": error.kind, "part": error.part}, query
            continue
        searcher.run(plan)
        corrected, fuzzy = searcher.suggest(plan)
        assert [n for n, _ in plan.hits] == [n for n, _ in got["hits"]], query
        assert [s for _, s in plan.hits] == pytest.approx([s for _, s in got["hits"]], abs=1e-9), query
        assert (corrected, fuzzy) == (got["corrected"], got["fuzzy"]), query


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_cache_of_document_analyses_writes_the_same_files(tmp_path):
    import random

    rng = random.Random(4)
    words = " ".join(d.body for d in seed_docs()).split()
    docs = [
        doc(f"خبر {n} {' '.join(rng.sample(words, 5))}", " ".join(rng.choices(words, k=80)), keywords=rng.choice(words))
        for n in range(260)  # more than 200: inverted in ranges, in two worker processes
    ]
    docs[9] = docs[3]  # the same fields: one key
    cache = CountingCache()
    for step, some in enumerate((docs[:-1], docs[:-1], docs)):  # empty cache, filled cache, one document more
        puts = cache.puts
        previous = tmp_path / f"cached{step - 1}" if step else None  # the last site's index
        si.write_index(some, tmp_path / f"cached{step}", processes=2, target=3000, cache=cache, previous=previous)
        si.write_index(some, tmp_path / f"fresh{step}", processes=2, target=3000)
        assert folder_bytes(tmp_path / f"cached{step}") == folder_bytes(tmp_path / f"fresh{step}")
    # only the new document was analysed and its body compressed; the last build's inversion
    # was updated, not redone
    assert cache.puts - puts == 3 and len(cache) - 1 == 2 * (len(docs) - 1) and si.SNAPSHOT in cache
    assert len(folder_bytes(tmp_path / "fresh2")) > 270
    # files with the same bytes as in the last site are links to them: every file when nothing
    # changed; with a document added last, every other document's result file
    linked = lambda a, b: {  # noqa: E731
        p.relative_to(a).as_posix()
        for p in a.rglob("*.js")
        if (b / p.relative_to(a)).is_file() and p.stat().st_ino == (b / p.relative_to(a)).stat().st_ino
    }
    assert linked(tmp_path / "cached1", tmp_path / "cached0") == set(folder_bytes(tmp_path / "cached1"))
    assert {f"docs/{n}.js" for n in range(len(docs) - 1)} <= linked(tmp_path / "cached2", tmp_path / "cached1")
    assert f"docs/{len(docs) - 1}.js" not in linked(tmp_path / "cached2", tmp_path / "cached1")


def same_postings(a: si.Postings, b: si.Postings) -> bool:
    return (
        a.terms == b.terms
        and a.document_count == b.document_count
        and all(
            a.docs[f].flat == b.docs[f].flat
            and a.tfs[f].flat == b.tfs[f].flat
            and list(a.docs[f].starts) == list(b.docs[f].starts)
            and a.lengths[f] == b.lengths[f]
            for f in si.FIELDS
        )
    )


def test_the_last_inversion_updated_equals_a_new_one_after_adds_edits_moves_and_deletes():
    """A rebuild inverts only the documents the last build lacked and moves the others' postings
    to their new numbers: the same postings as inverting everything again."""
    import random

    rng = random.Random(8)
    words = " ".join(d.body for d in seed_docs()).split()
    made = iter(range(10_000))

    def new_doc() -> si.SearchDoc:
        n = next(made)
        return doc(f"خبر {n} {' '.join(rng.sample(words, 4))}", " ".join(rng.choices(words, k=60)))

    docs = [new_doc() for _ in range(120)]
    cache = CountingCache()
    assert same_postings(si.collect(docs, processes=1, cache=cache), si.collect(docs, processes=1))
    changes = {
        "one added in the middle": lambda d: [*d[:50], new_doc(), *d[50:]],
        "one added first": lambda d: [new_doc(), *d],
        "some deleted": lambda d: [x for n, x in enumerate(d) if n % 17 != 3],
        "one moved later (same text, another date)": lambda d: [*d[:5], *d[6:90], d[5], *d[90:]],
        "a copy of another": lambda d: [*d[:30], d[2], *d[30:]],
        "one edited": lambda d: [*d[:7], replace(d[7], body=d[7].body + " تعديل"), *d[8:]],
        "one of two copies deleted": lambda d: [*d[:30], *d[31:]],
        "a term's only document deleted": lambda d: d[1:],
    }
    for change, step in changes.items():
        docs = step(docs)
        puts = cache.puts
        updated = si.collect(docs, processes=1, cache=cache)
        assert same_postings(updated, si.collect(docs, processes=1)), change
        assert cache.puts - puts <= 2, change  # at most one new analysis, and the inversion
