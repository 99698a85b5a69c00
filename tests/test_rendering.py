"""Pieces of the pages written in Python rather than by a template loop (the hot paths of a
large build): they must write exactly what the templates wrote, and rest on what they assume."""

from __future__ import annotations

import unicodedata

from markupsafe import Markup
from news_archive import fold
from news_archive.citation import Reference
from news_archive.related import Report, compare

WHITESPACE = [chr(c) for c in range(0x3000 + 1) if chr(c).isspace()]


def test_folding_never_joins_or_splits_words():
    """compare() folds each word apart and takes the words' tokens for the paragraph's: true as
    long as no character the fold spec changes (or NFKC expands to a space) joins two words."""
    changed = set(fold._table()) | {ord(to) for to in fold._table().values() if to}
    expanded = {c for c in range(0x110000) if " " in unicodedata.normalize("NFKC", chr(c))}
    for c in sorted(changed | expanded | {ord(w) for w in WHITESPACE}):
        if unicodedata.category(chr(c)) == "Cs":
            continue
        for space in WHITESPACE:
            text = f"x{chr(c)}{space}{chr(c)}y ب{chr(c)}"
            assert fold.tokens(text) == [t for w in text.split() for t in fold.tokens(w)], hex(c)


def test_compare_marks_a_run_shared_across_the_other_reports_paragraphs():
    words = ["قالت", "وزارة", "الخارجية", "الروسية", "اليوم", "إن", "قوات", "حفظ", "السلام", "ستبقى", "في", "المنطقة"]
    a = Report("a", "ar", None, None, "", (" ".join(words),))
    b = Report("b", "ar", None, None, "", (" ".join(words[:6]), " ".join(words[6:])))
    mine, theirs = compare(a, b)
    assert [p.shared for p in mine[0]] == [True]  # the other's paragraph break is no break in the text
    assert [(p.text, p.shared) for p in theirs[0]] == [(" ".join(words[:6]), True)]


def test_a_reference_is_written_as_the_page_wrote_its_runs():
    ref = Reference((("A <b> & c", "title"), ("، ", None), ("x < y", "outlet"), (" ", None), ("https://e/?a&b", "url")))
    html = ref.html()
    assert isinstance(html, Markup)
    assert html == (
        '<bdi>A &lt;b&gt; &amp; c</bdi>، <bdi>x &lt; y</bdi> <span class="cite-url" dir="ltr">https://e/?a&amp;b</span>'
    )
