"""Every inference visible and correctable (issue 11): the time of day, its zone, the last update,
"via" credits and authors reach archive.json and the article page; fields read from weak
evidence are marked on the page and listed in build-report.json; an annotation overrides the
language, the time and where the body ends, everywhere the field is used; reports of one day
are listed by their time across zones; an incremental build sees an edited override."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from news_archive import report
from news_archive.annotations import AnnotationError, parse_annotation
from news_archive.archive import archive_record, listings, make_entry, newest_first, oldest_first_key, outlet_key
from news_archive.bodyend import BodyEndError, cut
from news_archive.clock import ClockError, format_clock, machine_time, parse_clock
from news_archive.pages import tag_pages
from news_archive.search_query import Searcher
from news_archive.seedparse import Appended, Removed, parse_seed

from tests.conftest import build_site
from tests.htmlscan import scan
from tests.test_incremental import assert_same_as_clean_build, make_project, make_site
from tests.test_validity import axe_violations, nu_errors

# Short reports written for these tests, in the shapes real pages have: a labelled outlet and a
# date line with the time and its zone, a last update, a wire credit in the lead; an agency's own
# copy (its credit the only name of an outlet); a time in GMT; a day's report with no time; a
# Persian report with its time in Persian digits; material glued after "read also".
LABELLED = """الوزير يفتتح جسرا جديدا فوق النهر الكبير
المصدر: صحيفة الوادي
نشر في: الجمعة 2 أغسطس 2024، الساعة 14:46 بتوقيت مكة المكرمة
آخر تحديث: 3 أغسطس 2024

الرياض (واس) - افتتح وزير النقل اليوم جسرا جديدا فوق النهر الكبير يربط بين ضفتي المدينة.

وقال الوزير إن الجسر سيخفف الازدحام في وسط المدينة ويختصر زمن الرحلة إلى النصف.

وأضاف أن العمل جار على ثلاثة جسور أخرى ستفتتح في العام المقبل.
"""
WIRE_ONLY = """الوزير يتفقد مشاريع الطرق في المنطقة الشرقية
نشر في: الجمعة 2 أغسطس 2024، الساعة 09:10 بتوقيت مكة المكرمة

الدمام (واس) - تفقد وزير النقل اليوم مشاريع الطرق في المنطقة الشرقية واطلع على سير العمل فيها.

وأكد الوزير أن المشاريع ستنجز في موعدها المحدد دون تأخير.
"""
GMT = """هيئة الأرصاد تتوقع أمطارا غزيرة على المرتفعات
المصدر: نشرة الطقس اليومية
نشر في: الجمعة 2 أغسطس 2024، الساعة 12:30 بتوقيت غرينتش

توقعت هيئة الأرصاد هطول أمطار غزيرة على المرتفعات الجنوبية خلال الأيام الثلاثة المقبلة.

ودعت الهيئة السكان إلى توخي الحذر والابتعاد عن مجاري السيول.

اقرأ أيضاً:
ارتفاع أسعار الذهب في الأسواق المحلية
وقالت مصادر في السوق إن الطلب على الذهب ارتفع بشدة هذا الأسبوع بسبب موسم الأعراس.
"""
NO_TIME = """افتتاح معرض الكتاب في العاصمة بمشاركة واسعة
المصدر: مجلة القراء
نشر في: الجمعة 2 أغسطس 2024

افتتح معرض الكتاب اليوم في العاصمة بمشاركة أكثر من خمسمئة دار نشر من عشرين بلدا.

ويستمر المعرض عشرة أيام ويضم ندوات وأمسيات شعرية كل مساء.
"""
PERSIAN = """وزیر راه از پل تازه بازدید کرد
منبع: روزنامه نمونه
تاریخ انتشار: ۱۳ مرداد ۱۴۰۳ ساعت ۱۴:۴۶

وزیر راه و شهرسازی امروز از پل تازه‌ای که بر روی رودخانه ساخته شده است بازدید کرد.

