"""Article numbers across drafts (concordance.yaml): which article of each earlier draft became which article of
the final text, so that a source citing a draft's numbering points at the right final provision."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..document import Document
from ..kind import DataKind, Kind, PageKind, single
from ..linker import Linker
from ..model import Source
from ..opendata import plain
from ..site import Site
from .text import Article


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
                           r["final_article"], provisions.articles, ("chapter",), Article.id_for)
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


class Concordance(Kind):
    name = "concordance"
    data = (DataKind("concordance", "concordance.yaml", lists=("drafts",)),)
    pages = (PageKind("concordance", "overview/draft-numbers.md", "concordance.md.j2", "concordance",
                      ("Background", "Article numbers across drafts")),)
    needs = ("text",)

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        doc = single(docs, "concordance")
        return {"drafts": link_concordance(ln, doc, found["text"])}

    def plan(self, site: "Site"):
        yield "concordance", None, {"drafts": site.drafts}

    def dataset(self, site: "Site") -> dict:
        return {"drafts": [{"id": d.id, "name": d.name, "date": d.date, **({"note": d.note} if d.note else {}),
                            "rows": [plain({"draft_article": r.draft_article, "final_article": r.final.number,
                                            "subject": r.subject, "status": r.status, "sources": r.sources,
                                            "split": r.split, "note": r.note}) for r in d.rows]}
                           for d in site.drafts]}


KIND = Concordance()
