"""Tables for the entity gazetteer: validation, matching rules, cross-script names, the five seeds."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from news_archive.entities import (
    GAZETTEER_PATH,
    Entity,
    Gazetteer,
    GazetteerError,
    load_gazetteer,
    place_evidence,
    usable_variant,
)
from news_archive.fold import tokens
from news_archive.incremental import PICKLE
from news_archive.seedparse import parse_seed

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def ids(gazetteer: Gazetteer, text: str) -> set[str]:
    return {entity_id for entity_id, _ in gazetteer.find(text)}


# --- validation ----------------------------------------------------------------------------
def entry(entity_id: str = "x", **changes: object) -> dict:
    raw = {"id": entity_id, "type": "place", "names": {"ar": "س", "fa": "س", "en": "X"}, "variants": ["سين"]}
    return {**raw, **changes}


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([entry("a"), entry("a", variants=["صاد"])], "entity 'a': duplicate id"),
        ([entry("a", type="country")], "entity 'a': unknown type 'country'"),
        ([entry("a", variants=[])], "entity 'a': no variants"),
        ([entry("a", variants=["«»"])], "entity 'a': variant '«»' has no letters"),
        # folding makes أرمينيا and ارمينيا one spelling
        ([entry("a", variants=["أرمينيا"]), entry("b", variants=["ارمينيا"])], "entity 'b': variant 'ارمينيا'"),
        ([entry("a", variants=["قرة باغ"]), entry("b", variants=["قره‌ باغ"])], "is also a variant of 'a'"),
        ([entry("a", variants=["Baku"]), entry("b", variants=["BAKU"])], "is also a variant of 'a'"),
        ([entry("a", variants=["أذربيجان", "اذربيجان"])], "variant 'اذربيجان' repeats 'أذربيجان' after folding"),
        ([entry("a", variants="سين")], "entity 'a': variants must be a list of strings"),
        ([entry("a", names={"en": "X"})], "entity 'a': names lack ar, fa"),
        ([entry("a", names={"ar": "س", "fa": "س"})], "entity 'a': names lack en"),
        ([entry("a", wikidata="7747")], "wikidata must be a QID"),
        ([entry("Q1", wikidata="Q2")], "an id that is a QID must be the entity's wikidata QID"),
        ([entry("a", colour="red")], "unknown field colour"),
        ([entry("a", names={"ar": "", "fa": "س", "en": "X"})], "entity 'a': names must map"),
        ([entry("Bad Id")], "entity 'Bad Id': id must be lowercase"),
        ([{"type": "place", "variants": ["سين"]}], "entry #0: missing id, names"),
        ([entry("a"), "b"], "entry #1: not an object"),
        ({"a": entry("a")}, "expected a list of entities"),
    ],
)
def test_validation_errors(tmp_path, entries, message):
    path = tmp_path / "entities.json"
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GazetteerError) as error:
        load_gazetteer(path)
    assert message in str(error.value)


def test_invalid_json(tmp_path):
    path = tmp_path / "entities.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(GazetteerError, match="not valid JSON"):
        load_gazetteer(path)


def test_bundled_gazetteer_is_sorted_and_complete(gazetteer):
    raw = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    assert [e["id"] for e in raw] == sorted(e["id"] for e in raw)
    assert len(gazetteer) == len(raw) >= 1500
    assert {e.type for e in gazetteer.entities.values()} == {"person", "place", "organisation"}
    for entity in gazetteer.entities.values():
        assert "en" in entity.names and {"ar", "fa"} & set(entity.names), entity.id
        if entity.id.startswith("Q"):
            assert entity.wikidata == entity.id
    seeds = json.loads((GAZETTEER_PATH.parent / "authority" / "seed_entities.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in seeds} <= set(gazetteer.entities)  # the seeds' pages keep their URLs
    kinds = {e.kind for e in gazetteer.entities.values()}
    assert {"country", "capital", "city", "curated"} <= kinds


# --- matching ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال بيسكوف", [("peskov", 1)]),
        ("بيسكوف، ثم بيسكوف مرة أخرى", [("peskov", 2)]),
        # proclitics: by the stem, or by the proclitic rule when the stem keeps a 3-letter word
        ("وباكو", [("baku", 1)]),
        ("لبوتين", [("putin", 1)]),
        ("والكرملين", [("kremlin", 1)]),
        ("بالكرملين", [("kremlin", 1)]),
        ("للكرملين", [("kremlin", 1)]),
        ("وقرة باغ", [("karabakh", 1)]),
        ("للقوقاز", [("caucasus", 1)]),
        # ... and الروسية also stems to روسیه, Russia in Persian (see test_documented_collision)
        ("لقوات حفظ السلام الروسية", [("russia", 1), ("russian_peacekeepers", 1)]),
        # Persian suffixes: the stem drops -i / -ha
        ("قره‌باغی", [("karabakh", 1)]),
        ("پسکوفی", [("peskov", 1)]),
        # multi-word variants match as a sequence; overlaps of one entity count once
        ("ناجورنو كاراباخ", [("karabakh", 1)]),
        ("ناجورنوكاراباخ", [("karabakh", 1)]),
        ("ناغورني قرة باغ", [("karabakh", 1)]),
        ("قره‌باغ کوهستانی", [("karabakh", 1)]),
        ("قره باغ کوهستانی", [("karabakh", 1)]),
        ("ناجورنو كاراباخ وكاراباخ", [("karabakh", 2)]),
        ("جمهوری آذربایجان", [("azerbaijan", 1)]),
        ("Nagorno-Karabakh", [("karabakh", 1)]),
        ("Dmitry PESKOV", [("peskov", 1)]),
        ("سيرغي ريابكوف", [("ryabkov", 1)]),
        # the pieces of a multi-word variant alone are nothing
        ("قره", []),
        ("باغ", []),
        ("ناجورنو", []),
        ("حفظ السلام", []),
        ("تاكر", []),
        # different entities may overlap
        ("ارتش روسیه", [("russia", 1), ("russian_armed_forces", 1)]),
        # order: count descending, then id
        ("باكو موسكو وموسكو أنقرة", [("moscow", 2), ("ankara", 1), ("baku", 1)]),
    ],
)
def test_find(gazetteer, text, expected):
    assert gazetteer.find(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "روسيا",  # the country, not the Kremlin
        "بيسكوفيتش",  # a word containing a variant is not a mention
        "بيسكوفا",
        "باكورة الإنتاج",
        "موسكوفي",
        "الرئيس التركي",  # adjectives and demonyms are not names
        "الأرمن",
        "الجانب الأرميني",
        "ترکی",
        "كارا",
        "",
    ],
)
def test_no_false_positives(gazetteer, text):
    assert "kremlin" not in ids(gazetteer, text)
    if text != "روسيا":
        assert ids(gazetteer, text) == set()


def test_documented_collision(gazetteer):
    """Arabic feminine adjectives fold (and stem) to the Persian country names روسیه, ترکیه: they tag the country."""
    assert ids(gazetteer, "اللغة الروسية") == {"russia"}
    assert ids(gazetteer, "قوات روسية") == {"russia"}
    assert ids(gazetteer, "الخارجية التركية") == {"turkey"}


@pytest.mark.parametrize(
    ("arabic", "persian", "latin", "entity_id"),
    [
        ("بيسكوف", "پسکوف", "Peskov", "peskov"),
        ("فلاديمير بوتين", "ولادیمیر پوتین", "Putin", "putin"),
        ("باشينيان", "پاشینیان", "Pashinyan", "pashinyan"),
        ("علييف", "علی‌اف", "Aliyev", "aliyev"),
        ("أردوغان", "اردوغان", "Erdoğan", "erdogan"),
        ("زاخاروفا", "زاخارووا", "Zakharova", "zakharova"),
        ("كاراباخ", "قره‌باغ", "Karabakh", "karabakh"),
        ("أرمينيا", "ارمنستان", "Armenia", "armenia"),
        ("أذربيجان", "آذربایجان", "Azerbaijan", "azerbaijan"),
        ("روسيا", "روسیه", "Russia", "russia"),
        ("تركيا", "ترکیه", "Türkiye", "turkey"),
        ("باكو", "باکو", "Baku", "baku"),
        ("يريفان", "ایروان", "Yerevan", "yerevan"),
        ("موسكو", "مسکو", "Moscow", "moscow"),
        ("أنقرة", "آنکارا", "Ankara", "ankara"),
        ("ستيباناكيرت", "خانکندی", "Stepanakert", "khankendi"),
        ("لاتشين", "لاچین", "Lachin", "lachin"),
        ("أغدام", "آغدام", "Aghdam", "aghdam"),
        ("خوجافند", "خوجاوند", "Khojavend", "khojavend"),
        ("القوقاز", "قفقاز", "Caucasus", "caucasus"),
        ("الكرملين", "کرملین", "Kremlin", "kremlin"),
        ("الكريملِن", "ریاست‌جمهوری روسیه", "Kremlin", "kremlin"),
        ("قوات حفظ السلام الروسية", "نیروهای حافظ صلح روسیه", "Russian peacekeepers", "russian_peacekeepers"),
        ("وزارة الخارجية الروسية", "وزارت خارجه روسیه", "Russian Foreign Ministry", "russian_foreign_ministry"),
        ("وكالة تاس", "خبرگزاری تاس", "TASS", "tass"),
        ("إيسنا", "ایسنا", "ISNA", "isna"),
    ],
)
def test_cross_script(gazetteer, arabic, persian, latin, entity_id):
    for text in (arabic, persian, latin):
        assert entity_id in ids(gazetteer, text), text


def test_small_gazetteer_overlapping_chain():
    """Overlapping variants of one entity count once; the index takes any first token."""
    gazetteer = Gazetteer(
        [
            Entity("x", "place", {"ar": "أ", "fa": "أ", "en": "X"}, ("الف باء", "باء جيم", "جيم")),
            Entity("y", "person", {"ar": "ي", "fa": "ي", "en": "Y"}, ("باء",)),
        ],
        common=frozenset(),
    )
    assert gazetteer.find("الف باء جيم") == [("x", 1), ("y", 1)]
    assert gazetteer.find("جيم ثم جيم") == [("x", 2)]


def test_variant_terms(gazetteer):
    assert gazetteer.variant_terms("peskov") == sorted({"dmitry", "peskov", "بيسكوف", "دميتري", "ديميتري", "پسكوف"})
    terms = gazetteer.variant_terms("karabakh")
    assert terms == sorted(set(terms))
    assert {"قره", "باغ", "قرهباغ", "كاراباخ", "ناجورنو", "karabakh", "nagorno"} <= set(terms)
    for entity in gazetteer.entities.values():
        for variant in entity.variants:
            assert set(tokens(variant)) <= set(gazetteer.variant_terms(entity.id))


def test_find_scales_with_repetition(gazetteer):
    text = (SEEDS / "002_6a78640d8eb2f584.txt").read_text(encoding="utf-8")
    once = dict(gazetteer.find(text))
    assert dict(gazetteer.find("\n".join([text] * 20))) == {k: 20 * v for k, v in once.items()}


# --- the five seeds ------------------------------------------------------------------------
ARABIC_SEEDS = ("000", "001", "002", "003")
SEED_ENTITIES = {
    "000": {
        "peskov", "putin", "pashinyan", "aliyev", "erdogan",
        "armenia", "azerbaijan", "russia", "turkey", "karabakh", "baku", "ankara", "caucasus",
        "kremlin", "russian_peacekeepers",
    },
    "001": {
        "peskov", "pashinyan",
        "armenia", "azerbaijan", "russia", "karabakh", "moscow",
        "kremlin", "russian_peacekeepers", "armenian_armed_forces",
    },
    "002": {
        "peskov", "putin", "pashinyan", "aliyev", "erdogan", "tucker_carlson",
        "armenia", "azerbaijan", "russia", "karabakh", "baku", "yerevan", "ankara", "moscow",
        "kremlin", "russian_peacekeepers",
    },
    "003": {
        "peskov", "putin", "pashinyan", "aliyev",
        "armenia", "azerbaijan", "russia", "karabakh", "baku", "yerevan", "moscow", "lachin",
        "kremlin", "russian_peacekeepers",
    },
    "004": {
        "peskov", "putin", "pashinyan", "zakharova", "ryabkov",
        "armenia", "azerbaijan", "russia", "karabakh", "baku", "yerevan", "khankendi", "aghdam", "lachin", "khojavend",
        "kremlin", "isna", "russian_foreign_ministry", "russian_armed_forces", "azerbaijani_armed_forces",
    },
}  # fmt: skip


def seed_text(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    record = parse_seed(path.read_text(encoding="utf-8"))
    return record.title + "\n" + record.body_text  # appended "read also" stories excluded


@pytest.mark.parametrize(("number", "expected"), sorted(SEED_ENTITIES.items()))
def test_seed_entities(gazetteer, number, expected):
    assert ids(gazetteer, seed_text(number)) == expected


def test_persian_seed_shares_entities_with_arabic_seeds(gazetteer):
    persian = ids(gazetteer, seed_text("004"))
    arabic = [ids(gazetteer, seed_text(number)) for number in ARABIC_SEEDS]
    for entity_id in ("peskov", "karabakh", "armenia", "azerbaijan", "russia", "kremlin", "pashinyan"):
        assert entity_id in persian and all(entity_id in found for found in arabic), entity_id
    for entity_id in ("baku", "yerevan", "putin", "lachin"):
        assert entity_id in persian and any(entity_id in found for found in arabic), entity_id


def test_appended_stories_are_not_tagged(gazetteer):
    """Seeds 001/002 carry "read also" stories (Macron, TASS, Kazan...); only the article counts."""
    for number in ("001", "002"):
        assert not ids(gazetteer, seed_text(number)) & {"tass", "russian_foreign_ministry"}


# --- the name authority: variants, Latin names, short and ambiguous names --------------------
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("قال ترامب", "Q22686"),
        ("قال ترمب", "Q22686"),  # long vowel not written: one name key
        ("دونالد ترامپ", "Q22686"),  # Persian peh
        ("Donald Trump", "Q22686"),
        ("زعيم كوريا الشمالية كيم جونغ أون", "Q56226"),
        ("Kim Jong-un", "Q56226"),
        ("كوريا الشمالية", "Q423"),
        ("North Korea", "Q423"),
        ("حركة طالبان", "taliban"),
        ("إيران", "Q794"),
        ("ایران", "Q794"),
        ("أمريكا", "Q30"),
        ("الولايات المتحدة", "Q30"),
        ("بسكوف", "peskov"),  # بيسكوف without its yeh
        ("الكريملن", "kremlin"),
        # people with QIDs and Persian labels (mLAMA), as real reports wrote them
        ("پیروزی نوجوان شطرنج ایران بر مگنوس کارلسن", "Q106807"),
        ("«عادل عبدالمهدي» نخست‌وزير مستعفي عراق", "Q357116"),
        ("انور سادات و مناخیم بگین، نخست وزیر رژیم صهیونیستی", "menachem_begin"),  # gained its Persian name
        ("قال الإسباني بيب غوارديولا، المدير الفني", "Q164038"),
    ],
)
def test_authority_names(gazetteer, text, entity_id):
    assert entity_id in ids(gazetteer, text)


def test_latin_queries_find_the_entity(gazetteer):
    """Search indexes every spelling of the entities an article names (plugin.search_doc)."""
    assert {"trump", "ترامب", "ترمب"} <= set(gazetteer.variant_terms("Q22686"))
    assert {"north", "korea"} <= set(gazetteer.variant_terms("Q423"))
    assert {"us", "united", "states"} <= set(gazetteer.variant_terms("Q30"))
    assert {"kim", "jong", "un"} <= set(gazetteer.variant_terms("Q56226"))


@pytest.mark.parametrize(
    "text",
    [
        "ایروان",  # Yerevan and Iran share a name key; each matches only as written
        "نیروهای نظامی",  # نیرو "force" and ناورو (Nauru) share a name key
        "السلام عليكم",  # ساليم (a name of Jerusalem) has the key of سلام
        "صور الأقمار الصناعية",  # صور "pictures" is also Tyre: a common word never tags alone
        "اللوم",  # لوم, a three-letter spelling of Lomé
        "السلطات",  # stems to سلط, a spelling of As-Salt
        "وروت لي الرسامة أنها",  # "and she told me": روت لی is Ruth Lee's Persian label, no spelling
    ],
)
def test_short_and_ambiguous_names_do_not_tag(gazetteer, text):
    assert "Q794" not in ids(gazetteer, text) or text != "ایروان"
    found = {i for i in ids(gazetteer, text) if i not in {"yerevan"}}
    assert found == set(), found


def test_common_word_rule():
    """A one-word variant that is a common word never tags; one whose name key is a common
    word's tags only as written; longer variants are not affected."""
    common = frozenset({"صور", "سرايا"})  # سرايا "brigades" and سوريا (Syria) share a name key
    assert usable_variant(("صور",), common) is None
    assert usable_variant(("سوريا",), common) == "exact"
    assert usable_variant(("ترامب",), common) == "key"
    assert usable_variant(("مدينه", "صور"), common) == "key"
    assert usable_variant(("us",), frozenset()) is None  # two letters: search alias only
    gazetteer = Gazetteer(
        [
            Entity("tyre", "place", {"ar": "صور", "en": "Tyre"}, ("صور", "مدينة صور")),
            Entity("syria", "place", {"ar": "سوريا", "en": "Syria"}, ("سوريا",)),
        ],
        common=common,
    )
    assert gazetteer.find("صور من الحدث") == []
    assert gazetteer.find("في مدينة صور") == [("tyre", 1)]
    assert gazetteer.find("سرايا") == [] and gazetteer.find("وسوريا") == [("syria", 1)]


