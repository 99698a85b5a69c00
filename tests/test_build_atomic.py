"""`make site` and `make check-site`: the output folder guard, one build at a time, the atomic
swap, leftovers that cannot be deleted, and the check of a built site on its own."""

from __future__ import annotations

import errno
import fcntl
import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from news_archive import build_atomic, check_site, plugin

from tests.conftest import REPO, build_site
from tests.test_faults import snapshot

TIMEOUT = 300


def atomic(root: Path, output: str = "output", *flags: str) -> subprocess.CompletedProcess:
    """`make site` on the project in `root` (cwd), into `output` as given on the command line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIJILL_") and k != "SITEURL"}
    env.update(PYTHONPATH=str(REPO / "plugins"), COLUMNS="500", TERM="dumb")
    command = [sys.executable, "-m", "news_archive.build_atomic", "-s", "sitecfg.py", "-o", output, *flags]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root, timeout=TIMEOUT)


def tree(root: Path) -> dict[str, object]:
    """Every entry under root: bytes of files, link targets, and folders (links not followed)."""
    return snapshot(root, set())


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project with the bundled seeds and a site built by Pelican in output/, inside a folder
    of its own (so `..` is a folder the test owns)."""
    root = tmp_path_factory.mktemp("guard") / "project"
    built = build_site(root)
    assert built.returncode == 0, built.log
    return root


# --- the output folder guard ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("output", "reason"),
    [
        (".", "it is the project folder"),
        ("..", "it holds the project folder"),
        ("seeds", "it is the project's seeds/ folder"),
        ("seeds/out", "it is the project's seeds/ folder or inside it"),
        ("content", "it is the project's content/ folder"),
        ("content/annotations", "it is the project's content/ folder or inside it"),
        ("theme", "it is the project's theme/ folder"),
        ("/", "it is the filesystem root"),
        ("foreign", "not a previous Sijill build"),
        ("sitecfg.py", "is not a folder"),
    ],
)
def test_an_output_that_is_not_a_folder_of_its_own_is_refused_before_anything_is_touched(project, output, reason):
    foreign = project / "foreign"
    foreign.mkdir(exist_ok=True)
    (foreign / "thesis.tex").write_text("years of work\n")
    before = tree(project.parent)
    refused = atomic(project, output)
    assert refused.returncode == 1, refused.stderr
    line = refused.stderr.strip()
    assert line.startswith("Sijill: refusing the output folder ") and reason in line, line
    assert "\n" not in line and "Traceback" not in refused.stderr
    assert str((project / output).resolve()) in line
    assert tree(project.parent) == before, "the project changed"


def test_output_problem_names_home_and_protected_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    project = tmp_path / "home" / "sijill"
    assert "home folder" in build_atomic.output_problem(project, tmp_path / "home")
    for name in build_atomic.PROTECTED:
        assert f"{name}/ folder" in build_atomic.output_problem(project, project / name / "site")
    assert build_atomic.output_problem(project, project / "output") is None  # absent: fine
    (project / "site").mkdir(parents=True)
    assert build_atomic.output_problem(project, project / "site") is None  # empty: fine
    (project / "site" / "build-report.json").write_text("{}")
    assert build_atomic.output_problem(project, project / "site") is None  # a previous build


def test_clean_deletes_a_built_site_and_refuses_what_the_build_refuses(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("seed")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "build-report.json").write_text("{}")
    (tmp_path / ".output.previous-abc").mkdir()
    settings = tmp_path / "sitecfg.py"
    settings.write_text("")
    assert build_atomic.clean(settings, tmp_path / "seeds") == 1
    assert (tmp_path / "seeds" / "a.txt").exists()
    assert build_atomic.clean(settings, tmp_path / "output") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "sitecfg.py"]


# --- one build at a time --------------------------------------------------------------------------
def test_a_second_build_refuses_while_a_live_build_holds_the_lock(project):
    before = tree(project)
    lock = project / ".output.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(fd, f"{os.getpid()}\n".encode())
        busy = atomic(project)
    finally:
        os.close(fd)
        lock.unlink()
    assert busy.returncode == 1
    assert f"another build (pid {os.getpid()}) is building" in busy.stderr and "not waiting" in busy.stderr
    assert tree(project) == before


def test_a_lock_left_by_a_build_that_died_is_taken_over(tmp_path):
    assert build_site(tmp_path).returncode == 0
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=60)
    (tmp_path / ".output.lock").write_text(f"{dead.pid}\n")
    built = atomic(tmp_path)
    assert built.returncode == 0, built.stderr
    assert not (tmp_path / ".output.lock").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".output.")]


