"""The founding report's claims, one by one: what the article the project started from says, checked against
the provisions and the events it concerns (claims.yaml), on one page."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from ..fact_checks import founding_report_problems
from ..kind import DataKind, Kind, PageKind, single
from ..linker import Linker
from ..model import Source, Target
from ..site import Site
from .text import link_targets


@dataclass(eq=False)
class Claim:
    id: str
    text: str
    targets: list[Target] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"claim-{self.id.lower()}"


def link_claim(ln: "Linker", doc: "Document", i: int, c: dict, provisions: "Provisions", events: dict) -> Claim:
    claim = Claim(c["id"], c["text"])
    claim.targets = link_targets(ln, doc, ("claims", i, "targets"), c["targets"], None, "claim", provisions)
    claim.events = ln.resolve_all(doc, ("claims", i, "events"), "claim refers to event", c.get("events", []), events,
                                  ("timeline",))
    return claim


class Claims(Kind):
    name = "claims"
    data = (DataKind("claims", "claims.yaml", lists=("claims",)),)
    pages = (PageKind("claims", "overview/founding-article.md", "claims.md.j2", "claims",
                      ("Background", "{founding_report}")),)
    needs = ("text", "timeline")

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        doc = single(docs, "claims")
        claims = ln.listed(doc, "claims", "claim id",
                           lambda i, c: link_claim(ln, doc, i, c, found["text"], found["events_by_id"]))
        return {"claims_by_id": claims, "claims": list(claims.values()),
                "claims_cited": any(t.basis == "cited" for c in claims.values() for t in c.targets),  # any named?
                "claims_source": Source.of(doc.data["source"]) if doc else None,
                "claims_about": doc.data.get("about") if doc else None}

    def check(self, docs: dict, today: str):
        for doc in docs["claims"]:
            yield from founding_report_problems(doc, single(docs, "treaty"))

    def backlinks(self, found: dict):
        for claim in found["claims"]:
            yield from ((event, "claims", claim) for event in claim.events)
            yield from ((target.provision, "claims", claim) for target in claim.targets)

    def plan(self, site: "Site"):
        yield "claims", None, {}

    def dataset(self, site: "Site") -> dict:
        return {"claims": [{"id": c.id, "text": c.text,
                            "targets": [{"provision": t.provision.id, "basis": t.basis,
                                         **({"paragraph": t.paragraph.id} if t.paragraph else {})} for t in c.targets],
                            "events": [e.id for e in c.events], "statements": [st.id for st in c.statements]}
                           for c in site.claims]}


KIND = Claims()
