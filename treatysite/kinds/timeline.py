"""The timeline: events in the treaty's life (negotiation sessions, adoption, signature, entry into force), each
dated and sourced, and the provisions it concerns."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .. import views
from ..document import Document
from ..kind import DataKind, Kind, PageKind, single
from ..linker import Linker
from ..model import Source
from ..opendata import plain
from ..site import Site
from .text import PROVISION_FILES


@dataclass(eq=False)
class Event:
    id: str
    date: str
    title: str
    description: str
    status: str
    sources: list[Source]
    end_date: Optional[str] = None
    provisions: list[Provision] = field(default_factory=list)
    claims: list["Claim"] = field(default_factory=list)


def link_event(ln: "Linker", doc: "Document", i: int, e: dict, provisions: "Provisions") -> Event:
    if e.get("end_date") and e["end_date"] < e["date"]:
        ln.report(doc, ("events", i, "end_date"), "'end_date' is before 'date'")
    event = Event(e["id"], e["date"], e["title"], e["description"], e["status"], [Source.of(s) for s in e["sources"]],
                  end_date=e.get("end_date"))
    event.provisions = ln.resolve_all(doc, ("events", i, "provisions"), "event concerns", e.get("provisions", []),
                                      provisions.index, PROVISION_FILES)
    return event


class Timeline(Kind):
    name = "timeline"
    data = (DataKind("timeline", "timeline.yaml", lists=("events",)),)
    pages = (PageKind("timeline", "overview/timeline.md", "timeline.md.j2", "timeline", ("Background", "Timeline")),)
    needs = ("text",)

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        doc = single(docs, "timeline")
        events = ln.listed(doc, "events", "event id", lambda i, e: link_event(ln, doc, i, e, found["text"]))
        return {"events_by_id": events, "events": sorted(events.values(), key=lambda e: (e.date, e.id))}

    def plan(self, site: "Site"):
        yield "timeline", None, lambda: {"entries": views.timeline(site)}

    def dataset(self, site: "Site") -> dict:
        return {"events": [{"id": e.id, "date": e.date, **({"end_date": e.end_date} if e.end_date else {}),
                            "title": e.title, "description": e.description, "status": e.status,
                            "sources": plain(e.sources), "provisions": [p.id for p in e.provisions],
                            "claims": [c.id for c in e.claims]} for e in site.events]}


KIND = Timeline()
