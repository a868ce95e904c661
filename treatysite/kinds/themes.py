"""Themes: what objections are about (surveillance, scope, ...), listed in themes.yaml, with a page each."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..kind import DataKind, Kind, PageKind, single
from ..linker import Linker
from ..model import Page, Target, group_by_provision
from ..site import Site

THEME_PAGE = PageKind("theme", "themes/{id}.md", "theme.md.j2")


@dataclass(eq=False)
class Theme(Page):
    page: ClassVar[PageKind] = THEME_PAGE
    id: str = ""
    name: str = ""
    description: str = ""
    objections: list[Objection] = field(default_factory=list)

    def links_by_provision(self) -> list[tuple["Provision", list["Target"]]]:
        """The provisions its objections target, in reading order, each with its links."""
        return group_by_provision(t for o in self.objections for t in o.targets)


class Themes(Kind):
    name = "themes"
    data = (DataKind("themes", "themes.yaml", required=True, page="theme", listed="themes", lists=("themes",)),)
    pages = (THEME_PAGE, PageKind("themes", "themes/index.md", "themes.md.j2", "themes", ("Objections", "Themes")))

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        doc = single(docs, "themes")
        themes = ln.listed(doc, "themes", "theme id", lambda i, t: Theme(doc.rel, id=t["id"], name=t["name"],
                                                                           description=t["description"]))
        return {"themes_by_id": themes, "themes": list(themes.values())}

    def plan(self, site: "Site"):
        yield "themes", None, {}
        yield from (("theme", t, {"theme": t}) for t in site.themes)

    def dataset(self, site: "Site") -> dict:
        return {"themes": [{"id": t.id, "name": t.name, "description": t.description} for t in site.themes]}


KIND = Themes()
