"""Statements: what each stakeholder said, dated and sourced, with its quotes, its objections and supporting
arguments and the provisions they target; how they are linked, their pages (one per statement, by month, by
stance, the index and the explorer), their feeds, CSV files and open data."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import ClassVar, Optional

from ..document import Document
from ..facets import facet_options
from ..fact_checks import repeated_quotes
from ..kind import DataKind, Kind, PageKind, single
from ..linker import Linker
from ..model import KINDS, STANCES, Page, Source, Target, date_parts, format_date
from ..opendata import FEED_ENTRIES, Entry, atom_feed, cells, csv_writer, one_of, source_data
from ..record_rules import statement_problems
from ..schema import explained
from ..site import Site
from ..views import LATEST, reading_order
from .text import link_targets

STATEMENT_PAGE = PageKind("statement", "statements/{id}.md", "statement.md.j2", own_file_only=True)
PERIOD_PAGE = PageKind("period", "statements/by-date/{key}.md", "period.md.j2", "statement")
STANCE_PAGE = PageKind("stance", "statements/by-stance/{key}.md", "stance.md.j2", "statement")
OBJECTIONS_CSV = PageKind("csv", "download/objections.csv")
SUPPORTING_CSV = PageKind("supporting-csv", "download/supporting.csv")
FEED = PageKind("feed", "feeds/statements.xml")
PROVISION_FEED = PageKind("provision-feed", "feeds/{id}.xml")


@dataclass(eq=False)
class Quote:
    id: str
    text: str
    provenance: str
    seen_at: Optional[str] = None
    note: Optional[str] = None
    said_by: Optional[str] = None       # speaker (the statement's named speaker) or document (its publisher's words)
    status: Optional[str] = None        # the quote's own label, where weaker than the source's


@dataclass(eq=False)
class Position:
    """What a statement says about provisions: an objection or a supporting argument."""

    id: str
    summary: str
    themes: list["Theme"]
    asks: str
    statement: "Statement"
    quotes: list[Quote] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


@dataclass(eq=False)
class Objection(Position):
    direction: str = field(kw_only=True)   # the schema gives its default

    @property
    def anchor(self) -> str:
        return f"objection-{self.id}"


@dataclass(eq=False)
class Argument(Position):
    """A supporting argument: what a statement defends or welcomes, and which provisions."""

    @property
    def anchor(self) -> str:
        return f"support-{self.id}"


@dataclass(eq=False)
class Statement(Page):
    page: ClassVar[PageKind] = STATEMENT_PAGE
    id: str = ""
    stakeholders: list[Stakeholder] = field(default_factory=list)
    date: str = ""
    kind: str = ""
    title: str = ""
    title_kind: str = field(kw_only=True)
    source: Optional[Source] = None
    summary: str = ""
    speaker: Optional[str] = None
    speaker_role: Optional[str] = None
    date_note: Optional[str] = None
    mixture: Optional[str] = None       # for a mixed statement with one side recorded: what the mixture is
    quotes: list[Quote] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    supporting: list[Argument] = field(default_factory=list)
    stance: str = field(kw_only=True)
    claims: list["Claim"] = field(default_factory=list)

    @property
    def stance_label(self) -> str:
        return STANCES[self.stance]

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @cached_property
    def stakeholder_names(self) -> str:
        return ", ".join(s.name for s in self.stakeholders)

    @property
    def year(self) -> int:
        return date_parts(self.date)[0]


@dataclass(eq=False)
class Listing(Page):
    """A page listing the statements that share one value (a month, a stance), newest first."""

    key: str = ""
    statements: list[Statement] = field(default_factory=list)


@dataclass(eq=False)
class Period(Listing):
    """Statements of one month (or of one year, for statements dated by year only)."""

    page: ClassVar[PageKind] = PERIOD_PAGE

    @property
    def label(self) -> str:
        return format_date(self.key) + (" (month not known)" if len(self.key) == 4 else "")

    @property
    def year(self) -> str:
        return self.key[:4]


@dataclass(eq=False)
class StanceListing(Listing):
    """Statements of one stance, newest first: the explore page's answer for a stance without JavaScript."""

    page: ClassVar[PageKind] = STANCE_PAGE

    @property
    def label(self) -> str:
        return STANCES[self.key]


