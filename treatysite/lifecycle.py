"""What became of the objections raised in the negotiations, and article numbers across drafts: model and links."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from .link_text import PROVISION_FILES, Provisions
from .model import Source, Target
from .schema import choices

if TYPE_CHECKING:
    from .link import Linker
    from .load import Document

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


@dataclass(eq=False)
class Draft:
    id: str
    name: str
    date: str
    note: Optional[str] = None
    rows: list["ConcordanceRow"] = field(default_factory=list)


@dataclass(eq=False)
class ConcordanceRow:
    draft: Draft
    draft_article: int
    final: object            # the final-text Article
    subject: str
    status: str
    sources: list[Source]
    split: bool = False
    note: Optional[str] = None


def link_lifecycle(ln: "Linker", doc: "Document | None", provisions: Provisions, index: dict,
                   statements: dict) -> list[LifecycleEntry]:
    """Lifecycle entries with their provisions, stakeholders and statements resolved; provisions learn of them."""
    found, seen = [], {}
    for i, raw in enumerate(doc.data["objections"] if doc else []):
        path = ("objections", i)
        if not ln.unique(doc, path + ("id",), "lifecycle id", raw["id"], seen):
            continue
        entry = LifecycleEntry(raw["id"], raw["asked"], raw["raised_by"], raw["drafts"], raw["status"],
                               [Verdict(v["outcome"], v["according_to"], v["summary"],
                                        [Source.of(s) for s in v["sources"]], v.get("quote")) for v in raw["verdicts"]],
                               note=raw.get("note"))
        entry.stakeholders = ln.resolve_all(doc, path + ("stakeholders",), "lifecycle entry names stakeholder",
                                            raw.get("stakeholders", []), index["stakeholders"])
        entry.statements = ln.resolve_all(doc, path + ("statements",), "lifecycle entry names statement",
                                          raw.get("statements", []), statements)
        for j, t in enumerate(raw["provisions"]):
            provision = ln.resolve(doc, path + ("provisions", j, "provision"), "lifecycle entry concerns",
                                   t["provision"], provisions.index, PROVISION_FILES)
            if provision is not None:
                target = Target(provision, t["basis"], entry,
                                note=f"named by {t['cited_by']}" if t.get("cited_by") else None)
                entry.targets.append(target)
                provision.lifecycle.append(entry)
        found.append(entry)
    return found


def link_concordance(ln: "Linker", doc: "Document | None", provisions: Provisions) -> list[Draft]:
    """Drafts and their rows; one draft article maps to one final article unless every row for it says split."""
    if doc is None:
        return []
    drafts: dict[str, Draft] = {}
    seen: dict = {}
    for i, d in enumerate(doc.data["drafts"]):
        if ln.unique(doc, ("drafts", i, "id"), "draft id", d["id"], seen):
            drafts[d["id"]] = Draft(d["id"], d["name"], d["date"], d.get("note"))
    mapped: dict[tuple, list] = {}
    for i, r in enumerate(doc.data["rows"]):
        path = ("rows", i)
        draft = ln.resolve(doc, path + ("draft",), "concordance row names draft", r["draft"], drafts)
        final = ln.resolve(doc, path + ("final_article",), "concordance row maps to final article",
                           r["final_article"], provisions.articles, ("chapter",))
        if draft is None or final is None:
            continue
        row = ConcordanceRow(draft, r["draft_article"], final, r["subject"], r["status"],
                             [Source.of(s) for s in r["sources"]], r.get("split", False), r.get("note"))
        earlier = mapped.setdefault((draft.id, row.draft_article), [])
        if any(e.final is not final and not (e.split and row.split) for e, _ in earlier):
            first = earlier[0][1]
            ln.report(doc, path + ("final_article",),
                      f"{draft.name} Article {row.draft_article} is already mapped to Article "
                      f"{earlier[0][0].final.number} (line {doc.line(first)}); if it became several final articles, "
                      "mark every row for it 'split: true', otherwise correct one of the rows")
            continue
        earlier.append((row, path + ("final_article",)))
        draft.rows.append(row)
    return list(drafts.values())


def outcome_counts(entries: list[LifecycleEntry]) -> dict[str, int]:
    """Entries by outcome, in a fixed order: computed from the verdicts, never typed."""
    counts = {o: 0 for o in OUTCOME_ORDER}
    for entry in entries:
        counts[entry.outcome] += 1
    return {o: n for o, n in counts.items() if n}