او گفت که این پل گره ترافیکی مرکز شهر را باز می‌کند و زمان سفر را کوتاه‌تر می‌کند.
"""
IDS = {
    "labelled": "00000000000000a1",
    "wire": "00000000000000b2",
    "gmt": "00000000000000c3",
    "no_time": "00000000000000d4",
    "persian": "00000000000000e5",
}
TEXTS = {"labelled": LABELLED, "wire": WIRE_ONLY, "gmt": GMT, "no_time": NO_TIME, "persian": PERSIAN}
SEEDS = {f"{n}_{IDS[k]}.txt": TEXTS[k].encode() for n, k in enumerate(IDS, 1)}
RECORD = {  # a scraper's record: its authors and its time with an offset, as given
    "id": "00000000000000f6",
    "title": "ندوة عن مستقبل النقل العام في المدن الكبرى",
    "date_publish": "2024-07-30T10:15:00+03:00",
    "sitename": "موقع المدينة",
    "authors": ["سارة أحمد", "خالد يوسف"],
    "maintext": "ناقشت ندوة عقدت في العاصمة مستقبل النقل العام في المدن الكبرى ودور القطارات الخفيفة فيه.",
}
SEEDS["6_records.jsonl"] = (json.dumps(RECORD, ensure_ascii=False) + "\n").encode()


def words(*paragraphs: str) -> int:
    """Words as a reader counts them: runs of text holding a letter or a digit."""
    return sum(any(c.isalnum() for c in w) for p in paragraphs for w in p.split())


def found_by(built, query: str) -> set[str]:
    """The articles the site's search finds for `query` (search_query runs it as search.js does)."""
    searcher = Searcher(built.output / "search")
    return {searcher.doc(number)["url"] for number, _ in searcher.search(query)}


def rows(built) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((built.output / "archive.json").read_text("utf-8"))["articles"]}


def article_links(page) -> list[str]:
    """The article ids a listing links to, in page order (each once)."""
    found = []
    for _, value in page.links:
        if "articles/" in value and value.endswith(".html"):
            ident = value.rsplit("/", 1)[-1].removesuffix(".html")
            if ident not in found:
                found.append(ident)
    return found


# --- what the reader gives, as a test's precondition ----------------------------------------------
def test_the_example_reports_carry_what_the_tests_rely_on():
    """If the reader changes its mind about these shapes, the page tests below need new examples."""
    labelled, wire = parse_seed(LABELLED), parse_seed(WIRE_ONLY)
    assert (labelled.time, labelled.timezone, labelled.updated) == (dt.time(14, 46), "Asia/Riyadh", dt.date(2024, 8, 3))
    assert labelled.via == ("واس",) and not labelled.low_confidence
    assert "outlet" in wire.low_confidence
    assert parse_seed(GMT).timezone == "UTC" and parse_seed(GMT).appended
    assert parse_seed(NO_TIME).time is None and parse_seed(PERSIAN).time == dt.time(14, 46)


# --- unit tables -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14:46", (dt.time(14, 46), None)),
        ("9:05 +03:00", (dt.time(9, 5), "+03:00")),
        ("09:05 -0430", (dt.time(9, 5), "-04:30")),
        ("۱۴:۴۶ Asia/Tehran", (dt.time(14, 46), "Asia/Tehran")),
        ("١٤:٤٦ GMT", (dt.time(14, 46), "UTC")),
        ("23:59:30 utc", (dt.time(23, 59, 30), "UTC")),
        ("00:00 +00:00", (dt.time(0, 0), "UTC")),
    ],
)
def test_an_editor_time_is_read(value, expected):
    assert parse_clock(value) == expected


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("24:00", "not a time of day"),
        ("14:60", "not a time of day"),
        ("2pm", "expected HH:MM"),
        ("14:46 Mars/Olympus", "unknown time zone"),
        ("14:46 +15:00", "at most"),
        ("14:46 asia/tehran", "unknown time zone"),
        ("14:46 ../../etc/passwd", "unknown time zone"),
    ],
)
def test_a_wrong_time_is_refused_saying_why(value, problem):
    with pytest.raises(ClockError, match=problem):
        parse_clock(value)


