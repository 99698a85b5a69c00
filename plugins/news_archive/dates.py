"""Find, convert and format dates in Arabic, Persian and English news text.

A pure module (no Pelican import) so it can be tested and reused on its own.

Parsing works in two steps:

1. ``_normalise`` maps every character of the input to at most one character:
   Arabic-Indic and Persian digits become ASCII, alef/yeh/kaf variants become one
   spelling, tatweel, vowel marks, ZWNJ and direction marks are dropped, and
   no-break spaces become plain spaces.  It also remembers where each kept character
   came from, so the recognised text can be reported exactly as it was written.
2. A few regular expressions, built from the month-name tables below, are searched in
   the normalised text; the earliest match that is a real date wins.

Nothing is guessed: a month and year without a day, a day/month order that does not
make a real date, a year outside the calendar's range or an impossible day (31 Feb)
is simply not a date.

Islamic (Hijri) dates are read in the Umm al-Qura calendar (``hijridate``) when a
line gives nothing else: beside a Gregorian date (`21 شوال 1436 هـ - 7 أغسطس 2015 م`)
the Gregorian one is the date, since a Hijri date printed by a paper may follow the
moon sighting rather than the calendar and differ by a day.

``parse_time`` reads the time of day and the time zone written beside a date
(`الساعة 14:46`, `02:30 م`, `16:14 ت م`, `10:15:00 GMT`, `+03:00`, `ساعت ۱۴:۴۶`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date as babel_format_date
from hijridate import Gregorian as UmmAlQuraGregorian
from hijridate import Hijri
from persiantools.jdatetime import MONTH_NAMES_FA, JalaliDate

GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar_hijri"
ISLAMIC = "islamic_umalqura"  # the Hijri (lunar) calendar of Saudi Arabia: Umm al-Qura

# Four-digit years accepted for each calendar.  Gregorian and Solar Hijri do not
# overlap, so a numeric date such as 1402/07/03 tells its calendar by its year; an
# Islamic year overlaps the Solar Hijri ones, so an Islamic date needs a Hijri month
# name (`21 شوال 1436`) or the era mark after it (`1436/10/21 هـ`).
YEAR_RANGES: dict[str, tuple[int, int]] = {
    GREGORIAN: (1900, 2100),
    SOLAR_HIJRI: (1300, 1479),  # 1479 SH ends in March 2101: the same span as Gregorian's
    ISLAMIC: (1343, 1500),  # the span of the Umm al-Qura tables (1924-2077)
}
NUMERIC_CALENDARS = (GREGORIAN, SOLAR_HIJRI)


@dataclass(frozen=True)
class ParsedDate:
    date: dt.date
    calendar: str  # GREGORIAN or SOLAR_HIJRI: the calendar the source text used
    text: str  # the exact substring of the input that was recognised


# --------------------------------------------------------------------------- tables

# Month names as people write them.  Keys are normalised with ``_normalise`` when
# the lookup table is built, so they can be written here in their natural spelling.

ENGLISH_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Egyptian / Gulf series (transliterated European names).
ARABIC_MONTHS: dict[str, int] = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4, "إبريل": 4,
    "مايو": 5,
    "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7,
    "أغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}  # fmt: skip

# Levantine / Iraqi series.  Note: كانون الثاني is January and كانون الأول December;
# تشرين الأول is October and تشرين الثاني November.  آذار (March) is not آذر.
LEVANTINE_MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "كانون ثاني": 1,
    "شباط": 2,
    "آذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "أيلول": 9,
    "تشرين الأول": 10, "تشرين أول": 10,
    "تشرين الثاني": 11, "تشرين ثاني": 11,
    "كانون الأول": 12, "كانون أول": 12,
}  # fmt: skip

# Gregorian months as written in Persian.
PERSIAN_GREGORIAN_MONTHS: dict[str, int] = {
    "ژانویه": 1,
    "فوریه": 2,
    "مارس": 3,
    "آوریل": 4,
    "مه": 5, "می": 5,
    "ژوئن": 6, "ژوین": 6,
    "ژوئیه": 7, "ژوییه": 7,
    "اوت": 8, "آگوست": 8,
    "سپتامبر": 9,
    "اکتبر": 10,
    "نوامبر": 11,
    "دسامبر": 12,
}  # fmt: skip

# Solar Hijri (Jalali) months.
SOLAR_HIJRI_MONTHS: dict[str, int] = {
    "فروردین": 1,
    "اردیبهشت": 2,
    "خرداد": 3,
    "تیر": 4,
    "مرداد": 5, "امرداد": 5,
    "شهریور": 6,
    "مهر": 7,
    "آبان": 8,
    "آذر": 9,
    "دی": 10,
    "بهمن": 11,
    "اسفند": 12,
}  # fmt: skip

# Islamic (Hijri) months, as Arabic and Persian write them.
HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "محرم الحرام": 1,
    "صفر": 2, "صفر الخير": 2, "صفر المظفر": 2,
    "ربيع الأول": 3, "ربيع أول": 3, "ربیع‌الاول": 3,
    "ربيع الثاني": 4, "ربيع الآخر": 4, "ربيع ثاني": 4, "ربیع‌الثانی": 4,
    "جمادى الأولى": 5, "جمادى الأول": 5, "جمادي الأولى": 5, "جمادی‌الاول": 5, "جمادی‌الاولی": 5,
    "جمادى الآخرة": 6, "جمادى الثانية": 6, "جمادى الآخر": 6, "جمادى الثاني": 6,
    "جمادی‌الثانی": 6, "جمادی‌الآخر": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذی‌القعده": 11, "ذی‌قعده": 11,
    "ذو الحجة": 12, "ذي الحجة": 12, "ذی‌الحجه": 12, "ذی‌حجه": 12,
}  # fmt: skip

MONTH_TABLES: tuple[tuple[str, dict[str, int]], ...] = (
    (GREGORIAN, ENGLISH_MONTHS),
    (GREGORIAN, ARABIC_MONTHS),
    (GREGORIAN, LEVANTINE_MONTHS),
    (GREGORIAN, PERSIAN_GREGORIAN_MONTHS),
    (SOLAR_HIJRI, SOLAR_HIJRI_MONTHS),
    (ISLAMIC, HIJRI_MONTHS),
)

ASCII_DIGITS = "0123456789"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

# Digits readers of each language expect; None keeps Babel's ASCII digits.
DIGITS_FOR_LANG: dict[str, str | None] = {
    "ar": ARABIC_INDIC_DIGITS,
    "fa": PERSIAN_DIGITS,
    "en": None,
}

# ------------------------------------------------------------------ normalisation

_DROP = ""
_CHAR_MAP: dict[str, str] = {
    **dict(zip(ARABIC_INDIC_DIGITS, ASCII_DIGITS, strict=True)),
    **dict(zip(PERSIAN_DIGITS, ASCII_DIGITS, strict=True)),
    # letter variants -> one spelling
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef with hamza/madda/wasla
    "ی": "ي", "ى": "ي",  # Persian yeh, alef maksura
    "ک": "ك",  # keheh
    "ۀ": "ه",  # heh with yeh above (ezafe)
    "\u060d": "/",  # ARABIC DATE SEPARATOR
    # invisible characters
    "\u0640": _DROP,  # tatweel
    "\u200c": _DROP, "\u200d": _DROP,  # ZWNJ, ZWJ
    "\u200e": _DROP, "\u200f": _DROP, "\u061c": _DROP,  # LRM, RLM, ALM
    "\ufeff": _DROP,  # BOM / zero-width no-break space
    # spaces
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
}  # fmt: skip
_CHAR_MAP.update({chr(c): _DROP for c in range(0x064B, 0x0660)})  # harakat, hamza above
_CHAR_MAP.update({"\u0670": _DROP})  # superscript alef
_CHAR_MAP.update({chr(c): _DROP for c in range(0x202A, 0x202F)})  # bidi embeddings
_CHAR_MAP.update({chr(c): _DROP for c in range(0x2066, 0x206A)})  # bidi isolates


def _normalise(text: str) -> tuple[str, list[int]]:
    """Return the normalised text and, for each of its characters, the index in ``text``."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        out = _CHAR_MAP.get(char, char)
        if out:
            chars.append(out)
            origins.append(index)
    return "".join(chars), origins


