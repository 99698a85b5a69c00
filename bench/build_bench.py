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
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

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


def run(count: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="sijill-build-bench-") as scratch:
        work = Path(scratch)
        seeds = work / "seeds"
        write_corpus(seeds, count)
        settings = project(work / "project", seeds)
        output = work / "project" / "output"
        full_s, peak = build(settings, output)
        noop_s, _ = build(settings, output)
        extra = Corpus(seed=11).article(count + 1)  # dated at random among the others
        (seeds / f"{count + 1:06d}_{count + 1:016x}.txt").write_text(extra, encoding="utf-8")
        add_s, _ = build(settings, output)
        # the usual case: today's report, newer than every other (the corpus's dates end in 2024)
        newest = Corpus(seed=12).article(count + 2).split("\n")
        newest[1:2] = ["تاريخ النشر: 1 يناير 2025"] + ([] if newest[1].startswith("تاريخ") else [newest[1]])
        (seeds / f"{count + 2:06d}_{count + 2:016x}.txt").write_text("\n".join(newest), encoding="utf-8")
        newest_s, _ = build(settings, output)
        total, files = size(output)
        pelican_s, pelican_peak = pelican_render(seeds, work / "pelican", interval=0.5)
        shutil.rmtree(work / "pelican", ignore_errors=True)
    return {
        "articles": f"{count:,}",
        "build_s": f"{full_s:.1f}",
        "pelican_s": f"{pelican_s:.1f}",
        "ratio": f"{full_s / pelican_s:.2f}",
        "noop_share": f"{noop_s / full_s:.0%}",
        "add_share": f"{add_s / full_s:.0%}",
        "newest_share": f"{newest_s / full_s:.0%}",
        "peak_mb": f"{peak / 2**20:,.0f}",
        "pelican_mb": f"{pelican_peak / 2**20:,.0f}",
        "output_mb": f"{total / 2**20:,.0f}",
        "files": f"{files:,}",
    }


def main(argv: list[str]) -> None:
    rows = []
    for count in [int(a) for a in argv] or [1000]:
        rows.append(run(count))
        print(table(rows, COLUMNS), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