def test_a_time_is_shown_in_the_page_language_with_its_zone():
    time = dt.time(14, 46)
    assert format_clock(time, None, "fa") == "۱۴:۴۶"  # Persian digits on Persian pages
    arabic = format_clock(time, "Asia/Riyadh", "ar", dt.date(2024, 8, 2))
    assert "٢:٤٦" in arabic and "السعودية" in arabic
    assert format_clock(time, "+03:00", "en") == "2:46\u202fPM (GMT+03:00)"
    assert machine_time(dt.date(2024, 8, 2), time, "Asia/Tehran") == "2024-08-02T14:46+03:30"
    assert machine_time(dt.date(2024, 8, 2), time, None) == "2024-08-02T14:46"


NOTE = "content/annotations/00000000000000a1.md"


@pytest.mark.parametrize(
    ("header", "line", "problem"),
    [
        ("Language: en", 2, "Language must be ar or fa"),
        ("Language: arabic", 2, "Language must be ar or fa"),
        ("Time: 25:10", 2, "not a time of day"),
        ("Time: 10:15 Europe/Atlantis", 2, "unknown time zone"),
        ("Body_end: ...", 2, "Body_end must give the last words"),
        ("Body_end: " + "كلمة " * 80, 2, "the last few words"),
    ],
)
def test_a_wrong_override_names_the_file_and_line(header, line, problem):
    with pytest.raises(AnnotationError, match=problem) as raised:
        parse_annotation(NOTE, f"Editor: x\n{header}\n\nنص.\n")
    assert (raised.value.path, raised.value.line) == (NOTE, line)
    assert str(raised.value).startswith(f"{NOTE}:{line}: ")


def test_overrides_are_read_and_recorded_as_set_by_an_editor():
    note = parse_annotation(NOTE, "Language: FA\nTime: 08:00 Asia/Tehran\nBody-end: بين ضفتي المدينة\n\nنص.\n")
    assert (note.language, note.time, note.timezone, note.body_end) == (
        "fa",
        dt.time(8, 0),
        "Asia/Tehran",
        "بين ضفتي المدينة",
    )
    assert note.set_fields == ("language", "time", "body_end")
    assert note.lines == {"language": 1, "time": 2, "body_end": 3}


PARAGRAPHS = ("الفقرة الأولى من الخبر.", "الفقرة الثانية تنتهي هنا.", "فقرة ثالثة من صفحة الموقع.")
APPENDED = (Appended("story", ("سطر أول من خبر آخر.", "سطر ثان ينتهي بالكلمات الأخيرة.")),)
SIGNATURE = (Removed("signature", "مراسلنا في العاصمة", 9),)


def test_body_end_shortens_the_body_and_sets_the_rest_apart():
    found = cut(PARAGRAPHS, APPENDED, (), "الثانية تنتهي هنا")
    assert found.paragraphs == PARAGRAPHS[:2]
    assert [b.kind for b in found.appended] == ["cut", "story"]
    assert found.appended[0].lines == PARAGRAPHS[2:]


def test_body_end_extends_the_body_over_material_set_apart():
    found = cut(PARAGRAPHS, APPENDED, SIGNATURE, "سطر أول من خبر آخر")
    assert found.paragraphs == (*PARAGRAPHS, "مراسلنا في العاصمة", "سطر أول من خبر آخر.")
    assert found.appended == (Appended("story", ("سطر ثان ينتهي بالكلمات الأخيرة.",)),)
    assert found.removed == ()
    whole = cut(PARAGRAPHS, APPENDED, (), "بالكلمات الأخيرة")  # the whole block: nothing appended is left
    assert whole.paragraphs[-2:] == APPENDED[0].lines and whole.appended == ()


