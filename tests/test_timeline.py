"""The timeline picture of entity and story pages (news_archive.timeline, _timeline.html): its
geometry on plain data, the SVG and its text alternative in the built seeds site, and how it
looks in Chromium at desktop and phone widths from file://."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote

import pytest
from news_archive import timeline
from news_archive.archive import slug

from tests.conftest import REPO, build_site

D = dt.date
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class R:
    """An archive entry as the timeline reads it."""

    id: str
    date: dt.date | None
    outlet: str | None = "تاس"
    title: str = "عنوان"
    lang: str = "ar"
    entities: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"articles/{self.id}.html"


def reports(*rows: tuple) -> list[R]:
    return [R(f"{n:016x}", *row) for n, row in enumerate(rows)]


def xs(tl: timeline.Timeline) -> dict[str, float]:
    return {m.report.id: m.x for m in tl.marks}


# --- rows -----------------------------------------------------------------------------------------
def test_rows_put_the_outlets_with_most_reports_first_then_the_earliest():
    found = reports(
        (D(2023, 9, 2), "ب"),
        (D(2023, 9, 3), "ب"),
        (D(2023, 9, 1), "ج"),
        (D(2023, 9, 4), "أ"),
        (D(2023, 9, 5), "أ"),
        (D(2023, 9, 6), "أ"),
    )
    tl = timeline.layout(found, "ar", rtl=True)
    assert [(r.label, r.count) for r in tl.rows] == [("أ", 3), ("ب", 2), ("ج", 1)]
    assert [r.y for r in tl.rows] == sorted(r.y for r in tl.rows)
    assert all(m.y == pytest.approx(tl.rows[m.row].middle) for m in tl.marks)


def test_spellings_that_fold_alike_share_a_row_linked_to_their_listing():
    tl = timeline.layout(reports((D(2023, 9, 1), "الأسبوع"), (D(2023, 9, 2), "الاسبوع")), "ar", rtl=True)
    assert len(tl.rows) == 1 and tl.rows[0].count == 2
    assert tl.rows[0].path == f"outlets/{slug('الأسبوع')}.html"


def test_a_row_is_named_as_the_outlets_listing_is():
    """These two reports spell the outlet as the archive seldom does: the row says what the
    outlet's own page (which it links to) says, not what the two reports say."""
    found = reports((D(2023, 9, 1), "الاسبوع"), (D(2023, 9, 2), "الاسبوع"), (D(2023, 9, 2), "تاس"))
    labels = {"الاسبوع": "الأسبوع", "الأسبوع": "الأسبوع", "تاس": "تاس"}
    assert [r.label for r in timeline.layout(found, "ar", True).rows] == ["الاسبوع", "تاس"]
    assert [r.label for r in timeline.layout(found, "ar", True, labels).rows] == ["الأسبوع", "تاس"]


def test_reports_without_an_outlet_have_the_last_row():
    tl = timeline.layout(reports((D(2023, 9, 1), None), (D(2023, 9, 1), "تاس"), (D(2023, 9, 2), None)), "ar", True)
    assert [(r.kind, r.count, r.path) for r in tl.rows] == [
        ("outlet", 1, f"outlets/{slug('تاس')}.html"),
        ("unknown", 2, None),
    ]


def test_a_long_tail_of_outlets_is_folded_into_other_outlets():
    names = [f"مصدر {n}" for n in range(10)]
    found = reports(
        *((D(2023, 9, 1 + k), name) for n, name in enumerate(names) for k in range(10 - n)), (D(2023, 9, 9), None)
    )
    tl = timeline.layout(found, "ar", rtl=True)
    assert len(tl.rows) == timeline.MAX_ROWS
    assert [r.label for r in tl.rows[:-1]] == names[: timeline.MAX_ROWS - 1]
    other = tl.rows[-1]
    assert (other.kind, other.path, other.label) == ("other", None, "")
    assert other.count == sum(range(1, 10 - timeline.MAX_ROWS + 2)) + 1  # the tail and the report without outlet
    assert sum(r.count for r in tl.rows) == len(found) == len(tl.items)
    assert {i.row.kind for i in tl.items if i.report.outlet is None} == {"other"}


def test_seven_outlets_are_not_folded():
    found = reports(*((D(2023, 9, 1), f"مصدر {n}") for n in range(timeline.MAX_ROWS)))
    assert [r.kind for r in timeline.layout(found, "ar", True).rows] == ["outlet"] * timeline.MAX_ROWS


