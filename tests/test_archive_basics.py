"""The reading room's basics, built: the home page at a glance, pagination (on plain data at
10,000 articles, and in a real build of 300 seeds), 404.html, the web app manifest and icons,
the data and downloads page, the service worker's file list, `make serve`'s server and
`make bundle`'s zip."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import threading
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from jinja2 import Environment, FileSystemLoader
from news_archive import archive, basics, bundle, check_site, dates, i18n, pages, serve
from news_archive.entities import load_gazetteer
from news_archive.search_query import read_js

from tests.conftest import REPO, build_site
from tests.htmlscan import scan

LIMIT = 300 * 1024  # no generated HTML page over 300 KB
AR_WORDS = "الكرملين روسيا أرمينيا بيسكوف قوات حفظ السلام كاراباخ الحكومة الرئيس وزارة الخارجية".split()  # noqa: SIM905


# --- pagination on plain data ------------------------------------------------------------------------
def test_page_paths_are_files_beside_the_first_page():
    assert pages.page_path("index.html", 1) == "index.html"
    assert pages.page_path("index.html", 2) == "index-2.html"
    assert pages.page_path("outlets/x.html", 3) == "outlets/x-3.html"
    # an outlet called "x 2" has the page outlets/x-2.html: page 2 of "x" steps aside
    assert pages.page_path("outlets/x.html", 2, frozenset({"outlets/x-2.html"})) == "outlets/x--2.html"


def test_paginate_cuts_a_list_and_links_the_pages():
    found = pages.paginate("months/2023-09.html", [str(n) for n in range(450)], key=str)
    paths = [path for path, _, _ in found]
    assert paths[:3] == ["months/2023-09.html", "months/2023-09-2.html", "months/2023-09-3.html"]
    assert [item for _, items, _ in found for item in items] == [str(n) for n in range(450)]  # all, once, in order
    sizes = [len(items) for _, items, _ in found]
    assert len(sizes) > 2 and all(pages.PAGE_MIN <= n <= pages.PAGE_MAX for n in sizes[1:])
    assert pages.PAGE_MIN <= sizes[0] < pages.PAGE_MIN + pages.PAGE_MAX  # a short front joins the next page
    first, second, last = found[0][2], found[1][2], found[-1][2]
    assert (first.prev, first.next) == (None, "months/2023-09-2.html")
    assert (second.prev, second.next) == ("months/2023-09.html", paths[2])
    assert (last.prev, last.next, last.number, last.count) == (paths[-2], None, len(paths), len(paths))
    assert pages.paginate("index.html", [])[0][0] == "index.html"  # an empty list still has its page
    assert [len(items) for _, items, _ in pages.paginate("index.html", list("abc"), key=str)] == [3]
    many = pages.Pager(25, tuple(f"p{n}" for n in range(50)))
    assert many.nearby() == [1, None, 23, 24, 25, 26, 27, None, 50]


def test_a_report_from_a_new_outlet_leaves_the_other_timelines_alone():
    """An entity's timeline names its rows as the outlets' listings do, from its own outlets
    only: a report from an outlet new to the archive, naming nobody, changes no entity page
    (with every outlet's name in each page, a 10k +1 re-rendered 1,275 pages instead of 38)."""
    entries = [
        fake_entry(n, dt.date(2023, 1, 1 + n % 28), ("تاس", "الأسبوع")[n % 2], entities=("russia",)) for n in range(9)
    ]
    timelines = lambda found: {  # noqa: E731
        s.path: s.context["timeline"].args for s in pages.plan_pages(found, "ar") if "timeline" in s.context
    }
    before = timelines(entries)
    assert before["entities/russia.html"][3] == {"تاس": "تاس", "الأسبوع": "الأسبوع"}
    assert timelines([*entries, fake_entry(99, dt.date(2023, 2, 1), "صحيفة جديدة")]) == before


def test_a_new_item_leaves_the_other_pages_of_a_long_list_alone():
    """Pages end where their items say, not at every 100th place: adding a report to a list of
    5,000 (at the front, as a new report usually is, or anywhere) changes its own page, now and
    then a neighbour, and almost never the number of pages, so a rebuild rewrites a few pages."""
    rng = random.Random(13)
    keys = [f"{rng.getrandbits(64):016x}" for _ in range(5000)]
    before = {tuple(items) for _, items, _ in pages.paginate("x.html", keys, key=str)}
    assert 35 <= len(before) <= 65  # ~100 items a page
    changed, renumbered = [], 0
    for trial in range(400):
        new = f"{rng.getrandbits(64):016x}"
        place = 0 if trial % 2 else rng.randrange(len(keys) + 1)
        after = [tuple(items) for _, items, _ in pages.paginate("x.html", [*keys[:place], new, *keys[place:]], key=str)]
        changed.append(len(set(after) - before))
        renumbered += len(after) != len(before)
    assert max(changed) <= 3 and sum(changed) / len(changed) < 1.2
    assert renumbered <= 400 * 0.05  # a new page (every page's pager changes) about once in 50-100 additions
    dropped = {tuple(items) for _, items, _ in pages.paginate("x.html", keys[:2500] + keys[2501:], key=str)}
    assert len(dropped - before) <= 3  # and removing one is as local


def test_coverage_counts_every_month_and_falls_back_to_years():
    entries = [fake_entry(n, dt.date(2023, 1 + n % 3 * 4, 5)) for n in range(9)] + [fake_entry(99, None)]
    chart = pages.coverage(entries)
    assert chart.unit == "month" and [b.key for b in chart.bars][:2] == ["2023-01", "2023-02"]
    assert len(chart.bars) == 9 and sum(b.count for b in chart.bars) == 9  # Jan..Sep, empty months kept
    assert [b.path for b in chart.bars if b.count] == [
        "months/2023-01.html",
        "months/2023-05.html",
        "months/2023-09.html",
    ]
    left_to_right = [x for _, x, _, _ in chart.geometry()]
    right_to_left = [x for _, x, _, _ in chart.geometry(rtl=True)]
    assert left_to_right == sorted(left_to_right) and right_to_left == sorted(right_to_left, reverse=True)
    assert sorted(left_to_right) == sorted(right_to_left)  # the same slots, oldest on the right
    wide = pages.coverage([fake_entry(1, dt.date(1990, 1, 1)), fake_entry(2, dt.date(2024, 1, 1))])
    assert wide.unit == "year" and len(wide.bars) == 35 and wide.bars[0].path is None


def fake_entry(
    n: int, date: dt.date | None, outlet: str | None = "وكالة", lang: str = "ar", entities=()
) -> archive.Entry:
    title = " ".join(AR_WORDS[(n + i) % len(AR_WORDS)] for i in range(9)) + f" {n}"
    return archive.Entry(
        id=f"{n:016x}",
        source_name=f"{n}.txt",
        sha256="0" * 64,
        title=title,
        title_derived=False,
        date=date,
        date_calendar="gregorian" if date else None,
        outlet=outlet,
        keywords=(),
        lang=lang,
        words=120,
        reading_minutes=1,
        paragraphs=("نص قصير.",),
        appended=(),
        removed=(),
        entities=tuple(entities),
    )


def template_env() -> Environment:
    """The theme's templates with the plugin's filters (English chrome: untranslated msgids)."""
    env = Environment(
        loader=FileSystemLoader(REPO / "theme" / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_null_translations(newstyle=True)
    env.filters.update(
        date_long=dates.format_date,
        solar_hijri=dates.format_solar_hijri,
        href=archive.href,
        digits=lambda text, lang: i18n.to_native_digits(str(text), lang),
        month_label=i18n.month_label,
    )
    env.globals.update(
        language_name=i18n.language_name,
        direction=i18n.direction,
        entity=load_gazetteer().entities.get,
        memo=pages.Memo(),  # as the plugin gives it: a report's list line rendered once per language and page depth
    )
    return env


def test_no_list_page_is_over_300_kb_at_10000_articles():
    outlets = [f"وكالة الأنباء رقم {n}" for n in range(40)] + ["البوابة نيوز"]
    entries = []
    for n in range(10_000):
        date = None if n % 9 == 0 else dt.date(2019, 1, 1) + dt.timedelta(days=n * 37 % 2000)
        outlet = "البوابة نيوز" if n % 2 else outlets[n % 40]
        ents = ("peskov", "kremlin", "russia")[: n % 4]
        entries.append(fake_entry(n, date, outlet, "fa" if n % 5 == 4 else "ar", ents))
    plan = pages.plan_pages(entries, "ar")
    env = template_env()
    lists = [s for s in plan if s.template in ("index", "listing", "stories", "tag", "browse", "tags")]
    assert 65 <= sum(1 for s in lists if s.template == "index") <= 130  # ~100 reports a page
    sizes = {}
    for spec in lists:
        depth = spec.path.count("/")
        html = env.get_template(f"{spec.template}.html").render(
            SITENAME="سجل",
            SITEURL="." if not depth else "/".join([".."] * depth),
            feeds=[],
            site_url="",
            output_file=spec.path,
            page_lang=spec.lang,
            page_dir=i18n.direction(spec.lang),
            **spec.render_context(),
        )
        sizes[spec.path] = len(html.encode())
    biggest = max(sizes, key=sizes.get)
    assert sizes[biggest] <= LIMIT, (biggest, sizes[biggest])
    assert sizes["index.html"] > 20_000  # the glance and 100 articles were really rendered
    assert f"outlets/{archive.slug('البوابة نيوز')}-50.html" in sizes  # 5,000 articles of one outlet: 50 pages


# --- a real build of 300 seeds ------------------------------------------------------------------------
def synthetic_seeds(count: int) -> dict[str, bytes]:
    seeds = {}
    for n in range(count):
        title = " ".join(AR_WORDS[(n * 7 + i) % len(AR_WORDS)] for i in range(6)) + f" رقم {n}"
        date = f"تاريخ النشر: {1 + n % 28} سبتمبر {2020 + n % 3}\n" if n % 10 else ""
        body = " ".join(AR_WORDS[(n + i) % len(AR_WORDS)] for i in range(40)) + "."
        outlet = "وكالة الأنباء" if n % 3 else "البوابة نيوز"
        seeds[f"{n:03d}_{n:016x}.txt"] = f"{title}\n{date}\n{body}\nالمصدر: {outlet}\n".encode()
    return seeds


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    built = build_site(tmp_path_factory.mktemp("big"), seeds=synthetic_seeds(300), annotations={})
    assert built.returncode == 0, built.log
    return built


def article_links(path: Path) -> list[str]:
    return [v for a, v in scan(path).links if a == "href" and re.search(r"articles/[0-9a-f]{16}\.html$", v)]


def follow_pages(folder: Path, first: str) -> list[Path]:
    """A list's pages in order, by their rel=next links, checking the rel=prev links on the way."""
    found, name, prev = [], first, None
    while name:
        html = (folder / name).read_text("utf-8")
        found_links = re.findall(r'<link rel="(prev|next)" href="([^"]+)">', html)
        links = {rel: unquote(href).rsplit("/", 1)[-1] for rel, href in found_links}
        assert links.get("prev") == prev, name
        assert ("pager-next" in html) == ("next" in links), name
        found.append(folder / name)
        prev, name = name, links.get("next")
    return found


def test_home_is_paginated_with_prev_next_links(big):
    out = big.output
    shown = follow_pages(out, "index.html")
    assert [p.name for p in shown] == ["index.html", *(f"index-{n}.html" for n in range(2, len(shown) + 1))]
    assert sorted(shown) == sorted(out.glob("index*.html")) and len(shown) >= 2  # 300 reports, ~100 a page
    seen = [link for page in shown for link in article_links(page)]
    rows = json.loads((out / "archive.json").read_text("utf-8"))["articles"]
    assert seen == [f"./{r['url']}" for r in rows]  # newest first, every article once, over the pages
    assert "glance" in scan(out / "index.html").ids and "glance" not in scan(out / "index-2.html").ids
    for page in shown:  # the count of the whole list is on the first page only: a new report leaves the rest alone
        assert ("٣٠٠" in page.read_text("utf-8")) == (page.name == "index.html")


def test_listings_are_paginated_beside_their_first_page(big):
    outlet = big.output / "outlets"
    names = sorted(p.name for p in outlet.glob("*.html"))
    assert names == ["الانباء.html", "البوابه-نيوز.html", "وكاله-الانباء.html"]
    first = archive.href("../outlets/الانباء.html")
    # "وكالة الأنباء" is listed without its "وكالة"; the address its own name gave leads there
    assert f'content="0; url={first}"' in (outlet / "وكاله-الانباء.html").read_text("utf-8")
    assert len(article_links(outlet / "الانباء.html")) == 200  # one page: a page holds up to 200
    languages = big.output / "languages"
    shown = follow_pages(languages, "ar.html")
    assert sorted(shown) == sorted(languages.glob("ar*.html")) and len(shown) >= 2
    assert sum(len(article_links(page)) for page in shown) == 300
    counts = ["listing-count" in scan(page).ids for page in shown]
    assert counts[0] and not any(counts[1:])  # the listing's count, on its first page only
    assert 'data-count="300"' in shown[0].read_text("utf-8")
    dates = {r["url"]: r["date"] for r in json.loads((big.output / "archive.json").read_text("utf-8"))["articles"]}
    for page in shown:  # each page says which days its reports cover
        days = sorted(d for d in (dates[link.removeprefix("../")] for link in article_links(page)) if d)
        where = re.search(r'<p class="pager-where">(.*?)</p>', page.read_text("utf-8"), re.S)[1]
        assert re.findall(r'<time datetime="([^"]+)">', where) == sorted({days[0], days[-1]}), page.name


def test_big_site_pages_are_small_links_resolve_and_check_site_passes(big):
    out = big.output
    for page in out.rglob("*.html"):
        assert page.stat().st_size <= LIMIT, page
        if page.name == "404.html":
            continue
        for _, value in scan(page).links:
            parts = urlsplit(value)
            if parts.scheme or not parts.path:
                continue
            assert (page.parent / unquote(parts.path)).resolve().is_file(), (page, value)
    problems, _ = check_site.check(out, big.root / "urls.txt", big.root / "content" / "redirects.txt")
    assert problems == []


def test_home_at_a_glance_counts_and_chart(big):
    out = big.output
    page = scan(out / "index.html")
    html = (out / "index.html").read_text("utf-8")
    assert 'id="glance-total" data-count="300"' in html
    assert 'id="glance-undated" data-count="30"' in html
    assert '<time id="glance-earliest" datetime="2020-09-01">' in html
    assert '<time id="glance-latest" datetime="2022-09-28">' in html
    assert re.search(r'<svg role="img" aria-labelledby="coverage-title coverage-desc"', html)
    table = re.findall(r'<tr data-key="(\d{4}-\d\d)">.*?data-count="(\d+)"', html)
    assert table == [("2020-09", "90"), ("2021-09", "90"), ("2022-09", "90")]
    assert html.count('<rect class="bar"') == 3  # 25 months drawn, 3 of them with reports
    assert ("href", "./months/2021-09.html") in page.links
    assert ("href", "./languages/ar.html") in page.links and ("href", "./months/undated.html") in page.links
    outlets = re.findall(
        r'<li><a href="./outlets/[^"]+"><bdi>([^<]+)</bdi></a> <span class="count" data-count="(\d+)"', html
    )
    assert outlets == [("وكالة الأنباء", "200"), ("البوابة نيوز", "100")]


# --- 404, manifest, icons, downloads, service worker on the bundled seeds -----------------------------
def test_every_page_links_the_manifest_icons_and_downloads(site):
    for page in site.output.rglob("*.html"):
        if b'http-equiv="refresh"' in page.read_bytes()[:2048]:
            continue  # a redirect page
        links = scan(page).links
        rel = page.relative_to(site.output).as_posix()
        up = "./" if "/" not in rel else "../" * rel.count("/")
        assert ("href", f"{up}manifest.webmanifest") in links, rel
        assert ("href", f"{up}downloads.html") in links, rel
        assert ("src", f"{up}theme/js/site.js") in links, rel


def test_manifest_and_icons(site):
    data = json.loads((site.output / "manifest.webmanifest").read_text("utf-8"))
    assert data["start_url"] == "./index.html" and data["scope"] == "./" and data["dir"] == "rtl"
    assert (site.output / data["start_url"]).is_file()
    for icon in data["icons"]:
        path = site.output / icon["src"]
        assert path.is_file(), icon
        if icon["type"] == "image/png":
            head = path.read_bytes()[:24]
            assert head[:8] == b"\x89PNG\r\n\x1a\n"
            assert f"{int.from_bytes(head[16:20], 'big')}x{int.from_bytes(head[20:24], 'big')}" == icon["sizes"]
    assert any(i["sizes"] == "512x512" for i in data["icons"]) and any(i["sizes"] == "192x192" for i in data["icons"])


def test_committed_icons_are_the_drawing():
    for name, data in basics.icons().items():
        assert (REPO / "theme" / "static" / "icons" / name).read_bytes() == data, name


def test_downloads_page_lists_each_file_with_its_size(site):
    out = site.output
    html = (out / "downloads.html").read_text("utf-8")
    listed = dict(re.findall(r'data-path="([^"]+)">.*?<data value="(\d+)">', html, re.S))
    expected = [*basics.DATA_FILES, "feeds/all.atom.xml", "feeds/ar.atom.xml"]
    assert list(listed) == [p for p in expected if (out / p).exists()]
    assert set(basics.DATA_FILES) <= set(listed)
    for path, size in listed.items():
        assert (out / path).stat().st_size == int(size), path
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "<loc>downloads.html</loc>" in sitemap and "404.html" not in sitemap
    assert "<loc>index.html</loc>" in sitemap


def test_404_page_offers_search_and_home(site, tmp_path):
    page = scan(site.output / "404.html")
    assert ("href", "./index.html") in page.links and ("action", "./search.html") in page.links
    assert ("src", "./theme/js/notfound.js") in page.links
    assert {"name": "robots", "content": "noindex"} in page.metas
    built = build_site(tmp_path, env={"SITEURL": "https://example.org/archive"})
    assert built.returncode == 0, built.log
    deep = scan(built.output / "404.html")  # served at any depth: links from the site's path
    assert ("href", "/archive/index.html") in deep.links and ("action", "/archive/search.html") in deep.links
    assert ("src", "/archive/theme/js/notfound.js") in deep.links
    assert ("href", "/archive/theme/css/site.css") in deep.links
    assert {"name": "sijill-root", "content": "/archive/"} in deep.metas
    problems, _ = check_site.check(built.output, built.root / "urls.txt")
    assert problems == []


def test_service_worker_lists_files_that_exist_and_is_deterministic(site, tmp_path):
    sw = (site.output / "sw.js").read_text("utf-8")
    files = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", sw).group(1))
    for name in files:
        assert (site.output / name).is_file(), name
    for needed in ("theme/css/site.css", "theme/js/search.js", "theme/js/lunr.min.js", "search/manifest.js"):
        assert needed in files
    assert any(f.endswith(".woff2") for f in files)
    version = re.search(r"var VERSION = '([0-9a-f]{16})'", sw).group(1)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256((site.output / name).read_bytes()).digest())
    assert version == digest.hexdigest()[:16]  # a hash of what it keeps, never a time
    again = build_site(tmp_path)
    assert again.returncode == 0, again.log
    for path in sorted(site.output.rglob("*")):
        if path.is_file():
            rel = path.relative_to(site.output)
            assert (again.output / rel).read_bytes() == path.read_bytes(), rel


# --- make serve and make bundle --------------------------------------------------------------------------
def test_serve_sends_charsets_the_manifest_type_and_the_404_page(site):
    httpd = serve.server(site.output, port=0, base="/archive/", quiet=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}/archive/"
    try:
        types = {}
        for path in ("articles/df451209fdc08719.txt", "theme/js/site.js", "manifest.webmanifest", "index.html"):
            with urllib.request.urlopen(base + path) as response:
                types[path] = response.headers["Content-Type"]
        assert types == {
            "articles/df451209fdc08719.txt": "text/plain; charset=utf-8",
            "theme/js/site.js": "application/javascript; charset=utf-8",
            "manifest.webmanifest": "application/manifest+json",
            "index.html": "text/html; charset=utf-8",
        }
        outside = f"http://127.0.0.1:{httpd.server_port}/elsewhere.html"  # not under /archive/
        for missing in (base + "a/b/c/nothing.html", base + "articles", outside):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(missing)
            assert caught.value.code == 404
            assert caught.value.read() == (site.output / "404.html").read_bytes()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_bundle_is_a_deterministic_zip_beside_the_site(site, tmp_path):
    target = tmp_path / "sijill-site.zip"
    count = bundle.bundle(site.output, target)
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        assert len(names) == count and all(n.startswith("sijill-site/") for n in names)
        assert "sijill-site/index.html" in names
        assert z.read("sijill-site/archive.json") == (site.output / "archive.json").read_bytes()
    first = target.read_bytes()
    bundle.bundle(site.output, target)
    assert target.read_bytes() == first
    assert bundle.default_target(site.output) == site.output.parent / "sijill-site.zip"
    for bad in (site.output / "x.zip", REPO / "seeds" / "x.zip", tmp_path / "x.tar"):
        with pytest.raises(bundle.BundleError):
            bundle.check_target(site.output, bad, REPO)


def test_no_line_of_a_page_is_separated_by_a_dot_that_reads_as_a_zero(site):
    """The parts of a line (date – outlet – reading time, a page's title and the site's name) are
    separated by an en dash: in the Naskh fonts the middle dot is drawn like the Arabic-Indic and
    Persian zero (٠ ۰), and "ایسنا · ۴ دقیقه" read as "۴۰ دقیقه" (40 minutes), "٢٠١٩ ·" as 20190."""
    for page in sorted(site.output.rglob("*.html")):
        assert "\u00b7" not in page.read_text("utf-8"), page.relative_to(site.output)
    assert " – " in (site.output / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("names", "listed"),
    [
        # one site's pages name it with and without the kind of outlet it is (real pages, 25 outlets)
        (["صحيفة سبق الإلكترونية", "سبق"], "سبق"),
        (["جريدة الرياض", "الرياض"], "الرياض"),
        (["الوطن أون لاين", "صحيفة الوطن", "الوطن"], "الوطن"),
        (["صحيفة الوئام الإلكترونية", "صحيفة الوئام", "الوئام"], "الوئام"),
        (["خبرگزاری فارس", "خبرگزاري فارس", "فارس"], "فارس"),
        (["همشهری آنلاین", "همشهري آنلاين"], "همشهري"),
        (["وكالة رويترز", "رويترز"], "رويترز"),
        (["صحيفة"], "صحيفه"),  # nothing but a kind: kept
    ],
)
def test_an_outlet_is_listed_under_its_name_without_the_kind_of_outlet_it_is(names, listed):
    assert {archive.outlet_key(name) for name in names} == {listed}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("قناة الجزيرة", "صحيفة الجزيرة"),  # a channel and a paper of one name
        ("موقع الجزيرة", "الجزيرة"),
        ("الرياضي", "صحيفة الرياضية"),  # two sports papers
        ("صحيفة اليوم", "اليوم السابع"),
        ("البوابة نيوز", "البوابة"),
        ("عين اليوم", "اليوم"),
    ],
)
def test_outlets_that_only_look_alike_keep_listings_of_their_own(one, other):
    assert archive.outlet_key(one) != archive.outlet_key(other)


