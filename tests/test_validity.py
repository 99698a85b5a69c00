"""Every page type checked by the Nu Html Checker (vnu.jar, from the pinned npm package, run
with the system Java) and by axe-core in Chromium (also from npm), at desktop and phone
widths: no error, no accessibility violation of any impact. Plain-text <title>s everywhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.pagetypes import page_types

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def test_every_title_is_plain_text(site):
    for path in sorted(site.output.rglob("*.html")):
        match = TITLE.search(path.read_text("utf-8"))
        assert match, f"{path}: no <title>"
        assert "<" not in match.group(1) and ">" not in unescape(match.group(1)), f"{path}: markup in <title>"


def test_titles_of_pages_of_one_kind_differ(site):
    for folder in ("compare", "outlets", "stories", "tags", "entities"):
        pages = sorted((site.output / folder).glob("*.html"))
        titles = [TITLE.search(p.read_text("utf-8")).group(1) for p in pages]
        assert len(set(titles)) == len(titles), f"{folder}: pages share a title"


def nu_errors(pages: list[Path]) -> list[str]:
    """The Nu HTML checker's errors on these pages, as `file:line: message`."""
    java = shutil.which("java")
    assert java, "Java is missing: `make test` installs it with apt-get"
    assert VNU.is_file(), "vnu.jar is missing: `make test` runs npm ci"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_the_nu_html_checker_finds_no_error(site):
    pages = sorted(page_types(site.output).values())
    errors = nu_errors(pages)
    assert errors == [], "\n".join(errors)
    assert len(pages) >= 15


def axe_violations(page, path: Path, before: str | None = None) -> list[str]:
    """axe-core's violations on this page (after the script `before`, e.g. opening a closed part)."""
    page.goto(path.as_uri())
    if before:
        page.evaluate(before)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {n['target']}" for v in result["violations"] for n in v["nodes"]]


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_any_page_type(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = {}
    for kind, path in page_types(site.output).items():
        violations = axe_violations(page, path)
        if violations:
            found[kind] = violations
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
