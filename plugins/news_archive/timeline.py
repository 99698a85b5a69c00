"""The timeline picture of an entity's or a story's reports, as plain data: one row per outlet,
one column per day, a mark per report, drawn as inline SVG by the theme (_timeline.html).

Everything here is geometry in CSS pixels: the picture is shown at 1:1, the outlet names in a
column of their own (NAMES_WIDTH) beside the plot, which scrolls sideways when the screen is
narrower than it, the names staying in view. The template only writes the numbers out. Time
runs in the page's reading direction: on a right-to-left page the earliest report is on the
right, next to the outlet names, where the eye starts (and where a scrolled box starts too).

- x is a continuous day axis from the first to the last dated report; a gap of more than
  GAP_DAYS days without reports is shortened to a break of BREAK_WIDTH pixels (marked, with
  its length) when the picture would otherwise give a day fewer than MIN_DAY pixels, the
  longest gaps first;
- ticks every day, few days, week(s), month(s) or year(s), whichever is the finest whose labels
  do not crowd; every stretch between breaks has at least one labelled tick;
- rows: outlets with the most reports first; past MAX_ROWS rows, the tail is folded into one
  "other outlets" row (reports without an outlet go there too, else they have a row of their own);
- up to STACK reports of one outlet on one day are stacked, more are one mark with a count;
- reports without a date are not plotted: they are listed apart (`undated`);
- at most MAX_PLOTTED reports are drawn (the latest); the page says so when there are more.

No Pelican here: tests call `layout` with plain entries."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from babel.dates import format_date

from .archive import most_used, outlet_key

# --- the picture's dimensions (CSS px) ------------------------------------------------------------
WIDTH = 672  # the widest picture, names and plot: the page's text column at 1280 px
NAMES_WIDTH = 140  # the outlet names' column, on the start side
LABEL_CHARS = 17  # a longer outlet name is cut (at a word when it can be) and ends with …
LABEL_PAD = 8  # between the picture's edge and the outlet names
START_PAD = 36  # before the first day: room for half a tick label (the plot clips what overflows)
END_PAD = 36  # after the last day, the same
TOP = 28  # above the rows: the length of each shortened gap
TOP_PLAIN = 10  # above the rows when no gap is shortened
AXIS = 50  # below the rows: tick labels, two lines (day and month, then the year)
ROW_MIN = 34  # height of a row with one report a day
STEP = 13  # between two stacked marks
RADIUS = 5.5  # of a mark, when days are wide enough (down to MIN_RADIUS when they are not)
MIN_RADIUS = 4.0
NARROW = 340  # a picture wider than this scrolls on a phone (390 px less the page's margins)
PILE_WIDTH = 26  # a mark that stands for more than STACK reports (with their count)
BREAK_WIDTH = 68  # a shortened gap

# --- the rules ------------------------------------------------------------------------------------
MAX_ROWS = 7  # outlets with a row of their own, "other outlets" included
STACK = 3  # reports of one outlet on one day drawn one above the other; more are counted
GAP_DAYS = 30  # only a longer stretch without reports may be shortened
MIN_DAY = 8.0  # shorten gaps until a day is at least this wide (or no gap is left to shorten)
MAX_DAY = 96.0  # a day is never wider (a short story is a narrow picture)
MAX_PLOTTED = 300  # the latest reports drawn; the text alternative lists the same ones
MAX_UNDATED = 10  # undated reports named under the picture (the page's list has them all)
TOP_NAMED = 8  # entities listed with their counts


class Report(Protocol):
    """What the timeline reads of an archive entry (archive.Entry)."""

    id: str
    title: str
    date: dt.date | None
    outlet: str | None
    lang: str
    entities: tuple[str, ...]

    @property
    def url(self) -> str: ...


@dataclass(frozen=True)
class Row:
    kind: str  # "outlet" | "other" (the folded tail) | "unknown" (reports without an outlet)
    label: str  # the outlet's name ("" for the other two kinds: the template says what they are)
    short: str  # the label as drawn (cut when long)
    path: str | None  # the outlet's listing page
    count: int  # reports drawn in this row
    y: float  # top
    height: float

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Mark:
    """One report: a dot linking to its article."""

    x: float
    y: float
    report: Report
    row: int


@dataclass(frozen=True)
class Pile:
    """More than STACK reports of one outlet on one day: one mark with their count, linking to
    the first of them in the text alternative."""

    x: float
    y: float
    day: dt.date
    reports: tuple[Report, ...]
    row: int

    @property
    def count(self) -> int:
        return len(self.reports)


@dataclass(frozen=True)
class Tick:
    x: float
    day: dt.date
    lines: tuple[str, ...]  # the label (day and month, then the year when it changes); () unlabelled


@dataclass(frozen=True)
class Break:
    """A shortened stretch without reports, between the days `before` and `after`."""

    x: float  # its middle
    before: dt.date
    after: dt.date

    @property
    def days(self) -> int:
        return (self.after - self.before).days

    @property
    def length(self) -> tuple[int, str]:
        """(number, unit) to say how long it is: days under two months, months under two years."""
        if self.days < 60:
            return self.days, "day"
        months = (self.after.year - self.before.year) * 12 + self.after.month - self.before.month
        months -= self.after.day < self.before.day
        return (months, "month") if months < 24 else (months // 12, "year")


@dataclass(frozen=True)
class Stretch:
    """Consecutive days drawn to scale, between two breaks (or the picture's ends)."""

    first: dt.date
    last: dt.date
    x0: float  # left and right edges, whatever the reading direction
    x1: float


@dataclass(frozen=True)
class Item:
    """One line of the text alternative: a plotted report, in time order."""

    report: Report
    day: dt.date
    row: Row


@dataclass(frozen=True)
class Timeline:
    width: float
    height: float
    rtl: bool
    rows: tuple[Row, ...]
    marks: tuple[Mark, ...]
    piles: tuple[Pile, ...]
    ticks: tuple[Tick, ...]
    breaks: tuple[Break, ...]
    stretches: tuple[Stretch, ...]
    items: tuple[Item, ...]  # the plotted reports, earliest first
    undated: tuple[Report, ...]  # not plotted (at most MAX_UNDATED)
    undated_count: int
    dated_count: int  # all dated reports, plotted or not (MAX_PLOTTED)
    plot_top: float
    plot_bottom: float
    unit: str  # of the ticks: "day" | "week" | "month" | "year"
    radius: float = RADIUS  # of a mark: smaller when days are narrow, so that neighbours overlap less

    names_width = NAMES_WIDTH  # the width of the outlet names' column (`width` is the plot's)
    pile_width = PILE_WIDTH
    pile_height = 2 * RADIUS + 8

    @property
    def wide(self) -> bool:
        """Wider than a phone's screen (the plot scrolls there)."""
        return self.names_width + self.width > NARROW

    @property
    def label_x(self) -> float:
        """Where the outlet names start (their text anchor is "start", in the page's direction)."""
        return NAMES_WIDTH - LABEL_PAD if self.rtl else LABEL_PAD

    @property
    def plotted(self) -> int:
        return len(self.items)

    @property
    def first(self) -> dt.date | None:
        return self.items[0].day if self.items else None

    @property
    def last(self) -> dt.date | None:
        return self.items[-1].day if self.items else None

    @property
    def axis_y(self) -> float:
        return self.plot_bottom


# --- rows -----------------------------------------------------------------------------------------
def short_label(name: str, limit: int = LABEL_CHARS) -> str:
    """The name as drawn: cut after at most `limit` characters, at a space when there is one
    in its second half, with an ellipsis."""
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ،,.-") + "…"


def _row_keys(
    reports: Sequence[Report], labels: Mapping[str, str] | None = None
) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """(rows as (kind, key, label), each report's row key): outlets with one outlet_key share a
    row (as they share a listing page), the most reports first, then the earliest,
    then by name; reports without an outlet last; past MAX_ROWS the tail becomes "other".
    A row is named as `labels` (archive.outlet_labels) names the outlet's listing, else by the
    spelling these reports use most."""
    key_of = {r.id: outlet_key(r.outlet) if r.outlet else "" for r in reports}
    counts = Counter(key_of.values())
    spellings: dict[str, list[str]] = {}
    earliest: dict[str, dt.date] = {}
    for r in reports:
        if r.outlet:
            spellings.setdefault(key_of[r.id], []).append(r.outlet)
        if r.date and (key_of[r.id] not in earliest or r.date < earliest[key_of[r.id]]):
            earliest[key_of[r.id]] = r.date
    name = {k: (labels or {}).get(found[0]) or most_used(found) for k, found in spellings.items()}
    known = sorted((k for k in counts if k), key=lambda k: (-counts[k], earliest.get(k, dt.date.max), name[k], k))
    rows = [("outlet", k, name[k]) for k in known]
    if "" in counts:
        rows.append(("unknown", "", ""))
    if len(rows) > MAX_ROWS:
        kept = {k for _, k, _ in rows[: MAX_ROWS - 1]}
        rows = [*rows[: MAX_ROWS - 1], ("other", "\0other", "")]
        key_of = {i: k if k in kept else "\0other" for i, k in key_of.items()}
    return rows, key_of


# --- the day axis ---------------------------------------------------------------------------------
def _stretches(days: Sequence[dt.date], width: float) -> tuple[list[tuple[dt.date, dt.date]], float]:
    """Cut the sorted report days into stretches drawn to scale, shortening the longest gaps
    (of more than GAP_DAYS) first while a day would be narrower than MIN_DAY and the breaks
    take at most half the width; and the width of one day."""
    gaps = sorted(
        ((days[i + 1] - days[i]).days, i) for i in range(len(days) - 1) if (days[i + 1] - days[i]).days > GAP_DAYS
    )
    cut: set[int] = set()

    def day_width(shortened: set[int]) -> float:
        total = (days[-1] - days[0]).days + 1 - sum((days[i + 1] - days[i]).days - 1 for i in shortened)
        return (width - len(shortened) * BREAK_WIDTH) / total

    while gaps and day_width(cut) < MIN_DAY and (len(cut) + 1) * BREAK_WIDTH <= width / 2:
        cut.add(gaps.pop()[1])  # the longest (on a tie, the latest)
    stretches, start = [], days[0]
    for i in sorted(cut):
        stretches.append((start, days[i]))
        start = days[i + 1]
    stretches.append((start, days[-1]))
    return stretches, min(MAX_DAY, day_width(cut))


TICK_STEPS: tuple[tuple[str, int, float], ...] = (  # unit, step in its units, about how many days
    ("day", 1, 1),
    ("day", 2, 2),
    ("day", 3, 3),
    ("week", 1, 7),
    ("week", 2, 14),
    ("month", 1, 30.4),
    ("month", 2, 60.9),
    ("month", 3, 91.3),
    ("month", 6, 182.6),
    ("year", 1, 365.2),
    ("year", 2, 730.5),
    ("year", 5, 1826.2),
    ("year", 10, 3652.4),
    ("year", 25, 9131.1),
)
LABEL_ROOM = {"day": 76.0, "week": 76.0, "month": 58.0, "year": 44.0}  # px a tick's label needs


def tick_step(day_width: float) -> tuple[str, int]:
    """The finest step whose ticks are at least a label apart."""
    for unit, step, days in TICK_STEPS:
        if days * day_width >= LABEL_ROOM[unit]:
            return unit, step
    return TICK_STEPS[-1][:2]


def _tick_days(first: dt.date, last: dt.date, unit: str, step: int) -> list[dt.date]:
    """Tick days within one stretch: every `step` days (or weeks) from its first day; the first
    of every `step`-th month; the first of January of every `step`-th year. A stretch with no
    such day gets a tick at its first day."""
    if unit in ("day", "week"):
        every = step * (7 if unit == "week" else 1)
        return [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, every)]
    found = []
    year, month = first.year, first.month
    while dt.date(year, month, 1) <= last:
        day = dt.date(year, month, 1)
        if day >= first and (
            (unit == "month" and (month - 1) % step == 0) or (unit == "year" and month == 1 and year % step == 0)
        ):
            found.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found or [first]


