"""Views across the kinds, computed from the linked Site: the objection matrix, the article grid, the balance of
stances, the coalitions and both sides of a provision, and the timeline of events, signatures and ratification
steps. A view of one kind alone lives with its kind (the world map: kinds/countries.py)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .model import (DIRECTIONS, STAKEHOLDER_TYPES, STANCES, StatementCount, Target, count_statements,
                    statement_total, statements_by_stakeholder, statements_by_type)
from .schema import choices, options
from .site import Site

# How much a listing shows, so that no page grows without bound; counts always cover everything.
LATEST = 50            # statements listed on the statements index
THEME_LIMIT = 100      # objections listed on a theme page
PROVISION_LIMIT = 100  # objections (statements) listed on a provision (stakeholder) page
PARAGRAPH_LIMIT = 20   # objections named under a paragraph of a provision page
ROW_LIMIT = 10         # objections per provision linked from a stakeholder's table

# Camps for the coalition view, from the stakeholder schema: its $defs/camp names the camps (label, order), and
# each stakeholder type names its camp, or none. A coalition counts through the types of its recorded members.
CAMPS = choices("stakeholder", "#camp")                                           # camp -> label, in order
CAMP_OF = {option["const"]: option.get("camp") for option in options("stakeholder", "type")}  # type -> camp or None
NO_CAMP = "no-camp"            # the types in no camp, shown together after the camps, never dropped
TOGETHER = ("civil-society", "industry")   # the camps whose shared objections the page is about
# In a row of objections from the opposite direction, the key of those wanting fewer safeguards: a direction
# listed among the camps, not a camp (camp_label and CampRow.objectors treat it so).
OPPOSITE = "fewer safeguards"


def types_in(camp: str) -> list[str]:
    """The stakeholder types of a camp (or of NO_CAMP), in the schema's order."""
    return [t for t, c in CAMP_OF.items() if (c or NO_CAMP) == camp]


def camp_label(camp: str) -> str:
    """A camp as readers see it: its title and, where they differ from it, the titles of the types in it; empty
    for a camp no type belongs to (NO_CAMP, when every type has a camp)."""
    if camp == OPPOSITE:
        return DIRECTIONS["fewer-safeguards"].capitalize()
    types = [STAKEHOLDER_TYPES[t] for t in types_in(camp)]
    title = CAMPS.get(camp, "In no camp")
    return "" if not types else title if types == [title] else f"{title} ({', '.join(types)})"


def reading_order(site: Site) -> list[Provision]:
    """Every provision in reading order: the whole text, the preamble, each chapter and its articles, then any
    articles outside the chapters."""
    order: list[Provision] = [site.treaty_page, site.preamble]
    for chapter in site.chapters:
        order.append(chapter)
        order.extend(chapter.articles)
    return order + site.loose_articles


@dataclass
class MatrixRow:
    provision: Provision
    cells: list[tuple[str, int, int, int]]   # (stakeholder type, objecting statements, supporting statements, shade 0-4)
    counts: StatementCount                   # the row's totals: the one count of statements on the provision

    @property
    def total(self) -> int:
        return self.counts.objecting

    @property
    def support(self) -> int:
        return self.counts.supporting


@dataclass
class MatrixGroup:
    label: str
    rows: list[MatrixRow] = field(default_factory=list)


def objection_matrix(site: Site) -> tuple[list[str], list[MatrixGroup]]:
    """Columns (stakeholder types with any position) and rows grouped by chapter: statements objecting to and
    supporting each provision, by kind of stakeholder (a joint statement counts in each of its kinds)."""
    provisions = reading_order(site)
    against = {p.id: statements_by_type(p.links) for p in provisions}
    support = {p.id: statements_by_type(p.support) for p in provisions}
    columns = [t for t in STAKEHOLDER_TYPES if any(t in c for c in [*against.values(), *support.values()])]
    peak = max([n for c in against.values() for n in c.values()] or [1])

    def row(p: Provision) -> MatrixRow:
        a, s = against[p.id], support[p.id]
        cells = [(t, a.get(t, 0), s.get(t, 0), math.ceil(4 * a.get(t, 0) / peak)) for t in columns]
        return MatrixRow(p, cells, p.counts())

    groups = [MatrixGroup(f"{site.treaty_page.label} as a whole", [row(site.treaty_page), row(site.preamble)])]
    for chapter in site.chapters:
        groups.append(MatrixGroup(chapter.heading, [row(chapter)] + [row(a) for a in chapter.articles]))
    if site.loose_articles:
        groups.append(MatrixGroup("Articles outside the chapters", [row(a) for a in site.loose_articles]))
    return columns, groups


@dataclass
class GridGroup:
    """A chapter (or the articles outside the chapters) on the home page's grid, with each article's counts."""

    label: str
    provision: Provision | None
    cells: list[tuple[Provision, StatementCount, int]]    # (article, its counts, shade 0-4 by objecting statements)


def article_grid(site: Site) -> list[GridGroup]:
    """Every article by chapter, with the one count of statements objecting to and supporting it."""
    counts = {a.id: a.counts() for a in site.articles}
    peak = max([n.objecting for n in counts.values()] or [1]) or 1

    def cells(articles):
        return [(a, counts[a.id], math.ceil(4 * counts[a.id].objecting / peak)) for a in articles]
    groups = [GridGroup(c.heading, c, cells(c.articles)) for c in site.chapters]
    if site.loose_articles:
        groups.append(GridGroup("Articles outside the chapters", None, cells(site.loose_articles)))
    return groups


