"""Passage notes, translations and tags in a real browser (system Chromium): the committed
annotation of seed 003 (two notes, a passage translation, tags) and a small site with a
translation of a whole article. From file://, with and without JavaScript, and over HTTP
under /archive/."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.conftest import Watch, build_site

pytestmark = pytest.mark.browser
ANNOTATED = "articles/8ba45a798628e0c2.html"


@pytest.fixture
def open_page(browser):
    contexts = []

    def opener(url: str, width: int = 1280, height: int = 900, javascript: bool = True):
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        watch = Watch(page, url.split("/archive/")[0] + "/archive/" if "/archive/" in url else "file://")
        page.goto(url)
        page.wait_for_load_state()
        return page, watch

    yield opener
    for context in contexts:
        context.close()


def box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_notes_sit_in_the_margin_beside_their_passage_on_a_wide_screen(open_page, site):
    page, watch = open_page((site.output / ANNOTATED).as_uri())
    for ident in ("n1", "n2", "t1"):
        note = page.locator(f"#note-{ident}")
        assert note.evaluate("d => d.open"), ident
        paragraph = page.locator(f"p:has(#{ident})")
        n, p, margin = note.bounding_box(), paragraph.bounding_box(), note.locator("xpath=..").bounding_box()
        assert n["x"] + n["width"] <= p["x"], f"{ident}: the note is not in the (left, rtl) margin"
        assert abs(margin["y"] - p["y"]) < 2, f"{ident}: the notes are not beside their paragraph"
    assert page.locator("mark#n2").inner_text().startswith("وتراقب نظام")
    assert page.locator("#note-n2 .pnote-body").get_attribute("lang") == "en"
    assert page.locator("#note-n2 .pnote-body").get_attribute("dir") == "ltr"
    assert page.locator("#note-n2 .pnote-body").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert watch.clean(), (watch.errors, watch.foreign)


def test_on_a_phone_a_note_opens_in_place_under_its_paragraph(open_page, site):
    page, watch = open_page((site.output / ANNOTATED).as_uri(), 390, 844)
    note = page.locator("#note-n1")
    assert not note.evaluate("d => d.open") and not page.locator("#note-n1 .pnote-body").is_visible()
    page.locator('a.note-ref[href="#note-n1"]').click()
    assert note.evaluate("d => d.open") and page.locator("#note-n1 .pnote-body").is_visible()
    n, p = box(page, "#note-n1"), box(page, "p:has(#n1)")
    assert n["y"] >= p["y"] + p["height"] - 1, "the note opens under its paragraph"
    assert abs(n["x"] - p["x"]) < 30 and n["width"] > 300, "in the text column, not in a margin"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert watch.clean(), (watch.errors, watch.foreign)


def test_notes_are_reachable_by_keyboard_and_named_for_screen_readers(open_page, site):
    page, _ = open_page((site.output / ANNOTATED).as_uri(), 390, 844)
    ref = page.locator('a.note-ref[href="#note-n1"]')
    assert ref.get_attribute("aria-label") == "الملاحظة ١ على هذا المقطع"
    ref.focus()
    page.keyboard.press("Enter")
    assert page.locator("#note-n1").evaluate("d => d.open")
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.closest('details') && document.activeElement.closest('details').id"
    ) in (
        "note-n1",
        None,
    )
    summary = page.locator("#note-n2 > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#note-n2").evaluate("d => d.open"), "a summary opens its note from the keyboard"
    page.locator("#note-n2 a.pnote-back").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#n2"


def test_without_javascript_every_note_is_open_and_the_passages_marked(open_page, site):
    page, watch = open_page((site.output / ANNOTATED).as_uri(), 390, 844, javascript=False)
    for ident in ("n1", "n2", "t1"):
        assert page.locator(f"#note-{ident} .pnote-body").is_visible(), ident
        assert page.locator(f"mark#{ident}").count() == 1
    assert "carrying out their tasks" in page.locator("#note-t1").inner_text()
    assert watch.clean(), (watch.errors, watch.foreign)


def test_a_passage_is_cited_by_its_id(open_page, site):
    page, _ = open_page((site.output / ANNOTATED).as_uri() + "#n2", 390, 844)
    assert page.evaluate("document.querySelector(':target').id") == "n2"
    mark = page.locator("mark#n2").bounding_box()
    assert mark["y"] + mark["height"] > 0 and mark["y"] < 844, "the cited passage is on screen"


def test_tag_page_lists_the_passage_and_leads_to_it(open_page, site):
    page, watch = open_page((site.output / "tags" / "index.html").as_uri())
    page.get_by_role("link", name="قوات حفظ السلام", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "قوات حفظ السلام"
    assert page.locator("#tagged blockquote").inner_text().startswith("وتراقب نظام وقف إطلاق النار")
    assert "تاس" in page.locator("#tagged .entry-meta").inner_text()
    page.locator("#tagged a.entry-title").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{ANNOTATED}#n2")
    assert page.evaluate("document.querySelector(':target').tagName") == "MARK"
    assert watch.clean(), (watch.errors, watch.foreign)


def test_notes_and_tags_over_http_under_a_sub_path(open_page, served):
    page, watch = open_page(served + ANNOTATED, 390, 844)
    page.locator('a.note-ref[href="#note-n2"]').click()
    assert page.locator("#note-n2").evaluate("d => d.open")
    page.locator("#note-n2 .pnote-tags a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(served + "tags/")
    assert watch.clean(), (watch.errors, watch.foreign)


def test_an_english_query_finds_the_article_through_its_translation(open_page, site):
    page, _ = open_page((site.output / "search.html").as_uri() + "?q=" + quote("carrying"))
    page.wait_for_selector("html[data-search-done]", timeout=15000)
    links = [a.get_attribute("href") for a in page.query_selector_all("#search-results > li > a")]
    assert links == [ANNOTATED]


TRANSLATED_SEED = (
    "الحكومة تعلن خطة جديدة للمياه\n\n"
    "أعلنت الحكومة اليوم خطة جديدة لتوزيع المياه على القرى.\n\n"
    "وقال الوزير إن الخطة تبدأ الشهر المقبل.\n"
)
TRANSLATION = """Editor: E

