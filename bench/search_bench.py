"""Search index benchmark: build time and memory, sizes, bytes per query, query latency.

    .venv/bin/python -m bench.search_bench 1000 10000 50000      (results: a Markdown table)

For each corpus size it generates synthetic ~9 KB articles (bench/corpus.py), then measures
  * the index build (search_index.write_index, 2 processes) and the peak memory of its whole
    process tree, side by side with plain Pelican rendering the same articles as Markdown;
  * the index's size, raw and gzipped, and its number of files (term chunks, result documents);
  * bytes a browser transfers (gzipped) for a one-word query: search runtime JS, manifest,
    the term chunks the query needs and the first page of result documents;
  * the median time of a one-word query once its chunks are loaded, in headless Chromium.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from news_archive import search_query  # noqa: E402

RUNTIME = ["fold-spec.js", "fold.js", "lunr.min.js", "search.js"]
FIRST_PAGE = 20  # result documents search.js loads before showing results
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# --- child processes -------------------------------------------------------------------------
def _tree_rss(pid: int) -> int:
    """Memory (bytes) of a process and all its descendants, from /proc: proportional set size,
    so pages that forked workers share with their parent are counted once, not per process."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def measure(cmd: list[str], cwd: Path | None = None, interval: float = 0.05) -> tuple[float, int, str]:
    """Wall time, peak tree PSS (sampled every `interval` seconds) and stdout of a command.
    Reading smaps_rollup walks a process's page tables: for multi-GB processes sample slowly."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(interval)
    out, err = proc.communicate()
    if proc.returncode:
        raise RuntimeError(f"{cmd} failed:\n{err[-3000:]}")
    return time.perf_counter() - start, peak, out


def build_index_main(seeds: str, out: str) -> None:
    """Child: parse the seeds and write the search index (what the plugin does at build time)."""
    from news_archive.search_index import SearchDoc, write_index
    from news_archive.seedparse import parse_seed
    from news_archive.workers import default_processes

    docs = []
    for n, path in enumerate(sorted(Path(seeds).glob("*.txt"))):
        r = parse_seed(path.read_text("utf-8"))
        docs.append(
            SearchDoc(
                r.title,
                f"articles/{n}.html",
                r.lang,
                r.outlet,
                r.date.date.isoformat() if r.date else None,
                r.body_text,
                " ".join(r.keywords),
            )
        )
    start = time.perf_counter()
    stats = write_index(docs, Path(out), processes=default_processes())
    print(json.dumps({"index_seconds": time.perf_counter() - start, "terms": stats.terms, "chunks": stats.chunks}))


PELICAN_CONF = """
AUTHOR = "bench"
SITENAME = "bench"
TIMEZONE = "UTC"
DEFAULT_LANG = "ar"
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
"""


def pelican_render(seeds: Path, work: Path, interval: float = 0.05) -> tuple[float, int]:
    """Plain Pelican (default theme, no plugin) rendering the same articles as Markdown: wall
    time and peak memory (PSS)."""
    content = work / "content"
    content.mkdir(parents=True, exist_ok=True)
    for n, path in enumerate(sorted(seeds.glob("*.txt"))):
        title, _, body = path.read_text("utf-8").partition("\n")
        (content / f"{n}.md").write_text(f"Title: {title}\nSlug: {n}\nDate: 2023-09-25\n\n{body}", encoding="utf-8")
    (work / "conf.py").write_text(PELICAN_CONF, encoding="utf-8")
    seconds, peak, _ = measure(
        [sys.executable, "-m", "pelican", str(content), "-o", str(work / "out"), "-s", str(work / "conf.py"), "-q"],
        interval=interval,
    )
    return seconds, peak


# --- sizes and bytes per query ----------------------------------------------------------------
@cache
def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def query_words(count: int = 30) -> list[str]:
    from bench.corpus import Corpus

    vocab = Corpus().vocab["ar"]
    ranks = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000]
    words = [vocab[r] for r in ranks if r < len(vocab)]
    return [w.strip("،.") for w in words][:count]


def bytes_per_query(site: Path, words: list[str]) -> list[dict]:
    runtime = sum(gz(site / "theme" / "js" / name) for name in RUNTIME)
    manifest = gz(site / "search" / "manifest.js")
    rows = []
    for word in words:
        searcher = search_query.Searcher(site / "search")
        hits = searcher.search(word)
        chunks = sum(gz(site / "search" / "terms" / f"{searcher.chunk_names[n]}.js") for n in searcher.loaded)
        docs = sum(gz(site / "search" / "docs" / f"{n}.js") for n, _ in hits[:FIRST_PAGE])
        rows.append(
            {
                "word": word,
                "hits": len(hits),
                "first_results": runtime + manifest + chunks + docs,
                "chunks": len(searcher.loaded),
                "chunk_bytes": chunks,
            }
        )
    return rows


# --- Chromium ---------------------------------------------------------------------------------
class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="sijill-search-base" content="search/">
{scripts}</head><body></body></html>"""