def test_body_end_matches_folded_words_and_prefers_the_paragraph_they_end():
    paragraphs = ("قال إن الجسر جاهز، والجسر جاهز للعبور.", "وأضاف أن الجسر جاهز")
    assert cut(paragraphs, (), (), "الجسر جاهز").paragraphs == paragraphs  # ends the second only
    assert cut(PARAGRAPHS, (), (), "الفقره الاولي").paragraphs == PARAGRAPHS[:1]  # spelling folded


@pytest.mark.parametrize(
    ("words", "problem"),
    [("كلمات لا ترد في النص", "in no paragraph"), ("الفقرة", "in 2 paragraphs")],
)
def test_body_end_that_is_nowhere_or_ambiguous_is_an_error(words, problem):
    with pytest.raises(BodyEndError, match=problem):
        cut(PARAGRAPHS, (), (), words)


def entry_for(text: str, note: str | None = None, ident: str = "00000000000000a1"):
    annotation = parse_annotation(f"content/annotations/{ident}.md", note) if note else None
    return make_entry(ident, f"{ident}.txt", "0" * 64, parse_seed(text), annotation)


def test_an_override_clears_the_low_confidence_mark():
    assert entry_for(WIRE_ONLY).low_confidence == ("outlet",)
    assert entry_for(WIRE_ONLY, "Outlet: صحيفة الشرق\n\nنص.\n").low_confidence == ()
    assert entry_for(WIRE_ONLY, "Title: عنوان\n\nنص.\n").low_confidence == ("outlet",)  # another field


def test_time_overrides_and_what_a_date_change_does_to_the_page_time():
    edited = entry_for(LABELLED, "Time: 08:00 Asia/Tehran\n\nنص.\n")
    assert (edited.time, edited.timezone, edited.date) == (dt.time(8), "Asia/Tehran", dt.date(2024, 8, 2))
    other_day = entry_for(LABELLED, "Date: 2024-08-05\n\nنص.\n")  # the page's 14:46 was another day's
    assert (other_day.time, other_day.timezone) == (None, None)
    same_day = entry_for(LABELLED, "Date: 2024-08-02\n\nنص.\n")
    assert same_day.time == dt.time(14, 46)
    with pytest.raises(AnnotationError, match="no date") as raised:
        entry_for(
            LABELLED.replace("نشر في: الجمعة 2 أغسطس 2024، الساعة 14:46 بتوقيت مكة المكرمة\n", ""),
            "Time: 10:00\n\nنص.\n",
        )
    assert raised.value.line == 1


def test_body_end_and_language_change_the_entry_its_words_and_its_record():
    entry = entry_for(LABELLED, "Language: fa\nBody_end: يربط بين ضفتي المدينة\n\nنص.\n")
    assert entry.lang == "fa" and len(entry.paragraphs) == 1
    assert entry.words == words(entry.paragraphs[0]) < parse_seed(LABELLED).words
    assert entry.appended[0].kind == "cut"
    row = archive_record(entry)
    assert row["lang"] == "fa" and row["words"] == entry.words
    assert row["annotation"]["edited_fields"] == ["language", "body_end"]
    with pytest.raises(AnnotationError, match="in no paragraph") as raised:
        entry_for(LABELLED, "Editor: x\nBody_end: كلمات غائبة عن الخبر\n\nنص.\n")
    assert (raised.value.path, raised.value.line) == ("content/annotations/00000000000000a1.md", 2)


def test_archive_record_has_the_new_keys_only_with_values():
    full = archive_record(entry_for(LABELLED))
    assert (full["time"], full["timezone"], full["updated"], full["via"]) == (
        "14:46",
        "Asia/Riyadh",
        "2024-08-03",
        ["واس"],
    )
    assert "low_confidence" not in full and "authors" not in full
    bare = archive_record(entry_for(NO_TIME))
    assert not {"time", "timezone", "updated", "via", "authors", "low_confidence"} & set(bare)
    assert archive_record(entry_for(WIRE_ONLY))["low_confidence"] == ["outlet"]


