"""What became of the objections raised in the negotiations (lifecycle.yaml): each traced from the drafts to the
final text, with the sources' verdicts; how they are linked, their page and their open data."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..document import Document
from ..kind import DataKind, Kind, PageKind, single
from ..linker import Linker
from ..model import Source, Target, group_by_provision
from ..opendata import plain
from ..record_rules import lifecycle_problems
from ..schema import choices
from ..site import Site
from .text import PROVISION_FILES

OUTCOMES = choices("lifecycle", "#entry", "verdicts", "[]", "outcome")
OUTCOME_ORDER = ["not-addressed", "made-worse", "partly-addressed", "addressed", "disputed", "pending"]
OUTCOME_LABELS = {**OUTCOMES, "disputed": "the sources disagree", "pending": "no verdict yet"}


@dataclass(eq=False)
class Verdict:
    outcome: str
    according_to: str
    summary: str
    sources: list[Source]
    quote: Optional[str] = None

    @property
    def label(self) -> str:
        return OUTCOMES[self.outcome]


@dataclass(eq=False)
class LifecycleEntry:
    """One objection traced from the drafts to the final text, with the sources' verdicts on what became of it."""

    id: str
    asked: str
    raised_by: str
    drafts: str
    status: str
    verdicts: list[Verdict]
    note: Optional[str] = None
    stakeholders: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        """The sources' common verdict, disputed where they differ, pending where no source has judged it yet."""
        if not self.verdicts:
            return "pending"
        found = {v.outcome for v in self.verdicts}
        return found.pop() if len(found) == 1 else "disputed"

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def anchor(self) -> str:
        return f"lifecycle-{self.id}"


def link_lifecycle(ln: "Linker", doc: "Document | None", provisions: "Provisions", stakeholders: dict,
                   statements: dict) -> list[LifecycleEntry]:
    """Lifecycle entries with their provisions, stakeholders and statements resolved."""
    def entry_at(i: int, raw: dict) -> LifecycleEntry:
        path = ("objections", i)
        entry = LifecycleEntry(raw["id"], raw["asked"], raw["raised_by"], raw["drafts"], raw["status"],
                               [Verdict(v["outcome"], v["according_to"], v["summary"],
                                        [Source.of(s) for s in v["sources"]], v.get("quote")) for v in raw["verdicts"]],
                               note=raw.get("note"))
        entry.stakeholders = ln.resolve_all(doc, path + ("stakeholders",), "lifecycle entry names stakeholder",
                                            raw.get("stakeholders", []), stakeholders)
        entry.statements = ln.resolve_all(doc, path + ("statements",), "lifecycle entry names statement",
                                          raw.get("statements", []), statements)
        for j, t in enumerate(raw["provisions"]):
            provision = ln.resolve(doc, path + ("provisions", j, "provision"), "lifecycle entry concerns",
                                   t["provision"], provisions.index, PROVISION_FILES)
            if provision is not None:
                target = Target(provision, t["basis"], entry,
                                note=f"named by {t['cited_by']}" if t.get("cited_by") else None)
                entry.targets.append(target)
        return entry
    return list(ln.listed(doc, "objections", "lifecycle id", entry_at).values())


def outcome_counts(entries: list[LifecycleEntry]) -> dict[str, int]:
    """Entries by outcome, in a fixed order: computed from the verdicts, never typed."""
    counts = {o: 0 for o in OUTCOME_ORDER}
    for entry in entries:
        counts[entry.outcome] += 1
    return {o: n for o, n in counts.items() if n}


class Lifecycle(Kind):
    name = "lifecycle"
    data = (DataKind("lifecycle", "lifecycle.yaml", lists=("objections",)),)
    pages = (PageKind("lifecycle", "overview/lifecycle.md", "lifecycle.md.j2", "lifecycle",
                      ("Objections", "What became of the objections")),)
    needs = ("text", "stakeholders", "statements")
    template_globals = {"OUTCOME_LABELS": OUTCOME_LABELS}

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        doc = single(docs, "lifecycle")
        return {"lifecycle": link_lifecycle(ln, doc, found["text"], found["stakeholders_by_id"],
                                            {st.id: st for st in found["statements"]})}

    def check(self, docs: dict, today: str):
        for doc in docs["lifecycle"]:
            yield from lifecycle_problems(doc)

    def backlinks(self, found: dict):
        """Each provision learns of the entries that concern it (once per target)."""
        return ((target.provision, "lifecycle", entry) for entry in found["lifecycle"] for target in entry.targets)

    def plan(self, site: "Site"):
        yield "lifecycle", None, lambda: {
            "entries": site.lifecycle, "counts": outcome_counts(site.lifecycle),
            "by_provision": group_by_provision(t for e in site.lifecycle for t in e.targets)}

    def dataset(self, site: "Site") -> dict:
        return {"lifecycle": [{"id": e.id, "asked": e.asked, "raised_by": e.raised_by, "drafts": e.drafts,
                               "status": e.status, **({"note": e.note} if e.note else {}), "outcome": e.outcome,
                               "verdicts": [plain({"outcome": v.outcome, "according_to": v.according_to,
                                                   "summary": v.summary, "sources": v.sources, "quote": v.quote})
                                            for v in e.verdicts],
                               "stakeholders": [s.id for s in e.stakeholders],
                               "statements": [st.id for st in e.statements],
                               "provisions": [{"provision": t.provision.id, "basis": t.basis,
                                               **({"note": t.note} if t.note else {})} for t in e.targets]}
                              for e in site.lifecycle]}


KIND = Lifecycle()
