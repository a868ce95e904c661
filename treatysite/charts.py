"""Charts drawn when the site is built: the geometry of static SVG pictures, computed from the same counts the
pages print (views.balance, lifecycle.outcome_counts, countries.count, Provision.counts, views.timeline).

Each function returns a chart, or None when there is nothing to draw; templates/_charts.md.j2 writes the markup,
the sentence that says what a chart shows and its numbers as a table. Coordinates are SVG user units in a viewBox
WIDTH wide, sized for a phone: extra.css lets a chart grow only so far on a wide screen, so its text stays
readable at both. Colours are classes (palette slots and the country statuses), set by CSS custom properties for
the light and dark palettes and for print, so no colour is written here.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Iterable

from markupsafe import Markup

from .kinds.lifecycle import OUTCOME_LABELS, LifecycleEntry, outcome_counts
from .model import COUNTRY_STATUS, DIRECTIONS, SLUG, STAKEHOLDER_TYPES, STANCES, StatementCount, date_parts

WIDTH = 480          # viewBox width of every chart
PALETTE = 8          # colour slots in extra.css (.chart-c0 ... .chart-c7): Okabe and Ito's colour-blind-safe set
# Preferred slots, so that a value has the same colour in every chart: objections warm, support blue, grey for
# what is neither. Any other value (a new schema choice) takes the slot of its place in its list.
SLOTS = {"objects": 4, "supports": 0, "mixed": 7,
         "more-protection": 4, "fewer-safeguards": 3, "supporting": 0,
         "not-addressed": 1, "made-worse": 4, "partly-addressed": 5, "addressed": 0, "disputed": 3, "pending": 7,
         "event": 0, "signed": 5, "step": 1}
# The bars of a provision's two sides, as side_values gives them (StatementCount's directions, then support); the
# directions' words are the schema's.
SIDES = {**{d: f"Objecting: {DIRECTIONS[d]}" for d in ("more-protection", "fewer-safeguards")},
         "supporting": "Supporting"}


def number(value) -> Markup:
    """A coordinate or count for SVG markup: digits, a sign and a point are all it can hold."""
    if isinstance(value, float):
        value = round(value, 1)
        value = int(value) if value.is_integer() else value
    return Markup(str(int(value) if isinstance(value, bool) else value))


def slot(key: str, index: int) -> str:
    return f"c{SLOTS.get(key, index % PALETTE)}"


@dataclass
class Series:
    key: str
    label: str
    colour: Markup       # a class: a palette slot (c0-c7) or a country status (st-ratified)

    def __post_init__(self):
        if not SLUG.fullmatch(self.colour):
            raise ValueError(f"not a colour class: {self.colour!r}")
        self.colour = Markup(self.colour)


@dataclass
class Segment:
    series: Series
    value: int
    x: float
    w: float


@dataclass
class BarRow:
    label: str
    page: object                      # a Page the row is about, linked from the table, or None
    values: list[int]                 # one per series
    segments: list[Segment]
    y: float                          # the label's baseline
    bar_y: float                      # the bar's top
    end: float                        # where the bar ends (the total is written after it)

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass
class Bars:
    """Horizontal bars, one per row, each split into series; the row's label above its bar."""

    series: list[Series]
    rows: list[BarRow]
    height: float
    target: tuple[float, int] | None = None          # (x, value) of a line to reach, e.g. instruments needed
    width: int = WIDTH
    bar_h: float = 16

    @property
    def shown_series(self) -> list[Series]:
        """The series with any value, for the key."""
        return [s for i, s in enumerate(self.series) if any(r.values[i] for r in self.rows)]


def bars(rows: list[tuple[str, object, list[int]]], series: list[Series], target: int | None = None) -> Bars | None:
    """Bars for (label, page, values per series) rows; None when every value is zero and there is no target."""
    if not rows or not (any(any(v) for _, _, v in rows) or target):
        return None
    top = max([sum(v) for _, _, v in rows] + [target or 0])
    room = WIDTH - 40                    # the total or the target's label fits after the longest bar
    scale = room / top
    out, y = [], 18.0 if target else 0.0    # room above for the target's label
    for label, page, values in rows:
        x, segments = 0.0, []
        for s, v in zip(series, values):
            if v:
                segments.append(Segment(s, v, round(x, 1), round(v * scale, 1)))
                x += v * scale
        out.append(BarRow(label, page, list(values), segments, y + 15, y + (20 if label else 0), round(x, 1)))
        y += (20 if label else 0) + 16 + 10
    return Bars(series, out, y, (round(target * scale, 1), target) if target else None)


