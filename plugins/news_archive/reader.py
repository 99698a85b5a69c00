"""The Pelican reader for seed articles (`seeds/*.txt`). One of the two modules that import
Pelican: it only decodes, parses and hands the record over as metadata."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from markupsafe import escape
from pelican.contents import Content
from pelican.readers import BaseReader

from .decode import decode
from .ids import article_id, sha256
from .seedparse import parse_seed


class Report(Content):
    """A news report. Unlike Pelican's Article it needs no date: unknown dates stay unknown."""

    mandatory_properties = ("title",)
    default_status = "published"
    default_template = "article"


class SeedReader(BaseReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = ["txt"]

    def read(self, source_path: str) -> tuple[str, dict]:
        data = Path(source_path).read_bytes()
        text, encoding = decode(data)
        record = parse_seed(text)
        ident = article_id(source_path, data)
        content = "\n".join(f"<p>{escape(p)}</p>" for p in record.paragraphs)
        metadata = {
            "title": record.title,
            "slug": ident,
            "article_id": ident,
            "sha256": sha256(data),
            "encoding": encoding,
            "record": record,
            "url": f"articles/{ident}.html",
            "save_as": f"articles/{ident}.html",
        }
        return content, metadata
