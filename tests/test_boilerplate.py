"""The archive-wide signal (issue 11): lines an outlet's template repeats across files are
furniture; a story's own lines repeated by several reports of it are not. Short texts written
for these tests in the shapes of real pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_archive import boilerplate
from news_archive.ids import sha256
from news_archive.reader import repeated_lines
from news_archive.seedparse import parse_seed

from tests.conftest import CountingCache

# A template the reader does not know by shape: a masthead line with no outlet word, a menu of
# section names it has no list of, a label and footers it has no pattern for.
MASTHEAD = "منبر الساحل والجبل"
MENU = "بيت الأخبار | الحارة | الملاعب | المال"
LABEL = "طالع كذلك في منبرنا"
FOOTER = "منبر الساحل والجبل منذ عام ألفين"
SUBJECTS = ("الطريق", "المستشفى", "المدرسة", "الجسر", "السوق", "المطار", "الميناء")
PLACES = ("المدينة", "القرية", "البلدة", "الواحة", "الساحل", "الجبل", "الوادي")


def article(i: int) -> tuple[str, str, str]:
    """(headline, text, a headline of another story) of the outlet's i-th article."""
    subject, place = SUBJECTS[i % len(SUBJECTS)], PLACES[i % len(PLACES)]
    title = f"افتتاح {subject} الجديد في {place} رقم {i + 1}"
    text = (
        f"أعلنت السلطات المحلية اليوم افتتاح {subject} الجديد في {place} بعد سنوات من الانتظار رقم {i + 1}.\n"
        f"وقال مسؤول إن {subject} سيخدم سكان {place} والمناطق المجاورة لها في السنوات المقبلة."
    )
    return title, text, f"تطورات جديدة حول {SUBJECTS[(i + 3) % len(SUBJECTS)]} في {PLACES[(i + 2) % len(PLACES)]}"


def page(i: int) -> str:
    title, text, other = article(i)
    return f"{MASTHEAD}\n{MENU}\n{title}\n\n{text}\n\n{LABEL}\n{other}\n{FOOTER}\n"


def test_the_template_repeated_over_k_files_is_found_and_set_apart():
    texts = [page(i) for i in range(boilerplate.MIN_FILES)]
    lines = boilerplate.for_texts(texts)
    key = boilerplate.line_key
    assert lines[0].head >= {key(MASTHEAD), key(MENU)}
    assert lines[0].tail >= {key(LABEL), key(FOOTER)}
    for i, text in enumerate(texts):
        title, body, other = article(i)
        alone, archived = parse_seed(text), parse_seed(text, lines[i])
        assert alone.title != title  # on its own evidence the masthead reads as a headline here
        assert (archived.title, archived.title_derived) == (title, False)
        assert archived.paragraphs == tuple(body.split("\n"))
        assert [a.lines for a in archived.appended] == [(other,)]
        assert archived.outlet == MASTHEAD  # a short line repeated above the text names the outlet
        assert "outlet" in archived.low_confidence


def test_fewer_files_than_k_are_no_evidence():
    lines = boilerplate.for_texts([page(i) for i in range(boilerplate.MIN_FILES - 1)])
    assert not any(lines)


def test_a_sentence_shared_by_reports_of_one_story_stays_in_their_bodies():
    """Several outlets carry the same story: the same headline, the same lead sentence, the same
    closing line. Repeated in K files, none of it is boilerplate."""
    headline = "افتتاح الطريق الجديد بين المدينتين"
    lead = "أعلنت وزارة النقل اليوم افتتاح الطريق الجديد بين المدينتين بعد عامين من العمل."
    closing = "ويبلغ طول الطريق مئة وعشرين كيلومتراً"
    own = "وقال مراسل {} إن الافتتاح جرى في حضور المسؤولين."
    texts = [
        f"صحيفة {PLACES[i % 7]}{' الجديدة' * (i // 7)}\n{headline}\n\n{lead}\n{own.format(PLACES[i % 7])}\n{closing}\n"
        for i in range(boilerplate.MIN_FILES + 2)
    ]
    lines = boilerplate.for_texts(texts)
    key = boilerplate.line_key
    assert not any(key(x) in bp.head | bp.tail for bp in lines for x in (headline, lead, closing))
    for text, bp in zip(texts, lines, strict=True):
        assert parse_seed(text, bp) == parse_seed(text)
        assert parse_seed(text, bp).title == headline


