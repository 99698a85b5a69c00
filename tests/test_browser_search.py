"""Search in a real browser (system Chromium via Playwright): from file:// and over HTTP under a
sub-path, in Arabic and Persian, with hostile text shown as text and nothing executed."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import parse_qs, quote, urlsplit

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


def searches(page) -> int:
    """How many searches the page has finished (html[data-search-runs])."""
    return int(page.get_attribute("html", "data-search-runs") or 0)


def until(page, expression: str, timeout: float = 15.0) -> None:
    """Poll `expression` in the page until it is true (wait_for_function would need eval,
    which the pages' Content-Security-Policy forbids)."""
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < end, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)


def settle(page, runs: int) -> None:
    """Wait until the page has finished a search after the `runs` it had done."""
    until(page, f"Number(document.documentElement.dataset.searchRuns || 0) > {runs}")
    page.wait_for_selector("html[data-search-done]", timeout=15000)


def url_params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def shown(page) -> list[str]:
    return ids([a.get_attribute("href") for a in page.query_selector_all("#search-results > li > a")])


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
    runs = searches(page)
    page.keyboard.press("Space")
    settle(page, runs)
    assert "lang=fa" in page.url
    assert ids([a.get_attribute("href") for a in page.query_selector_all("#search-results > li > a")]) == [PERSIAN_ID]
    page.locator("#search-facets input[name=lang][value=fa]").focus()
    runs = searches(page)
    page.keyboard.press("Space")
    settle(page, runs)
    runs = searches(page)
    page.locator("#search-sort").select_option("date")
    settle(page, runs)
    assert "sort=date" in page.url
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


LONG_SEED = (
    "تقرير مطول عن جولة المفاوضات الأخيرة\n\nتاريخ النشر: 3 مارس 2022\n\n"
    + "\n\n".join(
        f"في الفقرة {n} قال المتحدث إن الحوار مستمر مع الجانب الآخر في هذه المرحلة الحساسة. " * 9 for n in range(1, 14)
    )
    + "\n\nوفي الختام أعلن الوفد عن اتفاق زنجفيلي جديد بين الطرفين.\n"
)


def test_a_long_article_is_found_marked_and_phrase_checked_deep_in_its_text(browser, tmp_path):
    """One file per article holds its whole text: a word 9,000 characters in is marked in the
    snippet, and a phrase there is checked, with nothing else loaded for it."""
    built = build_site(tmp_path, seeds={"long.txt": LONG_SEED.encode()}, annotations={})
    assert built.returncode == 0, built.log
    docs = sorted(p.name for p in (built.output / "search" / "docs").iterdir())
    assert docs == ["0.js"]
    page, watch, links = search(browser, (built.output / "search.html").as_uri() + "?q=" + quote("زنجفيلي"))
    assert len(links) == 1
    assert page.locator("#search-results .snippet mark").all_inner_texts() == ["زنجفيلي"]
    assert "اتفاق" in page.locator("#search-results .snippet").inner_text()
    page.close()
    for query, count in (('"اتفاق زنجفيلي جديد"', 1), ('"جديد زنجفيلي"', 0)):
        page, watch, links = search(browser, (built.output / "search.html").as_uri() + "?q=" + quote(query))
        assert len(links) == count, query
        assert watch.clean(), watch.errors
        page.close()


# --- phrases, fields, suggestions, messages, no JavaScript, in-place facets, phones --------------
def on_disk(site, query: str) -> str:
    return (site.output / "search.html").as_uri() + "?q=" + quote(query)


def test_a_quoted_phrase_needs_the_words_together(browser, site):
    page, watch, together = search(browser, on_disk(site, '"قوات حفظ السلام"'))
    assert set(ids(together)) == ARABIC_IDS  # every Arabic report has the phrase
    assert page.locator("#search-results .snippet mark").count() >= 3
    page.close()
    found = {}
    for query in ('"حفظ قوات"', "+حفظ +قوات", '"قوات حفظ السلام" پسکوف -أردوغان'):
        page, watch, links = search(browser, on_disk(site, query))
        found[query] = ids(links)
        assert watch.clean(), watch.errors
        page.close()
    assert found['"حفظ قوات"'] == []  # both words in every Arabic report, never in this order
    assert set(found["+حفظ +قوات"]) >= ARABIC_IDS
    mixed = found['"قوات حفظ السلام" پسکوف -أردوغان']  # phrase, word, excluded word
    assert set(mixed) == {PERSIAN_ID, "c61355213998c85b", "8ba45a798628e0c2"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("تاس", ["8ba45a798628e0c2"]),  # the outlet's name, not in any text
        ("outlet:ایسنا", [PERSIAN_ID]),
        ('outlet:"البوابة نيوز"', ["6a78640d8eb2f584"]),
        ("lang:fa", [PERSIAN_ID]),
        ("2021", ["8ba45a798628e0c2"]),
        ("2023-09", ["c61355213998c85b", "6a78640d8eb2f584"]),
        ("بيسكوف date:2023", ["c61355213998c85b", "6a78640d8eb2f584"]),
        ("بيسكوف -lang:ar", [PERSIAN_ID]),
    ],
)
def test_outlet_language_and_date_fields(browser, site, query, expected):
    page, watch, links = search(browser, on_disk(site, query))
    assert sorted(ids(links)) == sorted(expected), query
    assert watch.clean(), watch.errors
    page.close()