def test_shared_name_key_matches_as_written():
    gazetteer = Gazetteer(
        [
            Entity("iran", "place", {"fa": "ایران", "en": "Iran"}, ("ایران",)),
            Entity("yerevan", "place", {"fa": "ایروان", "en": "Yerevan"}, ("ایروان",)),
        ],
        common=frozenset(),
    )
    assert gazetteer.find("ایران و ایروان") == [("iran", 1), ("yerevan", 1)]
    assert gazetteer.find("ایران") == [("iran", 1)]


# --- words that look like names, from real reports (bench/data/tagging.json) -------------------
MEDINA, AMMAN, ADEN, SEOUL, RUSSIA = (
    "geonames_109223",
    "geonames_250441",
    "geonames_415189",
    "geonames_1835848",
    "russia",
)


@pytest.mark.parametrize(
    ("text", "not_tagged"),
    [
        ("وصل الوفد إلى مدينة جدة مساء أمس", MEDINA),  # مدينه: Persian for Medina, Arabic "a city"
        ("وقال إن الخطة تحقق الأمان لجميع الطلاب", AMMAN),  # امان: Persian for Amman, Arabic "safety"
        ("وقال عدنان الشهري إن العمل مستمر", ADEN),  # a man's name is not عدن plus a dual ending
        ("جرفت السيول عدداً من السيارات", SEOUL),  # "the floods", not سيول written as it is
    ],
)
def test_arabic_words_that_spell_other_names_do_not_tag_arabic_text(gazetteer, text, not_tagged):
    assert not_tagged not in {i for i, _ in gazetteer.find(text, "ar")}