def one_bar_each(series: list[Series], values: list[int]) -> Bars | None:
    """One bar per series, labelled and coloured as its series, holding its value."""
    return bars([(s.label, None, [v if t is s else 0 for t in series]) for s, v in zip(series, values)], series)


def stance_by_type(by_type: dict[str, dict[str, int]]) -> Bars | None:
    """Statements by kind of stakeholder and stance (views.balance().by_type)."""
    series = [Series(k, label, slot(k, i)) for i, (k, label) in enumerate(STANCES.items())]
    return bars([(STAKEHOLDER_TYPES[kind], None, [row[s.key] for s in series]) for kind, row in by_type.items()], series)


def outcomes(entries: list[LifecycleEntry]) -> Bars | None:
    """What became of the objections, by outcome (lifecycle.outcome_counts, the page's count)."""
    counts = outcome_counts(entries)
    return one_bar_each([Series(k, OUTCOME_LABELS[k], slot(k, i)) for i, k in enumerate(counts)], list(counts.values()))


def disagreements(entries: list[LifecycleEntry]) -> list[tuple[list[str], int]]:
    """For the entries whose sources disagree: each set of differing verdicts (labels) and how many entries gave it."""
    found: dict[tuple[str, ...], int] = {}
    for e in entries:
        if e.outcome == "disputed":
            verdicts = tuple(sorted({v.outcome for v in e.verdicts}, key=list(OUTCOME_LABELS).index))
            found[verdicts] = found.get(verdicts, 0) + 1
    return [([OUTCOME_LABELS[o] for o in k], n) for k, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))]


def side_values(c: StatementCount) -> list[int]:
    """Statements objecting (wanting more protection, wanting fewer safeguards) and supporting: one bar each."""
    return [c.more_protection, c.fewer_safeguards, c.supporting]


def side_series() -> list[Series]:
    return [Series(k, label, slot(k, i)) for i, (k, label) in enumerate(SIDES.items())]


def provision_sides(p: Provision) -> Bars | None:
    """Both sides of one provision: one bar per side."""
    return one_bar_each(side_series(), side_values(p.counts()))


@dataclass
class Column:
    page: Provision
    label: str
    values: list[int]                    # one per series
    objecting: int                       # statements objecting, each once
    x: float
    up: list[Segment]                    # objections, stacked upward from the axis
    down: list[Segment]                  # support, downward

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass
class Columns:
    """Diverging columns, one per provision: objections above the axis, support below."""

    series: list[Series]
    columns: list[Column]
    axis: float                           # y of the axis
    height: float
    step: float                           # width given to each column
    bar_w: float
    ticks: list[tuple[float, str]]        # (x centre, label) under the axis, every few columns
    up_top: int
    down_top: int
    width: int = WIDTH

    @property
    def shown_series(self) -> list[Series]:
        return [s for i, s in enumerate(self.series) if any(c.values[i] for c in self.columns)]


