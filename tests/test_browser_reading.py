"""Reading an article on a phone and on a desktop (system Chromium): the text on the first
screen, the order of what follows it, the compact cite panel, keyboard access to paragraph
links, and the dark colour scheme."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def articles(site) -> list[dict]:
    return json.loads((site.output / "archive.json").read_text("utf-8"))["articles"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_the_headline_and_the_text_start_on_the_first_phone_screen(phone, site, articles):
    for row in articles:
        phone.goto((site.output / row["url"]).as_uri())
        title, first = phone.locator("#title").bounding_box(), phone.locator("#p1").bounding_box()
        assert title["y"] < first["y"] < PHONE["height"] - 60, (row["id"], first)
        assert not phone.locator("dl.meta").is_visible(), "the full metadata is folded away"
        assert phone.locator("#meta-line").is_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_after_the_text_come_the_note_the_related_reports_then_the_citation(phone, site):
    phone.goto((site.output / "articles" / "8ba45a798628e0c2.html").as_uri())
    order = phone.evaluate(
        "['body', 'annotation', 'related', 'cite'].map(id => document.getElementById(id).getBoundingClientRect().top)"
    )
    assert order == sorted(order), order
    phone.locator('#meta-line a[href="#annotation"]').click()
    assert phone.evaluate("location.hash") == "#annotation"


def test_the_cite_panel_is_one_block_with_a_style_menu_and_one_copy_button(phone, site):
    phone.goto((site.output / "articles" / "3f15938f3087b2b9.html").as_uri())
    assert phone.locator("#cite-style option").count() == 4
    assert phone.locator("#cite .citation:visible").count() == 1
    assert phone.locator("#cite button.copy").count() == 1
    phone.select_option("#cite-style", "cite-4")
    visible = phone.locator("#cite .citation:visible .cite-text")
    assert visible.get_attribute("id") == "cite-4" and visible.get_attribute("lang") == "en"
    height = phone.locator("#cite").bounding_box()["height"]
    assert height < 600, f"the cite panel takes {height}px of a phone screen"


def test_paragraph_links_take_keyboard_focus_and_show(phone, site):
    phone.goto((site.output / "articles" / "df451209fdc08719.html").as_uri())
    anchor = phone.locator("#p2 a.anchor")
    assert anchor.evaluate("a => getComputedStyle(a).opacity") == "0"
    anchor.focus()
    assert phone.evaluate("document.activeElement.getAttribute('href')") == "#p2"
    assert anchor.evaluate("a => getComputedStyle(a).opacity") == "1"
    phone.keyboard.press("Enter")
    assert phone.evaluate("location.hash") == "#p2"


def test_paragraph_links_are_named_with_and_without_javascript(browser, site):
    """The HTML names every ¶ link by one hidden label (aria-labelledby); site.js gives each its
    own numbered name and a tooltip. Either way a screen reader hears what the link is."""
    path = site.output / "articles" / "df451209fdc08719.html"
    html = path.read_text("utf-8")
    label = re.search(r'<span id="p-link" hidden>([^<]+)</span>', html).group(1)
    numbered = re.search(r'<div class="body[^"]*" id="body" data-anchor="([^"]+)"', html).group(1)
    assert "{num}" in numbered and html.count('aria-labelledby="p-link"') == html.count('class="anchor"') > 2
    for script in (False, True):
        context = browser.new_context(java_script_enabled=script)
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state()
        name = numbered.replace("{num}", "2") if script else label
        link = page.locator("#p2").get_by_role("link", name=name, exact=True)
        assert link.count() == 1 and link.get_attribute("href") == "#p2", (script, name)
        assert link.get_attribute("title") == (label if script else None)
        context.close()


def test_the_colour_scheme_follows_the_readers_preference(browser, site):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto((site.output / "articles" / "3f15938f3087b2b9.html").as_uri())
        colours[scheme] = page.evaluate(
            "[getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).color]"
        )
        context.close()
    light_bg, dark_bg = (sum(map(int, c[0][4:-1].split(",")[:3])) for c in (colours["light"], colours["dark"]))
    assert light_bg > 600 and dark_bg < 150, colours
