"""The reading room's basics in a real browser (system Chromium via Playwright): the home page at
a glance, pagination from file://, the 404 page at a deep missing path under /archive/, the web
app manifest, the service worker (a page opened is kept; "save for offline" keeps a story's
articles), printing, and the bundle opened from disk."""

from __future__ import annotations

import re
import threading
import zipfile

import pytest
from news_archive import bundle, serve

from tests.conftest import Watch, build_site
from tests.test_archive_basics import synthetic_seeds

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


def serving(directory, base="/archive/"):
    httpd = serve.server(directory, port=0, base=base, quiet=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}{base}"


@pytest.fixture(scope="module")
def http_site(site):
    """The bundled site under http://127.0.0.1:<port>/archive/, with make serve's server."""
    httpd, url = serving(site.output)
    yield url
    httpd.shutdown()
    httpd.server_close()


def test_home_shows_counts_and_a_chart_with_a_text_alternative(context, site):
    page = context.new_page()
    watch = Watch(page)
    page.goto((site.output / "index.html").as_uri())
    assert page.locator("#glance-total").get_attribute("data-count") == "5"
    assert page.locator("#glance-undated").get_attribute("data-count") == "2"
    chart = page.locator("#coverage svg")
    assert chart.get_attribute("role") == "img" and chart.is_visible()
    assert page.locator("#coverage-title").count() == 1 and page.locator("#coverage-desc").count() == 1
    assert chart.locator("rect.bar").count() == 2
    # the page reads right to left: the oldest month's bar and its label are on the right, as in the timelines
    older, newer = (chart.locator("rect.bar").nth(i).bounding_box() for i in range(2))
    assert older["x"] > newer["x"]
    first, last = (page.locator(".coverage-axis span").nth(i).bounding_box() for i in range(2))
    assert first["x"] > last["x"]
    table = page.locator("#coverage-table")
    table.locator("summary").click()
    rows = table.locator("tbody tr")
    assert [rows.nth(i).get_attribute("data-key") for i in range(rows.count())] == ["2021-11", "2023-09"]
    assert page.get_by_role("img").count() >= 1
    links = page.locator("#glance-languages a")
    assert links.count() == 2
    links.first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/languages/ar.html")
    assert watch.clean(), (watch.errors, watch.foreign)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    built = build_site(tmp_path_factory.mktemp("bigb"), seeds=synthetic_seeds(300), annotations={})
    assert built.returncode == 0, built.log
    return built


def test_pagination_next_and_prev_from_disk(context, big):
    page = context.new_page()
    watch = Watch(page)
    page.goto((big.output / "index.html").as_uri())
    first = page.locator("main ol.entries > li > a").first.inner_text()
    page.locator("#pager a[rel=next]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/index-2.html")
    assert page.locator("#pager a[aria-current=page]").inner_text() == "٢"
    assert 50 <= page.locator("main ol.entries > li > a").count() <= 200
    assert page.locator("main ol.entries > li > a").first.inner_text() != first
    page.locator("#pager a[rel=next]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/index-3.html") and page.locator("#pager a[rel=next]").count() == 0
    where = page.locator("#pager .pager-where")
    assert where.inner_text().startswith("الصفحة ٣ من ٣ (") and where.locator("time").count() in (1, 2)
    page.locator("#pager a[rel=prev]").click()
    page.wait_for_load_state()
    page.locator("#pager a[rel=prev]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/index.html")
    assert page.locator("main ol.entries > li > a").first.inner_text() == first
    page.goto((big.output / "outlets" / "وكاله-الانباء.html").as_uri())  # the name's old page: redirected
    page.wait_for_url("**/outlets/%D8%A7%D9%84%D8%A7%D9%86%D8%A8%D8%A7%D8%A1.html")  # الانباء.html
    assert page.locator("main ol.entries li").count() == 200 and page.locator("#pager").count() == 0  # one page
    page.goto((big.output / "languages" / "ar.html").as_uri())
    page.locator("#pager a[rel=next]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/languages/ar-2.html") and page.locator("main ol.entries li").count() >= 50
    assert watch.clean(), (watch.errors, watch.foreign)