def chromium_latency(site: Path, words: list[str], repeats: int = 11) -> dict:
    from playwright.sync_api import sync_playwright

    scripts = "".join(f'<script src="theme/js/{name}"></script>' for name in RUNTIME)
    (site / "harness.html").write_text(HARNESS.format(scripts=scripts), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/harness.html")
            timings = page.evaluate(
                """async ([words, repeats]) => {
                  const out = {cold: [], warm: []};
                  for (const w of words) {
                    let t = performance.now(); await SijillSearch.query(w); out.cold.push(performance.now() - t);
                    const runs = [];
                    for (let i = 0; i < repeats; i++) {
                      t = performance.now(); await SijillSearch.query(w); runs.push(performance.now() - t);
                    }
                    runs.sort((a, b) => a - b); out.warm.push(runs[runs.length >> 1]);
                  }
                  return out;
                }""",
                [words, repeats],
            )
            browser.close()
    finally:
        server.shutdown()
    return {
        "warm_median_ms": statistics.median(timings["warm"]),
        "warm_max_ms": max(timings["warm"]),
        "cold_median_ms": statistics.median(timings["cold"]),
    }


# --- one corpus size ---------------------------------------------------------------------------
def run(count: int, keep: Path | None = None) -> dict:
    from bench.corpus import Corpus

    work = Path(tempfile.mkdtemp(prefix=f"sijill-bench-{count}-"))
    try:
        seeds = work / "seeds"
        Corpus().write(seeds, count)
        site = work / "site"
        seconds, peak, out = measure(
            [sys.executable, "-m", "bench.search_bench", "--child", str(seeds), str(site / "search")], cwd=REPO
        )
        child = json.loads(out.strip().splitlines()[-1])
        js = site / "theme" / "js"
        js.mkdir(parents=True)
        shutil.copy(REPO / "node_modules" / "lunr" / "lunr.min.js", js)
        shutil.copy(REPO / "theme" / "static" / "js" / "fold.js", js)
        shutil.copy(REPO / "theme" / "static" / "js" / "search.js", js)
        spec = (REPO / "plugins" / "news_archive" / "data" / "fold_spec.json").read_text("utf-8")
        (js / "fold-spec.js").write_text(f"window.SijillFoldSpec = {spec};\n", encoding="utf-8")
        files = list((site / "search").rglob("*.js"))
        terms, docs = list((site / "search" / "terms").glob("*.js")), list((site / "search" / "docs").glob("*.js"))
        chunk_sizes = sorted(gz(p) for p in (site / "search" / "terms").glob("*.js"))
        words = query_words()
        per_query = bytes_per_query(site, words)
        latency = chromium_latency(site, words)
        pelican, _ = pelican_render(seeds, work / "pelican")
        result = {
            "articles": count,
            "index_seconds": round(child["index_seconds"], 1),
            "process_seconds": round(seconds, 1),
            "peak_mb": round(peak / 2**20),
            "pelican_seconds": round(pelican, 1),
            "terms": child["terms"],
            "chunks": child["chunks"],
            "raw_mb": round(sum(p.stat().st_size for p in files) / 2**20, 1),
            "gz_mb": round(sum(gz(p) for p in files) / 2**20, 1),
            "files": len(files),
            "terms_raw_mb": round(sum(p.stat().st_size for p in terms) / 2**20, 1),
            "terms_gz_mb": round(sum(gz(p) for p in terms) / 2**20, 1),
            "docs_raw_mb": round(sum(p.stat().st_size for p in docs) / 2**20, 1),
            "docs_gz_mb": round(sum(gz(p) for p in docs) / 2**20, 1),
            "manifest_kb": round(gz(site / "search" / "manifest.js") / 1024, 1),
            "chunk_gz_kb_median": round(statistics.median(chunk_sizes) / 1024, 1),
            "chunk_gz_kb_max": round(chunk_sizes[-1] / 1024, 1),
            "first_results_kb_median": round(statistics.median(r["first_results"] for r in per_query) / 1024),
            "first_results_kb_max": round(max(r["first_results"] for r in per_query) / 1024),
            **{k: round(v, 1) for k, v in latency.items()},
        }
        if keep:
            shutil.copytree(site, keep / f"site-{count}", dirs_exist_ok=True)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


COLUMNS = [
    ("articles", "articles"),
    ("index_seconds", "index build (s)"),
    ("peak_mb", "peak memory, PSS (MB)"),
    ("pelican_seconds", "plain Pelican render (s)"),
    ("terms", "terms"),
    ("chunks", "chunks"),
    ("raw_mb", "index raw (MB)"),
    ("gz_mb", "index gzip (MB)"),
    ("manifest_kb", "manifest gzip (KB)"),
    ("chunk_gz_kb_median", "chunk gzip median (KB)"),
    ("chunk_gz_kb_max", "chunk gzip max (KB)"),
    ("first_results_kb_median", "first results, median (KB gzip)"),
    ("first_results_kb_max", "first results, max (KB gzip)"),
    ("warm_median_ms", "query median, loaded (ms)"),
    ("warm_max_ms", "query max, loaded (ms)"),
    ("cold_median_ms", "query median incl. loading (ms)"),
]


SIZE_COLUMNS = [
    ("articles", "articles"),
    ("files", "files in search/"),
    ("raw_mb", "search/ raw (MB)"),
    ("gz_mb", "search/ gzip (MB)"),
    ("terms_raw_mb", "terms/ raw (MB)"),
    ("terms_gz_mb", "terms/ gzip (MB)"),
    ("docs_raw_mb", "docs/ raw (MB)"),
    ("docs_gz_mb", "docs/ gzip (MB)"),
]


def table(rows: list[dict], columns: list[tuple[str, str]] = COLUMNS) -> str:
    """A Markdown table of the benchmark's rows: (key, label) per column."""
    lines = ["| " + " | ".join(label for _, label in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row[key]) for key, _ in columns) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--child":
        build_index_main(argv[1], argv[2])
        return
    sizes = [int(a) for a in argv] or [1000, 10000]
    rows = []
    for count in sizes:
        rows.append(run(count))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}\n")
    print(table(rows))
    print()
    print(table(rows, SIZE_COLUMNS))


if __name__ == "__main__":
    main(sys.argv[1:])
