"""Incremental builds: what a build was made from, and what can be taken from the last one.

The cache folder (`.sijill-cache/` beside the settings file, git-ignored) holds:

    builds/<output key>.json   the last successful build into one output folder: the digest of
                               every input file (path, size, mtime, SHA-256) and the size and
                               mtime of every file it wrote
    builds/<output key>.digests.json   the same digests as the build about to run takes them, for
                               its process: a seed unchanged since is not read to be identified
    pages/<site key>.json      the key of every page of a build (`PageKeys`), found through the
                               `pages_key` of the site's build-report.json
    records.sqlite             values computed from content, keyed by a digest of the content
                               (or of what it is made from: an article's entry by its seed's key,
                               annotation and aliases) and of the plugin's code (`Store`), one
                               table each: parsed seeds (records), each report's text features
                               (related), each search document's terms and the last build's
                               inversion of them (search), each report's possible names
                               (candidates), the stand-in references of each citation style
                               (citations)
    blobs/<table>-<key>        a value of records.sqlite too large for it (Store)
    exports/<file>.pickle      the last build's pieces of an archive-wide file (archive.json,
                               archive.bib...), by the key of the article each is of (`pieces`)

A build whose inputs (every file of the project outside its outputs, hidden folders and
node_modules, whose lockfile stands for it; the `SITEURL` and `SIJILL_*` environment; the
build's flags) are the same as the last one's, into an output folder still exactly as that
build left it, does nothing. Otherwise the plugin re-renders only the pages whose key changed
and links the others from the previous site (`reusable`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar, Protocol

from jinja2 import FileSystemBytecodeCache

from .ids import sha256
from .inputs import read_regular

CACHE_DIR = ".sijill-cache"
SKIPPED = {"node_modules", "__pycache__"}  # plus hidden names and folders holding a previous build
BUILD_MARKER = "build-report.json"
ENVIRONMENT = ("SITEURL",)  # and every SIJILL_* variable
MANY = 500  # keys a Store asks SQLite for in one query (it allows 32,766 parameters)
PICKLE = 5  # the pickle protocol of the values a Store keeps
LARGE = 1 << 20  # a value this large (pickled) is kept in a file of its own


def cache_folder(project: Path) -> Path:
    return Path(os.environ.get("SIJILL_CACHE") or project / CACHE_DIR)


def output_key(output: Path) -> str:
    return hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]


# --- files ------------------------------------------------------------------------------------
def walk(root: Path, skip: set[Path] = frozenset()) -> Iterator[tuple[str, os.stat_result, Path]]:
    """(relative path, stat, path) of every regular file below `root`, following links to
    folders once, without hidden names, SKIPPED folders, `skip` and folders holding a build."""
    seen: set[str] = set()
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        real = os.path.realpath(folder)
        if real in seen or folder in skip or (folder != root and (folder / BUILD_MARKER).exists()):
            continue
        seen.add(real)
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name.startswith(".") or name in SKIPPED:
                continue
            path = folder / name
            try:
                info = path.stat()
            except OSError:  # a broken link: the build reports it; its target is not an input
                continue
            if os.path.isdir(path):
                stack.append((path, f"{prefix}{name}/"))
            elif os.path.isfile(path):
                yield f"{prefix}{name}", info, path


def file_digests(root: Path, previous: dict[str, list], skip: set[Path] = frozenset()) -> dict[str, list]:
    """path -> [size, mtime_ns, sha256]; a file whose size and mtime are unchanged keeps the
    digest it had (as git's index does), every other file is read."""
    found = {}
    for name, info, path in walk(root, skip):
        known = previous.get(name)
        if known and known[0] == info.st_size and known[1] == info.st_mtime_ns:
            found[name] = known
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        found[name] = [info.st_size, info.st_mtime_ns, digest]
    return found


def output_files(output: Path) -> dict[str, list[int]]:
    """path -> [size, mtime_ns] of every file of a built site (as os.walk lists them: links to
    folders not followed). With os.scandir's entries, not paths: 0.12 s at 35,767 files, where
    os.walk and a stat per path took 0.29 s."""
    files = {}
    stack = [("", os.fspath(output))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    if not entry.is_symlink():
                        stack.append((f"{prefix}{entry.name}/", entry.path))
                    continue
                info = entry.stat()
                files[prefix + entry.name] = [info.st_size, info.st_mtime_ns]
    return files


# --- whole builds -----------------------------------------------------------------------------
def last_build(project: Path, output: Path) -> dict:
    """The record of the last successful build into `output` ({} when there is none)."""
    return _load(cache_folder(project) / "builds" / f"{output_key(output)}.json")


def inputs(project: Path, output: Path, flags: dict[str, bool], last: dict, code: Path | None = None) -> dict:
    """What a build into `output` is made from: the project's files and those of the folders
    outside it that the last build read (seeds or a theme elsewhere, `note_roots`), and the
    plugin's own folder `code` when it is outside the project (the last build may have run
    another copy of the plugin); files unchanged in size and time since `last` keep their
    digests."""
    folder = cache_folder(project) / "builds"
    known = last.get("inputs", {}).get("files", {})
    noted = set(_load(folder / f"{output_key(output)}.roots.json").get("roots", []))
    if code is not None and not code.resolve().is_relative_to(project.resolve()):
        noted.add(str(code.resolve()))
    roots = sorted(noted)
    files = file_digests(project, known, {output.resolve()})
    for root in roots:
        prefix = f"{root}/"
        inside = {k.removeprefix(prefix): v for k, v in known.items() if k.startswith(prefix)}
        files.update({prefix + k: v for k, v in file_digests(Path(root), inside).items()})
    environment = {k: v for k, v in os.environ.items() if k in ENVIRONMENT or k.startswith("SIJILL_")}
    return {
        "files": files,
        "roots": roots,
        "environment": dict(sorted(environment.items())),
        "flags": flags,
        "python": sys.version,
    }


def save_digests(project: Path, output: Path, files: dict[str, list]) -> Path | None:
    """The digests of `inputs`' files by absolute path, for the build's process (`seed_digest`),
    in the cache folder; none before a first build (which reads every seed anyway)."""
    folder = cache_folder(project) / "builds"
    if not folder.is_dir():
        return None
    table = {name if os.path.isabs(name) else os.path.join(project, name): v for name, v in files.items()}
    path = folder / f"{output_key(output)}.digests.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    return path


def load_digests(path: str | None) -> dict[str, list]:
    return _load(Path(path)) if path else {}


def seed_digest(path: Path, size: int, mtime_ns: int, digests: dict[str, list]) -> str:
    """The SHA-256 of a seed found with this size and modification time: the one build_atomic
    took (`digests`, from `save_digests`) when they are those it saw, else read and computed
    (inputs.read_regular's errors). A +1 rebuild of 10,000 articles read them all for it: 0.45 s."""
    known = digests.get(os.path.abspath(path))
    if known and known[0] == size and known[1] == mtime_ns:
        return known[2]
    return sha256(read_regular(path))  # a seed's identity, as ids defines it


def note_roots(cache: Path, output: Path, project: Path, roots: list[Path]) -> None:
    """The plugin names the folders it read outside the project, so the next build checks them."""
    folder = cache / "builds"
    folder.mkdir(parents=True, exist_ok=True)
    inside = Path(os.path.abspath(project))  # a link from the project to elsewhere is walked as part of it
    outside = {str(root.resolve()) for root in roots if not Path(os.path.abspath(root)).is_relative_to(inside)}
    record = {"roots": sorted(outside)}
    (folder / f"{output_key(output)}.roots.json").write_text(json.dumps(record), encoding="utf-8")


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def _same_inputs(a: dict, b: dict) -> bool:
    strip = lambda x: {**x, "files": {k: v[0::2] for k, v in x.get("files", {}).items()}}  # noqa: E731
    return bool(a) and strip(a) == strip(b)


def up_to_date(output: Path, now: dict, last: dict) -> bool:
    """True when the last build into `output` had these inputs and the folder is as it left it."""
    return _same_inputs(last.get("inputs", {}), now) and output.is_dir() and last.get("output") == output_files(output)


def remember(project: Path, output: Path, now: dict, last: dict) -> None:
    """Record a successful build (after the new site is in place). When the build read folders
    outside the project that `now` did not cover (seeds kept elsewhere, a first build), their
    files are digested now, as the build left them."""
    folder = cache_folder(project) / "builds"
    if _load(folder / f"{output_key(output)}.roots.json").get("roots", []) != now["roots"]:
        now = inputs(project, output, now["flags"], last)
    folder.mkdir(parents=True, exist_ok=True)
    record = {"inputs": now, "output": output_files(output)}
    temporary = folder / f".{output_key(output)}.json.tmp"
    temporary.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    temporary.replace(folder / f"{output_key(output)}.json")


# --- pages ------------------------------------------------------------------------------------
SHARED_TUPLE = 16  # a tuple this long is keyed by its digest, computed once however many pages hold it


class _KeyPickler(pickle.Pickler):
    """Pickles a page's context canonically: without the memo (whether two equal strings are one
    object differs between a parsed record and a cached one), sets in sorted order (their order
    changes from one process to the next), and every archive entry replaced by its digest
    (given by `PageKeys.known`, else computed once per entry: `plain_digest`), so a page's key
    costs little more than its own data.
    A long tuple (a listing's entries, which each page of the listing holds) is replaced by its
    digest too, computed once per tuple: without it the keys of a listing of n pages cost n times
    its length. The pickler calls `persistent_id` for every object (1.17 million times for the
    pages of 10,000 articles) and `reducer_override` for none of a built-in type (not for a set)."""

    def __init__(self, file, digests: dict, kinds: tuple[type, ...], unseen: dict[type, tuple[str, ...]]):
        super().__init__(file, protocol=5)
        self.fast = True  # no memo
        self.digests, self.kinds, self.unseen = digests, kinds, unseen

    def reducer_override(self, obj):
        if type(obj) in self.unseen:  # a dataclass without the fields no page shows
            hidden = self.unseen[type(obj)]
            return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name not in hidden)
        return NotImplemented

    def persistent_id(self, obj):
        kind = type(obj)
        if kind in self.kinds:
            known = self.digests.get(id(obj))
            if known is None:  # kept with its object, so that its id is not reused meanwhile
                known = self.digests[id(obj)] = (obj, plain_digest(obj))
            return known[1]
        if kind is tuple:
            if len(obj) < SHARED_TUPLE:
                return None
            known = self.digests.get(id(obj))  # a listing's entries, in each of its pages
            if known is None:
                digest = hashlib.sha256(b"tuple\0")
                _KeyPickler(_HashWriter(digest), self.digests, self.kinds, self.unseen).dump(list(obj))
                known = self.digests[id(obj)] = (obj, f"tuple:{digest.hexdigest()}")
            return known[1]
        if kind is set or kind is frozenset:  # pickled as this list (whose items are asked about in turn)
            return [kind.__name__, *sorted(obj, key=repr)]
        return None


def digest_of(*parts: str) -> str:
    """A digest of these strings, each told apart from the next."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def plain_digest(value: object) -> str:
    """A digest of a value made of plain data (strings, numbers, dates, tuples and dataclasses of
    them, as an archive entry is: no sets, whose order changes from one process to the next),
    pickled without the memo and without `_KeyPickler`'s hooks: at C speed."""
    digest = hashlib.sha256()
    pickler = pickle.Pickler(_HashWriter(digest), protocol=PICKLE)
    pickler.fast = True
    pickler.dump(value)
    return digest.hexdigest()


class PageKeys:
    """Keys of rendered pages: the same key means the same bytes (for one code and theme).
    `kinds`: types keyed by a digest computed once per object; `unseen`: per dataclass, fields
    that no template shows (left out of the key)."""

    def __init__(self, code_key: str, kinds: tuple[type, ...], unseen: dict[type, tuple[str, ...]] | None = None):
        self.code_key, self.kinds, self.unseen = code_key, kinds, unseen or {}
        self.digests: dict[int, tuple[object, str]] = {}

    def known(self, objects: list, digests: list[str]) -> None:
        """The digests of these objects, in order, from elsewhere: a digest of each one's
        content (plain_digest) or of all it is made from."""
        for obj, digest in zip(objects, digests, strict=True):
            self.digests[id(obj)] = (obj, digest)

    def key(self, path: str, template: str, lang: str, context: dict) -> str:
        digest = hashlib.sha256(self.code_key.encode())
        writer = _HashWriter(digest)
        _KeyPickler(writer, self.digests, self.kinds, self.unseen).dump((path, template, lang, context))
        return digest.hexdigest()


class _HashWriter:
    def __init__(self, digest):
        self.digest = digest

    def write(self, data) -> int:
        self.digest.update(data)
        return len(data)


def code_key(folders: list[Path], values: object) -> str:
    """A digest of the files of these folders (code, theme, data) and of settings values."""
    digest = hashlib.sha256(repr(values).encode())
    for folder in folders:
        for name, _info, path in walk(folder):
            digest.update(f"{folder.name}/{name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept from one build to the next (compiling them took 0.3-0.6 s of every
    build), in a folder of the cache per page key (the code, theme, settings and package versions
    a page's bytes depend on; the folders of other keys are deleted). A language's templates
    hold its translations (i18n.ConstantMessages): the language is part of each template's key."""

    def __init__(self, cache: Path, page_key: str, lang: str):
        folder = cache / "templates"
        for old in folder.iterdir() if folder.is_dir() else []:
            if old.name != page_key:
                shutil.rmtree(old, ignore_errors=True)
        (folder / page_key).mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder / page_key))
        self.lang = lang

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self.lang}\0{name}\0{filename}".encode()).hexdigest()

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):  # its folder deleted by a build of another key: compiled next time
            super().dump_bytecode(bucket)


