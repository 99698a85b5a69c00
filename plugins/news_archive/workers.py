"""Work spread over forked processes that read the build's large inputs without pickling them.

The parent puts the inputs in SHARED for the duration of `fork_map`; forked workers inherit
them. A worker that writes to a memory page it shares with its parent copies it, so before
forking the parent's objects are frozen for the garbage collector (gc.freeze) and the C
heap's free pages are handed back to the system (glibc's malloc_trim), and the workers run
without cyclic garbage collection (but for the render workers of `background`). Together (with
smaller jobs) these took the memory of each worker scoring related-report pairs at 100k reports
from ~460 MB to ~200 MB (bench/README.md, related reports). `Detached` runs one function in a
process of its own beside the build (the search index while the reports are related).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import multiprocessing.pool
import os
import traceback
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


def _freeze() -> None:
    """Before forking: the parent's objects frozen for the garbage collector while the children
    live (its collections would otherwise write to pages they share), free C heap handed back."""
    global _frozen
    release_free_memory()
    gc.freeze()
    _frozen += 1


def _thaw() -> None:
    global _frozen
    _frozen -= 1
    if not _frozen:
        gc.unfreeze()


@contextlib.contextmanager
def _pool(processes: int, collect: bool = False) -> Iterator[multiprocessing.pool.Pool]:
    """Forked workers, the parent's objects frozen while they live; pools may nest. With
    `collect`, the workers run the garbage collector (for work that makes cyclic garbage), even
    when the parent does not (news_archive.plugin.run_pelican)."""
    _freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes, gc.enable if collect else _start_worker) as pool:
            yield pool
    finally:
        _thaw()


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
    the jobs run in this process when the results are asked for. The workers run the garbage
    collector, whether or not the parent does: rendering pages makes cyclic garbage (Jinja's
    contexts), which grew each render worker of a 10,000-report build from ~180 to ~450 MB
    without it (~310 MB with it)."""
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
        with _pool(min(processes, len(jobs)), collect=True) as pool:  # forks the workers now
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


class Detached:
    """function(*args) in a forked process of its own, started at once, while this one goes on
    (with `fork` false: in this process, when the result is asked for). `result()` waits for it
    and gives its value or raises its exception; `stop()` ends it early, as the end of this
    process does (an error elsewhere in the build: it is not waited for). Unlike a pool's
    workers, the process may fork workers of its own (fork_map)."""

    def __init__(self, function: Callable, args: tuple, fork: bool):
        self._call = (function, args)
        self._process: multiprocessing.process.BaseProcess | None = None
        if fork:
            self._receive, send = multiprocessing.Pipe(duplex=False)
            _freeze()
            self._process = multiprocessing.get_context("fork").Process(
                target=_send_result, args=(send, function, args), name=function.__name__
            )
            self._process.start()
            send.close()
            atexit.register(self.stop)

    def result(self) -> Any:
        if self._process is None:
            function, args = self._call
            return function(*args)
        try:
            ok, value = self._receive.recv()
        except EOFError:
            self._end()
            name, code = self._process.name, self._process.exitcode
            raise ChildProcessError(f"the process {name} ended without a result (exit code {code})") from None
        self._end()
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        self._end()

    def _end(self) -> None:
        if self._process is not None and not self._receive.closed:
            self._process.join()
            self._receive.close()
            _thaw()
            atexit.unregister(self.stop)


def _send_result(send: Any, function: Callable, args: tuple) -> None:
    """In a Detached process: (True, its value) or (False, its exception) sent to the parent."""
    try:
        outcome = (True, function(*args))
    except BaseException as error:  # raised again in the parent, with where it was raised here
        error.add_note(f"in the process {function.__name__}:\n{traceback.format_exc()}")
        outcome = (False, error)
    try:
        send.send(outcome)
    except Exception as error:  # a value or an error that cannot be pickled
        send.send((False, ChildProcessError(f"{function.__name__}: {outcome[1]!r} could not be sent ({error})")))


def ranges(n: int, parts: int) -> list[tuple[int, int]]:
    """[0, n) cut into at most `parts` consecutive ranges of nearly equal size."""
    step = max(1, -(-n // max(1, parts)))
    return [(lo, min(lo + step, n)) for lo in range(0, n, step)]
