"""Related reports: unit tests with hand-made records, the seeds' links, and the pages."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from pathlib import Path, PurePosixPath

import numpy as np
import pytest
from news_archive import related
from news_archive.related import Report, Weights, compare, relate

from tests.conftest import CountingCache
from tests.htmlscan import scan

D = dt.date(2023, 9, 25)
CEASEFIRE = (
    "أعلنت الحكومة وقف إطلاق النار في الإقليم بعد محادثات طويلة استضافتها العاصمة وشارك فيها وسطاء "
    "من عدة دول، وقال المتحدث إن الاتفاق يشمل انسحاب القوات من خطوط التماس وتبادل الأسرى خلال أسبوع."
)
HARVEST = "سجل المزارعون في السهول الشمالية محصولاً وفيراً من القمح هذا الموسم بفضل الأمطار الغزيرة والأسعار المستقرة."
FOOTBALL = "فاز الفريق المحلي في المباراة النهائية للكأس بهدفين مقابل هدف، واحتفل المشجعون في الشوارع حتى الصباح."


def report(ident: str, text: str, date: dt.date | None = D, lang: str = "ar", entities: tuple = (), outlet=None):
    return Report(ident, lang, date, outlet, text.split("،")[0][:40], tuple(p for p in text.split("\n") if p), entities)


def links(result, ident: str) -> list[str]:
    return [link.target for link in result.links[ident]]


def test_no_shared_evidence_means_no_link():
    result = relate([report("a", HARVEST), report("b", FOOTBALL), report("c", CEASEFIRE)])
    assert all(v == [] for v in result.links.values())
    assert result.stories == []


def test_sharing_only_russia_and_function_words_is_not_a_link():
    a = report("a", "قالت روسيا إن " + HARVEST, entities=("russia", "putin"))
    b = report("b", "وقالت روسيا إن " + FOOTBALL, entities=("russia", "putin", "moscow"))
    assert relate([a, b]).links == {"a": [], "b": []}


def test_near_duplicate_is_flagged_with_share_and_who_was_first():
    edited = CEASEFIRE.replace("طويلة", "مطولة").replace("أسبوع", "عشرة أيام") + " وأضاف أن التنفيذ يبدأ غداً."
    result = relate(
        [report("copy", edited, D), report("orig", CEASEFIRE, D - dt.timedelta(days=1)), report("other", HARVEST)]
    )
    [link] = result.links["copy"]
    assert link.target == "orig" and link.duplicate and link.first == "orig" and link.days == 1
    assert link.text_share >= 0.5
    assert [s.members for s in result.stories] == [("orig", "copy")]  # by date


def test_cross_language_link_through_entities():
    arabic = report(
        "ar1",
        "قال بيسكوف إن باشينيان وعلييف تحدثا عن كاراباخ ولاتشين مع يريفان وباكو.",
        entities=("peskov", "pashinyan", "aliyev", "karabakh", "lachin", "yerevan", "baku", "russia"),
    )
    persian = report(
        "fa1",
        "پسکوف گفت پاشینیان و علی‌اف درباره قره‌باغ و لاچین با ایروان و باکو گفتگو کردند.",
        lang="fa",
        date=None,
        entities=("peskov", "pashinyan", "aliyev", "karabakh", "lachin", "yerevan", "baku"),
    )
    result = relate([arabic, persian, report("x", HARVEST)])
    [link] = result.links["fa1"]
    assert link.target == "ar1" and not link.duplicate and link.days is None
    assert {"peskov", "karabakh"} <= set(link.shared_entities)
    assert "russia" not in link.shared_entities[:3]  # generic names come last


def test_ranking_prefers_same_day_reports():
    base = ("peskov", "karabakh", "armenia", "azerbaijan")
    same_day = report("same", CEASEFIRE, D, entities=base)
    year_before = report("old", CEASEFIRE.replace("أسبوع", "شهر"), D - dt.timedelta(days=365), entities=base)
    probe = report("probe", CEASEFIRE.replace("الحكومة", "السلطات"), D, entities=base)
    assert links(relate([probe, year_before, same_day]), "probe") == ["same", "old"]


def test_appended_material_is_ignored():
    from news_archive.archive import Entry

    def entry(ident: str, body: str) -> Entry:
        shared_story = ("خبر آخر", CEASEFIRE)
        from news_archive.seedparse import Appended

        return Entry(
            id=ident,
            source_name=ident,
            sha256="0",
            title=ident,
            title_derived=False,
            date=D,
            date_calendar=None,
            outlet=None,
            keywords=(),
            lang="ar",
            words=10,
            reading_minutes=1,
            paragraphs=(body,),
            appended=(Appended("story", shared_story),),
            removed=(),
        )

    result = relate([Report.from_entry(entry("a", HARVEST)), Report.from_entry(entry("b", FOOTBALL))])
    assert result.links == {"a": [], "b": []}


def test_ranking_is_deterministic():
    reports = [
        report(f"r{n}", CEASEFIRE + f" رقم {n} " + (HARVEST if n % 2 else FOOTBALL), D, entities=("karabakh", "peskov"))
        for n in range(12)
    ]
    first = relate(reports)
    shuffled = reports[:]
    random.Random(3).shuffle(shuffled)
    second = relate(shuffled)
    assert first.links == second.links and first.stories == second.stories


def synthetic(count: int, seed: int = 5, words: int = 60) -> list[Report]:
    """Reports of made-up words; every third one an edited copy of the one before it."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choices("بتثجحخدرزسشصضطظعغفقمنه", k=rng.randint(4, 8))) for _ in range(3000)]
    out: list[Report] = []
    for n in range(count):
        if n % 3 == 2:  # one word in twenty replaced
            copied = out[-1].paragraphs[0].split()
            text = " ".join(rng.choice(vocabulary) if k % 20 == 7 else w for k, w in enumerate(copied))
        else:
            text = " ".join(rng.choices(vocabulary, k=words))
        out.append(Report(f"s{n:05d}", "ar", D + dt.timedelta(days=n % 30), None, "", (text,)))
    return out


