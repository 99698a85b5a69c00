"""URLs that never break: the committed register of published URLs, redirects for moved ones,
and the site's sitemap and Atom feeds.

    urls.txt               one published path per line (articles/<id>.html, articles/<id>.txt)
    content/redirects.txt  "old/path.html new/path.html" per line (annotations may add aliases)

A build fails, naming the URL, when a registered path would no longer exist and no redirect
covers it. New paths are added with `make register` (register_cli.py), never silently.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed

from .archive import Entry, href


class PermanenceError(ValueError):
    pass


def read_lines(path: Path) -> list[tuple[int, str]]:
    if not path.is_file():
        return []
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append((number, line))
    return rows


def read_register(path: Path) -> list[str]:
    return [line for _, line in read_lines(path)]


def read_redirects(path: Path, relative_to: Path) -> dict[str, str]:
    redirects = {}
    for number, line in read_lines(path):
        parts = line.split()
        if len(parts) != 2:
            raise PermanenceError(f"{path.relative_to(relative_to)}:{number}: expected 'old/path new/path'")
        redirects[parts[0]] = parts[1]
    return redirects


def citable(published: list[str]) -> list[str]:
    """The paths the register keeps: article pages and original texts."""
    return sorted(p for p in published if p.startswith("articles/") and p.endswith((".html", ".txt")))


def missing(register: list[str], published: set[str]) -> list[str]:
    """Registered paths with no file in the built site (redirect pages count: they are files)."""
    return [url for url in register if url not in published]


def unregistered(register: list[str], published: list[str]) -> list[str]:
    known = set(register)
    return [url for url in citable(published) if url not in known]


def sitemap(paths: list[str], site_url: str) -> str:
    base = f"{site_url}/" if site_url else ""
    urls = "".join(f"<url><loc>{escape(base + href(p))}</loc></url>\n" for p in sorted(paths))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


def atom(entries: list[Entry], site_name: str, site_url: str, feed_path: str, lang: str | None = None) -> str | None:
    """An Atom feed of the dated articles, or None when there is none (an undated article has no
    place in a timeline, and an empty feed would have to claim a date it does not have)."""
    base = f"{site_url}/" if site_url else ""
    dated = sorted(
        (e for e in entries if e.date and (lang is None or e.lang == lang)), key=lambda e: (e.date, e.id), reverse=True
    )
    if not dated:
        return None
    feed = Atom1Feed(
        title=site_name,
        link=base + "index.html",
        description="",
        language=lang or "ar",
        feed_url=base + feed_path,
        feed_guid=base + feed_path,
    )
    for entry in dated:
        when = dt.datetime.combine(entry.date, dt.time(), tzinfo=dt.UTC)
        feed.add_item(
            title=entry.title,
            link=base + entry.url,
            description=entry.paragraphs[0],
            unique_id=base + entry.url,
            pubdate=when,
            updateddate=when,
            categories=list(entry.keywords),
        )
    return feed.writeString("utf-8")
