"""The forked-worker map that the related reports and the search index share."""

import gc
import os

import pytest
from news_archive.workers import SHARED, fork_map, ranges


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
