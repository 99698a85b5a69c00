"""URLs that never break: the committed register of published URLs, redirects for moved ones,
and the site's sitemap and Atom feeds.

    urls.txt               one published path per line (articles/<id>.html, articles/<id>.txt)
    content/redirects.txt  "old/path.html new/path.html" per line (annotations may add aliases)

A build fails, naming the URL, when a registered path would no longer exist and no redirect
covers it. New paths are added with `make register` (register_cli.py), never silently.

Every old path an editor writes is a site path (`sitepaths.path_problem`); it may not be a page
or file the site generates, nor be claimed twice; a redirect leads, through any chain of
redirects, to a page of the site, never round in a loop. Errors name the file and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed

from .archive import Entry, href
from .sitepaths import path_problem


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


@dataclass(frozen=True)
class Redirect:
    old: str  # the path that must keep working
    new: str  # where it leads (after `resolve`: a page of the site, or an original text)
    source: str  # "file:line" that asked for it


def read_redirects(path: Path, relative_to: Path) -> list[Redirect]:
    redirects = []
    for number, line in read_lines(path):
        where = f"{path.relative_to(relative_to)}:{number}"
        parts = line.split()
        if len(parts) != 2:
            raise PermanenceError(f"{where}: expected 'old/path new/path'")
        for part in parts:
            problem = path_problem(part, (".html",))
            if problem:
                raise PermanenceError(f"{where}: {problem}")
        redirects.append(Redirect(parts[0], parts[1], where))
    return redirects


def resolve(redirects: list[Redirect], targets: set[str]) -> dict[str, Redirect]:
    """Old path -> its redirect, leading straight to one of `targets` (the site's pages and
    originals). Refused, naming the file and line: an old path claimed twice or that is itself
    a target, a loop, and a redirect that leads to no page of the site."""
    by_old: dict[str, Redirect] = {}
    for redirect in redirects:
        where, old = redirect.source, redirect.old
        if old in by_old:
            raise PermanenceError(f"{where}: {old} is already redirected by {by_old[old].source}")
        if old in targets:
            raise PermanenceError(f"{where}: {old} is a file the site publishes: a redirect would replace it")
        by_old[old] = redirect
    resolved = {}
    for old, redirect in by_old.items():
        chain, target = [old], redirect.new
        while target in by_old:
            if target in chain:
                raise PermanenceError(f"{redirect.source}: a redirect loop: {' -> '.join([*chain, target])}")
            chain.append(target)
            target = by_old[target].new
        if target not in targets:
            raise PermanenceError(f"{redirect.source}: {old} would lead to {target}, which is not a page of the site")
        resolved[old] = replace(redirect, new=target)
    return resolved


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


FEED_ENTRIES = 100  # a feed carries the newest articles; the archive itself is in archive.json


def atom(entries: list[Entry], site_name: str, site_url: str, feed_path: str, lang: str | None = None) -> str | None:
    """An Atom feed of the newest FEED_ENTRIES dated articles, or None when there is none (an
    undated article has no place in a timeline, and an empty feed would have to claim a date it
    does not have). Feed readers fetch a feed often: at 10,000 articles a feed of all of them
    was 4 MB."""
    base = f"{site_url}/" if site_url else ""
    dated = sorted(
        (e for e in entries if e.date and (lang is None or e.lang == lang)), key=lambda e: (e.date, e.id), reverse=True
    )[:FEED_ENTRIES]
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