def test_each_build_has_a_staging_folder_of_its_own(tmp_path):
    output = tmp_path / "output"
    first, second = build_atomic.new_staging(output), build_atomic.new_staging(output)
    assert first != second and first.is_dir() and second.is_dir()
    assert first.name.startswith(".output.building-") and first.parent == tmp_path


# --- the swap -----------------------------------------------------------------------------------
def site(folder: Path, text: str) -> Path:
    """A stand-in for a built site: index.html and build-report.json."""
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text)
    (folder / "articles" / "a.txt").write_text(text)
    (folder / "build-report.json").write_text("{}")
    return folder


@pytest.mark.parametrize("prefer_libc", [True, False], ids=["libc", "syscall"])
def test_renameat2_exchanges_two_folders_in_one_step(tmp_path, prefer_libc):
    exchange = build_atomic.exchange_function(prefer_libc)
    if exchange is None:
        pytest.skip("no renameat2 on this platform")
    a, b = site(tmp_path / "a", "new"), site(tmp_path / "b", "old")
    assert exchange(os.fsencode(a), os.fsencode(b)) == 0
    assert (a / "index.html").read_text() == "old" and (b / "index.html").read_text() == "new"


def test_swap_in_puts_the_new_site_in_place_and_hands_back_the_previous(tmp_path):
    output, staging = site(tmp_path / "output", "old"), site(tmp_path / ".output.building-x", "new")
    previous = build_atomic.swap_in(staging, output)
    assert (output / "index.html").read_text() == "new"
    assert (previous / "index.html").read_text() == "old"


