"""Editorial annotations: `content/annotations/<id>.md`, a metadata header then a Markdown note.

    Title: …            overrides the headline
    Date: 2023-09-25    overrides the date (any shape `dates.parse_date` reads)
    Outlet: …           overrides the outlet
    URL: https://…      the original web address of the report
    Tags: a, b          editorial tags (comma-separated)
    Editor: …           who wrote the note
    Aliases: a.html, …  old paths of this article: each becomes a redirect page

A blank line ends the header. Every error names the file and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from .dates import parse_date
from .markup import render_markdown

FIELDS = ("title", "date", "outlet", "url", "tags", "editor", "aliases")
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z_-]*)\s*:\s*(?P<value>.*)$")
_URL = re.compile(r"^https?://\S+$")


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


def _coerce(key: str, value: str, path: str, lineno: int) -> object:
    if key == "date":
        found = parse_date(value)
        if not found:
            raise AnnotationError(path, lineno, f"cannot read the date {value!r}")
        return found.date
    if key == "url" and not _URL.match(value):
        raise AnnotationError(path, lineno, f"URL must be an http(s) address, got {value!r}")
    if key == "tags":
        return tuple(t.strip() for t in re.split(r"[,،]", value) if t.strip())
    if key == "aliases":
        paths = tuple(a.strip() for a in value.split(",") if a.strip())
        bad = [a for a in paths if a.startswith("/") or ".." in a.split("/") or not a.endswith((".html", ".txt"))]
        if bad:
            raise AnnotationError(path, lineno, f"an alias must be a relative .html or .txt path, got {bad[0]!r}")
        return paths
    return value


def parse_annotation(path: str, text: str) -> Annotation:
    """Parse one annotation file; `path` is only used to name the file in errors and for the id."""
    article_id = PurePath(path).stem
    lines = text.replace("\r\n", "\n").split("\n")
    values: dict[str, object] = {}
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
    note = "\n".join(lines[body_start:]).strip()
    set_fields = tuple(k for k in ("title", "date", "outlet", "url") if k in values)
    return Annotation(
        article_id=article_id,
        path=path,
        note_html=render_markdown(note) if note else "",
        set_fields=set_fields,
        **values,  # type: ignore[arg-type]
    )
