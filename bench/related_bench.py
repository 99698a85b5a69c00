"""Related-reports benchmark: candidate generation and ranking, beside plain Pelican.

    .venv/bin/python -m bench.related_bench 10000 100000      (results: a Markdown table)

For each corpus size it generates synthetic ~9 KB articles (bench/corpus.py) in which every
tenth article is followed by two reports of the same story under its headline and date (a
copy with sentences dropped and words changed, a rewrite of half its sentences) and by another
story that quotes one of its paragraphs, then measures in a child process:
  * `related.relate` over the parsed records with 2 processes: wall time and the peak memory
    (PSS) of the process tree, both in total and above what the records alone take;
  * how many links and stories it found;
  * tagging: the name authority's `Gazetteer.find` over every parsed record, one process (the
    plugin runs it in its two reading workers), its CPU time apart from the parsing;
and, in the same run, plain Pelican rendering the same articles (bench/search_bench.py):
its wall time and, for scale, its own peak memory.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from bench.search_bench import _tree_rss, measure, pelican_render, table  # noqa: E402


def write_corpus(folder: Path, count: int) -> None:
    from bench.corpus import Corpus

    corpus, rng = Corpus(), random.Random(3)
    folder.mkdir(parents=True, exist_ok=True)
    source: list[str] = []
    for number in range(count):
        kind = number % 10
        if kind in (0, 4, 5, 6, 7, 8, 9) or not source:
            text = corpus.article(number)
            if kind == 0:
                source = text.split("\n")
        else:
            head, body, foot = source[:2], [line for line in source[2:-2] if line], source[-2:]
            if kind == 1:  # copy with edits
                body = [s for n, s in enumerate(body) if n % 4 != 3]
                body = [
                    " ".join(w if rng.random() > 0.05 else corpus.words("ar", 1)[0] for w in s.split()) for s in body
                ]
            elif kind == 2:  # rewrite: half the sentences, reordered, every third word replaced
                body = [
                    " ".join(corpus.words("ar", 1)[0] if n % 3 == 2 else w for n, w in enumerate(s.split()))
                    for s in body[::-2]
                ]
            else:  # another story quoting one of its paragraphs
                lines = corpus.article(number).split("\n")
                head, body, foot = lines[:2], [*lines[2:-2], body[len(body) // 2]], lines[-2:]
            text = "\n".join([*head, "", *body, *foot]) + "\n"
        (folder / f"{number:06d}_{number:016x}.txt").write_text(text, encoding="utf-8")


def child(seeds: str) -> None:
    """Parse the seeds and tag entities (as the plugin does for its pages), then relate."""
    from news_archive.entities import load_gazetteer
    from news_archive.related import Report, relate
    from news_archive.seedparse import parse_seed

    gazetteer = load_gazetteer()
    reports, tagging = [], 0.0
    for path in sorted(Path(seeds).glob("*.txt")):
        r = parse_seed(path.read_text("utf-8"))
        text = r.title + "\n" + "\n".join(r.paragraphs)
        start = time.process_time()
        entities = tuple(e for e, _ in gazetteer.find(text))
        tagging += time.process_time() - start
        reports.append(
            Report(path.stem[-16:], r.lang, r.date.date if r.date else None, r.outlet, r.title, r.paragraphs, entities)
        )
    baseline = _tree_rss(os.getpid())
    print(json.dumps({"baseline": baseline}), flush=True)
    start = time.perf_counter()
    result = relate(reports)
    seconds = time.perf_counter() - start
    links = sum(len(v) for v in result.links.values())
    print(
        json.dumps({"seconds": seconds, "tagging": tagging, "links": links, "stories": len(result.stories)}), flush=True
    )


def run(count: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"sijill-related-{count}-"))
    try:
        seeds = work / "seeds"
        write_corpus(seeds, count)
        _, peak, out = measure(
            [sys.executable, "-m", "bench.related_bench", "--child", str(seeds)], cwd=REPO, interval=0.5
        )
        lines = [json.loads(line) for line in out.strip().splitlines()]
        baseline, result = lines[0]["baseline"], lines[-1]
        pelican, pelican_peak = pelican_render(seeds, work / "pelican", interval=0.5)
        return {
            "articles": count,
            "related_seconds": round(result["seconds"], 1),
            "pelican_seconds": round(pelican, 1),
            "ratio": round(result["seconds"] / pelican, 2),
            "tagging_seconds": round(result["tagging"], 1),
            "with_tagging_ratio": round((result["seconds"] + result["tagging"]) / pelican, 2),
            "peak_mb": round(peak / 2**20),
            "above_records_mb": round((peak - baseline) / 2**20),
            "pelican_mb": round(pelican_peak / 2**20),
            "links": result["links"],
            "stories": result["stories"],
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


COLUMNS = [
    ("articles", "articles"),
    ("related_seconds", "related (s)"),
    ("pelican_seconds", "plain Pelican render (s)"),
    ("ratio", "related / Pelican"),
    ("tagging_seconds", "tagging, CPU of one process (s)"),
    ("with_tagging_ratio", "(related + tagging) / Pelican"),
    ("peak_mb", "peak memory, PSS (MB)"),
    ("above_records_mb", "of which above the records (MB)"),
    ("pelican_mb", "plain Pelican's peak memory, PSS (MB)"),
    ("links", "links"),
    ("stories", "stories"),
]


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--child":
        child(argv[1])
        return
    rows = []
    for count in [int(a) for a in argv] or [10000]:
        rows.append(run(count))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}\n")
    print(table(rows, COLUMNS))


if __name__ == "__main__":
    main(sys.argv[1:])