def test_the_names_still_tag(gazetteer):
    assert MEDINA in {i for i, _ in gazetteer.find("زار المدينة المنورة", "ar")}
    assert ADEN in {i for i, _ in gazetteer.find("سيطرت القوات على عدن", "ar")}
    assert RUSSIA in {i for i, _ in gazetteer.find("قوات حفظ السلام الروسية", "ar")}  # the adjective
    assert MEDINA in {i for i, _ in gazetteer.find("سفر به مدینه", "fa")}  # Persian text: Medina


# --- names that tag only with evidence that they are the place (28 Nov) ------------------------
YANBU, NAJRAN, SABYA, JUBAYL, ABHA, MASHHAD, RIYADH, VAN, SAUDI = (
    "geonames_100425",
    "geonames_103630",
    "geonames_102651",
    "geonames_109435",
    "geonames_110690",
    "geonames_124665",
    "geonames_108410",
    "geonames_298117",
    "Q851",
)


def tagged(gazetteer: Gazetteer, text: str) -> set[str]:
    return {i for i, _ in gazetteer.find(text, "ar")}


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("وصل الوفد إلى ينبع أمس", YANBU),  # a preposition of place
        ("افتتح المحافظ الطريق في محافظة ينبع", YANBU),  # a place noun in construct
        ("زار الوزير مدارس نجران وصبيا", NAJRAN),  # two such names side by side
        ("زار الوزير مدارس نجران وصبيا", SABYA),
        ("تتوسع المصانع في الجبيل وينبع", JUBAYL),  # joined by "and" to a place name
        ("قالت السعودية إن أبها ستستضيف المؤتمر", ABHA),  # its country named in the text
        ("وصل الزوار إلى مدينة مشهد الإيرانية", MASHHAD),  # a name that is also a word, after مدينة
        ("يسكن في مدينة وان التركية", VAN),
        ("وصل الوفد إلى الرياض", RIYADH),
    ],
)
def test_blocked_or_ambiguous_names_tag_with_evidence(gazetteer, text, entity_id):
    assert entity_id in tagged(gazetteer, text)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("ينبع الماء من بين الصخور", YANBU),  # "springs": no evidence of the city
        ("ستستضيف أبها المؤتمر", ABHA),  # no cue, no neighbour, no country
        ("وقفنا أمام مشهد إنساني مؤثر", MASHHAD),  # "a scene"
        ("وقع الحادث في مشهد مؤلم", MASHHAD),  # a preposition is no evidence for a word
        ("ارساء الامن في المنطقة وان تسهم في الحل", VAN),  # و + أن, "and that"
        ("قالت صحيفة الرياض أمس إن المشروع تأخر", RIYADH),  # the newspaper
        ("وقال المتحدث لـ«الرياض» إن المشروع تأخر", RIYADH),  # "told Al-Riyadh": a byline
        ("زار قريته مسقط رأسه", "geonames_287286"),  # "birthplace", not Muscat
    ],
)
def test_names_without_evidence_do_not_tag(gazetteer, text, entity_id):
    assert entity_id not in tagged(gazetteer, text)


