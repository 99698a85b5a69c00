"""Issue 13's size bound on a page a reader opens: a comparison of two long near-duplicate reports
stays under 300 KB and says how much of them it compares."""

from __future__ import annotations

import json
import random
import re

import pytest

from tests.conftest import build_site
from tests.htmlscan import scan

# words of our own: the texts are generated, never third-party news
WORDS_TEXT = (
    "المجلس البلدي ناقش خطة المياه الجديدة في جلسته الأسبوعية وقال رئيسه إن المشروع يبدأ الشهر "
    "المقبل بعد موافقة اللجنة المالية على الميزانية المعدلة وأضاف أن السكان سيستفيدون من الشبكة"
)
WORDS = WORDS_TEXT.split()
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PARAGRAPHS = 160  # of about 900 letters each: some 290 KB of UTF-8 per report


def long_report(seed: int, changed: int) -> str:
    rng = random.Random(7)
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(150)) + "." for _ in range(PARAGRAPHS)]
    edit = random.Random(seed)
    for n in edit.sample(range(PARAGRAPHS), changed):  # a near-duplicate: a few paragraphs reworded
        paragraphs[n] = " ".join(edit.choice(WORDS) for _ in range(150)) + "."
    return "خطة المياه الجديدة للمجلس البلدي\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def long_pair(tmp_path_factory):
    seeds = {
        "001_00000000000000a1.txt": long_report(1, 0).encode(),
        "002_00000000000000a2.txt": long_report(2, 6).encode(),
    }
    built = build_site(tmp_path_factory.mktemp("long"), seeds=seeds, annotations={})
    assert built.returncode == 0, built.log
    return built


def test_a_comparison_of_two_long_reports_stays_under_300_kb_and_says_it_is_cut(long_pair):
    [page] = (long_pair.output / "compare").glob("*.html")
    assert page.stat().st_size <= 300_000, f"{page.stat().st_size:,} bytes"
    sides = page.read_text("utf-8").split('<section class="compare-side"')[1:]
    shown = [side.count('<p dir="auto">') for side in sides]
    assert len(shown) == 2 and shown[0] == shown[1] and 10 < shown[0] < PARAGRAPHS
    said = re.search(r"لا تُقارن هنا إلا أول (\S+) فقرة من كل تقرير", scan(page).text)
    assert said and said.group(1) == str(shown[0]).translate(ARABIC_DIGITS), "it says how many are compared"
    assert "<mark>" in sides[0] and "<mark>" in sides[1], "the shared passages are marked"
    for article in (long_pair.output / "articles").glob("*.html"):  # each report stays whole on its page
        assert article.read_text("utf-8").count('<p id="p') == PARAGRAPHS


def test_what_every_paragraph_and_every_listed_report_repeats_stays_small(long_pair, site):
    """Markup repeated thousands of times in a large archive: a paragraph (its id and direction:
    its ¶ link is made by site.js) and a report's line in the lists of entity,
    outlet and story pages (its tags, attributes and indentation; its text left out): the date
    as text, the headline's language only where it is not the page's."""
    for article in (long_pair.output / "articles").glob("*.html"):
        html = article.read_text("utf-8")
        paragraphs = re.findall(r'<p id="p\d+" dir="auto">[^<]*</p>', html)
        assert len(paragraphs) == PARAGRAPHS and 'class="anchor"' not in html, article
    lines, langs = [], set()
    pages = [*(site.output / "entities").glob("*.html"), *(site.output / "outlets").glob("*.html")]
    pages += [p for p in (site.output / "stories").glob("*.html") if p.name != "index.html"]
    for page in pages:
        html = page.read_text("utf-8")
        page_lang = re.search(r'<html lang="(\w+)"', html).group(1)
        start = html.index('<ol class="entries')
        listed = re.findall(r"<li.*?</li>", html[start : html.index("</ol>", start)], re.S)
        lines += listed
        langs |= {lang for line in listed for lang in re.findall(r' lang="(\w+)"', line)}
        assert not any(f' lang="{page_lang}"' in line for line in listed), page
    assert len(lines) > 20 and langs, "reports in another language than the page's say so"
    assert not any("<time" in line for line in lines)
    unknown = re.compile(r'<span class="unknown">[^<]*</span>')  # "date unknown", "outlet unknown"
    text = re.compile(r"(?<=>)[^<>]*\S[^<>]*(?=<)")  # text between tags; indentation counts
    markup = [len(text.sub("", unknown.sub("", line)).encode()) for line in lines]
    assert max(markup) <= 165, lines[markup.index(max(markup))]  # 185 before, without the story lists
    listing = [size for size, line in zip(markup, lines, strict=True) if line.startswith("<li><a")]
    assert listing and max(listing) <= 95  # 142 with a class on the headline and its date line, a <bdi>


def test_the_archive_wide_exports_give_one_record_a_line_without_indentation(site):
    """archive.json and archive.csl.json hold every article: compact JSON, one article a line (a
    fifth smaller than indented), read by any JSON reader and by a reader of lines."""
    for name, unwrap in (("archive.json", lambda data: data["articles"]), ("archive.csl.json", lambda data: data)):
        text = (site.output / name).read_text("utf-8")
        records, lines = unwrap(json.loads(text)), text.splitlines()
        assert records and len(lines) == len(records) + 2, name
        assert [json.loads(line.removesuffix(",")) for line in lines[1:-1]] == records, name
