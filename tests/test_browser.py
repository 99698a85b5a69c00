"""The built site in a real browser (system Chromium via Playwright): navigation from disk and
over HTTP under a sub-path, no errors or stray requests on any page, the web font, collapsed
appended material, keyboard access and the phone layout.

`browser` is the session fixture of conftest.py: one system Chromium for every browser test,
failing (not skipping) with a clear message when /usr/bin/chromium is missing."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

FONT = "Noto Naskh Arabic"
APPENDED_ID = "c61355213998c85b"  # has an «اقرأ أيضاً» link list and a whole other story glued on

# Records Content-Security-Policy violations in the page (init scripts are not subject to the CSP).
CSP_RECORDER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def archive(site) -> list[dict]:
    return json.loads((site.output / "archive.json").read_text("utf-8"))["articles"]


class Watch:
    """What went wrong while a page was open: console errors (CSP refusals are logged there),
    uncaught exceptions, failed requests, error responses and requests that leave the site."""

    def __init__(self, page, allowed: str):
        self.allowed = allowed
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.responses: list[tuple[int, str]] = []
        page.add_init_script(CSP_RECORDER)
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url} ({r.failure})"))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("response", lambda r: self.responses.append((r.status, r.url)))

    def reset(self) -> None:
        self.errors.clear()
        self.requests.clear()
        self.responses.clear()

    def problems(self, page) -> list[str]:
        found = list(self.errors)
        found += [f"CSP violation: {v}" for v in page.evaluate("window.__csp || []")]
        found += [f"request outside the site: {url}" for url in self.requests if not self.inside(url)]
        found += [f"HTTP {status}: {url}" for status, url in self.responses if status >= 400]
        return found

    def inside(self, url: str) -> bool:
        if url.startswith("data:"):
            return True
        if self.allowed == "file://":
            return url.startswith("file://")
        return urlsplit(url).hostname == "127.0.0.1" and url.startswith(self.allowed)


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


def entry(archive: list[dict], lang: str) -> dict:
    return next(e for e in archive if e["lang"] == lang)


def follow_title(page, title: str) -> None:
    """Click the article link whose visible text is the headline, as a reader would."""
    link = page.locator("main").get_by_role("link", name=title, exact=True)
    assert link.count() == 1, f"no single link titled {title!r} in the list"
    link.click()
    page.wait_for_load_state()


@pytest.mark.browser
def test_home_to_articles_from_disk(page, site, archive):
    page.goto((site.output / "index.html").as_uri())
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    listed = page.locator("main a[href*='articles/']").all_inner_texts()
    assert [t.strip() for t in listed] == [e["title"] for e in archive], "home lists every article, newest first"
    for lang in ("ar", "fa"):
        e = entry(archive, lang)
        page.goto((site.output / "index.html").as_uri())
        follow_title(page, e["title"])
        assert page.url == (site.output / e["url"]).as_uri()
        assert page.url.endswith(f"articles/{e['id']}.html")
        assert page.locator("h1#title").inner_text().strip() == e["title"]
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == (lang, "rtl")


def test_navigation_over_http_under_a_sub_path(page, served, archive):
    watch = Watch(page, served)
    e = entry(archive, "ar")
    response = page.goto(served + "index.html")
    assert response is not None and response.ok
    follow_title(page, e["title"])
    assert page.url == served + e["url"]
    assert page.locator("h1#title").inner_text().strip() == e["title"]

    page.locator("header nav a[href$='browse.html']").click()
    page.wait_for_load_state()
    assert page.url == served + "browse.html"

    outlet = page.locator("#by-outlet").get_by_role("link", name=e["outlet"], exact=True)
    outlet.click()
    page.wait_for_load_state()
    assert page.url.startswith(served + "outlets/") and page.url.endswith(".html")
    assert page.locator("h1").first.is_visible()
    follow_title(page, e["title"])  # and back from one level down to the article
    assert page.url == served + e["url"]

    page.evaluate("document.fonts.ready.then(() => true)")
    assert watch.responses, "no responses recorded"
    assert watch.problems(page) == []


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


@pytest.mark.browser
def test_every_page_loads_cleanly_from_disk(page, site):
    watch = Watch(page, "file://")
    pages = html_pages(site.output)
    assert len(pages) > 10
    broken: dict[str, list[str]] = {}
    for path in pages:
        watch.reset()
        page.goto(path.as_uri())
        page.evaluate("document.fonts.ready.then(() => true)")
        if problems := watch.problems(page):
            broken[str(path.relative_to(site.output))] = problems
    assert broken == {}


@pytest.mark.browser
def test_web_font_is_used_on_article_pages(page, site, archive):
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    for e in archive:
        page.goto((site.output / e["url"]).as_uri())
        assert page.evaluate("document.fonts.ready.then(() => document.fonts.status)") == "loaded"
        assert page.evaluate(f"document.fonts.check('16px \"{FONT}\"', 'ب')"), e["url"]
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/[\"']/g, ''))"
        )
        assert FONT in loaded, (e["url"], loaded)
        # The glyphs of the headline and the first paragraph are drawn with the web font.
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        for selector in ("h1#title", "#body p"):
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            used = max(fonts, key=lambda f: f["glyphCount"])
            assert used["familyName"] == FONT and used["isCustomFont"], (e["url"], selector, fonts)


@pytest.mark.browser
def test_appended_material_is_collapsed_until_asked_for(page, site, archive):
    e = next(e for e in archive if e["id"] == APPENDED_ID)
    page.goto((site.output / e["url"]).as_uri())
    details = page.locator("#appended details")
    assert details.count() >= 1
    body = page.locator("#body").inner_text()
    for i in range(details.count()):
        block = details.nth(i)
        assert block.evaluate("d => d.open") is False, f"details #{i} is open"
        # The longest piece of the block's own text that the summary does not already show.
        text = block.evaluate(
            """d => {
                 const summary = d.querySelector(':scope > summary').textContent;
                 return [...d.querySelectorAll(':scope > :not(summary)')].map(c => c.textContent.trim())
                   .filter(t => t && !summary.includes(t)).sort((a, b) => b.length - a.length)[0] || '';
               }"""
        )
        assert text, f"details #{i} holds nothing besides its summary"
        hidden = page.locator("#appended").get_by_text(text, exact=True)
        assert hidden.count() == 1
        assert not hidden.is_visible(), f"appended text shown before it was asked for: {text[:60]}"
        block.locator("summary").click()
        assert block.evaluate("d => d.open") is True
        assert hidden.is_visible(), f"appended text still hidden after opening: {text[:60]}"
        assert text not in body, "appended text is part of the report's body"
    # The glued-on story (the block with the most text) is really another article's text.
    assert max(len(details.nth(i).inner_text()) for i in range(details.count())) > 200


@pytest.mark.browser
@pytest.mark.parametrize("where", ["index.html", f"articles/{APPENDED_ID}.html"])
def test_skip_link_is_first_and_moves_focus_to_main(page, site, where):
    page.goto((site.output / where).as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate_handle("document.activeElement")
    assert focused.evaluate("el => el.tagName + ' ' + el.getAttribute('href')") == "A #main", focused.evaluate(
        "el => el.outerHTML.slice(0, 120)"
    )
    box = focused.as_element().bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0, "the skip link is not shown when focused"
    assert 0 <= box["x"] < page.viewport_size["width"] and 0 <= box["y"] < page.viewport_size["height"]
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    if page.evaluate("document.activeElement !== document.getElementById('main')"):
        # <main> is not focusable (no tabindex="-1"), so Chromium leaves document.activeElement on
        # <body> but moves the sequential focus starting point to #main: the next Tab must land on
        # the first focusable element inside main, not go back to the site navigation.
        page.keyboard.press("Tab")
        first_in_main = page.locator("main").locator("a[href], summary, button, input, select, textarea").first
        assert first_in_main.evaluate("el => el === document.activeElement"), page.evaluate(
            "document.activeElement.outerHTML.slice(0, 120)"
        )


@pytest.mark.browser
def test_phone_layout_has_no_horizontal_scrolling(browser, site, archive):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        for e in archive:
            tab.goto((site.output / e["url"]).as_uri())
            tab.evaluate("document.fonts.ready.then(() => true)")
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{e['url']} is {width}px wide on a 390px phone"
    finally:
        context.close()
