"""UI strings: Babel catalogs in theme/translations/<lang>/LC_MESSAGES/messages.po, compiled
in memory at build time, and a Jinja gettext that follows each page's own language."""

from __future__ import annotations

import datetime as dt
import gettext
import io
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context

LANGUAGES = ("ar", "fa", "en")
RTL = {"ar", "fa", "he", "ur", "ps", "ckb", "sd", "ug", "yi", "dv"}  # right-to-left scripts


class CatalogError(ValueError):
    pass


def compile_catalogs(translations_dir: Path) -> dict[str, gettext.GNUTranslations]:
    """Read each language's .po with Babel and compile it to an in-memory .mo catalog."""
    catalogs = {}
    for lang in LANGUAGES:
        po_path = translations_dir / lang / "LC_MESSAGES" / "messages.po"
        if not po_path.is_file():
            raise CatalogError(f"{po_path}: missing translation catalog for {lang!r}")
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        catalogs[lang] = gettext.GNUTranslations(buffer)
    return catalogs


def page_gettext(catalogs: dict[str, gettext.GNUTranslations], default: str):
    """A gettext for Jinja's i18n extension that reads `page_lang` from the page being rendered."""

    @pass_context
    def _gettext(context, message: str) -> str:
        return catalogs[context.get("page_lang") or default].gettext(message)

    @pass_context
    def _ngettext(context, singular: str, plural: str, n: int) -> str:
        return catalogs[context.get("page_lang") or default].ngettext(singular, plural, n)

    return _gettext, _ngettext


def language_name(code: str, in_lang: str) -> str:
    """The name of language `code` written in language `in_lang` (Babel's CLDR data)."""
    names = Locale(in_lang).languages
    return names.get(code.replace("-", "_")) or names.get(code.split("-")[0], code)


def direction(lang: str) -> str:
    """The writing direction of a language code (its primary subtag decides: ar-EG is rtl)."""
    return "rtl" if lang.split("-")[0] in RTL else "ltr"


LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def digits_as(setting: str):
    """A decorator for text-producing filters: with "latin", every Arabic-Indic or Persian digit
    they write becomes an ASCII one; with "native", they are left as they are."""

    def wrap(function):
        if setting == "native":
            return function
        return lambda *args, **kwargs: function(*args, **kwargs).translate(LATIN)

    return wrap


def to_native_digits(text: str, lang: str) -> str:
    digits = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹"}.get(lang)
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def month_label(key: str, lang: str) -> str:
    """'2023-09' as a month name and year in `lang` (Babel), digits in the language's script."""
    year, month = (int(x) for x in key.split("-"))
    text = format_date(dt.date(year, month, 1), "LLLL y", locale=lang)
    return to_native_digits(text, lang)