def _month_key(name: str) -> str:
    """Lookup key of a month name: normalised, lower case, no spaces (Persian writes
    `ربیع‌الاول` with a zero-width non-joiner where Arabic has a space)."""
    return "".join(_normalise(name)[0].lower().split())


def _build_month_lookup() -> dict[str, tuple[str, int]]:
    lookup: dict[str, tuple[str, int]] = {}
    for calendar, table in MONTH_TABLES:
        for name, month in table.items():
            key = _month_key(name)
            if lookup.setdefault(key, (calendar, month)) != (calendar, month):
                raise ValueError(f"month name {name!r} is ambiguous")
    return lookup


MONTHS: dict[str, tuple[str, int]] = _build_month_lookup()

# ------------------------------------------------------------------------ regexes

_LETTER_BEFORE = r"(?<![^\W\d_])"  # not preceded by a letter
_NO_LETTER_AFTER = r"(?![^\W\d_])"  # not followed by a letter
# Written forms (normalised, words apart) for the regex; a space may be left out or be a
# zero-width non-joiner (dropped by _normalise): `ذو القعدة`, `ذی‌القعده`. Longest names
# first so that "sept" wins over "sep" and "مهر" over "مه".
_FORMS = {" ".join(_normalise(name)[0].lower().split()) for _, table in MONTH_TABLES for name in table}
_LONGEST_FIRST = sorted(_FORMS, key=len, reverse=True)
_NAMES = "|".join(re.escape(form).replace(r"\ ", r"\s*") for form in _LONGEST_FIRST)