def test_a_long_outlet_name_is_cut_at_a_word():
    assert timeline.short_label("تاس") == "تاس"
    cut = timeline.short_label("وكالة الأنباء الأردنية بترا للأخبار العاجلة")
    assert cut.endswith("…") and len(cut) <= timeline.LABEL_CHARS and "وكالة الأنباء" in cut
    assert not cut[:-1].endswith(" ")


# --- the day axis -----------------------------------------------------------------------------------
def test_time_runs_right_to_left_on_rtl_pages_and_left_to_right_otherwise():
    found = reports((D(2023, 9, 1),), (D(2023, 9, 5),), (D(2023, 9, 20),))
    ltr, rtl = timeline.layout(found, "en", rtl=False), timeline.layout(found, "ar", rtl=True)
    a, b, c = (r.id for r in found)
    assert xs(ltr)[a] < xs(ltr)[b] < xs(ltr)[c]
    assert xs(rtl)[a] > xs(rtl)[b] > xs(rtl)[c]
    assert ltr.width == rtl.width
    assert all(xs(rtl)[i] == pytest.approx(ltr.width - xs(ltr)[i]) for i in xs(ltr))
    assert rtl.label_x > ltr.label_x  # the outlet names start at the right edge of their column
    assert [t.x for t in rtl.ticks] == pytest.approx([ltr.width - t.x for t in ltr.ticks])


def test_days_are_on_a_continuous_scale():
    found = reports((D(2023, 9, 1),), (D(2023, 9, 2),), (D(2023, 9, 12),), (D(2023, 9, 30),))
    tl = timeline.layout(found, "ar", rtl=False)
    x = [xs(tl)[r.id] for r in found]
    day = x[1] - x[0]
    assert x[2] - x[0] == pytest.approx(11 * day, abs=0.15)
    assert x[3] - x[0] == pytest.approx(29 * day, abs=0.15)
    assert tl.breaks == () and len(tl.stretches) == 1
    assert tl.names_width + tl.width <= timeline.WIDTH


def test_a_story_of_685_days_keeps_its_days_readable_with_the_gap_shortened_and_marked():
    found = reports((D(2021, 11, 9),), (D(2023, 9, 25),), (D(2023, 9, 25), "الأسبوع"), (D(2023, 9, 26),))
    tl = timeline.layout(found, "ar", rtl=True)
    (gap,) = tl.breaks
    assert (gap.before, gap.after, gap.days) == (D(2021, 11, 9), D(2023, 9, 25), 685)
    assert gap.length == (22, "month")
    first, later, _, next_day = (xs(tl)[r.id] for r in found)
    assert first > gap.x > later  # right to left: the break sits between the two stretches
    assert later - next_day >= timeline.MIN_DAY  # one day apart, clearly apart
    assert [(s.first, s.last) for s in sorted(tl.stretches, key=lambda s: -s.x1)] == [
        (D(2021, 11, 9), D(2021, 11, 9)),
        (D(2023, 9, 25), D(2023, 9, 26)),
    ]
    assert tl.names_width + tl.width <= timeline.WIDTH


def test_only_gaps_longer_than_a_month_are_shortened_the_longest_first():
    found = reports((D(2023, 1, 1),), (D(2023, 1, 29),), (D(2023, 3, 15),), (D(2025, 6, 1),))
    tl = timeline.layout(found, "ar", rtl=False)
    shortened = sorted(b.days for b in tl.breaks)
    assert 28 not in shortened  # never a gap of a month or less
    assert max(shortened) == (D(2025, 6, 1) - D(2023, 3, 15)).days


def test_a_gap_is_drawn_to_scale_when_the_days_are_wide_enough():
    tl = timeline.layout(reports((D(2023, 1, 1),), (D(2023, 2, 10),)), "ar", rtl=False)
    assert tl.breaks == ()  # 41 days fit at more than MIN_DAY px a day


def test_gap_lengths_in_days_months_or_years():
    assert timeline.Break(0, D(2023, 1, 1), D(2023, 2, 10)).length == (40, "day")
    assert timeline.Break(0, D(2023, 1, 31), D(2023, 5, 30)).length == (3, "month")
    assert timeline.Break(0, D(2019, 6, 1), D(2023, 5, 30)).length == (3, "year")


