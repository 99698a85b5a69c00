"""Build the real site with Pelican and check what a reader would get."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import SEEDS, build_site
from tests.htmlscan import scan

PERSIAN_DATED = "تیتر آزمایشی خبر\nتاریخ انتشار: ۳ مهر ۱۴۰۲\n\nپسکوف گفت که روسیه نگران است و گفتگو ادامه دارد.\n"


def archive(site) -> dict[str, dict]:
    data = json.loads((site.output / "archive.json").read_text("utf-8"))
    return {row["id"]: row for row in data["articles"]}


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def test_every_seed_is_built_and_reported(site):
    report = json.loads((site.output / "build-report.json").read_text("utf-8"))
    assert report["files"] == len(list(SEEDS.glob("*.txt"))) == 5
    assert report["counts"] == {"built": 5, "warning": 0, "refused": 0, "skipped": 0}
    assert "5 seed file(s): 5 built (0 with warnings), 0 refused" in site.log


def test_every_page_is_rtl_with_the_right_language(site):
    langs = {row["url"]: row["lang"] for row in archive(site).values()}
    pages = html_pages(site.output)
    assert len(pages) >= 5 + 3
    for page in pages:
        attrs = scan(page).html_attrs
        rel = page.relative_to(site.output).as_posix()
        assert attrs.get("dir") == "rtl", rel
        assert attrs.get("lang") == langs.get(rel, "ar"), rel


def test_links_are_relative_files_that_exist(site):
    checked = 0
    for page in html_pages(site.output):
        for attr, value in scan(page).links:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto") or value == "data:,":  # data: favicon, no request
                continue
            if parts.scheme == "data" and attr == "href":  # a citation record download, in the page itself
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: {value}"
            assert not value.startswith("/"), f"{page}: absolute link {value}"
            assert not parts.path.endswith("/"), f"{page}: link to a folder {value}"
            if not parts.path:  # a fragment on the same page
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(site.output)}: {attr}={value} does not exist"
            checked += 1
    assert checked > 50


def test_pages_show_the_values_of_archive_json(site):
    for ident, row in archive(site).items():
        page = scan(site.output / row["url"])
        assert page.ids["title"] == row["title"]
        assert ("title-derived" in page.ids) == row["title_derived"]
        outlet = page.ids["meta-outlet"]
        assert (row["outlet"] in outlet) if row["outlet"] else ("غير معروف" in outlet or "نامعلوم" in outlet)
        for keyword in row["keywords"]:
            assert keyword in page.ids["meta-keywords"]
        if row["date"] is None:
            assert page.ids["meta-date"].startswith(("التاريخ غير معروف", "تاریخ نامعلوم"))
        assert ident in row["url"]


def test_archive_json_lists_every_article_newest_first_undated_last(site):
    rows = json.loads((site.output / "archive.json").read_text("utf-8"))["articles"]
    assert len(rows) == 5
    optional = {"time", "timezone", "updated", "via", "authors", "low_confidence"}  # only with values
    assert all(row[key] for row in rows for key in optional & set(row))
    assert set(rows[0]) - optional == {
        "id",
        "url",
        "title",
        "title_derived",
        "date",
        "outlet",
        "lang",
        "keywords",
        "words",
        "entities",
        "sha256",
        "text_url",
        "original_url",
        "annotation",
    }
    dates = [r["date"] for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates.index(None) == len(dated)  # all undated at the end
    index = scan(site.output / "index.html")
    hrefs = [v for a, v in index.links if v.startswith("./articles/")]
    assert hrefs == [f"./{r['url']}" for r in rows]


def test_original_text_is_published_byte_identical(site):
    for seed in SEEDS.glob("*.txt"):
        ident = seed.stem.split("_", 1)[1]
        assert (site.output / "articles" / f"{ident}.txt").read_bytes() == seed.read_bytes()


@pytest.mark.parametrize(
    ("ident", "appended_text"),
    [("c61355213998c85b", "ماكرون"), ("6a78640d8eb2f584", "موجة حرائق متعمدة")],
)
def test_appended_story_is_shown_apart_not_in_the_body(site, ident, appended_text):
    page = scan(site.output / "articles" / f"{ident}.html")
    assert appended_text not in page.ids["body"]
    assert appended_text in page.ids["appended"]
    html = (site.output / "articles" / f"{ident}.html").read_text("utf-8")
    assert '<details class="appended-block">' in html  # collapsed by default
    assert appended_text not in json.dumps(archive(site)[ident], ensure_ascii=False)


def test_persian_page_has_persian_chrome(site):
    page = scan(site.output / "articles" / "3f15938f3087b2b9.html")
    assert page.html_attrs["lang"] == "fa"
    assert "تاریخ نامعلوم" in page.ids["meta-date"]
    assert "فارسی" in page.ids["meta-lang"]
    assert "۵۷۳" in page.ids["meta-reading"]  # word count in Persian digits


def test_annotation_is_shown_apart_and_sanitised(site):
    page = scan(site.output / "articles" / "8ba45a798628e0c2.html")
    assert "الذكرى الأولى للبيان الثلاثي" in page.ids["annotation"]
    assert "الذكرى الأولى للبيان الثلاثي" not in page.ids["body"]
    assert "البيان الثلاثي" in page.ids["meta-tags"]


def test_listing_pages_group_by_outlet_language_and_month(site):
    out = site.output
    assert "الاسبوع" in {p.stem for p in (out / "outlets").glob("*.html")}
    assert len(scan(out / "languages" / "ar.html").links) > len(scan(out / "languages" / "fa.html").links)
    month = scan(out / "months" / "2023-09.html")
    assert sum(v.startswith("../articles/") for _, v in month.links) == 2
    undated = scan(out / "months" / "undated.html")
    assert sum(v.startswith("../articles/") for _, v in undated.links) == 2


def test_articles_are_tagged_with_entities_across_languages(site):
    rows = archive(site)
    assert all({"peskov", "karabakh", "armenia"} <= set(r["entities"]) for r in rows.values())
    peskov = scan(site.output / "entities" / "peskov.html")
    # every report, once or more (the list, the timeline's marks and their table)
    assert len({v for _, v in peskov.links if v.startswith("../articles/")}) == 5
    persian = scan(site.output / "articles" / "3f15938f3087b2b9.html")
    assert "پسکوف" in persian.ids["meta-entities"]  # the entity's Persian name on a Persian page
    assert ("href", "../entities/peskov.html") in persian.links


def test_an_entity_with_a_wikidata_qid_links_its_item(site):
    """An entity page names its Wikidata item when the authority has its QID (Armenia: Q399),
    in the reader's language; one without (Peskov, a seed entry) has no such link."""
    armenia = scan(site.output / "entities" / "armenia.html")
    lang = armenia.html_attrs["lang"]
    assert ("href", f"https://www.wikidata.org/wiki/Q399?uselang={lang}") in armenia.links
    assert armenia.ids["wikidata"].endswith("Q399")
    assert "wikidata" not in scan(site.output / "entities" / "peskov.html").ids


