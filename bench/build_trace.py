"""Where a build's time goes: one `make site` build traced, stage by stage and process by process.

    .venv/bin/python -m bench.build_trace 10000                  # a +1 rebuild (the newest article)
    .venv/bin/python -m bench.build_trace --kind random 10000    # a +1 rebuild (dated among the others)
    .venv/bin/python -m bench.build_trace --kind full 10000      # the full build

It writes N synthetic seeds and a project as bench/build_bench.py does, builds them untraced (for
a +1: the full build, then adds the article), then runs the traced build: news_archive.build_atomic
as `make site` runs it, with bench/trace/ on its PYTHONPATH, whose sitecustomize.py times the
stages named in STAGES in whichever process runs them and reports every process's CPU time and
page faults when it ends. Meanwhile this script reads /proc/stat every STEP seconds: how many of
the machine's cores were busy (all processes: run it on an otherwise idle machine).

Prints, in Markdown: the totals (wall time, CPU time of the whole process tree, cores busy on
average, core-seconds left idle); the stages, in order of start; the processes; and the cores
busy in each step. Times are seconds from the start of the command. A stage whose function is
renamed is listed as not found, so that the list stays honest."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.build_bench import REPO, add_article, project
from bench.related_bench import write_corpus

STEP = 0.25  # seconds between two readings of /proc/stat
STAGES = [
    "news_archive.incremental:inputs",  # build_atomic's process: what the build is made from
    "news_archive.plugin:ArchiveGenerator.__init__",  # the authority and the tagger
    "news_archive.plugin:ArchiveGenerator._read_all",  # the seeds' records (and their boilerplate)
    "news_archive.plugin:ArchiveGenerator.generate_context",
    "news_archive.plugin:ArchiveGenerator._index",  # the search index, in a process of its own
    "news_archive.related:relate",
    "news_archive.pages:plan_pages",
    "news_archive.plugin:ArchiveGenerator._beside_pages",  # the name candidates, beside the pages
    "news_archive.plugin:ArchiveGenerator._reuse_pages",  # the pages' keys against the previous site's
    "news_archive.plugin:ArchiveGenerator._link_unchanged",
    "news_archive.plugin:ArchiveGenerator.generate_output",
    "news_archive.plugin:ArchiveGenerator._check_register",
    "news_archive.basics:finish",  # 404, manifest, sitemap, downloads page, service worker
]


def make_site(settings: Path, output: Path) -> list[str]:
    """The command `make site` runs (Makefile: news_archive.build_atomic)."""
    return [sys.executable, "-m", "news_archive.build_atomic", "-s", str(settings), "-o", str(output)]


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot, from the first line of /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields[:8]) - idle, sum(fields[:8])


def traced(settings: Path, output: Path, log: Path) -> tuple[list[float], os.struct_rusage]:
    """Run the build with the tracer; the cores busy in each STEP, its rusage."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "bench" / "trace"), str(REPO / "plugins")])
    env["SIJILL_TRACE_LOG"] = str(log)
    env["SIJILL_TRACE_STAGES"] = ",".join(STAGES)
    cores = os.cpu_count() or 1
    busy: list[float] = []
    log.write_text(json.dumps({"kind": "start", "at": time.time()}) + "\n")
    process = subprocess.Popen(make_site(settings, output), cwd=settings.parent, env=env, stdout=subprocess.DEVNULL)
    last = cpu_ticks()
    while True:
        time.sleep(STEP)
        pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
        now = cpu_ticks()
        busy.append(cores * (now[0] - last[0]) / max(1, now[1] - last[1]))
        last = now
        if pid:
            break
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, not by Popen
    if process.returncode:
        raise RuntimeError(f"the traced build failed (exit {process.returncode})")
    return busy, rusage


def report(log: Path, busy: list[float], rusage: os.struct_rusage) -> str:
    events = [json.loads(line) for line in log.read_text().splitlines()]
    start = events[0]["at"]
    stages = sorted((e for e in events if e["kind"] == "stage"), key=lambda e: e["start"])
    processes = sorted((e for e in events if e["kind"] == "process"), key=lambda e: e["start"])
    seconds = max(e["end"] for e in processes) - start  # to the end of the last process
    cpu = rusage.ru_utime + rusage.ru_stime
    cores = os.cpu_count() or 1
    lines = [
        "| wall (s) | CPU (s): user + system | cores busy on average | core-seconds idle |",
        "|---|---|---|---|",
        f"| {seconds:.2f} | {cpu:.2f}: {rusage.ru_utime:.2f} + {rusage.ru_stime:.2f} | {cpu / seconds:.2f} of {cores} "
        f"| {sum(max(0.0, cores - b) for b in busy) * STEP:.1f} |",
        "",
        "| stage | process | from-to (s) | wall (s) | CPU (s): user + system | page faults |",
        "|---|---|---|---|---|---|",
    ]
    pids = {e["pid"]: n for n, e in enumerate(processes)}
    for e in stages:
        lines.append(
            f"| {e['name']} | {pids.get(e['pid'], '?')} | {e['start'] - start:.2f}-{e['end'] - start:.2f} "
            f"| {e['end'] - e['start']:.2f} | {e['user']:.2f} + {e['sys']:.2f} | {e['faults']:,} |"
        )
    found = {e["name"] for e in stages}
    missing = [s for s in STAGES if s.partition(":")[2] not in found]
    lines += ["", f"Stages not found (renamed, or not run by this build): {', '.join(missing) or 'none'}.", ""]
    lines += [
        "| process | started by | from-to (s) | CPU (s): user + system | page faults | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for n, e in enumerate(processes):
        lines.append(
            f"| {n} | {e['by']} | {e['start'] - start:.2f}-{e['end'] - start:.2f} | {e['user']:.2f} + {e['sys']:.2f} "
            f"| {e['faults']:,} | {e['peak_mb']:,.0f} |"
        )
    lines += ["", f"Cores busy, every {STEP} s:", "", " ".join(f"{b:.1f}" for b in busy)]
    return "\n".join(lines)


def trace(count: int, kind: str = "newest") -> str:
    """The report of one traced build of `count` synthetic articles: a +1 rebuild (`newest`,
    `random`) after an untraced full build, or the full build (`full`)."""
    with tempfile.TemporaryDirectory(prefix="sijill-build-trace-") as scratch:
        work = Path(scratch)
        seeds = work / "seeds"
        write_corpus(seeds, count)
        settings = project(work / "project", seeds)
        output = settings.parent / "output"
        if kind != "full":
            env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
            untraced = make_site(settings, output)
            subprocess.run(untraced, cwd=settings.parent, env=env, check=True, stdout=subprocess.DEVNULL)
            add_article(seeds, count, kind)
        log = work / "trace.jsonl"
        return report(log, *traced(settings, output, log))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("--kind", choices=["newest", "random", "full"], default="newest", help="the build traced")
    args = parser.parse_args(argv)
    print(trace(args.count, args.kind))


if __name__ == "__main__":
    main(sys.argv[1:])