def _on_step(day: dt.date, unit: str) -> bool:
    """Whether a tick day is one of the unit's own (a month's or a year's first day)."""
    return unit in ("day", "week") or (day.day == 1 and (unit == "month" or day.month == 1))


def tick_label(day: dt.date, unit: str, lang: str, with_year: bool) -> tuple[str, ...]:
    """A tick's label in `lang`, in ASCII digits (the theme's `digits` filter writes them as the
    page wants): the day and month (a month alone, a year alone on month and year steps), then
    the year on a second line when `with_year`."""
    year = format_date(day, "y", locale=lang)
    if not _on_step(day, unit):  # a stretch labelled at its first day
        return (format_date(day, "d MMM", locale=lang), year)
    if unit == "year":
        return (year,)
    top = format_date(day, "LLL" if unit == "month" else "d MMM", locale=lang)
    return (top, year) if with_year else (top,)


def _ticks(stretches: list[tuple[dt.date, dt.date, float]], day_width: float, lang: str) -> tuple[list[Tick], str]:
    """Every tick (x in reading order) and the unit; labels only where they do not crowd, but
    always on the first tick of every stretch (it says where the days after a break start)."""
    unit, step = tick_step(day_width)
    candidates: list[tuple[float, dt.date, bool]] = []  # x, day, the first of its stretch
    for first, last, x0 in stretches:
        for n, day in enumerate(_tick_days(first, last, unit, step)):
            candidates.append((x0 + ((day - first).days + 0.5) * day_width, day, n == 0))
    kept: list[int] = []
    for n, (x, day, first) in enumerate(candidates):
        room = LABEL_ROOM[unit if _on_step(day, unit) else "day"]
        while kept and x - candidates[kept[-1]][0] < room and first and not candidates[kept[-1]][2]:
            kept.pop()  # an ordinary label gives way to a stretch's first
        if first or not kept or x - candidates[kept[-1]][0] >= room:
            kept.append(n)
    ticks, year, labelled = [], None, set(kept)
    for n, (x, day, _) in enumerate(candidates):
        lines: tuple[str, ...] = ()
        if n in labelled:
            lines = tick_label(day, unit, lang, with_year=day.year != year)
            year = day.year
        ticks.append(Tick(x, day, lines))
    return ticks, unit