def test_reports_of_one_day_are_ordered_by_time_across_zones():
    entries = [entry_for(TEXTS[k], ident=IDS[k]) for k in ("labelled", "wire", "gmt", "no_time")]
    # 12:30 GMT (12:30Z) is later than 14:46 in Mecca (11:46Z), which is later than 09:10 there
    expected = [IDS["gmt"], IDS["labelled"], IDS["wire"], IDS["no_time"]]
    assert [e.id for e in newest_first(entries)] == expected
    assert [e.id for e in newest_first(entries[::-1])] == expected  # whatever the input order
    oldest = sorted(entries, key=oldest_first_key)
    assert [e.id for e in oldest] == [IDS["wire"], IDS["labelled"], IDS["gmt"], IDS["no_time"]]
    month = next(x for x in listings(entries) if x.kind == "month")
    assert [e.id for e in month.entries] == expected
    tagged = [entry_for(TEXTS[k], "Tags: جسور\n\nنص.\n", IDS[k]) for k in ("no_time", "gmt", "wire")]
    assert [t.entry.id for t in tag_pages(tagged)[0].items] == [IDS["wire"], IDS["gmt"], IDS["no_time"]]


def test_build_report_lists_low_confidence_fields_per_file():
    weak = report.FileOutcome("seeds/x.jsonl#7", id="a", low_confidence=["outlet", "title"])
    sure = report.FileOutcome("seeds/y.txt", id="b")
    refused = report.FileOutcome("seeds/z.txt", status="refused", low_confidence=["date"])
    built = report.summary([weak, sure, refused])
    assert built["low_confidence"] == {"articles": 1, "fields": {"outlet": 1, "title": 1}}
    by_file = {o["file"]: o for o in built["outcomes"]}
    assert by_file["seeds/x.jsonl#7"]["low_confidence"] == ["outlet", "title"]
    assert "low_confidence" not in by_file["seeds/y.txt"]
    assert "1 with fields read from weak evidence" in report.summary_line(built)


# --- a real build -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = build_site(tmp_path_factory.mktemp("inferred"), seeds=SEEDS, annotations={})
    assert built.returncode == 0, built.log
    return built


def test_archive_json_carries_time_zone_update_via_and_weak_fields(site):
    found = rows(site)
    labelled = found[IDS["labelled"]]
    assert (labelled["time"], labelled["timezone"], labelled["updated"], labelled["via"]) == (
        "14:46",
        "Asia/Riyadh",
        "2024-08-03",
        ["واس"],
    )
    assert found[IDS["wire"]]["low_confidence"] == ["outlet"]
    assert found[IDS["gmt"]]["timezone"] == "UTC" and found[IDS["persian"]]["time"] == "14:46"
    assert "time" not in found[IDS["no_time"]] and "timezone" not in found[IDS["persian"]]
    record = found[RECORD["id"]]
    assert (record["authors"], record["time"], record["timezone"]) == (RECORD["authors"], "10:15", "+03:00")
    assert "authors" not in found[IDS["labelled"]]


def test_the_page_shows_time_update_and_via(site):
    page = scan(site.output / "articles" / f"{IDS['labelled']}.html")
    html = (site.output / "articles" / f"{IDS['labelled']}.html").read_text("utf-8")
    assert "٢:٤٦ م" in page.ids["meta-line"] and "السعودية" in page.ids["meta-line"]
    assert "٢:٤٦ م" in page.ids["meta-date"]
    assert 'datetime="2024-08-02T14:46+03:00"' in html
    assert "٣ أغسطس ٢٠٢٤" in page.ids["meta-updated"]
    assert "عبر واس" in page.ids["meta-outlet"] and "عبر واس" in page.ids["meta-line"]
    assert "inferred-outlet" not in page.ids  # nothing here was read from weak evidence
    persian = scan(site.output / "articles" / f"{IDS['persian']}.html")
    assert "۱۴:۴۶" in persian.ids["meta-date"] and "14:46" not in persian.ids["meta-date"]
    assert (
        "meta-updated" not in persian.ids
        and "meta-updated" not in scan(site.output / "articles" / f"{IDS['no_time']}.html").ids
    )
    record = scan(site.output / "articles" / f"{RECORD['id']}.html")
    assert "سارة أحمد، خالد يوسف" in record.ids["meta-authors"] and "١٠:١٥ ص" in record.ids["meta-date"]
    assert "meta-authors" not in page.ids


