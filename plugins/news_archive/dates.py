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
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_date as babel_format_date
from persiantools.jdatetime import MONTH_NAMES_FA, JalaliDate

GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar_hijri"

# Four-digit years accepted for each calendar.  The ranges do not overlap, so a
# numeric date such as 1402/07/03 tells its calendar by its year.
YEAR_RANGES: dict[str, tuple[int, int]] = {
    GREGORIAN: (1900, 2100),
    SOLAR_HIJRI: (1300, 1479),  # 1479 SH ends in March 2101: the same span as Gregorian's
}


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

MONTH_TABLES: tuple[tuple[str, dict[str, int]], ...] = (
    (GREGORIAN, ENGLISH_MONTHS),
    (GREGORIAN, ARABIC_MONTHS),
    (GREGORIAN, LEVANTINE_MONTHS),
    (GREGORIAN, PERSIAN_GREGORIAN_MONTHS),
    (SOLAR_HIJRI, SOLAR_HIJRI_MONTHS),
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
    """Lookup key of a month name: normalised, lower case, single spaces."""
    return " ".join(_normalise(name)[0].lower().split())


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
# Longest names first so that "sept" wins over "sep" and "مهر" over "مه".
_LONGEST_FIRST = sorted(MONTHS, key=len, reverse=True)
_NAMES = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in _LONGEST_FIRST)


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


def _calendar_of_year(year: int) -> str | None:
    for calendar, (low, high) in YEAR_RANGES.items():
        if low <= year <= high:
            return calendar
    return None


def _calendar_and_month(match: re.Match[str]) -> tuple[str | None, int] | None:
    """The calendar and month a match names; None when its two month names disagree."""
    month = match["month"]
    if month.isdigit():
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
        return dt.date(year, month, day)
    except ValueError:
        return None


def _first_date(pattern: re.Pattern[str], normalised: str) -> tuple[re.Match[str], dt.date, str] | None:
    """The first match of ``pattern`` that is a real date, with that date and its calendar."""
    for match in pattern.finditer(normalised):
        calendar_month = _calendar_and_month(match)
        if calendar_month is None or calendar_month[0] is None:
            continue
        calendar, month = calendar_month
        date = _to_date(calendar, int(match["year"]), month, int(match["day"]))
        if date is not None:
            return match, date, calendar
    return None


def _problem(match: re.Match[str]) -> str | None:
    """Why a date-shaped match is not a date (None when it is one, or names no one month)."""
    calendar_month = _calendar_and_month(match)
    if calendar_month is None:
        return None
    calendar, month = calendar_month
    year, day = int(match["year"]), int(match["day"])
    if calendar is None:
        spans = ", ".join(f"{low}–{high} ({name.replace('_', ' ')})" for name, (low, high) in YEAR_RANGES.items())
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
    # The earliest match wins; on a tie min() keeps the earlier pattern.
    match, date, calendar = min(found, key=lambda hit: hit[0].start())
    recognised = text[origins[match.start()] : origins[match.end() - 1] + 1]
    return ParsedDate(date, calendar, recognised)


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


def iso(d: dt.date | None) -> str | None:
    """'YYYY-MM-DD' for a date (a datetime loses its time), None for None."""
    if d is None:
        return None
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
