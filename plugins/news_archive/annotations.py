"""Editorial annotations: `content/annotations/<id>.md`, a metadata header then a Markdown note.

    Title: …            overrides the headline
    Date: 2023-09-25    overrides the date (any shape `dates.parse_date` reads)
    Outlet: …           overrides the outlet
    URL: https://…      the original web address of the report
    Tags: a, b          editorial tags (comma-separated)
    Editor: …           who wrote the note
    Aliases: a.html, …  old paths of this article: each becomes a redirect page
    Language: fa        overrides the language (ar or fa: the languages the archive reads)
    Time: 14:46 +03:00  overrides the time of day: HH:MM and an optional zone (+03:00, UTC,
                        an IANA name such as Asia/Tehran)
    Body_end: …         the last words of the article's last paragraph: the body ends with the
                        paragraph holding them (bodyend.py)

A field an editor sets is no longer one the reader inferred (nor marked as one on the page).

A blank line ends the header. The note follows, in Markdown. After it, notes on passages and
translations, each a section that starts with a `::: note` or `::: translation` line, then
its own header, a blank line and its Markdown:

    ::: note
    Quote: the exact words of the passage     (required; matched on folded text)
    Prefix: words just before it               (optional: to say which, if it occurs twice)
    Suffix: words just after it                (optional)
    Tags: a، b                                 (optional: thematic tags, each with its page)
    Lang: en                                   (optional: the note's language)
    Editor: …                                  (optional: defaults to the file's Editor)
    Date: 2024-01-05                           (optional)
    Id: n-peskov                               (optional: defaults to n1, n2, … in file order)

    ::: translation
    Quote: …, Prefix: …, Suffix: …             (optional: without Quote, the whole article)
    Lang: en                                   (required)
    Translator: …                              (optional)
    Date: …                                    (optional)
    Id: t-…                                    (optional: defaults to t1, t2, … for passages)

Every error names the file and the line. The file must be UTF-8
and at most MAX_BYTES; it is cleaned like a seed (NFC, no controls, no bidi overrides) before it
is read, and the note's Markdown may nest (quotes, lists, brackets) at most MAX_NESTING deep.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from .clean import EditorFileError, editor_text
from .clock import ClockError, parse_clock
from .dates import date_problem, parse_date
from .markup import render_markdown
from .sitepaths import path_problem

FIELDS = ("title", "date", "outlet", "url", "tags", "editor", "aliases", "language", "time", "body_end")
ARTICLE_FIELDS = ("title", "date", "outlet", "url", "language", "time", "body_end")  # what set_fields may name
ARTICLE_LANGUAGES = ("ar", "fa")  # what a seed's text may be (records.LANGUAGES, lang.py)
BODY_END_MAX = 300  # characters: the last words of a paragraph, not a paragraph
SECTION_FIELDS = {
    "note": ("id", "quote", "prefix", "suffix", "tags", "lang", "editor", "date"),
    "translation": ("id", "quote", "prefix", "suffix", "lang", "translator", "date"),
}
REQUIRED = {"note": ("quote",), "translation": ("lang",)}
_SECTION = re.compile(r"^:::\s*(?P<kind>\S+)\s*$")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_ID = re.compile(r"^[nt](?:[0-9]+|-[a-z0-9]+(?:-[a-z0-9]+)*)$")
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z_-]*)\s*:\s*(?P<value>.*)$")
_URL = re.compile(r"^https?://\S+$")
MAX_BYTES = 200_000  # an annotation is a note, not a second article
MAX_NESTING = 12  # levels of block quotes, indented lists and brackets Markdown is given
_BLOCK_PREFIX = re.compile(r"^((?:[ \t]*>)*)([ \t]*)")


class AnnotationError(ValueError):
    def __init__(self, path: str, line: int, problem: str):
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = path, line, problem


@dataclass(frozen=True)
class Annotation:
    article_id: str
    path: str
    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    editor: str | None = None
    aliases: tuple[str, ...] = ()
    language: str | None = None
    time: dt.time | None = None
    timezone: str | None = None  # with `time`: an offset `+03:00`, `UTC` or an IANA name
    body_end: str | None = None  # the last words of the article's last paragraph
    note_html: str = ""
    set_fields: tuple[str, ...] = field(default=())  # which article fields the editor set
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # field -> its line in the file
    note_md: str = ""  # the note as the editor wrote it (kept for the W3C export)
    passages: tuple[Passage, ...] = ()  # notes on passages and translations, in file order


@dataclass(frozen=True)
class Passage:
    """A note on a passage, or a translation (of a passage, or of the whole article: quote None)."""

    kind: str  # "note" | "translation"
    id: str  # n1, t1, … or the editor's Id; "translation-<lang>" for a whole-article translation
    quote: str | None
    line: int  # where its section starts, for errors
    prefix: str = ""
    suffix: str = ""
    tags: tuple[str, ...] = ()
    lang: str | None = None  # the language of its text (None: the article's)
    creator: str | None = None  # the editor, or the translator
    date: dt.date | None = None
    body_md: str = ""
    body_html: str = ""
    explicit_id: bool = False
    quote_line: int = 0  # the line of its Quote:, for errors about the quote


def _coerce(key: str, value: str, path: str, lineno: int) -> object:
    if key == "date":
        found = parse_date(value)
        if not found:
            why = date_problem(value) or "no day, month and year in it"
            raise AnnotationError(path, lineno, f"cannot read the date {value!r} ({why})")
        return found.date
    if key == "lang" and not _LANG.match(value):
        raise AnnotationError(path, lineno, f"Lang must be a language code such as en, ar or fa, got {value!r}")
    if key == "id" and not _ID.match(value):
        raise AnnotationError(
            path, lineno, f"Id must be n or t and a number, or n-/t- and words (n-peskov), got {value!r}"
        )
    if key == "outlet" and not any(c.isalpha() for c in value):
        raise AnnotationError(path, lineno, f"the outlet {value!r} names no outlet (no letters)")
    if key == "url" and not _URL.match(value):
        raise AnnotationError(path, lineno, f"URL must be an http(s) address, got {value!r}")
    if key == "language":
        if value.lower() not in ARTICLE_LANGUAGES:
            known = " or ".join(ARTICLE_LANGUAGES)
            raise AnnotationError(
                path, lineno, f"Language must be {known} (the languages the archive reads), got {value!r}"
            )
        return value.lower()
    if key == "time":
        try:
            return parse_clock(value)
        except ClockError as error:
            raise AnnotationError(path, lineno, f"Time: {error}") from None
    if key == "body_end":
        if not any(c.isalnum() for c in value):
            raise AnnotationError(path, lineno, f"Body_end must give the last words of the body, got {value!r}")
        if len(value) > BODY_END_MAX:
            raise AnnotationError(
                path, lineno, f"Body_end: give the last few words of the paragraph, not {len(value)} characters"
            )
    if key == "tags":
        return tuple(t.strip() for t in re.split(r"[,،]", value) if t.strip())
    if key == "aliases":
        paths = tuple(a.strip() for a in value.split(","))
        for alias in paths:
            problem = path_problem(alias, (".html", ".txt"))
            if problem:
                raise AnnotationError(path, lineno, f"alias: {problem}")
        if len(set(paths)) != len(paths):
            raise AnnotationError(path, lineno, "an alias is listed twice")
        return paths
    return value


def _nesting_problem(note: str) -> tuple[int, str] | None:
    """(line, problem) when the Markdown nests deeper than MAX_NESTING (Python-Markdown recurses
    once per level: thousands of levels exhaust the stack or take minutes)."""
    depth = 0
    for lineno, line in enumerate(note.split("\n"), 1):
        quotes, indent = _BLOCK_PREFIX.match(line).groups()  # type: ignore[union-attr]
        depth = depth if line.strip() else 0  # brackets are counted within a paragraph
        level = quotes.count(">") + len(indent.expandtabs(4)) // 4
        for char in line:
            depth = depth + 1 if char == "[" else max(0, depth - 1) if char == "]" else depth
            level = max(level, depth)
        if level > MAX_NESTING:
            what = "quotes, indented lists or brackets"
            return lineno, f"the note nests {level} levels deep ({what}); at most {MAX_NESTING}"
    return None


def load_annotation(path: str, data: bytes) -> Annotation:
    """An annotation file's bytes, checked (size, UTF-8), cleaned like a seed, then parsed."""
    try:
        text = editor_text(data, MAX_BYTES, "keep notes short")
    except EditorFileError as error:
        raise AnnotationError(path, error.line, error.message) from None
    return parse_annotation(path, text)