def provisions_sides(provisions: Iterable[Provision]) -> Columns | None:
    """Both sides of each provision (an article's chapter, or all articles) as diverging columns; None if all are 0."""
    series = side_series()
    rows = [(p, side_values(c), c.objecting) for p, c in ((p, p.counts()) for p in provisions)]
    if not any(any(v) for _, v, _ in rows):
        return None
    up_top = max(v[0] + v[1] for _, v, _ in rows) or 1
    down_top = max(v[2] for _, v, _ in rows) or 1
    plot = 200.0                              # height of the bars, shared in proportion between the two sides
    scale = plot / (up_top + down_top)
    top_pad, axis = 18.0, 18.0 + up_top * scale
    step = (WIDTH - 30) / len(rows)
    bar_w = max(min(step * 0.75, 40), 1.5)
    columns = []
    for i, (p, values, objecting) in enumerate(rows):
        x = 30 + i * step + (step - bar_w) / 2
        up, y = [], axis
        for s, v in zip(series[:2], values[:2]):
            if v:
                y -= v * scale
                up.append(Segment(s, v, round(y, 1), round(v * scale, 1)))
        down = [Segment(series[2], values[2], round(axis, 1), round(values[2] * scale, 1))] if values[2] else []
        columns.append(Column(p, str(getattr(p, "number", p.label)), values, objecting, round(x, 1), up, down))
    every = next(k for k in (1, 2, 5, 10, 20, 50, 100, 1000) if len(rows) / k <= 14)
    ticks = [(round(c.x + bar_w / 2, 1), c.label) for i, c in enumerate(columns) if i % every == 0]
    height = axis + down_top * scale + 28
    return Columns(series, columns, round(axis, 1), round(height, 1), round(step, 2), round(bar_w, 2), ticks,
                   up_top, down_top)


def _day(value: str) -> datetime.date:
    """A partial date at the first day it can mean (2025-10 -> 1 October 2025), as dates sort as text."""
    parts = date_parts(value) + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


@dataclass
class Marker:
    key: str             # A, B, C: the letter on the chart and in the list under it
    date: str
    text: str
    x: float


@dataclass
class Steps:
    """A cumulative count over time: a step line from the first date to the as-of date, with marked dates."""

    points: str                          # the polyline's points
    area: str                            # the same closed along the axis
    steps: list[tuple[str, int, int]]    # (date, added that day, total by then)
    markers: list[Marker]
    reported: list[tuple[float, float, str, int]]     # (x, y, date, count) of totals reported by sources
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]
    left: float
    bottom: float
    top: float
    end: tuple[float, float, int]        # the last point and its total
    width: int = WIDTH
    height: float = 230


