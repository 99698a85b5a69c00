"""End-to-end build benchmark: the whole `make site` beside plain Pelican, in the same run.

    .venv/bin/python -m bench.build_bench 1000 10000        (results: a Markdown table)

For each size it writes N synthetic seeds (bench/related_bench.write_corpus: ~9 KB articles,
every tenth followed by other reports of its story), then measures, each in a child process
with the peak memory (PSS) of its process tree:
  * the full build, as `make site` runs it (news_archive.build_atomic into an empty output);
  * a rebuild with nothing changed, a rebuild after adding one article dated at random among the
    others, and one after adding an article newer than all (the usual case: today's report), as
    shares of the full build;
  * plain Pelican rendering the same articles as Markdown with its default theme;
and the output's size and file count.

    .venv/bin/python -m bench.build_bench --runs 3 10000

repeats all of it three times on the same articles (output and cache folder deleted before each
full build, the two added articles removed), each repetition timing our build and plain Pelican
one after the other, and prints the median of each figure with its range: on this 2-core machine
the same build's time varies by 2-5 s from one run to the next, plain Pelican's by 3 s, and each
ratio is taken within one repetition. Peak memory is the largest of the runs.

    .venv/bin/python -m bench.build_bench --shape one-outlet 10000

builds an archive of another shape from the same articles: `one-outlet` (every report from one
outlet, as when a user collects a single paper), `one-day` (every dated report on one day, as
after a scrape that kept only the collection date). The corpus spreads reports over 24 outlets and
six years; work that grows with the size of one group (an outlet, a day) shows only here.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from news_archive.incremental import CACHE_DIR  # noqa: E402

from bench.corpus import Corpus  # noqa: E402
from bench.related_bench import write_corpus  # noqa: E402
from bench.search_bench import measure, pelican_render, table  # noqa: E402
from tests.project import write_settings  # noqa: E402

COLUMNS = [
    ("articles", "articles"),
    ("build_s", "`make site` (s)"),
    ("pelican_s", "plain Pelican (s)"),
    ("ratio", "ratio"),
    ("noop_share", "no-op rebuild"),
    ("add_share", "+1 article"),
    ("newest_share", "+1 newest article"),
    ("peak_mb", "peak PSS (MB)"),
    ("pelican_mb", "Pelican peak (MB)"),
    ("output_mb", "output (MB)"),
    ("files", "files"),
]


def project(root: Path, seeds: Path) -> Path:
    """A project folder using the repository's theme, plugin and npm assets, with these seeds."""
    (root / "content" / "annotations").mkdir(parents=True)
    os.symlink(seeds, root / "seeds")
    return write_settings(root, "NEWS_ARCHIVE['keep_going'] = True\n")


def build(settings: Path, output: Path) -> tuple[float, int]:
    env = f"PYTHONPATH={REPO / 'plugins'}"
    command = ["env", env, sys.executable, "-m", "news_archive.build_atomic", "-s", str(settings), "-o", str(output)]
    seconds, peak, log = measure(command, cwd=settings.parent, interval=0.5)
    if "Sijill:" not in log:
        raise RuntimeError(log[-2000:])
    return seconds, peak


def size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# shape -> (the seed line it rewrites, what it becomes); "mixed" is the corpus as written
SHAPES = {
    "mixed": None,
    "one-outlet": (re.compile("^المصدر: .*$", re.M), "المصدر: سكاي نيوز عربية"),
    "one-day": (re.compile("^تاريخ النشر: .*$", re.M), "تاريخ النشر: 12 مارس 2024"),
}


def shaped(text: str, shape: str) -> str:
    rule = SHAPES[shape]
    return rule[0].sub(rule[1], text) if rule else text


ADDED = {"random": 1, "newest": 2}  # the article a +1 rebuild adds -> its number after the corpus's


def added_path(seeds: Path, count: int, kind: str) -> Path:
    n = count + ADDED[kind]
    return seeds / f"{n:06d}_{n:016x}.txt"


