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
"""

from __future__ import annotations

import os
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


def once(seeds: Path, settings: Path, count: int) -> dict[str, float]:
    """One repetition: the full build into an empty output with an empty cache, the rebuilds, and
    plain Pelican on the same articles."""
    output = settings.parent / "output"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(settings.parent / CACHE_DIR, ignore_errors=True)
    added = [seeds / f"{n:06d}_{n:016x}.txt" for n in (count + 1, count + 2)]
    for path in added:
        path.unlink(missing_ok=True)
    full_s, peak = build(settings, output)
    noop_s, _ = build(settings, output)
    added[0].write_text(Corpus(seed=11).article(count + 1), encoding="utf-8")  # dated at random among the others
    add_s, _ = build(settings, output)
    # the usual case: today's report, newer than every other (the corpus's dates end in 2024)
    newest = Corpus(seed=12).article(count + 2).split("\n")
    newest[1:2] = ["تاريخ النشر: 1 يناير 2025"] + ([] if newest[1].startswith("تاريخ") else [newest[1]])
    added[1].write_text("\n".join(newest), encoding="utf-8")
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


def run(count: int, runs: int = 1) -> dict:
    with tempfile.TemporaryDirectory(prefix="sijill-build-bench-") as scratch:
        work = Path(scratch)
        seeds = work / "seeds"
        write_corpus(seeds, count)
        settings = project(work / "project", seeds)
        measured = [once(seeds, settings, count) for _ in range(runs)]
        total, files = size(settings.parent / "output")
    formats = {"build_s": "{:.1f}", "pelican_s": "{:.1f}", "ratio": "{:.2f}"}
    row = {"articles": f"{count:,}", "output_mb": f"{total / 2**20:,.0f}", "files": f"{files:,}"}
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
    runs = 1
    if argv[:1] == ["--runs"]:
        runs, argv = int(argv[1]), argv[2:]
    rows = []
    for count in [int(a) for a in argv] or [1000]:
        rows.append(run(count, runs))
        print(table(rows, COLUMNS), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
