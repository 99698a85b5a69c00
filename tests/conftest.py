"""Shared fixtures: build a real site with Pelican (in a subprocess, as `make site` does)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.project import write_settings

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@dataclass
class Build:
    root: Path
    output: Path
    returncode: int
    log: str


def build_site(
    root: Path,
    seeds: dict[str, bytes] | None = None,
    annotations: dict[str, str] | None = None,
    settings: str = "",
    env: dict[str, str] | None = None,
) -> Build:
    """Build a site in `root` from the given seeds (default: the bundled ones) and annotations."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    if seeds is None:  # the bundled seeds, with the committed URL register
        seeds = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
        if not (root / "urls.txt").exists():
            (root / "urls.txt").write_bytes((REPO / "urls.txt").read_bytes())
    for name, data in seeds.items():
        (root / "seeds" / name).write_bytes(data)
    notes = root / "content" / "annotations"
    notes.mkdir(parents=True, exist_ok=True)
    if annotations is None:
        annotations = {p.name: p.read_text("utf-8") for p in (REPO / "content" / "annotations").glob("*.md")}
    for name, text in annotations.items():
        (notes / name).write_text(text, encoding="utf-8")
    write_settings(root, settings)
    output = root / "output"
    run_env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "SIJILL_KEEP_GOING")}
    run_env.update({"COLUMNS": "500", "TERM": "dumb", **(env or {})})  # one log line per message
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", str(root / "sitecfg.py"), "-o", str(output)],
        capture_output=True,
        text=True,
        cwd=root,
        env=run_env,
        timeout=300,
    )
    return Build(root, output, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The site built from the bundled seeds and committed annotations."""
    built = build_site(tmp_path_factory.mktemp("site"))
    assert built.returncode == 0, built.log
    return built


# --- the browser (system Chromium, driven by Playwright) ------------------------------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM.exists(), "Chromium is missing: `make test` installs it with apt-get"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def served(site, tmp_path_factory):
    """The site at http://127.0.0.1:<port>/archive/, as a GitHub Pages project site is served."""
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(site.output, root / "archive")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/archive/"
    server.shutdown()
    server.server_close()


class Watch:
    """Console errors, page errors, dialogs and requests leaving `allowed_origin`, for one page."""

    def __init__(self, page, allowed_origin: str = "file://"):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        page.on("request", lambda r: r.url.startswith(allowed_origin) or self.foreign.append(r.url))

    def clean(self) -> bool:
        return not (self.errors or self.dialogs or self.foreign)


class CountingCache(dict):
    """The cache protocol relate() and write_index() use (get, put), counting what it was given."""

    puts = 0

    def get(self, key):  # type: ignore[override]
        return super().get(key)

    def put(self, key, value) -> None:
        self.puts += 1
        self[key] = value
