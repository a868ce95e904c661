"""The linked site: everything the renderer needs, and the periods its statements are listed by."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Optional

from . import registry
from .model import (STANCES, Article, Chapter, Claim, Event, Page, Provision, Source, Stakeholder, Statement, Theme,
                    format_date)

if TYPE_CHECKING:
    from .countries import Country


@dataclass(eq=False)
class Listing(Page):
    """A page listing the statements that share one value (a month, a stance), newest first."""

    key: str = ""
    statements: list[Statement] = field(default_factory=list)


@dataclass(eq=False)
class Period(Listing):
    """Statements of one month (or of one year, for statements dated by year only)."""

    page_kind: ClassVar[str] = "period"

    @property
    def label(self) -> str:
        return format_date(self.key) + (" (month not known)" if len(self.key) == 4 else "")

    @property
    def year(self) -> str:
        return self.key[:4]


@dataclass(eq=False)
class StanceListing(Listing):
    """Statements of one stance, newest first: the explore page's answer for a stance without JavaScript."""

    page_kind: ClassVar[str] = "stance"

    @property
    def label(self) -> str:
        return STANCES[self.key]


@dataclass
class Site:
    """Everything the renderer needs, fully linked."""

    treaty: dict[str, Any]
    treaty_page: Provision
    preamble: Provision
    chapters: list[Chapter]
    articles: list[Article]
    loose_articles: list[Article]      # articles outside any chapter, in order
    provisions: dict[str, Provision]
    stakeholders: list[Stakeholder]
    countries: list["Country"]
    statements: list[Statement]
    themes: list[Theme]
    events: list[Event]
    claims: list[Claim]
    claims_source: Optional[Source]
    claims_about: Optional[str]        # what the founding article was, for its page
    ratifications: dict[str, Any]
    site_url: str       # the published address, ending in /
    site_name: str      # mkdocs.yml's site_name, for citations
    lifecycle: list = field(default_factory=list)      # objections traced through the negotiations
    drafts: list = field(default_factory=list)         # drafts and their article numbers

    def article(self, number: int) -> "Article":
        return self.provisions[Article.id_for(number)]

    def absolute(self, page: Page, anchor: str = "") -> str:
        """Permanent address of a page, for citations, feeds and open data."""
        return self.site_url + page.url + (f"#{anchor}" if anchor else "")

    @cached_property
    def periods(self) -> list[Period]:
        """Statements grouped by month, newest first, so that no listing grows without bound."""
        periods: dict[str, Period] = {}
        for st in self.statements:
            key = st.date[:7]
            periods.setdefault(key, Period(registry.DATA_KINDS["statement"].edit_path, key=key)).statements.append(st)
        return sorted(periods.values(), key=lambda p: (p.key[:4], p.key), reverse=True)

    @cached_property
    def stance_listings(self) -> list[StanceListing]:
        """One listing per stance (in the schema's order), each with its statements, newest first."""
        edit = registry.DATA_KINDS["statement"].edit_path
        return [StanceListing(edit, key=key, statements=[st for st in self.statements if st.stance == key])
                for key in STANCES]
