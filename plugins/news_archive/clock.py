"""Times of day: an editor's `Time:` value read and checked, a time shown on a page (Babel, as
the page wrote it, with its zone) and in a <time> element's `datetime`. The moment that orders
reports of one day is dates.instant. Pure."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_time, get_timezone_gmt, get_timezone_location

from .dates import aware, instant
from .i18n import to_native_digits

# `14:46`, `9:05`, `14:46:30`, then a zone: `+03:00`, `-0430`, `UTC`, `GMT`, `Z` or an IANA name
_CLOCK = re.compile(r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s+(?P<zone>\S+))?$")
_OFFSET = re.compile(r"^(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})$")
_UTC_NAMES = {"utc", "gmt", "z"}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹−", "0123456789" * 2 + "-")


class ClockError(ValueError):
    """A time of day or a zone that cannot be read (the message says why)."""


def zone_name(text: str) -> str:
    """`+03:00`/`+0300` -> `+03:00`; `utc`, `GMT`, `Z`, `+00:00` -> `UTC`; an IANA name as
    spelled in the database (`asia/riyadh` is refused: names are case-sensitive)."""
    offset = _OFFSET.match(text)
    if offset:
        hours, minutes = int(offset["hours"]), int(offset["minutes"])
        if hours > 14 or minutes > 59:
            raise ClockError(f"the offset {text!r} is not one (at most ±14:00)")
        found = f"{offset['sign']}{hours:02d}:{minutes:02d}"
        return "UTC" if found in ("+00:00", "-00:00") else found
    if text.lower() in _UTC_NAMES:
        return "UTC"
    if "/" in text and not text.startswith("/") and ".." not in text:
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return text
    raise ClockError(
        f"unknown time zone {text!r}: give an offset (+03:00), UTC or an IANA name such as Asia/Riyadh or Asia/Tehran"
    )


def parse_clock(value: str) -> tuple[dt.time, str | None]:
    """An editor's `Time:` value: `HH:MM` (or `HH:MM:SS`), in any digits, and an optional zone.
    Raises ClockError saying what is wrong."""
    match = _CLOCK.match(value.strip().translate(_DIGITS))
    if not match:
        raise ClockError(f"expected HH:MM and an optional zone (14:46, 14:46 +03:00, 14:46 Asia/Tehran), got {value!r}")
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ClockError(f"{value!r} is not a time of day (00:00 to 23:59)")
    return dt.time(hour, minute, second), zone_name(match["zone"]) if match["zone"] else None


def zone_label(zone: str, lang: str, date: dt.date | None = None) -> str:
    """A zone as readers of `lang` name it: `Asia/Riyadh` -> `توقيت المملكة العربية السعودية`,
    `+03:00` -> `غرينتش+03:00`, `UTC` -> `UTC` (digits as Babel writes them)."""
    if zone == "UTC":
        return "UTC"
    day = date or dt.date(2000, 1, 1)
    if zone[0] in "+-":
        return get_timezone_gmt(instant(day, dt.time(12), zone), "long", locale=lang)
    return get_timezone_location(ZoneInfo(zone), locale=lang)


def format_clock(time: dt.time, zone: str | None, lang: str, date: dt.date | None = None) -> str:
    """The time as the page wrote it (never converted), in `lang`'s short format, with its zone:
    `2:46 م (توقيت المملكة العربية السعودية)`; Arabic-Indic digits on Arabic pages, Persian on
    Persian ones."""
    text = format_time(time, "short", locale=lang)
    if zone:
        text = f"{text} ({zone_label(zone, lang, date)})"
    return to_native_digits(text, lang)


def machine_time(date: dt.date | None, time: dt.time, zone: str | None) -> str:
    """The `datetime` attribute of a <time>: `2023-09-25T14:46+03:00` with a known zone, a local
    date and time without one, `14:46` without a date."""
    clock = time.strftime("%H:%M" if not time.second else "%H:%M:%S")
    if date is None:
        return clock
    moment = aware(date, time, zone) if zone else None
    if moment is None:
        return f"{date.isoformat()}T{clock}"
    offset = moment.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{date.isoformat()}T{clock}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
