"""Where the bytes of a built site go: per folder, and per part of its pages.

    .venv/bin/python -m bench.size_breakdown OUTPUT [--scale 5]
    .venv/bin/python -m bench.size_breakdown --build 2000 OUTPUT [--scale 5]

Prints Markdown tables: bytes and files per top-level folder; then, for the article pages
(`articles/*.html` holding an article, redirects left out), the average bytes per page of each
part (head metadata, site header, metadata block, text, related reports, citations with their
record downloads, scripts ...); then the same for the entity pages (`entities/*.html`) and the
comparison pages (`compare/*.html`). Every byte of a page is counted once, in the innermost
part that holds it, so the parts add up to the page.

`--scale K` adds a column multiplying the folder sizes by K: the linear extrapolation to K
times as many articles (a 2,000-article site with `--scale 5` for 10,000). Per-article files
(`articles/`, `search/docs/`, `compare/`) grow linearly; `entities/` grows slower (its pages are
bounded by the name authority, not by the number of articles), so the column overstates it.

`--build N` first writes N synthetic seeds (bench/related_bench.write_corpus, the corpus of
bench/build_bench.py) and builds them into OUTPUT as `make site` does (never above 2,000 here:
larger builds belong to bench/build_bench.py on an idle machine).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

Attrs = dict[str, str]
Rule = tuple[str, Callable[[str, Attrs], bool]]


def _cls(name: str) -> Callable[[str, Attrs], bool]:
    return lambda tag, a: name in (a.get("class") or "").split()


def _is(tag_name: str, **wanted: str) -> Callable[[str, Attrs], bool]:
    return lambda tag, a: tag == tag_name and all(a.get(k) == v for k, v in wanted.items())


# (part, test on an element): the first rule an element matches names its part.
COMMON: list[Rule] = [
    ("head: Highwire citation_*", lambda t, a: t == "meta" and (a.get("name") or "").startswith("citation_")),
    (
        "head: Dublin Core DC.*",
        lambda t, a: (
            (t == "meta" and (a.get("name") or "").startswith("DC.")) or (t == "link" and a.get("rel") == "schema.DC")
        ),
    ),
    ("head: JSON-LD", _is("script", type="application/ld+json")),
    ("citations: record (JSON data block)", _is("script", type="application/json")),
    ("scripts (<script src>)", lambda t, a: t == "script" and "src" in a),
    ("head: the rest (CSP, title, links)", lambda t, a: t == "head"),
    (
        "site header, nav and search form",
        lambda t, a: (t == "header" and "site" in (a.get("class") or "")) or (t == "a" and a.get("class") == "skip"),
    ),
    ("footer", lambda t, a: (t == "footer") or (t == "p" and a.get("class") == "print-url")),
    ("pager", lambda t, a: t == "nav" and a.get("class") == "pager"),
]
ARTICLE: list[Rule] = [
    ("metadata block", lambda t, a: t == "header" and "site" not in (a.get("class") or "")),
    ("text", lambda t, a: t == "div" and a.get("id") == "body"),
    ("related reports", _cls("related")),
    ("citations: record downloads", lambda t, a: t == "a" and "data-record" in a),
    ("citations: the rest of the panel", _cls("cite")),
    ("translations and editor's note", lambda t, a: _cls("translation")(t, a) or _cls("annotation")(t, a)),
    ("material not part of the report", _cls("appended")),
]
LISTING: list[Rule] = [
    ("timeline picture (SVG)", _cls("tl")),
    ("timeline table", _cls("tl-table")),
    ("timeline: undated reports", _cls("tl-undated")),
    ("named most often with it", _cls("named")),
    ("list of reports", _cls("entries")),
    ("compared texts", _cls("compare-side")),
]
VOID = {"meta", "link", "input", "br", "img", "hr", "source", "area", "base", "col", "wbr", "embed", "track"}
OTHER = "other (html/body/main tags, headings, whitespace between parts)"
WHITESPACE = re.compile(rb">\s+<")


class _Parts(HTMLParser):
    """Bytes per part: each labelled element's bytes minus those of the labelled elements in it."""

    def __init__(self, text: str, rules: list[Rule]) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.rules = text, rules
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.stack: list[tuple[str, int, str | None]] = []  # (tag, start, part)
        self.labelled: list[list[int]] = [[0]]  # bytes of labelled children, per open labelled element
        self.parts: Counter[str] = Counter()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _part(self, tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
        a = {k: v or "" for k, v in attrs}
        return next((name for name, test in self.rules if test(tag, a)), None)

    def _close(self, start: int, end: int, part: str | None) -> None:
        if part is None:
            return
        size = len(self.text[start:end].encode("utf-8"))
        inner = self.labelled.pop()
        self.parts[part] += size - inner[0]
        self.labelled[-1][0] += size

    def handle_starttag(self, tag: str, attrs: list) -> None:
        start, part = self._offset(), self._part(tag, attrs)
        if tag in VOID:
            if part:
                self.labelled.append([0])
                self._close(start, start + len(self.get_starttag_text() or ""), part)
            return
        if part:
            self.labelled.append([0])
        self.stack.append((tag, start, part))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        start, part = self._offset(), self._part(tag, attrs)
        if part:
            self.labelled.append([0])
            self._close(start, start + len(self.get_starttag_text() or ""), part)

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _, _ in self.stack):
            return
        end = self.text.index(">", self._offset()) + 1
        while self.stack:
            open_tag, start, part = self.stack.pop()
            self._close(start, end, part)
            if open_tag == tag:
                break


