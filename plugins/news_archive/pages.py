"""What the site consists of, as plain data: every page to render (path, template, language,
context). The plugin only renders this plan; tests can check it without Pelican."""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from operator import attrgetter
from typing import Any

from markupsafe import Markup, escape

from . import timeline
from .archive import Anchored, Entry, Listing, listings, most_used, newest_first, oldest_first_key, outlet_labels, slug
from .i18n import direction
from .passages import Segment, segments
from .related import Related, Report, compare


@dataclass(frozen=True)
class Derived:
    """A context value computed only where and when the page is rendered (in a render worker,
    and not at all when the previous build's page can be reused): a pure function of values
    the page's key already covers."""

    function: Callable[..., Any]
    args: tuple


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    lang: str  # language of the page's own chrome and of <html lang>
    context: dict[str, Any] = field(default_factory=dict)

    def render_context(self) -> dict[str, Any]:
        return {k: v.function(*v.args) if isinstance(v, Derived) else v for k, v in self.context.items()}


class Memo(dict):
    """Markup a template renders once per build and reuses, for a key that holds everything it
    depends on (`{% call memo("entry", e.id, lang, page_lang, SITEURL) %}…{% endcall %}`): a report's line
    in a list appears in every listing and entity page naming it. One per process (render workers
    fill their own). A dict of what is done: a template reads a hit as `memo[key]` (`{% if key in
    memo %}`), without the call block's macro and call, which are made for every item."""

    def __call__(self, *key: Any, caller: Callable[[], Any]) -> Any:
        found = self.get(key)
        if found is None:
            found = self[key] = caller()
        return found


class Lazy(Mapping):
    """A mapping whose values are made when first read (`function(key)`), for values only the
    pages being rendered use (an article's citations, its JSON-LD): a rebuild that renders a
    few pages makes a few, and the render workers share the work of a full build."""

    def __init__(self, function: Callable[[Any], Any], keys: Iterable) -> None:
        self.function, self.keys_ = function, dict.fromkeys(keys)
        self.done: dict = {}

    def __getitem__(self, key: Any) -> Any:
        if key not in self.keys_:
            raise KeyError(key)
        found = self.done.get(key, Lazy)
        if found is Lazy:
            found = self.done[key] = self.function(key)
        return found

    def __iter__(self) -> Iterator:
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


COMPARE_PARAGRAPHS = 400  # a comparison page shows at most this many paragraphs of each report
COMPARE_CHARS = 50_000  # and of each report no more than fit in this many characters (a page stays under 300 KB)
PAGE_MIN, PAGE_MAX = 50, 200  # items on a page of a long list (home, listings, stories, tags): ~100 on average
GLANCE_OUTLETS = 12  # outlets named on the home page (the rest are one link away, on browse.html)
CHART_MONTHS = 240  # a coverage chart over a longer span counts by year instead of by month


# --- pagination -------------------------------------------------------------------------------
def page_path(path: str, number: int, taken: frozenset[str] = frozenset()) -> str:
    """Page `number` of a list whose first page is `path`: `index.html` -> `index-2.html`,
    `outlets/x.html` -> `outlets/x-2.html` (files beside the first page, never folders, so the
    links work from file://). Page 1 keeps its path. When `x-2.html` is another page of the
    site (an outlet called "x 2"), `x--2.html`: slugs never hold two hyphens in a row."""
    if number == 1:
        return path
    stem = path.removesuffix(".html")
    candidate = f"{stem}-{number}.html"
    return f"{stem}--{number}.html" if candidate in taken else candidate