def test_a_typo_gets_a_suggestion_that_finds_results(browser, site):
    page, watch, links = search(browser, on_disk(site, "الكرملن"))
    assert links == []
    suggestion = page.locator("#search-suggest a.suggestion").first
    suggestion.wait_for()
    assert suggestion.get_attribute("data-query") == "الكرملين"
    page.evaluate("window.__marker = 1")
    runs = searches(page)
    suggestion.click()
    settle(page, runs)
    assert page.evaluate("window.__marker") == 1  # no reload
    assert page.input_value("#search-q") == "الكرملين"
    assert url_params(page)["q"] == ["الكرملين"]
    assert len(shown(page)) == 5
    page.go_back()  # the query before the suggestion comes back
    until(page, "document.getElementById('search-q').value === 'الكرملن'")
    assert page.evaluate("window.__marker") == 1
    assert watch.clean(), watch.errors
    page.close()


@pytest.mark.parametrize("query", ["title:", "حفظ~x", "bogus:الكرملين", "date:soon"])
def test_a_malformed_query_gets_a_readable_message(browser, site, query):
    page, watch, links = search(browser, on_disk(site, query))
    assert links == []
    status = page.locator("#search-status")
    assert status.get_attribute("data-error") in ("syntax", "field", "date")
    message = status.inner_text()
    assert query in message  # the part that could not be read is named
    for english in ("expecting", "unrecognised", "possible fields", "must be numeric", "QueryParseError"):
        assert english not in message
    assert page.input_value("#search-q") == query  # the query is kept
    assert watch.clean(), watch.errors  # no uncaught exception
    page.close()


def test_without_javascript_the_page_says_so_and_points_to_the_listings(browser, site):
    html = (site.output / "search.html").read_text("utf-8")
    assert "<noscript>" in html and 'id="search-noscript"' in html
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(on_disk(site, "بيسكوف"))
    notice = page.locator("#search-noscript")
    assert notice.is_visible()
    assert notice.locator('a[href$="browse.html"]').count() == 1
    assert notice.locator('a[href$="index.html"]').count() == 1
    context.close()
    page, _, _ = search(browser, on_disk(site, "بيسكوف"))
    assert page.locator("#search-noscript").count() == 0  # with JavaScript: no notice
    page.close()


@pytest.mark.parametrize("how", ["click", "keyboard"])
def test_a_facet_filters_in_place_and_keeps_focus(browser, site, how):
    page, watch, links = search(browser, on_disk(site, "بيسكوف"))
    assert len(links) == 5
    page.evaluate("window.__marker = 1")
    box = page.locator("#search-facets input[name=lang][value=fa]")
    runs = searches(page)
    if how == "click":
        box.click()
    else:
        box.focus()
        page.keyboard.press("Space")
    settle(page, runs)
    assert page.evaluate("window.__marker") == 1  # the page was not reloaded
    assert page.evaluate("[document.activeElement.name, document.activeElement.value]") == ["lang", "fa"]
    assert page.evaluate("document.activeElement.checked") is True
    assert url_params(page) == {"q": ["بيسكوف"], "lang": ["fa"]}
    assert shown(page) == [PERSIAN_ID]
    # the URL is shareable: opened afresh, it gives the same results with the box checked
    fresh, _, again = search(browser, page.url)
    assert ids(again) == [PERSIAN_ID]
    assert fresh.locator("#search-facets input[name=lang][value=fa]").is_checked()
    fresh.close()
    page.focus("#search-sort")
    runs = searches(page)
    page.locator("#search-sort").select_option("date")
    settle(page, runs)
    assert page.evaluate("document.activeElement.id") == "search-sort"
    assert page.evaluate("window.__marker") == 1 and "sort=date" in page.url
    assert watch.clean(), watch.errors
    page.close()


def test_a_new_query_runs_in_place(browser, site):
    page, watch, _ = search(browser, on_disk(site, "بيسكوف"))
    page.evaluate("window.__marker = 1")
    page.fill("#search-q", '"قوات حفظ السلام"')
    runs = searches(page)
    page.press("#search-q", "Enter")
    settle(page, runs)
    assert page.evaluate("window.__marker") == 1
    assert set(shown(page)) == ARABIC_IDS
    assert url_params(page)["q"] == ['"قوات حفظ السلام"']
    assert page.evaluate("document.activeElement.id") == "search-q"
    assert watch.clean(), watch.errors
    page.close()