def test_worker_processes_give_the_same_ranking_as_one_process():
    reports = synthetic(2100)  # large enough for relate() to split its work between processes
    one, two = relate(reports, processes=1), relate(reports, processes=2)
    assert one.links == two.links and one.stories == two.stories
    for n in range(2, 2100, 3):  # every copy found its source, as a near-duplicate, first
        best = one.links[f"s{n:05d}"][0]
        assert (best.target, best.duplicate) == (f"s{n - 1:05d}", True)


def test_text_share_of_long_reports_is_measured_from_a_sample():
    [long] = synthetic(1, seed=8, words=4000)
    words = long.paragraphs[0].split()
    [other] = synthetic(1, seed=9, words=2000)
    half = Report("half", "ar", D, None, "", (" ".join(words[:2000]) + " " + other.paragraphs[0],))
    [link] = relate([long, half]).links["half"]
    assert abs(link.text_share - 0.5) < 0.05  # the first half of each is the same text


def test_reports_far_apart_in_time_do_not_join_one_story_on_ordinary_evidence():
    base = ("peskov", "karabakh", "armenia", "azerbaijan")
    a = report("a", CEASEFIRE, D, entities=base)
    b = report("b", CEASEFIRE.replace("الحكومة", "السلطات"), D + dt.timedelta(days=400), entities=base)
    weights = Weights(duplicate=1.01)  # no near-duplicate: the pair is linked, its score not strong
    result = relate([a, b], weights)
    assert result.links["a"] and result.links["a"][0].score < weights.story_strong
    assert result.stories == []


def test_weights_are_settings_and_unknown_ones_are_refused():
    assert Weights.from_settings({"threshold": 0.5}).threshold == 0.5
    with pytest.raises(ValueError, match="unknown"):
        Weights.from_settings({"treshold": 0.5})