def link_statement(ln: Linker, doc: Document, index: dict, provisions: "Provisions") -> Statement:
    """One statement: its stakeholders, quotes, objections (themes, quotes, targets) and claims resolved."""
    raw = doc.data
    st = Statement(doc.rel, id=raw["id"], date=raw["date"], kind=raw["kind"], title=raw["title"],
                   title_kind=raw["title_kind"], source=Source.of(raw["source"]), summary=raw["summary"],
                   speaker=raw.get("speaker"), speaker_role=raw.get("speaker_role"), date_note=raw.get("date_note"),
                   mixture=raw.get("mixture"), stance=raw["stance"])
    st.stakeholders = ln.resolve_all(doc, ("stakeholders",), "statement is by stakeholder", raw["stakeholders"],
                                     index["stakeholders"])
    quotes = ln.listed(doc, "quotes", "quote id", lambda i, q: Quote(q["id"], q["text"], q["provenance"],
                                                                           q.get("seen_at"), q.get("note"),
                                                                           q.get("said_by"), q.get("status")))
    st.quotes = list(quotes.values())
    seen: dict = {}
    for i, o in enumerate(raw["objections"]):
        path = ("objections", i)
        if not ln.unique(doc, path + ("id",), "objection id", o["id"], seen):
            continue
        objection = Objection(o["id"], o["summary"], [], o["asks"], st, direction=o["direction"])
        objection.themes = ln.resolve_all(doc, path + ("themes",), "objection has theme", o["themes"], index["themes"],
                                          ("themes",))
        objection.quotes = ln.resolve_all(doc, path + ("quotes",), "objection refers to quote", o.get("quotes", []),
                                          quotes)
        objection.targets = link_targets(ln, doc, path + ("targets",), o["targets"], objection, "objection", provisions)
        st.objections.append(objection)
    for i, a in enumerate(raw.get("supporting", [])):
        path = ("supporting", i)
        if not ln.unique(doc, path + ("id",), "position id", a["id"], seen):
            continue
        argument = Argument(a["id"], a["summary"], [], a["asks"], st)
        argument.themes = ln.resolve_all(doc, path + ("themes",), "supporting argument has theme", a["themes"],
                                         index["themes"], ("themes",))
        argument.quotes = ln.resolve_all(doc, path + ("quotes",), "supporting argument refers to quote",
                                         a.get("quotes", []), quotes)
        argument.targets = link_targets(ln, doc, path + ("targets",), a["targets"], argument, "supporting argument",
                                        provisions)
        st.supporting.append(argument)
    _check_stance(ln, doc, st)
    st.claims = ln.resolve_all(doc, ("claims",), "statement carries claim", raw.get("claims", []), index["claims"],
                               ("claims",))
    return st


def _check_stance(ln: Linker, doc: Document, st: Statement) -> None:
    """The stance must agree with the positions: supports has no objection, objects no supporting argument."""
    if st.stance == "supports" and st.objections:
        ln.report(doc, ("stance",), "stance is 'supports' but the statement lists objections; use stance 'mixed', "
                                    "or move them under 'supporting' if they defend the text")
    elif st.stance == "objects" and st.supporting:
        ln.report(doc, ("stance",), "stance is 'objects' but the statement lists supporting arguments; use stance "
                                    "'mixed'")


# Columns holding a value of the schema list the allowed values from it, so that a new value is documented.
BASIS = explained("statement", "#target", "basis")
DIRECTION = explained("statement", "#objection", "direction")
STANCE = f"The statement's stance: {one_of(explained('statement', 'stance'))}"
CSV_MEANINGS = [  # (column, what it holds): the CSV's header and the Data page's table
    ("statement_id", "Id of the statement (its page is statements/<id>/)"),
    ("statement_date", "Date of the statement: YYYY-MM-DD, YYYY-MM or YYYY"),
    ("statement_title", "Title: the source's own, or our description"),
    ("stakeholders", "Ids of the stakeholders, separated by ;"),
    ("stakeholder_types", "Their types, separated by ;"),
    ("kind", "Kind of statement"),
    ("objection_id", "Id of the objection within the statement"),
    ("objection_summary", "The objection in our words"),
    ("themes", "Theme ids, separated by ;"),
    ("asks", "What is asked"),
    ("direction", one_of(DIRECTION, explain=True)),
    ("provision", "Targeted provision: art-<n>, chapter-<n>, preamble or treaty"),
    ("paragraph", "Targeted paragraph, if any"),
    ("basis", one_of(BASIS, explain=True)),
    ("link_note", "Why this mapping, if noted"),
    ("statement_url", "Permanent address of the objection on this site"),
    ("stance", STANCE),
]
CSV_COLUMNS = [name for name, _ in CSV_MEANINGS]


