"""Real-shaped pages (issue 11): short cases written in the shapes real scrapes have, no
third-party article text. Each shape is measured on real pages by `bench/reading_eval.py`."""

from __future__ import annotations

import datetime as dt

import pytest
from news_archive.clean import clean_text
from news_archive.decode import decode
from news_archive.lang import detect_language
from news_archive.seedparse import Removed, parse_seed, split_site_suffix

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


# --- times, zones and updates (issue 11) ----------------------------------------------------
@pytest.mark.parametrize(
    ("header", "time", "zone"),
    [
        ("نشر في: الجمعة 7 أغسطس 2015، الساعة 14:46", dt.time(14, 46), None),
        ("الجمعة 7 أغسطس 2015 - 02:30 م", dt.time(14, 30), None),
        ("2015/08/07 16:14 ت م", dt.time(16, 14), "Asia/Riyadh"),
        ("تاريخ النشر: 7 أغسطس 2015 الساعة 14:46 بتوقيت مكة المكرمة", dt.time(14, 46), "Asia/Riyadh"),
        ("Published: Fri, 07 Aug 2015 11:46:00 GMT", dt.time(11, 46), "UTC"),
        ("2015-08-07T14:46:00+03:00", dt.time(14, 46), "+03:00"),
        ("تاريخ النشر: 7 أغسطس 2015 GMT", None, "UTC"),
    ],
)
def test_time_and_zone_beside_the_date(header, time, zone):
    record = parse_seed(f"افتتاح الطريق الجديد\n{header}\n\n{BODY}")
    assert (record.date.date, record.time, record.timezone) == (dt.date(2015, 8, 7), time, zone)


def test_persian_time_line_under_the_date():
    record = parse_seed(f"افتتاح جاده جدید\nشنبه ۶ مهر ۱۳۸۷\nساعت ۱۴:۴۶\n\n{FA_BODY}")
    assert (record.date.date, record.time) == (dt.date(2008, 9, 27), dt.time(14, 46))


def test_the_agency_time_line_after_its_sign_off():
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n// انتهى //\n16:14 ت م\n")
    assert (record.time, record.timezone) == (dt.time(16, 14), "Asia/Riyadh")
    assert record.paragraphs == (LEAD, MORE)


def test_a_time_in_the_text_is_not_the_publication_time():
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{LEAD}\nوبدأ الافتتاح في الساعة 10:30 صباحاً بحضور المسؤولين.\n")
    assert record.time is None


@pytest.mark.parametrize(
    "lines",
    [
        "تاريخ النشر: 7 أغسطس 2015\nآخر تحديث: 9 أغسطس 2015 10:15",
        "نشر في: 7 أغسطس 2015 | آخر تحديث: 9 أغسطس 2015",
        "7 أغسطس 2015\nآخر تحديث: 9 أغسطس 2015",
    ],
)
def test_first_publication_and_last_update(lines):
    record = parse_seed(f"افتتاح الطريق الجديد\n{lines}\n\n{BODY}")
    assert (record.title, record.date.date, record.updated) == (
        "افتتاح الطريق الجديد",
        dt.date(2015, 8, 7),
        dt.date(2015, 8, 9),
    )
    assert record.time is None  # 10:15 is the update's time


def test_persian_update_line():
    record = parse_seed(f"افتتاح جاده جدید\nتاریخ انتشار: ۱۳۹۵/۰۵/۲۵\nبه‌روزرسانی: ۱۳۹۵/۰۵/۲۶\n\n{FA_BODY}")
    assert (record.date.date, record.updated) == (dt.date(2016, 8, 15), dt.date(2016, 8, 16))


def test_an_update_line_alone_is_not_the_publication_date():
    record = parse_seed(f"افتتاح الطريق الجديد\nآخر تحديث: 9 أغسطس 2015\n\n{BODY}")
    assert (record.date, record.updated) == (None, dt.date(2015, 8, 9))


# --- Islamic and Solar Hijri dates ------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "expected", "calendar"),
    [
        ("الجمعة 21 شوال 1436 هـ", dt.date(2015, 8, 6), "islamic_umalqura"),  # Umm al-Qura
        ("نشر بتاريخ 1436/10/21 هـ", dt.date(2015, 8, 6), "islamic_umalqura"),
        ("الجمعة 21 شوال 1436 هـ - 7 أغسطس 2015 م", dt.date(2015, 8, 7), "gregorian"),
        ("تاریخ انتشار: ۱۳۸۷/۰۷/۰۶", dt.date(2008, 9, 27), "solar_hijri"),
        ("شنبه ۶ مهر ۱۳۸۷", dt.date(2008, 9, 27), "solar_hijri"),
    ],
)
def test_calendars_of_the_date_line(header, expected, calendar):
    record = parse_seed(f"افتتاح الطريق الجديد\n{header}\n\n{BODY}")
    assert (record.date.date, record.date.calendar) == (expected, calendar)