@dataclass(frozen=True)
class Pager:
    """Where one page of a long list stands: its number and every page's path."""

    number: int  # 1-based
    paths: tuple[str, ...]  # the path of every page, the first page's first
    span: tuple[dt.date, dt.date] | None = None  # the oldest and newest date of the page's reports

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def path(self) -> str:
        return self.paths[self.number - 1]

    @property
    def prev(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.count else None

    def nearby(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and those around this one; None for a gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        result: list[int | None] = []
        for previous, number in zip([0, *shown], shown, strict=False):
            if number - previous > 1 and previous:
                result.append(None)
            result.append(number)
        return result


def _ends_page(key: str, low: int) -> bool:
    return zlib.crc32(key.encode()) % low == 0


def page_starts(keys: Sequence[str], low: int = PAGE_MIN, high: int = PAGE_MAX) -> list[int]:
    """Where each page of a list starts, decided by the items themselves, not by their places:
    walking from the list's end, a page is closed by an item whose key hashes to a multiple of
    `low` once it holds `low` items, or when it holds `high`; what is left at the front (fewer
    than `low` items) joins the page after it. So adding or removing an item changes the page
    that holds it (and, when it moves an end, its neighbour), not every page after it: a rebuild
    rewrites a few pages of a long list, not all of them (issue 13)."""
    starts, size = [], 0
    for i in range(len(keys) - 1, 0, -1):
        size += 1
        if size >= high or (size >= low and _ends_page(keys[i], low)):
            starts.append(i)
            size = 0
    if starts and starts[-1] < low:  # a short front is merged into the next page
        starts.pop()
    return [0, *reversed(starts)]


def paginate(
    path: str,
    items: Sequence[Any],
    taken: frozenset[str] = frozenset(),
    key: Callable[[Any], str] = attrgetter("id"),
):
    """(path, the page's items, Pager) for every page of a list; one page when it is empty."""
    starts = page_starts([key(item) for item in items])
    stops = [*starts[1:], len(items)]
    paths = tuple(page_path(path, n, taken) for n in range(1, len(starts) + 1))
    spans = enumerate(zip(starts, stops, strict=True))
    return [(paths[n], tuple(items[a:b]), Pager(n + 1, paths)) for n, (a, b) in spans]


def dated(found: list[tuple[str, tuple[Entry, ...], Pager]]) -> list[tuple[str, tuple[Entry, ...], Pager]]:
    """A list of reports' pages, each pager with the dates its page covers (none when undated)."""
    result = []
    for path, items, pager in found:
        days = [e.date for e in items if e.date]
        result.append((path, items, replace(pager, span=(min(days), max(days)) if days else None)))
    return result


# --- the collection at a glance -----------------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    key: str  # YYYY-MM or YYYY
    count: int
    path: str | None  # its listing page, if it has one


@dataclass(frozen=True)
class Chart:
    """The coverage chart: one bar per month (per year over a long span), empty ones included."""

    unit: str  # "month" | "year"
    bars: tuple[Bar, ...]
    width: int = 0  # of the SVG's viewBox
    height: int = 120
    bar: int = 10  # width of one bar's slot

    @property
    def peak(self) -> int:
        return max((b.count for b in self.bars), default=0)

    def geometry(self, rtl: bool = False) -> list[tuple[Bar, int, int, int]]:
        """(bar, x, y, height) in viewBox units; a bar with any count is at least 2 units high.
        On a right-to-left page time runs right to left, as in the timelines and the axis labels."""
        peak = self.peak or 1
        shapes = []
        for n, b in enumerate(self.bars):
            tall = 0 if not b.count else max(2, round(b.count / peak * (self.height - 4)))
            x = (len(self.bars) - 1 - n) * self.bar if rtl else n * self.bar
            shapes.append((b, x, self.height - tall, tall))
        return shapes


def coverage(entries: list[Entry], max_months: int = CHART_MONTHS) -> Chart:
    months = Counter(e.month for e in entries if e.month)
    if not months:
        return Chart("month", ())
    first, last = min(months), max(months)
    (y0, m0), (y1, m1) = ((int(k[:4]), int(k[5:])) for k in (first, last))
    span = (y1 - y0) * 12 + m1 - m0 + 1
    if span > max_months:
        years = Counter(e.date.strftime("%Y") for e in entries if e.date)
        bars = tuple(Bar(str(y), years.get(str(y), 0), None) for y in range(y0, y1 + 1))
        return Chart("year", bars, width=len(bars) * 10)
    keys = [f"{y0 + (m0 - 1 + n) // 12:04d}-{(m0 - 1 + n) % 12 + 1:02d}" for n in range(span)]
    bars = tuple(Bar(k, months.get(k, 0), f"months/{k}.html" if k in months else None) for k in keys)
    return Chart("month", bars, width=len(bars) * 10)


@dataclass(frozen=True)
class Glance:
    total: int
    earliest: Any  # dt.date | None
    latest: Any
    undated: int
    outlets: tuple[Listing, ...]  # the most covered first (GLANCE_OUTLETS of them)
    outlet_count: int
    no_outlet: int
    languages: tuple[Listing, ...]
    chart: Chart


def glance(entries: list[Entry], all_listings: list[Listing]) -> Glance:
    dates = [e.date for e in entries if e.date]
    outlets = sorted((x for x in all_listings if x.kind == "outlet"), key=lambda x: (-len(x.entries), x.key))
    return Glance(
        total=len(entries),
        earliest=min(dates, default=None),
        latest=max(dates, default=None),
        undated=len(entries) - len(dates),
        outlets=tuple(outlets[:GLANCE_OUTLETS]),
        outlet_count=len(outlets),
        no_outlet=sum(1 for e in entries if not e.outlet),
        languages=tuple(sorted((x for x in all_listings if x.kind == "language"), key=lambda x: -len(x.entries))),
        chart=coverage(entries),
    )


def compare_path(a: str, b: str) -> str:
    return f"compare/{min(a, b)}-{max(a, b)}.html"


@dataclass(frozen=True)
class BodyParagraph:
    """One paragraph of an article page (numbered from 1): its pieces (marked passages apart) and
    the notes shown beside it (those whose passage ends in it); or plain paragraphs, nothing
    marked in them and no note beside them, written whole: consecutive ones are one item (`html`),
    which the template writes at once."""

    number: int
    segments: tuple[Segment, ...] = ()
    notes: tuple[Anchored, ...] = ()
    html: Markup | None = None


def _plain_paragraph(number: int, text: str) -> str:
    """A paragraph's markup as article.html writes one (most are plain: the template writes them
    at once instead of going through their pieces); its ¶ link is site.js's."""
    return f'  <p id="p{number}" dir="auto">{escape(text)}</p>\n'


def article_body(entry: Entry) -> tuple[BodyParagraph, ...]:
    marks = {a.passage.id: a.spans for a in entry.passages if a.spans}
    beside: dict[int, list[Anchored]] = {}
    for anchored in entry.passages:
        if anchored.paragraph is not None:
            beside.setdefault(anchored.paragraph, []).append(anchored)
    body: list[BodyParagraph] = []
    plain: list[str] = []  # plain paragraphs not yet in `body`: one item for all of them
    for number, text in enumerate(entry.paragraphs, 1):
        pieces, notes = segments(text, number - 1, marks), tuple(beside.get(number - 1, ()))
        if not notes and len(pieces) == 1 and pieces[0].mark is None:
            plain.append(_plain_paragraph(number, text))
            continue
        if plain:
            body.append(BodyParagraph(number - len(plain), html=Markup("".join(plain))))
            plain = []
        body.append(BodyParagraph(number, pieces, notes))
    if plain:
        body.append(BodyParagraph(len(entry.paragraphs) + 1 - len(plain), html=Markup("".join(plain))))
    return tuple(body)


@dataclass(frozen=True)
class Tagged:
    entry: Entry
    anchored: Anchored | None = None  # None: the whole article carries the tag

    def key(self) -> str:
        return f"{self.entry.id}#{self.anchored.passage.id}" if self.anchored else self.entry.id


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
        label = most_used([tag for tag, _ in items])
        ordered = sorted(
            (item for _, item in items),
            key=lambda t: (*oldest_first_key(t.entry), t.anchored is not None),  # a day's by time of day
        )
        tags.append(Tag(key, label, tuple(ordered)))
    return tags


def tag_path(tag: str) -> str:
    return f"tags/{slug(tag)}.html"


def compare_count(first: Entry, second: Entry) -> int:
    """How many paragraphs of each report a comparison page shows: COMPARE_PARAGRAPHS at most, and
    no more than keep each report within COMPARE_CHARS characters (one at least)."""
    count = COMPARE_PARAGRAPHS
    for e in (first, second):
        over = next((n for n, total in enumerate(accumulate(map(len, e.paragraphs))) if total > COMPARE_CHARS), None)
        if over is not None:
            count = min(count, max(1, over))
    return count


def compared(first: Entry, second: Entry, count: int = COMPARE_PARAGRAPHS):
    """The two reports' first `count` paragraphs with their shared passages marked."""
    return compare(*(replace(Report.from_entry(e), paragraphs=e.paragraphs[:count]) for e in (first, second)))


def plan_pages(entries: list[Entry], ui_language: str, related: Related | None = None) -> list[PageSpec]:
    """Every generated page. Redirect pages are not in the plan: they are written last, only
    where the site has no file of its own (permanence.resolve, ArchiveGenerator)."""
    ordered = newest_first(entries)
    all_listings = listings(entries)
    by_kind: dict[str, list[Listing]] = {}
    for listing in all_listings:
        by_kind.setdefault(listing.kind, []).append(listing)
    tags = tag_pages(entries)
    taken = frozenset({"index.html", "stories/index.html", *(x.path for x in all_listings), *(t.path for t in tags)})
    plan = []
    for path, items, pager in dated(paginate("index.html", ordered, taken)):
        context = {"entries": items, "pager": pager}
        if pager.number == 1:  # later pages show nothing of the whole list: a new report leaves them as they are
            context |= {"glance": glance(entries, all_listings), "total": len(ordered)}
        plan.append(PageSpec(path, "index", ui_language, context))
    plan += [
        PageSpec("browse.html", "browse", ui_language, {"listings": by_kind, "entries": ordered, "tags": tags}),
        PageSpec("search.html", "search", ui_language),
    ]
    rtl = direction(ui_language) == "rtl"
    labels = outlet_labels(entries)  # a timeline's rows named as the outlets' listings are

    def outlets(shown: Iterable[Entry]) -> dict[str, str]:  # only its own: a new outlet elsewhere leaves the page alone
        return {e.outlet: labels[e.outlet] for e in shown if e.outlet}

    for x in all_listings:  # a listing's later pages show neither its count nor its other spellings
        for path, items, pager in dated(paginate(x.path, x.entries, taken)):
            shown = x if pager.number == 1 else replace(x, entries=(), variants=())
            context = {"listing": shown, "page_entries": items, "pager": pager, "save_offline": True}
            if x.kind == "entity" and pager.number == 1:  # its reports by day and outlet, and who else is named
                context["timeline"] = Derived(timeline.layout, (x.entries, ui_language, rtl, outlets(x.entries)))
                context["named"] = Derived(timeline.named_most, (x.entries, x.key))
            plan.append(PageSpec(path, "listing", ui_language, context))
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
            "body": Derived(article_body, (e,)),
            "note_numbers": {a.passage.id: n for n, a in enumerate((a for a in e.passages if a.spans), 1)},
            "tag_path": tag_path,
        }
        plan.append(PageSpec(e.url, "article", e.lang, context))
    for path, items, pager in paginate("stories/index.html", related.stories, taken):
        firsts = {s.id: by_id[s.id] for s in items}
        plan.append(PageSpec(path, "stories", ui_language, {"stories": list(items), "by_id": firsts, "pager": pager}))
    for s in related.stories:
        members = tuple(by_id[i] for i in s.members)
        context = {
            "story": s,
            "by_id": {e.id: e for e in members},
            "save_offline": True,
            "timeline": Derived(timeline.layout, (members, ui_language, rtl, outlets(members))),
            "named": Derived(timeline.named_most, (members,)),
        }
        plan.append(PageSpec(f"stories/{s.id}.html", "story", ui_language, context))
    duplicates = {  # a pair's link, from whichever side kept it within its max_links
        tuple(sorted((ident, link.target))): link
        for ident, found in related.links.items()
        for link in found
        if link.duplicate
    }
    for (a, b), link in sorted(duplicates.items()):
        first, second = sorted((by_id[a], by_id[b]), key=oldest_first_key)
        shown = compare_count(first, second)
        cut = max(len(first.paragraphs), len(second.paragraphs)) > shown
        marked = Derived(compared, (first, second, shown))
        context = {"first": first, "second": second, "marked": marked, "link": link, "cut": cut, "shown": shown}
        plan.append(PageSpec(compare_path(a, b), "compare", ui_language, context))
    if tags:
        plan.append(PageSpec("tags/index.html", "tags", ui_language, {"tags": tags}))
        for t in tags:
            for path, items, pager in paginate(t.path, t.items, taken, key=Tagged.key):
                plan.append(PageSpec(path, "tag", ui_language, {"tag": replace(t, items=items), "pager": pager}))
    return plan