::: translation
Lang: en
Translator: A. Translator
Date: 2024-03-01

The government announced today a new plan to distribute water to the villages.

The minister said the plan starts next month.
"""


@pytest.fixture(scope="module")
def translated_site(tmp_path_factory):
    seeds = {"010_00000000000000aa.txt": TRANSLATED_SEED.encode()}
    built = build_site(
        tmp_path_factory.mktemp("translated"), seeds=seeds, annotations={"00000000000000aa.md": TRANSLATION}
    )
    assert built.returncode == 0, built.log
    return built


def test_a_whole_translation_is_toggled_and_kept_apart_from_the_original(open_page, translated_site):
    page, watch = open_page((translated_site.output / "articles" / "00000000000000aa.html").as_uri(), 390, 844)
    section = page.locator("#translation-en")
    text = section.locator(".translation-text")
    assert not text.is_visible()
    section.locator("summary").click()
    assert text.is_visible() and text.get_attribute("lang") == "en"
    assert "distribute water" in text.inner_text()
    assert "Translated by" not in page.locator("#body").inner_text()
    assert "water" not in page.locator("#body").inner_text(), "the translation is not in the original's text"
    assert "water" not in page.locator("#cite").inner_text(), "nor in its citation"
    assert watch.clean(), (watch.errors, watch.foreign)
    page.goto((translated_site.output / "search.html").as_uri() + "?q=" + quote("water villages"))
    page.wait_for_selector("html[data-search-done]", timeout=15000)
    assert [a.get_attribute("href") for a in page.query_selector_all("#search-results > li > a")] == [
        "articles/00000000000000aa.html"
    ]