@pytest.mark.parametrize("glued", [False, True])
def test_the_agency_dateline_gives_the_date(glued):
    dateline = "الرياض 22 شوال 1436 هـ الموافق 07 أغسطس 2015 م واس"
    lead = f"{dateline}{' - ' if glued else chr(10)}استقبل أمير المنطقة اليوم وفد الغرفة التجارية."
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{lead}\n{MORE}")
    assert (record.date.date, record.outlet) == (dt.date(2015, 8, 7), "واس")
    assert ("date" in record.low_confidence) == glued  # a date inside the text's first line


# --- headlines ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("page", "title"),
    [
        # broken in two: a preposition left at the end of the first line, or opening the second
        (
            f"وفاة شخصين في حادث مروري على\nطريق المدينتين الجديد\n\n{BODY}",
            "وفاة شخصين في حادث مروري على طريق المدينتين الجديد",
        ),
        (
            f"افتتاح الطريق الجديد بين\nالمدينتين بعد عامين\nالجمعة 7 أغسطس 2015\n{BODY}",
            "افتتاح الطريق الجديد بين المدينتين بعد عامين",
        ),
        (
            f"وزير النقل يفتتح الطريق الجديد\nويعد بطرق أخرى قريباً\n\n{BODY}",
            "وزير النقل يفتتح الطريق الجديد ويعد بطرق أخرى قريباً",
        ),
        (f"افتتاح جاده جدید بین\nدو شهر پس از دو سال\n\n{FA_BODY}", "افتتاح جاده جدید بین دو شهر پس از دو سال"),
        # a short name above the headline is a masthead, with a date line between or not
        (f"المساء اليوم\nافتتاح الطريق الجديد بين المدينتين\n\n{BODY}", "افتتاح الطريق الجديد بين المدينتين"),
        (
            f"المساء\nالجمعة 7 أغسطس 2015\nافتتاح الطريق الجديد بين المدينتين\n\n{BODY}",
            "افتتاح الطريق الجديد بين المدينتين",
        ),
        # the agency's section before the headline
        (f"عام / افتتاح الطريق الجديد بين المدينتين\n\n{BODY}", "افتتاح الطريق الجديد بين المدينتين"),
        # a byline or the writer's name under the headline
        (f"افتتاح الطريق الجديد\nالرياض - سعد المساعد\n{BODY}", "افتتاح الطريق الجديد"),
        (f"افتتاح الطريق الجديد!\nسعد المساعد\n\n{BODY}", "افتتاح الطريق الجديد!"),
        (f"افتتاح الطريق الجديد\nاستطلاع وتصوير: سعد المساعد\n\n{BODY}", "افتتاح الطريق الجديد"),
        # a site menu of section names the reader does not know, opening with the home link
        (f"الرئيسية عام منوعات فنون سياحة\nافتتاح الطريق الجديد\n\n{BODY}", "افتتاح الطريق الجديد"),
        # the headline followed directly by a much longer lead that is a paragraph by itself
        (
            "مصير الطرق القديمة بعد افتتاح الطريق الجديد؟\n"
            "أعلنت وزارة النقل اليوم أن الطرق القديمة بين المدينتين ستبقى مفتوحة للشاحنات بعد افتتاح الطريق.\n",
            "مصير الطرق القديمة بعد افتتاح الطريق الجديد؟",
        ),
    ],
)
def test_headline_shapes(page, title):
    record = parse_seed(page)
    assert (record.title, record.title_derived) == (title, False)


def test_a_first_line_that_runs_on_is_still_no_headline():
    page = "بدأت الوزارة أعمال الطريق الجديد في\nالصحراء بين المدينتين منذ عامين ولم تنته بعد.\n" + MORE
    assert parse_seed(page).title_derived


