"""The reading room's furniture, written after everything else (plain Python, no Pelican):
the 404 page, the data and downloads page (with the final size of each file), the web app
manifest and its icons, and the service worker with its list of files to keep offline.

`finish` receives a `render(path, template, **context)` from the plugin, so this module never
imports Pelican. Everything it writes is a function of the site's other files: two builds of the
same input give the same bytes (the service worker's cache version is a hash of the files it
keeps, never a time).
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from babel.numbers import format_decimal

from . import permanence

THEME_COLOR = "#0b5d5a"  # --accent of site.css
BACKGROUND = "#fdfcf8"  # --paper
PNG_SIZES = (32, 180, 192, 512)
SW_TEMPLATE = Path(__file__).parent / "data" / "sw.js"

# The data files, in the order the downloads page lists them (feeds after them).
DATA_FILES = (
    "archive.json",
    "archive.bib",
    "archive.ris",
    "archive.csl.json",
    "annotations.jsonld",
    "SHA256SUMS",
    "build-report.json",
    "sitemap.xml",
)
NOT_IN_SITEMAP = {"404.html"}
# the built files the service worker stores at once (with the theme's css, js and icons)
BUILT_PRECACHE = ("theme/fonts/*.woff2", "theme/js/*.js", "search/manifest.js", "manifest.webmanifest", "404.html")


# --- the icon: a register (a page with lines of writing) on the accent colour ------------------
# Shapes in a 512-unit square: (x0, y0, x1, y1, corner radius, colour).
ICON_SHAPES: tuple[tuple[int, int, int, int, int, str], ...] = (
    (0, 0, 512, 512, 96, THEME_COLOR),
    (128, 96, 384, 416, 20, BACKGROUND),
    (168, 160, 344, 184, 12, THEME_COLOR),
    (208, 224, 344, 248, 12, THEME_COLOR),
    (168, 288, 344, 312, 12, THEME_COLOR),
    (248, 352, 344, 376, 12, THEME_COLOR),
)


def icon_svg() -> str:
    shapes = "".join(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r}" fill="{colour}"/>'
        for x0, y0, x1, y1, r, colour in ICON_SHAPES
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">{shapes}</svg>\n'


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _coverage(px: float, py: float, shape: tuple[int, int, int, int, int, str], scale: float) -> float:
    """How much of the pixel centred at (px, py) (in 512 units) the rounded rectangle covers,
    approximated from the signed distance (one pixel of soft edge)."""
    x0, y0, x1, y1, r, _ = shape
    qx = abs(px - (x0 + x1) / 2) - ((x1 - x0) / 2 - r)
    qy = abs(py - (y0 + y1) / 2) - ((y1 - y0) / 2 - r)
    outside = (max(qx, 0) ** 2 + max(qy, 0) ** 2) ** 0.5 + min(max(qx, qy), 0) - r
    return min(1.0, max(0.0, 0.5 - outside / scale))


def icon_png(size: int) -> bytes:
    """The icon as an RGBA PNG of size x size pixels, drawn with the standard library only."""
    scale = 512 / size
    colours = [_rgb(s[5]) for s in ICON_SHAPES]
    rows = bytearray()
    for j in range(size):
        rows.append(0)  # filter: none
        py = (j + 0.5) * scale
        for i in range(size):
            px = (i + 0.5) * scale
            r = g = b = a = 0.0
            for shape, (sr, sg, sb) in zip(ICON_SHAPES, colours, strict=True):
                cover = _coverage(px, py, shape, scale)
                if cover:  # "over" compositing, premultiplied
                    r, g, b = r * (1 - cover) + sr * cover, g * (1 - cover) + sg * cover, b * (1 - cover) + sb * cover
                    a = a * (1 - cover) + cover
            if a:
                rows += bytes((round(r / a), round(g / a), round(b / a), round(a * 255)))
            else:
                rows += b"\0\0\0\0"

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def icons() -> dict[str, bytes]:
    """theme/static/icons/: drawn once and committed (drawing the PNGs in pure Python takes
    seconds, too long for every build); tests check the committed files against this drawing.
    Regenerate with `PYTHONPATH=plugins .venv/bin/python -m news_archive.basics theme/static/icons`."""
    return {"icon.svg": icon_svg().encode(), **{f"icon-{s}.png": icon_png(s) for s in PNG_SIZES}}


# --- the web app manifest ------------------------------------------------------------------------
def manifest(name: str, description: str, lang: str, direction: str) -> str:
    """manifest.webmanifest: every URL relative to it, so the site works under any sub-path."""
    icons = [{"src": "theme/icons/icon.svg", "sizes": "any", "type": "image/svg+xml"}]
    icons += [
        {"src": f"theme/icons/icon-{s}.png", "sizes": f"{s}x{s}", "type": "image/png", "purpose": "any"}
        for s in PNG_SIZES
        if s >= 180
    ]
    icons.append({"src": "theme/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"})
    data = {
        "id": "./index.html",
        "name": name,
        "short_name": name,
        "description": description,
        "lang": lang,
        "dir": direction,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": THEME_COLOR,
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- the data and downloads page -------------------------------------------------------------------
@dataclass(frozen=True)
class DataFile:
    path: str
    size: int  # bytes
    number: str  # the size in `unit`, written for the page's language
    unit: str  # "bytes" | "KB" | "MB"


def data_file(path: str, size: int, lang: str) -> DataFile:
    if size >= 1024 * 1024:
        value, unit = size / (1024 * 1024), "MB"
    elif size >= 1024:
        value, unit = size / 1024, "KB"
    else:
        value, unit = size, "bytes"
    number = format_decimal(value, format="#,##0.#", locale=lang, numbering_system="default")
    return DataFile(path, size, number, unit)


def data_files(out: Path, lang: str) -> list[DataFile]:
    feeds = sorted(p.relative_to(out).as_posix() for p in (out / "feeds").glob("*.atom.xml"))
    feeds.sort(key=lambda p: p != "feeds/all.atom.xml")
    paths = [p for p in (*DATA_FILES, *feeds) if (out / p).is_file()]
    return [data_file(p, (out / p).stat().st_size, lang) for p in paths]


# --- the service worker ----------------------------------------------------------------------------
def precache_list(out: Path, theme_static: Path) -> dict[str, Path]:
    """What the service worker keeps from its first start (site path -> the file): the styles,
    fonts, scripts (the search runtime among them), icons, the search manifest, the web app
    manifest and the 404 page. Pelican copies the theme's static files after this runs, so those
    are read from the theme (theme/static/<x> is published as theme/<x>)."""
    found = {
        f"theme/{p.relative_to(theme_static).as_posix()}": p
        for pattern in ("css/*.css", "js/*.js", "icons/*")
        for p in theme_static.glob(pattern)
        if p.is_file()
    }
    found |= {p.relative_to(out).as_posix(): p for pattern in BUILT_PRECACHE for p in out.glob(pattern) if p.is_file()}
    return dict(sorted(found.items()))


def service_worker(files: dict[str, Path], template: str) -> str:
    digest = hashlib.sha256()
    for name, path in files.items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return template.replace("__VERSION__", digest.hexdigest()[:16]).replace(
        "__PRECACHE__", json.dumps(list(files), ensure_ascii=False)
    )


# --- the whole --------------------------------------------------------------------------------------
def site_root(site_url: str) -> str:
    """The path of the site on its host ("/archive"), when its public address is known."""
    return urlsplit(site_url).path.rstrip("/") if site_url else ""


def finish(
    out: Path,
    render: Callable[..., None],
    site_url: str,
    name: str,
    description: str,
    lang: str,
    direction: str,
    theme_static: Path,
    pages: Iterable[str],
    unlisted: Iterable[str] = (),
) -> None:
    """The last files: 404.html, the manifest, sitemap.xml (the site's `pages`, its HTML files
    so far, without `unlisted` pages: redirects and withdrawn names, which answer cited addresses
    but are not pages of the archive), downloads.html, sw.js."""
    # 404.html: GitHub Pages serves it for a missing path at any depth, so with a known address
    # its links start from the site's path on the host; without one they are relative to the
    # site's root and theme/js/notfound.js mends them when it can.
    root = site_root(site_url)
    page_404 = {"SITEURL": root, "site_root": f"{root}/"} if site_url else {"site_root": ""}
    render("404.html", "notfound", **page_404)
    (out / "manifest.webmanifest").write_text(manifest(name, description, lang, direction), encoding="utf-8")
    # The sitemap lists downloads.html (written next) and not the 404 page.
    listed = set(pages) - NOT_IN_SITEMAP - set(unlisted)
    listed.add("downloads.html")
    (out / "sitemap.xml").write_text(permanence.sitemap(sorted(listed), site_url), encoding="utf-8")
    render("downloads.html", "downloads", files=data_files(out, lang))
    files = precache_list(out, theme_static)
    (out / "sw.js").write_text(service_worker(files, SW_TEMPLATE.read_text("utf-8")), encoding="utf-8")


if __name__ == "__main__":  # regenerate the committed icons
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "theme/static/icons")
    target.mkdir(parents=True, exist_ok=True)
    for file_name, data in icons().items():
        (target / file_name).write_bytes(data)
        print(target / file_name)