def test_a_quoted_place_is_still_the_place(gazetteer):
    assert "karabakh" in tagged(gazetteer, "وصلت القوات إلى «كاراباخ» أمس")
    assert RIYADH in tagged(gazetteer, "عاد الوفد إلى «الرياض» أمس")


def test_a_word_name_needs_a_construct_not_a_neighbour(gazetteer):
    assert "geonames_2490098" not in tagged(gazetteer, "عاد الفريق من معسكر سويسرا")  # "the camp"
    assert "Q39" in tagged(gazetteer, "عاد الفريق من معسكر سويسرا")


# --- 27 Nov, session 20: words and phrases that are not the place -----------------------------
ADEN, BARCELONA, MADRID, MASCARA, MOSUL, XIAN, SARAJEVO, ACCRA, JAPAN, IRAN = (
    "geonames_415189",
    "geonames_3128760",
    "geonames_3117735",
    "geonames_2490098",
    "geonames_99072",
    "geonames_1790630",
    "geonames_3191281",
    "geonames_2306104",
    "Q17",
    "Q794",
)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("تحقيق الآمال التي ينتظرها الشارع الرياضي", RIYADH),  # a common word, not الرياض + ي
        ("مثل الرعاية الصحية والمواصلات والبنزين", MOSUL),  # المواصلات "transport"
        ("مقتل 7 جنود ليبيين في اشتباكات", JAPAN),  # a plural in يين: ليبيين is not اليابان
        ("يكون الانخراط فيها من عدمه سيان", XIAN),  # سیان is Persian for Xi'an, Arabic "alike"
        ("مهاجمين هما ويلفريد بوني وسيرغيو أغويرو", SARAJEVO),  # Persian ساراجیوو ~ سيرغيو
        ("وصرح أكيرا أماري وزير الاقتصاد الياباني", ACCRA),  # a given name, أكرا only by its key
        ("لسان عف ما لها جنات عدن", ADEN),  # the Gardens of Eden
        ("خسر وديا أمام ريال مدريد الإسباني", MADRID),  # a club
        ("بلغ ربع النهائي قبل أن يسقط أمام برشلونة", BARCELONA),
        ("قتل 29 منهم في استهداف لمنطقة معسكر الكرين", MASCARA),  # معسكر "camp" in construct
    ],
)
def test_words_and_phrases_are_not_the_place(gazetteer, text, entity_id):
    assert entity_id not in tagged(gazetteer, text)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("وصل الوفد بالرياض أمس", RIYADH),  # a proclitic is still read off a common word
        ("اجتاح التنظيم الموصل", MOSUL),
        ("قالت اليابان إن", JAPAN),
        ("وصل الوفد إلى أكرا", ACCRA),  # as written
        ("وصل الوفد إلى عدن", ADEN),
        ("وصل الوفد إلى مدريد", MADRID),
        ("تقدم منتخب إيران في التصنيف", IRAN),  # a country's team is the country
    ],
)
def test_the_place_still_tags(gazetteer, text, entity_id):
    assert entity_id in tagged(gazetteer, text)


