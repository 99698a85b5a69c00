"""Editors' annotations as W3C Web Annotations, both ways. Pure (no Pelican).

Export (`annotations.jsonld` at the site's root): one AnnotationCollection with, per annotation
file, an annotation of the whole article (its note, and the fields the editor set, under
`articleFields`) and one per passage note or translation:

    target = {source: the article's canonical URL, language: the article's,
              selector: [TextQuoteSelector {exact, prefix, suffix}, FragmentSelector {value: n2}]}
    body   = [the note as text/html with its language, the same as text/markdown,
              one {purpose: tagging} body per tag]
    motivation: commenting (notes; editing when a file only sets fields), describing (translations)
    creator, created: from the annotation file (Editor / Translator, Date)

Import (`python -m news_archive.webannotation import FILE content/annotations`) writes an
annotation file per article in the canonical layout `render` gives; import(export) gives the
same files back. Annotations from other tools are read too: HTML-only bodies become the note
(Markdown keeps raw HTML, which nh3 then cleans), TextQuoteSelector anchors the passage.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .annotations import FIELDS, SECTION_FIELDS, Annotation, Passage

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Terms of Sijill's own: the article fields an editor sets (title, date …), a JSON literal.
CONTEXT = [W3C_CONTEXT, {"sijill": "urn:sijill:", "articleFields": {"@id": "sijill:articleFields", "@type": "@json"}}]
ARTICLE_URL = re.compile(r"(?:^|/)articles/(?P<id>[0-9a-f]{16})\.html(?:#.*)?$")
MOTIVATION = {"note": "commenting", "translation": "describing"}


class WebAnnotationError(ValueError):
    """An annotation that cannot be turned into an annotation file (the message says which)."""


def _person(name: str | None) -> dict | None:
    return {"type": "Person", "name": name} if name else None


def _bodies(html: str, markdown: str, language: str | None, tags: tuple[str, ...] = ()) -> list[dict]:
    text = [
        {"type": "TextualBody", "value": value, "format": fmt, **({"language": language} if language else {})}
        for value, fmt in ((html, "text/html"), (markdown, "text/markdown"))
        if value
    ]
    return text + [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags]


def _article_fields(note: Annotation) -> dict:
    values = {
        "title": note.title,
        "date": note.date.isoformat() if note.date else None,
        "outlet": note.outlet,
        "url": note.url,
        "tags": list(note.tags),
        "editor": note.editor,
        "aliases": list(note.aliases),
        "language": note.language,
        "time": " ".join(filter(None, (note.time.strftime("%H:%M"), note.timezone))) if note.time else None,
        "body_end": note.body_end,
    }
    return {k: v for k, v in values.items() if v}


def _passage(note: Annotation, passage: Passage, base: str, article_url: str, lang: str) -> dict:
    target: dict = {"source": article_url, "language": lang}
    if passage.quote:
        quote = {"type": "TextQuoteSelector", "exact": passage.quote}
        quote |= {k: v for k, v in (("prefix", passage.prefix), ("suffix", passage.suffix)) if v}
        fragment = {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986", "value": passage.id}
        target["selector"] = [quote, fragment]
    annotation = {
        "id": f"{base}annotations.jsonld#{note.article_id}-{passage.id}",
        "type": "Annotation",
        "motivation": MOTIVATION[passage.kind],
        "creator": _person(passage.creator),
        "created": f"{passage.date.isoformat()}T00:00:00Z" if passage.date else None,
        "body": _bodies(passage.body_html, passage.body_md, passage.lang or lang, passage.tags),
        "target": target,
    }
    return {k: v for k, v in annotation.items() if v}


def export(notes: list[tuple[Annotation, str]], site_url: str, label: str) -> dict:
    """The collection for (annotation, article language) pairs; URLs absolute when site_url is
    set, else relative to the site's root (where annotations.jsonld lies)."""
    base = f"{site_url}/" if site_url else ""
    items = []
    for note, lang in sorted(notes, key=lambda pair: pair[0].article_id):
        article_url = f"{base}articles/{note.article_id}.html"
        whole = {
            "id": f"{base}annotations.jsonld#{note.article_id}",
            "type": "Annotation",
            "motivation": "commenting" if note.note_md else "editing",
            "creator": _person(note.editor),
            "body": _bodies(note.note_html, note.note_md, None),
            "target": {"source": article_url, "language": lang},
            "articleFields": _article_fields(note),
        }
        items.append({k: v for k, v in whole.items() if v})
        items += [_passage(note, p, base, article_url, lang) for p in note.passages]
    return {
        "@context": CONTEXT,
        "id": f"{base}annotations.jsonld",
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


# --- import -------------------------------------------------------------------------------------
@dataclass
class _File:
    fields: dict = field(default_factory=dict)
    note: str = ""
    sections: list[tuple[str, dict, str]] = field(default_factory=list)  # (kind, fields, markdown)


def _list(value: object) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _name(creator: object) -> str | None:
    first = next(iter(_list(creator)), None)
    if isinstance(first, dict):
        return first.get("name") or first.get("nickname")
    return first if isinstance(first, str) else None


def _text(bodies: list) -> tuple[str, str | None]:
    """(Markdown, language) of the note: its text/markdown body, else its HTML or plain text."""
    textual = [b for b in bodies if isinstance(b, dict) and b.get("purpose") != "tagging" and "value" in b]
    textual += [{"value": b} for b in bodies if isinstance(b, str)]
    chosen = next((b for b in textual if b.get("format") == "text/markdown"), None) or next(iter(textual), None)
    if chosen is None:
        return "", None
    language = next((b["language"] for b in textual if b.get("language")), None)
    return str(chosen["value"]).strip(), language


def _items(data: object) -> list[dict]:
    if isinstance(data, list):
        return [a for item in data for a in _items(item)]
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    if kind == "AnnotationCollection":
        return _items(data.get("first"))
    if kind == "AnnotationPage":
        return _items(_list(data.get("items")))
    return [data]


def read(data: object) -> dict[str, str]:
    """Article id -> annotation file text, from a Web Annotation collection, page, list or one
    annotation. An annotation whose target is not an article of a Sijill archive, or whose
    passage has no TextQuoteSelector, is refused with its number."""
    files: dict[str, _File] = {}
    for number, item in enumerate(_items(data), 1):
        target = next(iter(_list(item.get("target"))), None)
        source = target if isinstance(target, str) else (target or {}).get("source", "")
        if isinstance(source, dict):
            source = source.get("id", "")
        match = ARTICLE_URL.search(str(source))
        if not match:
            raise WebAnnotationError(
                f"annotation {number}: its target {source!r} is not an article (articles/<id>.html)"
            )
        file = files.setdefault(match["id"], _File())
        article_lang = target.get("language") if isinstance(target, dict) else None
        bodies = _list(item.get("body"))
        markdown, language = _text(bodies)
        tags = [str(b["value"]) for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"]
        selectors = _list(target.get("selector")) if isinstance(target, dict) else []
        quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
        fragment = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "FragmentSelector"), None)
        motivations = _list(item.get("motivation"))
        if "articleFields" in item or (not selectors and "describing" not in motivations):
            file.fields = dict(item.get("articleFields") or {})
            file.note = markdown
            continue
        if selectors and quote is None:
            raise WebAnnotationError(f"annotation {number}: a passage needs a TextQuoteSelector")
        kind = "translation" if "describing" in motivations else "note"
        values = {
            "id": fragment.get("value") if fragment else None,
            "quote": quote.get("exact") if quote else None,
            "prefix": quote.get("prefix") if quote else None,
            "suffix": quote.get("suffix") if quote else None,
            "tags": tags,
            "lang": language if language != article_lang else None,
            "editor" if kind == "note" else "translator": _name(item.get("creator")),
            "date": str(item["created"])[:10] if item.get("created") else None,
        }
        if kind == "translation" and not values["lang"]:
            values["lang"] = language or article_lang
        file.sections.append((kind, values, markdown))
    return {ident: render(file) for ident, file in sorted(files.items())}


