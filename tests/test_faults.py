"""Every case of tests/hostile/faults.py, built on its own copy as `make site` builds: the exit
status and message it promises, every seeds/ entry accounted for, nothing written or deleted
outside the output folder, and no hang (each build runs under a timeout)."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.hostile.faults import FAULTS, GOOD, GOOD_NAME, Fault
from tests.project import write_settings

TIMEOUT = 120
TEXT_FILES = {".html", ".json", ".js", ".bib", ".ris", ".xml"}
UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def make_project(root: Path, fault: Fault) -> None:
    (root / "seeds").mkdir(parents=True)
    (root / "content" / "annotations").mkdir(parents=True)
    (root / "seeds" / GOOD_NAME).write_text(GOOD, encoding="utf-8")
    write_settings(root)
    for name, data in fault.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    for name, kind in fault.entries.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "dir":
            path.mkdir()
        elif kind.startswith("symlink:"):
            path.symlink_to(kind.removeprefix("symlink:"))
        elif kind in ("absent", "empty"):
            shutil.rmtree(path)
            if kind == "empty":
                path.mkdir()
        else:
            raise ValueError(f"unknown entry kind {kind!r}")


def snapshot(root: Path, skip: set[Path]) -> dict[str, object]:
    """Every entry under root (links not followed, FIFOs not opened), but the skipped folders."""
    seen: dict[str, object] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in skip and d != "__pycache__"]
        for name in dirs + files:
            path = here / name
            if path in skip:
                continue
            mode = path.lstat().st_mode
            key = path.relative_to(root).as_posix()
            if stat.S_ISLNK(mode):
                seen[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                seen[key] = path.read_bytes()
            else:
                seen[key] = ("dir" if stat.S_ISDIR(mode) else "special", stat.S_IFMT(mode))
    return seen


def run_build(root: Path, fault: Fault) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIJILL_") and k != "SITEURL"}
    env.update(PYTHONPATH=str(REPO / "plugins"), COLUMNS="500", TERM="dumb")
    command = [sys.executable, "-m", "news_archive.build_atomic", "-s", "sitecfg.py", "-o", fault.output]
    return subprocess.run([*command, *fault.flags], capture_output=True, text=True, env=env, cwd=root, timeout=TIMEOUT)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault(name, tmp_path):
    fault = FAULTS[name]
    root = tmp_path / "project"
    make_project(root, fault)
    output = (root / fault.output).resolve()
    cache = {root / ".sijill-cache"}  # the build's own cache (incremental builds)
    scratch = {output, *output.parent.glob(f".{output.name}.*")} if fault.exit == 0 else cache
    before = snapshot(root, scratch)
    built = run_build(root, fault)
    log = built.stdout + built.stderr
    assert (built.returncode == 0) == (fault.exit == 0), log
    assert fault.message in log, log
    assert "Traceback" not in log, log
    scratch = {output, *output.parent.glob(f".{output.name}.*")} | cache if fault.exit == 0 else cache
    assert snapshot(root, scratch) == before, "something outside the output folder changed"
    if fault.exit == 0:
        report = json.loads((output / "build-report.json").read_text("utf-8"))
        statuses = {Path(o["file"]).relative_to("seeds").as_posix(): o["status"] for o in report["outcomes"]}
        for entry, status in fault.outcomes.items():
            assert statuses.get(entry) == status, (entry, report["outcomes"])
        assert sum(report["counts"].values()) == report["files"] == len(report["outcomes"])
        for path in fault.present:
            assert (output / path).is_file(), path
        for path in sorted(output.rglob("*")):
            if path.suffix in TEXT_FILES:  # not the originals: they are published byte for byte
                text = path.read_bytes().decode("utf-8", errors="replace")
                assert not UNSAFE.search(text), f"{path}: a control or bidi character survived"
                assert not [t for t in fault.absent if t in text], path
