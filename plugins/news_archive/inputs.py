"""What is in the seeds folder, entry by entry, and how to read a file without surprises.

Every entry of `seeds/` (and of its sub-folders) gets exactly one `Entry`: a seed to read, or
an outcome decided here without opening it. Only regular files are opened, never through a
symbolic link that leaves the folder, and never in a way that can block (a FIFO or a device
is not opened at all). Pure: no Pelican.

    regular *.txt file (any case)          -> a seed, read (one article)
    regular *.json, *.jsonl, *.csv file     -> a structured seed, read (one article per record)
    other regular file, hidden file        -> skipped, with the reason
    folder                                  -> walked (an empty one is skipped, with the reason)
    link to a file inside the folder        -> skipped: that file is built under its own name
    link out of the folder, broken, a loop  -> refused
    FIFO, socket, device                    -> refused when named like a seed, else skipped
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

SEED_SUFFIX = ".txt"
STRUCTURED_SUFFIXES = (".json", ".jsonl", ".csv")  # files of records (records.py)
SEED_SUFFIXES = (SEED_SUFFIX, *STRUCTURED_SUFFIXES)


class InputError(ValueError):
    """A file that must be read cannot be (the message names it and says why)."""


@dataclass(frozen=True)
class SeedEntry:
    path: Path  # as found in the folder (not resolved)
    status: str  # "seed" (to read) | "skipped" | "refused"
    reason: str = ""
    size: int = -1  # of a seed, with its modification time: as found (incremental.seed_digest)
    mtime_ns: int = -1


_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _is_seed_name(path: Path) -> bool:
    return path.suffix.lower() in SEED_SUFFIXES


def _link(path: Path, root: Path) -> SeedEntry:
    target = os.readlink(path)
    try:
        resolved = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return SeedEntry(path, "refused", f"a symbolic link loop ({target}): not read")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return SeedEntry(path, "refused", f"a symbolic link loop ({target}): not read")
        return SeedEntry(path, "refused", f"a broken symbolic link (to {target}, which does not exist): not read")
    if not resolved.is_relative_to(root):
        return SeedEntry(
            path, "refused", f"a symbolic link to {target}, outside the seeds folder: not read (copy the file in)"
        )
    inside = resolved.relative_to(root).as_posix()
    if resolved.is_dir():
        return SeedEntry(path, "skipped", f"a symbolic link to the folder {inside}: not followed (it is read there)")
    return SeedEntry(path, "skipped", f"a symbolic link to {inside}: that file is built under its own name")


def scan(folder: Path) -> list[SeedEntry]:
    """Every entry under `folder`, sorted by path, each with what to do with it."""
    root = folder.resolve()
    found: list[SeedEntry] = []
    pending = [folder]
    while pending:
        here = pending.pop()
        with os.scandir(here) as listing:
            children = sorted(listing, key=lambda child: child.name)
        if not children and here != folder:
            found.append(SeedEntry(here, "skipped", "an empty folder"))
        for child in children:
            path = Path(child.path)
            if child.is_dir(follow_symlinks=False) and not child.name.startswith("."):
                pending.append(path)
            else:
                found.append(_classify(path, root))
    return sorted(found, key=lambda e: e.path.as_posix())


def _classify(path: Path, root: Path) -> SeedEntry:
    info = path.lstat()
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return _link(path, root)
    if path.name.startswith("."):
        return SeedEntry(path, "skipped", "a hidden file or folder: not read")
    if stat.S_ISREG(mode):
        if _is_seed_name(path):
            return SeedEntry(path, "seed", size=info.st_size, mtime_ns=info.st_mtime_ns)
        return SeedEntry(
            path,
            "skipped",
            f"not a {SEED_SUFFIX} file, nor a {', '.join(STRUCTURED_SUFFIXES)} file of records: "
            "not read (rename it to build it)",
        )
    kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
    if _is_seed_name(path):
        return SeedEntry(path, "refused", f"{kind}, not a regular file: not opened")
    return SeedEntry(path, "skipped", f"{kind}: not opened")


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, opened without following a final symbolic link and without
    blocking; at most `limit` + 1 bytes when a limit is given (so the caller can tell it is over)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(f"{path}: cannot be opened ({error.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: {_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, not a regular file")
        return handle.read() if limit is None else handle.read(limit + 1)