def test_a_field_read_from_weak_evidence_is_marked_and_explained(site):
    page = scan(site.output / "articles" / f"{IDS['wire']}.html")
    explained = page.ids["inferred-outlet"]
    assert "قرينة ضعيفة" in explained  # what it means, in the page's language
    assert f"content/annotations/{IDS['wire']}.md" in explained and "Outlet:" in explained  # how to correct it
    assert ("href", "#inferred-outlet") in page.links  # the mark beside the outlet leads to it
    assert "مستنتَج" in page.ids["meta-outlet"]


def test_build_report_lists_the_weak_fields_of_each_file(site):
    built = json.loads((site.output / "build-report.json").read_text("utf-8"))
    weak = {o["file"]: o["low_confidence"] for o in built["outcomes"] if "low_confidence" in o}
    assert weak == {f"seeds/2_{IDS['wire']}.txt": ["outlet"]}
    assert built["low_confidence"] == {"articles": 1, "fields": {"outlet": 1}}
    assert "1 with fields read from weak evidence" in site.log


def test_listings_order_one_day_by_time(site):
    expected = [IDS["gmt"], IDS["labelled"], IDS["wire"], IDS["no_time"]]
    home = article_links(scan(site.output / "index.html"))
    assert home == [IDS["persian"], *expected, RECORD["id"]]  # the Persian report is of the next day
    assert article_links(scan(site.output / "months" / "2024-08.html")) == [IDS["persian"], *expected]
    assert list(rows(site)) == [IDS["persian"], *expected, RECORD["id"]]  # archive.json in the same order