def load_page_keys(cache: Path, site_key: str) -> dict[str, str]:
    return _load(cache / "pages" / f"{site_key}.json") if site_key.isalnum() else {}


def save_page_keys(cache: Path, keys: dict[str, str], keep: str = "") -> str:
    """Store the page keys of a build under their own digest (written into its build report,
    so a later build finds the keys of the site actually in place, whichever build that was);
    the keys of older builds than `keep` (the site in place now) are dropped."""
    text = json.dumps(keys, sort_keys=True)
    site_key = hashlib.sha256(text.encode()).hexdigest()
    folder = cache / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        if old.stem not in (site_key, keep):
            old.unlink(missing_ok=True)
    (folder / f"{site_key}.json").write_text(text, encoding="utf-8")
    return site_key


def pieces(cache: Path | None, name: str, code_key: str, keys: list[str], make: Callable[[int], str]) -> list[str]:
    """The per-article pieces of the archive-wide file `name` (archive.Export), one per article
    key (a digest of what its entry is made from): those the last build made under the same
    `code_key` (the code, theme and settings they depend on), the others made now (`make(i)`,
    for the i-th key); all kept in the cache folder, exports/<name>.pickle, for the next build.
    A +1 rebuild of 10,000 articles made the four files' 40,000 pieces again in 1.4 s of CPU."""
    if cache is None:
        return [make(i) for i in range(len(keys))]
    path = cache / "exports" / f"{name}.pickle"
    try:
        made_by, known = pickle.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # none yet, or unreadable
        made_by, known = None, {}
    if made_by != code_key:
        known = {}
    found = [known[key] if key in known else make(i) for i, key in enumerate(keys)]
    with contextlib.suppress(OSError):  # a read-only cache: made again next time
        path.parent.mkdir(exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps((code_key, dict(zip(keys, found, strict=True))), protocol=PICKLE))
        temporary.replace(path)
    return found


