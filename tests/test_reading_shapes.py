"""Real-shaped pages (issue 11): short cases written in the shapes real scrapes have, no
third-party article text. Each shape is measured on real pages by `bench/reading_eval.py`."""

from __future__ import annotations

import datetime as dt

import pytest
from news_archive.lang import detect_language
from news_archive.seedparse import parse_seed, split_site_suffix

LEAD = "أعلنت وزارة النقل اليوم افتتاح الطريق الجديد بين المدينتين بعد عامين من العمل."
MORE = "وقال المتحدث باسم الوزارة إن الطريق سيخفف الزحام في ساعات الذروة."
BODY = f"{LEAD}\n{MORE}"
FA_BODY = "به گزارش خبرنگار ما، وزیر راه گفت که این جاده تا پایان سال افتتاح می‌شود.\nوی افزود: کار ادامه دارد."


# --- headline -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("page", "title"),
    [
        # a site menu, then the headline
        (f"الرئيسية محليات اقتصاد رياضة دولي ثقافة\nافتتاح الطريق الجديد\n\n{BODY}", "افتتاح الطريق الجديد"),
        (f"صفحه نخست سیاسی اقتصادی ورزشی فرهنگی\nافتتاح جاده جدید\n\n{FA_BODY}", "افتتاح جاده جدید"),
        # a masthead and a date line above the headline
        (f"صحيفة المساء\nالجمعة 7 أغسطس 2015\nافتتاح الطريق الجديد\n\n{BODY}", "افتتاح الطريق الجديد"),
        # a site suffix: the outlet is not part of the headline
        (f"افتتاح الطريق الجديد بين المدينتين | المساء\n\n{BODY}", "افتتاح الطريق الجديد بين المدينتين"),
        (f"افتتاح الطريق الجديد بين المدينتين - المساء\n\n{BODY}", "افتتاح الطريق الجديد بين المدينتين"),
        # the headline followed directly by the lead (each paragraph on its own line)
        (f"افتتاح الطريق الجديد\n{BODY}", "افتتاح الطريق الجديد"),
        # a share bar under the headline does not join it to the text
        (f"افتتاح الطريق الجديد\nمشاركة طباعة حجم الخط\n{BODY}", "افتتاح الطريق الجديد"),
        # a real "|" inside a Persian headline stays (its parts are long)
        (
            f"جزئیات طرح جدید حمل و نقل | زمان افتتاح جاده تازه شهر مشخص شد\n\n{FA_BODY}",
            "جزئیات طرح جدید حمل و نقل | زمان افتتاح جاده تازه شهر مشخص شد",
        ),
    ],
)
def test_headline_among_chrome(page, title):
    record = parse_seed(page)
    assert (record.title, record.title_derived) == (title, False)


def test_a_short_name_repeated_in_the_footer_is_a_masthead():
    page = f"المساء اليوم\nافتتاح الطريق الجديد\n\n{BODY}\n\nجميع الحقوق محفوظة © 2015 المساء اليوم"
    record = parse_seed(page)
    assert (record.title, record.outlet) == ("افتتاح الطريق الجديد", "المساء اليوم")


def test_site_suffix_needs_evidence_when_longer():
    title = "افتتاح الطريق الجديد بين المدينتين - بعد عامين من العمل الشاق"
    assert split_site_suffix(title, BODY) == (title, None)


# --- outlet ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("page", "outlet"),
    [
        (f"صحيفة المساء\nافتتاح الطريق الجديد\n\n{BODY}", "صحيفة المساء"),
        (f"افتتاح الطريق الجديد | المساء\n\n{BODY}", "المساء"),
        (f"افتتاح الطريق الجديد\n\n{BODY}\n\nجميع الحقوق محفوظة © 2015 صحيفة المساء", "صحيفة المساء"),
        (f"افتتاح جاده جدید\n\n{FA_BODY}\n\nکلیه حقوق این سایت متعلق به پایگاه خبری نمونه است", "پایگاه خبری نمونه"),
    ],
)
def test_outlet_from_masthead_suffix_or_copyright(page, outlet):
    assert parse_seed(page).outlet == outlet


# --- dates ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("الجمعة 21 شوال 1436 هـ - 7 أغسطس 2015 م", dt.date(2015, 8, 7)),
        ("نشر في: الجمعة 7 أغسطس 2015، الساعة 14:46", dt.date(2015, 8, 7)),
        ("نُشر بتاريخ ٢٣ شوال ١٤٣٦ هـ الموافق ٩ أغسطس ٢٠١٥ م", dt.date(2015, 8, 9)),
        ("شنبه ۶ مهر ۱۳۸۷", dt.date(2008, 9, 27)),
    ],
)
def test_date_line_above_the_headline(header, expected):
    record = parse_seed(f"{header}\nافتتاح الطريق الجديد\n\n{BODY}")
    assert (record.title, record.date.date) == ("افتتاح الطريق الجديد", expected)


# --- language -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Persian typed with Arabic yeh and kaf (older Iranian archives), no پ چ ژ گ
        ("وزير راه در اين جلسه اعلام كرد كه طرح جديد تا پايان سال اجرا مي شود", "fa"),
        ("اين طرح براي شهر مهم است", "fa"),
        ("وي افزود: كار ادامه دارد", "fa"),
        # Arabic with a Persian yeh or kaf here and there
        ("قال الوزیر إن الطریق سیفتتح في الموعد", "ar"),
        ("افتتاح الطريق الجديد", "ar"),
    ],
)
def test_language_of_short_texts(text, lang):
    assert detect_language(text) == lang


def test_persian_page_with_arabic_letters_is_persian():
    page = "افتتاح جاده جديد\n\nبه گزارش خبرنگار ما، وزير راه گفت كه اين جاده تا پايان سال افتتاح مي شود."
    assert parse_seed(page).lang == "fa"


# --- after the text -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "after",
    [
        "مواضيع ذات صلة\nعنوان خبر آخر عن الطقس\nعنوان خبر ثالث عن الرياضة",
        "الأكثر قراءة\nعنوان خبر آخر عن الطقس\nعنوان خبر ثالث عن الرياضة",
        # no label at all: a run of other headlines after the last sentence
        "عنوان خبر آخر عن الطقس\nعنوان خبر ثالث عن الرياضة\nعنوان خبر رابع عن الاقتصاد",
        # an unknown label before them
        "قد يهمك\nعنوان خبر آخر عن الطقس\nعنوان خبر ثالث عن الرياضة",
        "#الطرق #النقل #المدن",
        "حمّل تطبيق المساء على أندرويد وآيفون\nاشترك في النشرة البريدية\nأضف تعليقك",
        "بیشتر بخوانید:\nعنوان خبری دیگر درباره هوا\nعنوان خبری دیگر درباره ورزش",
    ],
)
def test_appended_material_stays_out_of_the_body(after):
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n\n{after}")
    assert record.paragraphs == (LEAD, MORE)


def test_a_last_sentence_broken_over_lines_is_not_taken_for_links():
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{LEAD}\nوقال المتحدث إن الطريق\nسيخفف الزحام\nفي ساعات الذروة.")
    assert record.paragraphs[-1] == "وقال المتحدث إن الطريق سيخفف الزحام في ساعات الذروة."
