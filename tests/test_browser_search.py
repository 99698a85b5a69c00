"""Search in a real browser (system Chromium via Playwright): from file:// and over HTTP under a
sub-path, in Arabic and Persian, with hostile text shown as text and nothing executed."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from tests.conftest import Watch, build_site

pytestmark = pytest.mark.browser
PERSIAN_ID, ARABIC_IDS = (
    "3f15938f3087b2b9",
    {"df451209fdc08719", "c61355213998c85b", "6a78640d8eb2f584", "8ba45a798628e0c2"},
)


def search(browser, url: str, origin: str = "file://"):
    page = browser.new_page()
    watch = Watch(page, origin)
    page.goto(url)
    page.wait_for_selector("html[data-search-done]", timeout=15000)
    links = [a.get_attribute("href") for a in page.query_selector_all("#search-results > li > a")]
    return page, watch, links


def ids(links: list[str]) -> list[str]:
    return [link.rsplit("/", 1)[-1].removesuffix(".html") for link in links]


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("بيسكوف", lambda found: set(found) == ARABIC_IDS | {PERSIAN_ID}),  # entity: every report
        ("پسکوف", lambda found: found[0] == PERSIAN_ID and len(found) == 5),  # exact Persian first
        ("كرملين", lambda found: "c61355213998c85b" in found and "6a78640d8eb2f584" in found),
        ("قره‌باغ کوهستانی", lambda found: found[0] == PERSIAN_ID),
        ("ماكرون", lambda found: found == []),  # only in an appended "read also" story
    ],
)
def test_search_from_disk(browser, site, query, check):
    page, watch, links = search(browser, (site.output / "search.html").as_uri() + "?q=" + quote(query))
    assert all(link.startswith("articles/") and link.endswith(".html") for link in links)
    assert check(ids(links)), (query, ids(links))
    assert all((site.output / link).is_file() for link in links)
    assert watch.clean(), (watch.errors, watch.dialogs, watch.foreign)
    page.close()


def test_search_over_http_under_a_sub_path(browser, served):
    page, watch, links = search(browser, served + "search.html?q=" + quote("پسکوف"), origin=served)
    assert ids(links)[0] == PERSIAN_ID
    page.click("#search-results > li:first-child > a")
    page.wait_for_load_state()
    assert page.url == served + f"articles/{PERSIAN_ID}.html"
    assert page.locator("html").get_attribute("lang") == "fa"
    assert watch.clean(), (watch.errors, watch.foreign)
    page.close()


def test_results_show_headline_outlet_date_language_and_marked_snippet(browser, site):
    page, _, _ = search(browser, (site.output / "search.html").as_uri() + "?q=" + quote("الكرملين"))
    first = page.locator("#search-results > li").first
    archive = {r["url"]: r for r in json.loads((site.output / "archive.json").read_text())["articles"]}
    row = archive[first.locator("a").get_attribute("href")]
    assert first.locator("a").inner_text() == row["title"]
    meta = first.locator(".entry-meta").inner_text()
    assert row["outlet"] in meta and "العربية" in meta
    marks = first.locator(".snippet mark").all_inner_texts()
    assert marks and all("كرملين" in m or "الكرملين" in m for m in marks)
    page.close()


def test_the_search_box_on_every_page_leads_to_a_shareable_url(browser, site):
    page = browser.new_page()
    page.goto((site.output / "articles" / f"{PERSIAN_ID}.html").as_uri())
    page.fill("#site-q", "باكو")
    page.press("#site-q", "Enter")
    page.wait_for_selector("html[data-search-done]")
    assert page.url.startswith((site.output / "search.html").as_uri() + "?q=")
    assert page.input_value("#search-q") == "باكو"
    assert page.locator("#search-results > li").count() >= 2
    page.close()


def test_facets_and_sorting_from_the_keyboard(browser, site):
    page, _, links = search(browser, (site.output / "search.html").as_uri() + "?q=" + quote("بيسكوف"))
    assert len(links) == 5
    persian_box = page.locator("#search-facets input[name=lang][value=fa]")
    persian_box.focus()
    page.keyboard.press("Space")
    page.wait_for_url("**lang=fa**")
    page.wait_for_selector("html[data-search-done]")
    assert ids([a.get_attribute("href") for a in page.query_selector_all("#search-results > li > a")]) == [PERSIAN_ID]
    page.locator("#search-facets input[name=lang][value=fa]").focus()
    page.keyboard.press("Space")
    page.wait_for_selector("html[data-search-done]")
    page.locator("#search-sort").select_option("date")
    page.wait_for_url("**sort=date**")
    page.wait_for_selector("html[data-search-done]")
    dated = ids([a.get_attribute("href") for a in page.query_selector_all("#search-results > li > a")])
    assert dated[:2] in (["6a78640d8eb2f584", "c61355213998c85b"], ["c61355213998c85b", "6a78640d8eb2f584"])
    assert dated[2] == "8ba45a798628e0c2"  # 2021 after 2023; undated last
    page.close()


def test_query_syntax_in_the_browser(browser, site):
    def found(query: str) -> list[str]:
        page, watch, links = search(browser, (site.output / "search.html").as_uri() + "?q=" + quote(query))
        assert watch.clean(), watch.errors
        page.close()
        return ids(links)

    assert set(found("title:الكرملين")) == {"c61355213998c85b", "6a78640d8eb2f584"}
    assert found("+كاراباخ +يريفان") and set(found("+كاراباخ +يريفان")) <= set(found("كاراباخ"))
    assert PERSIAN_ID not in found("بيسكوف -پسکوف")
    assert set(found("ناجور*")) >= {"c61355213998c85b", "6a78640d8eb2f584"}
    assert "6a78640d8eb2f584" in found("باشينبان~1")


PAYLOAD = (
    "<img src=x onerror=\"window.__pwned='title'\"> عنوان <script>window.__pwned='script'</script> خطير\n\n"
    "نص فيه <b onmouseover=\"window.__pwned='b'\">كلمة</b> مفخخة و <svg onload=\"window.__pwned='svg'\"></svg> "
    "و</script><script>alert(1)</script> في الخبر.\n"
)


def test_payloads_in_title_and_body_show_as_text_in_results(browser, tmp_path):
    built = build_site(tmp_path, seeds={"x.txt": PAYLOAD.encode()}, annotations={})
    assert built.returncode == 0, built.log
    page, watch, links = search(browser, (built.output / "search.html").as_uri() + "?q=" + quote("مفخخة"))
    assert len(links) == 1
    item = page.locator("#search-results > li").first
    assert "<img src=x" in item.locator("a").inner_text()  # shown as text
    assert "<b onmouseover" in item.locator(".snippet").inner_text()
    assert item.locator("img, script, svg, b").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert not watch.dialogs
    page.goto((built.output / links[0].replace("articles/", "articles/")).as_uri())
    assert page.evaluate("window.__pwned") is None and not watch.dialogs
    page.close()
