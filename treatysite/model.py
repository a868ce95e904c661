"""What every kind's model shares: the labels of the schemas' values, dates, sources, pages (each entity owns its
page path through its page kind), the link from a position to a provision (Target), and THE count of statements
on provisions. The entities themselves live with their kinds, in treatysite/kinds/."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import ClassVar, Optional

from .kind import PageKind, url_of
from .schema import choices

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
         "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# The shape of every id (common.schema.json's slug): what may go into an anchor or attribute unescaped.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")

# Labels shown to readers come from the schemas, beside the values they name (oneOf: const + title).
STAKEHOLDER_TYPES = choices("stakeholder", "type")
STATUS_LABELS = choices("common", "#status")
ASKS = choices("statement", "#objection", "asks")
BASIS = choices("statement", "#target", "basis")
KINDS = choices("statement", "kind")
STANCES = choices("statement", "stance")
SUPPORT_ASKS = choices("statement", "#argument", "asks")
DIRECTIONS = choices("statement", "#objection", "direction")
MEMBERSHIP = choices("country", "membership")
COUNTRY_STATUS = choices("country", "#status")   # status -> label, in the schema's order


def date_parts(value: str) -> list[int]:
    """A partial date (YYYY, YYYY-MM or YYYY-MM-DD) as its numbers: the one place dates are parsed.

    Raises ValueError for anything else, a space or newline around a number included (int() would strip it)."""
    if not _PARTIAL_DATE.fullmatch(value):
        raise ValueError(f"not a date: {value!r}")
    return [int(p) for p in value.split("-")]


_PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@lru_cache(maxsize=8192)  # the same few hundred dates are printed on thousands of pages
def format_date(value: str) -> str:
    """2024-08-08 -> 8 August 2024; 2024-08 -> August 2024; 2024 -> 2024."""
    parts = date_parts(value)
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def surely_before(date: str, other: str) -> bool:
    """Whether a partial date is surely before another, compared at the precision both have: 2025-10 is not before
    2025-10-25, nor after it. The one comparison of dates of different precision."""
    a, b = date_parts(date), date_parts(other)
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def capital(text: str) -> str:
    """Text with its first letter a capital and the rest as written: "the convention" -> "The convention"."""
    return text[:1].upper() + text[1:]


def date_in(value: str) -> str:
    """A date with its preposition: on 8 August 2024; in August 2024; in 2024 (never "on August 2024")."""
    return ("on " if len(date_parts(value)) == 3 else "in ") + format_date(value)

@dataclass
class Report:
    """A secondary source that reported a statement."""

    publisher: str
    title: Optional[str] = None
    url: Optional[str] = None
    date: Optional[str] = None


@dataclass
class Source:
    """Where a statement or fact comes from."""

    publisher: str
    status: str
    title: Optional[str] = None
    url: Optional[str] = None
    date: Optional[str] = None
    reported_by: Optional[Report] = None
    seen_at: list[str] = field(default_factory=list)
    note: Optional[str] = None
    machine_summary: bool = False   # a meeting summary its publisher says is machine-generated

    @classmethod
    def of(cls, raw: dict | None) -> "Source | None":
        """A source from its data (None stays None)."""
        if not raw:
            return None
        report = Report(**raw["reported_by"]) if raw.get("reported_by") else None
        return cls(**{**raw, "reported_by": report})


def with_sources(raw: dict, lists: tuple[str, ...] = (), keys: tuple[str, ...] = ()) -> dict:
    """A copy of a single-file document with its source mappings (under `keys`, and the `source` of each item of
    its `lists`) turned into Source objects."""
    out = dict(raw)
    for key in keys:
        if isinstance(out.get(key), dict) and "publisher" in out[key]:
            out[key] = Source.of(out[key])
    for name in lists:
        out[name] = [{**item, "source": Source.of(item.get("source"))} for item in out.get(name, [])]
    return out


@dataclass(eq=False)
class Page:
    """Anything with a generated page: its page kind (declared by its kind) and the data file it came from."""

    data_file: str       # e.g. data/chapters/02.yaml
    page: ClassVar[PageKind]

    @property
    def page_kind(self) -> str:
        return self.page.name

    @cached_property
    def path(self) -> str:
        """Docs-relative Markdown path, e.g. articles/article-7.md, from its page kind's pattern."""
        return self.page.path_of(self)

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. articles/article-7/."""
        return url_of(self.path)


@dataclass(eq=False)
class Target:
    """One link from an objection to a provision, with its basis."""

    provision: Provision
    basis: str
    objection: "Objection"
    paragraph: Optional[Paragraph] = None
    note: Optional[str] = None
    draft: Optional[tuple] = None        # (Draft, article number) where the source used a draft's numbering

    @property
    def label(self) -> str:
        if self.paragraph is not None:
            return f"{self.provision.label}({self.paragraph.id})"
        return self.provision.label


@dataclass(frozen=True)
class StatementCount:
    """THE count of "statements on a provision, objecting / supporting", used by every page, filter and test.

    A statement is on the objecting side of a provision if at least one of its objections targets the provision
    (any paragraph of it), and on the supporting side if at least one of its supporting arguments does; it counts
    once however many positions or paragraphs it has there. Objecting statements are split by the direction of
    their objections here (a statement with objections both ways counts in both), and every statement on either
    side by basis: cited if the source names the provision in at least one of its links here, else editorial.
    """

    objecting: int            # statements with at least one objection targeting it
    supporting: int           # statements with at least one supporting argument targeting it
    statements: int           # statements on either side (a statement on both counts once)
    more_protection: int      # objecting statements with an objection here that wants more protection
    fewer_safeguards: int     # ... with an objection here that wants fewer safeguards
    cited: int                # statements on either side whose source names the provision (some link is cited)
    editorial: int            # ... whose source names it in no link here (our mapping, or the treaty's own text)


def count_statements(objections: list["Target"], support: list["Target"]) -> StatementCount:
    """The StatementCount of objection and supporting-argument links (of one provision, or of several together)."""
    objecting: dict[int, set[str]] = {}     # id(statement) -> directions of its objections here
    supporting: set[int] = set()
    cited: dict[int, bool] = {}
    for link in objections:
        key = id(link.objection.statement)
        objecting.setdefault(key, set()).add(link.objection.direction)
        cited[key] = cited.get(key, False) or link.basis == "cited"
    for link in support:
        key = id(link.objection.statement)
        supporting.add(key)
        cited[key] = cited.get(key, False) or link.basis == "cited"
    n_cited = sum(cited.values())
    return StatementCount(
        objecting=len(objecting), supporting=len(supporting), statements=len(cited),
        more_protection=sum("more-protection" in d for d in objecting.values()),
        fewer_safeguards=sum("fewer-safeguards" in d for d in objecting.values()),
        cited=n_cited, editorial=len(cited) - n_cited)


def statement_total(links) -> int:
    """How many distinct statements the links come from."""
    return len({id(link.objection.statement) for link in links})


def statements_by_stakeholder(links, who=lambda statement: statement.stakeholders) -> list[tuple["Stakeholder", int]]:
    """(stakeholder, number of its statements the links come from), most first, ties by name; `who` says which
    stakeholders a statement counts for (by default those who made it)."""
    seen: dict[Stakeholder, set[int]] = {}
    for link in links:
        for s in who(link.objection.statement):
            seen.setdefault(s, set()).add(id(link.objection.statement))
    return sorted(((s, len(ids)) for s, ids in seen.items()), key=lambda kv: (-kv[1], kv[0].name))


@dataclass(eq=False)
class Entry:
    """One position on a provision as its page lists it: the position with its links there (paragraphs merged)."""

    position: "Position"
    links: list["Target"]

    @property
    def statement(self) -> "Statement":
        return self.position.statement

    @property
    def paragraphs(self) -> list["Paragraph"]:
        return list(dict.fromkeys(t.paragraph for t in self.links if t.paragraph is not None))

    @property
    def basis(self) -> str:
        """The strongest basis of these links: cited (the source names the provision), then treaty-text, then editorial."""
        bases = {t.basis for t in self.links}
        return next((b for b in ("cited", "treaty-text") if b in bases), "editorial")

    @property
    def drafts(self) -> list[tuple]:
        """(Draft, article number) of the draft numbering the source used for these links, each once."""
        return list(dict.fromkeys(t.draft for t in self.links if t.draft))

    @property
    def notes(self) -> list[str]:
        return list(dict.fromkeys(t.note for t in self.links if t.note))


def entries(links) -> list[Entry]:
    """The links grouped by position, in the order of each position's first link (one entry per position)."""
    found: dict[int, Entry] = {}
    for link in links:
        entry = found.get(id(link.objection))
        if entry is None:
            found[id(link.objection)] = Entry(link.objection, [link])
        else:
            entry.links.append(link)
    return list(found.values())


def entries_by_theme(items: list[Entry]) -> dict["Theme", list[Entry]]:
    """Entries grouped under each position's first theme, the largest group first (ties in first-seen order)."""
    groups: dict[Theme, list[Entry]] = {}
    for entry in items:
        groups.setdefault(entry.position.themes[0], []).append(entry)
    return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))


def statements_by_type(links) -> dict[str, int]:
    """Stakeholder type -> how many distinct statements the links come from (a joint statement counts in each type)."""
    return {kind: statement_total(group) for kind, group in by_type(links).items()}


def by_type(links) -> dict[str, list["Target"]]:
    """Links grouped by the type of the stakeholders behind them, in type order; a joint statement counts in each."""
    groups: dict[str, list[Target]] = {t: [] for t in STAKEHOLDER_TYPES}
    for link in links:
        for kind in dict.fromkeys(s.type for s in link.objection.statement.stakeholders):
            groups[kind].append(link)
    return {k: v for k, v in groups.items() if v}


def group_by_provision(links) -> list[tuple["Provision", list["Target"]]]:
    groups: dict[Provision, list[Target]] = {}
    for link in links:
        groups.setdefault(link.provision, []).append(link)
    return sorted(groups.items(), key=lambda kv: kv[0].sort_key)