@pytest.mark.parametrize(
    ("span_days", "every", "unit"),
    [(3, 1, "day"), (8, 1, "day"), (20, 2, "week"), (60, 7, "week"), (200, 30, "month"), (1500, 20, "year")],
)
def test_ticks_are_days_weeks_months_or_years_as_the_span_needs(span_days, every, unit):
    found = reports(*((D(2020, 1, 6) + dt.timedelta(days=n),) for n in range(0, span_days + 1, every)))
    tl = timeline.layout(found, "en", rtl=False)
    assert tl.breaks == ()  # no gap of more than a month to shorten
    assert tl.unit == unit
    labelled = [t for t in tl.ticks if t.lines]
    assert labelled and labelled[0].lines[-1] == labelled[0].day.strftime("%Y")  # the first label has the year
    gaps = [b.x - a.x for a, b in pairwise(labelled)]
    assert all(g >= timeline.LABEL_ROOM[unit] - 0.01 for g in gaps), gaps


def test_tick_labels_speak_the_page_language_and_every_stretch_has_one():
    found = reports((D(2021, 11, 9),), (D(2023, 9, 25),))
    ar, fa, en = (timeline.layout(found, lang, rtl=lang != "en") for lang in ("ar", "fa", "en"))
    assert [t.lines for t in ar.ticks] == [("9 نوفمبر", "2021"), ("25 سبتمبر", "2023")]
    assert [t.lines for t in fa.ticks] == [("9 نوامبر", "2021"), ("25 سپتامبر", "2023")]
    assert [t.lines for t in en.ticks] == [("9 Nov", "2021"), ("25 Sep", "2023")]
    assert timeline.tick_label(D(2023, 9, 1), "month", "ar", with_year=False) == ("سبتمبر",)
    assert timeline.tick_label(D(2023, 9, 14), "month", "en", with_year=False) == ("14 Sep", "2023")


# --- marks --------------------------------------------------------------------------------------------
def test_reports_of_one_outlet_on_one_day_are_stacked_then_counted():
    three = timeline.layout(reports(*[(D(2023, 9, 25),)] * 3, (D(2023, 9, 26), "الأسبوع")), "ar", True)
    stacked = [m for m in three.marks if m.report.date == D(2023, 9, 25)]
    assert len(stacked) == 3 and len({m.x for m in stacked}) == 1
    ys = sorted(m.y for m in stacked)
    assert ys[1] - ys[0] == ys[2] - ys[1] == timeline.STEP
    assert three.rows[0].height > three.rows[1].height  # the row grows to hold its stack
    assert three.rows[0].y <= ys[0] - three.radius and ys[-1] + three.radius <= three.rows[0].y + three.rows[0].height

    many = timeline.layout(reports(*[(D(2023, 9, 25),)] * 5, (D(2023, 9, 25), "الأسبوع")), "ar", True)
    (pile,) = many.piles
    assert pile.count == 5 and pile.day == D(2023, 9, 25)
    assert [m.report.outlet for m in many.marks] == ["الأسبوع"]
    assert len(many.items) == 6  # the text alternative lists every report of the pile


def test_undated_reports_are_listed_apart_not_plotted():
    found = reports((D(2023, 9, 25),), (None,), (None, None), *[(None,)] * 12)
    tl = timeline.layout(found, "ar", rtl=True)
    assert [m.report.id for m in tl.marks] == [found[0].id]
    assert [i.report.id for i in tl.items] == [found[0].id]
    assert tl.undated_count == 14 and len(tl.undated) == timeline.MAX_UNDATED
    assert all(r.date is None for r in tl.undated)
    assert sum(r.count for r in tl.rows) == 1


def test_no_dated_report_no_picture():
    tl = timeline.layout(reports((None,), (None,)), "ar", rtl=True)
    assert (tl.items, tl.marks, tl.rows, tl.ticks, tl.first) == ((), (), (), (), None)
    assert tl.undated_count == 2


def test_the_latest_reports_are_drawn_when_there_are_too_many():
    start = D(2020, 1, 1)
    found = reports(*((start + dt.timedelta(days=n),) for n in range(timeline.MAX_PLOTTED + 20)))
    tl = timeline.layout(found, "ar", rtl=True)
    assert tl.plotted == timeline.MAX_PLOTTED and tl.dated_count == len(found)
    assert tl.first == start + dt.timedelta(days=20) and tl.last == found[-1].date