def page_parts(text: str, rules: list[Rule]) -> Counter[str]:
    """Bytes of each part of one page; OTHER holds what no part claims."""
    parser = _Parts(text, rules)
    parser.feed(text)
    parser.close()
    parts = parser.parts
    parts[OTHER] += len(text.encode("utf-8")) - parser.labelled[0][0]
    return parts


def folders(output: Path) -> list[tuple[str, int, int]]:
    """(folder or "(top-level files)", bytes, files), the largest first."""
    sizes: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for path in output.rglob("*"):
        if path.is_file():
            rel = path.relative_to(output).parts
            key = f"{rel[0]}/" if len(rel) > 1 else "(top-level files)"
            sizes[key] += path.stat().st_size
            counts[key] += 1
    return sorted(((k, sizes[k], counts[k]) for k in sizes), key=lambda row: -row[1])


def breakdown(pages: list[Path], rules: list[Rule]) -> tuple[Counter[str], int, int]:
    """Summed parts over the pages, their count, and the whitespace between tags they hold."""
    total: Counter[str] = Counter()
    whitespace = 0
    for path in pages:
        raw = path.read_bytes()
        total += page_parts(raw.decode("utf-8"), rules)
        whitespace += sum(len(m.group()) - 2 for m in WHITESPACE.finditer(raw))
    return total, len(pages), whitespace


def _kb(n: float) -> str:
    return f"{n / 1000:,.1f}"


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f}"


def folder_table(output: Path, scale: float | None) -> str:
    rows = folders(output)
    total = sum(size for _, size, _ in rows)
    files = sum(count for _, _, count in rows)
    head = "| folder | MB | files | share |" + (f" ×{scale:g} (MB) |" if scale else "")
    lines = [head, "|---|---|---|---|" + ("---|" if scale else "")]
    for name, size, count in [*rows, ("**total**", total, files)]:
        extra = f" {_mb(size * scale)} |" if scale else ""
        lines.append(f"| {name} | {_mb(size)} | {count:,} | {size / total:.0%} |{extra}")
    return "\n".join(lines)


def parts_table(title: str, pages: list[Path], rules: list[Rule]) -> str:
    if not pages:
        return f"{title}: none"
    parts, count, whitespace = breakdown(pages, rules)
    total = sum(parts.values())
    biggest = max(p.stat().st_size for p in pages)
    lines = [
        f"{title}: {count:,} pages, {_mb(total)} MB, {_kb(total / count)} KB a page on average, "
        f"the largest {_kb(biggest)} KB",
        "",
        "| part | KB a page | share |",
        "|---|---|---|",
    ]
    for name, size in parts.most_common():
        if size:
            lines.append(f"| {name} | {size / count / 1000:,.2f} | {size / total:.1%} |")
    lines.append(f"| **page** | **{total / count / 1000:,.2f}** | 100% |")
    share = whitespace / total
    lines.append(f"| (of which whitespace between tags) | {whitespace / count / 1000:,.2f} | {share:.1%} |")
    return "\n".join(lines)


def article_pages(output: Path) -> list[Path]:
    return [p for p in sorted((output / "articles").glob("*.html")) if b'<article class="report"' in p.read_bytes()]


def report(output: Path, scale: float | None = None) -> str:
    originals = sorted((output / "articles").glob("*.txt"))
    original_bytes = sum(p.stat().st_size for p in originals)
    sections = [
        f"## {output}",
        folder_table(output, scale),
        f"Originals (`articles/*.txt`): {len(originals):,} files, {_kb(original_bytes / max(1, len(originals)))} KB "
        "on average.",
        parts_table("Article pages", article_pages(output), COMMON + ARTICLE),
        parts_table("Entity pages", sorted((output / "entities").glob("*.html")), COMMON + LISTING),
        parts_table("Comparison pages", sorted((output / "compare").glob("*.html")), COMMON + LISTING),
    ]
    return "\n\n".join(sections) + "\n"


def build(count: int, output: Path) -> None:
    """N synthetic seeds built into output as `make site` builds them."""
    if count > 2000:
        raise SystemExit("size_breakdown builds at most 2,000 articles; use bench/build_bench.py for more")
    sys.path.insert(0, str(REPO / "plugins"))
    from bench.build_bench import build as build_site
    from bench.build_bench import project
    from bench.related_bench import write_corpus

    with tempfile.TemporaryDirectory(prefix="sijill-size-") as scratch:
        seeds = Path(scratch) / "seeds"
        write_corpus(seeds, count)
        seconds, _peak = build_site(project(Path(scratch) / "project", seeds), output)
    print(f"built {count:,} articles into {output} in {seconds:.1f} s", file=sys.stderr)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="a built site (the output folder)")
    parser.add_argument("--scale", type=float, help="add a column of folder sizes times this factor")
    parser.add_argument("--build", type=int, metavar="N", help="first build N synthetic articles into OUTPUT")
    args = parser.parse_args(argv)
    if args.build:
        build(args.build, args.output)
    print(report(args.output, args.scale), end="")


if __name__ == "__main__":
    main(sys.argv[1:])
