"""One page of each kind a built site has: what the validity tests check and what
`make screenshots` photographs."""

from __future__ import annotations

from pathlib import Path

FOLDERS = ("outlets", "languages", "months", "entities", "stories", "compare", "tags")
TOP = ("index.html", "browse.html", "search.html", "downloads.html", "404.html")


def page_types(output: Path) -> dict[str, Path]:
    """Every article (they differ by language and content), then one page per listing kind,
    each folder's index, and the top-level pages."""
    found = {f"article-{p.stem}": p for p in sorted((output / "articles").glob("*.html"))}
    for folder in FOLDERS:
        pages = sorted((output / folder).glob("*.html")) if (output / folder).is_dir() else []
        named = [p for p in pages if p.name != "index.html" and not p.stem.rsplit("-", 1)[-1].isdigit()]
        if named:
            found[folder] = named[0]
        if (output / folder / "index.html").is_file():
            found[f"{folder}-index"] = output / folder / "index.html"
    for name in TOP:
        if (output / name).is_file():
            found[name.removesuffix(".html")] = output / name
    return found