def built_files(cache: Path, output: Path) -> dict[str, list[int]]:
    """path -> [size, mtime_ns] of the files of the site in `output` as its build left them."""
    return _load(cache / "builds" / f"{output_key(output)}.json").get("output", {})


def reuse(previous: Path, staging: Path, path: str, as_built: dict[str, list[int]]) -> bool:
    """Put the previous site's copy of `path` into the new site (a hard link, else a copy),
    unless that file is no longer as its build left it."""
    source, target = os.path.join(previous, path), os.path.join(staging, path)
    try:
        info = os.stat(source)
    except OSError:
        return False
    if as_built.get(path) != [info.st_size, info.st_mtime_ns]:
        return False
    try:
        os.link(source, target)
        return True
    except FileNotFoundError:  # its folder is not made yet (a link per file: no mkdir each time)
        os.makedirs(os.path.dirname(target), exist_ok=True)
    except OSError:
        pass
    try:
        os.link(source, target)
    except OSError:
        try:
            Path(target).write_bytes(Path(source).read_bytes())
        except OSError:
            return False
    return True


# --- values computed from content -----------------------------------------------------------
class Cache(Protocol):
    """What the build's analyses (related.relate, search_index.write_index) take values from
    and add values to: by a key that is a digest of the content they were computed from."""

    def get(self, key: str) -> Any | None: ...

    def put(self, key: str, value: Any) -> None: ...