def test_a_failure_between_the_fallback_renames_puts_the_previous_site_back(tmp_path, monkeypatch):
    output, staging = site(tmp_path / "output", "old"), site(tmp_path / ".output.building-x", "new")
    before = tree(output)
    monkeypatch.setattr(build_atomic, "exchange", lambda a, b: False)  # a platform without renameat2
    real_rename = os.rename

    def rename(src, dst):
        if Path(src) == staging:
            raise OSError(errno.EIO, "simulated failure")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError):
        build_atomic.swap_in(staging, output)
    assert tree(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.building-x", "output"]


def fake_pelican(text: str, code: int = 0, error: BaseException | None = None):
    def pelican(
        settings: Path, staging: Path, output: Path, strict: bool, keep_going: bool, digests=None, started=None
    ) -> int:
        site(staging, text)
        if error:
            raise error
        return code

    return pelican


@pytest.fixture
def fake_project(tmp_path) -> tuple[Path, Path]:
    settings = tmp_path / "sitecfg.py"
    settings.write_text("")
    return settings, site(tmp_path / "output", "old")


def test_the_previous_site_is_deleted_only_once_the_new_one_is_in_place(fake_project, monkeypatch):
    settings, output = fake_project
    seen = []
    real_remove = build_atomic.remove
    monkeypatch.setattr(build_atomic, "pelican", fake_pelican("new"))
    monkeypatch.setattr(
        build_atomic, "remove", lambda p: seen.append((output / "index.html").read_text()) or real_remove(p)
    )
    assert build_atomic.build(settings, output) == 0
    assert seen == ["new"]
    assert (output / "index.html").read_text() == "new"
    assert sorted(p.name for p in output.parent.iterdir()) == [".sijill-cache", "output", "sitecfg.py"]


@pytest.mark.parametrize(
    ("pelican", "raised"),
    [
        (fake_pelican("half", code=1), None),
        (fake_pelican("half", error=KeyboardInterrupt()), KeyboardInterrupt),
    ],
    ids=["failed", "interrupted"],
)
def test_a_failed_or_interrupted_build_keeps_the_previous_site(fake_project, monkeypatch, capsys, pelican, raised):
    settings, output = fake_project
    before = tree(output)
    monkeypatch.setattr(build_atomic, "pelican", pelican)
    if raised:
        with pytest.raises(raised):
            build_atomic.build(settings, output)
    else:
        assert build_atomic.build(settings, output) == 1
        assert "the previous site is untouched" in capsys.readouterr().err
    assert tree(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output", "sitecfg.py"]  # no staging, no lock


def test_pelicans_process_is_ended_unused_when_nothing_changed(tmp_path, monkeypatch, capsys):
    """The build starts Pelican's process before it checks the inputs and tells it to go; when
    nothing changed, that process (still waiting) is ended and no staging folder is left."""
    assert build_site(tmp_path).returncode == 0
    for name in [k for k in os.environ if k.startswith("SIJILL_")]:
        monkeypatch.delenv(name)
    settings, output = tmp_path / "sitecfg.py", tmp_path / "output"
    started = []
    real = build_atomic.Started
    monkeypatch.setattr(build_atomic, "Started", lambda *args: started.append(real(*args)) or started[-1])
    assert build_atomic.build(settings, output) == 0  # built by the process started for it
    assert build_atomic.build(settings, output) == 0
    assert "nothing changed since the last build" in capsys.readouterr().out
    assert [s.process.returncode for s in started] == [0, -signal.SIGKILL]
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")]


@pytest.mark.parametrize(
    ("told", "digests"),
    [("", None), ("go \n", None), ("go /cache/builds/a b.digests.json\n", "/cache/builds/a b.digests.json")],
    ids=["ended", "go", "go with digests"],
)
def test_pelicans_process_builds_only_when_told_to_go(monkeypatch, told, digests):
    runs = []
    monkeypatch.setenv("SIJILL_DIGESTS", "unset by the test's end")
    monkeypatch.delenv("SIJILL_DIGESTS")
    monkeypatch.setattr(sys, "stdin", io.StringIO(told))
    monkeypatch.setattr(plugin, "run_pelican", lambda argv: runs.append((argv, os.environ.get("SIJILL_DIGESTS"))))
    plugin.run_when_told(["-s", "sitecfg.py"])
    assert runs == ([(["-s", "sitecfg.py"], digests)] if told else [])


def test_a_failed_exchange_keeps_the_previous_site(fake_project, monkeypatch, capsys):
    settings, output = fake_project
    before = tree(output)
    monkeypatch.setattr(build_atomic, "pelican", fake_pelican("new"))

    def exchange(a: Path, b: Path) -> bool:
        raise OSError(errno.EIO, "simulated failure", str(a))

    monkeypatch.setattr(build_atomic, "exchange", exchange)
    assert build_atomic.build(settings, output) == 1
    assert "previous site is untouched" in capsys.readouterr().err
    assert tree(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output", "sitecfg.py"]


def test_an_output_that_becomes_foreign_during_the_build_is_not_replaced(fake_project, monkeypatch, capsys):
    settings, output = fake_project

    def pelican(
        settings: Path, staging: Path, previous: Path, strict: bool, keep_going: bool, digests=None, started=None
    ) -> int:
        (output / "build-report.json").unlink()  # someone else's files now
        return fake_pelican("new")(settings, staging, previous, strict, keep_going)

    monkeypatch.setattr(build_atomic, "pelican", pelican)
    assert build_atomic.build(settings, output) == 1
    assert "not a previous Sijill build" in capsys.readouterr().err
    assert (output / "index.html").read_text() == "old"
    assert sorted(p.name for p in output.parent.iterdir()) == ["output", "sitecfg.py"]


# --- leftovers --------------------------------------------------------------------------------------
def undeletable(monkeypatch, *paths: Path) -> None:
    """shutil.rmtree and unlink fail on these paths, as on a folder the build may not delete."""
    real_rmtree, real_unlink = shutil.rmtree, Path.unlink

    def rmtree(path, *args, **kwargs):
        if Path(path) in paths:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(path))
        return real_rmtree(path, *args, **kwargs)

    def unlink(path, missing_ok=False):
        if path in paths:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(path))
        return real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(shutil, "rmtree", rmtree)
    monkeypatch.setattr(Path, "unlink", unlink)


def test_an_undeletable_leftover_does_not_stop_a_real_build(tmp_path, monkeypatch, capsys):
    assert build_site(tmp_path).returncode == 0
    for name in [k for k in os.environ if k.startswith("SIJILL_")]:
        monkeypatch.delenv(name)
    previous, building = tmp_path / ".output.previous", tmp_path / ".output.building"
    site(previous, "old")
    building.write_text("a file where a folder was")
    undeletable(monkeypatch, previous, building)
    for _ in range(2):  # the next build too
        assert build_atomic.build(tmp_path / "sitecfg.py", tmp_path / "output") == 0
        err = capsys.readouterr().err
        assert f"Sijill: warning: could not delete {previous}" in err and str(building) in err
    assert (tmp_path / "output" / "build-report.json").is_file()
    assert previous.is_dir() and building.is_file()
    assert {p.name for p in tmp_path.iterdir() if p.name.startswith(".output")} == {previous.name, building.name}


def test_an_undeletable_previous_site_is_a_warning_not_a_failure(fake_project, monkeypatch, capsys):
    settings, output = fake_project
    monkeypatch.setattr(build_atomic, "pelican", fake_pelican("new"))
    monkeypatch.setattr(shutil, "rmtree", lambda path, *a, **k: (_ for _ in ()).throw(PermissionError(13, "no")))
    assert build_atomic.build(settings, output) == 0
    assert "Sijill: warning: could not delete" in capsys.readouterr().err
    assert (output / "index.html").read_text() == "new"


# --- check_site -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A site built from the bundled seeds with `make site`'s build_atomic."""
    root = tmp_path_factory.mktemp("checked")
    assert build_site(root).returncode == 0
    done = atomic(root)
    assert done.returncode == 0, done.stderr
    return root


def test_a_build_ends_with_its_whole_report_through_a_pipe(built):
    """Pelican's process skips Python's teardown once the site is written (plugin.run_pelican):
    what it printed still arrives whole when its output is a pipe, as in a CI log."""
    done = atomic(built, "output", "--force")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("Sijill: 5 seed file(s): 5 built") for line in lines), done.stdout
    last = lines[-1]  # Pelican's last word
    assert last.startswith("Done: Processed") and last.endswith(" seconds."), lines[-3:]