def _month_name(group: str) -> str:
    # Persian often writes "مهر ماه" or "مهرماه"; the ماه is not part of the name.
    return rf"{_LETTER_BEFORE}(?P<{group}>{_NAMES})(?:\s*ماه)?{_NO_LETTER_AFTER}"


# One month name, or two naming the same month: "نوفمبر/تشرين الثاني", "نوفمبر (تشرين الثاني)".
_MONTH = (
    _month_name("month")
    + r"(?:\s*[/\-–]\s*"
    + _month_name("month2")
    + r"|\s*\(\s*"
    + _month_name("month2b")
    + r"\s*\))?\.?"
)
_DAY = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<!\d)(?P<year>\d{4})(?!\d)"
_SEP = r"[\s,،\-]*"
_NUM_START = r"(?<![\d/.\-])"  # not in the middle of a longer number

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # 25 September 2023, 25th, September 2023, 25-Sep-2023, ۳ مهر ۱۴۰۲
        rf"{_DAY}\.?{_SEP}(?:of\s+)?{_MONTH}{_SEP}{_YEAR}",
        # September 25, 2023
        rf"{_MONTH}\s*{_DAY}[\s,،]+{_YEAR}",
        # 2023-09-25, 2023-09-25T10:15:00+03:00, 1402/07/03
        (
            rf"{_NUM_START}(?P<year>\d{{4}})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)"
            rf"(?P<day>\d{{1,2}})(?!\d)"
        ),
        # 25/09/2023, 25-09-2023, 25.09.2023 (day first)
        (
            rf"{_NUM_START}(?P<day>\d{{1,2}})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)"
            rf"(?P<year>\d{{4}})(?!\d)"
        ),
    )
)

# ------------------------------------------------------------------------ parsing


# The Islamic era mark after a date: `هـ` (normalised to ه), `ه.ق` (Persian: lunar Hijri).
_ISLAMIC_MARK = re.compile(r"\s*ه(?:\s*\.?\s*ق)?\.?(?![^\W\d_])")


def _calendar_of_year(year: int) -> str | None:
    """The calendar of a numeric date's year (an Islamic one says so with its era mark)."""
    for calendar in NUMERIC_CALENDARS:
        low, high = YEAR_RANGES[calendar]
        if low <= year <= high:
            return calendar
    return None


def _calendar_and_month(match: re.Match[str]) -> tuple[str | None, int] | None:
    """The calendar and month a match names; None when its two month names disagree."""
    month = match["month"]
    if month.isdigit():
        if _ISLAMIC_MARK.match(match.string, match.end()):
            return ISLAMIC, int(month)  # 1436/10/21 هـ
        return _calendar_of_year(int(match["year"])), int(month)
    names = (month, match["month2"], match["month2b"])
    named = {MONTHS[_month_key(name)] for name in names if name}
    return named.pop() if len(named) == 1 else None