# --- overrides in a build -----------------------------------------------------------------------------
OVERRIDES = {
    f"{IDS['wire']}.md": "Outlet: صحيفة الشرق\nTime: 08:00 Asia/Tehran\n\nصحّح المحرر المصدر والوقت.\n",
    f"{IDS['labelled']}.md": "Body_end: يربط بين ضفتي المدينة\n\nالفقرتان الأخيرتان من صفحة أخرى.\n",
    f"{IDS['gmt']}.md": "Body_end: بسبب موسم الأعراس\nLanguage: fa\n\nالخبر يستمر بعد «اقرأ أيضاً».\n",
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    built = build_site(tmp_path_factory.mktemp("overrides"), seeds=SEEDS, annotations=OVERRIDES)
    assert built.returncode == 0, built.log
    return built


def test_an_overridden_field_is_no_longer_marked_inferred(edited):
    row = rows(edited)[IDS["wire"]]
    assert row["outlet"] == "صحيفة الشرق" and "low_confidence" not in row
    assert (row["time"], row["timezone"]) == ("08:00", "Asia/Tehran")
    page = scan(edited.output / row["url"])
    assert "inferred-outlet" not in page.ids and "مستنتَج" not in page.text
    assert "حدّده محرّر" in page.ids["meta-outlet"] and "حدّده محرّر" in page.ids["meta-date"]
    assert "إيران" in page.ids["meta-date"]
    report_row = next(
        o
        for o in json.loads((edited.output / "build-report.json").read_text("utf-8"))["outcomes"]
        if o["id"] == IDS["wire"]
    )
    assert "low_confidence" not in report_row
    assert (edited.output / "outlets" / f"{outlet_key('صحيفة الشرق')}.html").is_file()  # its listing too


def test_an_overridden_time_reorders_the_day(edited):
    # 08:00 in Tehran is 04:30Z: now the earliest report of the day
    expected = [IDS["persian"], IDS["gmt"], IDS["labelled"], IDS["wire"], IDS["no_time"], RECORD["id"]]
    assert article_links(scan(edited.output / "index.html")) == expected
    assert list(rows(edited)) == expected


def test_body_end_moves_paragraphs_out_of_the_body_everywhere(edited):
    row = rows(edited)[IDS["labelled"]]
    page = scan(edited.output / row["url"])
    assert "يربط بين ضفتي المدينة" in page.ids["body"]
    assert "سيخفف الازدحام" not in page.ids["body"] and "سيخفف الازدحام" in page.ids["appended"]
    assert row["words"] == words(parse_seed(LABELLED).paragraphs[0])
    assert row["url"] in found_by(edited, "ضفتي") and row["url"] not in found_by(edited, "الازدحام")  # search too
    assert "body-end-edited" in page.ids


def test_body_end_takes_appended_material_into_the_body_and_language_follows(edited):
    row = rows(edited)[IDS["gmt"]]
    page = scan(edited.output / row["url"])
    assert "موسم الأعراس" in page.ids["body"] and "appended" not in page.ids
    assert row["lang"] == "fa" and page.html_attrs["lang"] == "fa"
    assert IDS["gmt"] in article_links(scan(edited.output / "languages" / "fa.html"))
    assert row["words"] == words(*parse_seed(GMT).paragraphs, *parse_seed(GMT).appended[0].lines)


def test_body_end_in_no_paragraph_stops_the_build_with_file_and_line(tmp_path):
    notes = {f"{IDS['gmt']}.md": "Editor: x\nBody_end: كلمات لا ترد في الخبر\n\nنص.\n"}
    built = build_site(tmp_path, seeds=SEEDS, annotations=notes)
    assert built.returncode != 0
    assert f"content/annotations/{IDS['gmt']}.md:2: Body_end: these words are in no paragraph" in built.log
    assert "Traceback" not in built.log


# --- incremental builds -----------------------------------------------------------------------------
def test_editing_an_override_rebuilds_like_a_clean_build(tmp_path):
    root = tmp_path / "project"
    settings = make_project(root)
    for name, data in SEEDS.items():
        (root / "seeds" / name).write_bytes(data)
    make_site(settings, root / "output")
    note = root / "content" / "annotations" / f"{IDS['labelled']}.md"
    note.write_text("Body_end: يربط بين ضفتي المدينة\nTime: 07:00 +03:00\n\nنص.\n", encoding="utf-8")
    make_site(settings, root / "output")
    assert "سيخفف الازدحام" not in scan(root / "output" / "articles" / f"{IDS['labelled']}.html").ids["body"]
    assert_same_as_clean_build(root, settings, tmp_path)
    note.write_text("Language: fa\nTime: 23:00 UTC\n\nنص.\n", encoding="utf-8")  # the other way
    make_site(settings, root / "output")
    assert "سيخفف الازدحام" in scan(root / "output" / "articles" / f"{IDS['labelled']}.html").ids["body"]
    assert_same_as_clean_build(root, settings, tmp_path)


# --- the new markup is valid and accessible ----------------------------------------------------------
def test_the_marked_pages_pass_the_nu_html_checker(site, edited):
    pages = [b.output / "articles" / f"{IDS[k]}.html" for b in (site, edited) for k in ("labelled", "wire", "gmt")]
    assert nu_errors(pages) == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_a_page_with_time_via_and_a_mark(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = {}
    for key in ("labelled", "wire"):
        opened = "document.querySelector('#meta-more').open = true"  # the marks inside are checked too
        found[key] = axe_violations(page, site.output / "articles" / f"{IDS[key]}.html", opened)
    context.close()
    assert found == {"labelled": [], "wire": []}