def remove_added(seeds: Path, count: int) -> None:
    for kind in ADDED:
        added_path(seeds, count, kind).unlink(missing_ok=True)


def add_article(seeds: Path, count: int, kind: str, shape: str = "mixed") -> None:
    """Write the article a +1 rebuild adds: `random`, dated at random among the others, or
    `newest`, newer than every other (the usual case: today's report; the corpus's dates end in
    2024), in the one-day shape too a report of a later day."""
    n = count + ADDED[kind]
    text = Corpus(seed=10 + ADDED[kind]).article(n)
    if kind == "newest":
        lines = text.split("\n")
        lines[1:2] = ["تاريخ النشر: 1 يناير 2025"] + ([] if lines[1].startswith("تاريخ") else [lines[1]])
        text = "\n".join(lines)
    if not (kind == "newest" and shape == "one-day"):
        text = shaped(text, shape)
    added_path(seeds, count, kind).write_text(text, "utf-8")


def once(seeds: Path, settings: Path, count: int, shape: str = "mixed") -> dict[str, float]:
    """One repetition: the full build into an empty output with an empty cache, the rebuilds, and
    plain Pelican on the same articles."""
    output = settings.parent / "output"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(settings.parent / CACHE_DIR, ignore_errors=True)
    remove_added(seeds, count)
    full_s, peak = build(settings, output)
    noop_s, _ = build(settings, output)
    add_article(seeds, count, "random", shape)
    add_s, _ = build(settings, output)
    add_article(seeds, count, "newest", shape)
    newest_s, _ = build(settings, output)
    pelican = settings.parent.parent / "pelican"
    pelican_s, pelican_peak = pelican_render(seeds, pelican, interval=0.5)
    shutil.rmtree(pelican, ignore_errors=True)
    return {
        "build_s": full_s,
        "pelican_s": pelican_s,
        "ratio": full_s / pelican_s,
        "noop_share": noop_s / full_s,
        "add_share": add_s / full_s,
        "newest_share": newest_s / full_s,
        "peak_mb": peak / 2**20,
        "pelican_mb": pelican_peak / 2**20,
    }


def run(count: int, runs: int = 1, shape: str = "mixed") -> dict:
    with tempfile.TemporaryDirectory(prefix="sijill-build-bench-") as scratch:
        work = Path(scratch)
        seeds = work / "seeds"
        write_corpus(seeds, count)
        if SHAPES[shape]:
            for path in seeds.iterdir():
                path.write_text(shaped(path.read_text("utf-8"), shape), "utf-8")
        settings = project(work / "project", seeds)
        measured = [once(seeds, settings, count, shape) for _ in range(runs)]
        total, files = size(settings.parent / "output")
    formats = {"build_s": "{:.1f}", "pelican_s": "{:.1f}", "ratio": "{:.2f}"}
    articles = f"{count:,}" + ("" if shape == "mixed" else f", {shape}")
    row = {"articles": articles, "output_mb": f"{total / 2**20:,.0f}", "files": f"{files:,}"}
    for name in measured[0]:
        values = [m[name] for m in measured]
        form = formats.get(name, "{:,.0f}" if name.endswith("_mb") else "{:.0%}")
        if name.endswith("_mb"):  # memory: the largest of the runs
            row[name] = form.format(max(values))
        elif runs == 1:
            row[name] = form.format(values[0])
        else:
            middle, low, high = (form.format(v) for v in (statistics.median(values), min(values), max(values)))
            row[name] = middle if low == high else f"{middle} ({low.rstrip('%')}-{high})"
    return row


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", type=int, nargs="*", default=[1000], help="numbers of articles")
    parser.add_argument("--runs", type=int, default=1, help="repetitions (medians and ranges)")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="mixed", help="the archive's shape")
    args = parser.parse_args(argv)
    rows = []
    for count in args.counts:
        rows.append(run(count, args.runs, args.shape))
        print(table(rows, COLUMNS), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