def cumulative(dates: list[str], as_of: str, marks: list[tuple[str, str]],
               reported: list[tuple[str, int]] = ()) -> Steps | None:
    """How many had happened by each date (partial dates count from their first day), up to as_of; marks are
    (date, text) drawn as lettered lines where they fall inside that span; reported are (date, total) that
    sources gave, drawn as rings beside the line where they fall inside it."""
    if not dates:
        return None
    added: dict[str, int] = {}
    for d in dates:
        added[d] = added.get(d, 0) + 1
    start, end = _day(min(added)), max(_day(as_of), _day(max(added)))
    span = max((end - start).days, 1)
    left, right, top, bottom = 34.0, WIDTH - 10.0, 14.0, 190.0
    reported = [(d, n) for d, n in reported if start <= _day(d) <= end]
    peak = max([len(dates)] + [n for _, n in reported])
    unit = next(u for u in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10**9) if peak / u <= 5)
    y_of = lambda n: round(bottom - (bottom - top) * n / max(peak, 1), 1)
    x_of = lambda day: round(left + (right - left) * (day - start).days / span, 1)
    points, steps, total = [(left, bottom)], [], 0
    for d in sorted(added, key=lambda d: (_day(d), d)):
        x = x_of(_day(d))
        points.append((x, y_of(total)))
        total += added[d]
        points.append((x, y_of(total)))
        steps.append((d, added[d], total))
    points.append((right, y_of(total)))
    line = Markup(" ".join(f"{number(x)},{number(y)}" for x, y in points))
    markers = [Marker(chr(65 + i), d, text, x_of(_day(d)))
               for i, (d, text) in enumerate(sorted((m for m in marks if start <= _day(m[0]) <= end), key=lambda m: _day(m[0])))
               if i < 26]
    months = (end.year - start.year) * 12 + end.month - start.month
    every = next(k for k in (1, 2, 3, 6, 12, 24, 60, 120) if months / k <= 5)
    x_ticks, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        day = datetime.date(y, m, 1)
        if day >= start and ((y * 12 + m - 1) % every == 0):
            x_ticks.append((x_of(day), str(y) if m == 1 or every >= 12 else f"{day:%b} {y}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    y_ticks = [(y_of(n), n) for n in range(0, peak + 1, unit)]
    rings = [(x_of(_day(d)), y_of(n), d, n) for d, n in sorted(reported)]
    return Steps(line, Markup(f"{line} {number(right)},{number(bottom)}"), steps, markers, rings, x_ticks, y_ticks,
                 left, bottom, top, (right, y_of(total), total))


def marks(site) -> list[tuple[str, str]]:
    """Dates to mark on a chart over time: the timeline's events, then the treaty's key dates, each date once."""
    found: dict[str, str] = {}
    for e in site.events:
        found.setdefault(e.date, e.title)
    for d in site.treaty.get("key_dates", []):
        found.setdefault(d["date"], d["event"])
    return list(found.items())


def signatures(countries, as_of: str, marks: list[tuple[str, str]], reported: list[dict] = ()) -> Steps | None:
    """Signatures over time, cumulative: one step per signature date of the country records; the dated totals
    that sources reported (data/ratifications.yaml signature_counts) as rings beside it."""
    return cumulative([c.signature["date"] for c in countries if c.signature], as_of, marks,
                      [(r["date"], r["count"]) for r in reported if r.get("date")])


def instruments(story) -> Bars | None:
    """Instruments toward the number needed: deposited, and states with steps under way (signatures.signature_story,
    the pages' count), in the colours of the map's statuses."""
    series = [Series("ratified", COUNTRY_STATUS["ratified"], "st-ratified"),
              Series("ratifying", COUNTRY_STATUS["ratifying"], "st-ratifying")]
    return bars([("", None, [story.deposited, story.stepping])], series, target=story.needed)


@dataclass
class Dot:
    x: float
    y: float
    series: Series
    date: str
    text: str


@dataclass
class Strip:
    """Dated entries on one line from the first to the as-of date, a lane per kind of entry."""

    series: list[Series]
    dots: list[Dot]
    lanes: list[tuple[float, Series]]
    x_ticks: list[tuple[float, str]]
    per_year: list[tuple[str, list[int]]]      # year -> entries per series
    first: str
    last: str                                   # the as-of date, where the strip ends
    left: float
    right: float
    height: float
    width: int = WIDTH


TIMELINE_KINDS = {"event": "Events", "signed": "Days with signatures", "step": "Steps toward ratification"}


def timeline_strip(entries, as_of: str) -> Strip | None:
    """The timeline's entries (views.timeline) as dots on a strip from the first entry to as_of."""
    if not entries:
        return None
    kinds = [k for k in TIMELINE_KINDS if any(e.kind == k for e in entries)]
    series = {k: Series(k, TIMELINE_KINDS[k], slot(k, i)) for i, k in enumerate(kinds)}
    start = _day(min(e.date for e in entries))
    end = max(_day(as_of), _day(max(e.date for e in entries)))
    start_year, end_year = start.year, end.year
    left, right = 10.0, WIDTH - 10.0
    span = max((end - datetime.date(start_year, 1, 1)).days, 1)
    x_of = lambda day: round(left + (right - left) * (day - datetime.date(start_year, 1, 1)).days / span, 1)
    lanes = {k: 14.0 + 16 * i for i, k in enumerate(kinds)}
    dots = [Dot(x_of(_day(e.date)), lanes[e.kind], series[e.kind], e.date,
                e.event.title if e.event else (f"signatures: {len(e.signed)}" if e.signed else f"{e.country.name}: {e.step}"))
            for e in entries]
    axis = 14.0 + 16 * len(kinds)
    years = list(range(start_year, end_year + 1))
    every = next(k for k in (1, 2, 5, 10, 20, 50) if len(years) / k <= 8)
    x_ticks = [(x_of(datetime.date(y, 1, 1)), str(y)) for y in years if (y - start_year) % every == 0]
    per_year: dict[str, list[int]] = {}
    for e in entries:
        per_year.setdefault(e.date[:4], [0] * len(kinds))[kinds.index(e.kind)] += 1
    return Strip(list(series.values()), dots, [(lanes[k], series[k]) for k in kinds], x_ticks,
                 sorted(per_year.items()), min(e.date for e in entries), as_of, left, right, axis + 24)
