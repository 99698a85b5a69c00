"""Reading an article on a phone and on a desktop (system Chromium): the text on the first
screen, the order of what follows it, the compact cite panel, keyboard access to paragraph
links, and the dark colour scheme."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import build_site

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
ANNOTATED = "articles/8ba45a798628e0c2.html"  # paragraphs with passage notes


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


@pytest.mark.parametrize("where", ["file", "http"])
def test_site_js_ends_every_paragraph_with_its_named_link(browser, site, served, where):
    """The HTML carries no ¶ links, only the paragraphs' ids (and the two names on the body);
    site.js ends each paragraph of the text with " ¶", a link to it named by its number with a
    tooltip, after the paragraph's note reference; following one brings its paragraph to the top."""
    html = (site.output / ANNOTATED).read_text("utf-8")
    assert 'class="anchor"' not in html and "p-link" not in html and "¶" not in html
    numbered = re.search(r'<div class="body[^"]*" id="body" data-anchor="([^"]+)"', html).group(1)
    title = re.search(r'<div class="body[^"]*" id="body" [^>]*data-anchor-title="([^"]+)"', html).group(1)
    count = html.count('<p id="p')
    assert "{num}" in numbered and count > 5
    url = (site.output / ANNOTATED).as_uri() if where == "file" else served + ANNOTATED
    context = browser.new_context(viewport={"width": 1280, "height": 600})
    page = context.new_page()
    page.goto(url)
    links = page.evaluate(
        """[...document.querySelectorAll('#body > p[id]')].map(p => {
             const a = p.lastElementChild;
             return [p.id, a && a.matches('a.anchor') && a === p.lastChild && a.previousSibling.data.endsWith(' '),
                     a && a.getAttribute('href'), a && a.getAttribute('aria-label'), a && a.title, a && a.textContent,
                     p.querySelectorAll('a.anchor').length];
           })"""
    )
    assert [x[0] for x in links] == [f"p{n}" for n in range(1, count + 1)]
    for ident, last, href, name, tip, text, many in links:
        n = ident[1:]
        assert last and many == 1 and (href, name, tip, text) == (f"#p{n}", numbered.replace("{num}", n), title, "¶")
    noted = page.locator("#body > p:has(a.note-ref)").first
    assert noted.evaluate("p => p.lastElementChild.previousElementSibling.matches('a.note-ref')")
    last = page.locator(f"#p{count}")
    link = last.get_by_role("link", name=numbered.replace("{num}", str(count)), exact=True)
    last.hover()
    link.click()
    assert page.evaluate("location.hash") == f"#p{count}"
    assert abs(last.bounding_box()["y"]) < 2 or page.evaluate(
        "innerHeight + scrollY >= document.documentElement.scrollHeight - 1"
    ), "the paragraph is at the top (or the page is scrolled to its end)"
    context.close()


def test_without_javascript_there_is_no_paragraph_link_and_an_address_still_leads_to_its_paragraph(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto((site.output / ANNOTATED).as_uri() + "#p5")
    assert page.locator("#body a.anchor").count() == 0
    assert page.evaluate("document.querySelector(':target').id") == "p5"
    assert abs(page.locator("#p5").bounding_box()["y"]) < 2
    context.close()


def test_a_page_saved_offline_with_its_links_in_the_html_does_not_get_two(browser, site, tmp_path):
    """The service worker keeps saved pages across versions but takes the new site.js: a page
    written when the HTML carried the ¶ links keeps one link a paragraph."""
    old = '<span id="p-link" hidden>x</span>'
    html = (site.output / ANNOTATED).read_text("utf-8").replace('<div class="body', old + '<div class="body', 1)
    html = re.sub(
        r'(<p id="(p\d+)" dir="auto">.*?)</p>',
        r'\1 <a class="anchor" href="#\2" aria-labelledby="p-link">¶</a></p>',
        html,
    )
    (tmp_path / "articles").mkdir()
    (tmp_path / ANNOTATED).write_text(html, "utf-8")
    (tmp_path / "theme").symlink_to(site.output / "theme")
    context = browser.new_context()
    page = context.new_page()
    page.goto((tmp_path / ANNOTATED).as_uri())
    counts = page.evaluate(
        "[...document.querySelectorAll('#body > p[id]')].map(p => p.querySelectorAll('.anchor').length)"
    )
    assert len(counts) == html.count('aria-labelledby="p-link"') > 5 and set(counts) == {1}
    assert page.locator("#p2").get_by_role("link", name="x", exact=True).count() == 1
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


def test_an_english_keyword_keeps_its_order_in_an_arabic_report(browser, tmp_path):
    """The names and keywords of the metadata block have no <bdi>: each stays in its own direction
    all the same, so an English keyword ends with its "." on the right, not on the left."""
    seed = "المجلس البلدي يناقش خطة المياه\n\nنص الخبر هنا وفيه كلام عن المجلس البلدي والمياه.\n"
    seed += "كلمات دلالية: U.S.، المجلس البلدي\n"
    built = build_site(tmp_path, seeds={"001_0000000000000001.txt": seed.encode()}, annotations={})
    assert built.returncode == 0, built.log
    context = browser.new_context()
    page = context.new_page()
    page.goto((built.output / "articles" / "0000000000000001.html").as_uri())
    page.evaluate("document.getElementById('meta-more').open = true")
    gaps = page.locator("#meta-keywords li").evaluate_all(
        """items => items.map(li => {  // from the text's right edge to its last character's
          const last = document.createRange(), all = document.createRange(), text = li.firstChild;
          last.setStart(text, text.length - 1); last.setEnd(text, text.length); all.selectNodeContents(li);
          return [li.textContent, all.getBoundingClientRect().right - last.getBoundingClientRect().right];
        })"""
    )
    context.close()
    assert [g[0] for g in gaps] == ["U.S.", "المجلس البلدي"] and gaps[0][1] < 2, gaps