def test_a_listed_report_shows_its_headline_big_and_bold_over_a_grey_date_line(context, big):
    """The look of a listing's line comes from its place in the line (no class on each)."""
    page = context.new_page()
    page.goto((big.output / "outlets" / "وكاله-الانباء.html").as_uri())
    style = "e => { const s = getComputedStyle(e); return [s.display, s.fontWeight, s.fontSize, s.color]; }"
    title = page.locator("main ol.entries > li > a").first.evaluate(style)
    meta = page.locator("main ol.entries > li > a + span").first.evaluate(style)
    body = page.locator("main h1").evaluate("e => getComputedStyle(document.body).color")
    assert title[:2] == ["block", "700"] and meta[:2] == ["block", "400"]
    assert float(title[2][:-2]) > float(meta[2][:-2]) and meta[3] != body


def test_a_headline_in_english_keeps_its_order_on_an_arabic_listing(context, tmp_path):
    """A listed headline is isolated in its own direction, as in a <bdi>: an English one ends on
    the right (here with the "…" of a cut headline), and stands at the right of its line like the
    Arabic ones."""
    body = "نص الخبر هنا وفيه كلام عن المجلس البلدي والمياه.\n"
    titles = ["Peskov met the council on the water plan today.", "المجلس البلدي يناقش خطة المياه"]
    seeds = {f"00{n}_000000000000000{n}.txt": f"{title}\n\n{body}".encode() for n, title in enumerate(titles, 1)}
    built = build_site(tmp_path, seeds=seeds, annotations={})
    assert built.returncode == 0, built.log
    page = context.new_page()
    page.goto((built.output / "index.html").as_uri())
    gaps = page.locator("main ol.entries > li > a").evaluate_all(
        """links => links.map(a => {  // from the link's right edge: to its last letter, to its text
          const last = document.createRange(), all = document.createRange(), text = a.firstChild;
          last.setStart(text, text.length - 1); last.setEnd(text, text.length); all.selectNodeContents(a);
          const right = a.getBoundingClientRect().right;
          return [a.textContent, right - last.getBoundingClientRect().right, right - all.getBoundingClientRect().right];
        })"""
    )
    [english] = [gap for gap in gaps if gap[0].startswith("Peskov")]
    assert english[1] < 2 and all(abs(gap[2]) < 2 for gap in gaps), gaps


@pytest.mark.parametrize("siteurl", ["https://example.org/archive", ""])
def test_404_at_a_deep_missing_path_under_a_sub_path_leads_home(context, tmp_path, siteurl):
    built = build_site(tmp_path, env={"SITEURL": siteurl} if siteurl else None)
    assert built.returncode == 0, built.log
    httpd, base = serving(built.output)
    try:
        page = context.new_page()
        # with the site's address known, any depth; without it, a missing page at the top level
        missing = base + ("a/b/c/no-such-report.html" if siteurl else "no-such-report.html")
        response = page.goto(missing)
        assert response.status == 404
        assert page.locator("#notfound-title").is_visible()
        assert page.locator("#missing-path").inner_text().endswith("no-such-report.html")
        assert page.locator("#notfound-q").input_value() == "no such report"
        css = page.evaluate("getComputedStyle(document.querySelector('header.site')).borderBottomStyle")
        assert css == "solid"  # the style sheet was found
        assert page.locator("#notfound-home").evaluate("a => a.href") == base + "index.html"
        page.locator("#notfound-home").click()
        page.wait_for_load_state()
        assert page.url == base + "index.html"
        page.go_back()
        page.locator("#notfound-q").fill("بيسكوف")
        page.locator("#notfound-q").press("Enter")
        page.wait_for_load_state()
        assert page.url.startswith(base + "search.html?q=")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_manifest_is_fetched_without_errors(context, http_site):
    page = context.new_page()
    watch = Watch(page, http_site)
    page.goto(http_site + "index.html")
    cdp = context.new_cdp_session(page)
    found = cdp.send("Page.getAppManifest")
    assert found["url"] == http_site + "manifest.webmanifest"
    assert found["errors"] == [], found["errors"]
    assert '"start_url": "./index.html"' in found["data"]
    response = page.request.get(http_site + "manifest.webmanifest")
    assert response.ok and response.headers["content-type"] == "application/manifest+json"
    assert watch.clean(), (watch.errors, watch.foreign)