def test_compare_marks_shared_passages_and_what_each_adds():
    a = report("a", CEASEFIRE + "\n" + HARVEST)
    b = report("b", "مقدمة جديدة تماماً عن الحدث.\n" + CEASEFIRE)
    mine, theirs = compare(a, b)
    assert all(p.shared for p in mine[0])  # the ceasefire paragraph is in both
    assert not any(p.shared for p in mine[1])  # the harvest paragraph is a's own
    assert not any(p.shared for p in theirs[0]) and all(p.shared for p in theirs[1])


# --- the seeds ---------------------------------------------------------------------------------
KREMLIN_2023 = {"df451209fdc08719", "c61355213998c85b", "6a78640d8eb2f584"}
PERSIAN, ANNIVERSARY = "3f15938f3087b2b9", "8ba45a798628e0c2"


def related_ids(site, ident: str) -> list[str]:
    page = scan(site.output / "articles" / f"{ident}.html")
    hrefs = [v for _, v in page.links if v.startswith("../articles/") and v.endswith(".html")]
    return list(dict.fromkeys(PurePosixPath(h).stem for h in hrefs if PurePosixPath(h).stem != ident))


def test_seed_links(site):
    for ident in KREMLIN_2023:
        assert KREMLIN_2023 - {ident} <= set(related_ids(site, ident)), ident
        assert PERSIAN in related_ids(site, ident)  # through its entities
    assert set(related_ids(site, PERSIAN)) >= KREMLIN_2023
    for ident in ("c61355213998c85b", "6a78640d8eb2f584"):  # the 2021 statement is another event
        assert ANNIVERSARY not in related_ids(site, ident)


def test_two_reports_of_one_briefing_are_related_in_a_small_archive_of_its_subject():
    """In the five seeds every word of the story is common, yet 001 and 002, two outlets' reports of
    one briefing in other words, share enough of them to be one event (terms' rarity is smoothed)."""
    from news_archive.entities import load_gazetteer
    from news_archive.seedparse import parse_seed

    gazetteer, reports = load_gazetteer(), []
    for path in sorted((Path(__file__).parents[1] / "seeds").glob("*.txt")):
        r = parse_seed(path.read_text("utf-8"))
        named = tuple(e for e, _ in gazetteer.find(r.title + "\n" + "\n".join(r.paragraphs), r.lang))
        day = r.date.date if r.date else None
        reports.append(Report(path.stem[-16:], r.lang, day, r.outlet, r.title, r.paragraphs, named))
    result = relate(reports)
    assert "6a78640d8eb2f584" in links(result, "c61355213998c85b")
    assert ANNIVERSARY not in links(result, "c61355213998c85b")


def test_story_page_lists_the_kremlin_briefing(site):
    stories = sorted((site.output / "stories").glob("*.html"))
    assert [p.name for p in stories] == ["6a78640d8eb2f584.html", "index.html"]
    timeline = scan(site.output / "stories" / "6a78640d8eb2f584.html")
    members = [PurePosixPath(v).stem for _, v in timeline.links if v.startswith("../articles/")]
    assert set(members) == KREMLIN_2023 and members[-1] == "df451209fdc08719"  # undated last
    for ident in KREMLIN_2023:
        assert ("href", "../stories/6a78640d8eb2f584.html") in scan(site.output / "articles" / f"{ident}.html").links
    rows = {r["id"]: r for r in json.loads((site.output / "archive.json").read_text())["articles"]}
    assert rows[PERSIAN]["entities"]


@pytest.mark.browser
def test_following_a_related_link_and_a_story_link(browser, site):
    page = browser.new_page()
    page.goto((site.output / "articles" / f"{PERSIAN}.html").as_uri())
    first = page.locator("#related li a.entry-title").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1#title").inner_text() == title
    page.goto((site.output / "articles" / "c61355213998c85b.html").as_uri())
    page.locator("#related .story-link a").click()
    page.wait_for_load_state()
    assert page.url.endswith("stories/6a78640d8eb2f584.html")
    assert page.locator("#timeline li").count() == 3
    page.close()


