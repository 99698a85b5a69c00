"""Plural forms through gettext's ngettext with the catalogs' CLDR plural rules (Babel): every
Arabic form (zero, one, two, few, many, other) and the Persian one, in the theme's catalogs."""

from __future__ import annotations

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from news_archive.i18n import compile_catalogs

from tests.conftest import REPO

CATALOGS = compile_catalogs(REPO / "theme" / "translations")


@pytest.mark.parametrize(
    ("n", "category", "text"),
    [
        (0, "zero", "لا تقارير"),
        (1, "one", "تقرير واحد"),
        (2, "two", "تقريران"),
        (3, "few", "3 تقارير"),
        (10, "few", "10 تقارير"),
        (11, "many", "11 تقريراً"),
        (99, "many", "99 تقريراً"),
        (100, "other", "100 تقرير"),
        (102, "other", "102 تقرير"),
    ],
)
def test_arabic_has_six_plural_forms(n, category, text):
    assert Locale("ar").plural_form(n) == category
    assert CATALOGS["ar"].ngettext("%(num)s report", "%(num)s reports", n) % {"num": n} == text


@pytest.mark.parametrize(("n", "text"), [(1, "1 گزارش"), (2, "2 گزارش"), (25, "25 گزارش")])
def test_persian_has_one_form(n, text):
    assert CATALOGS["fa"].ngettext("%(num)s report", "%(num)s reports", n) % {"num": n} == text


@pytest.mark.parametrize(("lang", "forms"), [("ar", 6), ("fa", 1), ("en", 2)])
def test_every_message_is_translated_with_all_its_plural_forms(lang, forms):
    with (REPO / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    assert catalog.num_plurals == forms
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if message.pluralizable else (message.string,)
        assert len(strings) == (forms if message.pluralizable else 1) and all(strings), (lang, message.id)


@pytest.mark.parametrize(("n", "text"), [(2, "تقريرين"), (3, "3 تقارير"), (12, "12 تقريراً")])
def test_the_story_line_uses_the_dual_and_the_plural(n, text):
    line = CATALOGS["ar"].ngettext("Part of a story of %(num)s report:", "Part of a story of %(num)s reports:", n)
    assert text in line % {"num": n}