def test_the_text_alternative_is_in_time_order_then_by_row():
    found = reports((D(2023, 9, 26), "ب"), (D(2023, 9, 25), "ب"), (D(2023, 9, 25), "أ"), (D(2023, 9, 25), "أ"))
    tl = timeline.layout(found, "ar", rtl=True)
    assert [r.label for r in tl.rows] == ["أ", "ب"]  # two reports each, the first on the same day: by name
    assert [(i.day, i.row.label) for i in tl.items] == [
        (D(2023, 9, 25), "أ"),
        (D(2023, 9, 25), "أ"),
        (D(2023, 9, 25), "ب"),
        (D(2023, 9, 26), "ب"),
    ]


# --- names ---------------------------------------------------------------------------------------------
def test_entities_named_most_with_an_entity_count_each_report_once():
    found = [
        R("a", D(2023, 9, 1), entities=("peskov", "russia", "karabakh", "russia")),
        R("b", D(2023, 9, 2), entities=("peskov", "russia")),
        R("c", None, entities=("peskov", "armenia", "karabakh")),
        R("d", None, entities=("peskov", "baku")),
    ]
    named = timeline.named_most(found, besides="peskov")
    assert [(n.entity, n.count) for n in named] == [("karabakh", 2), ("russia", 2), ("armenia", 1), ("baku", 1)]
    assert named[0].of == 4 and named[0].share == 50.0
    assert len(timeline.named_most([R(str(n), None, entities=(f"e{n}",)) for n in range(20)])) == timeline.TOP_NAMED
    story = timeline.named_most(found)
    assert story[0].entity == "peskov" and story[0].count == 4 and story[0].share == 100.0


def test_a_named_bar_is_written_with_the_tenths_a_reader_can_see():
    """A third of the reports: 33.3 long, from 66.7 on a right-to-left page (not 66.69999999999999)."""
    third = timeline.Named("karabakh", 1, 3)
    assert (third.share, third.start(rtl=True), third.start(rtl=False)) == (33.3, 66.7, 0)
    assert [str(timeline.Named("x", n, 10).start(rtl=True)) for n in (0, 3, 10)] == ["100", "70", "0"]


# --- the built seeds site -------------------------------------------------------------------------------
PLOT = re.compile(r'<svg class="tl-plot".*?(?=\s*</div>)', re.S)  # the picture and the links over it
TABLE = re.compile(r'<details class="tl-table" id="tl-table">.*?</details>', re.S)
HREF = re.compile(r'href="([^"]+)"')


def picture(page: Path) -> ET.Element:
    """The plot's <svg>: the role="img" picture in it, then the marks' links."""
    match = PLOT.search(page.read_text("utf-8"))
    assert match, f"{page.name}: no timeline"
    return ET.fromstring(match.group(0))  # the inline SVG is well-formed XML


def timeline_pages(output: Path) -> list[Path]:
    pages = sorted((output / "stories").glob("*.html")) + sorted((output / "entities").glob("*.html"))
    return [p for p in pages if p.name != "index.html"]


def test_entity_and_story_pages_show_the_timeline_with_title_desc_and_working_links(site):
    pages = timeline_pages(site.output)
    assert any(p.parent.name == "stories" for p in pages) and any(p.parent.name == "entities" for p in pages)
    rows = json.loads((site.output / "archive.json").read_text("utf-8"))["articles"]
    undated_urls = {f"../{r['url']}" for r in rows if not r["date"]}
    drawn = 0
    for page in pages:
        html = page.read_text("utf-8")
        assert " style=" not in html and "<script>" not in html
        if 'id="tl-undated"' in html:  # the reports without a date, listed apart
            undated = re.search(r'<div class="tl-undated".*?</div>', html, re.S).group(0)
            assert set(HREF.findall(undated)) <= undated_urls, page.name
        if 'class="tl-svg"' not in html:  # none of its reports has a date
            continue
        drawn += 1
        plot = picture(page)
        svg = plot.find("svg")
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == "tl-title tl-desc"
        title, desc = svg.find("title"), svg.find("desc")
        assert title.get("id") == "tl-title" and title.text.strip() == "التقارير حسب اليوم والمصدر"
        assert desc.get("id") == "tl-desc" and "الأقدم على اليمين" in desc.text
        assert len(svg.findall("circle")) + len(svg.findall("rect[@class='tl-pile']")) >= 1
        assert svg.find(".//a") is None  # a picture (role="img") has no links: they are over it, hidden from
        (layer,) = plot.findall("g")  # screen readers, which have them in the table
        assert layer.get("aria-hidden") == "true" and all(a.get("tabindex") == "-1" for a in layer.iter("a"))
        links = [a.get("href") for a in layer.iter("a")]
        assert links and all(h.startswith("../articles/") for h in links), page.name
        for href in links:
            assert (page.parent / unquote(href)).resolve().is_file(), f"{page.name}: {href}"
        table = TABLE.search(html).group(0)
        assert sorted(HREF.findall(table)) == sorted(links), f"{page.name}: the table lists what the picture shows"
        assert table.count("<tr") == len(links) + 1 and "<time datetime=" in table  # + the head's row
    assert drawn >= 10