def test_near_duplicates_are_bounded_and_need_real_text():
    tiny = [report(f"t{n}", f"عاجل: انفجار في المدينة رقم {n}.") for n in range(12)]
    copies = [report(f"c{n}", CEASEFIRE + f" وأضاف المتحدث في البيان رقم {n}.") for n in range(10)]
    result = relate(tiny + copies + [report("other", HARVEST)])
    assert not any(link.duplicate for n in range(12) for link in result.links[f"t{n}"]), "a line is not a report"
    for n in range(10):
        flagged = [link for link in result.links[f"c{n}"] if link.duplicate]
        assert 1 <= len(flagged) <= Weights().max_duplicates


def two_reports_of_one_text(letter: str, first_year: int, second_year: int) -> dict[str, bytes]:
    """Two seeds (ids 0000000000000<letter>01 and …02) with one text under two headlines,
    dated 20 September of `first_year` and 22 September of `second_year`."""
    body = (
        "قال المتحدث باسم الكرملين ديميتري بيسكوف اليوم إن قوات حفظ السلام الروسية ستبقى في كاراباخ "
        "حتى نهاية مهمتها وإن الحوار مع أرمينيا وأذربيجان مستمر على كل المستويات رغم الصعوبات. "
        "وأضاف أن موسكو تتابع الوضع عن كثب وأن الاتصالات بين القادة الثلاثة منتظمة ومثمرة."
    )
    first = f"الكرملين يتحدث عن كاراباخ\nتاريخ النشر: 20 سبتمبر {first_year}\n\n{body}\n"
    second = f"بيسكوف عن قوات حفظ السلام\nتاريخ النشر: 22 سبتمبر {second_year}\n\n{body}\n"
    return {f"001_0000000000000{letter}01.txt": first.encode(), f"002_0000000000000{letter}02.txt": second.encode()}


def test_related_lines_read_cleanly_and_the_first_report_is_marked_first(tmp_path):
    from tests.conftest import build_site

    seeds = two_reports_of_one_text("a", 2023, 2023)
    built = build_site(tmp_path, seeds=seeds, annotations={})
    assert built.returncode == 0, built.log
    for ident, own_first in (("0000000000000a01", True), ("0000000000000a02", False)):
        page = (built.output / "articles" / f"{ident}.html").read_text("utf-8")
        reasons = [r.strip() for r in page.split('class="reason"')[1:]]
        assert reasons and not any(r.split(">", 1)[1].lstrip().startswith("–") for r in reasons)
        line = scan(built.output / "articles" / f"{ident}.html").ids["related"]
        # on 0a01's page the other report (0a02) came later; on 0a02's, the other came first
        assert ("نُشر لاحقاً" in line) == own_first and ("نُشر أولاً" in line) == (not own_first), line


def test_a_cache_of_text_features_gives_the_same_links_and_stories():
    reports = synthetic(1500)  # two analysis jobs, in two worker processes
    reports[7] = Report("twin", "ar", D, None, "", reports[6].paragraphs)  # the same text: one key
    cache = CountingCache()
    for some in (reports[:-1], reports[:-1], reports):  # empty cache, filled cache, one report more
        puts = cache.puts
        cached, fresh = relate(some, processes=2, cache=cache), relate(some, processes=2)
        assert cached.links == fresh.links and cached.stories == fresh.stories
        assert cached.story_of == fresh.story_of
    assert cache.puts - puts == 1 and len(cache) == len(reports) - 1  # only the new report was analysed


