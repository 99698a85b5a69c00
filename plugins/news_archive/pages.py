"""What the site consists of, as plain data: every page to render (path, template, language,
context). The plugin only renders this plan; tests can check it without Pelican."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .archive import Entry, Listing, listings, newest_first


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    lang: str  # language of the page's own chrome and of <html lang>
    context: dict[str, Any] = field(default_factory=dict)


def plan_pages(entries: list[Entry], ui_language: str, redirects: dict[str, str] | None = None) -> list[PageSpec]:
    ordered = newest_first(entries)
    all_listings = listings(entries)
    by_kind: dict[str, list[Listing]] = {}
    for listing in all_listings:
        by_kind.setdefault(listing.kind, []).append(listing)
    plan = [
        PageSpec("index.html", "index", ui_language, {"entries": ordered}),
        PageSpec("browse.html", "browse", ui_language, {"listings": by_kind, "entries": ordered}),
        PageSpec("search.html", "search", ui_language),
    ]
    plan += [PageSpec(x.path, "listing", ui_language, {"listing": x}) for x in all_listings]
    plan += [PageSpec(e.url, "article", e.lang, {"entry": e}) for e in ordered]
    plan += [PageSpec(old, "redirect", ui_language, {"target": new}) for old, new in sorted((redirects or {}).items())]
    return plan