def test_another_languages_city_name_needs_evidence(gazetteer):
    """A city's one-word spelling that is only its Persian name tags a Persian text on its own and
    an Arabic one only with evidence (its country named: Xi'an and China)."""
    assert XIAN in {i for i, _ in gazetteer.find("سفر به سیان", "fa")}
    assert XIAN in tagged(gazetteer, "زار الوفد الصين ووصل إلى سيان")
    assert ACCRA in tagged(gazetteer, "زار الوفد غانا والتقى في أكيرا")  # a short name's key, with its country


def test_a_fathers_name_is_not_the_person(gazetteer):
    assert "king_salman" not in tagged(gazetteer, "وصل الأمير محمد بن سلمان بن عبد العزيز")
    assert "mohammed_bin_salman" in tagged(gazetteer, "وصل الأمير محمد بن سلمان بن عبد العزيز")
    assert "king_salman" in tagged(gazetteer, "استقبل الملك سلمان بن عبد العزيز الوفد")


def test_place_evidence_file_matches_the_authority(gazetteer):
    evidence = place_evidence()
    assert evidence["words"] == sorted(set(evidence["words"]))
    assert all(len(tokens(word)) == 1 and tokens(word)[0] == word for word in evidence["words"])
    assert all(city in gazetteer.entities for city in evidence["countries"])
    assert all(gazetteer.entities[c].kind in ("country", "territory", "seed") for c in evidence["countries"].values())
    assert evidence["countries"][YANBU] == SAUDI


