"""UI catalogs are complete and consistent; the settings dict is validated up front."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from news_archive.i18n import LANGUAGES, compile_catalogs, month_label, to_native_digits
from news_archive.settings import DEFAULTS, SettingsError, resolve

from tests.conftest import REPO

TRANSLATIONS = REPO / "theme" / "translations"


def template_messages() -> set[str]:
    found = extract_from_dir(
        str(REPO / "theme" / "templates"),
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    return {m[2] if isinstance(m[2], str) else m[2][0] for m in found}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_string_is_translated(lang):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {}
    for message in catalog:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            translated[key] = strings
    missing = template_messages() - {k for k, v in translated.items() if all(v)}
    assert not missing, f"{lang}: untranslated {sorted(missing)} (run `make messages`)"
    for key, strings in translated.items():
        for string in strings:  # a translation keeps the placeholders of its message
            assert set(re.findall(r"%\(\w+\)s", string)) <= set(re.findall(r"%\(\w+\)s", key)), (lang, key)


def test_catalogs_compile_and_translate():
    catalogs = compile_catalogs(TRANSLATIONS)
    assert catalogs["ar"].gettext("Date unknown") == "التاريخ غير معروف"
    assert catalogs["fa"].gettext("Date unknown") == "تاریخ نامعلوم"
    assert catalogs["en"].gettext("Date unknown") == "Date unknown"
    assert catalogs["ar"].ngettext("%(num)s word", "%(num)s words", 2) == "كلمتان"
    assert catalogs["ar"].ngettext("%(num)s word", "%(num)s words", 11) % {"num": 11} == "11 كلمة"


@pytest.mark.parametrize(
    ("key", "lang", "label"),
    [("2023-09", "ar", "سبتمبر ٢٠٢٣"), ("2023-09", "fa", "سپتامبر ۲۰۲۳"), ("2021-11", "en", "November 2021")],
)
def test_month_label(key, lang, label):
    assert month_label(key, lang) == label


def test_native_digits():
    assert to_native_digits("573", "fa") == "۵۷۳"
    assert to_native_digits("573", "ar") == "٥٧٣"
    assert to_native_digits("573", "en") == "573"


def test_settings_defaults_and_environment():
    assert resolve(None, environ={}) == {**DEFAULTS}
    resolved = resolve({"ui_language": "fa"}, environ={"SITEURL": "https://x.org/archive/", "SIJILL_KEEP_GOING": "1"})
    assert (resolved["ui_language"], resolved["site_url"], resolved["keep_going"]) == (
        "fa",
        "https://x.org/archive",
        True,
    )


@pytest.mark.parametrize(
    ("user", "problem"),
    [
        ({"ui_langauge": "ar"}, "unknown setting"),
        ({"ui_language": "de"}, "ui_language"),
        ({"words_per_minute": 0}, "positive"),
        ({"words_per_minute": "fast"}, "must be int"),
        ({"keep_going": "yes"}, "must be bool"),
        ({"site_url": "example.org"}, "http"),
    ],
)
def test_bad_settings_are_named(user, problem):
    with pytest.raises(SettingsError, match=problem):
        resolve(user, environ={})
