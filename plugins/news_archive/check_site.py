"""Check a built site on its own, without Pelican: `make check-site`.

    python -m news_archive.check_site output [--register urls.txt] [--redirects content/redirects.txt]

- every line of SHA256SUMS matches its file, and every article of archive.json is listed there
  with the checksum archive.json gives;
- every article of archive.json has its page and its original (articles/<id>.html and .txt);
- every path of the URL register is a file of the site;
- no file outside what a build writes: the fixed top-level files (404.html, downloads.html,
  manifest.webmanifest and sw.js among them), index-<n>.html, articles/<id>.* for the ids of
  archive.json, listing pages (and their later pages), feeds, the search index, theme/ assets,
  and redirects (a path of the register or of the redirects file, a redirect page, or a byte
  copy of an original).

Prints one line per problem and exits 1, or a summary line and exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path, PurePosixPath

TOP_FILES = {
    "index.html",
    "browse.html",
    "search.html",
    "sitemap.xml",
    "archive.json",
    "annotations.jsonld",
    "archive.bib",
    "archive.ris",
    "archive.csl.json",
    "SHA256SUMS",
    "build-report.json",
    "404.html",  # archive basics: the page hosts serve for a missing path
    "downloads.html",
    "manifest.webmanifest",
    "sw.js",
}
INDEX_PAGE = re.compile(r"index-[1-9][0-9]*\.html")  # later pages of the home list
ARTICLE_SUFFIXES = (".html", ".txt")
PAGE_FOLDERS = {"outlets", "languages", "months", "entities", "stories", "compare", "tags"}  # <folder>/<name>.html
SUM_LINE = re.compile(r"([0-9a-f]{64})  (\S.*)")
REDIRECT_PAGE = re.compile(rb'<meta http-equiv="refresh" content="0; url=[^"]*">')


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def site_files(site: Path) -> tuple[list[str], list[str]]:
    """The site's regular files (posix paths relative to it), and a problem per other entry."""
    files, problems = [], []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_symlink():
            problems.append(f"{name}: a symbolic link in the site")
        elif path.is_file():
            files.append(name)
        elif not path.is_dir():
            problems.append(f"{name}: not a regular file")
    return files, problems


def safe_path(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and ".." not in parts and "\\" not in name


def check_sums(site: Path, files: set[str]) -> tuple[dict[str, str], set[str], list[str]]:
    """SHA256SUMS: path -> checksum of every well-formed line, the paths that verified, and a
    problem per other line."""
    path = site / "SHA256SUMS"
    if not path.is_file():
        return {}, set(), ["SHA256SUMS: missing"]
    listed, verified, problems = {}, set(), []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        match = SUM_LINE.fullmatch(line)
        if not match:
            problems.append(f"SHA256SUMS:{number}: not '<sha256>  <path>'")
            continue
        digest, name = match.groups()
        listed[name] = digest
        if not safe_path(name) or name not in files:
            problems.append(f"SHA256SUMS:{number}: {name} is not a file of the site")
        elif sha256(site / name) != digest:
            problems.append(f"{name}: does not match its SHA256SUMS line {number} (the original was altered)")
        else:
            verified.add(name)
    return listed, verified, problems


def read_archive(site: Path) -> tuple[list[dict], list[str]]:
    try:
        articles = json.loads((site / "archive.json").read_text("utf-8"))["articles"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [], [f"archive.json: unreadable ({error})"]
    if not isinstance(articles, list) or not all(isinstance(a, dict) and "id" in a for a in articles):
        return [], ["archive.json: 'articles' is not a list of records with an id"]
    return articles, []


def check_articles(articles: list[dict], files: set[str], sums: dict[str, str]) -> list[str]:
    problems = []
    for article in articles:
        ident = article["id"]
        for name in (f"articles/{ident}.html", f"articles/{ident}.txt"):
            if name not in files:
                problems.append(f"{name}: missing (article {ident} of archive.json)")
        text = f"articles/{ident}.txt"
        if sums.get(text) != article.get("sha256"):
            problems.append(f"{text}: archive.json and SHA256SUMS do not give it the same checksum")
    return problems


def read_lines(path: Path | None) -> list[str]:
    """The non-blank, non-comment lines of urls.txt or redirects.txt, stripped."""
    if path is None or not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def check_register(register: list[str], files: set[str], register_name: str) -> list[str]:
    return [f"{url}: registered in {register_name} but missing from the site" for url in register if url not in files]


def known(name: str, ids: set[str]) -> bool:
    """Whether a build writes this path (by its shape alone)."""
    parts = name.split("/")
    if len(parts) == 1:
        return name in TOP_FILES or bool(INDEX_PAGE.fullmatch(name))
    top, rest = parts[0], "/".join(parts[1:])
    if top == "theme":
        return True
    if top == "articles" and len(parts) == 2:
        return any(rest.endswith(s) and rest.removesuffix(s) in ids for s in ARTICLE_SUFFIXES)
    if top in PAGE_FOLDERS and len(parts) == 2:
        return rest.endswith(".html")
    if top == "feeds" and len(parts) == 2:
        return rest.endswith(".atom.xml")
    if top == "search":
        return rest == "manifest.js" or (len(parts) == 3 and parts[1] in ("docs", "terms") and rest.endswith(".js"))
    return False


def check_accounted(site: Path, files: list[str], ids: set[str], declared: set[str], originals: set[str]) -> list[str]:
    problems = []
    for name in files:
        if known(name, ids) or name in declared:
            continue
        path = site / name
        if name.endswith(".html") and REDIRECT_PAGE.search(path.read_bytes()[:4096]):
            continue
        if name.endswith(".txt") and sha256(path) in originals:
            continue
        problems.append(f"{name}: not a file a build writes")
    return problems


def check(site: Path, register: Path | None = None, redirects: Path | None = None) -> tuple[list[str], str]:
    """Every problem of the site, and the summary line for when there is none."""
    if not site.is_dir():
        return [f"{site}: not a folder"], ""
    files, problems = site_files(site)
    present = set(files)
    sums, verified, found = check_sums(site, present)
    problems += found
    articles, found = read_archive(site)
    problems += found
    problems += check_articles(articles, present, sums)
    urls = read_lines(register)
    problems += check_register(urls, present, register.name if register else "")
    ids = {str(a["id"]) for a in articles}
    declared = set(urls) | {line.split()[0] for line in read_lines(redirects)}
    originals = {sums[name] for name in verified}
    problems += check_accounted(site, files, ids, declared, originals)
    return problems, f"Sijill: site OK: {len(files)} files, {len(verified)} originals verified"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("output"))
    parser.add_argument("--register", type=Path, default=Path("urls.txt"), help="the URL register (urls.txt)")
    parser.add_argument("--redirects", type=Path, default=Path("content/redirects.txt"))
    args = parser.parse_args(argv)
    problems, summary = check(args.site, args.register, args.redirects)
    for problem in problems:
        print(f"Sijill: {problem}", file=sys.stderr)
    if problems:
        print(f"Sijill: site check failed: {len(problems)} problem(s) in {args.site}", file=sys.stderr)
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
