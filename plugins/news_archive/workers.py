"""Work spread over forked processes that read the build's large inputs without pickling them.

The parent puts the inputs in SHARED for the duration of `fork_map`; forked workers inherit
them. A worker that writes to a memory page it shares with its parent copies it, so before
forking the parent's objects are frozen for the garbage collector (gc.freeze) and the C
heap's free pages are handed back to the system (glibc's malloc_trim), and the workers run
without cyclic garbage collection. Together (with smaller jobs) these took the memory of
each worker scoring related-report pairs at 100k reports from ~460 MB to ~200 MB
(bench/README.md, related reports).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

SHARED: dict[str, Any] = {}


def default_processes() -> int:
    """Worker processes to use: both cores of a two-core machine, never more than two, or what
    the environment variable SIJILL_PROCESSES says (1 runs everything in the build's process)."""
    asked = os.environ.get("SIJILL_PROCESSES", "")
    if asked.isdigit() and int(asked) > 0:
        return int(asked)
    return max(1, min(2, os.cpu_count() or 1))


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c"))
    except (OSError, TypeError):
        return None


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc only; elsewhere nothing)."""
    with contextlib.suppress(AttributeError):
        if libc := _libc():
            libc.malloc_trim(0)


def _start_worker() -> None:
    """In each worker: no cyclic garbage collection. Measured at 100k reports, a worker scoring
    candidate pairs held ~330 MB of its own with it, ~200 MB without (gc.freeze notwithstanding).
    Workers run plain loops over arrays and exit at the end of fork_map."""
    gc.disable()


_frozen = 0  # pools alive: the parent's objects stay frozen for the collector until the last ends


@contextlib.contextmanager
def _pool(processes: int) -> Iterator[multiprocessing.pool.Pool]:
    """Forked workers, the parent's objects frozen for the garbage collector while they live (its
    collections would otherwise write to pages the workers share); pools may nest."""
    global _frozen
    release_free_memory()
    gc.freeze()
    _frozen += 1
    try:
        with multiprocessing.get_context("fork").Pool(processes, _start_worker) as pool:
            yield pool
    finally:
        _frozen -= 1
        if not _frozen:
            gc.unfreeze()


def fork_map(function: Callable, jobs: Sequence, processes: int, **shared: Any) -> Iterator:
    """function(job) for every job, in order, with `shared` readable through SHARED. Runs in
    `processes` forked workers, or in this process when there is one process or one job.
    The results are yielded as they arrive; SHARED is cleared of `shared` once all are."""
    SHARED.update(shared)
    try:
        if processes > 1 and len(jobs) > 1:
            with _pool(min(processes, len(jobs))) as pool:
                yield from pool.imap(function, jobs)
        else:
            yield from map(function, jobs)
    finally:
        for key in shared:
            SHARED.pop(key, None)


@contextlib.contextmanager
def background(function: Callable, jobs: Sequence, processes: int, **shared: Any) -> Iterator[Callable[[], list]]:
    """fork_map whose workers run while the block goes on: the block is given a function that
    waits for the results (in job order; the block's end waits too, an error in it stops the
    workers). The workers see `shared` as it is at the start; with one process or one job,
    the jobs run in this process when the results are asked for."""
    if processes <= 1 or len(jobs) <= 1:
        done: list[list] = []

        def wait() -> list:
            if not done:
                done.append(list(fork_map(function, jobs, 1, **shared)))
            return done[0]

        yield wait
        wait()
        return
    SHARED.update(shared)
    try:
        with _pool(min(processes, len(jobs))) as pool:  # forks the workers now
            for key in shared:
                SHARED.pop(key, None)
            pending = pool.map_async(function, jobs, chunksize=1)
            ended: list[bool] = []

            def wait() -> list:
                results = pending.get()
                if not ended:  # the workers end now, and their memory with them
                    pool.close()
                    pool.join()
                    ended.append(True)
                return results

            yield wait
            wait()
    finally:
        for key in shared:
            SHARED.pop(key, None)


def ranges(n: int, parts: int) -> list[tuple[int, int]]:
    """[0, n) cut into at most `parts` consecutive ranges of nearly equal size."""
    step = max(1, -(-n // max(1, parts)))
    return [(lo, min(lo + step, n)) for lo in range(0, n, step)]
