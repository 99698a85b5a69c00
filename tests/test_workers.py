"""The forked-worker map that the related reports and the search index share."""

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from news_archive.workers import SHARED, Detached, background, fork_map, ranges


def _job(bounds: tuple[int, int]) -> tuple[int, list[int], bool]:
    return os.getpid(), SHARED["values"][bounds[0] : bounds[1]], gc.isenabled()


@pytest.mark.parametrize("processes", [1, 2])
def test_results_come_back_in_order_and_the_shared_input_is_released(processes):
    values = list(range(1000))
    results = list(fork_map(_job, ranges(len(values), 7), processes, values=values))
    assert [v for _, part, _ in results for v in part] == values
    assert "values" not in SHARED
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the parent's collector is as before
    pids = {pid for pid, _, _ in results}
    if processes == 1:
        assert pids == {os.getpid()}
    else:
        assert os.getpid() not in pids and len(pids) <= 2  # one worker may be quick enough to take every job
        assert not any(enabled for _, _, enabled in results)  # workers run without cyclic GC


def test_a_failing_job_raises_in_the_parent_and_releases_the_shared_input():
    with pytest.raises(KeyError):
        list(fork_map(_job, ranges(10, 2), 2))  # no "values" shared
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("processes", [1, 2])
def test_background_workers_run_while_the_parent_works_and_give_results_in_order(processes, tmp_path):
    """The parent's own work (here a nested fork_map, as the search index's) goes on while the
    workers run; the results come back in job order, and the parent's collector is as before."""
    values = list(range(1000))
    with background(_job, ranges(len(values), 7), processes, values=values) as wait:
        assert "values" not in SHARED or processes == 1  # the workers have their copy
        nested = list(fork_map(_job, ranges(10, 2), processes, values=list(range(10))))
        assert gc.get_freeze_count() > 0 or processes == 1  # still frozen: the first workers live on
        results = wait()
        for pid in {pid for pid, _, _ in results} - {os.getpid()}:  # ended once waited for: their memory freed
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    assert [v for _, part, _ in results for v in part] == values
    assert [v for _, part, _ in nested for v in part] == list(range(10))
    assert "values" not in SHARED and gc.isenabled() and gc.get_freeze_count() == 0
    pids = {pid for pid, _, _ in results}
    assert (pids == {os.getpid()}) if processes == 1 else (os.getpid() not in pids)


def test_background_workers_collect_garbage_when_the_parent_does_not():
    """The build's process runs without the cyclic collector (plugin.run_pelican); the render
    workers it forks must not inherit that: rendering makes cyclic garbage."""
    gc.disable()
    try:
        with background(_job, ranges(10, 2), 2, values=list(range(10))) as wait:
            results = wait()
    finally:
        gc.enable()
    assert {pid for pid, _, _ in results} - {os.getpid()} and all(enabled for _, _, enabled in results)


def test_a_failing_background_job_raises_when_waited_for():
    with pytest.raises(KeyError), background(_job, ranges(10, 2), 2) as wait:  # no "values" shared
        wait()
    assert gc.get_freeze_count() == 0


def test_ranges_cover_everything_once():
    assert ranges(10, 3) == [(0, 4), (4, 8), (8, 10)]
    assert ranges(2, 5) == [(0, 1), (1, 2)]
    assert ranges(0, 4) == []


def test_pages_rendered_in_two_processes_equal_those_of_one(tmp_path):
    """Over RENDER_IN_PROCESS pages the plan is rendered in forked workers: same files, same bytes."""
    from bench.related_bench import write_corpus
    from tests.conftest import build_site
    from tests.test_hostile import tree

    write_corpus(tmp_path / "corpus", 250)
    seeds = {p.name: p.read_bytes() for p in sorted((tmp_path / "corpus").glob("*.txt"))}
    one = build_site(tmp_path / "one", seeds=seeds, annotations={}, env={"SIJILL_PROCESSES": "1"})
    two = build_site(tmp_path / "two", seeds=seeds, annotations={}, env={"SIJILL_PROCESSES": "2"})
    assert one.returncode == 0 and two.returncode == 0, one.log + two.log
    first, second = tree(one.output), tree(two.output)
    assert len(first) > 600 and sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def _pid_and_nested(values: list[int]) -> tuple[int, list[int]]:
    """What a Detached process does: its own fork_map (so it may fork workers, as the index does)."""
    return os.getpid(), [v for _, part, _ in fork_map(_job, ranges(len(values), 3), 2, values=values) for v in part]


def _fail(code: int) -> None:
    if code:
        os._exit(code)  # dies without a word, as a process killed by the system would
    raise KeyError("no such article")


@pytest.mark.parametrize("fork", [False, True])
def test_a_detached_process_gives_its_value_and_may_fork_workers_of_its_own(fork):
    detached = Detached(_pid_and_nested, (list(range(20)),), fork)
    assert gc.get_freeze_count() > 0 or not fork  # the parent's objects frozen while it lives
    pid, values = detached.result()
    assert values == list(range(20))
    assert (pid != os.getpid()) if fork else (pid == os.getpid())
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize("fork", [False, True])
def test_a_detached_error_is_raised_in_the_parent(fork):
    with pytest.raises(KeyError, match="no such article") as raised:
        Detached(_fail, (0,), fork).result()
    assert gc.get_freeze_count() == 0
    if fork:  # where it was raised in the process, which the parent's traceback does not show
        assert "in the process _fail" in raised.value.__notes__[0] and "in _fail" in raised.value.__notes__[0]


def test_a_detached_process_that_dies_is_named_with_its_exit_code():
    with pytest.raises(ChildProcessError, match=r"_fail ended without a result \(exit code 3\)"):
        Detached(_fail, (3,), True).result()
    assert gc.get_freeze_count() == 0


def test_a_stopped_detached_process_ends_at_once():
    detached = Detached(time.sleep, (60,), True)
    pid = detached._process.pid
    detached.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert gc.get_freeze_count() == 0


def test_a_detached_process_is_ended_not_waited_for_when_the_build_stops(tmp_path):
    """A build that fails while the index is being written exits at once (were the process of a
    minute's sleep waited for, the run would time out), its process ended."""
    script = "import time\nfrom news_archive.workers import Detached\nd = Detached(time.sleep, (60,), True)\n"
    script += "print(d._process.pid, flush=True)\nraise SystemExit('the build stopped')\n"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "plugins")},
    )
    assert done.returncode == 1 and "the build stopped" in done.stderr
    with pytest.raises(ProcessLookupError):
        os.kill(int(done.stdout), 0)
