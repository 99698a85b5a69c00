"""The pure halves of issue 15's fixes, with plain data: the seeds folder scan, site paths,
redirect resolution, unreadable dates, long paragraphs and annotation limits. The whole builds
are in tests/test_faults.py."""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET

import pytest
from news_archive.annotations import MAX_NESTING, AnnotationError, load_annotation
from news_archive.archive import make_entry, slug
from news_archive.dates import date_problem, parse_date
from news_archive.inputs import InputError, read_regular, scan
from news_archive.permanence import FEED_ENTRIES, PermanenceError, Redirect, atom, resolve
from news_archive.seedparse import PARAGRAPH_MAX, parse_seed, split_long
from news_archive.sitepaths import path_problem


# --- the seeds folder ----------------------------------------------------------------------
@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "empty").mkdir()
    (folder / "a.txt").write_text("نص")
    (folder / "B.TXT").write_text("نص")
    (folder / "sub" / "deeper" / "c.txt").write_text("نص")
    (folder / "notes.md").write_text("x")
    (folder / ".hidden.txt").write_text("x")
    os.mkfifo(folder / "pipe.txt")
    (folder / "inside.txt").symlink_to("a.txt")
    (folder / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "secret.txt").write_text("x")
    (folder / "dangling.txt").symlink_to("missing.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dirlink").symlink_to("sub")
    return folder


def test_every_entry_of_the_seeds_folder_has_one_outcome(seeds):
    found = {e.path.relative_to(seeds).as_posix(): (e.status, e.reason) for e in scan(seeds)}
    assert {name: status for name, (status, _) in found.items()} == {
        ".hidden.txt": "skipped",
        "B.TXT": "seed",
        "a.txt": "seed",
        "dangling.txt": "refused",
        "dirlink": "skipped",
        "empty": "skipped",
        "inside.txt": "skipped",
        "loop.txt": "refused",
        "notes.md": "skipped",
        "outside.txt": "refused",
        "pipe.txt": "refused",
        "sub/deeper/c.txt": "seed",
    }
    assert "FIFO" in found["pipe.txt"][1]
    assert "outside the seeds folder" in found["outside.txt"][1]
    assert "a.txt" in found["inside.txt"][1]


def test_read_regular_never_opens_a_fifo_or_follows_a_link(seeds):
    assert read_regular(seeds / "a.txt") == "نص".encode()
    with pytest.raises(InputError, match="FIFO"):
        read_regular(seeds / "pipe.txt")  # would block forever if opened for reading
    with pytest.raises(InputError, match="cannot be opened"):
        read_regular(seeds / "outside.txt")
    assert len(read_regular(seeds / "a.txt", limit=1)) == 2  # one byte over the limit tells it is over


# --- paths an editor writes ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("old/page.html", None),
        ("articles/قديم.html", None),
        ("", "empty"),
        ("/etc/passwd.html", "absolute"),
        ("../.output.building-evil/pwn.html", "normalised"),
        ("articles/./x.html", "normalised"),
        ("a//b.html", "normalised"),
        ("javascript:alert(1).html", "scheme"),
        ("https://example.org/x.html", "scheme"),
        ("a b.html", "holds"),
        ("a\\b.html", "holds"),
        ("x.html?q=1", "holds"),
        (".git/x.html", "hidden"),
        ("archive.json", "must end with"),
    ],
)
def test_site_paths(path, problem):
    found = path_problem(path, (".html",))
    assert (found is None) if problem is None else (problem in found)


def r(old: str, new: str, line: int = 1) -> Redirect:
    return Redirect(old, new, f"content/redirects.txt:{line}")


def test_redirects_resolve_through_chains_to_a_page():
    resolved = resolve([r("a.html", "b.html"), r("b.html", "index.html", 2)], {"index.html"})
    assert {old: x.new for old, x in resolved.items()} == {"a.html": "index.html", "b.html": "index.html"}
    assert resolved["a.html"].source == "content/redirects.txt:1"


@pytest.mark.parametrize(
    ("redirects", "message"),
    [
        (
            [r("a.html", "b.html"), r("b.html", "a.html", 2)],
            "content/redirects.txt:1: a redirect loop: a.html -> b.html",
        ),
        ([r("a.html", "nowhere.html")], "not a page of the site"),
        ([r("index.html", "browse.html")], "content/redirects.txt:1: index.html is a file the site publishes"),
        ([r("a.html", "index.html"), r("a.html", "browse.html", 7)], ":7: a.html is already redirected by"),
    ],
)
def test_bad_redirects_are_refused_with_file_and_line(redirects, message):
    with pytest.raises(PermanenceError, match=message):
        resolve(redirects, {"index.html", "browse.html"})


