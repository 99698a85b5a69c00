"""Unit tables for the seed parser, language and outlet detection, ids and decoding."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from news_archive.decode import DecodeError, decode
from news_archive.fold import line_tokens, tokens
from news_archive.ids import article_id, sha256
from news_archive.lang import detect_language, language_scores
from news_archive.seedparse import (
    SeedError,
    SeedRecord,
    _word_count,
    find_outlet,
    parse_seed,
    split_keywords,
    text_tokens,
)

BODY = "قال المتحدث باسم الكرملين إن الحوار مستمر مع أرمينيا.\nوأضاف أن موسكو تتابع الوضع في كاراباخ."


# --- headline ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "title", "derived"),
    [
        (f"الكرملين: لا خطط لاجتماع ثلاثي\n{BODY}", "الكرملين: لا خطط لاجتماع ثلاثي", False),
        (f"روسيا تدعو إلى الهدوء في الإقليم\n\n{BODY}", "روسيا تدعو إلى الهدوء في الإقليم", False),
        (f"روسيا تدعو إلى الهدوء\nتاريخ النشر: 25th, September 2023 GMT\n{BODY}", "روسيا تدعو إلى الهدوء", False),
        (f"Ru En\n\nعنوان الخبر هنا\n\n{BODY}", "عنوان الخبر هنا", False),
        # a first line that runs on into the next one is not a headline (seed 000)
        (
            "وحول الاتهامات الأرمينية لقوات حفظ السلام\nالروسية قال بيسكوف إن الحوار مستمر.",
            "وحول الاتهامات الأرمينية لقوات حفظ السلام الروسية قال بيسكوف إن الحوار مستمر…",
            True,
        ),
        # a first line that is a whole sentence is the lead, not a headline
        (BODY, "قال المتحدث باسم الكرملين إن الحوار مستمر مع أرمينيا…", True),
        # Persian attribution lead (seed 004): the outlet clause is not part of the derived title
        (
            "به گزارش ایسنا، پسکوف گفت که روسیه نگران است و گفتگو ادامه دارد.",
            "پسکوف گفت که روسیه نگران است و گفتگو ادامه دارد…",
            True,
        ),
    ],
)
def test_headline(text, title, derived):
    record = parse_seed(text)
    assert (record.title, record.title_derived) == (title, derived)


# --- dates in the header -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("تاريخ النشر: 25th, September 2023 GMT", dt.date(2023, 9, 25)),
        ("٠٩ نوفمبر ٢٠٢١", dt.date(2021, 11, 9)),
        ("نشر في: 22 أيلول 2023", dt.date(2023, 9, 22)),
        ("تاریخ انتشار: ۳ مهر ۱۴۰۲", dt.date(2023, 9, 25)),
        ("Published: Mon, 25 Sep 2023 10:15:00 GMT", dt.date(2023, 9, 25)),
        ("2023-09-25T10:15:00+03:00", dt.date(2023, 9, 25)),
        ("", None),
    ],
)
def test_header_date(header, expected):
    record = parse_seed(f"عنوان الخبر\n{header}\n\n{BODY}")
    assert (record.date.date if record.date else None) == expected


def test_date_in_the_body_is_not_the_publication_date():
    record = parse_seed("عنوان الخبر\n\nبدأت العملية يوم الثلاثاء 19 سبتمبر 2023 في الإقليم.")
    assert record.date is None


def test_date_in_appended_story_is_ignored():
    text = f"عنوان الخبر\n\n{BODY}\nإقرأ أيضاً:\nخبر آخر\nتاريخ النشر: 22 كانون الأول 2024\nنص الخبر الآخر هنا."
    assert parse_seed(text).date is None


# --- body, appended material, removed furniture ---------------------------------------------
def test_line_breaks_inside_a_sentence_are_joined():
    record = parse_seed("عنوان\n\nقوات حفظ السلام\nالروسية تؤدي مهامها.\nوقال بيسكوف إن الحوار مستمر.")
    assert record.paragraphs == ("قوات حفظ السلام الروسية تؤدي مهامها.", "وقال بيسكوف إن الحوار مستمر.")


def test_stray_letter_after_a_full_stop_ends_the_paragraph():
    record = parse_seed("عنوان\n\nانتهى الاجتماع. ا\nوقال المتحدث إن الحوار مستمر.")
    assert len(record.paragraphs) == 2


def test_no_break_spaces_become_spaces_and_blank_nbsp_lines_vanish():
    record = parse_seed("عنوان\n\nقال\u00a0بيسكوف إن الحوار مستمر.\n\n\u00a0\n\nوأضاف أن موسكو تتابع.")
    assert record.paragraphs == ("قال بيسكوف إن الحوار مستمر.", "وأضاف أن موسكو تتابع.")


@pytest.mark.parametrize("marker", ["إقرأ أيضاً:", "اقرأ أيضاً", "اقرأ ايضا:", "اقرأ أيضاًالخبر التالي", "بیشتر بخوانید:"])
def test_read_also_starts_appended_material(marker):
    record = parse_seed(f"عنوان\n\n{BODY}\n{marker}\nخبر آخر لا علاقة له\nنص الخبر الآخر كاملاً.")
    assert "خبر آخر" not in record.body_text and "نص الخبر الآخر" not in record.body_text
    assert record.appended and record.appended[-1].kind == "story"


def test_glued_read_also_keeps_the_first_letter_of_the_glued_headline():
    record = parse_seed(f"عنوان\n\n{BODY}\nاقرأ أيضاًالخارجية الروسية: موسكو لم تعلم\nالمصدر: الأسبوع")
    assert record.appended[0].lines[0] == "الخارجية الروسية: موسكو لم تعلم"
    assert record.outlet == "الأسبوع"  # footer metadata after a links list is the article's


def test_metadata_inside_an_appended_story_belongs_to_that_story():
    text = f"عنوان\n\n{BODY}\nإقرأ أيضاً:\nخبر آخر\nنص الخبر الآخر.\nالمصدر: وكالة أخرى"
    assert parse_seed(text).outlet is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Ru En", "navigation"),
        ("EN | AR", "navigation"),
        ("الرئيسية > أخبار > عربي", "navigation"),
        ("انتهای پیام", "sign-off"),
        ("/انتهى/", "sign-off"),
    ],
)
def test_page_furniture_is_removed(line, kind):
    record = parse_seed(f"عنوان الخبر\n\n{BODY}\n{line}")
    assert line not in record.body_text
    assert [(r.kind, r.text) for r in record.removed] == [(kind, line)]


def test_trailing_signature_is_removed():
    record = parse_seed(f"عنوان الخبر\n\n{BODY}\n\nمجموعة الرؤية الاستراتيجية\n\nالمصدر: تاس")
    assert record.removed[0].kind == "signature" and record.outlet == "تاس"


def test_word_count_and_reading_time_cover_the_body_only():
    long_story = "\n".join(["كلمة " * 50 + "."] * 10)
    record = parse_seed(f"عنوان\n\n{BODY}\nإقرأ أيضاً:\nخبر آخر\n{long_story}")
    assert record.words == len(BODY.split())
    assert record.reading_minutes == 1


@pytest.mark.parametrize("text", ["", "   \n\n\t", "Ru En\n\n"])
def test_empty_input_is_refused(text):
    with pytest.raises(SeedError):
        parse_seed(text)


def test_text_without_arabic_or_persian_is_refused():
    with pytest.raises(SeedError, match="no Arabic or Persian"):
        parse_seed("Headline\n\nThis is an English article. It has no Arabic letters.")


# --- outlet ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("meta", "lead", "outlet"),
    [
        ({"outlet": "تاس"}, "أي نص.", "تاس"),
        ({"outlet": "البوابة نيوز."}, "أي نص.", "البوابة نيوز"),
        ({}, "به گزارش ایسنا، پسکوف گفت.", "ایسنا"),
        ({}, "به گزارش خبرگزاری فارس، پسکوف گفت.", "خبرگزاری فارس"),
        ({}, "به نقل از ایرنا، پسکوف گفت.", "ایرنا"),
        ({}, "قال بيسكوف، نقلاً عن سبوتنيك، إن الحوار مستمر.", "سبوتنيك"),
        ({}, "ذكرت وكالة سبوتنيك أن الحوار مستمر.", "وكالة سبوتنيك"),
        ({}, "قال بيسكوف إن الحوار مستمر.", None),
    ],
)
def test_outlet(meta, lead, outlet):
    assert find_outlet(meta, lead) == outlet


# --- keywords --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "context", "expected"),
    [
        ("روسيا، أرمينيا، قره باغ", "", ("روسيا", "أرمينيا", "قره باغ")),
        ("روسيا, روسيا, أرمينيا", "", ("روسيا", "أرمينيا")),
        # flattened list: phrases that occur in the article stay together
        (
            "الكرملين دميتري بيسكوف ناجورنو كاراباخ",
            "أعلن (الكرملين) دميتري بيسكوف أن ناجورنو كاراباخ",
            ("الكرملين", "دميتري بيسكوف", "ناجورنو كاراباخ"),
        ),
        # variants that fold to the same text are kept once
        ("أرمينيا ارمينيا", "", ("أرمينيا",)),
        ("اقليم كاراباخ", "في إقليم «كاراباخ» اليوم", ("اقليم كاراباخ",)),
    ],
)
def test_keywords(value, context, expected):
    assert split_keywords(value, context) == expected


# --- language, ids, decoding -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قال المتحدث باسم الكرملين إن الحوار مستمر", "ar"),
        ("پسکوف گفت که روسیه نگران است", "fa"),
        ("پسکوف گفت که روسيه نگران است", "fa"),  # Arabic yeh typed in Persian
        ("قوات حفظ السلام الروسیة في الإقليم", "ar"),  # one Persian yeh in Arabic text
        ("Kremlin spokesman", None),
        ("", None),
    ],
)
def test_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("000_df451209fdc08719.txt", b"x", "df451209fdc08719"),
        ("seeds/123_0123456789abcdef.txt", b"x", "0123456789abcdef"),
        ("my article.txt", b"abc", sha256(b"abc")[:16]),
        ("000_XYZ.txt", b"abc", sha256(b"abc")[:16]),
        ("007_0123456789ABCDEF.txt", b"x", "0123456789abcdef"),  # upper-case hex keeps its id, folded
        ("007_0123456789abcdef.TXT", b"x", "0123456789abcdef"),
    ],
)
def test_article_id(name, data, expected):
    assert article_id(name, data) == expected


def test_id_does_not_depend_on_the_title():
    a = "عنوان أول\n\n" + BODY
    b = "عنوان معدّل\n\n" + BODY
    assert article_id("001_c61355213998c85b.txt", a.encode()) == article_id("001_c61355213998c85b.txt", b.encode())


ARABIC = "قال المتحدث باسم الكرملين إن الحوار مستمر مع أرمينيا"


@pytest.mark.parametrize(
    ("data", "encoding", "guessed"),
    [
        (ARABIC.encode(), "utf-8", False),
        (("\ufeff" + ARABIC).encode(), "utf-8-sig", False),
        (("\ufeff" + ARABIC).encode("utf-16-le"), "utf-16", False),
        (("\ufeff" + ARABIC).encode("utf-16-be"), "utf-16", False),
        (ARABIC.encode("cp1256"), "cp1256", True),
        ("گزارش پسکوف".encode("cp1256"), "cp1256", True),  # Persian letters exist in Windows-1256
    ],
)
def test_decode(data, encoding, guessed):
    decoded = decode(data)
    assert (decoded.text.lstrip("\ufeff"), decoded.encoding, decoded.guessed) == (
        ARABIC if "گزارش" not in decoded.text else "گزارش پسکوف",
        encoding,
        guessed,
    )


def test_iso_8859_6_is_recognised_when_windows_1256_reads_it_badly():
    data = ARABIC.encode("iso-8859-6")
    decoded = decode(data)
    assert decoded.text == ARABIC and decoded.guessed


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("Le café est très bon, à bientôt.".encode("latin-1"), "not valid UTF-8 \\(byte 0xe9 at offset 6\\)"),
        (b"ab\x00cd", "binary data.*offset 2"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_decode_errors_name_the_offset(data, problem):
    with pytest.raises(DecodeError, match=problem):
        decode(data)


def test_new_record_fields_have_defaults():
    """Code that builds a SeedRecord without the issue-11 fields keeps working."""
    record = SeedRecord("عنوان", False, None, None, (), "ar", ("نص.",))
    assert (record.time, record.timezone, record.updated) == (None, None, None)
    assert (record.via, record.low_confidence) == ((), ())


def test_the_bundled_seeds_record_their_time_zone_and_credits():
    record = parse_seed(f"عنوان الخبر\nتاريخ النشر: 25th, September 2023 GMT\n\n{BODY}\nالمصدر: الأسبوع")
    assert (record.outlet, record.time, record.timezone, record.via) == ("الأسبوع", None, "UTC", ())


# --- counting words (the reading time, headline and signature lengths) ------------------------
@given(st.text(st.sampled_from("أبت ک١2aZ_ ،.-«»\n\t\u00a0\u0640\u064b\u200c")))
def test_word_count_is_the_runs_of_non_space_holding_a_letter_or_digit(text):
    assert _word_count(text) == len(re.findall(r"\S*[^\W_]\S*", text))


def test_language_evidence_counts_each_word_once():
    """Function words (yeh and kaf folded) weigh 2, each side; a longer word with the article ال
    weighs 1 for Arabic, unless it is a function word (`الذين` counts once, as one)."""
    text = "في التي الذين البيت والكتاب بالقلم الي است که می كتاب ال"
    assert language_scores(text) == (3 * 2, 4 * 2 + 3)


def test_text_tokens_are_the_tokens_of_a_parsed_report_and_of_any_text():
    """The tagger takes a report's tokens from the lines parse_seed tokenised (text_tokens): the
    same list as folding the report's text again, for the bundled seeds and for text never parsed."""
    for path in sorted((Path(__file__).parents[1] / "seeds").glob("*.txt")):
        record = parse_seed(decode(path.read_bytes()).text)
        text = f"{record.title}\n{record.body_text}"
        assert text_tokens(text) == tokens(text)
    unseen = "سطر لم يُحلَّل قط\nوآخر، مع علامات: «الرياض» و١٢٣"
    assert text_tokens(unseen) == tokens(unseen)
    # lines folded in one call fold as each on its own: a combining mark opening a line, a
    # final sigma ending one, compatibility forms, a soft hyphen
    odd = "ΟΔΟΣ\n\u0301أحمد ﻻ ﷲ\nﬁle ΣΑΣ\nكتا\u00adب ٣٤\n\u0651شدة ΟΔΟΣ"
    record = parse_seed(f"عنوان الخبر\n\n{odd}\n\nنص الخبر الكامل هنا وهو طويل بما يكفي.")
    text = f"{record.title}\n{record.body_text}"
    assert text_tokens(text) == tokens(text)
    assert line_tokens(odd.split("\n")) == [tokens(line) for line in odd.split("\n")]


@given(st.lists(st.text(st.characters(blacklist_categories=()))))
@example(["a\ud83d", "\ude00b"])  # a high and a low surrogate in two paragraphs: never joined into one character
@example(["", "خبر 😀", ""])
def test_a_record_comes_back_from_the_cache_with_its_very_text(paragraphs):
    """The records cache pickles a record's paragraphs as one UTF-16 string and their lengths."""
    record = SeedRecord("عنوان", False, None, None, (), "ar", tuple(paragraphs), words=3)
    again = pickle.loads(pickle.dumps(record))
    assert again == record and again.paragraphs == tuple(paragraphs)