def wait_for_worker(page):
    page.wait_for_function(
        "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=15000
    )


CACHED = "url => caches.open('sijill-pages').then(c => c.match(url)).then(r => !!r)"


def test_service_worker_keeps_an_opened_page(context, http_site):
    page = context.new_page()
    watch = Watch(page, http_site)
    url = http_site + "articles/df451209fdc08719.html"
    page.goto(url)
    wait_for_worker(page)
    page.wait_for_function(CACHED, arg=url, timeout=15000)
    static = page.evaluate(
        "url => caches.keys().then(keys => Promise.all(keys.filter(k => k.startsWith('sijill-static-'))"
        ".map(k => caches.open(k).then(c => c.match(url))))).then(found => found.some(Boolean))",
        http_site + "theme/css/site.css",
    )
    assert static, "the style sheet is kept from the worker's first start"
    # Offline, the page opens from the cache.
    context.set_offline(True)
    try:
        page.reload()
        assert page.locator("h1#title").is_visible()
    finally:
        context.set_offline(False)
    assert not watch.foreign


def test_save_for_offline_keeps_every_article_of_a_story(context, http_site, site):
    story = next(p for p in (site.output / "stories").glob("*.html") if p.name != "index.html")
    page = context.new_page()
    page.goto(http_site + f"stories/{story.name}")
    wait_for_worker(page)
    button = page.locator("#save-offline-button")
    assert button.is_visible()
    articles = sorted(set(re.findall(r'href="\.\./(articles/[0-9a-f]{16}\.html)"', story.read_text("utf-8"))))
    assert len(articles) >= 2
    button.click()
    page.wait_for_function("() => document.getElementById('save-offline').dataset.state === 'done'", timeout=15000)
    assert page.locator("#save-offline-status").inner_text().strip()
    for a in articles:
        assert page.evaluate(CACHED, http_site + a), a


def test_save_for_offline_is_hidden_from_disk(context, site):
    story = next(p for p in (site.output / "stories").glob("*.html") if p.name != "index.html")
    page = context.new_page()
    page.goto(story.as_uri())
    assert page.locator("#save-offline").is_hidden()
    assert page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None


def test_print_shows_the_address_without_site_chrome(context, http_site):
    page = context.new_page()
    url = http_site + "articles/df451209fdc08719.html"
    page.goto(url)
    assert page.locator("#print-url").is_hidden()
    page.emulate_media(media="print")
    assert page.locator("#print-url").is_visible() and page.locator("#print-url").inner_text() == url
    for chrome in ("header.site nav", ".site-search", "footer.site", "a.skip"):
        assert page.locator(chrome).is_hidden(), chrome


def test_the_bundle_opens_from_disk(context, site, tmp_path):
    target = tmp_path / "out" / "sijill-site.zip"
    bundle.bundle(site.output, target)
    with zipfile.ZipFile(target) as z:
        z.extractall(tmp_path / "unzipped")
    home = tmp_path / "unzipped" / "sijill-site" / "index.html"
    page = context.new_page()
    watch = Watch(page)
    page.goto(home.as_uri())
    link = page.locator("main ol.entries > li > a").first
    title = link.inner_text().strip()
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith((tmp_path / "unzipped" / "sijill-site" / "articles").as_uri())
    assert page.locator("h1#title").inner_text().strip() == title
    assert watch.clean(), (watch.errors, watch.foreign)