def _to_date(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of (year, month, day) in ``calendar``, or None if there is none."""
    low, high = YEAR_RANGES[calendar]
    if not low <= year <= high:
        return None
    try:
        if calendar == SOLAR_HIJRI:
            return JalaliDate(year, month, day).to_gregorian()
        if calendar == ISLAMIC:
            gregorian = Hijri(year, month, day).to_gregorian()
            return dt.date(gregorian.year, gregorian.month, gregorian.day)
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _first_date(pattern: re.Pattern[str], normalised: str) -> tuple[re.Match[str], dt.date, str] | None:
    """The first match of ``pattern`` that is a real date, with that date and its calendar
    (an Islamic date only when the text has no other)."""
    islamic = None
    for match in pattern.finditer(normalised):
        calendar_month = _calendar_and_month(match)
        if calendar_month is None or calendar_month[0] is None:
            continue
        calendar, month = calendar_month
        date = _to_date(calendar, int(match["year"]), month, int(match["day"]))
        if date is not None and calendar != ISLAMIC:
            return match, date, calendar
        if date is not None and islamic is None:
            islamic = match, date, calendar
    return islamic


def _problem(match: re.Match[str]) -> str | None:
    """Why a date-shaped match is not a date (None when it is one, or names no one month)."""
    calendar_month = _calendar_and_month(match)
    if calendar_month is None:
        return None
    calendar, month = calendar_month
    year, day = int(match["year"]), int(match["day"])
    if calendar is None:
        spans = ", ".join(
            f"{YEAR_RANGES[name][0]}–{YEAR_RANGES[name][1]} ({name.replace('_', ' ')})" for name in NUMERIC_CALENDARS
        )
        return f"the year {match['year']} is outside the years read: {spans}"
    low, high = YEAR_RANGES[calendar]
    name = calendar.replace("_", " ")
    if not low <= year <= high:
        return f"the year {match['year']} is outside {low}–{high}, the {name} years read"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if _to_date(calendar, year, month, day) is None:
        return f"month {month} of {year} ({name}) has no day {day}"
    return None


def date_problem(text: str) -> str | None:
    """Why `text`, which looks like a date, is not one: an impossible day (30 February), a
    month 13, a year outside the calendars' ranges (0001, 9999, Solar Hijri 1500). None when
    `text` holds a real date or nothing shaped like one."""
    if parse_date(text):
        return None
    normalised, _ = _normalise(text)
    for pattern in _PATTERNS:
        for match in pattern.finditer(normalised):
            problem = _problem(match)
            if problem:
                return problem
    return None


def parse_date(text: str) -> ParsedDate | None:
    """Find the first complete date (day, month, year) in a short string such as a
    metadata value or a line that is only a date. Returns None when there is none.
    Never guesses: a month+year without a day, or an impossible date (31 Feb), is None.

    ``text`` of the result is the date itself as written (day, month and year), without
    a weekday before it or a time after it.  No time zone conversion is done.
    """
    normalised, origins = _normalise(text)
    found = [hit for pattern in _PATTERNS if (hit := _first_date(pattern, normalised))]
    if not found:
        return None
    # An Islamic date only when there is no other: beside a Gregorian one it is context
    # (and a printed Hijri date may follow the moon sighting, a day off the calendar).
    found = [hit for hit in found if hit[2] != ISLAMIC] or found
    # The earliest match wins; on a tie min() keeps the earlier pattern.
    match, date, calendar = min(found, key=lambda hit: hit[0].start())
    recognised = text[origins[match.start()] : origins[match.end() - 1] + 1]
    return ParsedDate(date, calendar, recognised)


# ------------------------------------------------------------------------- times


@dataclass(frozen=True)
class ParsedTime:
    time: dt.time | None  # None: a time zone given without a time (`25th, September 2023 GMT`)
    timezone: str | None  # an IANA zone (`Asia/Riyadh`), `UTC`, or a fixed offset (`+03:00`)
    text: str  # the exact substring of the input that was recognised


# Places named in `بتوقيت مكة المكرمة`, `به وقت تهران` (normalised spellings), and their zones.
ZONE_PLACES: dict[str, str] = {
    "مكة المكرمة": "Asia/Riyadh", "مكة": "Asia/Riyadh", "مكه": "Asia/Riyadh", "السعودية": "Asia/Riyadh",
    "الرياض": "Asia/Riyadh", "غرينتش": "UTC", "غرينيتش": "UTC", "جرينتش": "UTC", "جرينيتش": "UTC",
    "گرينويچ": "UTC", "القاهرة": "Africa/Cairo", "مصر": "Africa/Cairo", "تهران": "Asia/Tehran",
    "ايران": "Asia/Tehran", "الامارات": "Asia/Dubai", "ابوظبي": "Asia/Dubai", "ابو ظبي": "Asia/Dubai",
    "دبي": "Asia/Dubai", "الدوحة": "Asia/Qatar", "قطر": "Asia/Qatar", "الكويت": "Asia/Kuwait",
    "بغداد": "Asia/Baghdad", "العراق": "Asia/Baghdad", "بيروت": "Asia/Beirut", "لبنان": "Asia/Beirut",
    "دمشق": "Asia/Damascus", "سوريا": "Asia/Damascus", "الاردن": "Asia/Amman", "البحرين": "Asia/Bahrain",
    "مسقط": "Asia/Muscat", "كابل": "Asia/Kabul", "لندن": "Europe/London",
}  # fmt: skip
_ZONE_KEYS = {place.replace(" ", ""): zone for place, zone in ZONE_PLACES.items()}
ZONE_ABBREVIATIONS = {"gmt": "UTC", "utc": "UTC", "z": "UTC", "irst": "Asia/Tehran", "irdt": "Asia/Tehran"}
PM_WORDS = frozenset(("م", "مساء", "مسا", "عصرا", "عصر", "ليلا", "pm", "p.m.", "بظ", "ب.ظ", "بعدازظهر", "شب"))
NOON_WORDS = frozenset(("ظهرا", "ظهر"))
AM_WORDS = frozenset(("ص", "صباحا", "صباح", "فجرا", "am", "a.m.", "قظ", "ق.ظ", "صبح"))

_PLACES = "|".join(re.escape(p).replace(r"\ ", r"\s*") for p in sorted(ZONE_PLACES, key=len, reverse=True))
_OFFSET = r"(?P<sign>[+\-−])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?(?!\d)"
_ZONE = (
    r"(?:(?P<tm>ت\s*\.?\s*م)|(?P<tg>ت\s*\.?\s*غ)"  # توقيت مكة, توقيت غرينتش (the Saudi agency's `16:14 ت م`)
    rf"|(?:ب?توقيت|به\s*وقت|بوقت|وقت)\s+(?P<place>{_PLACES})"
    rf"|(?P<abbr>GMT|UTC|IRST|IRDT|Z)(?:\s*{_OFFSET})?|{_OFFSET.replace('(?P<', '(?P<x')})"
    r"(?![^\W\d_])"
)
_AMPM = (
    r"(?P<ampm>صباحا|صباح|ص|مساء|مسا|م|ظهرا|ظهر|عصرا|عصر|ليلا|فجرا|a\.m\.|p\.m\.|am|pm"
    r"|ق\s*\.?\s*ظ|ب\s*\.?\s*ظ|بعد\s*از\s*ظهر|صبح|شب)(?![^\W\d_])"
)
_TIME = re.compile(
    r"(?<![\d:+\-−./])(?P<hour>[01]?\d|2[0-3])\s?:\s?(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?:\.\d+)?(?![\d:])"
    rf"(?:\s*{_AMPM})?(?:\s*(?:{_ZONE}))?",
    re.IGNORECASE,
)
_ZONE_ALONE = re.compile(rf"(?<![^\W\d_])(?:{_ZONE})", re.IGNORECASE)


def _zone(match: re.Match[str], prefix: str = "") -> str | None:
    """The zone a match names: an IANA name, UTC, or a fixed offset `+03:00`."""
    if match["tm"]:
        return "Asia/Riyadh"
    if match["tg"]:
        return "UTC"
    if match["place"]:
        return _ZONE_KEYS.get("".join(match["place"].split()))
    sign, hours, minutes = match["sign"] or match["xsign"], match["oh"] or match["xoh"], match["om"] or match["xom"]
    if sign and hours is not None:
        if int(hours) > 14 or int(minutes or 0) > 59:
            return None
        offset = f"{'-' if sign in '-−' else '+'}{int(hours):02d}:{minutes or '00'}"
        return "UTC" if offset in ("+00:00", "-00:00") else offset
    if match["abbr"]:
        return ZONE_ABBREVIATIONS[match["abbr"].lower()]
    return None


def _twelve_hour(hour: int, marker: str | None) -> int:
    """The 24-hour clock hour of `02:30 م` (PM), `12:15 ص` (AM), `1:30 ظهرا` (noon)."""
    word = "".join(marker.lower().split()) if marker else ""
    if word in PM_WORDS and hour < 12:
        return hour + 12 if not (word in ("ليلا", "شب") and hour < 6) else hour
    if word in NOON_WORDS and hour < 11:
        return hour + 12
    if word in AM_WORDS and hour == 12:
        return 0
    return hour


def parse_time(text: str) -> ParsedTime | None:
    """The time of day (and its time zone) in a date line or a line that is only a time:
    `الساعة 14:46`, `02:30 م`, `16:14 ت م`, `10:15:00 GMT`, `T10:15:00+03:00`,
    `ساعت ۱۴:۴۶ به وقت تهران`; or, with no time, a zone alone (`… 2023 GMT`).
    None when there is neither. Nothing is converted: the time is as written."""
    normalised, origins = _normalise(text)
    match = _TIME.search(normalised)
    if match:
        hour = _twelve_hour(int(match["hour"]), match["ampm"])
        time = dt.time(hour, int(match["minute"]), int(match["second"] or 0))
        alone = None if _zone(match) else _named_zone(normalised, match.end())
        zone = _zone(alone) if alone else _zone(match)
        return ParsedTime(time, zone, text[origins[match.start()] : origins[match.end() - 1] + 1].strip())
    alone = _named_zone(normalised, 0)
    if alone is None:
        return None
    return ParsedTime(None, _zone(alone), text[origins[alone.start()] : origins[alone.end() - 1] + 1].strip())


def _named_zone(normalised: str, start: int) -> re.Match[str] | None:
    """A zone named on its own in a date line (`… 2023 GMT`), not a bare offset (`-08`)."""
    for alone in _ZONE_ALONE.finditer(normalised, start):
        if not alone["xsign"] and _zone(alone):
            return alone
    return None


def aware(date: dt.date, time: dt.time | None, timezone: str | None) -> dt.datetime | None:
    """The moment a date, time and zone name (for ordering reports of one day across zones);
    None without a time or a zone that is known."""
    if time is None or timezone is None:
        return None
    if timezone[0] in "+-":
        sign = -1 if timezone[0] == "-" else 1
        delta = dt.timedelta(hours=int(timezone[1:3]), minutes=int(timezone[4:6]))
        return dt.datetime.combine(date, time, tzinfo=dt.timezone(sign * delta))
    try:
        return dt.datetime.combine(date, time, tzinfo=ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def instant(date: dt.date | None, time: dt.time | None, timezone: str | None) -> dt.datetime | None:
    """When a dated report with a time of day was published, for ordering reports of one day:
    its zone converted (`aware`); a time written without a zone, or with one not known, is
    compared as written. None without a date or a time."""
    if date is None or time is None:
        return None
    return aware(date, time, timezone) or dt.datetime.combine(date, time, tzinfo=dt.UTC)


# --------------------------------------------------------------------- formatting


def _digits(text: str, digits: str | None) -> str:
    """``text`` with its ASCII digits written in ``digits`` (unchanged when None)."""
    if digits is None:
        return text
    return text.translate(str.maketrans(ASCII_DIGITS, digits))


def format_date(d: dt.date, lang: str) -> str:
    """Long date with Babel in 'ar', 'fa' or 'en'.

    Babel writes ASCII digits for all three (even for 'fa', whose CLDR default
    numbering system is Persian), so 'ar' gets Arabic-Indic digits (٢٥ سبتمبر ٢٠٢٣)
    and 'fa' Persian digits (۲۵ سپتامبر ۲۰۲۳) here.
    """
    if lang not in DIGITS_FOR_LANG:
        raise ValueError(f"unsupported language {lang!r}: use ar, fa or en")
    long_date = babel_format_date(d, format="long", locale=lang)
    return _digits(long_date, DIGITS_FOR_LANG[lang])


def format_solar_hijri(d: dt.date) -> str:
    """The Solar Hijri date in Persian: dt.date(2023, 9, 25) -> '۳ مهر ۱۴۰۲'."""
    jalali = JalaliDate(d)
    month = MONTH_NAMES_FA[jalali.month]
    return _digits(f"{jalali.day} {month} {jalali.year}", PERSIAN_DIGITS)


ISLAMIC_MONTH_NAMES = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
)  # fmt: skip


def format_islamic(d: dt.date) -> str | None:
    """The Umm al-Qura date in Arabic: dt.date(2015, 8, 6) -> '٢١ شوال ١٤٣٦ هـ'; None outside
    the calendar's tables (1924-2077)."""
    try:
        hijri = UmmAlQuraGregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return _digits(f"{hijri.day} {ISLAMIC_MONTH_NAMES[hijri.month - 1]} {hijri.year} هـ", ARABIC_INDIC_DIGITS)


def iso(d: dt.date | None) -> str | None:
    """'YYYY-MM-DD' for a date (a datetime loses its time), None for None."""
    if d is None:
        return None
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