def test_pages_are_safe_csp_no_inline_script(site):
    for page_path in html_pages(site.output):
        page = scan(page_path)
        csp = [m["content"] for m in page.metas if m.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "script-src 'self'" in csp[0], page_path
        assert not page.inline_code(), f"{page_path}: inline script"
        assert not page.handlers, f"{page_path}: inline event handler {page.handlers}"


def test_solar_hijri_date_is_converted_and_shown_both_ways(tmp_path):
    built = build_site(tmp_path, seeds={"fa.txt": PERSIAN_DATED.encode()}, annotations={})
    assert built.returncode == 0, built.log
    row = next(iter(archive(built).values()))
    assert row["date"] == "2023-09-25" and row["lang"] == "fa"
    page = scan(built.output / row["url"])
    assert "۲۵ سپتامبر ۲۰۲۳" in page.ids["meta-date"]
    assert "۳ مهر ۱۴۰۲" in page.ids["meta-date"]


def test_ui_language_setting_changes_site_chrome_not_article_pages(tmp_path):
    built = build_site(tmp_path, settings="NEWS_ARCHIVE = {**NEWS_ARCHIVE, 'ui_language': 'en'}\n")
    assert built.returncode == 0, built.log
    index = scan(built.output / "index.html")
    assert (index.html_attrs["lang"], index.html_attrs["dir"]) == ("en", "ltr")
    assert "All articles" in index.text
    article = scan(built.output / "articles" / "3f15938f3087b2b9.html")
    assert (article.html_attrs["lang"], article.html_attrs["dir"]) == ("fa", "rtl")


def test_siteurl_does_not_make_internal_links_absolute(tmp_path):
    built = build_site(tmp_path, env={"SITEURL": "https://example.org/archive"})
    assert built.returncode == 0, built.log
    page = built.output / "articles" / "df451209fdc08719.html"
    links = [v for _, v in scan(page).links if "example.org" in v]
    assert links == ["https://example.org/archive/articles/df451209fdc08719.html"]  # the canonical link only
    assert (
        '<link rel="canonical" href="https://example.org/archive/articles/df451209fdc08719.html">' in page.read_text()
    )


def test_annotation_can_override_fields_and_says_so(tmp_path):
    note = (
        "Title: عنوان وضعه المحرر\nDate: 2023-09-25\nURL: https://example.org/a\n\n"
        "ملاحظة <script>alert(1)</script> **مهمة**.\n"
    )
    built = build_site(tmp_path, annotations={"df451209fdc08719.md": note})
    assert built.returncode == 0, built.log
    row = archive(built)["df451209fdc08719"]
    assert (row["title"], row["title_derived"], row["date"]) == ("عنوان وضعه المحرر", False, "2023-09-25")
    html = (built.output / row["url"]).read_text("utf-8")
    page = scan(built.output / row["url"])
    assert "حدّده محرّر" in page.ids["meta-date"]
    assert "<strong>مهمة</strong>" in html
    assert "<script>alert" not in html and not page.inline_code()
    assert ("href", "https://example.org/a") in page.links


def test_annotation_for_unknown_id_fails_naming_the_file(tmp_path):
    built = build_site(tmp_path, annotations={"ffffffffffffffff.md": "Editor: x\n\nنص.\n"})
    assert built.returncode != 0
    assert "content/annotations/ffffffffffffffff.md" in built.log


def test_malformed_annotation_names_file_and_line(tmp_path):
    built = build_site(tmp_path, annotations={"df451209fdc08719.md": "Editor: x\nDate: someday\n\nنص.\n"})
    assert built.returncode != 0
    assert "content/annotations/df451209fdc08719.md:2" in built.log
    assert "Traceback" not in built.log


def test_refused_seed_fails_the_build_naming_the_file(tmp_path):
    seeds = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")} | {"empty.txt": b"  \n"}
    built = build_site(tmp_path, seeds=seeds)
    assert built.returncode != 0
    assert "seeds/empty.txt" in built.log and "empty" in built.log


def test_a_build_that_reads_no_seed_names_ten_and_counts_the_rest(tmp_path):
    built = build_site(tmp_path, seeds={f"{n:02d}.txt": b" " * n + b"\n" for n in range(12)}, annotations={})
    assert built.returncode != 0 and "no article could be built" in built.log
    named = re.findall(r"seeds/(\d\d)\.txt: the file is empty", built.log)
    assert len(named) == 10 and len(set(named)) == 10 and "; and 2 more seed file(s)" in built.log


def test_keep_going_builds_the_rest_and_reports_the_refusal(tmp_path):
    seeds = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")} | {"empty.txt": b"  \n"}
    built = build_site(tmp_path, seeds=seeds, env={"SIJILL_KEEP_GOING": "1"})
    assert built.returncode == 0, built.log
    report = json.loads((built.output / "build-report.json").read_text("utf-8"))
    assert report["counts"] == {"built": 5, "warning": 0, "refused": 1, "skipped": 0}
    refused = [o for o in report["outcomes"] if o["status"] == "refused"]
    assert refused[0]["file"] == "seeds/empty.txt"


def test_html_in_a_seed_is_shown_as_text(tmp_path):
    seed = "<script>alert(1)</script> عنوان <img src=x onerror=alert(2)>\n\nنص الخبر <b>هنا</b> وفيه كلام كثير.\n"
    built = build_site(tmp_path, seeds={"x.txt": seed.encode()}, annotations={})
    assert built.returncode == 0, built.log
    page_path = next((built.output / "articles").glob("*.html"))
    page = scan(page_path)
    assert "<script>alert(1)</script>" in page.ids["title"]  # shown as text ...
    assert not page.handlers and not page.inline_code()  # ... never as markup


def test_a_copy_named_with_its_own_id_leads_to_the_article_it_copies(tmp_path):
    text = (SEEDS / "001_c61355213998c85b.txt").read_bytes()
    seeds = {"001_c61355213998c85b.txt": text, "002_00000000000000AB.txt": text}
    built = build_site(tmp_path, seeds=seeds, annotations={})
    assert built.returncode == 0, built.log
    redirect = (built.output / "articles" / "00000000000000ab.html").read_text("utf-8")
    assert 'url=c61355213998c85b.html"' in redirect.replace("../articles/", "")
    assert (built.output / "articles" / "00000000000000ab.txt").read_bytes() == text
    report = json.loads((built.output / "build-report.json").read_text("utf-8"))
    [alias] = [o for o in report["outcomes"] if o["file"].endswith("002_00000000000000AB.txt")]
    assert alias["id"] == "c61355213998c85b" and "identical to" in alias["messages"][0]


def test_an_upper_case_id_in_a_file_name_is_kept_folded(tmp_path):
    seed = (SEEDS / "001_c61355213998c85b.txt").read_bytes()
    built = build_site(tmp_path, seeds={"5_ABCDEF0123456789.txt": seed}, annotations={})
    assert built.returncode == 0, built.log
    assert (built.output / "articles" / "abcdef0123456789.html").is_file()
