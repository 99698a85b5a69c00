"""A small HTML scanner for the build tests (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data blocks: never executed
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Page:
    html_attrs: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (attribute, value)
    ids: dict[str, str] = field(default_factory=dict)  # element id -> its whitespace-folded text
    scripts: list[dict[str, str]] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)  # on* attributes anywhere
    metas: list[dict[str, str]] = field(default_factory=list)
    text: str = ""

    def inline_code(self) -> list[dict[str, str]]:
        """Inline <script> elements a browser would execute (CSP would block them anyway)."""
        return [s for s in self.scripts if not s.get("src") and s.get("type") not in DATA_SCRIPT_TYPES]


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.depth = 0
        self.open: list[tuple[int, str, list[str]]] = []  # (depth, id, text parts)
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.html_attrs = a
        self.page.links += [(n, a[n]) for n in ("href", "src", "action") if n in a]
        if tag == "script":
            self.page.scripts.append(a)
        if tag == "meta":
            self.page.metas.append(a)
        self.page.handlers += [k for k in a if k.startswith("on")]
        if tag in VOID:
            return
        self.depth += 1
        if "id" in a:
            self.open.append((self.depth, a["id"], []))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.open and self.open[-1][0] >= self.depth:
            _, ident, parts = self.open.pop()
            self.page.ids[ident] = " ".join("".join(parts).split())
        self.depth -= 1

    def handle_data(self, data):
        self.chunks.append(data)
        for _, _, parts in self.open:
            parts.append(data)


def scan(path: Path) -> Page:
    scanner = _Scanner()
    scanner.feed(path.read_text("utf-8"))
    scanner.page.text = " ".join("".join(scanner.chunks).split())
    return scanner.page
