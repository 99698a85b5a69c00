"""The archive as plain data: one Entry per article (seed record + annotation merged),
the listings readers browse by (outlet, language, month), and `archive.json`.

An annotation's fields win over what the reader found (title, date, outlet, url, language,
time, where the body ends); a field an editor set is no longer listed as read from weak
evidence (`low_confidence`). Every list is in one order: by date, reports of one day by their
time of day where it is known (compared across zones), then by id."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import Any, NamedTuple, Protocol
from urllib.parse import quote

from .annotations import Annotation, AnnotationError, Passage
from .bodyend import BodyEndError, cut
from .dates import instant
from .fold import fold
from .passages import AnchorError, Span, anchor, overlap
from .seedparse import Appended, Removed, SeedRecord


@dataclass(frozen=True)
class Anchored:
    """A passage note or translation, with where its quote is (no spans: the whole article)."""

    passage: Passage
    spans: tuple[Span, ...] = ()

    @property
    def paragraph(self) -> int | None:
        """The paragraph (0-based) whose page carries the note: where the passage ends."""
        return self.spans[-1][0] if self.spans else None


def anchor_passages(paragraphs: tuple[str, ...], note: Annotation) -> tuple[Anchored, ...]:
    """Every passage of the annotation found in the article's paragraphs; an error with the
    annotation's file and line when a quote is missing, ambiguous or overlaps another."""
    found: list[Anchored] = []
    for passage in note.passages:
        if passage.quote is None:
            found.append(Anchored(passage))
            continue
        try:
            spans = anchor(paragraphs, passage.quote, passage.prefix, passage.suffix)
        except AnchorError as error:
            raise AnnotationError(note.path, passage.quote_line, str(error)) from None
        for other in found:
            if overlap(spans, other.spans):
                problem = f"the passage overlaps that of {other.passage.id} (line {other.passage.quote_line})"
                raise AnnotationError(note.path, passage.quote_line, problem)
        found.append(Anchored(passage, spans))
    return tuple(found)


@dataclass(frozen=True)
class Entry:
    id: str
    source_name: str  # the seed's file name (`name.jsonl#7` for a record of a structured seed)
    sha256: str  # of the seed's bytes (of a record's text as UTF-8)
    title: str
    title_derived: bool
    date: dt.date | None
    date_calendar: str | None  # calendar the source wrote the date in
    outlet: str | None
    keywords: tuple[str, ...]
    lang: str
    words: int
    reading_minutes: int
    paragraphs: tuple[str, ...]
    appended: tuple[Appended, ...]
    removed: tuple[Removed, ...]
    original_url: str | None = None
    tags: tuple[str, ...] = ()
    note_html: str = ""
    editor: str | None = None
    edited_fields: tuple[str, ...] = ()  # fields an editor set in the annotation
    entities: tuple[str, ...] = ()  # gazetteer ids of the people, places, organisations named
    truncated: bool = False  # the seed was over the size limit: only its first part is here
    aliases: tuple[str, ...] = ()  # other seed files with the very same bytes
    url_aliases: tuple[str, ...] = ()  # old paths that redirect here (from the annotation)
    passages: tuple[Anchored, ...] = ()  # notes on passages and translations (from the annotation)
    authors: tuple[str, ...] = ()  # as a structured seed's record gives them
    time: dt.time | None = None  # the time of day as the page wrote it (or an editor set it)
    timezone: str | None = None  # its zone: an offset `+03:00`, `UTC` or an IANA name
    updated: dt.date | None = None  # the last update the page gives
    via: tuple[str, ...] = ()  # wire services and sources credited, apart from the outlet
    low_confidence: tuple[str, ...] = ()  # fields read from weak evidence, not set by an editor

    @property
    def translations(self) -> tuple[Passage, ...]:
        """The editors' translations of the whole article."""
        return tuple(a.passage for a in self.passages if a.passage.kind == "translation" and not a.spans)

    @property
    def translated_text(self) -> str:
        """Every translation's Markdown source, for the search index (never the article's text)."""
        return "\n\n".join(a.passage.body_md for a in self.passages if a.passage.kind == "translation")

    @property
    def url(self) -> str:
        return f"articles/{self.id}.html"

    @property
    def text_url(self) -> str:
        return f"articles/{self.id}.txt"

    @property
    def month(self) -> str | None:
        return self.date.strftime("%Y-%m") if self.date else None