# --- stories: grouping and consistency ----------------------------------------------------------
def shared_passages(count: int, seed: int = 3) -> list[Report]:
    """A chain: each report shares one paragraph with the report before it and one with the
    report after it, and nothing with the others."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choices("بتثجحخدرزسشصضطظعغفقمنه", k=rng.randint(4, 8))) for _ in range(2000)]
    blocks = [" ".join(rng.choices(vocabulary, k=40)) for _ in range(count + 1)]
    return [Report(f"c{n}", "ar", D, None, "", (blocks[n], blocks[n + 1])) for n in range(count)]


def test_a_chain_of_links_is_not_one_story():
    reports = shared_passages(8)
    result = relate(reports, Weights(threshold=0.2))
    assert all(result.links[r.id] for r in reports)  # every report is linked to its neighbours
    assert max(len(s.members) for s in result.stories) < 8  # but they are not all one event


def test_stories_are_consistent():
    reports = synthetic(90) + shared_passages(6)
    result = relate(reports)
    members = [m for s in result.stories for m in s.members]
    assert len(members) == len(set(members))  # a report is in one story at most
    assert set(result.story_of) == set(members)
    by_id = {r.id: r for r in reports}
    for s in result.stories:
        assert all(result.story_of[m] == s.id for m in s.members)
        assert s.id == s.members[0]  # named after its earliest report
        dates = [by_id[m].date for m in s.members]
        assert dates == sorted(dates)


def test_reports_of_one_day_are_ordered_by_time_and_the_first_is_marked_first():
    riyadh = dt.timezone(dt.timedelta(hours=3))
    late = Report("b-late", "ar", D, None, "", (CEASEFIRE,), (), dt.datetime(2023, 9, 25, 18, 0, tzinfo=riyadh))
    early = Report(
        "z-early", "ar", D, None, "", (CEASEFIRE + " وأضاف",), (), dt.datetime(2023, 9, 25, 9, 30, tzinfo=dt.UTC)
    )
    result = relate([late, early, report("other", HARVEST)])
    [story] = result.stories
    assert story.members == ("z-early", "b-late") and story.id == "z-early"  # 12:30 Riyadh before 18:00
    [link] = result.links["b-late"]
    assert link.first == "z-early"
    untimed = relate([replace(late, moment=None), early])
    assert untimed.links["b-late"][0].first is None  # one day, one time unknown: not said


def test_far_apart_reports_join_only_on_strong_evidence_and_say_so():
    a = report("a", CEASEFIRE, D)
    copy = report("b", CEASEFIRE, D + dt.timedelta(days=400))
    result = relate([a, copy])
    [story] = result.stories  # a near-duplicate is strong evidence
    assert story.far and story.days == 400
    near = relate([a, report("c", CEASEFIRE, D + dt.timedelta(days=3))])
    assert not near.stories[0].far and near.stories[0].days == 3
    weights = Weights(duplicate=1.01, story_strong=1.01)  # nothing counts as strong
    assert relate([a, copy], weights).stories == []


def test_a_story_far_apart_in_time_says_so_on_its_page(tmp_path):
    from tests.conftest import build_site

    seeds = two_reports_of_one_text("b", 2021, 2023)
    built = build_site(tmp_path, seeds=seeds, annotations={})
    assert built.returncode == 0, built.log
    page = scan(built.output / "stories" / "0000000000000b01.html")  # named after the earliest
    assert "٧٣٢" in page.ids["story-far"] or "732" in page.ids["story-far"]  # days between first and last
    article = (built.output / "articles" / "0000000000000b02.html").read_text("utf-8")
    assert "../stories/0000000000000b01.html" in article


YEMEN = ("yemen", "houthis", "sanaa", "saleh", "hadi")
RAID = (
    "قصفت طائرات التحالف مواقع للحوثيين في صنعاء، وقال مسؤولون يمنيون إن الغارات استهدفت مخازن أسلحة قرب المطار "
    "ودمرت عددا من الآليات العسكرية التابعة للمتمردين"
)
RAID_AGAIN = (
    "غارات للتحالف على مخازن أسلحة للحوثيين قرب مطار صنعاء، وأفاد شهود بأن الطائرات دمرت آليات عسكرية للمتمردين "
    "فجر اليوم"
)
TALKS = (
    "قال مسؤولون يمنيون إن الحوثيين رفضوا مقترحا جديدا للمبعوث الأممي في صنعاء، وإن المشاورات بشأن انسحاب "
    "المتمردين من المدن لم تحقق تقدما بعد غارات التحالف على مواقعهم"
)
BLASTS = (
    "أفاد سكان في صنعاء بسماع انفجارات عنيفة فجر اليوم، وقالت مصادر طبية إن المستشفيات استقبلت جرحى من المدنيين "
    "بينما حلقت طائرات في سماء المدينة"
)


def test_reports_of_one_subject_on_another_day_are_not_related():
    raid, again = report("raid", RAID, entities=YEMEN), report("again", RAID_AGAIN, entities=YEMEN)
    talks = report("talks", TALKS, D + dt.timedelta(days=2), entities=YEMEN)  # the same war, names, words
    result = relate([raid, again, talks, report("x", HARVEST)])
    assert links(result, "raid") == ["again"] and links(result, "talks") == []
    assert "talks" in links(relate([raid, again, talks], Weights(event=0.0)), "raid")  # the score alone links it


def test_reports_of_one_day_and_subject_are_related_when_their_headlines_agree():
    raid = replace(report("raid", RAID, entities=YEMEN), title="التحالف يقصف مخازن أسلحة للحوثيين قرب مطار صنعاء")
    blasts = replace(
        report("blasts", BLASTS, entities=YEMEN), title="غارات التحالف تدمر مخازن أسلحة الحوثيين قرب مطار صنعاء"
    )
    talks = replace(report("talks", TALKS, entities=YEMEN), title="الحوثيون يرفضون مقترح المبعوث الأممي")
    result = relate([raid, blasts, talks, report("x", HARVEST)])
    assert links(result, "raid") == ["blasts"]  # one day and one subject are not enough: "talks" is another event
    assert links(result, "talks") == []


def test_a_report_without_a_date_or_a_headline_keeps_the_links_its_score_gives():
    raid = report("raid", RAID, entities=YEMEN)
    talks = report("talks", TALKS, D + dt.timedelta(days=2), entities=YEMEN)
    assert links(relate([raid, talks]), "raid") == []
    assert links(relate([raid, replace(talks, date=None)]), "raid") == ["talks"]  # nothing places it in time
    assert links(relate([raid, replace(talks, title="")]), "raid") == ["talks"]


def test_minhash_parameters_and_row_scaling_are_those_of_datasketch_and_scikit_learn():
    """The build imports neither datasketch nor scikit-learn (~1 s of every build): its MinHash
    permutations, LSH bands and row scaling must stay theirs, bit for bit, or every cached
    signature and every score would silently change."""
    from datasketch import MinHash, MinHashLSH
    from scipy import sparse
    from sklearn.preprocessing import normalize

    assert np.array_equal(related.minhash_permutations(), MinHash(num_perm=related.NUM_PERM, seed=1).permutations)
    lsh = MinHashLSH(threshold=related.LSH_THRESHOLD, num_perm=related.NUM_PERM)
    assert tuple(lsh.hashranges) == related.LSH_BANDS
    rng = np.random.default_rng(7)
    for dtype in (np.float64, np.float32):
        matrix = sparse.random(400, 300, density=0.05, format="csr", random_state=3, dtype=dtype)
        matrix.data = (rng.random(len(matrix.data)) * 9).astype(dtype)
        matrix.data[matrix.indptr[4] : matrix.indptr[5]] = 0  # a row of zeros stays as it is
        expected = normalize(matrix.copy(), copy=False)
        assert related.unit_rows(matrix).data.tobytes() == expected.data.tobytes()


def test_a_story_names_each_outlet_once_as_its_reports_write_it_most():
    edited = CEASEFIRE.replace("طويلة", "مطولة") + " وأضاف أن التنفيذ يبدأ غداً."
    result = relate(
        [
            report("a", CEASEFIRE, outlet="صحيفة الجزيرة"),
            report("b", edited, outlet="الجزيرة"),
            report("c", CEASEFIRE + " وتابع المتحدث حديثه.", outlet="الجزيرة"),
            report("d", edited + " ورحبت الدول المجاورة.", outlet="عكاظ"),
        ]
    )
    [story] = result.stories
    assert story.outlets == ("الجزيرة", "عكاظ")