def _header(
    lines: list[str], start: int, fields: tuple[str, ...], path: str
) -> tuple[dict[str, object], dict[str, int], int]:
    """`Key: value` lines from `start` to the first blank line: values, their lines, and the
    index of the line after the blank one."""
    values: dict[str, object] = {}
    field_lines: dict[str, int] = {}
    for index in range(start, len(lines)):
        line, lineno = lines[index], index + 1
        if not line.strip():
            return values, field_lines, index + 1
        match = _HEADER_LINE.match(line)
        if not match:
            raise AnnotationError(path, lineno, f"expected 'Key: value' in the header, got {line!r}")
        key = match["key"].lower().replace("-", "_")  # Body_end, body-end
        if key not in fields:
            raise AnnotationError(path, lineno, f"unknown field {match['key']!r} (known: {', '.join(fields)})")
        if key in values:
            raise AnnotationError(path, lineno, f"field {match['key']!r} given twice")
        value = match["value"].strip()
        if not value:
            raise AnnotationError(path, lineno, f"field {match['key']!r} is empty")
        values[key] = _coerce(key, value, path, lineno)
        field_lines[key] = lineno
    return values, field_lines, len(lines)


def _sections(lines: list[str], start: int, path: str) -> list[tuple[str, int, int]]:
    """(kind, first line index, end index) of each `::: kind` section after `start`."""
    heads = []
    for index in range(start, len(lines)):
        match = _SECTION.match(lines[index])
        if match:
            if match["kind"] not in SECTION_FIELDS:
                known = " or ".join(f"'::: {k}'" for k in SECTION_FIELDS)
                raise AnnotationError(path, index + 1, f"unknown section {lines[index]!r} (known: {known})")
            heads.append((match["kind"], index))
    return [
        (kind, index, heads[n + 1][1] if n + 1 < len(heads) else len(lines)) for n, (kind, index) in enumerate(heads)
    ]