def _target(t: Target) -> dict:
    out = {"provision": t.provision.id, "basis": t.basis}
    if t.paragraph:
        out["paragraph"] = t.paragraph.id
    if t.note:
        out["note"] = t.note
    if t.draft:
        out["draft"] = {"draft": t.draft[0].id, "article": t.draft[1]}
    return out


def _position(p: Position, **more) -> dict:
    """An objection or a supporting argument as plain data (`more`: what only objections have, after asks)."""
    return {"id": p.id, "summary": p.summary, "themes": [t.id for t in p.themes], "asks": p.asks, **more,
            "quotes": [q.id for q in p.quotes], "targets": [_target(t) for t in p.targets]}


def _statement(site: Site, st: Statement) -> dict:
    out = {"id": st.id, "url": site.absolute(st), "stakeholders": [s.id for s in st.stakeholders], "date": st.date,
           "kind": st.kind, "title": st.title, "title_kind": st.title_kind, "source": source_data(st.source),
           "summary": st.summary}
    for key in ("speaker", "speaker_role", "date_note", "mixture"):
        if getattr(st, key):
            out[key] = getattr(st, key)
    out["quotes"] = [{k: v for k, v in vars(q).items() if v is not None} for q in st.quotes]
    out["stance"] = st.stance
    out["objections"] = [_position(o, direction=o.direction) for o in st.objections]
    out["supporting"] = [_position(a) for a in st.supporting]
    out["claims"] = [c.id for c in st.claims]
    return out


def objections_csv(site: Site) -> str:
    """One row per objection-provision link, in the order of the statements."""
    return _positions_csv(site, CSV_COLUMNS, "objections", lambda st: [st.kind],
                          lambda o: [o.asks, o.direction], lambda st: [st.stance])


def _positions_csv(site: Site, header: list[str], side: str, statement_tail, position_tail, row_tail) -> str:
    """One row per link between a position (objection or supporting argument) and a provision: the statement's
    cells, the position's, then the link's. Cells are made safe (cells()) once per statement and once per
    position, not again on each of their rows."""
    buffer, writer = csv_writer()
    writer.writerow(cells(header))
    for st in site.statements:
        statement = cells([st.id, st.date, st.title, ";".join(s.id for s in st.stakeholders),
                           ";".join(sorted({s.type for s in st.stakeholders})), *statement_tail(st)])
        tail = cells(row_tail(st))
        for p in getattr(st, side):
            position = statement + cells([p.id, p.summary, ";".join(th.id for th in p.themes), *position_tail(p)])
            url = site.absolute(st, p.anchor)
            writer.writerows(position + cells([t.provision.id, t.paragraph.id if t.paragraph else "", t.basis,
                                               t.note or "", url]) + tail for t in p.targets)
    return buffer.getvalue()


SUPPORTING_MEANINGS = [
    ("statement_id", "Id of the statement (its page is statements/<id>/)"),
    ("statement_date", "Date of the statement: YYYY-MM-DD, YYYY-MM or YYYY"),
    ("statement_title", "Title: the source's own, or our description"),
    ("stakeholders", "Ids of the stakeholders (or countries), separated by ;"),
    ("stakeholder_types", "Their types, separated by ;"),
    ("stance", STANCE),
    ("argument_id", "Id of the supporting argument within the statement"),
    ("argument_summary", "The argument in our words"),
    ("themes", "Theme ids, separated by ;"),
    ("asks", f"What is asked: {one_of(explained('statement', '#argument', 'asks'))}"),
    ("provision", "Defended provision: art-<n>, chapter-<n>, preamble or treaty"),
    ("paragraph", "Defended paragraph, if any"),
    ("basis", one_of(BASIS, explain=True)),
    ("link_note", "Why this mapping, if noted"),
    ("statement_url", "Permanent address of the argument on this site"),
]


def supporting_csv(site: Site) -> str:
    """One row per link between a supporting argument and a provision, in the order of the statements."""
    return _positions_csv(site, [name for name, _ in SUPPORTING_MEANINGS], "supporting", lambda st: [st.stance],
                          lambda a: [a.asks], lambda st: [])


