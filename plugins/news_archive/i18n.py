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
from jinja2 import Environment, pass_context
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

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


class ConstantMessages(Extension):
    """`_('literal')` written in a template becomes its translation at compile time, in an
    environment made for one page language (`for_language`): the same text the i18n extension's
    gettext gives at run time (a safe string), without ~120 gettext calls per page. Calls with
    arguments, ngettext and translations holding `%` are left to the run-time gettext."""

    def filter_stream(self, stream: TokenStream):
        translate = getattr(self.environment, "sijill_translate", None)
        pending: list[Token] = []
        for token in stream:
            pending.append(token)
            shape = [(t.type, t.value if t.type == "name" else None) for t in pending]
            if shape != [("name", "_"), ("lparen", None), ("string", None), ("rparen", None)][: len(pending)]:
                yield from pending
                pending = []
                continue
            if len(pending) == 4:
                text = translate(pending[2].value) if translate else None
                if text is None or "%" in text:
                    yield from pending
                else:
                    line = pending[0].lineno
                    yield from (Token(line, "string", text), Token(line, "pipe", "|"), Token(line, "name", "safe"))
                pending = []
        yield from pending


def for_language(env: Environment, catalogs: dict[str, gettext.GNUTranslations], lang: str) -> Environment:
    """An overlay of `env` whose templates carry `lang`'s translations (ConstantMessages)."""
    overlay = env.overlay(extensions=[ConstantMessages])
    overlay.sijill_translate = catalogs[lang].gettext
    return overlay


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


NATIVE = {lang: str.maketrans("0123456789", digits) for lang, digits in (("ar", "٠١٢٣٤٥٦٧٨٩"), ("fa", "۰۱۲۳۴۵۶۷۸۹"))}


def to_native_digits(text: str, lang: str) -> str:
    table = NATIVE.get(lang)
    return text.translate(table) if table else text


def month_label(key: str, lang: str) -> str:
    """'2023-09' as a month name and year in `lang` (Babel), digits in the language's script."""
    year, month = (int(x) for x in key.split("-"))
    text = format_date(dt.date(year, month, 1), "LLLL y", locale=lang)
    return to_native_digits(text, lang)