def _passage(kind: str, lines: list[str], first: int, end: int, count: int, editor: object, path: str) -> Passage:
    values, field_lines, body_start = _header(lines, first + 1, SECTION_FIELDS[kind], path)
    for key in REQUIRED[kind]:
        if key not in values:
            raise AnnotationError(path, first + 1, f"a '::: {kind}' section needs a {key.capitalize()}: line")
    for key in ("prefix", "suffix"):
        if key in values and "quote" not in values:
            raise AnnotationError(path, first + 1, f"{key.capitalize()}: without a Quote:")
    body = "\n".join(lines[body_start:end]).strip()
    if not body:
        raise AnnotationError(path, first + 1, f"the '::: {kind}' section has no text after its header")
    quote = values.get("quote")
    default_id = f"{kind[0]}{count}" if quote or kind == "note" else f"translation-{values['lang']}"
    return Passage(
        kind=kind,
        id=str(values.get("id", default_id)),
        quote=str(quote) if quote else None,
        line=first + 1,
        prefix=str(values.get("prefix", "")),
        suffix=str(values.get("suffix", "")),
        tags=values.get("tags", ()),  # type: ignore[arg-type]
        lang=values.get("lang"),  # type: ignore[arg-type]
        creator=values.get("editor" if kind == "note" else "translator", editor if kind == "note" else None),  # type: ignore[arg-type]
        date=values.get("date"),  # type: ignore[arg-type]
        body_md=body,
        body_html=render_markdown(body),
        explicit_id="id" in values,
        quote_line=field_lines.get("quote", first + 1),
    )


def parse_annotation(path: str, text: str) -> Annotation:
    """Parse one annotation file; `path` is only used to name the file in errors and for the id."""
    article_id = PurePath(path).stem
    lines = text.replace("\r\n", "\n").split("\n")
    values, field_lines, body_start = _header(lines, 0, FIELDS, path)
    nesting = _nesting_problem("\n".join(lines[body_start:]))
    if nesting:
        raise AnnotationError(path, body_start + nesting[0], nesting[1])
    sections = _sections(lines, body_start, path)
    note_end = sections[0][1] if sections else len(lines)
    note = "\n".join(lines[body_start:note_end]).strip()
    counts = {"note": 0, "translation": 0}
    passages = []
    for kind, first, end in sections:
        counts[kind] += 1
        passages.append(_passage(kind, lines, first, end, counts[kind], values.get("editor"), path))
    seen: dict[str, Passage] = {}
    for passage in passages:
        if passage.id in seen:
            raise AnnotationError(
                path, passage.line, f"the id {passage.id!r} is already used at line {seen[passage.id].line}"
            )
        seen[passage.id] = passage
    set_fields = tuple(k for k in ARTICLE_FIELDS if k in values)
    if "time" in values:
        values["time"], values["timezone"] = values["time"]  # type: ignore[misc]
    return Annotation(
        article_id=article_id,
        path=path,
        note_html=render_markdown(note) if note else "",
        set_fields=set_fields,
        lines=field_lines,
        note_md=note,
        passages=tuple(passages),
        **values,  # type: ignore[arg-type]
    )