def get_many(cache: Cache, keys: list[str]) -> list[Any | None]:
    """cache.get of each key, in order: in a few queries from a Store (its `get_many`; one query
    per key took 0.8 s at 10,000 reports), one by one from any other Cache."""
    many = getattr(cache, "get_many", None)
    return many(keys) if many is not None else [cache.get(k) for k in keys]


class Store:
    """Values computed from content by this code, pickled, in one table of a file of the cache
    folder (records.sqlite unless `file` names another): each kept under a digest of `code_key`
    (the plugin's code and settings) and of the key its user gives (a digest of the content).
    `close` commits and drops the values this build did not use (of content deleted or changed,
    or of other code), so a table holds one build's worth.

    The stores of one process share one connection to the file, so that the writes of one
    never wait for another's commit; builds into other outputs may share the file (they wait).
    A process that writes while another writes to records.sqlite (the search index's, forked
    while the build relates reports) uses a file of its own, or it would wait for that commit.
    A large value (the search index's last inversion: 62 MB at 10,000 articles) is a file of its
    own in `blobs/`, its row empty: SQLite reads and writes it page by page, several times slower."""

    _connections: ClassVar[dict[Path, tuple[sqlite3.Connection, set[Store]]]] = {}

    def __init__(self, cache: Path, code_key: str, table: str = "records", file: str = "records.sqlite"):
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        cache.mkdir(parents=True, exist_ok=True)
        self.path = (cache / file).resolve()
        if self.path not in self._connections:
            self._connections[self.path] = (sqlite3.connect(self.path, timeout=60), set())
        self.db, users = self._connections[self.path]
        self.db.execute(f'CREATE TABLE IF NOT EXISTS "{table}" (key TEXT PRIMARY KEY, value BLOB)')
        users.add(self)
        self.table, self.code_key = table, code_key
        self.used: set[str] = set()
        self.blobs = self.path.parent / "blobs"

    def _key(self, digest: str) -> str:
        return hashlib.sha256(f"{self.code_key}\0{digest}".encode()).hexdigest()

    def get(self, digest: str) -> Any | None:
        key = self._key(digest)
        row = self.db.execute(f'SELECT value FROM "{self.table}" WHERE key = ?', (key,)).fetchone()
        if row is None:
            return None
        self.used.add(key)
        return self._value(key, row[0])

    def _value(self, key: str, pickled: bytes) -> Any | None:
        if not pickled:  # in a file of its own
            try:
                pickled = (self.blobs / f"{self.table}-{key}").read_bytes()
            except OSError:
                return None
        return pickle.loads(pickled)

    def get_many(self, digests: list[str]) -> list[Any | None]:
        """`get` for each digest, in order, in a few queries (a build asks for thousands)."""
        keys = [self._key(d) for d in digests]
        found: dict[str, bytes] = {}
        for lo in range(0, len(keys), MANY):
            part = keys[lo : lo + MANY]
            query = f'SELECT key, value FROM "{self.table}" WHERE key IN ({",".join("?" * len(part))})'
            found.update(self.db.execute(query, part))
        self.used.update(found)
        return [self._value(k, found[k]) if k in found else None for k in keys]

    def keep(self, digests: Iterable[str]) -> None:
        """Keep these values (not read by this build, still wanted by the next one) at `close`."""
        self.used.update(map(self._key, digests))

    def put(self, digest: str, value: Any) -> None:
        self.put_pickled(digest, pickle.dumps(value, protocol=PICKLE))

    def put_pickled(self, digest: str, pickled: bytes) -> None:
        """`put` of a value pickled already (`pickle.dumps(value, protocol=PICKLE)`), as a
        worker process returns it."""
        key = self._key(digest)
        self.used.add(key)
        if len(pickled) >= LARGE:
            self.blobs.mkdir(exist_ok=True)
            temporary = self.blobs / f".{self.table}-{key}.{os.getpid()}.tmp"
            temporary.write_bytes(pickled)
            temporary.replace(self.blobs / f"{self.table}-{key}")
            pickled = b""
        self.db.execute(f'INSERT OR REPLACE INTO "{self.table}" VALUES (?, ?)', (key, pickled))

    def close(self) -> None:
        """Commit, dropping the values this build did not use; the last store of the file to
        close closes the connection."""
        # the keys alone, from the key's index: a DELETE … NOT IN read every value of the table
        # (index.sqlite: 360 MB at 10,000 articles; 1.2 s of a +1 rebuild's search index)
        stale = [(key,) for (key,) in self.db.execute(f'SELECT key FROM "{self.table}"') if key not in self.used]
        self.db.executemany(f'DELETE FROM "{self.table}" WHERE key = ?', stale)
        self.db.commit()
        for blob in self.blobs.glob(f"{self.table}-*") if self.blobs.is_dir() else []:
            if blob.name.removeprefix(f"{self.table}-") not in self.used:
                blob.unlink(missing_ok=True)
        users = self._connections[self.path][1]
        users.discard(self)
        if not users:
            del self._connections[self.path]
            self.db.close()


Records = Store  # parsed seeds (the reader's values for one seed's bytes and name): the table "records"
