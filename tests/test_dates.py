"""Tests for plugins/news_archive/dates.py: parsing, formatting and the Solar Hijri calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from news_archive.dates import (
    GREGORIAN,
    ISLAMIC,
    SOLAR_HIJRI,
    ParsedDate,
    ParsedTime,
    aware,
    date_problem,
    format_date,
    format_islamic,
    format_solar_hijri,
    iso,
    parse_date,
    parse_time,
)

D = dt.date
T = dt.time
G, SH, IS = GREGORIAN, SOLAR_HIJRI, ISLAMIC

# (input, expected date, expected calendar, expected recognised text)
PARSES: list[tuple[str, dt.date, str, str]] = [
    # --- English: day first, ordinals, abbreviations, any case
    ("25th, September 2023 GMT", D(2023, 9, 25), G, "25th, September 2023"),
    ("25 Sep 2023", D(2023, 9, 25), G, "25 Sep 2023"),
    ("1st January 2020", D(2020, 1, 1), G, "1st January 2020"),
    ("2nd Feb 2021", D(2021, 2, 2), G, "2nd Feb 2021"),
    ("3rd of March, 2022", D(2022, 3, 3), G, "3rd of March, 2022"),
    ("25 SEPT 2023", D(2023, 9, 25), G, "25 SEPT 2023"),
    ("7 dec. 1999", D(1999, 12, 7), G, "7 dec. 1999"),
    ("25-Sep-2023", D(2023, 9, 25), G, "25-Sep-2023"),
    # --- English: month first
    ("September 25, 2023", D(2023, 9, 25), G, "September 25, 2023"),
    ("Sept. 1st, 2023", D(2023, 9, 1), G, "Sept. 1st, 2023"),
    ("posted on august 9 2019 by staff", D(2019, 8, 9), G, "august 9 2019"),
    ("Jun 30, 2000", D(2000, 6, 30), G, "Jun 30, 2000"),
    # --- RFC 822 / e-mail / RSS
    ("Mon, 25 Sep 2023 10:15:00 GMT", D(2023, 9, 25), G, "25 Sep 2023"),
    ("25 Sep 2023 10:15:00 +0300", D(2023, 9, 25), G, "25 Sep 2023"),
    ("Thu, 01 Feb 2024 23:59:59 -0500", D(2024, 2, 1), G, "01 Feb 2024"),
    # --- ISO 8601 (no time zone conversion)
    ("2023-09-25", D(2023, 9, 25), G, "2023-09-25"),
    ("2023-09-25T10:15:00+03:00", D(2023, 9, 25), G, "2023-09-25"),
    ("2023-09-25T23:30:00-08:00", D(2023, 9, 25), G, "2023-09-25"),
    ("2023-09-25 10:15", D(2023, 9, 25), G, "2023-09-25"),
    ("2024-02-29", D(2024, 2, 29), G, "2024-02-29"),
    ("٢٠٢٣-٠٩-٢٥", D(2023, 9, 25), G, "٢٠٢٣-٠٩-٢٥"),
    # --- numeric, day first
    ("25/09/2023", D(2023, 9, 25), G, "25/09/2023"),
    ("25-09-2023", D(2023, 9, 25), G, "25-09-2023"),
    ("25.09.2023", D(2023, 9, 25), G, "25.09.2023"),
    ("1/2/2023", D(2023, 2, 1), G, "1/2/2023"),
    ("٢٥/٠٩/٢٠٢٣", D(2023, 9, 25), G, "٢٥/٠٩/٢٠٢٣"),
    ("۲۵/۰۹/۲۰۲۳", D(2023, 9, 25), G, "۲۵/۰۹/۲۰۲۳"),
    ("2٥/0۹/٢023", D(2023, 9, 25), G, "2٥/0۹/٢023"),  # mixed digit scripts
    # --- Arabic, Egyptian/Gulf month names
    ("٠٩ نوفمبر ٢٠٢١", D(2021, 11, 9), G, "٠٩ نوفمبر ٢٠٢١"),
    ("9 نوفمبر 2021", D(2021, 11, 9), G, "9 نوفمبر 2021"),
    ("الثلاثاء 9 نوفمبر 2021", D(2021, 11, 9), G, "9 نوفمبر 2021"),
    ("الثلاثاء، ٩ نوفمبر ٢٠٢١ - ١٠:٣٠ ص", D(2021, 11, 9), G, "٩ نوفمبر ٢٠٢١"),
    ("1 يناير 2020", D(2020, 1, 1), G, "1 يناير 2020"),
    ("29 فبراير 2020", D(2020, 2, 29), G, "29 فبراير 2020"),
    ("5 أبريل 2019", D(2019, 4, 5), G, "5 أبريل 2019"),
    ("5 ابريل 2019", D(2019, 4, 5), G, "5 ابريل 2019"),
    ("5 إبريل 2019", D(2019, 4, 5), G, "5 إبريل 2019"),
    ("10 مايو 2018", D(2018, 5, 10), G, "10 مايو 2018"),
    ("10 يونيه 2018", D(2018, 6, 10), G, "10 يونيه 2018"),
    ("10 يوليه 2018", D(2018, 7, 10), G, "10 يوليه 2018"),
    ("14 اغسطس 2013", D(2013, 8, 14), G, "14 اغسطس 2013"),
    ("6 أكتوبر 1973", D(1973, 10, 6), G, "6 أكتوبر 1973"),
    ("31 ديسمبر 1999 23:59", D(1999, 12, 31), G, "31 ديسمبر 1999"),
    ("25 سبتمـــبر 2023", D(2023, 9, 25), G, "25 سبتمـــبر 2023"),  # tatweel
    ("25\u00a0سبتمبر\u00a02023", D(2023, 9, 25), G, "25\u00a0سبتمبر\u00a02023"),  # NBSP
    ("\u200f25 سبتمبر 2023\u200f", D(2023, 9, 25), G, "25 سبتمبر 2023"),  # RLM
    # --- Arabic, Levantine/Iraqi month names
    ("15 كانون الثاني 2021", D(2021, 1, 15), G, "15 كانون الثاني 2021"),
    ("15 شباط 2021", D(2021, 2, 15), G, "15 شباط 2021"),
    ("15 آذار 2021", D(2021, 3, 15), G, "15 آذار 2021"),
    ("15 اذار 2021", D(2021, 3, 15), G, "15 اذار 2021"),
    ("15 نيسان 2021", D(2021, 4, 15), G, "15 نيسان 2021"),
    ("15 أيار 2021", D(2021, 5, 15), G, "15 أيار 2021"),
    ("15 حزيران 2021", D(2021, 6, 15), G, "15 حزيران 2021"),
    ("15 تموز 2021", D(2021, 7, 15), G, "15 تموز 2021"),
    ("4 آب 2020", D(2020, 8, 4), G, "4 آب 2020"),
    ("4 اب 2020", D(2020, 8, 4), G, "4 اب 2020"),
    ("١١ أيلول ٢٠٠١", D(2001, 9, 11), G, "١١ أيلول ٢٠٠١"),
    ("17 تشرين الأول 2019", D(2019, 10, 17), G, "17 تشرين الأول 2019"),
    ("17 تشرين الاول 2019", D(2019, 10, 17), G, "17 تشرين الاول 2019"),
    ("9 تشرين الثاني 2020", D(2020, 11, 9), G, "9 تشرين الثاني 2020"),
    ("25 كانون الأول 2020", D(2020, 12, 25), G, "25 كانون الأول 2020"),
    ("السبت ٢٥ كانون الاول ٢٠٢٠", D(2020, 12, 25), G, "٢٥ كانون الاول ٢٠٢٠"),
    # --- combined Egyptian/Levantine form
    ("9 نوفمبر/تشرين الثاني 2020", D(2020, 11, 9), G, "9 نوفمبر/تشرين الثاني 2020"),
    ("٩ نوفمبر / تشرين الثاني ٢٠٢٠", D(2020, 11, 9), G, "٩ نوفمبر / تشرين الثاني ٢٠٢٠"),
    ("1 يناير (كانون الثاني) 2021", D(2021, 1, 1), G, "1 يناير (كانون الثاني) 2021"),
    ("3 مارس/آذار 2022", D(2022, 3, 3), G, "3 مارس/آذار 2022"),
    # --- Persian names of Gregorian months (Persian and Arabic yeh/kaf)
    ("۱ ژانویه ۲۰۲۴", D(2024, 1, 1), G, "۱ ژانویه ۲۰۲۴"),
    ("۱ ژانویهٔ ۲۰۲۴", D(2024, 1, 1), G, "۱ ژانویهٔ ۲۰۲۴"),  # Babel's spelling
    ("۱۴ فوریه ۲۰۱۸", D(2018, 2, 14), G, "۱۴ فوریه ۲۰۱۸"),
    ("۸ مارس ۲۰۲۳", D(2023, 3, 8), G, "۸ مارس ۲۰۲۳"),
    ("۱ آوریل ۲۰۲۲", D(2022, 4, 1), G, "۱ آوریل ۲۰۲۲"),
    ("۱ مه ۲۰۲۲", D(2022, 5, 1), G, "۱ مه ۲۰۲۲"),
    ("۱ می ۲۰۲۲", D(2022, 5, 1), G, "۱ می ۲۰۲۲"),
    ("۱ مي ۲۰۲۲", D(2022, 5, 1), G, "۱ مي ۲۰۲۲"),
    ("۲۱ ژوئن ۲۰۲۲", D(2022, 6, 21), G, "۲۱ ژوئن ۲۰۲۲"),
    ("۴ ژوئیه ۲۰۲۲", D(2022, 7, 4), G, "۴ ژوئیه ۲۰۲۲"),
    ("۱۵ اوت ۲۰۲۱", D(2021, 8, 15), G, "۱۵ اوت ۲۰۲۱"),
    ("۱۵ آگوست ۲۰۲۱", D(2021, 8, 15), G, "۱۵ آگوست ۲۰۲۱"),
    ("۲۵ سپتامبر ۲۰۲۳", D(2023, 9, 25), G, "۲۵ سپتامبر ۲۰۲۳"),
    ("۷ اکتبر ۲۰۲۳", D(2023, 10, 7), G, "۷ اکتبر ۲۰۲۳"),
    ("۷ اكتبر ۲۰۲۳", D(2023, 10, 7), G, "۷ اكتبر ۲۰۲۳"),
    ("۳ نوامبر ۲۰۲۰", D(2020, 11, 3), G, "۳ نوامبر ۲۰۲۰"),
    ("سه‌شنبه ۳۱ دسامبر ۲۰۱۹", D(2019, 12, 31), G, "۳۱ دسامبر ۲۰۱۹"),
    # --- Solar Hijri month names
    ("۳ مهر ۱۴۰۲", D(2023, 9, 25), SH, "۳ مهر ۱۴۰۲"),
    ("3 مهر 1402", D(2023, 9, 25), SH, "3 مهر 1402"),
    ("۳ مهرماه ۱۴۰۲", D(2023, 9, 25), SH, "۳ مهرماه ۱۴۰۲"),
    ("دوشنبه ۳ مهر ماه ۱۴۰۲ ساعت ۱۰:۱۵", D(2023, 9, 25), SH, "۳ مهر ماه ۱۴۰۲"),
    ("۱ فروردین ۱۴۰۳", D(2024, 3, 20), SH, "۱ فروردین ۱۴۰۳"),
    ("۱ فروردين ۱۴۰۳", D(2024, 3, 20), SH, "۱ فروردين ۱۴۰۳"),  # Arabic yeh
    ("۵ اردیبهشت ۱۴۰۲", D(2023, 4, 25), SH, "۵ اردیبهشت ۱۴۰۲"),
    ("۵ اردی\u200cبهشت ۱۴۰۲", D(2023, 4, 25), SH, "۵ اردی\u200cبهشت ۱۴۰۲"),  # ZWNJ
    ("۱۴ خرداد ۱۳۶۸", D(1989, 6, 4), SH, "۱۴ خرداد ۱۳۶۸"),
    ("۱ تیر ۱۴۰۰", D(2021, 6, 22), SH, "۱ تیر ۱۴۰۰"),
    ("۲۸ مرداد ۱۳۳۲", D(1953, 8, 19), SH, "۲۸ مرداد ۱۳۳۲"),
    ("۳۱ شهریور ۱۴۰۱", D(2022, 9, 22), SH, "۳۱ شهریور ۱۴۰۱"),
    ("۱۳ آبان ۱۳۵۸", D(1979, 11, 4), SH, "۱۳ آبان ۱۳۵۸"),
    ("۱۵ آذر ۱۴۰۰", D(2021, 12, 6), SH, "۱۵ آذر ۱۴۰۰"),
    ("۱۵ اذر ۱۴۰۰", D(2021, 12, 6), SH, "۱۵ اذر ۱۴۰۰"),
    ("۱ دی ۱۴۰۲", D(2023, 12, 22), SH, "۱ دی ۱۴۰۲"),
    ("۲۲ بهمن ۱۳۵۷", D(1979, 2, 11), SH, "۲۲ بهمن ۱۳۵۷"),
    ("۳۰ اسفند ۱۴۰۳", D(2025, 3, 20), SH, "۳۰ اسفند ۱۴۰۳"),  # leap year
    # --- numeric Solar Hijri (year 1300-1500)
    ("1402/07/03", D(2023, 9, 25), SH, "1402/07/03"),
    ("۱۴۰۲/۰۷/۰۳", D(2023, 9, 25), SH, "۱۴۰۲/۰۷/۰۳"),
    ("1402-7-3", D(2023, 9, 25), SH, "1402-7-3"),
    ("03/07/1402", D(2023, 9, 25), SH, "03/07/1402"),
    # --- the first date wins
    ("from 1 May 2020 to 2 June 2021", D(2020, 5, 1), G, "1 May 2020"),
    ("31/02/2023 then 01/03/2023", D(2023, 3, 1), G, "01/03/2023"),
]

NOT_DATES: list[str] = [
    "",
    "no date here",
    "لا يوجد تاريخ",
    "سبتمبر 2023",  # month and year, no day
    "September 2023",
    "مهر ۱۴۰۲",
    "31 فبراير 2023",  # impossible day
    "29 February 2023",  # not a leap year
    "31 April 2020",
    "۳۰ اسفند ۱۴۰۲",  # not a leap year
    "۳۱ مهر ۱۴۰۲",  # Mehr has 30 days
    "2023",  # a lone year
    "۱۴۰۲",
    "12/34/5678",  # phone-number-like
    "09/25/2023",  # month first: not guessed
    "2023-13-01",
    "2023-02-30",
    "00/01/2020",
    "25 Sep 23",  # two-digit year
    "25/09/23",
    "25 Sep 1850",  # Gregorian year out of range
    "25 Sep 1402",  # Gregorian month with a Solar Hijri year
    "۳ مهر ۲۰۲۳",  # Solar Hijri month with a Gregorian year
    "01/01/1600",  # year in neither range
    "9 نوفمبر/كانون الثاني 2020",  # the two month names disagree
    "tel. 0912 345 6789",
    "version 1.2.3456",
    "125 Sep 2023",  # no such day
    "ISBN 978-3-16-148410-0",
]


@pytest.mark.parametrize(("text", "date", "calendar", "recognised"), PARSES)
def test_parse_date(text: str, date: dt.date, calendar: str, recognised: str) -> None:
    assert parse_date(text) == ParsedDate(date, calendar, recognised)


@pytest.mark.parametrize("text", NOT_DATES)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


# Easy-to-confuse month names side by side.
CONFUSABLE_MONTHS: list[tuple[str, dt.date, str]] = [
    ("1 كانون الثاني 2023", D(2023, 1, 1), G),
    ("1 كانون الأول 2023", D(2023, 12, 1), G),
    ("1 تشرين الأول 2023", D(2023, 10, 1), G),
    ("1 تشرين الثاني 2023", D(2023, 11, 1), G),
    ("1 آذار 2023", D(2023, 3, 1), G),
    ("1 آذر 1402", D(2023, 11, 22), SH),
    ("1 آب 2023", D(2023, 8, 1), G),
    ("1 آبان 1402", D(2023, 10, 23), SH),
    ("1 مه 2023", D(2023, 5, 1), G),
    ("1 مهر 1402", D(2023, 9, 23), SH),
    ("1 مارس 2023", D(2023, 3, 1), G),
]


@pytest.mark.parametrize(("text", "date", "calendar"), CONFUSABLE_MONTHS)
def test_confusable_month_names(text: str, date: dt.date, calendar: str) -> None:
    assert parse_date(text) == ParsedDate(date, calendar, text)


FORMATS: list[tuple[dt.date, str, str]] = [
    (D(2023, 9, 25), "en", "September 25, 2023"),
    (D(2024, 1, 1), "en", "January 1, 2024"),
    (D(2023, 9, 25), "ar", "٢٥ سبتمبر ٢٠٢٣"),
    (D(2021, 11, 9), "ar", "٩ نوفمبر ٢٠٢١"),
    (D(2020, 4, 10), "ar", "١٠ أبريل ٢٠٢٠"),
    (D(2023, 9, 25), "fa", "۲۵ سپتامبر ۲۰۲۳"),
    (D(2024, 1, 1), "fa", "۱ ژانویهٔ ۲۰۲۴"),
    (D(2022, 8, 15), "fa", "۱۵ اوت ۲۰۲۲"),
]


@pytest.mark.parametrize(("date", "lang", "expected"), FORMATS)
def test_format_date(date: dt.date, lang: str, expected: str) -> None:
    assert format_date(date, lang) == expected


@pytest.mark.parametrize(
    ("lang", "forbidden"),
    [
        ("ar", "0123456789۰۱۲۳۴۵۶۷۸۹"),
        ("fa", "0123456789٠١٢٣٤٥٦٧٨٩"),
        ("en", "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"),
    ],
)
def test_format_date_digit_script(lang: str, forbidden: str) -> None:
    text = format_date(D(2019, 12, 31), lang)
    assert not set(text) & set(forbidden)


def test_format_date_unknown_language() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        format_date(D(2023, 9, 25), "de")


SOLAR_HIJRI_FORMATS: list[tuple[dt.date, str]] = [
    (D(2023, 9, 25), "۳ مهر ۱۴۰۲"),
    (D(2024, 3, 19), "۲۹ اسفند ۱۴۰۲"),  # last day before Nowruz
    (D(2024, 3, 20), "۱ فروردین ۱۴۰۳"),  # Nowruz
    (D(2025, 3, 20), "۳۰ اسفند ۱۴۰۳"),  # leap year
    (D(2025, 3, 21), "۱ فروردین ۱۴۰۴"),
    (D(1979, 2, 11), "۲۲ بهمن ۱۳۵۷"),
    (D(2023, 4, 25), "۵ اردیبهشت ۱۴۰۲"),
]


@pytest.mark.parametrize(("date", "expected"), SOLAR_HIJRI_FORMATS)
def test_format_solar_hijri(date: dt.date, expected: str) -> None:
    assert format_solar_hijri(date) == expected


ROUND_TRIP_DATES = [D(1922, 1, 1) + dt.timedelta(days=n) for n in range(0, 64_000, 397)]
ROUND_TRIP_DATES += [D(2024, 3, 19), D(2024, 3, 20), D(2025, 3, 20), D(2100, 12, 31)]


@pytest.mark.parametrize("date", ROUND_TRIP_DATES, ids=str)
def test_solar_hijri_round_trip(date: dt.date) -> None:
    text = format_solar_hijri(date)
    assert parse_date(text) == ParsedDate(date, SH, text)


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
@pytest.mark.parametrize("date", ROUND_TRIP_DATES[::8], ids=str)
def test_format_date_round_trip(date: dt.date, lang: str) -> None:
    text = format_date(date, lang)
    assert parse_date(text) == ParsedDate(date, G, text)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_iso_round_trip(date: dt.date) -> None:
    text = iso(date)
    assert text is not None
    assert parse_date(text) == ParsedDate(date, G, text)


@given(st.text(max_size=60))
def test_parse_date_never_crashes(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or parsed.text in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2023, 9, 25), "2023-09-25"),
        (D(1905, 1, 2), "1905-01-02"),
        (dt.datetime(2023, 9, 25, 10, 15), "2023-09-25"),
        (None, None),
    ],
)
def test_iso(value: dt.date | None, expected: str | None) -> None:
    assert iso(value) == expected


# --- Islamic (Umm al-Qura) dates: read only when nothing else is given ----------------------
ISLAMIC_PARSES: list[tuple[str, dt.date, str, str]] = [
    ("الجمعة 21 شوال 1436 هـ", D(2015, 8, 6), IS, "21 شوال 1436"),
    ("٢٥ ذو القعدة ١٤٣٦", D(2015, 9, 9), IS, "٢٥ ذو القعدة ١٤٣٦"),
    ("5 ربيع الأول 1445", D(2023, 9, 20), IS, "5 ربيع الأول 1445"),
    ("۱۴ ذی\u200cالحجه ۱۴۴۴ ه.ق", D(2023, 7, 2), IS, "۱۴ ذی\u200cالحجه ۱۴۴۴"),  # Persian, lunar Hijri
    ("1436/10/21 هـ", D(2015, 8, 6), IS, "1436/10/21"),  # numeric with the era mark
    ("21/10/1436هـ", D(2015, 8, 6), IS, "21/10/1436"),
    # beside a Gregorian date the Gregorian one is the date (a printed Hijri date may be a day off)
    ("الجمعة 21 شوال 1436 هـ - 7 أغسطس 2015 م", D(2015, 8, 7), G, "7 أغسطس 2015"),
    ("نُشر بتاريخ ٢٣ شوال ١٤٣٦ هـ الموافق ٩ أغسطس ٢٠١٥ م", D(2015, 8, 9), G, "٩ أغسطس ٢٠١٥"),
    # without the era mark a numeric 14xx year stays Solar Hijri
    ("1436/10/21", D(2058, 1, 10), SH, "1436/10/21"),
]


@pytest.mark.parametrize(("text", "date", "calendar", "recognised"), ISLAMIC_PARSES)
def test_parse_islamic_date(text: str, date: dt.date, calendar: str, recognised: str) -> None:
    assert parse_date(text) == ParsedDate(date, calendar, recognised)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("30 محرم 1445", "month 1 of 1445 (islamic umalqura) has no day 30"),
        ("1 محرم 1342", "the year 1342 is outside 1343–1500, the islamic umalqura years read"),
        ("شوال 1436", None),  # no day: not a date, and not a bad one
    ],
)
def test_islamic_date_problems(text: str, problem: str | None) -> None:
    assert parse_date(text) is None
    assert date_problem(text) == problem


@pytest.mark.parametrize("date", [D(1924, 8, 1), D(2015, 8, 6), D(2023, 9, 25), D(2077, 11, 16)], ids=str)
def test_islamic_round_trip(date: dt.date) -> None:
    text = format_islamic(date)
    assert text is not None and text.endswith(" هـ")
    assert parse_date(text).date == date


def test_format_islamic_outside_the_tables() -> None:
    assert format_islamic(D(1900, 1, 1)) is None
    assert format_islamic(D(2015, 8, 6)) == "٢١ شوال ١٤٣٦ هـ"


# --- times and time zones -------------------------------------------------------------------
TIMES: list[tuple[str, dt.time | None, str | None]] = [
    ("نشر في: الجمعة 2 أغسطس 2024، الساعة 14:46", T(14, 46), None),
    ("16:14 ت م", T(16, 14), "Asia/Riyadh"),  # توقيت مكة: the Saudi agency's time line
    ("الساعة ١٤:٤٦ بتوقيت مكة المكرمة", T(14, 46), "Asia/Riyadh"),
    ("ساعت ۱۴:۴۶", T(14, 46), None),
    ("دوشنبه ۳ مهر ماه ۱۴۰۲ ساعت ۱۰:۱۵ به وقت تهران", T(10, 15), "Asia/Tehran"),
    ("Mon, 25 Sep 2023 10:15:00 GMT", T(10, 15), "UTC"),
    ("2023-09-25T10:15:00+03:00", T(10, 15), "+03:00"),
    ("2023-09-25T10:15:00Z", T(10, 15), "UTC"),
    ("Thu, 01 Feb 2024 23:59:59 -0500", T(23, 59, 59), "-05:00"),
    ("14:46 GMT+3", T(14, 46), "+03:00"),
    ("الساعة 02:30 م", T(14, 30), None),  # م after a time: مساءً
    ("الساعة 9:05 مساءً", T(21, 5), None),
    ("12:15 ص", T(0, 15), None),
    ("1:30 ظهراً", T(13, 30), None),
    ("11:45 ق.ظ", T(11, 45), None),
    ("10:15 صباحاً بتوقيت غرينتش", T(10, 15), "UTC"),
    ("2015/08/07 14:46", T(14, 46), None),
    ("تاريخ النشر: 25th, September 2023 GMT", None, "UTC"),  # a zone without a time
]


@pytest.mark.parametrize(("text", "time", "zone"), TIMES)
def test_parse_time(text: str, time: dt.time | None, zone: str | None) -> None:
    parsed = parse_time(text)
    assert parsed is not None and (parsed.time, parsed.timezone) == (time, zone)
    assert parsed.text and parsed.text in text


@pytest.mark.parametrize(
    "text",
    ["7 أغسطس 2015 م", "نشر بتاريخ 2015/08/07", "النتيجة 2:1", "25:70", "2015-08-07", "الساعة العاشرة صباحاً"],
)
def test_no_time(text: str) -> None:
    assert parse_time(text) is None


@given(st.text(max_size=60))
def test_parse_time_never_crashes(text: str) -> None:
    parsed = parse_time(text)
    assert parsed is None or isinstance(parsed, ParsedTime)


def test_aware_orders_reports_of_one_day_across_zones() -> None:
    riyadh = aware(D(2015, 8, 7), T(14, 0), "Asia/Riyadh")
    tehran = aware(D(2015, 8, 7), T(14, 0), "Asia/Tehran")  # +04:30 in summer 2015
    london = aware(D(2015, 8, 7), T(12, 30), "UTC")
    assert tehran < riyadh < london
    assert aware(D(2015, 8, 7), T(14, 0), "+03:00") == riyadh
    assert aware(D(2015, 8, 7), None, "UTC") is None and aware(D(2015, 8, 7), T(1, 0), "Mars/Base") is None