def _header(keys: tuple[str, ...], values: dict) -> list[str]:
    lines = []
    for key in keys:
        value = values.get(key)
        if value:
            text = "، ".join(value) if key == "tags" else ", ".join(value) if key == "aliases" else str(value).strip()
            lines.append(f"{'URL' if key == 'url' else key.capitalize()}: {text}")
    return lines


def render(file: _File) -> str:
    """An annotation file in the canonical layout (the one `annotations.parse_annotation` reads):
    default values (ids n1, t1 …, the file's editor, the article's language) are left out."""
    out = [*_header(FIELDS, file.fields), ""]
    if file.note:
        out += [file.note, ""]
    counts = {"note": 0, "translation": 0}
    for kind, values, markdown in file.sections:
        counts[kind] += 1
        default = (
            f"{kind[0]}{counts[kind]}" if values.get("quote") or kind == "note" else f"translation-{values['lang']}"
        )
        values = {**values, "id": None if values.get("id") == default else values.get("id")}
        if kind == "note" and values.get("editor") == file.fields.get("editor"):
            values["editor"] = None
        out += [f"::: {kind}", *_header(SECTION_FIELDS[kind], values), "", markdown, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import W3C Web Annotations into annotation files.")
    parser.add_argument("command", choices=["import"])
    parser.add_argument("source", type=Path, help="a .jsonld/.json file (e.g. a site's annotations.jsonld)")
    parser.add_argument("folder", type=Path, help="the annotations folder (content/annotations)")
    parser.add_argument("--replace", action="store_true", help="overwrite annotation files that exist")
    args = parser.parse_args(argv)
    try:
        files = read(json.loads(args.source.read_text("utf-8")))
    except (OSError, ValueError) as error:
        print(f"Sijill: {args.source}: {error}", file=sys.stderr)
        return 1
    existing = [i for i in files if (args.folder / f"{i}.md").exists()]
    if existing and not args.replace:
        names = ", ".join(f"{i}.md" for i in existing)
        print(f"Sijill: {args.folder} already has {names}: pass --replace to overwrite", file=sys.stderr)
        return 1
    args.folder.mkdir(parents=True, exist_ok=True)
    for ident, text in files.items():
        (args.folder / f"{ident}.md").write_text(text, encoding="utf-8")
    print(f"Sijill: wrote {len(files)} annotation file(s) to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