# --- outlets and wire services --------------------------------------------------------------
@pytest.mark.parametrize(
    ("page", "outlet", "via"),
    [
        # the outlet between the writer and the place in a byline opening the lead
        (f"افتتاح الطريق الجديد\n\nسعد المساعد- المساء- جدة: {LEAD}\n{MORE}", "المساء", ()),
        # a byline part the page names again in quotes
        (f'افتتاح الطريق الجديد\n\nسعد المساعد- المساء: {LEAD}\nوقال مصدر لـ"المساء" إن العمل مستمر.', "المساء", ()),
        # an outlet's office in a byline
        (f"افتتاح الطريق الجديد\nبريدة - مكتب المساء\n\n{BODY}", "المساء", ()),
        # Persian attribution after the abstract, without `از <city>`
        (
            "افتتاح جاده جدید\n\nجاده جدید افتتاح شد.\n\nبه گزارش همشهری آنلاین از کرج، وزیر راه گفت که کار ادامه دارد",
            "همشهری آنلاین",
            (),
        ),
        ("افتتاح جاده جدید\n\nخبرگزاری نمونه: وزیر راه گفت که این جاده افتتاح می‌شود.", "خبرگزاری نمونه", ()),
        # the page's own app and its link line
        (f"افتتاح الطريق الجديد\n\n{BODY}\n\nحمّل تطبيق المساء على أندرويد وآيفون", "المساء", ()),
        (f"افتتاح الطريق الجديد\n\n{BODY}\nرابط الخبر بصحيفة المساء: http://example.com/1", "صحيفة المساء", ()),
        # wires credited apart from the publisher
        (f"صحيفة المساء\nافتتاح الطريق الجديد\n\nالرياض (واس) - {LEAD}\n{MORE}", "صحيفة المساء", ("واس",)),
        (f"صحيفة المساء\nافتتاح الطريق الجديد\nالقاهرة - د ب أ\n\n{BODY}", "صحيفة المساء", ("د ب أ",)),
        (f"افتتاح الطريق الجديد | المساء\n\n{BODY}\n\nالمصدر: رويترز", "المساء", ("رويترز",)),
        (f"افتتاح جاده جدید - روزنامه نمونه\n\nبه گزارش ایرنا، {FA_BODY}", "روزنامه نمونه", ("ایرنا",)),
        # an agency's own copy: the only name the page gives (and a weak one)
        (f"افتتاح الطريق الجديد\n\nالرياض 7 أغسطس 2015 م واس\n{BODY}", "واس", ()),
        # a translated piece: `المصدر:` names the foreign paper, not the publisher
        (
            f"صحيفة المساء\nافتتاح الطريق الجديد\n\n{BODY}\n\nالمصدر: نيويورك تايمز الأمريكية",
            "صحيفة المساء",
            ("نيويورك تايمز الأمريكية",),
        ),
        (f"افتتاح الطريق الجديد\nترجمة: سعد المساعد\n\n{BODY}\n\nالمصدر: الغارديان", None, ("الغارديان",)),
    ],
)
def test_outlet_and_via(page, outlet, via):
    record = parse_seed(page)
    assert (record.outlet, record.via) == (outlet, via)


def test_an_agency_named_alone_is_the_outlet_with_low_confidence():
    record = parse_seed(f"افتتاح جاده جدید\n\nبه گزارش ایسنا، {FA_BODY}")
    assert (record.outlet, record.via, record.low_confidence) == ("ایسنا", (), ("outlet",))


# --- where the text ends --------------------------------------------------------------------
@pytest.mark.parametrize(
    "after",
    [
        # other headlines, some ending with ? or !, some in parts with |
        "هل ينجح الطريق الجديد؟\nعنوان خبر آخر عن الطقس\nعنوان خبر ثالث عن الرياضة",
        "عنوان خبر آخر عن الطقس!\nعنوان خبر ثالث عن الرياضة\nعنوان خبر رابع عن الاقتصاد",
        "عنوان خبری دیگر درباره هوا | جزئیات تازه از وضعیت بارش در شهرهای بزرگ و کوچک کشور در هفته آینده\n"
        "عنوان خبری دیگر درباره ورزش | نتایج بازی‌های دیروز",
        # a label in Persian typed with Arabic yeh
        "بيشتر بخوانيد:\nعنوان خبری دیگر درباره هوا\nعنوان خبری دیگر درباره ورزش",
        # link lines
        "رابط الخبر بصحيفة المساء: http://example.com/news/1",
        "انتهای پیام/غ20",
    ],
)
def test_more_appended_shapes(after):
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n\n{after}")
    assert record.paragraphs == (LEAD, MORE)