def test_without_evidence_data_blocked_names_still_need_evidence(gazetteer):
    plain = Gazetteer(gazetteer.entities.values(), None, {})
    assert YANBU not in {i for i, _ in plain.find("ينبع الماء من بين الصخور", "ar")}
    assert YANBU in {i for i, _ in plain.find("وصل الوفد إلى ينبع أمس", "ar")}
    assert ABHA not in {i for i, _ in plain.find("قالت السعودية إن أبها ستستضيف المؤتمر", "ar")}  # no countries


# --- session 21: words and phrases that are not the name (tuned on tagging samples 1-3) ---------

INDIA, US, CUBA, BENIN, CASABLANCA = "Q668", "Q30", "Q241", "Q962", "geonames_2553604"
PARIS, BEIJING, TAIPEI, OTTAWA, UAE = (
    "geonames_2988507",
    "geonames_1816670",
    "geonames_1668341",
    "geonames_6094817",
    "Q878",
)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("سقطت في جنوب المحيط الهندي على بعد 3700 كيلومتر", INDIA),  # an ocean
        ("تصدر منتخب تشيلي بطل كوبا أمريكا التصنيف", CUBA),  # a tournament
        ("تصدر منتخب تشيلي بطل كوبا أمريكا التصنيف", US),
        ("نمو الطلب في أمريكا اللاتينية وأميركا الشمالية", US),  # continents
        ("أعلن باريس سان جرمان الفرنسي تعاقده مع دي ماريا", PARIS),  # a club
        ("إنشاء أول مدرسة بقسمين (البنين والبنات)", BENIN),  # "the boys"
        ("شدني حماس الطالبات وشغفهن بالمشاركة", "hamas"),  # "enthusiasm", in construct
        ("شارك الطلاب بحماس كبير", "hamas"),  # "with enthusiasm"
        ("أما عدم كسر الدعم المذكور آنفاً فهذا إشارة", CASABLANCA),  # "aforementioned" (أنفا)
        ("أصدرت أياتا أول معيار لتذكرة ورقية", OTTAWA),  # IATA meets أوتاوا only by a short key
        ("وعليهما تقديم وكلمة تقدير كتابية من المدير", TAIPEI),  # "written" ~ ك + تايبيه
    ],
)
def test_words_and_longer_names_are_not_the_name(gazetteer, text, entity_id):
    assert entity_id not in tagged(gazetteer, text)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("زار الرئيس الهند الأسبوع الماضي", INDIA),
        ("قالت أمريكا إن المحادثات مستمرة", US),
        ("وصل الوفد إلى باريس أمس", PARIS),  # a capital's three-letter Arabic name (name key)
        ("من كوالالمبور إلى بكين وعلى متنها 239 شخصا", BEIJING),
        ("أعلنت حماس أنها", "hamas"),
        ("قال متحدث باسم حماس الفلسطينية", "hamas"),  # an adjective after it is no construct
        ("وجه الدعوة لحماس وفتح", "hamas"),
        ("بين الكويت والإمارات في الخامسة", UAE),  # the UAE's everyday name
        ("قال متحدث باسم طالبان", "taliban"),  # also the Persian name, but Arabic too
        ("وبحسب تقرير لوكالة الصحافة الفرنسية", "afp"),
    ],
)
def test_the_names_around_those_words_still_tag(gazetteer, text, entity_id):
    assert entity_id in tagged(gazetteer, text)