# --- the whole picture ------------------------------------------------------------------------------
def layout(
    reports: Iterable[Report], lang: str, rtl: bool, labels: Mapping[str, str] | None = None, width: float = WIDTH
) -> Timeline:
    """The timeline of these reports for a page in `lang` (tick labels) read `rtl` or not; its
    rows named as `labels` names the outlets' listings (see _row_keys)."""
    everything = list(reports)
    dated = sorted((r for r in everything if r.date), key=lambda r: (r.date, r.id))
    undated = sorted((r for r in everything if not r.date), key=lambda r: r.id)
    plotted = dated[-MAX_PLOTTED:]
    row_specs, key_of = _row_keys(plotted, labels)
    row_index = {key: n for n, (_, key, _) in enumerate(row_specs)}
    cells: dict[tuple[int, dt.date], list[Report]] = {}
    for r in plotted:
        cells.setdefault((row_index[key_of[r.id]], r.date), []).append(r)  # type: ignore[arg-type]
    slots = [1] * len(row_specs)
    for (row, _), found in cells.items():
        slots[row] = max(slots[row], len(found) if len(found) <= STACK else 1)
    days = sorted({r.date for r in plotted if r.date})
    spans, day_width = _stretches(days, width - NAMES_WIDTH - START_PAD - END_PAD) if days else ([], MAX_DAY)
    top = TOP if len(spans) > 1 else TOP_PLAIN  # room for the gaps' lengths, when there are gaps
    rows, y = [], float(top)
    counts = Counter(row_index[key_of[r.id]] for r in plotted)
    for n, (kind, key, label) in enumerate(row_specs):
        height = max(ROW_MIN, slots[n] * STEP + 12)
        path = f"outlets/{key}.html" if kind == "outlet" else None
        rows.append(Row(kind, label, short_label(label), path, counts[n], y, height))
        y += height
    plot_top, plot_bottom = float(top), y
    start = START_PAD
    marks: list[Mark] = []
    piles: list[Pile] = []
    ticks: list[Tick] = []
    breaks: list[Break] = []
    stretch_list: list[Stretch] = []
    unit = "day"
    right = start
    if plotted:
        x = start
        placed: list[tuple[dt.date, dt.date, float]] = []
        for n, (first, last) in enumerate(spans):
            placed.append((first, last, x))
            x += ((last - first).days + 1) * day_width
            if n < len(spans) - 1:
                breaks.append(Break(x + BREAK_WIDTH / 2, last, spans[n + 1][0]))
                x += BREAK_WIDTH
        right = x

        def day_x(day: dt.date) -> float:
            for first, last, x0 in placed:
                if first <= day <= last:
                    return x0 + ((day - first).days + 0.5) * day_width
            raise ValueError(day)  # every report day is in a stretch

        for (row, day), found in sorted(cells.items(), key=lambda c: (c[0][1], c[0][0])):
            middle = rows[row].middle
            if len(found) > STACK:
                piles.append(Pile(day_x(day), middle, day, tuple(found), row))
                continue
            for k, r in enumerate(found):
                marks.append(Mark(day_x(day), middle + (k - (len(found) - 1) / 2) * STEP, r, row))
        ticks, unit = _ticks(placed, day_width, lang)
        stretch_list = [Stretch(f, last, x0, x0 + ((last - f).days + 1) * day_width) for f, last, x0 in placed]
    total_width = round(right + END_PAD)
    order = {id(r): n for n, r in enumerate(plotted)}
    items = tuple(
        Item(r, r.date, rows[row_index[key_of[r.id]]])  # type: ignore[arg-type]
        for r in sorted(plotted, key=lambda r: (r.date, row_index[key_of[r.id]], order[id(r)]))
    )

    def at(x: float) -> float:
        """x as drawn: mirrored on a right-to-left page (time runs right to left, the outlet names
        are on the right)."""
        return _n(total_width - x if rtl else x)

    return Timeline(
        width=total_width,
        height=_n(plot_bottom + AXIS),
        rtl=rtl,
        rows=tuple(rows),
        marks=tuple(Mark(at(m.x), _n(m.y), m.report, m.row) for m in marks),
        piles=tuple(Pile(at(p.x), _n(p.y), p.day, p.reports, p.row) for p in piles),
        ticks=tuple(Tick(at(t.x), t.day, t.lines) for t in ticks),
        breaks=tuple(Break(at(b.x), b.before, b.after) for b in breaks),
        stretches=tuple(Stretch(s.first, s.last, *sorted((at(s.x0), at(s.x1)))) for s in stretch_list),
        items=items,
        undated=tuple(undated[:MAX_UNDATED]),
        undated_count=len(undated),
        dated_count=len(dated),
        plot_top=_n(plot_top),
        plot_bottom=_n(plot_bottom),
        unit=unit,
        radius=_n(max(MIN_RADIUS, min(RADIUS, day_width / 2))) if plotted else RADIUS,
    )


def _n(x: float, places: int = 2) -> float:
    """A coordinate as written in the SVG: two decimals at most (or `places`), no ".0"."""
    x = round(x, places)
    return int(x) if x == int(x) else x


# --- the entities named with it ---------------------------------------------------------------------
@dataclass(frozen=True)
class Named:
    entity: str  # gazetteer id
    count: int  # reports that name it
    of: int  # reports counted

    @property
    def share(self) -> float:
        """Of the reports counted, the percentage that name it: its bar's length in a bar 100
        long (a tenth of it is a fraction of a pixel)."""
        return _n(100 * self.count / self.of, 1) if self.of else 0

    def start(self, rtl: bool) -> float:
        """Where its bar starts: on the right on right-to-left pages."""
        return _n(100 - self.share, 1) if rtl else 0


def named_most(reports: Iterable[Report], besides: str | None = None, top: int = TOP_NAMED) -> tuple[Named, ...]:
    """The entities named in the most of these reports (each report counts once), `besides`
    left out (an entity's own page lists the others named with it); ties by id."""
    found = list(reports)
    counts = Counter(ident for r in found for ident in set(r.entities) if ident != besides)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return tuple(Named(ident, count, len(found)) for ident, count in ranked)