def statement_entries(site: Site, statements: list[Statement]) -> list[Entry]:
    return [Entry(st.title, site.absolute(st), st.date, [s.name for s in st.stakeholders], f"In our words: {st.summary}")
            for st in statements[:FEED_ENTRIES]]


def _statement_feed(site: "Site", statements: list[Statement], name: str, title: str, source: str) -> str:
    return atom_feed(site, statement_entries(site, statements), name, title, name, source)


class Statements(Kind):
    """One file per statement."""

    name = "statements"
    data = (DataKind("statement", "statements", id_is_stem=True, page="statement"),)
    pages = (STATEMENT_PAGE, PERIOD_PAGE, STANCE_PAGE,
             PageKind("explore", "explore/index.md", "explore.md.j2", "statement", ("Objections", "Explore and filter")),
             PageKind("statements", "statements/index.md", "statements.md.j2", "statement",
                      ("Objections", "Statements")),
             OBJECTIONS_CSV, SUPPORTING_CSV, FEED, PROVISION_FEED)
    needs = ("text", "stakeholders", "themes", "claims", "concordance")
    columns = {"objections.csv": CSV_MEANINGS, "supporting.csv": SUPPORTING_MEANINGS}

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        provisions = replace(found["text"], drafts={d.id: d for d in found["drafts"]})
        index = {"stakeholders": found["stakeholders_by_id"], "themes": found["themes_by_id"],
                 "claims": found["claims_by_id"]}
        statements = [link_statement(ln, doc, index, provisions) for doc in docs["statement"]]
        statements.sort(key=lambda s: (s.date, s.id), reverse=True)  # newest first, everywhere
        return {"statements": statements}

    def check(self, docs: dict, today: str):
        concordance = single(docs, "concordance")
        for doc in docs["statement"]:
            yield from statement_problems(doc, concordance, today)
        yield from repeated_quotes(docs["statement"])

    def backlinks(self, found: dict):
        """Every provision, theme, stakeholder and claim learns of the statements that point at it."""
        for st in found["statements"]:
            yield from ((stakeholder, "statements", st) for stakeholder in st.stakeholders)
            yield from ((claim, "statements", st) for claim in st.claims)
            for objection in st.objections:
                yield from ((theme, "objections", objection) for theme in objection.themes)
                yield from ((target.provision, "links", target) for target in objection.targets)
            for argument in st.supporting:
                yield from ((target.provision, "support", target) for target in argument.targets)

    def finish(self, found: dict) -> dict:
        """The statements grouped by month (newest first, so that no listing grows without bound) and by stance
        (in the schema's order): the explore page's answers without JavaScript."""
        edit = self.data[0].edit_path(found["label"])
        periods: dict[str, Period] = {}
        for st in found["statements"]:
            key = st.date[:7]
            periods.setdefault(key, Period(edit, key=key)).statements.append(st)
        return {"periods": sorted(periods.values(), key=lambda p: (p.key[:4], p.key), reverse=True),
                "stance_listings": [StanceListing(edit, key=key, statements=[st for st in found["statements"]
                                                                             if st.stance == key])
                                    for key in STANCES]}

    def plan(self, site: "Site"):
        yield "explore", None, lambda: {"facets": facet_options(site)}
        yield "statements", None, {"periods": site.periods, "latest": LATEST}
        yield from (("period", p, {"period": p}) for p in site.periods)
        yield from (("stance", s, {"listing": s}) for s in site.stance_listings)
        yield from (("statement", st, {"statement": st}) for st in site.statements)

    def dataset(self, site: "Site") -> dict:
        return {"statements": [_statement(site, st) for st in site.statements]}

    def files(self, site: "Site") -> dict:
        feed, source = FEED.path, self.data[0].edit_path(site.label)
        jobs = {OBJECTIONS_CSV.path: lambda: objections_csv(site),
                feed: lambda: atom_feed(site, statement_entries(site, site.statements), feed,
                                        f"Statements on the {site.short_title}", feed, source),
                SUPPORTING_CSV.path: lambda: supporting_csv(site)}
        for p in reading_order(site):
            if p.links or p.support:
                statements = sorted(dict.fromkeys(t.objection.statement for t in p.links + p.support),
                                    key=lambda st: (st.date, st.id), reverse=True)
                name = PROVISION_FEED.path_of(p)
                jobs[name] = partial(_statement_feed, site, statements, name, f"Statements on {p.heading}", source)
        return jobs


KIND = Statements()
