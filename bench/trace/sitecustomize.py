"""Loaded by every Python process of a build that bench/build_trace.py traces (this folder is on
the build's PYTHONPATH; Python imports `sitecustomize` at start). Without SIJILL_TRACE_LOG in the
environment it does nothing.

It times the functions named in SIJILL_TRACE_STAGES ("module:Qualified.name,…"), wrapped as their
modules are imported, and reports each process's CPU time and page faults when it ends (forked
workers too: they end by os._exit or, in a pool, by SIGTERM). Each event is one JSON line appended
to SIJILL_TRACE_LOG; one write(2) each, so processes do not interleave their lines."""

from __future__ import annotations

import atexit
import builtins
import functools
import json
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

LOG = os.environ.get("SIJILL_TRACE_LOG")


def emit(event: dict[str, Any]) -> None:
    event["pid"] = os.getpid()
    fd = os.open(LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)  # type: ignore[arg-type]
    try:
        os.write(fd, (json.dumps(event) + "\n").encode())
    finally:
        os.close(fd)


def usage() -> tuple[float, float, int, int]:
    """This process's user and system CPU seconds, minor page faults, peak resident size (KB)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime, r.ru_minflt, r.ru_maxrss


def timed(function: Callable, name: str) -> Callable:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, before = time.time(), usage()
        try:
            return function(*args, **kwargs)
        finally:
            after = usage()
            emit(
                {
                    "kind": "stage",
                    "name": name,
                    "start": start,
                    "end": time.time(),
                    "user": after[0] - before[0],
                    "sys": after[1] - before[1],
                    "faults": after[2] - before[2],
                }
            )

    return wrapper


def wrap_stages(names: list[str]) -> None:
    """Wrap each named function once its module is imported and holds it."""
    pending = set(names)
    real_import = builtins.__import__

    def wrap_ready() -> None:
        for target in list(pending):
            module_name, _, qualified = target.partition(":")
            owner: Any = sys.modules.get(module_name)
            *path, attribute = qualified.split(".")
            try:
                for part in path:
                    owner = getattr(owner, part)
                function = getattr(owner, attribute)
            except AttributeError:  # not imported yet, or still being imported
                continue
            setattr(owner, attribute, timed(function, qualified))
            pending.discard(target)
        if not pending:
            builtins.__import__ = real_import

    def hooked(*args: Any, **kwargs: Any) -> Any:
        module = real_import(*args, **kwargs)
        wrap_ready()
        return module

    builtins.__import__ = hooked


def command() -> str:
    """How this process was started, in short: `python -m module`, `python -c`, or the script."""
    with open("/proc/self/cmdline", "rb") as f:
        args = [a.decode(errors="replace") for a in f.read().split(b"\0")[1:3]]
    if args and args[0] == "-m":
        return " ".join(["python", *args])
    return "python -c" if args and args[0] == "-c" else os.path.basename(args[0] if args else sys.argv[0])


def report_processes() -> None:
    """A `process` event when this process or any forked from it ends."""
    born = {"at": time.time(), "by": f"started: {command()}", "reported": False}

    def report() -> None:
        if born["reported"]:
            return
        born["reported"] = True
        user, system, faults, peak = usage()
        emit(
            {
                "kind": "process",
                "by": born["by"],
                "start": born["at"],
                "end": time.time(),
                "user": user,
                "sys": system,
                "faults": faults,
                "peak_mb": peak / 1024,
            }
        )

    real_exit = os._exit

    def exit_reported(code: int) -> None:
        report()
        real_exit(code)

    def on_term(_signum: int, _frame: object) -> None:  # a pool's workers are terminated
        report()
        real_exit(0)

    def forked() -> None:
        stack = traceback.extract_stack()
        ours = [f.name for f in stack if "news_archive" in f.filename and not f.filename.endswith("workers.py")]
        born.update(at=time.time(), by=" < ".join(reversed(ours[-2:])) or "fork", reported=False)
        signal.signal(signal.SIGTERM, on_term)

    os._exit = exit_reported
    os.register_at_fork(after_in_child=forked)
    atexit.register(report)


if LOG:
    wrap_stages([name for name in os.environ.get("SIJILL_TRACE_STAGES", "").split(",") if name])
    report_processes()
