"""A zip of a built site that opens from disk once unzipped: `make bundle`.

    python -m news_archive.bundle output [sijill-site.zip]

The zip holds one folder, `sijill-site/`, with the site in it (open `sijill-site/index.html`).
It is written beside the output folder by default, through a temporary file renamed into
place, never inside the site, seeds/, content/ or another folder of the project's sources.
Entries are sorted and dated 1980-01-01, so the same site gives the same zip, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import zipfile
from pathlib import Path

FOLDER = "sijill-site"
NAME = "sijill-site.zip"
SOURCES = ("seeds", "content", "theme", "plugins", "tests", ".git", "node_modules", ".venv")
EPOCH = (1980, 1, 1, 0, 0, 0)


class BundleError(ValueError):
    pass


def default_target(site: Path) -> Path:
    return site.resolve().parent / NAME


def check_target(site: Path, target: Path, project: Path | None = None) -> None:
    site, target = site.resolve(), target.resolve()
    if not (site / "index.html").is_file():
        raise BundleError(f"{site} holds no built site (run `make site`)")
    if target.suffix != ".zip":
        raise BundleError(f"{target}: the bundle's name must end in .zip")
    if target.is_relative_to(site):
        raise BundleError(f"{target} is inside the site it would hold")
    if project is not None:
        for folder in SOURCES:
            if target.is_relative_to(project.resolve() / folder):
                raise BundleError(f"{target} is inside {folder}/ of the project: write it beside the output")
    if target.exists() and not target.is_file():
        raise BundleError(f"{target} exists and is not a file")


def bundle(site: Path, target: Path, project: Path | None = None) -> int:
    """Write the zip; returns the number of files in it."""
    check_target(site, target, project)
    files = sorted(p for p in site.rglob("*") if p.is_file() and not p.is_symlink())
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=".sijill-bundle-", suffix=".zip", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", EPOCH)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
        os.replace(scratch, target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("output"))
    parser.add_argument("target", type=Path, nargs="?", help=f"the zip (default: {NAME} beside the site)")
    args = parser.parse_args(argv)
    target = args.target or default_target(args.site)
    try:
        count = bundle(args.site, target, Path.cwd())
    except (BundleError, OSError) as error:
        print(f"Sijill: {error}", file=sys.stderr)
        return 1
    print(f"Sijill: {count} files in {target}: unzip it and open {FOLDER}/index.html in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
