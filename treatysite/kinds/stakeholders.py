"""Stakeholders: the organisations, bodies and coalitions that made statements (states are countries, which are
stakeholders too), with their pages and their open data."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Optional

from ..kind import DataKind, Kind, PageKind
from ..linker import Linker
from ..model import STAKEHOLDER_TYPES, Page, Target, group_by_provision
from ..names import look_alike_problems
from ..site import Site

STAKEHOLDER_PAGE = PageKind("stakeholder", "stakeholders/{id}.md", "stakeholder.md.j2")
OPTIONAL = ("short_name", "description", "base", "homepage")   # the fields a stakeholder file may leave out


@dataclass(eq=False)
class Stakeholder(Page):
    page: ClassVar[PageKind] = STAKEHOLDER_PAGE
    id: str = ""
    name: str = ""
    type: str = ""
    short_name: Optional[str] = None
    description: Optional[str] = None
    base: Optional[str] = None
    homepage: Optional[str] = None
    members: list["Stakeholder"] = field(default_factory=list)
    coalitions: list["Stakeholder"] = field(default_factory=list)
    statements: list["Statement"] = field(default_factory=list)

    @property
    def type_label(self) -> str:
        return STAKEHOLDER_TYPES[self.type]

    def links_by_provision(self) -> list[tuple["Provision", list["Target"]]]:
        """The provisions its statements object to, in reading order, each with its links (most recent first)."""
        return group_by_provision(t for st in self.statements for o in st.objections for t in o.targets)


class Stakeholders(Kind):
    """One file per stakeholder; a coalition lists its members, who may be stakeholders or countries."""

    name = "stakeholders"
    data = (DataKind("stakeholder", "stakeholders", id_is_stem=True, page="stakeholder"),)
    pages = (STAKEHOLDER_PAGE, PageKind("stakeholders", "stakeholders/index.md", "stakeholders.md.j2", "stakeholder",
                                        ("Objections", "Stakeholders")))
    needs = ("countries",)

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        """Stakeholders by id, countries included; a coalition's members may be either."""
        index: dict[str, Stakeholder] = {
            d.data["id"]: Stakeholder(d.rel, id=d.data["id"], name=d.data["name"], type=d.data["type"],
                                      **{k: d.data.get(k) for k in OPTIONAL})
            for d in docs["stakeholder"]}
        own = list(index.values())
        index.update(found["countries_by_id"])
        for doc in docs["stakeholder"]:
            index[doc.data["id"]].members = ln.resolve_all(doc, ("members",), "coalition lists member",
                                                           doc.data.get("members", []), index)
        return {"stakeholders_by_id": index, "own_stakeholders": own}

    def check(self, docs: dict, today: str):
        """No two stakeholders, countries included, have names that look the same."""
        return look_alike_problems(docs["stakeholder"] + docs["country"])

    def backlinks(self, found: dict):
        return ((member, "coalitions", coalition) for coalition in found["own_stakeholders"]
                for member in coalition.members)

    def finish(self, found: dict) -> dict:
        """Those with a page of their own and the states that made statements, by name."""
        return {"stakeholders": sorted((s for s in found["stakeholders_by_id"].values()
                                        if s.page is STAKEHOLDER_PAGE or s.statements), key=lambda s: s.name.lower())}

    def plan(self, site: "Site"):
        yield "stakeholders", None, {}
        yield from (("stakeholder", s, {"stakeholder": s}) for s in site.stakeholders if s.page is STAKEHOLDER_PAGE)

    def dataset(self, site: "Site") -> dict:
        return {"stakeholders": [{"id": s.id, "name": s.name, "type": s.type, "url": site.absolute(s),
                                  "members": [m.id for m in s.members],
                                  **{k: getattr(s, k) for k in OPTIONAL if getattr(s, k)}}
                                 for s in site.stakeholders]}


KIND = Stakeholders()