def test_the_texts_own_last_short_sentences_stay():
    page = f"افتتاح الطريق الجديد\n\n{LEAD}\nوالعمل مستمر.\nوالافتتاح قريب.\n"
    assert parse_seed(page).paragraphs[-2:] == ("والعمل مستمر.", "والافتتاح قريب.")


def test_a_question_ending_the_text_stays_when_no_headlines_follow():
    page = f"افتتاح الطريق الجديد\n\n{LEAD}\nفهل يخفف الطريق الزحام حقاً؟\n"
    assert parse_seed(page).paragraphs[-1] == "فهل يخفف الطريق الزحام حقاً؟"


def test_the_writers_name_at_the_end_is_set_apart_as_a_signature():
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n\nسعد المساعد\n")
    assert record.paragraphs == (LEAD, MORE)
    assert [(r.kind, r.text) for r in record.removed] == [("signature", "سعد المساعد")]


# --- coverage of the issue's list, shapes not tested above ---------------------------------------
def test_breadcrumbs_above_the_headline():
    record = parse_seed(f"الرئيسية > أخبار > محليات\nافتتاح الطريق الجديد\n\n{BODY}")
    assert (record.title, record.paragraphs) == ("افتتاح الطريق الجديد", (LEAD, MORE))
    assert record.removed[0] == Removed("navigation", "الرئيسية > أخبار > محليات", 1)


@pytest.mark.parametrize(
    "label",
    ["اقرأ أيضاً:", "اقرأ المزيد", "مواضيع ذات صلة", "أخبار ذات صلة", "الأكثر قراءة", "بیشتر بخوانید", "مطالب مرتبط",
     "اخبار مرتبط"],
)  # fmt: skip
def test_every_read_also_label_of_the_issue(label):
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n\n{label}\nعنوان خبر آخر عن الطقس\nعنوان ثالث عن الرياضة")
    assert record.paragraphs == (LEAD, MORE)
    assert record.appended[-1].lines == ("عنوان خبر آخر عن الطقس", "عنوان ثالث عن الرياضة")


@pytest.mark.parametrize(
    "footer",
    ["اپلیکیشن روزنامه نمونه را دانلود کنید", "عضویت در خبرنامه", "نظر شما", "ما را در تلگرام دنبال کنید"],
)
def test_persian_app_newsletter_and_comment_footers(footer):
    record = parse_seed(f"افتتاح جاده جدید\n\n{FA_BODY}\n\n{footer}")
    assert record.paragraphs == tuple(FA_BODY.split("\n"))
    assert footer in [r.text for r in record.removed]


def test_persian_in_windows_1256_with_arabic_yeh_and_kaf():
    """Older Iranian archives: Persian typed with Arabic ي and ك, saved as Windows-1256 (which has
    پ چ ژ گ but no Persian yeh or kaf)."""
    page = "افتتاح جاده جديد در شهر\n\nبه گزارش خبرنگار ما، وزير راه گفت كه اين جاده تا پايان سال افتتاح مي شود.\n"
    data = page.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = decode(data)
    record = parse_seed(clean_text(decoded.text))
    assert (decoded.text, record.lang, record.title) == (page, "fa", "افتتاح جاده جديد در شهر")


def test_a_two_line_headline_then_a_byline_opening_the_lead():
    page = f"وفاة شخصين في حادث مروري على\nطريق المدينتين الجديد\n\nسعد المساعد- المساء: {LEAD}\n{MORE}"
    record = parse_seed(page)
    assert record.title == "وفاة شخصين في حادث مروري على طريق المدينتين الجديد"
    assert record.paragraphs[0] == f"سعد المساعد- المساء: {LEAD}"
    # two parts: writer and outlet cannot be told apart without the page naming the outlet again
    assert record.outlet is None


# --- body end: the tuned outlets' last misses (issue 11) ---------------------------------------
@pytest.mark.parametrize(
    "box",
    [
        "للتواصل أرسل sms إلى 88000\nالاتصالات ,600000 موبايلي, 700000\nزين تبدأ بالرمز 100 مسافة ثم الرسالة",
        "تويتر\n@saad_example",
        "T: saad1\nsaad_example@example.com",
    ],
)
def test_a_writers_contact_box_is_not_taken_for_other_headlines(box):
    """A columnist's contact box after the text stays with the article (its last lines are shown
    apart as the writer's signature), and headlines listed after it are still appended."""
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n\n{box}\nعنوان خبر آخر عن الطقس\nعنوان ثالث عن الرياضة")
    kept = [*record.paragraphs, *(r.text for r in record.removed if r.kind == "signature")]
    assert " ".join(kept).endswith(box.split("\n")[-1])
    assert record.appended[-1].lines == ("عنوان خبر آخر عن الطقس", "عنوان ثالث عن الرياضة")


