"""The plugin's one settings dict (`NEWS_ARCHIVE` in pelicanconf.py): defaults in one place,
validated up front, returned as a new dict (Pelican's settings are never mutated)."""

from __future__ import annotations

import os
from typing import Any

UI_LANGUAGES = ("ar", "fa", "en")

DEFAULTS: dict[str, Any] = {
    "seeds_path": "seeds",  # input articles, relative to PATH
    "annotations_path": "content/annotations",  # <id>.md editorial notes
    "entities_path": "content/entities",  # editors' name authority files (*.md, *.txt): add, merge, rename, hide
    "pages_path": "content/pages",  # site pages (Markdown), e.g. about.md
    "ui_language": "ar",  # language of the site's own chrome: ar, fa or en
    "site_url": "",  # public absolute URL (canonical links, feeds); env SITEURL overrides
    "words_per_minute": 180,  # reading speed behind "N min read"
    "keep_going": False,  # build the rest of the site when a seed is refused
    "strict": False,  # fail the build when any seed is built with warnings
    "assets_path": "node_modules",  # where `npm ci` put the pinned front-end packages
    "max_bytes": 2_000_000,  # a larger seed is built from its first part, marked as truncated
    "url_register": "urls.txt",  # published paths that must keep working (`make register` adds)
    "redirects_path": "content/redirects.txt",  # "old/path new/path" lines
    "related": {},  # overrides of related.Weights: evidence weights and thresholds (README)
    "digits": "native",  # numbers in Arabic and Persian pages: "native" (٢٠٢٣ / ۲۰۲۳) or "latin" (2023)
}

_TYPES: dict[str, type | tuple[type, ...]] = {
    "seeds_path": str,
    "annotations_path": str,
    "entities_path": str,
    "pages_path": str,
    "ui_language": str,
    "site_url": str,
    "words_per_minute": int,
    "keep_going": bool,
    "strict": bool,
    "assets_path": str,
    "max_bytes": int,
    "url_register": str,
    "redirects_path": str,
    "related": dict,
    "digits": str,
}


class SettingsError(ValueError):
    """NEWS_ARCHIVE holds a key or value the plugin cannot use."""


def resolve(user: dict[str, Any] | None, environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Merge the user's NEWS_ARCHIVE over DEFAULTS and validate every value."""
    environ = os.environ if environ is None else environ
    user = dict(user or {})
    unknown = sorted(set(user) - set(DEFAULTS))
    if unknown:
        raise SettingsError(f"NEWS_ARCHIVE: unknown setting(s) {', '.join(unknown)}")
    merged = {**DEFAULTS, **user}
    if environ.get("SITEURL"):
        merged["site_url"] = environ["SITEURL"]
    for key in ("keep_going", "strict"):
        if environ.get(f"SIJILL_{key.upper()}", "") not in ("", "0"):
            merged[key] = True
    for key, kind in _TYPES.items():
        if not isinstance(merged[key], kind) or (kind is int and isinstance(merged[key], bool)):
            raise SettingsError(f"NEWS_ARCHIVE[{key!r}] must be {kind.__name__}, got {merged[key]!r}")
    if merged["digits"] not in ("native", "latin"):
        raise SettingsError("NEWS_ARCHIVE['digits'] must be 'native' or 'latin'")
    if merged["ui_language"] not in UI_LANGUAGES:
        raise SettingsError(f"NEWS_ARCHIVE['ui_language'] must be one of {UI_LANGUAGES}")
    for key in ("words_per_minute", "max_bytes"):
        if merged[key] <= 0:
            raise SettingsError(f"NEWS_ARCHIVE[{key!r}] must be positive")
    merged["site_url"] = merged["site_url"].rstrip("/")
    if merged["site_url"] and not merged["site_url"].startswith(("http://", "https://")):
        raise SettingsError("NEWS_ARCHIVE['site_url'] / SITEURL must start with http:// or https://")
    return merged
