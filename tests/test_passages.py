"""Passage notes, translations and tags (issue 16): anchoring by quotation, the annotation
format's errors, the W3C Web Annotation export (read back with pyld) and its import."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from news_archive.annotations import AnnotationError, parse_annotation
from news_archive.archive import anchor_passages
from news_archive.passages import AnchorError, anchor, segments
from news_archive.seedparse import parse_seed
from news_archive.webannotation import WebAnnotationError, export, read
from pyld import jsonld

from tests.conftest import REPO, SEEDS, build_site

SEED_003 = next(SEEDS.glob("003_*.txt")).read_text("utf-8")
PARAGRAPHS = parse_seed(SEED_003).paragraphs
QUOTE = "إن قوات حفظ السلام الروسية، والوحدة الروسية تؤدي مهامها"


def marked(paragraphs: tuple[str, ...], spans) -> str:
    return " ".join(paragraphs[p][lo:hi] for p, lo, hi in spans)


# --- anchoring ---------------------------------------------------------------------------------
def test_a_quote_is_found_and_marked_as_written_in_the_article():
    spans = anchor(PARAGRAPHS, QUOTE)
    assert marked(PARAGRAPHS, spans) == QUOTE


@pytest.mark.parametrize(
    "variant",
    [
        "إنَّ قُوّاتِ حِفظِ السَّلامِ الرُّوسيّةِ، والوحدة الروسية تؤدي مهامها",  # harakat
        "إن قـوات حفـظ السـلام الروسـية، والوحدة الروسية تؤدي مهامها",  # tatweel
        "إن قوات حفظ السلام الروسیة، والوحدة الروسیة تؤدی مهامها",  # Persian yeh
        "إن  قوات حفظ\nالسلام الروسية،   والوحدة الروسية تؤدي مهامها",  # other spaces and a line break
    ],
)
def test_orthographic_differences_in_the_quote_do_not_break_the_anchor(variant):
    assert marked(PARAGRAPHS, anchor(PARAGRAPHS, variant)) == QUOTE


def rewrap(text: str, width: int) -> str:
    """The seed with every paragraph broken into lines of about `width` characters."""
    out = []
    for line in text.split("\n"):
        words, current = line.split(" "), ""
        for word in words:
            if current and len(current) + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        out.append(current)
    return "\n".join(out)


@pytest.mark.parametrize("width", [30, 57, 80])
def test_anchoring_survives_rewrapping_the_seed(width):
    rewrapped = parse_seed(rewrap(SEED_003, width)).paragraphs
    assert rewrap(SEED_003, width) != SEED_003  # the lines really are broken elsewhere
    assert re.sub(r"\s+", " ", marked(rewrapped, anchor(rewrapped, QUOTE))) == QUOTE


def test_a_quote_across_two_paragraphs_marks_both_parts():
    spans = anchor(("أول فقرة هنا.", "ثانية تبدأ هنا."), "هنا. ثانية")
    assert spans == ((0, 9, 13), (1, 0, 5))
    first = segments("أول فقرة هنا.", 0, {"n1": spans})
    second = segments("ثانية تبدأ هنا.", 1, {"n1": spans})
    assert [(s.text, s.mark, s.first, s.last) for s in first] == [
        ("أول فقرة ", None, False, False),
        ("هنا.", "n1", True, False),
    ]
    assert (second[0].text, second[0].mark, second[0].first, second[0].last) == ("ثانية", "n1", False, True)


def test_missing_and_ambiguous_quotes_say_so_and_a_prefix_or_suffix_decides():
    with pytest.raises(AnchorError, match="is not in the article text"):
        anchor(PARAGRAPHS, "جملة لا وجود لها")
    with pytest.raises(AnchorError, match=r"is in \d+ places"):
        anchor(PARAGRAPHS, "بيسكوف")
    assert marked(PARAGRAPHS, anchor(PARAGRAPHS, "بيسكوف", prefix="وأضاف")) == "بيسكوف"
    assert anchor(PARAGRAPHS, "بيسكوف", suffix="للصحفيين يوم أمس") != anchor(PARAGRAPHS, "بيسكوف", prefix="وأضاف")


# --- the annotation format ---------------------------------------------------------------------
NOTE_FILE = """Editor: فريق

ملاحظة على المقال.

::: note
Quote: {quote}
Tags: أ، ب
Date: 2024-01-15

نص الملاحظة.

::: translation
Lang: en
Translator: T. Reader