def test_the_facets_and_listings_name_an_outlet_as_it_is_written_most():
    names = ["سبق", "سبق", "صحيفة سبق", "عكاظ"]
    entries = [fake_entry(n, dt.date(2023, 9, 1), outlet) for n, outlet in enumerate(names)]
    assert archive.outlet_labels(entries) == {"سبق": "سبق", "صحيفة سبق": "سبق", "عكاظ": "عكاظ"}
    (sabq,) = [x for x in archive.listings(entries) if x.kind == "outlet" and x.key == "سبق"]
    assert (sabq.label, sabq.variants, len(sabq.entries)) == ("سبق", ("صحيفة سبق",), 3)


def test_an_outlets_name_is_chosen_once_not_once_per_report(monkeypatch):
    # an archive of one outlet: choosing its name again for each of its reports made the choice
    # quadratic (8.6 s for 10,000 reports, in each of three steps of the build)
    chosen = []
    monkeypatch.setattr(archive, "most_used", lambda names: chosen.append(len(names)) or min(names))
    entries = [fake_entry(n, dt.date(2023, 9, 1), "سبق" if n % 3 else "صحيفة سبق") for n in range(3000)]
    assert archive.outlet_labels(entries) == {"سبق": "سبق", "صحيفة سبق": "سبق"}
    assert chosen == [3000]


def test_one_outlet_written_two_ways_is_one_listing_and_one_search_facet(tmp_path):
    seeds = {}
    for n, outlet in enumerate(["صحيفة سبق الإلكترونية", "سبق", "سبق"]):
        body = " ".join(AR_WORDS[(n + i) % len(AR_WORDS)] for i in range(40)) + "."
        text = f"عنوان التقرير رقم {n}\nتاريخ النشر: {n + 1} سبتمبر 2023\n{body}\nالمصدر: {outlet}\n"
        seeds[f"{n:03d}_{n:016x}.txt"] = text.encode()
    built = build_site(tmp_path, seeds=seeds, annotations={})
    assert built.returncode == 0, built.log
    manifest = read_js(built.output / "search" / "manifest.js")[0]
    assert (manifest["outlets"], manifest["outlet_names"]) == (["سبق"], [["صحيفة سبق الإلكترونية"]])
    listing = built.output / "outlets" / "سبق.html"
    assert len(article_links(listing)) == 3 and "صحيفة سبق الإلكترونية" in listing.read_text("utf-8")
    old = (built.output / "outlets" / "صحيفه-سبق-الالكترونيه.html").read_text("utf-8")
    assert f'content="0; url={archive.href("../outlets/سبق.html")}"' in old