def test_the_same_line_at_another_position_is_not_boilerplate_there():
    """Another story's headline listed after the text of K files is still that story's headline."""
    title, text, _ = article(0)
    listed = [
        f"{MASTHEAD}\n{MENU}\n{article(i)[0]}\n\n{article(i)[1]}\n\n{title}\n"
        for i in range(1, boilerplate.MIN_FILES + 1)
    ]
    own = f"{title}\n\n{text}\n"
    lines = boilerplate.for_texts([*listed, own])
    assert boilerplate.line_key(title) in lines[0].tail
    assert not lines[-1]
    assert parse_seed(own, lines[-1]).title == title


def test_a_closing_sentence_with_a_full_stop_stays():
    texts = [page(i).replace(f"\n\n{LABEL}", "\nوالله الموفق.\n\n" + LABEL) for i in range(boilerplate.MIN_FILES)]
    lines = boilerplate.for_texts(texts)
    assert all(parse_seed(t, bp).paragraphs[-1] == "والله الموفق." for t, bp in zip(texts, lines, strict=True))


def test_without_the_set_reading_is_unchanged():
    texts = [page(i) for i in range(boilerplate.MIN_FILES)]
    for text in texts:
        assert parse_seed(text, None) == parse_seed(text) == parse_seed(text, boilerplate.Boilerplate())


def test_a_files_lines_and_cache_key_do_not_change_when_an_unrelated_seed_is_added(tmp_path: Path):
    for i in range(boilerplate.MIN_FILES):
        (tmp_path / f"{i:03d}.txt").write_text(page(i), encoding="utf-8")
    before = repeated_lines(seeds(tmp_path))
    (tmp_path / "999.txt").write_text("خبر آخر تماماً\n\nنص مختلف لا يشبه أي صفحة من صفحات المنبر في شيء أبداً.\n")
    after = repeated_lines(seeds(tmp_path))
    assert before == after and len(after) == boilerplate.MIN_FILES
    assert {bp.key() for bp in after.values()} == {before[str(tmp_path / "000.txt")].key()}
    (tmp_path / "998.txt").write_text(page(boilerplate.MIN_FILES), encoding="utf-8")  # the same outlet again
    assert {bp.key() for bp in repeated_lines(seeds(tmp_path)).values()} == {before[str(tmp_path / "000.txt")].key()}


def seeds(folder: Path) -> list[tuple[Path, str]]:
    """(path, digest) of each text seed, as the build gives them."""
    return [(path, sha256(path.read_bytes())) for path in sorted(folder.glob("*.txt"))]


def test_a_rebuild_reads_only_new_seeds_for_the_line_pass(tmp_path: Path):
    for i in range(boilerplate.MIN_FILES):
        (tmp_path / f"{i:03d}.txt").write_text(page(i), encoding="utf-8")
    cache = CountingCache()
    first = repeated_lines(seeds(tmp_path), cache)
    assert first == repeated_lines(seeds(tmp_path)) and cache.puts == boilerplate.MIN_FILES
    (tmp_path / "998.txt").write_text(page(boilerplate.MIN_FILES), encoding="utf-8")
    assert repeated_lines(seeds(tmp_path), cache) == repeated_lines(seeds(tmp_path))
    assert cache.puts == boilerplate.MIN_FILES + 1  # the new seed only


@pytest.mark.parametrize("line", ["", "x", "محليات"])
def test_one_word_lines_are_never_counted(line):
    texts = [f"{line}\n{article(i)[0]}\n\n{article(i)[1]}\n{line}\n" for i in range(2 * boilerplate.MIN_FILES)]
    assert not any(boilerplate.for_texts(texts))


def test_the_line_pass_over_many_seeds_is_the_same_in_forked_workers(tmp_path: Path):
    """Over REGIONS_IN_PROCESS seeds, the regions are read by forked workers: the same lines,
    and a seed that cannot be read counts for nothing there too."""
    from news_archive.reader import REGIONS_IN_PROCESS

    for i in range(REGIONS_IN_PROCESS + 20):  # each text its own last line: not copies of 7 stories
        text = page(i) if i % 3 else article(i)[0] + "\n\n" + article(i)[1]
        (tmp_path / f"{i:03d}.txt").write_text(text.replace("المقبلة.", f"المقبلة {i}."), encoding="utf-8")
    (tmp_path / "999.txt").write_bytes(b"\xff\xfe\x00")  # not text: refused by its reading
    one, two = repeated_lines(seeds(tmp_path), processes=1), repeated_lines(seeds(tmp_path), processes=2)
    assert one == two and len(one) > REGIONS_IN_PROCESS // 2 and str(tmp_path / "999.txt") not in two
