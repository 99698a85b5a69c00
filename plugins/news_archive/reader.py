"""The Pelican readers for seed articles: `seeds/*.txt` (one article per file) and structured
seeds, `.json`, `.jsonl` and `.csv` files of records (one article per record, records.py). One of
the two modules that import Pelican: it only decodes, parses and hands the records over as
metadata."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from markupsafe import escape
from pelican.contents import Content
from pelican.readers import BaseReader

from . import boilerplate
from .clean import clean_text, truncate
from .decode import DecodeError, decode
from .ids import article_id, sha256
from .incremental import Cache, get_many
from .inputs import InputError, read_regular
from .records import read_records
from .seedparse import parse_seed
from .settings import resolve
from .workers import SHARED, fork_map, ranges


class Report(Content):
    """A news report. Unlike Pelican's Article it needs no date: unknown dates stay unknown."""

    mandatory_properties = ("title",)
    default_status = "published"
    default_template = "article"


def repeated_lines(
    seeds: list[tuple[Path, str]], cache: Cache | None = None, processes: int = 1
) -> dict[str, boilerplate.Boilerplate]:
    """The archive-wide signal (boilerplate.py): one pass over the text seeds' cleaned lines;
    for each seed (by absolute path), its own lines the archive repeats in many files (none:
    absent). A seed's regions are kept in `cache` by its digest, so a rebuild reads only new or
    changed seeds; the others are read by `processes` forked workers. A seed that cannot be read
    counts for nothing (its reading says why)."""
    texts = [(path, digest) for path, digest in seeds if path.suffix.lower() == ".txt"]
    found = get_many(cache, [digest for _, digest in texts]) if cache is not None else [None] * len(texts)
    missing = [i for i, regions in enumerate(found) if regions is None]
    jobs = ranges(len(missing), 4 * processes if len(missing) > REGIONS_IN_PROCESS else 1)
    paths = [texts[i][0] for i in missing]
    for (lo, _hi), part in zip(jobs, fork_map(_regions, jobs, processes, paths=paths), strict=True):
        for offset, regions in enumerate(part):
            i = missing[lo + offset]
            found[i] = regions
            if cache is not None and regions is not None:
                cache.put(texts[i][1], regions)
    named = [(os.path.abspath(path), r) for (path, _), r in zip(texts, found, strict=True) if r is not None]
    everything = boilerplate.find(r for _, r in named)
    if not everything:
        return {}
    return {name: lines for name, r in named if (lines := everything.within(r))}


REGIONS_IN_PROCESS = 200  # as few seeds as this are read for their regions in this process


def _regions(bounds: tuple[int, int]) -> list[boilerplate.Regions | None]:
    """The regions of seeds lo..hi of SHARED["paths"] (None: a seed that cannot be read)."""
    found = []
    for path in SHARED["paths"][bounds[0] : bounds[1]]:
        try:
            found.append(boilerplate.regions(clean_text(decode(read_regular(path)).text)))
        except (DecodeError, InputError, OSError):
            found.append(None)
    return found


class SeedReader(BaseReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = ["txt"]
    # each seed's lines the archive repeats (repeated_lines), set by the build before reading
    repeated: ClassVar[dict[str, boilerplate.Boilerplate]] = {}

    def read(self, source_path: str) -> tuple[str, dict]:
        metadata = self.metadata(source_path)
        return "\n".join(f"<p>{escape(p)}</p>" for p in metadata["record"].paragraphs), metadata

    def metadata(self, source_path: str) -> dict:
        """read's metadata alone: all the build uses (plugin.py reads seeds with it, not through
        Pelican's Readers.read_file, whose content object and HTML it never used)."""
        data = read_regular(Path(source_path))
        decoded = decode(data)
        warnings = []
        if decoded.cut_at is not None:
            warnings.append(f"ends in the middle of a character: bytes from offset {decoded.cut_at} dropped")
        if decoded.guessed:
            warnings.append(f"not UTF-8: decoded as {decoded.encoding} (guessed from the letters it gives)")
        limit = resolve(self.settings.get("NEWS_ARCHIVE"))["max_bytes"]
        text, truncated = truncate(clean_text(decoded.text), limit)
        if truncated:
            warnings.append(f"larger than {limit} bytes: only the first part is built, marked as truncated")
        record = parse_seed(text, self.repeated.get(os.path.abspath(source_path)))
        warnings += record.warnings
        ident = article_id(source_path, data)
        return {
            "title": record.title,
            "slug": ident,
            "article_id": ident,
            "sha256": sha256(data),
            "encoding": decoded.encoding,
            "record": record,
            "truncated": truncated,
            "warnings": warnings,
            "url": f"articles/{ident}.html",
            "save_as": f"articles/{ident}.html",
        }


class RecordsReader(BaseReader):
    """A structured seed: its records, each an article or a refusal with its number, in the
    metadata under "records" (records.RecordArticle, records.RecordRefused)."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["json", "jsonl", "csv"]

    def read(self, source_path: str) -> tuple[str, dict]:
        return "", self.metadata(source_path)

    def metadata(self, source_path: str) -> dict:
        path = Path(source_path)
        limit = resolve(self.settings.get("NEWS_ARCHIVE"))["max_bytes"]
        found = read_records(path.suffix, read_regular(path), limit)
        return {"title": path.name, "slug": path.name, "records": found, "save_as": ""}