@dataclass
class Balance:
    """How many statements take each stance, by kind of stakeholder, and how many link to articles."""

    stances: dict[str, int]
    by_type: dict[str, dict[str, int]]     # stakeholder type -> stance -> statements
    objections: int
    arguments: int
    linked: int                            # statements with at least one article or chapter link
    cited: int                             # ... of which at least one link the source names
    total: int


def balance(site: Site) -> Balance:
    stances = {s: 0 for s in STANCES}
    by_kind: dict[str, dict[str, int]] = {}
    for st in site.statements:
        stances[st.stance] += 1
        for kind in dict.fromkeys(s.type for s in st.stakeholders):
            by_kind.setdefault(kind, {s: 0 for s in STANCES})[st.stance] += 1
    # Linked and cited as StatementCount counts them, over every chapter and article together.
    text = [p for p in reading_order(site) if p is not site.treaty_page and p is not site.preamble]
    on_text = count_statements([t for p in text for t in p.links], [t for p in text for t in p.support])
    return Balance(stances, {k: by_kind[k] for k in STAKEHOLDER_TYPES if k in by_kind},
                   sum(len(st.objections) for st in site.statements), sum(len(st.supporting) for st in site.statements),
                   on_text.statements, on_text.cited, len(site.statements))


def camps_of(statement: Statement) -> dict[str, list[Stakeholder]]:
    """Camp -> the stakeholders of a statement in it (coalitions count through their members); the stakeholders of
    types in no camp under NO_CAMP."""
    found: dict[str, list[Stakeholder]] = {}
    for s in statement.stakeholders:
        for member in (s.members if s.type == "coalition" and s.members else [s]):
            camp = CAMP_OF.get(member.type) or NO_CAMP
            found.setdefault(camp, [])
            if s not in found[camp]:
                found[camp].append(s)
    return found


CAMP_SHOWN = 10  # stakeholders named per camp and provision; the provision page has the rest


@dataclass
class CampRow:
    provision: Provision
    camps: dict[str, list[Target]]      # camp -> objection links from it, in camp order

    def statements(self, camp: str) -> int:
        """How many statements of a camp object here (each statement once)."""
        return statement_total(self.camps[camp])

    def objectors(self, camp: str) -> list[tuple[Stakeholder, int]]:
        """Stakeholders of a camp objecting here, with their number of statements objecting here, most first."""
        # OPPOSITE is a direction, not a camp: everyone who made the statement counts.
        return statements_by_stakeholder(self.camps[camp], lambda st: camps_of(st).get(camp, st.stakeholders))


def coalition_rows(site: Site) -> tuple[list[CampRow], list[CampRow]]:
    """(provisions that civil society and industry both object to, provisions states object to from the other side)."""
    together, opposite = [], []
    for p in reading_order(site):
        camps: dict[str, list[Target]] = {}
        against: list[Target] = []
        for link in p.links:
            if link.objection.direction == "fewer-safeguards":
                against.append(link)
                continue
            for camp in camps_of(link.objection.statement):
                camps.setdefault(camp, []).append(link)
        ordered = {c: camps[c] for c in [*CAMPS, NO_CAMP] if c in camps}
        if all(c in ordered for c in TOGETHER):
            together.append(CampRow(p, ordered))
        if against:
            opposite.append(CampRow(p, {OPPOSITE: against, **ordered}))
    return together, opposite


@dataclass
class SidesRow:
    """A provision that draws both objections and supporting arguments: who stands on each side."""

    provision: Provision
    objectors: list[tuple[Stakeholder, int]]
    supporters: list[tuple[Stakeholder, int]]


def sides_rows(site: Site) -> list[SidesRow]:
    rows = []
    for p in reading_order(site):
        if p.links and p.support:
            rows.append(SidesRow(p, statements_by_stakeholder(p.links), statements_by_stakeholder(p.support)))
    return rows


@dataclass
class TimelineEntry:
    """One line of the timeline: a recorded event, the signatures of one day, or a step toward ratification."""

    date: str
    anchor: str
    event: object = None                              # an Event
    signed: list = field(default_factory=list)        # countries that signed on this date
    country: object = None                            # the country taking a ratification step
    step: str = ""

    @property
    def kind(self) -> str:
        """event, signed or step (charts.TIMELINE_KINDS names each)."""
        return "event" if self.event else ("signed" if self.signed else "step")


def timeline(site: Site) -> list[TimelineEntry]:
    """Events with the signatures and ratification steps of the country records, in date order."""
    entries = [TimelineEntry(e.date, e.id, event=e) for e in site.events]
    by_date: dict[str, list] = {}
    for c in site.countries:
        if c.signature:
            by_date.setdefault(c.signature["date"], []).append(c)
        for i, step in enumerate((c.ratification or {}).get("steps", [])):
            entries.append(TimelineEntry(step["date"], f"ratification-{c.id}-{i + 1}", country=c, step=step["step"]))
    entries += [TimelineEntry(date, f"signatures-{date}", signed=sorted(signed, key=lambda c: c.name))
                for date, signed in by_date.items()]
    return sorted(entries, key=lambda e: (e.date, e.anchor))