def check(root: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    command = [sys.executable, "-m", "news_archive.check_site", str(site), "--register", str(root / "urls.txt")]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root, timeout=TIMEOUT)


@pytest.fixture
def copy(built, tmp_path) -> Path:
    shutil.copytree(built / "output", tmp_path / "site")
    return tmp_path / "site"


def test_check_site_passes_on_a_fresh_build(built):
    ok = check(built, built / "output")
    originals = len(list((REPO / "seeds").glob("*.txt")))
    files = sum(1 for p in (built / "output").rglob("*") if p.is_file())
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == f"Sijill: site OK: {files} files, {originals} originals verified"


def test_check_site_names_an_altered_original(built, copy):
    original = sorted((copy / "articles").glob("*.txt"))[0]
    original.write_bytes(original.read_bytes() + b"\n")
    failed = check(built, copy)
    assert failed.returncode == 1
    assert f"Sijill: articles/{original.name}: does not match its SHA256SUMS line" in failed.stderr


def test_check_site_names_a_missing_registered_url(built, copy):
    page = sorted((copy / "articles").glob("*.html"))[0]
    page.unlink()
    failed = check(built, copy)
    assert failed.returncode == 1
    assert f"Sijill: articles/{page.name}: registered in urls.txt but missing from the site" in failed.stderr


@pytest.mark.parametrize("stray", ["stray.js", "articles/evil.html", "search/more/x.js", "months/2021-11.php"])
def test_check_site_names_a_stray_file(built, copy, stray):
    (copy / stray).parent.mkdir(parents=True, exist_ok=True)
    (copy / stray).write_text("<script>alert(1)</script>")
    failed = check(built, copy)
    assert failed.returncode == 1
    assert failed.stderr.splitlines()[0] == f"Sijill: {stray}: not a file a build writes"


def test_check_site_accepts_redirects_and_alias_copies_but_not_links(built, copy, tmp_path):
    original = sorted((copy / "articles").glob("*.txt"))[0]
    (copy / "old").mkdir()
    shutil.copyfile(original, copy / "old" / "name.txt")  # an alias of the original
    (copy / "old" / "page.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=../articles/x.html"></head></html>'
    )
    (copy / "moved.xml").write_text("declared in redirects.txt")
    redirects = tmp_path / "redirects.txt"
    redirects.write_text("# moved\nmoved.xml articles/x.html\n")
    problems, summary = check_site.check(copy, built / "urls.txt", redirects)
    assert problems == [] and summary.startswith("Sijill: site OK:")
    (copy / "theme" / "evil.js").symlink_to("/etc/passwd")
    problems, _ = check_site.check(copy, built / "urls.txt", redirects)
    assert problems == ["theme/evil.js: a symbolic link in the site"]


def test_check_site_names_a_broken_checksum_file(built, copy):
    with (copy / "SHA256SUMS").open("a") as sums:
        sums.write("not a line\n" + "0" * 64 + "  ../../etc/passwd\n")
    problems, _ = check_site.check(copy, built / "urls.txt")
    assert "SHA256SUMS:" in problems[0] and "not '<sha256>  <path>'" in problems[0]
    assert "../../etc/passwd is not a file of the site" in problems[1]
