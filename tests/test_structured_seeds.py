"""Structured seeds (issue 11, part 3): `.json`, `.jsonl` and `.csv` files of records as scrapers
write them. Exact metadata kept, the body cleaned as a text seed's, ids by the documented rule,
a malformed record refused by file and record number while the rest builds. The records are
written here (no third-party article text)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from news_archive import inputs
from news_archive.ids import record_id
from news_archive.records import RecordArticle, RecordRefused, RecordsError, read_records

from tests.conftest import build_site
from tests.htmlscan import scan
from tests.test_incremental import assert_same_as_clean_build, make_project, make_site

LIMIT = 2_000_000
BODY_AR = (
    "قال المتحدث باسم الوزارة إن المحادثات بين الوفدين ستستمر في الأسبوع المقبل.\n"
    "وأضاف أن الطرفين اتفقا على جدول أعمال يشمل ملفات التجارة والنقل.\n"
)
READ_ALSO = "\nاقرأ أيضا:\nوزير النقل يفتتح محطة جديدة\nارتفاع أسعار الذهب في الأسواق المحلية\n"
BODY_FA = (
    "سخنگوی وزارت گفت که گفتگوها میان دو هیئت در هفته آینده ادامه خواهد داشت.\n"
    "او افزود که دو طرف بر سر دستور کار توافق کرده‌اند.\n"
)
BODY_AR_2 = "أعلنت البلدية أن أعمال صيانة الطريق الساحلي ستنتهي قبل نهاية الشهر الجاري.\n"
BODY_AR_3 = "شهدت المدينة أمطارا غزيرة أدت إلى إغلاق عدد من الشوارع لساعات.\n"


def first_16(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read(suffix: str, text: str, limit: int = LIMIT) -> list[RecordArticle | RecordRefused]:
    return read_records(suffix, text.encode("utf-8"), limit)


def as_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def as_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


# --- records, without a build ----------------------------------------------------------------


def test_a_news_please_record_keeps_its_exact_metadata():
    record = {
        "title": "محادثات جديدة بين الوفدين",
        "date_publish": "2023-09-25 10:15:00",
        "date_modify": "2023-09-27 08:00:00",
        "date_download": "2023-09-28 00:00:00",
        "source_domain": "news.example.org",
        "url": "https://news.example.org/politics/1",
        "maintext": BODY_AR,
        "authors": ["سارة أحمد", "خالد يوسف"],
        "language": "ar",
        "description": "وصف قصير لا يدخل النص.",
    }
    [found] = read(".json", as_json([record]))
    assert isinstance(found, RecordArticle) and found.number == 1
    rec = found.record
    assert (rec.title, rec.title_derived, rec.outlet, rec.lang) == (record["title"], False, "news.example.org", "ar")
    assert rec.date.date.isoformat() == "2023-09-25" and rec.time.isoformat() == "10:15:00"
    assert found.url == record["url"] and found.authors == ("سارة أحمد", "خالد يوسف")
    assert "وصف قصير" not in rec.body_text
    assert found.original == BODY_AR.encode("utf-8") and found.sha256 == hashlib.sha256(found.original).hexdigest()


def test_a_trafilatura_record_sitename_over_domain_and_persian_as_given():
    record = {
        "title": "ادامه گفتگوها",
        "date": "2023-09-25",
        "sitename": "خبرگزاری نمونه",
        "source_domain": "example.ir",
        "url": "https://example.ir/news/7",
        "text": BODY_FA,
        "author": "مریم رضایی; علی کریمی",
        "language": "fa-IR",
        "tags": "گفتگو، دیپلماسی",
    }
    [found] = read(".json", as_json(record))  # news-please writes one object per file
    rec = found.record
    assert (rec.outlet, rec.lang, rec.date.date.isoformat()) == ("خبرگزاری نمونه", "fa", "2023-09-25")
    assert found.authors == ("مریم رضایی", "علی کریمی") and rec.keywords == ("گفتگو", "دیپلماسی")


def test_language_not_given_is_detected_as_for_text_seeds():
    [ar, fa, other] = read(
        ".jsonl",
        "\n".join(
            as_json(r)
            for r in ({"text": BODY_AR}, {"text": BODY_FA, "language": None}, {"text": BODY_AR, "language": "en"})
        ),
    )
    assert (ar.record.lang, fa.record.lang, other.record.lang) == ("ar", "fa", "ar")
    assert any("'en' is neither ar nor fa" in w for w in other.warnings)
    assert ar.record.title_derived and ar.record.title.endswith("…")  # no title: derived, as for text seeds


def test_the_body_is_cleaned_as_a_text_seed_is():
    [found] = read(".json", as_json([{"title": "عنوان", "maintext": BODY_AR + READ_ALSO + "\n#محادثات #وزارة\n"}]))
    rec = found.record
    assert rec.paragraphs == tuple(BODY_AR.strip().split("\n"))
    appended = [line for block in rec.appended for line in block.lines]
    assert "وزير النقل يفتتح محطة جديدة" in appended and "وزير النقل" not in rec.body_text
    assert "#محادثات #وزارة" in appended
    assert found.original == (BODY_AR + READ_ALSO + "\n#محادثات #وزارة\n").encode("utf-8")  # served as written


def test_a_json_object_holds_its_records_under_articles_records_or_items():
    for key in ("articles", "records", "items"):
        found = read(".json", as_json({"source": "x", key: [{"text": BODY_AR}, {"text": BODY_FA}]}))
        assert [f.number for f in found] == [1, 2] and all(isinstance(f, RecordArticle) for f in found)


def test_jsonl_a_bad_line_is_refused_by_its_number_and_the_others_read():
    text = "\n".join([as_json({"text": BODY_AR}), "{not json", "", as_json({"text": BODY_FA}), "[1, 2]"]) + "\n"
    found = read(".jsonl", text)
    assert [(f.number, type(f).__name__) for f in found] == [
        (1, "RecordArticle"),
        (2, "RecordRefused"),
        (4, "RecordArticle"),
        (5, "RecordRefused"),
    ]
    assert "not valid JSON" in found[1].reason and "not an object" in found[3].reason


def test_csv_with_quoted_multiline_text_and_a_row_of_the_wrong_width():
    text = as_csv(
        [
            ["Title", "date", "sitename", "url", "maintext", "authors"],
            ["عنوان أول", "2023-09-25", "موقع المثال", "https://example.org/1", BODY_AR, "['سارة أحمد', 'خالد يوسف']"],
            ["عنوان ثان", "2023-09-26", "موقع المثال"],
            ["عنوان ثالث", "", "", "", BODY_AR_2, ""],
        ]
    )
    first, short, third = read(".csv", "\ufeff" + text)  # Excel writes a byte-order mark
    assert first.record.paragraphs == tuple(BODY_AR.strip().split("\n"))  # the line break inside quotes kept
    assert (first.record.title, first.record.outlet, first.url) == ("عنوان أول", "موقع المثال", "https://example.org/1")
    assert first.authors == ("سارة أحمد", "خالد يوسف")
    assert isinstance(short, RecordRefused) and short.number == 2
    assert "3 fields where the header has 6" in short.reason and "line 5" in short.reason
    assert third.number == 3 and third.record.date is None and third.url is None


def test_a_semicolon_separated_csv_is_read():
    [found] = read(".csv", "title;text\nعنوان;" + BODY_AR_2)
    assert found.record.title == "عنوان" and found.record.paragraphs == (BODY_AR_2.strip(),)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ("نص", "not an object but a JSON string"),
        ({"title": "عنوان بلا نص"}, "no text (maintext/text)"),
        ({"title": "عنوان", "maintext": "   \n  "}, "no text (maintext/text)"),
        ({"maintext": 42}, "maintext is not text but a JSON number"),
        ({"text": BODY_AR, "date": "2023-02-30"}, "date '2023-02-30' is not a date (month 2 of 2023"),
        ({"text": BODY_AR, "date_publish": "قريبا"}, "date_publish 'قريبا' is not a date"),
        ({"text": BODY_AR, "url": "javascript:alert(1)"}, "url is not an http(s) address"),
        ({"text": BODY_AR, "title": ["a"]}, "title is not text but a JSON list"),
        ({"text": BODY_AR, "id": 1.5}, "id is not text or a whole number"),
        ({"text": "Only English words here."}, "no Arabic or Persian text"),
        ({"text": BODY_AR, "title": "ع" * 3000}, "title is 3,000 characters long"),
    ],
)
def test_a_malformed_record_is_refused_with_the_reason(record, reason):
    found = read(".json", as_json([{"text": BODY_AR_2}, record]))
    assert isinstance(found[0], RecordArticle)
    assert isinstance(found[1], RecordRefused) and found[1].number == 2
    assert reason in found[1].reason


@pytest.mark.parametrize(
    ("suffix", "text", "reason"),
    [
        (".json", "", "the file is empty"),
        (".json", '{"text": "x",', "not valid JSON: line 1"),
        (".json", '{"a": 1}\n{"a": 2}\n', "name it .jsonl"),
        (".json", "[]", "no records"),
        (".json", "42", "a JSON number, not a list of records"),
        (".csv", "title,body\nعنوان,نص\n", "names no text column"),
        (".jsonl", "\n\n", "the file is empty"),
    ],
)
def test_a_file_that_cannot_be_read_at_all_is_refused_as_a_whole(suffix, text, reason):
    with pytest.raises(RecordsError, match=re.escape(reason)):
        read(suffix, text)


def test_a_text_over_max_bytes_is_built_from_its_first_part():
    text = BODY_AR * 40
    [found] = read(".json", as_json([{"text": text}]), limit=1000)
    assert found.truncated and any("larger than 1000 bytes" in w for w in found.warnings)
    assert len(found.record.body_text.encode("utf-8")) <= 1000 and found.original == text.encode("utf-8")


def test_ids_follow_the_documented_rule():
    records = [
        {"id": "ABCDEF0123456789", "url": "https://example.org/1", "text": BODY_AR},  # 16 hex: kept, folded
        {"id": "news-123", "url": "https://example.org/2", "text": BODY_AR},  # other id: hashed
        {"id": 123, "text": BODY_AR},  # a number is an id too
        {"url": "https://example.org/3", "text": BODY_AR},  # no id: the URL as written
        {"text": BODY_AR_2},  # neither: the text, as served in articles/<id>.txt
    ]
    ids = [f.article_id for f in read(".json", as_json(records))]
    assert ids == [
        "abcdef0123456789",
        first_16("news-123"),
        first_16("123"),
        first_16("https://example.org/3"),
        first_16(BODY_AR_2),
    ]
    assert record_id(None, None, BODY_AR_2.encode()) == hashlib.sha256(BODY_AR_2.encode()).hexdigest()[:16]


def test_scan_reads_structured_seeds_and_still_skips_other_files(tmp_path):
    for name in ("a.json", "b.JSONL", "c.csv", "d.txt", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = {e.path.name: (e.status, e.reason) for e in inputs.scan(tmp_path)}
    assert all(found[n][0] == "seed" for n in ("a.json", "b.JSONL", "c.csv", "d.txt"))
    assert found["notes.md"][0] == "skipped" and "not a .txt file" in found["notes.md"][1]


# --- real builds -----------------------------------------------------------------------------

LIST_RECORDS = [
    {
        "title": "محادثات جديدة بين الوفدين",
        "date_publish": "2023-09-25 10:15:00",
        "source_domain": "news.example.org",
        "url": "https://news.example.org/politics/1",
        "maintext": BODY_AR + READ_ALSO,
        "authors": ["سارة أحمد"],
        "language": "ar",
    },
    {"title": "عنوان بلا نص", "maintext": None},  # record 2: refused
    {"title": "صيانة الطريق الساحلي", "date": "2023-10-02", "sitename": "بلدية المثال", "text": BODY_AR_2},
]
OBJECT_RECORDS = {"articles": [{"id": "00000000000000AB", "title": "ادامه گفتگوها", "text": BODY_FA, "language": "fa"}]}
JSONL_LINES = [
    as_json({"title": "أمطار غزيرة", "date": "2023-11-05", "url": "https://example.org/rain", "text": BODY_AR_3}),
    "{not json",  # record 2: refused
    as_json({"title": "تاريخ خاطئ", "date": "2023-02-30", "text": BODY_AR_3}),  # record 3: refused
    as_json(LIST_RECORDS[0]),  # the same record as list.json's first: built once
]
CSV_ROWS = [
    ["title", "date", "sitename", "url", "maintext"],
    ["عنوان من جدول", "2023-12-01", "موقع المثال", "https://example.org/csv/1", BODY_AR_2 + "\n" + BODY_AR_3],
    ["صف قصير", "2023-12-02"],  # record 2: refused
]
TEXT_SEED = "عنوان نصي للمقارنة\n\nنص الخبر الثاني هنا وفيه كلام كثير عن المحادثات والوفود.\n"
SEEDS = {
    "list.json": as_json(LIST_RECORDS).encode(),
    "object.json": as_json(OBJECT_RECORDS).encode(),
    "feed.jsonl": ("\n".join(JSONL_LINES) + "\n").encode(),
    "table.csv": as_csv(CSV_ROWS).encode(),
    "plain.txt": TEXT_SEED.encode(),
}
REFUSED = {
    "seeds/list.json#2": "seeds/list.json record 2: no text (maintext/text)",
    "seeds/feed.jsonl#2": "seeds/feed.jsonl record 2: not valid JSON",
    "seeds/feed.jsonl#3": "seeds/feed.jsonl record 3: date '2023-02-30' is not a date",
    "seeds/table.csv#2": "seeds/table.csv record 2: line 6: 2 fields where the header has 5",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    built = build_site(
        tmp_path_factory.mktemp("structured"), seeds=SEEDS, annotations={}, env={"SIJILL_KEEP_GOING": "1"}
    )
    assert built.returncode == 0, built.log
    return built


def rows(output: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((output / "archive.json").read_text("utf-8"))["articles"]}


def build_report(built) -> dict:
    return json.loads((built.output / "build-report.json").read_text("utf-8"))


def test_text_and_structured_seeds_build_into_one_archive(mixed):
    report = build_report(mixed)
    by_file = {o["file"]: o for o in report["outcomes"]}
    records = {"list.json": 3, "object.json": 1, "feed.jsonl": 4, "table.csv": 2}
    expected = [f"seeds/{name}#{n}" for name, count in records.items() for n in range(1, count + 1)]
    assert sorted(by_file) == sorted([*expected, "seeds/plain.txt"])
    assert report["counts"] == {"built": 6, "warning": 1, "refused": 4, "skipped": 0}
    for file, message in REFUSED.items():
        assert by_file[file]["status"] == "refused" and message in by_file[file]["messages"][0], by_file[file]
        assert f"refused {file}: {message}" in mixed.log
    duplicate = by_file["seeds/list.json#1"]  # seeds are read in path order: feed.jsonl first
    assert duplicate["status"] == "warning" and duplicate["id"] == by_file["seeds/feed.jsonl#4"]["id"]
    assert "the same id and text as seeds/feed.jsonl#4: built once" in duplicate["messages"][0]
    assert len(rows(mixed.output)) == 6  # one entry per record built, the text seed beside them
    assert report["seed_files"] == 5  # the summary counts files, and the entries their records make
    assert "Sijill: 5 seed file(s) holding 11 entries: 7 built (1 with warnings), 4 refused" in mixed.log


def test_each_record_keeps_its_metadata_in_archive_json_and_on_its_page(mixed):
    built = rows(mixed.output)
    first = built[first_16("https://news.example.org/politics/1")]
    assert (first["title"], first["date"], first["outlet"], first["lang"]) == (
        "محادثات جديدة بين الوفدين",
        "2023-09-25",
        "news.example.org",
        "ar",
    )
    assert first["original_url"] == "https://news.example.org/politics/1" and first["authors"] == ["سارة أحمد"]
    assert first["annotation"]["original_url"] is None  # not an editor's
    persian = built["00000000000000ab"]
    assert (persian["lang"], persian["title"], persian["date"]) == ("fa", "ادامه گفتگوها", None)
    road = built[first_16(BODY_AR_2)]  # no id, no url: the text
    assert (road["outlet"], road["date"], road["original_url"]) == ("بلدية المثال", "2023-10-02", None)
    table = built[first_16("https://example.org/csv/1")]
    assert (table["title"], table["outlet"], table["date"]) == ("عنوان من جدول", "موقع المثال", "2023-12-01")
    page = scan(mixed.output / first["url"])
    assert page.ids["title"] == first["title"]
    assert ("href", "https://news.example.org/politics/1") in page.links
    paragraphs = [text for key, text in page.ids.items() if re.fullmatch(r"p\d+", key)]
    assert paragraphs and not any("وزير النقل" in p for p in paragraphs)  # "read also" kept out of the text
    assert "وزير النقل يفتتح محطة جديدة" in page.ids["appended"]


def test_a_records_original_is_its_own_text_and_the_checksums_verify(mixed):
    built = rows(mixed.output)
    first = built[first_16("https://news.example.org/politics/1")]
    original = (mixed.output / first["text_url"]).read_bytes()
    assert original == (BODY_AR + READ_ALSO).encode("utf-8")
    assert first["sha256"] == hashlib.sha256(original).hexdigest()
    assert (mixed.output / "articles" / f"{first_16(TEXT_SEED)}.txt").read_bytes() == TEXT_SEED.encode()
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=mixed.output, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == 6, check.stdout + check.stderr


def test_a_refused_record_stops_the_build_unless_keep_going(tmp_path):
    built = build_site(tmp_path, seeds={"feed.jsonl": SEEDS["feed.jsonl"]}, annotations={})
    assert built.returncode != 0
    assert "seeds/feed.jsonl#2" in built.log and "seeds/feed.jsonl record 3: date" in built.log
    assert "Traceback" not in built.log


def test_a_record_whose_id_is_another_files_fails_naming_both(tmp_path):
    seeds = {
        "100_aaaaaaaaaaaaaaaa.txt": "عنوان أول\n\nنص أول هنا عن موضوع ما.\n".encode(),
        "more.jsonl": (as_json({"id": "AAAAAAAAAAAAAAAA", "text": BODY_AR_3}) + "\n").encode(),
    }
    built = build_site(tmp_path, seeds=seeds, annotations={}, env={"SIJILL_KEEP_GOING": "1"})
    assert built.returncode != 0
    assert "seeds/100_aaaaaaaaaaaaaaaa.txt and seeds/more.jsonl#1 have the same id aaaaaaaaaaaaaaaa" in built.log


def test_an_edited_structured_seed_rebuilds_incrementally_as_a_clean_build(tmp_path):
    root = tmp_path / "project"
    settings = make_project(root)
    feed = root / "seeds" / "feed.jsonl"
    feed.write_text(JSONL_LINES[0] + "\n" + as_json(OBJECT_RECORDS["articles"][0]) + "\n", encoding="utf-8")
    make_site(settings, root / "output")
    edited = {**json.loads(JSONL_LINES[0]), "title": "أمطار غزيرة تغلق الشوارع"}
    feed.write_text(as_json(edited) + "\n" + as_json({"text": BODY_AR_2}) + "\n", encoding="utf-8")
    make_site(settings, root / "output")
    rebuilt = rows(root / "output")
    assert rebuilt[first_16("https://example.org/rain")]["title"] == "أمطار غزيرة تغلق الشوارع"
    assert first_16(BODY_AR_2) in rebuilt and "00000000000000ab" not in rebuilt
    assert_same_as_clean_build(root, settings, tmp_path)
