"""Editorial annotations: `content/annotations/<id>.md`, a metadata header then a Markdown note.

    Title: …            overrides the headline
    Date: 2023-09-25    overrides the date (any shape `dates.parse_date` reads)
    Outlet: …           overrides the outlet
    URL: https://…      the original web address of the report
    Tags: a, b          editorial tags (comma-separated)
    Editor: …           who wrote the note
    Aliases: a.html, …  old paths of this article: each becomes a redirect page

A blank line ends the header. Every error names the file and the line. The file must be UTF-8
and at most MAX_BYTES; it is cleaned like a seed (NFC, no controls, no bidi overrides) before it
is read, and the note's Markdown may nest (quotes, lists, brackets) at most MAX_NESTING deep.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from .clean import clean_text
from .dates import date_problem, parse_date
from .markup import render_markdown
from .sitepaths import path_problem

FIELDS = ("title", "date", "outlet", "url", "tags", "editor", "aliases")
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
    note_html: str = ""
    set_fields: tuple[str, ...] = field(default=())  # which article fields the editor set
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # field -> its line in the file


def _coerce(key: str, value: str, path: str, lineno: int) -> object:
    if key == "date":
        found = parse_date(value)
        if not found:
            why = date_problem(value) or "no day, month and year in it"
            raise AnnotationError(path, lineno, f"cannot read the date {value!r} ({why})")
        return found.date
    if key == "outlet" and not any(c.isalpha() for c in value):
        raise AnnotationError(path, lineno, f"the outlet {value!r} names no outlet (no letters)")
    if key == "url" and not _URL.match(value):
        raise AnnotationError(path, lineno, f"URL must be an http(s) address, got {value!r}")
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
    if len(data) > MAX_BYTES:
        raise AnnotationError(path, 1, f"the file is larger than {MAX_BYTES:,} bytes: keep notes short")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AnnotationError(path, line, f"not UTF-8 text (byte {error.start}): save the file as UTF-8") from None
    return parse_annotation(path, clean_text(text))


def parse_annotation(path: str, text: str) -> Annotation:
    """Parse one annotation file; `path` is only used to name the file in errors and for the id."""
    article_id = PurePath(path).stem
    lines = text.replace("\r\n", "\n").split("\n")
    values: dict[str, object] = {}
    field_lines: dict[str, int] = {}
    body_start = len(lines)
    for index, line in enumerate(lines):
        lineno = index + 1
        if not line.strip():
            body_start = index + 1
            break
        match = _HEADER_LINE.match(line)
        if not match:
            raise AnnotationError(path, lineno, f"expected 'Key: value' in the header, got {line!r}")
        key = match["key"].lower()
        if key not in FIELDS:
            known = ", ".join(FIELDS)
            raise AnnotationError(path, lineno, f"unknown field {match['key']!r} (known: {known})")
        if key in values:
            raise AnnotationError(path, lineno, f"field {match['key']!r} given twice")
        value = match["value"].strip()
        if not value:
            raise AnnotationError(path, lineno, f"field {match['key']!r} is empty")
        values[key] = _coerce(key, value, path, lineno)
        field_lines[key] = lineno
    note = "\n".join(lines[body_start:]).strip()
    nesting = _nesting_problem("\n".join(lines[body_start:]))
    if nesting:
        raise AnnotationError(path, body_start + nesting[0], nesting[1])
    set_fields = tuple(k for k in ("title", "date", "outlet", "url") if k in values)
    return Annotation(
        article_id=article_id,
        path=path,
        note_html=render_markdown(note) if note else "",
        set_fields=set_fields,
        lines=field_lines,
        **values,  # type: ignore[arg-type]
    )
