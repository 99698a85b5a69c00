"""Pieces of the pages written in Python rather than by a template loop (the hot paths of a
large build): they must write exactly what the templates wrote, and rest on what they assume."""

from __future__ import annotations

import unicodedata
from types import SimpleNamespace

from jinja2 import Environment
from markupsafe import Markup
from news_archive import fold
from news_archive.citation import Reference
from news_archive.pages import Memo, article_body
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


def test_a_reference_writes_itself_in_a_template():
    ref = Reference((("A <b>", "title"), (", 2023", None)))
    assert Environment(autoescape=True).from_string("{{ ref }}").render(ref=ref) == ref.html()


def test_plain_paragraphs_come_as_one_item_and_the_others_keep_their_numbers():
    """Consecutive plain paragraphs are one item of the article body (written at once); a marked
    paragraph between them is an item of its own with its number on the page (from 1)."""
    passage = SimpleNamespace(id="n1")
    entry = SimpleNamespace(
        paragraphs=("one", "two", "three <b>", "four", "five"),
        passages=[SimpleNamespace(passage=passage, spans=((2, 0, 5),), paragraph=None)],
    )
    body = article_body(entry)
    assert [(p.number, p.html is None) for p in body] == [(1, False), (3, True), (4, False)]
    assert body[0].html == (
        '  <p id="p1" dir="auto">one</p>\n  <p id="p2" dir="auto">two</p>\n'  # their ¶ links are site.js's
    )
    assert [s.text for s in body[1].segments] == ["three", " <b>"]
    assert body[2].html.count("<p id=") == 2 and 'id="p5"' in body[2].html


def test_a_memo_hit_is_read_as_the_call_wrote_it():
    """`{% if key in memo %}{{ memo[key] }}` gives what `{% call memo(*key) %}` wrote the first time."""
    memo, made = Memo(), []
    template = Environment(autoescape=True).from_string(
        "{% for x in xs %}{% set key = ('k', x) %}{% if key in memo %}{{ memo[key] }}{% else %}"
        "{% call memo(*key) %}<i>{{ made.append(x) or x }}</i>{% endcall %}{% endif %}{% endfor %}"
    )
    assert template.render(xs=["a", "<", "a", "<"], memo=memo, made=made) == "<i>a</i><i>&lt;</i>" * 2
    assert made == ["a", "<"]