# --- dates, paragraphs, outlets ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("30 فبراير 2023", "has no day 30"),
        ("31 April 2020", "has no day 31"),
        ("2023-13-01", "no month 13"),
        ("0001-01-01", "year 0001"),
        ("1 يناير 9999", "year 9999"),
        ("۳ مهر ۱۵۰۰", "year 1500 is outside 1300–1479"),
        ("25 سبتمبر 2023", None),
        ("۳ مهر ۱۴۰۲", None),
        ("لا تاريخ هنا", None),
    ],
)
def test_date_problem_says_why_a_date_is_not_one(text, problem):
    found = date_problem(text)
    assert (found is None) if problem is None else (problem in found)
    if problem:
        assert parse_date(text) is None


def test_solar_hijri_years_end_where_gregorian_ones_do():
    assert parse_date("۱ فروردین ۱۴۷۹").date.year == 2100
    assert parse_date("۱ فروردین ۱۴۸۰") is None  # was read as 2101, and 1500 as 2121


@pytest.mark.parametrize(
    "text",
    [
        "قال المتحدث إن الحوار مستمر. " * 20_000,  # sentences
        "كلمة " * 100_000,  # words, no sentence ends
        "ك" * 50_000,  # one unbroken run
    ],
)
def test_long_paragraphs_are_split_without_losing_text(text):
    pieces = split_long(text.strip())
    assert len(pieces) > 10
    assert max(len(p) for p in pieces) <= PARAGRAPH_MAX
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_a_seed_without_line_breaks_reads_as_many_paragraphs_with_a_warning():
    record = parse_seed("عنوان\n\n" + "قال المتحدث إن الحوار مستمر. " * 30_000)
    assert len(record.paragraphs) > 100
    assert any("split into" in w for w in record.warnings)


def test_an_outlet_line_without_a_name_is_ignored_with_a_warning():
    record = parse_seed("عنوان الخبر\nالمصدر: ..\n\nقال المتحدث إن الحوار مستمر.\n")
    assert record.outlet is None
    assert any("names no outlet" in w for w in record.warnings)


def test_slugs_never_collide_by_truncation_or_punctuation():
    long_a, long_b = "وكالة " * 20 + "أ", "وكالة " * 20 + "ب"
    assert slug(long_a) != slug(long_b)
    assert slug("!!!") != slug("؟؟؟ «»") and slug("!!!") != "x"
    assert slug("CNN") == slug("cnn")  # spelled alike: one listing, spellings shown on it


# --- annotations ----------------------------------------------------------------------------
def test_annotation_fields_are_cleaned_like_seeds():
    note = load_annotation("a/0123456789abcdef.md", "Title: عنوان \u202eمعكوس\x1b\x00\n\nنص\x0b \u202eهنا\n".encode())
    assert note.title == "عنوان معكوس"
    assert "\u202e" not in note.note_html and "\x0b" not in note.note_html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Editor: x\nTitle: \xe1\xed\n\nnote\n", "a/0123456789abcdef.md:2: not UTF-8"),
        (b"Editor: x\n\n" + b"x " * 150_000, "larger than"),
        (b"Editor: x\n\nfirst line\n" + b"> " * (MAX_NESTING + 1) + b"x\n", "a/0123456789abcdef.md:4: the note nests"),
        (b"Editor: x\n\n" + b"[" * 100 + b"x" + b"]" * 100, "nests"),
    ],
)
def test_annotation_limits_name_file_and_line(data, message):
    with pytest.raises(AnnotationError, match=message):
        load_annotation("a/0123456789abcdef.md", data)


def test_reasonable_nesting_is_accepted():
    note = load_annotation(
        "a/0123456789abcdef.md", b"Editor: x\n\n> > quoted\n\n- a\n    - b\n\n[link](https://e.org)\n"
    )
    assert "<blockquote>" in note.note_html and "<a " in note.note_html


def test_a_feed_carries_the_newest_articles_only():
    entries = []
    for n in range(FEED_ENTRIES + 20):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=n)
        record = parse_seed(f"خبر اليوم رقم {n}\n\nتاريخ النشر: {day.isoformat()}\n\nنص الخبر رقم {n} هنا.\n")
        entries.append(make_entry(f"{n:016x}", f"{n}.txt", "0" * 64, record))
    feed = ET.fromstring(atom(entries, "سجل", "https://example.org", "feeds/all.atom.xml"))
    links = [
        e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")
    ]
    assert len(links) == FEED_ENTRIES
    assert links[0] == f"https://example.org/articles/{FEED_ENTRIES + 19:016x}.html"  # the newest first