def test_the_keys_a_gazetteer_keeps_are_bounded(monkeypatch):
    """A Gazetteer keeps the keys of the words it has read, MEMO_SIZE distinct words at most (then
    it starts over), and finds the same names either way."""
    import news_archive.entities as entities

    texts = [seed_text(number) for number in sorted(SEED_ENTITIES)] * 2
    expected = [load_gazetteer().find(text) for text in texts]
    monkeypatch.setattr(entities, "MEMO_SIZE", 300)
    small = load_gazetteer()
    for text, found in zip(texts, expected, strict=True):
        assert small.find(text) == found
        assert len(small._seen) <= max(300, len(set(tokens(text))))


SAMOA, AUCKLAND, RASHIDIYA, ZAGAZIG, MALAWI = "Q683", "geonames_2193733", "geonames_7280528", "geonames_359493", "Q1020"
ISRAEL, RIYADH, AL_BAYDA = "Q801", "geonames_108410", "geonames_89055"


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("يشكل عندي هدفا ساميا أطمح إليه", SAMOA),  # "lofty" meets ساموا by its name key only
        ("قالت والدتها دوللي باكلاند", AUCKLAND),  # a surname, ب + a key of أوكلاند
        ("ولحمة مع قيادتها الرشيدة", RASHIDIYA),  # "wise", a common word, ~ الراشيدية
        ("حازم بن مصطفى زقزوق", ZAGAZIG),
        ("القصاص حتى بلوغ القاصرين من الورثة", "geonames_2473457"),  # "minors" ~ القصرين, an alif apart
        ("الحرس الجمهوري الموالي للرئيس المخلوع", MALAWI),  # "loyal" ~ جمهوری مالاوی
        ("بدعم من مؤسسة سليمان بن عبد العزيز الراجحي الخيرية", "king_salman"),  # another given name
        ('وقالت مصادر محلية ل"الرياض" إن الطيران', RIYADH),  # the paper, after ل" as after لـ"
        ("كتبنا على بني إسرائيل أنه", ISRAEL),  # the Children of Israel
        ("قصة بنو إسرائيل في القرآن", ISRAEL),
        ("اشتباكات في تعز وعدن، وفي محافظة البيضاء سقط قتلى", AL_BAYDA),  # Yemen's, not Libya's
    ],
)
def test_names_met_only_by_their_key_or_elsewhere_are_not_the_name(gazetteer, text, entity_id):
    assert entity_id not in tagged(gazetteer, text)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("وصل الوفد إلى ساموا", SAMOA),  # as spelled
        ("زار الوفد مدينة أوكلند", AUCKLAND),  # met by its key, with a place noun before it
        ("رئيس جمهورية ملاوي", MALAWI),
        ("زار الوفد بنجلاديش أمس", "Q902"),  # ج for غ: a spelling, not a long vowel more or less
        ("خادم الحرمين الشريفين الملك سلمان بن عبد العزيز", "king_salman"),
        ("الأسطورة دييجو مارادونا", "diego_maradona"),  # ج for غ: the same name
        ("اشتباكات في بنغازي وطرابلس ومدينة البيضاء", AL_BAYDA),  # beside Libyan cities
        ("وقالت إسرائيل إن", ISRAEL),
    ],
)
def test_names_spelled_or_with_evidence_still_tag(gazetteer, text, entity_id):
    assert entity_id in tagged(gazetteer, text)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("قال مدير جامعة تبوك إن", "geonames_101628"),  # a blocked name after "university (of)"
        ("أعلنت بلدية الخرج أمس", "geonames_109353"),  # ... and after "municipality (of)"
    ],
)
def test_a_university_or_municipality_is_evidence_of_the_city(gazetteer, text, entity_id):
    assert entity_id in tagged(gazetteer, text)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("تمديد الكابلات البحرية بين البلدين", "geonames_1138958"),  # "the cables", not Kabul + ات
        ("أعلنت إيران إلغاء كامل للبرنامج", "geonames_143534"),  # "whole", not ك + آمل (Amol)
        ("ارتفع سهم «الإنماء طوكيو مارين» أمس", "geonames_1850147"),  # Tokio Marine, an insurer
        ("قدم تعازيه لأبناء محمد بن لادن", "osama_bin_laden"),  # the father, another given name
    ],
)
def test_a_common_word_or_another_name_is_not_the_entity(gazetteer, text, entity_id):
    assert entity_id not in tagged(gazetteer, text)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("تطورات الأوضاع المؤلمة في سورية", "Q858"),  # Persian سوریه is also Arabic سورية
        ("مشاريع النقل العام في مكة المكرمة وجدة والطائف", "geonames_107968"),  # its own طائف shares the key
        ("تعاقد نادي النصر مع المدرب", "club_al_nassr_fc"),  # the Saudi club, as Saudi papers write it
        ("زعيم تنظيم القاعدة أسامة بن لادن", "osama_bin_laden"),
        ("زيارة إلى مدينة آمل شمال إيران", "geonames_143534"),
        ("الوفد يصل إلى كابل", "geonames_1138958"),
    ],
)
def test_spellings_the_data_lacked_tag(gazetteer, text, entity_id):
    assert entity_id in tagged(gazetteer, text)


def test_a_gazetteer_from_the_build_cache_tags_and_names_as_the_one_built():
    """The build keeps its gazetteer in the cache folder (pickled) and the next build loads it
    from there: the same tags, spellings and names, on the seeds and after it has met words."""
    built = load_gazetteer()
    texts = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    built.find(texts[0])  # its memos hold words now: they are pickled too
    loaded = pickle.loads(pickle.dumps(built, PICKLE))
    for text in texts:
        record = parse_seed(text)
        body = f"{record.title}\n{record.body_text}"
        assert loaded.find(body, record.lang, tokens(body)) == built.find(body, record.lang, tokens(body))
    for entity_id in ("karabakh", "azerbaijan", "kremlin"):
        assert loaded.variant_terms(entity_id) == built.variant_terms(entity_id)
    assert loaded.entities == built.entities
