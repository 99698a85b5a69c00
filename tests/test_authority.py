"""The editors' name authority (content/entities/): its format, every error with its file and
line, and what a build makes of it (an added entity tags and gets a page, a merge redirects, a
hidden entity tags nothing and its address says so, a rename keeps the URL); and the people that
scripts/build_gazetteer.py generates for the base authority."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from news_archive import authority
from news_archive.authority import AuthorityError, apply, parse_file
from news_archive.entities import Entity, Gazetteer, entity_from_json

from tests.conftest import REPO, build_site
from tests.htmlscan import scan

COMMON = frozenset({"كانت"})  # a common word: never a one-word spelling on its own


def entity(entity_id: str, variant: str, type_: str = "place", **changes: object) -> Entity:
    names = {"ar": variant, "fa": variant, "en": entity_id.title()}
    return Entity(entity_id, type_, names, (variant,), **changes)  # type: ignore[arg-type]


BASE = [
    entity("armenia", "أرمينيا", wikidata="Q399"),
    entity("baku", "باكو"),
    entity("peskov", "بيسكوف", "person"),
    entity("kremlin", "الكرملين", "organisation"),
    entity("moscow", "موسكو"),
]


def run(*files: str) -> authority.Authority:
    named = [(f"content/entities/{n}.md", text.encode()) for n, text in enumerate(files, 1)]
    return apply(BASE, named, COMMON)


ADD = """# People
Add: tucker
Type: person
Name-ar: تاكر كارلسون
Name-fa: تاکر کارلسون
Name-en: Tucker Carlson
Variants: تاكر كارلسون، كارلسون
Aliases: Tucker
"""


# --- the format -------------------------------------------------------------------------------
def test_blocks_are_read_with_their_lines():
    text = ADD + "\nRename: baku\nName-en: Baku City\nVariants: peskov + بسكوف، Peskov\n"
    text += "Merge: moscow into kremlin\nHide: armenia\n"
    blocks = parse_file("content/entities/x.md", text)
    assert [(b.op, b.id, b.line) for b in blocks] == [
        ("add", "tucker", 2),
        ("rename", "baku", 10),
        ("variants", "peskov", 12),
        ("merge", "moscow", 13),
        ("hide", "armenia", 14),
    ]
    assert blocks[0].fields["type"] == "person" and blocks[0].lines["variants"] == 7
    assert blocks[2].spellings == ("بسكوف", "Peskov") and blocks[3].into == "kremlin"


def test_no_files_leave_the_authority_as_it_is():
    result = apply(BASE, [], COMMON)
    assert result.entities == tuple(BASE) and not result.merges and not result.hidden


def test_add_rename_variants_merge_hide():
    result = run(
        ADD, "Rename: baku\nName-en: Baku City\n\nVariants: peskov + بسكوف\nMerge: moscow into kremlin\nHide: armenia"
    )
    by_id = {e.id: e for e in result.entities}
    assert set(by_id) == {"baku", "peskov", "kremlin", "tucker"}
    assert by_id["tucker"].variants == ("تاكر كارلسون", "كارلسون") and by_id["tucker"].kind == "editor"
    assert by_id["baku"].names == {"ar": "باكو", "fa": "باكو", "en": "Baku City"}  # the other names stay
    assert by_id["kremlin"].variants == ("الكرملين", "موسكو")
    assert "Moscow" in by_id["kremlin"].aliases  # the old name still finds it in search
    assert result.merges == (authority.Merge("moscow", "kremlin", "content/entities/2.md:5"),)
    assert [(h.entity.id, h.source) for h in result.hidden] == [("armenia", "content/entities/2.md:6")]
    gazetteer = Gazetteer(result.entities, COMMON)
    found = dict(gazetteer.find("قال بسكوف في موسكو إن كارلسون زار أرمينيا"))
    assert found == {"peskov": 1, "kremlin": 1, "tucker": 1}


def test_merges_are_followed_to_the_entity_that_stays():
    result = run("Merge: moscow into kremlin\n", "Merge: kremlin into peskov\n")
    assert {(m.old, m.new) for m in result.merges} == {("moscow", "peskov"), ("kremlin", "peskov")}
    (peskov,) = (e for e in result.entities if e.id == "peskov")
    assert set(peskov.variants) == {"بيسكوف", "الكرملين", "موسكو"}


def test_an_added_entity_can_be_edited_from_another_file():
    result = run("Variants: tucker + تاكر\n", ADD)
    (tucker,) = (e for e in result.entities if e.id == "tucker")
    assert tucker.variants[-1] == "تاكر"


def test_the_digest_follows_the_files():
    one, two = run("Hide: baku\n"), run("Hide: moscow\n")
    assert one.digest != two.digest != apply(BASE, [], COMMON).digest
    assert run("Hide: baku\n").digest == one.digest


# --- errors: each names the file and the line ---------------------------------------------------
@pytest.mark.parametrize(
    ("files", "where", "problem"),
    [
        (["Colour: red\n"], "1.md:1", "unknown operation 'Colour'"),
        (["# ok\n\nAdd tucker\n"], "1.md:3", "expected 'Key: value'"),
        ([ADD + "Colour: red\n"], "1.md:9", "unknown field 'Colour' in an Add: block"),
        ([ADD + "Type: place\n"], "1.md:9", "field 'Type' given twice (first at line 3)"),
        ([ADD.replace("Aliases: Tucker", "Aliases:")], "1.md:8", "field 'Aliases' is empty"),
        ([ADD + "\nName-en: Tucker\n"], "1.md:10", "Name-en: is outside a block"),
        (["Hide: baku\nName-en: Baku\n"], "1.md:2", "a Hide: line takes no fields"),
        (["Add: Bad_Id\n"], "1.md:1", "'Bad_Id' is not an entity id"),
        (["Add: bad id\n"], "1.md:1", "expected 'Add: <id>'"),
        (["Merge: moscow kremlin\n"], "1.md:1", "expected 'Merge: <id> into <id>'"),
        (["Merge: moscow into moscow\n"], "1.md:1", "cannot be merged into itself"),
        (["Variants: peskov بسكوف\n"], "1.md:1", "expected 'Variants: <id> + spelling، spelling'"),
        (["Variants: peskov + ،\n"], "1.md:1", "adds no spelling"),
        # ids
        (["\nRename: beskov\nName-en: P\n"], "1.md:2", "unknown entity id 'beskov' (not in the name authority"),
        (["Rename: peskow\nName-en: P\n"], "1.md:1", "did you mean peskov?"),
        (["Merge: moscow into moskva\n"], "1.md:1", "unknown entity id 'moskva'"),
        (["Hide: nowhere\n"], "1.md:1", "unknown entity id 'nowhere'"),
        (["Variants: tucker + تاكر\n"], "1.md:1", "unknown entity id 'tucker'"),
        # adding
        ([ADD.replace("tucker", "baku")], "1.md:2", "'baku' (Baku) is already in the name authority"),
        ([ADD, "\n" + ADD.replace("تاكر كارلسون، كارلسون", "تاكر")], "2.md:3", "'tucker' is already added at"),
        ([ADD.replace("Type: person\n", "")], "1.md:2", "an Add: block needs Type:"),
        ([ADD.replace("Name-ar: تاكر كارلسون\nName-fa: تاکر کارلسون\n", "")], "1.md:2", "needs Name-ar: or Name-fa:"),
        ([ADD.replace("Type: person", "Type: country")], "1.md:3", "unknown type 'country'"),
        ([ADD + "Wikidata: 399\n"], "1.md:9", "Wikidata must be a QID"),
        ([ADD + "Wikidata: Q399\n"], "1.md:9", "Q399 is already the entity 'armenia'"),
        ([ADD.replace("tucker", "Q5") + "Wikidata: Q6\n"], "1.md:9", "an id that is a QID must be its Wikidata QID"),
        # spellings
        ([ADD.replace("، كارلسون", "، ارمينيا")], "1.md:7", "'ارمينيا' is already a spelling of 'armenia' (Armenia)"),
        ([ADD.replace("، كارلسون", "، تاکر کارلسون")], "1.md:7", "repeats 'تاكر كارلسون' after folding"),
        ([ADD.replace("، كارلسون", "، «»")], "1.md:7", "the spelling '«»' has no letters"),
        ([ADD.replace("، كارلسون", "، تك")], "1.md:7", "'تك' would never tag a report on its own"),
        ([ADD.replace("، كارلسون", "، كانت")], "1.md:7", "'كانت' would never tag a report on its own"),
        (["Variants: peskov + باكو\n"], "1.md:1", "'باكو' is already a spelling of 'baku'"),
        (["Variants: peskov + بيسكوف\n"], "1.md:1", "repeats 'بيسكوف' after folding"),
        # renames, merges, hides
        (["Rename: baku\n"], "1.md:1", "a Rename: block needs Name-ar:, Name-fa: or Name-en:"),
        (["Rename: baku\nName-en: B\n", "Rename: baku\nName-en: C\n"], "2.md:1", "'baku' is already renamed at"),
        (["Hide: baku\n\nHide: baku\n"], "1.md:3", "'baku' is already hidden at content/entities/1.md:1"),
        (["Merge: moscow into kremlin\nMerge: moscow into baku\n"], "1.md:2", "'moscow' is already merged at"),
        (["Merge: moscow into kremlin\n", "Merge: kremlin into moscow\n"], "1.md:1", "merges in a cycle"),
        (["Merge: a_x into kremlin\n"], "1.md:1", "unknown entity id 'a_x'"),
        (["Merge: moscow into baku\nHide: baku\n"], "1.md:1", "'baku' is hidden at content/entities/1.md:2"),
        (["Merge: moscow into baku\nHide: moscow\n"], "1.md:1", "hide it or merge it, not both"),
        (["Merge: moscow into baku\nRename: moscow\nName-en: M\n"], "1.md:2", "'moscow' is merged into 'baku'"),
        (["Variants: moscow + موسكفا\nMerge: moscow into baku\n"], "1.md:1", "edit 'baku'"),
        (["Hide: baku\nVariants: baku + باكوو\n"], "1.md:2", "'baku' is hidden at content/entities/1.md:1"),
    ],
)
def test_errors_name_the_file_and_line(files, where, problem):
    with pytest.raises(AuthorityError) as error:
        run(*files)
    message = str(error.value)
    assert message.startswith(f"content/entities/{where}: "), message
    assert problem in message, message


def test_a_cycle_of_three_is_named():
    with pytest.raises(AuthorityError, match=r"merges in a cycle: moscow -> kremlin -> baku -> moscow"):
        run("Merge: moscow into kremlin\nMerge: kremlin into baku\nMerge: baku into moscow\n")


def test_not_utf8_and_too_large():
    with pytest.raises(AuthorityError, match=r"^content/entities/x.txt:2: not UTF-8 text \(byte 17\)"):
        apply(BASE, [("content/entities/x.txt", b"Hide: baku\n" + "Hide: موسكو".encode("cp1256"))], COMMON)
    big = b"# " + b"x" * authority.MAX_BYTES
    with pytest.raises(AuthorityError, match=r"^content/entities/x.md:1: the file is larger than 200,000 bytes"):
        apply(BASE, [("content/entities/x.md", big)], COMMON)


def test_the_file_is_cleaned_like_a_seed():
    text = "\ufeffHide: baku\r\n\r\nRename: moscow\r\nName-en: Mos\u202ecow\r\n"
    result = apply(BASE, [("content/entities/x.md", text.encode())], COMMON)
    assert {e.id: e for e in result.entities}["moscow"].names["en"] == "Moscow"


# --- a build ----------------------------------------------------------------------------------
EDITORS = """# The editors' name authority