The whole article in English.
"""


def test_sections_are_read_with_defaults():
    note = parse_annotation("c/8ba45a798628e0c2.md", NOTE_FILE.format(quote=QUOTE))
    assert note.note_md == "ملاحظة على المقال."
    first, second = note.passages
    assert (first.kind, first.id, first.quote, first.tags, first.creator) == ("note", "n1", QUOTE, ("أ", "ب"), "فريق")
    assert (second.kind, second.id, second.quote, second.lang, second.creator) == (
        "translation",
        "translation-en",
        None,
        "en",
        "T. Reader",
    )


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("Editor: x\n\n::: comment\nQuote: a\n\nb\n", 3, "unknown section"),
        ("Editor: x\n\n::: note\nTags: a\n\nb\n", 3, "needs a Quote"),
        ("Editor: x\n\n::: translation\nQuote: a\n\nb\n", 3, "needs a Lang"),
        ("Editor: x\n\n::: note\nQuote: a\n", 3, "no text"),
        ("Editor: x\n\n::: note\nQuote: a\nLang: English\n\nb\n", 5, "language code"),
        ("Editor: x\n\n::: note\nQuote: a\nColour: red\n\nb\n", 5, "unknown field"),
        ("Editor: x\n\n::: note\nId: title\nQuote: a\n\nb\n", 4, "Id must be"),
        ("Editor: x\n\n::: note\nQuote: a\n\nb\n\n::: note\nId: n1\nQuote: c\n\nd\n", 8, "already used at line 3"),
        ("Editor: x\n\n::: note\nPrefix: a\nQuote: b\nDate: 31 February 2024\n\nc\n", 6, "has no day 31"),
    ],
)
def test_format_errors_name_the_line(text, line, problem):
    with pytest.raises(AnnotationError) as error:
        parse_annotation("c/8ba45a798628e0c2.md", text)
    assert error.value.line == line and problem in error.value.problem


def test_anchoring_errors_name_the_file_and_the_quote_line():
    missing = parse_annotation("c/8ba45a798628e0c2.md", NOTE_FILE.format(quote="كلام غير موجود"))
    with pytest.raises(AnnotationError, match=r"c/8ba45a798628e0c2.md:6: the quote"):
        anchor_passages(PARAGRAPHS, missing)
    overlapping = parse_annotation(
        "c/8ba45a798628e0c2.md", f"\n::: note\nQuote: {QUOTE}\n\nأ\n\n::: note\nQuote: والوحدة الروسية\n\nب\n"
    )
    with pytest.raises(AnnotationError, match=r":8: the passage overlaps that of n1 \(line 3\)"):
        anchor_passages(PARAGRAPHS, overlapping)


# --- W3C Web Annotation export and import ------------------------------------------------------
# The terms of the W3C context (http://www.w3.org/ns/anno.jsonld) that the export uses, with the
# IRIs it gives them, served to pyld offline (a build or a test makes no network request).
ANNO_CONTEXT = {
    "@context": {
        "oa": "http://www.w3.org/ns/oa#",
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "as": "http://www.w3.org/ns/activitystreams#",
        "id": {"@type": "@id", "@id": "@id"},
        "type": {"@type": "@id", "@id": "@type"},
        "Annotation": "oa:Annotation",
        "TextualBody": "oa:TextualBody",
        "FragmentSelector": "oa:FragmentSelector",
        "TextQuoteSelector": "oa:TextQuoteSelector",
        "Person": "foaf:Person",
        "AnnotationCollection": "as:OrderedCollection",
        "AnnotationPage": "as:OrderedCollectionPage",
        "commenting": "oa:commenting",
        "describing": "oa:describing",
        "editing": "oa:editing",
        "tagging": "oa:tagging",
        "body": {"@type": "@id", "@id": "oa:hasBody"},
        "target": {"@type": "@id", "@id": "oa:hasTarget"},
        "source": {"@type": "@id", "@id": "oa:hasSource"},
        "selector": {"@type": "@id", "@id": "oa:hasSelector"},
        "creator": {"@type": "@id", "@id": "dcterms:creator"},
        "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
        "purpose": {"@type": "@vocab", "@id": "oa:hasPurpose"},
        "conformsTo": {"@type": "@id", "@id": "dcterms:conformsTo"},
        "items": {"@type": "@id", "@id": "as:items", "@container": "@list"},
        "first": {"@type": "@id", "@id": "as:first"},
        "format": "dc:format",
        "language": "dc:language",
        "value": "rdf:value",
        "exact": "oa:exact",
        "prefix": "oa:prefix",
        "suffix": "oa:suffix",
        "name": "foaf:name",
        "label": "rdfs:label",
        "created": {"@id": "dcterms:created", "@type": "xsd:dateTime"},
        "total": {"@id": "as:totalItems", "@type": "xsd:nonNegativeInteger"},
        "startIndex": {"@id": "as:startIndex", "@type": "xsd:nonNegativeInteger"},
    }
}


def offline_loader(url, options=None):
    if url.rstrip("/") != "http://www.w3.org/ns/anno.jsonld":
        raise AssertionError(f"the export asks for a context that is not W3C's: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": ANNO_CONTEXT}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("annotated")
    built = build_site(root, settings="NEWS_ARCHIVE['site_url'] = 'https://example.org/archive'\n")
    assert built.returncode == 0, built.log
    return built, json.loads((built.output / "annotations.jsonld").read_text("utf-8"))


def test_export_expands_as_json_ld_with_the_w3c_terms(exported):
    _, data = exported
    expanded = jsonld.expand(data, {"documentLoader": offline_loader})
    flat = json.dumps(expanded, ensure_ascii=False)
    oa = "http://www.w3.org/ns/oa#"
    for iri in ("hasTarget", "hasBody", "hasSelector", "TextQuoteSelector", "FragmentSelector", "exact", "tagging"):
        assert f"{oa}{iri}" in flat, iri
    graph = jsonld.flatten(data, None, {"documentLoader": offline_loader})
    quotes = [n for n in graph if f"{oa}TextQuoteSelector" in n.get("@type", [])]
    notes = parse_annotation("x/8ba45a798628e0c2.md", (REPO / "content/annotations/8ba45a798628e0c2.md").read_text())
    assert len(quotes) == sum(1 for p in notes.passages if p.quote)
    targets = {n[f"{oa}hasSource"][0]["@id"] for n in graph if f"{oa}hasSource" in n}
    assert targets == {"https://example.org/archive/articles/8ba45a798628e0c2.html"}


def test_export_describes_each_passage(exported):
    _, data = exported
    items = data["first"]["items"]
    assert data["total"] == len(items)
    note = next(i for i in items if i["id"].endswith("-n2"))
    quote, fragment = note["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"].startswith("وتراقب نظام")
    assert fragment == {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986", "value": "n2"}
    html = next(b for b in note["body"] if b.get("format") == "text/html")
    assert html["language"] == "en" and html["value"].startswith("<p>")
    assert {b["value"] for b in note["body"] if b.get("purpose") == "tagging"} == {"قوات حفظ السلام"}
    assert note["creator"] == {"type": "Person", "name": "Sijill team"} and note["created"].startswith("2024-01-15")
    translation = next(i for i in items if i["id"].endswith("-t1"))
    assert translation["motivation"] == "describing"


def test_import_of_the_export_gives_the_same_files(exported):
    _, data = exported
    committed = {p.stem: p.read_text("utf-8") for p in (REPO / "content" / "annotations").glob("*.md")}
    assert read(data) == committed


def test_import_is_canonical_and_stable():
    text = (
        "Editor: E\nTags: a, b\nDate: 9 نوفمبر 2021\n\nnote\n\n::: note\nId: n1\nQuote: q\nEditor: E\n\nbody\n\n"
        "::: translation\nLang: en\nQuote: r\n\ntranslated\n"
    )
    note = parse_annotation("x/8ba45a798628e0c2.md", text)
    canonical = read(export([(note, "ar")], "", "t"))["8ba45a798628e0c2"]
    assert canonical == (
        "Date: 2021-11-09\nTags: a، b\nEditor: E\n\nnote\n\n::: note\nQuote: q\n\nbody\n\n"
        "::: translation\nQuote: r\nLang: en\n\ntranslated\n"
    )
    again = parse_annotation("x/8ba45a798628e0c2.md", canonical)
    assert read(export([(again, "ar")], "", "t"))["8ba45a798628e0c2"] == canonical


def test_the_correcting_fields_survive_export_and_import():
    """Language:, Time: (with its zone) and Body_end: travel in annotations.jsonld like the other
    fields an editor sets: exporting an archive's annotations and importing them loses nothing."""
    text = "Language: fa\nTime: ۱۴:۴۶ Asia/Tehran\nBody_end: پایان گزارش\n\nnote\n"
    note = parse_annotation("x/8ba45a798628e0c2.md", text)
    canonical = read(export([(note, "ar")], "", "t"))["8ba45a798628e0c2"]
    again = parse_annotation("x/8ba45a798628e0c2.md", canonical)
    assert (
        (again.language, again.time, again.timezone, again.body_end)
        == (
            note.language,
            note.time,
            note.timezone,
            note.body_end,
        )
        == ("fa", dt.time(14, 46), "Asia/Tehran", "پایان گزارش")
    )


def test_import_reads_annotations_from_other_tools():
    hypothesis_like = [
        {
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": "<p>مهم</p>", "format": "text/html", "language": "ar"},
            "target": {
                "source": "https://example.org/a/articles/8ba45a798628e0c2.html",
                "selector": [
                    {"type": "TextPositionSelector", "start": 10, "end": 20},
                    {"type": "TextQuoteSelector", "exact": "قره باغ", "prefix": "بشأن "},
                ],
            },
            "creator": "https://example.org/users/someone",
        }
    ]
    text = read(hypothesis_like)["8ba45a798628e0c2"]
    assert "::: note\nQuote: قره باغ\nPrefix: بشأن\nLang: ar\n" in text and "<p>مهم</p>" in text
    with pytest.raises(WebAnnotationError, match="annotation 1: its target"):
        read([{"type": "Annotation", "target": "https://example.org/elsewhere.html"}])
