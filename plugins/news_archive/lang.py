"""Arabic or Persian, decided from the letters a text uses."""

from __future__ import annotations

# Letters Persian writes and Arabic does not (پ چ ژ گ are decisive; ک ی are the Persian
# forms of kaf and yeh), against letters only Arabic uses (ة, Arabic yeh and kaf, alef maksura).
PERSIAN_LETTERS = {"\u067e": 3, "\u0686": 3, "\u0698": 3, "\u06af": 3, "\u06a9": 1, "\u06cc": 1, "\u06c0": 1}
ARABIC_LETTERS = {"\u0629": 1, "\u064a": 1, "\u0643": 1, "\u0649": 1}
ARABIC_SCRIPT = range(0x0600, 0x0700)


def detect_language(text: str) -> str | None:
    """'fa' or 'ar' for text in Arabic script, None when it has no Arabic-script letters."""
    # str.count runs in C: a 9 KB article is counted in microseconds, not milliseconds
    persian = sum(text.count(letter) * weight for letter, weight in PERSIAN_LETTERS.items())
    arabic = sum(text.count(letter) * weight for letter, weight in ARABIC_LETTERS.items())
    if not persian and not arabic and not any(ord(c) in ARABIC_SCRIPT and c.isalpha() for c in text):
        return None
    return "fa" if persian > arabic else "ar"