def test_the_seeds_picture_of_russia_spans_685_days_right_to_left(site):
    page = site.output / "entities" / "russia.html"
    plot = picture(page)
    svg = plot.find("svg")
    marks = {a.get("href").split("/")[-1]: float(a.find("circle").get("cx")) for a in plot.iter("a")}
    assert marks["8ba45a798628e0c2.html"] > marks["c61355213998c85b.html"]  # 2021 to the right of 2023
    (gap,) = [g for g in svg.iter("g") if g.get("class") == "tl-break"]
    assert "٢٢ شهراً" in "".join(gap.itertext())
    labels = [t.text for t in svg.iter("text") if "tl-tick-label" in t.get("class", "")]
    assert labels == ["٩ نوفمبر", "٢٠٢١", "٢٥ سبتمبر", "٢٠٢٣"]
    html = page.read_text("utf-8")
    undated = re.search(r'<div class="tl-undated".*?</div>', html, re.S).group(0)
    assert "3f15938f3087b2b9.html" in undated and "df451209fdc08719.html" in undated  # no date: listed apart
    assert "3f15938f3087b2b9" not in PLOT.search(html).group(0)
    named = re.search(r'<section class="named".*?</section>', html, re.S).group(0)
    assert "../entities/russia.html" not in named and "../entities/karabakh.html" in named
    assert 'data-count="5"' in named


def test_the_story_page_names_the_entities_of_its_reports_with_counts(site):
    (page,) = [p for p in timeline_pages(site.output) if p.parent.name == "stories"]
    html = page.read_text("utf-8")
    named = re.search(r'<section class="named".*?</section>', html, re.S).group(0)
    entries = re.findall(r'<a href="\.\./entities/([^"]+)\.html">.*?data-count="(\d+)"', named, re.S)
    assert 1 <= len(entries) <= timeline.TOP_NAMED
    counts = [int(c) for _, c in entries]
    assert counts == sorted(counts, reverse=True)
    for ident, _ in entries:
        assert (site.output / "entities" / f"{unquote(ident)}.html").is_file()
    bars = re.findall(r'<svg class="named-bar"[^>]*>(.*?)</svg>', named)
    assert len(bars) == len(entries), "one bar per name"
    for bar in bars:  # its share only (the whole bar is drawn by site.css), ending at the right edge
        [(x, width)] = re.findall(r'<rect x="([\d.]+)" width="([\d.]+)" height="6" rx="3"/>', bar)
        assert float(x) + float(width) == pytest.approx(100) and not re.search(r"\.\d\d", x + width)


