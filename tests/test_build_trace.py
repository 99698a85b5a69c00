"""bench/build_trace.py: the tracer the benchmark notes rely on still sees every stage it names."""

import re

from bench import build_trace


def test_a_traced_rebuild_reports_every_stage_it_names_and_every_process():
    """A +1 rebuild of a small archive, traced: each stage of STAGES is met (a stage function
    renamed or no longer run would be listed as not found), each in the process that ran it, and
    every process of the build (build_atomic's, Pelican's, the record of the build) reports its
    CPU time; the cores were read through the build."""
    report = build_trace.trace(40, "newest")
    assert "Stages not found (renamed, or not run by this build): none." in report, report
    for stage in build_trace.STAGES:
        assert f"| {stage.partition(':')[2]} |" in report, stage
    processes = re.findall(r"^\| (\d+) \| ([^|]+) \| [\d.]+-[\d.]+ \| ([\d.]+) \+ ([\d.]+) \|", report, re.M)
    started = [by.strip() for _, by, _, _ in processes]
    assert "started: python -c" in started and "started: python -m news_archive.build_atomic" in started, started
    assert any(by.startswith("beside") for by in started), started  # the record, forked at the end
    assert sum(float(user) + float(system) for *_, user, system in processes) > 0.5
    wall, cpu = re.search(r"^\| ([\d.]+) \| ([\d.]+): ", report, re.M).groups()
    busy = report.rsplit("\n", 1)[1].split()
    assert float(wall) > 0.5 and float(cpu) > 0.5 and len(busy) >= float(wall) / build_trace.STEP - 2
