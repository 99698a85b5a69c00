"""What the site consists of, as plain data: every page to render (path, template, language,
context). The plugin only renders this plan; tests can check it without Pelican."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .archive import Anchored, Entry, Listing, listings, newest_first, slug
from .passages import Segment, segments
from .related import Related, Report, compare


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    lang: str  # language of the page's own chrome and of <html lang>
    context: dict[str, Any] = field(default_factory=dict)


COMPARE_PARAGRAPHS = 400  # a comparison page shows at most this many paragraphs of each report


def compare_path(a: str, b: str) -> str:
    return f"compare/{min(a, b)}-{max(a, b)}.html"


@dataclass(frozen=True)
class BodyParagraph:
    """One paragraph of an article page: its pieces (marked passages apart) and the notes shown
    beside it (those whose passage ends in it)."""

    segments: tuple[Segment, ...]
    notes: tuple[Anchored, ...] = ()


def article_body(entry: Entry) -> tuple[BodyParagraph, ...]:
    marks = {a.passage.id: a.spans for a in entry.passages if a.spans}
    beside: dict[int, list[Anchored]] = {}
    for anchored in entry.passages:
        if anchored.paragraph is not None:
            beside.setdefault(anchored.paragraph, []).append(anchored)
    return tuple(
        BodyParagraph(segments(text, number, marks), tuple(beside.get(number, ())))
        for number, text in enumerate(entry.paragraphs)
    )


@dataclass(frozen=True)
class Tagged:
    entry: Entry
    anchored: Anchored | None = None  # None: the whole article carries the tag


@dataclass(frozen=True)
class Tag:
    key: str  # slug of the folded tag: spellings that fold alike share a page
    label: str
    items: tuple[Tagged, ...]

    @property
    def path(self) -> str:
        return f"tags/{self.key}.html"


def tag_pages(entries: list[Entry]) -> list[Tag]:
    """Every tag an editor gave an article or a passage, with what carries it, oldest first
    (undated last), then by article and by the passage's place in the annotation."""
    found: dict[str, list[tuple[str, Tagged]]] = {}
    for entry in entries:
        for tag in entry.tags:
            found.setdefault(slug(tag), []).append((tag, Tagged(entry)))
        for anchored in entry.passages:
            for tag in anchored.passage.tags:
                found.setdefault(slug(tag), []).append((tag, Tagged(entry, anchored)))
    tags = []
    for key, items in sorted(found.items()):
        spellings = [tag for tag, _ in items]
        label = min(set(spellings), key=lambda name: (-spellings.count(name), name))
        ordered = sorted(
            (item for _, item in items),
            key=lambda t: (t.entry.date is None, t.entry.date or 0, t.entry.id, t.anchored is not None),
        )
        tags.append(Tag(key, label, tuple(ordered)))
    return tags


def tag_path(tag: str) -> str:
    return f"tags/{slug(tag)}.html"


def plan_pages(entries: list[Entry], ui_language: str, related: Related | None = None) -> list[PageSpec]:
    """Every generated page. Redirect pages are not in the plan: they are written last, only
    where the site has no file of its own (permanence.resolve, ArchiveGenerator)."""
    ordered = newest_first(entries)
    all_listings = listings(entries)
    by_kind: dict[str, list[Listing]] = {}
    for listing in all_listings:
        by_kind.setdefault(listing.kind, []).append(listing)
    tags = tag_pages(entries)
    plan = [
        PageSpec("index.html", "index", ui_language, {"entries": ordered}),
        PageSpec("browse.html", "browse", ui_language, {"listings": by_kind, "entries": ordered, "tags": tags}),
        PageSpec("search.html", "search", ui_language),
    ]
    plan += [PageSpec(x.path, "listing", ui_language, {"listing": x}) for x in all_listings]
    related = related or Related()
    by_id = {e.id: e for e in entries}
    stories = {s.id: s for s in related.stories}
    for e in ordered:
        links = [(link, by_id[link.target]) for link in related.links.get(e.id, [])]
        story = stories.get(related.story_of.get(e.id, ""))
        context = {
            "entry": e,
            "related": links,
            "story": story,
            "compare_path": compare_path,
            "body": article_body(e),
            "note_numbers": {a.passage.id: n for n, a in enumerate((a for a in e.passages if a.spans), 1)},
            "tag_path": tag_path,
        }
        plan.append(PageSpec(e.url, "article", e.lang, context))
    plan.append(PageSpec("stories/index.html", "stories", ui_language, {"stories": related.stories, "by_id": by_id}))
    plan += [
        PageSpec(f"stories/{s.id}.html", "story", ui_language, {"story": s, "by_id": by_id}) for s in related.stories
    ]
    duplicates = {  # a pair's link, from whichever side kept it within its max_links
        tuple(sorted((ident, link.target))): link
        for ident, found in related.links.items()
        for link in found
        if link.duplicate
    }
    for (a, b), link in sorted(duplicates.items()):
        first, second = sorted((by_id[a], by_id[b]), key=lambda x: (x.date is None, x.date or 0, x.id))
        marked = compare(
            *(replace(Report.from_entry(e), paragraphs=e.paragraphs[:COMPARE_PARAGRAPHS]) for e in (first, second))
        )
        cut = max(len(first.paragraphs), len(second.paragraphs)) > COMPARE_PARAGRAPHS
        context = {"first": first, "second": second, "marked": marked, "link": link, "cut": cut}
        plan.append(PageSpec(compare_path(a, b), "compare", ui_language, context))
    if tags:
        plan.append(PageSpec("tags/index.html", "tags", ui_language, {"tags": tags}))
        plan += [PageSpec(t.path, "tag", ui_language, {"tag": t}) for t in tags]
    return plan