def test_a_long_teaser_cut_short_in_a_list_of_headlines_is_appended():
    teaser = "واکنش تند یک فعال سیاسی به ادعای عجیب برخی درباره درمان بیماری با داروهای گیاهی ناشناخته و ..."
    page = f"افتتاح جاده جدید\n\n{FA_BODY}\n\nعنوان خبری دیگر درباره هوا\n{teaser}"
    record = parse_seed(page)
    assert record.paragraphs == tuple(FA_BODY.split("\n"))
    assert record.appended[0].lines == ("عنوان خبری دیگر درباره هوا", teaser)


def test_the_texts_own_lines_cut_short_stay():
    """Long lines ending with an ellipsis after the text are its own (a summary cut short), not a
    list: only one that follows a short headline line is."""
    cut = "وقال المتحدث إن الطريق سيخفف الزحام في ساعات الذروة وسيختصر الرحلة بين المدينتين إلى النصف ..."
    last = "وأضاف أن العمل في الطريق الثاني سيبدأ في الربيع المقبل إذا سمحت الميزانية بذلك وفق الخطة ..."
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{LEAD}\n{cut}\n{last}")
    assert record.paragraphs == (LEAD, cut, last)


# --- fourth round: the re-designated outlets' misses (issue 11) ------------------------------
def test_a_contact_box_asking_for_an_sms_goes_on_to_its_numbers():
    """`للتواصل مع الكاتب ارسل رسالة SMS` gives no address: the lines after it (the code, the
    numbers of each network) are the box, even where the archive repeats them in every column."""
    box = "للتواصل مع الكاتب ارسل رسالة SMS\nتبدأ بالرمز (12) ثم مسافة ثم نص الرسالة إلى\n88000 - Stc\n600000 - Mobily"
    page = f"افتتاح الطريق الجديد\n\n{BODY}\n\n{box}\nعنوان خبر آخر عن الطقس\nعنوان ثالث عن الرياضة"
    record = parse_seed(page)
    kept = [*record.paragraphs, *(r.text for r in record.removed if r.kind == "signature")]
    assert " ".join(kept).endswith("600000 - Mobily")
    assert record.appended[-1].lines == ("عنوان خبر آخر عن الطقس", "عنوان ثالث عن الرياضة")
    # without the instruction, a number line after the text is no contact box
    plain = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n\n88000 - Stc\nعنوان خبر آخر عن الطقس\nعنوان ثالث عن الرياضة")
    assert plain.paragraphs == (LEAD, MORE)


def test_a_hashtag_line_the_text_goes_on_after_is_the_texts():
    tag = "#الطريق_الجديد"
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{LEAD}\n\n{tag}\n\n{MORE}\n\n#طرق #نقل")
    assert record.paragraphs == (LEAD, tag, MORE)
    assert record.appended[-1].lines == ("#طرق #نقل",)


def test_read_also_links_inside_the_text_do_not_end_it():
    """BBC Arabic sets `اقرأ أيضا: <headline>` lines inside the text; the text resumes after them.
    A label alone, or a link followed by more headlines, still starts appended material."""
    inline = "اقرأ أيضا: الوزارة تعلن موعد افتتاح الطريق الثاني"
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{LEAD}\n{inline}\n{MORE}")
    assert record.paragraphs == (LEAD, MORE)
    assert record.appended[0].lines == ("الوزارة تعلن موعد افتتاح الطريق الثاني",)
    listed = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n\n{inline}\nعنوان خبر آخر عن الطقس\n{LEAD}")
    assert listed.paragraphs == (LEAD, MORE)