def first_result_on_a_phone(browser, url: str, origin: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    watch = Watch(page, origin)
    page.goto(url)
    page.wait_for_selector("html[data-search-done]", timeout=15000)
    box = page.locator("#search-results > li:first-child > a").bounding_box()
    filters_open = page.evaluate("document.getElementById('search-filters').open")
    context.close()
    return box, filters_open, watch


def test_on_a_phone_the_first_headline_is_on_the_first_screen(browser, site):
    box, filters_open, watch = first_result_on_a_phone(browser, on_disk(site, "بيسكوف"), "file://")
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    assert filters_open is False  # folded away on a phone
    assert watch.clean(), watch.errors
    page, _, _ = search(browser, on_disk(site, "بيسكوف"))  # open beside the results on a wide screen
    assert page.evaluate("document.getElementById('search-filters').open") is True
    page.close()


def test_a_browser_that_cannot_inflate_lists_results_and_reports_a_phrase_it_cannot_check(browser, site):
    """Result files hold their text deflated (DecompressionStream reads it). Without it: the
    results and their headlines as usual, no snippet, and a phrase on the text reported."""

    def without(query: str):
        page = browser.new_page()
        page.add_init_script("delete window.DecompressionStream")
        watch = Watch(page)
        page.goto(on_disk(site, query))
        page.wait_for_selector("html[data-search-done]", timeout=15000)
        assert page.evaluate("typeof DecompressionStream") == "undefined"
        return page, watch

    page, watch = without("بيسكوف")
    assert set(shown(page)) == ARABIC_IDS | {PERSIAN_ID}
    assert all(page.locator("#search-results > li > a").all_inner_texts())  # the headlines
    assert page.locator("#search-results .snippet").all_inner_texts() == [""] * 5
    assert watch.clean(), watch.errors
    page.close()
    page, watch = without('"قوات حفظ السلام"')
    assert shown(page) == []  # not guessed from the words alone
    status = page.locator("#search-status").inner_text()  # said in the reader's language
    assert status.startswith("لا يستطيع هذا المتصفح القديم البحث عن عبارة") and "قوات حفظ السلام" in status
    assert watch.clean(), watch.errors
    page.close()


def test_phrase_fields_suggestions_and_phone_over_http_under_a_sub_path(browser, served):
    page, watch, links = search(browser, served + "search.html?q=" + quote('"قوات حفظ السلام" lang:ar'), origin=served)
    assert set(ids(links)) == ARABIC_IDS
    page.evaluate("window.__marker = 1")
    runs = searches(page)
    page.locator("#search-facets input[name=year][value='2021']").click()
    settle(page, runs)
    assert shown(page) == ["8ba45a798628e0c2"]
    assert page.evaluate("window.__marker") == 1 and "year=2021" in page.url
    assert page.url.startswith(served + "search.html?")
    assert watch.clean(), (watch.errors, watch.foreign)
    page.close()
    page, watch, links = search(browser, served + "search.html?q=" + quote("الكرملن"), origin=served)
    page.locator("#search-suggest a.suggestion").first.click()
    until(page, "document.querySelectorAll('#search-results > li').length === 5")
    assert watch.clean(), (watch.errors, watch.foreign)
    page.close()
    box, _, watch = first_result_on_a_phone(browser, served + "search.html?q=" + quote("تاس"), served)
    assert box and box["y"] + box["height"] <= 844, box
    assert watch.clean(), (watch.errors, watch.foreign)


def test_facet_years_and_counts_share_the_pages_digits(browser, site):
    page, _, _ = search(browser, (site.output / "search.html").as_uri() + "?q=" + quote("بيسكوف"))
    labels = page.locator('#search-facets label[for^="f-year-"]').all_inner_texts()
    assert labels and all(re.fullmatch(r"[٠-٩]{4} \([٠-٩]+\)", label.strip()) for label in labels), labels
    page.close()


# Reports that name Trump the ways outlets write him (issue 12): short texts written for the test.
TRUMP_SEEDS = {
    "t1.txt": "ترامب يلتقي زعيم كوريا الشمالية\n\nقال الرئيس الأمريكي دونالد ترامب إن اللقاء كان مثمرا.\n",
    "t2.txt": "ترمب يعلن موقفا جديدا من الاتفاق\n\nأعلن الرئيس ترمب اليوم موقفا جديدا أمام الصحفيين.\n",
    "t3.txt": "دیدار ترامپ و رهبر کره شمالی\n\nدونالد ترامپ گفت این دیدار سازنده بود و گفتگوها ادامه دارد.\n",
    "t4.txt": "موسم الحصاد يبدأ مبكرا\n\nبدأ المزارعون حصاد القمح قبل موعده بسبب ارتفاع الحرارة.\n",
}


def test_trump_in_latin_arabic_and_persian_spellings_finds_the_same_reports(browser, tmp_path):
    built = build_site(tmp_path, seeds={k: v.encode() for k, v in TRUMP_SEEDS.items()}, annotations={})
    assert built.returncode == 0, built.log
    found = {}
    for query in ("Trump", "ترامب", "ترمب", "ترامپ"):
        page, watch, links = search(browser, (built.output / "search.html").as_uri() + "?q=" + quote(query))
        found[query] = set(ids(links))
        assert watch.clean(), watch.errors
        page.close()
    assert len(found["Trump"]) == 3, found
    assert found["Trump"] == found["ترامب"] == found["ترمب"] == found["ترامپ"], found