Add: armenian_side
Type: organisation
Name-ar: الجانب الأرميني
Name-fa: طرف ارمنی
Name-en: The Armenian side
Variants: الجانب الأرميني

Merge: kremlin into peskov

Hide: armenia

Rename: karabakh
Name-ar: قره باغ الجبلية
"""


def build_with(tmp_path, files: dict[str, str]):
    folder = tmp_path / "content" / "entities"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return build_site(tmp_path)


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    built = build_with(tmp_path_factory.mktemp("authority"), {"editors.md": EDITORS})
    assert built.returncode == 0, built.log
    return built


def test_an_added_entity_tags_a_report_and_has_a_page(edited):
    rows = {r["id"]: r for r in json.loads((edited.output / "archive.json").read_text("utf-8"))["articles"]}
    assert "armenian_side" in rows["df451209fdc08719"]["entities"]
    page = scan(edited.output / "entities" / "armenian_side.html")
    assert "الجانب الأرميني" in page.text
    assert ("href", "../articles/df451209fdc08719.html") in page.links


def test_a_merged_entity_page_redirects(edited):
    rows = json.loads((edited.output / "archive.json").read_text("utf-8"))["articles"]
    assert not any("kremlin" in r["entities"] for r in rows)
    assert all("peskov" in r["entities"] for r in rows)
    redirect = (edited.output / "entities" / "kremlin.html").read_text("utf-8")
    assert 'http-equiv="refresh" content="0; url=../entities/peskov.html"' in redirect
    assert "entities/kremlin.html" not in (edited.output / "sitemap.xml").read_text("utf-8")  # not a page of its own


def test_a_hidden_entity_tags_nothing_and_its_address_says_withdrawn(edited):
    rows = json.loads((edited.output / "archive.json").read_text("utf-8"))["articles"]
    assert not any("armenia" in r["entities"] for r in rows)
    page = scan(edited.output / "entities" / "armenia.html")
    assert "withdrawn-title" in page.ids and "أرمينيا" not in page.text  # the name is not shown
    sitemap = (edited.output / "sitemap.xml").read_text("utf-8")
    assert "entities/armenia.html" not in sitemap and "entities/karabakh.html" in sitemap
    assert not any(v.startswith("../articles/") for _, v in page.links)
    assert not any(
        "entities/armenia.html" in v for p in (edited.output / "articles").glob("*.html") for _, v in scan(p).links
    )


def test_a_rename_changes_the_name_not_the_url(edited):
    page = scan(edited.output / "entities" / "karabakh.html")
    assert "قره باغ الجبلية" in page.text
    article = scan(edited.output / "articles" / "df451209fdc08719.html")
    assert "قره باغ الجبلية" in article.ids["meta-entities"]
    assert ("href", "../entities/karabakh.html") in article.links


def test_the_edited_site_passes_check_site(edited):
    command = [
        sys.executable,
        "-m",
        "news_archive.check_site",
        str(edited.output),
        "--register",
        str(REPO / "urls.txt"),
    ]
    proc = subprocess.run(command, capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "plugins")})
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_an_error_stops_the_build_with_file_and_line(tmp_path):
    built = build_with(tmp_path, {"people.txt": "Add: tucker\nType: person\nColour: red\n"})
    assert built.returncode != 0
    stopped = [line for line in built.log.splitlines() if line.startswith("Sijill: build stopped:")]
    assert stopped == [
        "Sijill: build stopped: content/entities/people.txt:3: unknown field 'Colour' in an Add: block "
        "(known: Type, Name-ar, Name-fa, Name-en, Variants, Aliases, Wikidata)"
    ], built.log
    assert not (built.output / "index.html").exists()


# --- people generated for the base authority (scripts/build_gazetteer.py) ----------------------
@pytest.fixture(scope="module")
def build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_people_tag_by_their_full_name_only(build_script):
    table = {
        "stephen hawking": "ستيفن هوكينغ",
        "kazumasa hirai (author)": "كازوماسا هيراي",
        "john kerry": "جون كيري",  # a frequent given name, a rarer surname (both common words)
        "muhammad ali": "محمد علي",  # every word frequent: a full name many people have
        "william i of netherlands": "فيلم الأول",  # a label that is a phrase ("the first film")
        "uthman": "عثمان بن عفان",  # an Arabic name of common words: many people's, and roads'
        "ibn battuta": "ابن بطوطة",  # an Arabic name with a word that is not common
        "aaliyah": "آليا",  # one word
        "2 chainz": "تو تشينز",  # no id
    }
    common = {build_script.fold(w) for w in ("محمد", "علي", "فيلم", "الأول", "جون", "كيري", "عثمان", "بن", "عفان")}
    zipf = {"محمد": 6.1, "علي": 6.1, "فيلم": 5.5, "الأول": 5.8, "جون": 5.3, "كيري": 3.9, "عفان": 3.7}
    people = {p["id"]: p for p in build_script.people(table, common, lambda word: zipf.get(word, 3.0))}
    assert sorted(people) == ["ibn_battuta", "john_kerry", "kazumasa_hirai", "stephen_hawking"]
    hawking = people["stephen_hawking"]
    assert hawking["names"] == {"ar": "ستيفن هوكينغ", "en": "Stephen Hawking"}
    assert hawking["variants"] == ["ستيفن هوكينغ", "Stephen Hawking"]
    gazetteer = Gazetteer([entity_from_json(0, hawking)], frozenset(), {})
    assert gazetteer.mentions("قال العالم ستيفن هوكينج إن الكون") == {"stephen_hawking": 1}
    assert gazetteer.mentions("Stephen Hawking said") == {"stephen_hawking": 1}
    assert not gazetteer.mentions("قال ستيفن إن الكون")


def test_english_names_of_generated_people(build_script):
    assert build_script.english_name("hassan ii of morocco") == "Hassan II of Morocco"
    assert build_script.english_name("bashar al-assad") == "Bashar al-Assad"
    assert build_script.ascii_slug("recep tayyip erdoğan") == "recep_tayyip_erdogan"


def test_hand_made_entries_win_over_generated_people(build_script):
    curated = [
        {
            "id": "mahmoud_abbas",
            "type": "person",
            "names": {"ar": "محمود عباس", "en": "Mahmoud Abbas"},
            "variants": ["محمود عباس", "أبو مازن"],
        }
    ]
    table = {"mahmoud abbas": "محمود عباس", "abu mazen": "أبو مازن", "bill gates": "بيل غيتس"}
    kept = build_script.hand_made_first(build_script.people(table, set(), lambda word: 0.0), curated)
    assert [p["id"] for p in kept] == ["bill_gates"]


def test_people_with_qids_join_the_generated_people(build_script):
    """People with a QID and ar, fa, en labels (members of legislatures, mLAMA's people): one with
    the English name of a generated person gives it the QID and Persian name; a namesake with
    another QID, or one with only another person's Arabic name, is left out; a Persian label that
    reads as Arabic words (folded, روت لی is روت لي, "she told me") is no spelling."""
    table = {
        "Q1": {"en": "Albert Einstein", "ar": "ألبرت أينشتاين", "fa": "آلبرت اینشتین"},
        "Q2": {"en": "Ruth Lee", "ar": "روث لي", "fa": "روت لی"},
        "Q3": {"en": "Robert Schumann", "ar": "روبرت شومان", "fa": "روبرت شومان"},
        "Q4": {"en": "Bill Gates", "ar": "بيل غيتس", "fa": "بیل گیتس"},
        "Q5": {"en": "Magnus Carlsen", "ar": "ماغنوس كارلسن", "fa": "مگنوس کارلسن"},
        "Q6": {"en": "The Edge", "ar": "ذا إيدج", "fa": "دی اج"},  # a stage name
        "Q7": {"en": "Armenians in Turkey", "ar": "أرمن تركيا", "fa": "ارمنی‌های ترکیه"},  # a group
    }
    arabic_zipf = {"روت": 3.7, "لي": 6.1}
    labelled = build_script.labelled_people(table, set(), lambda word: 3.0, lambda word: arabic_zipf.get(word, 0.0))
    assert [p["id"] for p in labelled] == ["Q1", "Q2", "Q3", "Q4", "Q5"]
    by_id = {p["id"]: p for p in labelled}
    assert by_id["Q2"]["names"]["fa"] == "روت لی" and by_id["Q2"]["variants"] == ["روث لي", "Ruth Lee"]
    assert by_id["Q5"]["variants"] == ["ماغنوس كارلسن", "مگنوس کارلسن", "Magnus Carlsen"]
    generated = build_script.people(
        {"albert einstein": "ألبرت أينشتاين", "robert schuman": "روبرت شومان"}, set(), lambda word: 3.0
    )
    generated.append({**by_id["Q4"], "id": "Q40", "wikidata": "Q40"})  # a namesake already there with its QID
    new = build_script.known_people(generated, labelled)
    assert [p["id"] for p in new] == ["Q2", "Q5"]
    assert generated[-1]["wikidata"] == "Q40"  # not made the other Bill Gates
    einstein = generated[0]
    assert einstein["id"] == "albert_einstein" and einstein["wikidata"] == "Q1"
    assert einstein["names"]["fa"] == "آلبرت اینشتین" and "آلبرت اینشتین" in einstein["variants"]
    gazetteer = Gazetteer([entity_from_json(i, p) for i, p in enumerate(new)], frozenset(), {})
    assert gazetteer.mentions("پیروزی نوجوان شطرنج ایران بر مگنوس کارلسن", "fa") == {"Q5": 1}
    assert not gazetteer.mentions("روت لي الرسامة نزيهة رشيد أنها", "ar")


def test_hand_made_entries_get_a_qid_whose_labels_are_their_names(build_script):
    """A seed or curated entry without a QID gets the one whose English label is its English name
    and whose Arabic or Persian label is one of its spellings (by name key); never another's."""
    hand_made = [
        {
            "id": "hamas",
            "type": "organisation",
            "names": {"ar": "حماس", "en": "Hamas"},
            "variants": ["حماس", "حركة حماس"],
        },
        {"id": "mercury", "type": "place", "names": {"ar": "عطارد", "en": "Mercury"}, "variants": ["عطارد"]},
        {
            "id": "un",
            "type": "organisation",
            "names": {"ar": "الأمم المتحدة", "en": "United Nations"},
            "variants": ["الأمم المتحدة"],
            "wikidata": "Q1065",
        },
    ]
    labels = {
        "Q38799": {"en": "Hamas", "ar": "حركة حماس", "fa": "حماس"},
        "Q925": {"en": "Mercury", "ar": "الزئبق", "fa": "جیوه"},  # the element, not the planet
        "Q1066": {"en": "United Nations", "ar": "الأمم المتحدة"},
    }
    assert build_script.confirm_qids(hand_made, labels) == 1
    assert [e.get("wikidata") for e in hand_made] == ["Q38799", None, "Q1065"]


def test_short_city_names_are_measured_without_the_name_key(build_script):
    """The rule that keeps three-letter names of small cities out counts letters without the
    article and inner long vowels, not by the name key, whose matching rules keep the vowel of
    a four-letter name (قطيف): rebuilding with a new name key must not add such names."""
    assert build_script.skeleton_letters("القطيف") == 3
    assert build_script.skeleton_letters("الخرطوم") == 4
    assert build_script.skeleton_letters("كفر") == 3


def test_generated_clubs_tag_as_a_club_not_as_their_city(build_script):
    table = {
        "real madrid c.f.": "نادي ريال مدريد لكرة القدم",
        "fc barcelona": "نادي برشلونة",
        "barcelona sporting club": "نادي برشلونة",  # the same Arabic name: the shorter English one wins
        "real madrid baloncesto": "ريال مدريد لكرة السلة",  # another sport's team
        "fiba basketball world cup": "بطولة كأس العالم لكرة السلة",  # a competition
        "al-nasr sc": "نادي النصر",  # one word with the article that begins another club's name
        "al-nassr fc": "نادي النصر السعودي",
    }
    clubs = {c["id"]: c for c in build_script.clubs(table)}
    assert sorted(clubs) == ["club_al_nassr_fc", "club_fc_barcelona", "club_real_madrid_c_f"]
    madrid = clubs["club_real_madrid_c_f"]
    assert madrid["type"] == "organisation" and madrid["kind"] == "club"
    assert madrid["names"] == {"ar": "نادي ريال مدريد", "en": "Real Madrid C.F."}
    assert madrid["variants"] == ["نادي ريال مدريد", "Real Madrid C.F."]
    gazetteer = Gazetteer([entity_from_json(0, madrid)], frozenset(), {})
    assert gazetteer.mentions("فاز نادي ريال مدريد على ضيفه") == {"club_real_madrid_c_f": 1}
    assert not gazetteer.mentions("وصل الوزير إلى مدريد")


def test_a_translation_that_names_another_country_is_that_countrys(build_script):
    """pycountry's Arabic for "Moldova" is المالديف, the end of the Maldives' name (جزر المالديف):
    it names the Maldives, not Moldova; France keeps فرانسه though French Guiana is گویان فرانسه."""
    territories = {"MD": {"qid": "Q217"}, "MV": {"qid": "Q826"}, "FR": {"qid": "Q142"}, "GF": {"qid": "Q3769"}}
    spellings = {c["names"]["en"]: c["variants"] for c in build_script.countries(territories, {})}
    assert "المالديف" not in spellings["Moldova"] and "المالديف" in spellings["Maldives"]
    assert "فرانسه" in spellings["France"] and "فرانسه" not in spellings["French Guiana"]