@pytest.mark.parametrize(
    ("intro", "items"),
    [
        ("وجاءت نتائج مباريات اليوم على النحو التالي:", ["الفريق الأول 2 الفريق الثاني 1", "الفريق الثالث 0 الرابع 3"]),
        ("برنامه دیدارهای روز پایانی به شرح زیر است:", ["ایران - هند", "ژاپن - اردن"]),
        ("ترتیب چهار تیم اول جدول", ["1- تیم نخست", "2- تیم دوم", "3- تیم سوم"]),
    ],
)  # fmt: skip
def test_a_list_the_text_introduces_or_numbers_stays(intro, items):
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n{intro}\n" + "\n".join(items))
    assert record.paragraphs[-1].endswith(items[-1]) and items[0] in record.body_text
    # after the list, other stories' headlines are still appended
    more = "\n".join(items) + "\nالأكثر مشاهدة اليوم\nعنوان خبر آخر عن الطقس\nعنوان ثالث عن الرياضة"
    record = parse_seed(f"افتتاح الطريق الجديد\n\n{BODY}\n{intro}\n{more}")
    assert record.appended[-1].lines[-2:] == ("عنوان خبر آخر عن الطقس", "عنوان ثالث عن الرياضة")


def test_a_short_line_under_the_masthead_is_the_headline_not_a_second_masthead():
    page = f"صحيفة المساء\nدور الطريق\nالسبت 8 أغسطس 2015\nسعد بن عبد الله المساعد\n\n{BODY}"
    record = parse_seed(page)
    assert (record.title, record.title_derived) == ("دور الطريق", False)


def test_a_dateline_right_under_the_headline_sets_it_apart():
    dateline = "إسلام آباد 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس"  # a place of two words
    page = f"الرئيسية عام اقتصادي رياضي\nاهتمامات الصحف اليوم\n{dateline}\n{BODY}"
    record = parse_seed(page)
    assert (record.title, record.title_derived) == ("اهتمامات الصحف اليوم", False)
    assert record.date.date == dt.date(2015, 8, 11)


def test_a_quoted_outlet_in_the_attribution():
    lead = 'به گزارش"ورزش نمونه"، وزیر راه گفت که این جاده تا پایان سال افتتاح می‌شود.'
    assert parse_seed(f"افتتاح جاده جدید\n\n{lead}\nوی افزود: کار ادامه دارد.").outlet == "ورزش نمونه"


# --- fifth round: chains of claims, signed texts, bylines with a date, press reviews ---------
FA_LONG_LEAD = (
    "وزیر راه و شهرسازی روز چهارشنبه در نشست خبری گفت که ساخت جاده تازه میان دو شهر تا پایان سال "
    "به پایان می‌رسد و کار در سه استان با همه توان ادامه دارد و هزینه آن از بودجه عمرانی پرداخت می‌شود. "
    "وی افزود که مردم تا آن زمان باید از مسیر قدیم استفاده کنند و عوارض جاده افزایش نمی‌یابد."
)
CHAIN = (
    "وزیر راه: جاده تازه تا پایان سال افتتاح می‌شود / کار در سه استان با همه توان ادامه دارد / "
    "هزینه طرح از بودجه عمرانی است / مردم تا آن زمان از مسیر قدیم بروند / عوارض افزایش نمی‌یابد"
)
FA_TEXT = f"{FA_LONG_LEAD}\nکارشناسان این طرح را برای کاهش ترافیک مهم می‌دانند."


def test_a_headline_made_of_a_chain_of_claims_is_a_headline():
    """Short claims joined by `/` (30 words and more) are one headline, with or without a site
    suffix; a line that long with a full stop inside is not."""
    assert len(CHAIN.split()) > 25
    record = parse_seed(f"{CHAIN}\n\n{FA_TEXT}")
    assert (record.title, record.title_derived) == (CHAIN, False)
    suffixed = parse_seed(f"{CHAIN} | روزنامه نمونه\n\n{FA_TEXT}")
    assert (suffixed.title, suffixed.title_derived) == (CHAIN, False)
    sentence = CHAIN.replace(" / هزینه", ". هزینه")  # a sentence ends inside: text, not a chain
    assert parse_seed(f"{sentence}\n\n{FA_TEXT}").title_derived