def make_entry(
    article_id: str,
    source_name: str,
    sha256: str,
    record: SeedRecord,
    annotation: Annotation | None = None,
    words_per_minute: int = 180,
    entities: tuple[str, ...] = (),
    truncated: bool = False,
    original_url: str | None = None,
    authors: tuple[str, ...] = (),
) -> Entry:
    note = annotation or Annotation(article_id=article_id, path="")
    date = note.date or (record.date.date if record.date else None)
    paragraphs, appended, removed, words = record.paragraphs, record.appended, record.removed, record.words
    if note.body_end:
        try:
            found = cut(paragraphs, appended, removed, note.body_end)
        except BodyEndError as error:
            raise AnnotationError(note.path, note.lines.get("body_end", 0), f"Body_end: {error}") from None
        paragraphs, appended, removed = found.paragraphs, found.appended, found.removed
        words = sum(1 for p in paragraphs for w in p.split() if any(c.isalnum() for c in w))
    time, zone = _time_of_day(note, record, date)
    return Entry(
        id=article_id,
        source_name=source_name,
        sha256=sha256,
        title=note.title or record.title,
        title_derived=record.title_derived and not note.title,
        date=date,
        date_calendar=None if note.date or not record.date else record.date.calendar,
        outlet=note.outlet or record.outlet,
        keywords=record.keywords,
        lang=note.language or record.lang,
        words=words,
        reading_minutes=max(1, -(-words // words_per_minute)),
        paragraphs=paragraphs,
        appended=appended,
        removed=removed,
        original_url=note.url or original_url,
        tags=note.tags,
        note_html=note.note_html,
        editor=note.editor,
        edited_fields=note.set_fields,
        entities=entities,
        truncated=truncated,
        url_aliases=note.aliases,
        passages=anchor_passages(paragraphs, note),
        authors=authors,
        time=time,
        timezone=zone,
        updated=record.updated,
        via=record.via,
        low_confidence=tuple(f for f in record.low_confidence if f not in _overridden(note)),
    )


# an annotation field -> the names the reader gives the fields it replaces (in low_confidence)
OVERRIDES = {
    "title": ("title",),
    "date": ("date",),
    "outlet": ("outlet",),
    "language": ("language", "lang"),
    "time": ("time", "timezone"),
    "body_end": ("body", "body_end"),
}


def _overridden(note: Annotation) -> set[str]:
    return {name for f in note.set_fields for name in OVERRIDES.get(f, ())}


def _time_of_day(note: Annotation, record: SeedRecord, date: dt.date | None) -> tuple[dt.time | None, str | None]:
    """The editor's time, else the page's; the page's is dropped when an editor changed the day
    it belongs to. A time needs a date: an editor's Time: for an undated article is an error."""
    if note.time is not None:
        if date is None:
            raise AnnotationError(note.path, note.lines.get("time", 0), "Time: the article has no date: set Date: too")
        return note.time, note.timezone
    if note.date and (record.date is None or record.date.date != note.date):
        return None, None
    return record.time, record.timezone


def moment(entry: Entry) -> float | None:
    """When a dated report with a time of day was published (dates.instant), in seconds since the epoch."""
    found = instant(entry.date, entry.time, entry.timezone)
    return found.timestamp() if found else None


def _day_order(entry: Entry) -> tuple:
    """Within a date: reports with a time first, by that time, then the others; then the id."""
    when = moment(entry)
    return (entry.date, when is not None, when or 0.0, entry.id)


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Newest first: by date, a day's reports with a time latest first and those without after
    them; undated last; ties by id so the order never depends on file order."""
    dated = sorted((e for e in entries if e.date), key=_day_order, reverse=True)
    undated = sorted((e for e in entries if not e.date), key=lambda e: e.id)
    return dated + undated


def oldest_first_key(entry: Entry) -> tuple:
    """Sort key, oldest first: by date, a day's reports with a time earliest first and those
    without after them, by id; undated last."""
    when = moment(entry)
    return (entry.date is None, entry.date or dt.date.min, when is None, when or 0.0, entry.id)


SLUG_MAX = 80


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(unicodedata.normalize("NFC", text)))


def slug(text: str, words: list[str] | None = None) -> str:
    """A file-name slug that keeps Arabic and Persian letters (folded, so variants agree). A
    long one is cut and given a hash of the whole, so two long names never share a slug; a
    text without letters or digits gets only the hash. `words`: the folded words to join, when
    not all of the text's."""
    joined = "-".join(_words(text) if words is None else words)
    if joined and len(joined) <= SLUG_MAX:
        return joined
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"{joined[:SLUG_MAX].rstrip('-')}-{digest}" if joined else f"x-{digest}"


# Words that say what kind of outlet a name is, not which: a paper writes its name with them in
# one place and without in another (on 946 real pages of 25 outlets, each time the pages of one
# site: "صحيفة سبق الإلكترونية" and "سبق", "جريدة الرياض" and "الرياض", "الوطن أون لاين" and
# "صحيفة الوطن" and "الوطن", "خبرگزاری فارس" and "فارس"). Left out of the key an outlet is
# listed under; a name that is nothing else keeps them. Not "قناة" or "موقع": a channel or a
# website of the same name as a paper ("قناة الجزيرة", "صحيفة الجزيرة") is another outlet.
OUTLET_KIND_FIRST = ("صحيفة", "جريدة", "روزنامه", "وكالة أنباء", "وكالة", "خبرگزاری")
OUTLET_KIND_LAST = ("الإلكترونية", "الإلكتروني", "أون لاين", "آنلاین")


@lru_cache(maxsize=1)
def _outlet_kinds() -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    return tuple(tuple(_words(w)) for w in OUTLET_KIND_FIRST), tuple(tuple(_words(w)) for w in OUTLET_KIND_LAST)


@lru_cache(maxsize=4096)
def outlet_key(name: str) -> str:
    """The listing an outlet's reports are in (its page: outlets/<key>.html): the slug of its
    name without the words that only say it is a paper, an agency or its online edition
    (OUTLET_KIND_FIRST, OUTLET_KIND_LAST), so that "صحيفة الجزيرة" is listed with "الجزيرة"."""
    words = _words(name)
    first, last = _outlet_kinds()
    for kind in first:
        if len(words) > len(kind) and tuple(words[: len(kind)]) == kind:
            words = words[len(kind) :]
            break
    for kind in last:
        if len(words) > len(kind) and tuple(words[-len(kind) :]) == kind:
            words = words[: -len(kind)]
            break
    return slug(name, words)


@lru_cache(maxsize=1 << 16)  # the same paths on many pages
def href(path: str) -> str:
    """Percent-encode a site path for use in an href (Arabic file names included)."""
    return quote(path, safe="/-._~")


@dataclass(frozen=True)
class Listing:
    kind: str  # "outlet" | "language" | "month" | "entity"
    key: str  # slug, language code, YYYY-MM or "undated"
    label: str  # what to show (raw outlet name, language code, YYYY-MM)
    entries: tuple[Entry, ...]
    variants: tuple[str, ...] = ()  # other spellings listed here (outlets with one outlet_key)

    @property
    def path(self) -> str:
        folder = {"outlet": "outlets", "language": "languages", "month": "months", "entity": "entities"}[self.kind]
        return f"{folder}/{self.key}.html"


def most_used(spellings: list[str]) -> str:
    """The spelling written most often; on a tie the first in sorted order."""
    counts = Counter(spellings)
    return min(counts, key=lambda name: (-counts[name], name))


class _Outlet(Protocol):
    outlet: str | None


def outlet_labels(entries: Iterable[_Outlet]) -> dict[str, str]:
    """Each outlet name the entries (or reports) hold -> the name its listing shows: of the
    names with its outlet_key, the one written most often."""
    spellings: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        if e.outlet:
            spellings[outlet_key(e.outlet)].append(e.outlet)
    labels: dict[str, str] = {}
    for names in spellings.values():
        label = most_used(names)
        labels.update(dict.fromkeys(names, label))
    return labels


def listings(entries: list[Entry]) -> list[Listing]:
    """Every listing page: one per outlet, per language, per month (plus undated)."""
    ordered = newest_first(entries)
    result: list[Listing] = []
    with_outlet = [e for e in ordered if e.outlet]
    by_outlet = sorted(with_outlet, key=lambda e: outlet_key(e.outlet or ""))
    outlets = []
    for key, group in groupby(by_outlet, key=lambda e: outlet_key(e.outlet or "")):
        items = newest_first(list(group))
        spellings = [e.outlet or "" for e in items]
        label = most_used(spellings)
        variants = tuple(sorted(set(spellings) - {label}))
        outlets.append(Listing("outlet", key, label, tuple(items), variants))
    result += sorted(outlets, key=lambda x: (slug(x.label), x.key))  # in the order of the names shown
    by_lang: dict[str, list[Entry]] = defaultdict(list)
    by_month: dict[str, list[Entry]] = defaultdict(list)  # "undated" for the entries without a date
    by_entity: dict[str, list[Entry]] = defaultdict(list)
    for e in ordered:  # one pass, each group in the listing's order
        by_lang[e.lang].append(e)
        by_month[e.month or "undated"].append(e)
        for ident in dict.fromkeys(e.entities):
            by_entity[ident].append(e)
    for lang in sorted(by_lang):
        result.append(Listing("language", lang, lang, tuple(by_lang[lang])))
    for month in sorted((m for m in by_month if m != "undated"), reverse=True):
        result.append(Listing("month", month, month, tuple(by_month[month])))
    if "undated" in by_month:
        result.append(Listing("month", "undated", "undated", tuple(by_month["undated"])))
    for ident in sorted(by_entity):
        result.append(Listing("entity", ident, ident, tuple(by_entity[ident])))
    return result


class Export(NamedTuple):
    """An archive-wide file (archive.json, archive.bib...) written one piece per article, each a
    pure function of the article and the site: a rebuild keeps the pieces of the articles it did
    not change (incremental.pieces). Called with the articles and the site, it writes them all."""

    piece: Callable[[Entry, Any], str]  # (article, citation.Site) -> its piece
    join: Callable[[list[str]], str]  # the pieces, in order -> the file's text

    def __call__(self, entries: list[Entry], site: Any = None) -> str:
        return self.join([self.piece(e, site) for e in entries])


def json_line(value: object) -> str:
    """A value as one line of an archive-wide JSON export (`json_array`): compact, keys sorted."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_array(lines: list[str]) -> str:
    """A JSON array with one value a line (`json_line`): an archive-wide export stays small and
    can still be read and compared line by line."""
    return "[\n" + ",\n".join(lines) + "\n]"


# archive.json: every article, one a line
archive_json = Export(
    lambda entry, _site: json_line(archive_record(entry)), lambda lines: f'{{"articles":{json_array(lines)}}}\n'
)


def archive_record(entry: Entry) -> dict:
    """One article in archive.json: the same values the pages show. The time of day, its zone,
    the last update, "via" credits, authors and the fields read from weak evidence only when
    there are any."""
    optional = {
        "time": entry.time.strftime("%H:%M") if entry.time else None,
        "timezone": entry.timezone,
        "updated": entry.updated.isoformat() if entry.updated else None,
        "via": list(entry.via),
        "authors": list(entry.authors),
        "low_confidence": list(entry.low_confidence),
    }
    return {
        **{key: value for key, value in optional.items() if value},
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "title_derived": entry.title_derived,
        "date": entry.date.isoformat() if entry.date else None,
        "outlet": entry.outlet,
        "lang": entry.lang,
        "keywords": list(entry.keywords),
        "words": entry.words,
        "entities": list(entry.entities),
        "sha256": entry.sha256,
        "text_url": entry.text_url,
        "original_url": entry.original_url,
        "annotation": {
            "note": bool(entry.note_html),
            "editor": entry.editor,
            "tags": list(entry.tags),
            "original_url": entry.original_url if "url" in entry.edited_fields else None,
            "edited_fields": list(entry.edited_fields),
            "passages": [
                {"id": p.id, "kind": p.kind, "quote": p.quote, "lang": p.lang, "tags": list(p.tags)}
                for p in (a.passage for a in entry.passages)
            ],
        },
    }
