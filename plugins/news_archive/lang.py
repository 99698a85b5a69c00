"""Arabic or Persian, decided from the letters a text uses."""

from __future__ import annotations

# Letters Persian writes and Arabic does not (پ چ ژ گ are decisive; ک ی are the Persian
# forms of kaf and yeh), against letters only Arabic uses (ة, Arabic yeh and kaf, alef maksura).
PERSIAN_LETTERS = {"\u067e": 3, "\u0686": 3, "\u0698": 3, "\u06af": 3, "\u06a9": 1, "\u06cc": 1, "\u06c0": 1}
ARABIC_LETTERS = {"\u0629": 1, "\u064a": 1, "\u0643": 1, "\u0649": 1}
ARABIC_SCRIPT = range(0x0600, 0x0700)


def detect_language(text: str) -> str | None:
    """'fa' or 'ar' for text in Arabic script, None when it has no Arabic-script letters."""
    persian = sum(PERSIAN_LETTERS.get(c, 0) for c in text)
    arabic = sum(ARABIC_LETTERS.get(c, 0) for c in text)
    if not persian and not arabic and not any(ord(c) in ARABIC_SCRIPT and c.isalpha() for c in text):
        return None
    return "fa" if persian > arabic else "ar"