def test_listed_headlines_after_the_text_may_be_chains_or_long():
    """Other stories' headlines listed after the text: a chain of claims, a headline of 17–25
    words with no end mark, a `!` chain among questions, all set apart from the text."""
    long_one = "پاسخ وزیر به چند پرسش درباره جاده تازه و عوارض آن و زمان افتتاح آن در سه استان کشور و مسیرهای جایگزین"
    assert 16 < len(long_one.split()) <= 25
    listed = [
        "نقش بانک‌ها در هزینه طرح چیست؟ کدام بانک‌ها وام داده‌اند؟",
        "مجلس این طرح را تصویب نکرد/ به این طرح رای ندادم/ جای بحث است نه جای دعوا!",
        "رویارویی دو وزارتخانه بر سر جاده؛ ماجرا چیست؟",
        "درخواست تازه برای بررسی هزینه طرح",
        long_one,
        CHAIN,
    ]
    record = parse_seed(f"افتتاح جاده تازه\n\n{FA_TEXT}\n\n" + "\n".join(listed))
    assert record.paragraphs[-1].endswith("مهم می‌دانند.")
    assert not any(line.split("/")[0].strip() in record.body_text for line in listed)


def test_a_text_signed_with_its_source_ends_the_text():
    """`… گفت. نواندیش`: the last paragraph ends with the name of the paper it was taken from;
    it is the text's, and the headlines listed after it are not."""
    signed = "کارشناسان این طرح را برای کاهش ترافیک مهم می‌دانند و از آن حمایت کردند. روزنامه نمونه"
    listed = "اعلام زمان تازه برای افتتاح جاده\nبهارستان علیه پاستور!\nهشدار تازه درباره عوارض جاده"
    record = parse_seed(f"افتتاح جاده تازه\n\n{FA_LONG_LEAD}\n\n{signed}\n\n{listed}")
    assert record.paragraphs[-1] == signed
    assert "عوارض جاده" not in record.paragraphs[-1] and record.appended


def test_a_one_word_masthead_above_a_short_headline_named_again_below():
    """`روزنو` over a three-word headline is the outlet's name when the text names it again
    (`به گزارش روزنو،`); else the short headline under it would lose to it."""
    lead = "به گزارش تازه‌نو، " + FA_LONG_LEAD
    record = parse_seed(f"تازه‌نو\nبهارستان علیه پاستور!\nچهارشنبه ۷ اسفند ۱۳۹۸\n\n{lead}\nوی افزود: کار ادامه دارد.")
    assert (record.title, record.title_derived) == ("بهارستان علیه پاستور!", False)
    assert record.outlet == "تازه‌نو"
    assert record.date is not None and record.date.date == dt.date(2020, 2, 26)


@pytest.mark.parametrize(
    "byline",
    [
        "لندن - الملاعب | Tuesday, 11 August 2015 - 15:52 pm",
        "جدة – محمد الكاتب | Tuesday, 11 August 2015 - 13:08 pm",
        "بقلم: علي الكاتب | Mon, 2015-08-10 22:22",
    ],
)
def test_a_byline_with_the_date_after_a_bar_is_no_part_of_the_headline(byline):
    record = parse_seed(f"صحيفة الملاعب\nالمنتخب يبدأ معسكره في لندن\n{byline}\n{BODY}")
    assert (record.title, record.title_derived) == ("المنتخب يبدأ معسكره في لندن", False)
    assert record.outlet is not None and record.outlet.endswith("الملاعب")


def test_a_two_line_headline_is_not_joined_with_a_byline_and_date():
    byline = "الرياض - اللجنة الإعلامية | Tuesday, 11 August 2015 - 13:00 pm"
    page = f"الاتحاد السعودي للبلياردو والسنوكر\nينظم دورة الحكام بالرياض\n{byline}\n{BODY}"
    record = parse_seed(page)
    assert record.title == "الاتحاد السعودي للبلياردو والسنوكر ينظم دورة الحكام بالرياض"


def test_a_press_review_names_the_paper_it_quotes_not_the_publisher():
    """`روزنامه اعتماد نوشت: …` opens a press review: that paper is quoted (via), the page's
    `منبع:` names the publisher; `به گزارش عصر نمونه به نقل از ،` (the source lost) names it too."""
    lead = "روزنامه سپیده نوشت: " + FA_LONG_LEAD
    record = parse_seed(
        f"روزنامه سپیده: جاده تازه دیر افتتاح می‌شود\n\n{lead}\nوی افزود: کار ادامه دارد.\n\nمنبع: عصر نمونه"
    )
    assert record.outlet == "عصر نمونه"
    assert "روزنامه سپیده" in record.via
    quoted = (
        f"افتتاح جاده تازه\n\n{FA_LONG_LEAD} به گزارش عصر نمونه به نقل از ، کار ادامه دارد.\nوی افزود: کار ادامه دارد."
    )
    assert parse_seed(quoted).outlet == "عصر نمونه"