# --- in the browser -------------------------------------------------------------------------------------
def shots_folder(tmp_path_factory) -> Path:
    """Where the screenshots go: SIJILL_SHOTS (e.g. /tmp/timeline-shots) to keep them for review."""
    folder = Path(os.environ["SIJILL_SHOTS"]) if os.environ.get("SIJILL_SHOTS") else tmp_path_factory.mktemp("shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


WIDE_SEEDS = {  # many outlets, stacks, a pile and long gaps: a picture wider than a phone
    f"{n:03d}_{n:016x}.txt": (
        f"الكرملين يعلق على تطورات الوضع في كاراباخ رقم {n}\nتاريخ النشر: {day} {year}\n\n"
        f"قال دميتري بيسكوف المتحدث باسم الكرملين إن روسيا تتابع الوضع في كاراباخ في التقرير {n}.\n"
        f"المصدر: {outlet}\n"
    ).encode()
    for n, (day, year, outlet) in enumerate(
        [
            ("5 نوفمبر", 2021, "تاس"),
            ("6 نوفمبر", 2021, "الأسبوع"),
            ("9 نوفمبر", 2021, "البوابة نيوز"),
            ("1 مارس", 2022, "الجزيرة نت"),
            ("18 مارس", 2022, "الأسبوع"),
            ("15 أبريل", 2022, "تاس"),
            *[("25 سبتمبر", 2023, "تاس")] * 5,
            ("25 سبتمبر", 2023, "الأسبوع"),
            ("26 سبتمبر", 2023, "سبوتنيك عربي"),
            ("30 سبتمبر", 2023, "روسيا اليوم"),
        ]
    )
}


@pytest.fixture(scope="module")
def wide_site(tmp_path_factory):
    built = build_site(tmp_path_factory.mktemp("wide"), seeds=WIDE_SEEDS, annotations={})
    assert built.returncode == 0, built.log
    return built


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_picture_is_visible_and_stays_inside_the_page(browser, site, wide_site, width, tmp_path_factory):
    shots = shots_folder(tmp_path_factory)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    story = next(p for p in timeline_pages(site.output) if p.parent.name == "stories")
    for name, path in (("story", story), ("entity-wide", wide_site.output / "entities" / "peskov.html")):
        page.goto(path.as_uri())
        svg = page.locator("svg.tl-svg")
        svg.scroll_into_view_if_needed()
        assert svg.is_visible() and page.locator("svg.tl-names").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: the page scrolls sideways"
        frame = page.locator(".tl-frame").bounding_box()
        main = page.locator("main").bounding_box()
        assert main["x"] - 1 <= frame["x"] and frame["x"] + frame["width"] <= main["x"] + main["width"] + 1
        names = page.locator("svg.tl-names").bounding_box()
        assert names["x"] + names["width"] == pytest.approx(frame["x"] + frame["width"] - 1, abs=1.5)  # on the right
        marks = page.locator("svg.tl-plot .tl-links a circle")
        assert marks.count() >= 2 and marks.first.is_visible()
        page.locator("#tl").screenshot(path=shots / f"timeline-{name}-{width}.png")
        page.screenshot(path=shots / f"page-{name}-{width}.png", full_page=True)
        scroll = page.locator(".tl-scroll")
        scrolls = scroll.evaluate("e => e.scrollWidth > e.clientWidth")
        if name == "entity-wide" and width == 390:
            assert scrolls, "the wide picture scrolls inside its box on a phone"
            assert page.locator(".tl-hint").is_visible()
        if width == 1280:
            assert not scrolls, f"{name}: the picture fits the desktop column"
            assert not page.locator(".tl-hint").is_visible()
    context.close()


@pytest.mark.browser
def test_a_mark_opens_its_article_from_disk(browser, wide_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((wide_site.output / "entities" / "peskov.html").as_uri())
    boxes = page.evaluate(
        "[...document.querySelectorAll('.tl-links a circle')].map(c => [c.getBoundingClientRect().x,"
        " c.closest('a').getAttribute('href')])"
    )
    earliest = max(boxes)[1]  # right to left: the rightmost mark is the earliest report
    page.locator(f'.tl-links a[href="{earliest}"] circle').click()
    page.wait_for_load_state()
    assert page.url.endswith("/articles/0000000000000000.html")
    assert "رقم 0" in page.locator("#title").inner_text()
    context.close()


@pytest.mark.browser
def test_each_mark_has_its_reports_tooltip_and_each_pile_its_row(browser, wide_site):
    """The HTML names each report once (in the table); site.js gives each mark its tooltip from
    its row: date – outlet: headline. A pile links to the row of its first report."""
    html = (wide_site.output / "entities" / "peskov.html").read_text("utf-8")
    assert "<title>" not in PLOT.search(html).group(0).split('class="tl-links"')[1].split("#tl-")[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((wide_site.output / "entities" / "peskov.html").as_uri())
    links = page.evaluate(
        "[...document.querySelectorAll('.tl-links a')].map(a => [a.getAttribute('href'),"
        " (a.querySelector('title') || {}).textContent || ''])"
    )
    marks = [(href, tip) for href, tip in links if href.startswith("../articles/")]
    piles = [href for href, _ in links if href.startswith("#tl-")]
    assert marks and piles
    for href, tip in marks:
        row = page.locator(f'#tl-table tbody a[href="{href}"]')
        headline = row.text_content()
        date = page.locator(f'#tl-table tbody tr:has(a[href="{href}"]) time').text_content()
        assert tip.startswith(f"{date} – ") and tip.endswith(f": {headline}"), (href, tip)
    for href in piles:
        assert page.locator(f"#tl-table tbody tr{href}").count() == 1, href
    assert page.locator("#tl-table tbody tr[id]").count() == len(piles)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_in_a_wide_timeline(browser, wide_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto((wide_site.output / "entities" / "peskov.html").as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    assert [f"{v['id']}: {n['target']}" for v in result["violations"] for n in v["nodes"]] == []
