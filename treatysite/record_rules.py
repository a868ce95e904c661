"""The record's rules (issue 23): who said it, what "mixed" means, no label stronger than its source, draft
numbers beside final ones, and conflicts kept visible. Checked over every document that passed its schema.

Each problem is (document, path, message); the validate stage's checks add them with the file and line.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .document import Document
from .errors import quoted
from .model import surely_before

# How strong a label is: a fact's label may not be stronger than what carries it.
STRENGTH = {"verified": 3, "partly-verified": 2, "conflicting": 1, "unverified": 0}
# Where a record that says its sources conflict gives the other version.
CONFLICT_NOTES = ("note", "status_note", "other_version", "date_note")
# A target's note that says the source used an earlier draft's numbering.
DRAFT_NUMBERING = re.compile(r"\bdraft (numbering|art(icle)?s?\b\.?)|\b(old|earlier draft's|draft's) numbering", re.I)

Problem = tuple  # (the document, the path of the value in it, the message)


def record_problems(docs: list["Document"]) -> Iterator[Problem]:
    """Every break of the rules that hold for every file: no source stronger than the file's own label, and every
    conflict explained. The rules of one kind are called by that kind (Kind.check)."""
    for doc in docs:
        mappings = list(_mappings(doc.data, ()))  # one walk of the document for both rules
        yield from _sources_no_stronger(doc, mappings)
        yield from _conflicts_visible(doc, mappings)


def _mappings(node, path: tuple) -> Iterator[tuple[tuple, dict]]:
    """(path, mapping) of every mapping in a document, each before those it holds."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                yield from _mappings(value, path + (key,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, (dict, list)):
                yield from _mappings(item, path + (i,))


def statement_problems(doc: "Document", concordance: "Document | None", today: str) -> Iterator[Problem]:
    """A statement's rules: who said each quote, what mixed means, quotes no stronger than their source, draft
    numbering recorded and consistent with the concordance, and the labels of trust its data must back."""
    yield from _who_said_it(doc)
    yield from _mixed_means_both(doc)
    yield from _quotes_no_stronger(doc)
    yield from _draft_numbers(doc, concordance)
    yield from _trust_problems(doc, today)


# Rule 1 ---------------------------------------------------------------------------------------------------------

def _who_said_it(doc: Document) -> Iterator[Problem]:
    """A named speaker is the speaker only of the quotes said_by: speaker; the others are the document's words."""
    speaker = doc.data.get("speaker")
    for i, quote in enumerate(doc.data.get("quotes", [])):
        said_by = quote.get("said_by")
        if speaker and said_by is None:
            yield doc, ("quotes", i), (
                f"quote '{quote['id']}' does not say whose words it gives, and the statement names a speaker "
                f"({quoted(speaker)}); add 'said_by: speaker' if that person said or signed these words, or "
                "'said_by: document' if they are the words of the document (shown as its publisher's)")
        elif said_by == "speaker" and not speaker:
            yield doc, ("quotes", i, "said_by"), (
                f"quote '{quote['id']}' is 'said_by: speaker', but the statement names no speaker; add 'speaker' "
                "(the person who said these words), or use 'said_by: document'")


# Rule 2 ---------------------------------------------------------------------------------------------------------

def _mixed_means_both(doc: Document) -> Iterator[Problem]:
    """Mixed: at least one objection and one supporting argument, or a 'mixture' saying what the mix is."""
    data = doc.data
    both = bool(data.get("objections")) and bool(data.get("supporting"))
    if data["stance"] == "mixed" and not both and not data.get("mixture"):
        has = ("no objection and no supporting argument" if not data.get("objections") and not data.get("supporting")
               else "objections but no supporting argument" if data.get("objections")
               else "supporting arguments but no objection")
        yield doc, ("stance",), (
            f"stance is 'mixed' but the statement records {has}; record the other side if the source gives it, "
            "give the stance of the side recorded, or say what the mixture is in 'mixture'")
    elif data["stance"] != "mixed" and data.get("mixture"):
        yield doc, ("mixture",), (f"'mixture' is for a mixed statement, but the stance is '{data['stance']}'; "
                                  "remove 'mixture' or change the stance")


# Rule 3 ---------------------------------------------------------------------------------------------------------

def _weaker(a: str, b: str) -> bool:
    return STRENGTH[a] < STRENGTH[b]


def _quotes_no_stronger(doc: Document) -> Iterator[Problem]:
    """A statement's status is no stronger than any of its quotes: a quote's own label carries it."""
    status = doc.data["source"]["status"]
    for i, quote in enumerate(doc.data.get("quotes", [])):
        if quote.get("status") and _weaker(quote["status"], status):
            yield doc, ("source", "status"), (
                f"the source's status is '{status}', stronger than that of quote '{quote['id']}' "
                f"('{quote['status']}'); a statement is no stronger than what carries it: lower the status, or move "
                "the quote to a statement of its own")


def _sources_no_stronger(doc: Document, mappings: list[tuple[tuple, dict]]) -> Iterator[Problem]:
    """A fact with a list of sources is no stronger than the strongest of them."""
    for path, node in mappings:
        sources = node.get("sources")
        status = node.get("status")
        if isinstance(status, str) and isinstance(sources, list) and sources and all(isinstance(s, dict) for s in sources):
            best = max(sources, key=lambda s: STRENGTH.get(s.get("status"), 0))
            if best.get("status") in STRENGTH and status in STRENGTH and _weaker(best["status"], status) \
                    and status != "conflicting":
                yield doc, path + ("status",), (
                    f"'status' is '{status}', but its strongest source is only '{best['status']}'; a label is no "
                    "stronger than its source: lower the status, or add the source that confirms it")


def lifecycle_problems(doc: Document) -> Iterator[Problem]:
    """A lifecycle link marked cited names who cites the article: a stakeholder source, not the treaty's own text."""
    for i, entry in enumerate(doc.data["objections"]):
        for j, link in enumerate(entry["provisions"]):
            if link["basis"] == "cited" and not link.get("cited_by"):
                yield doc, ("objections", i, "provisions", j, "basis"), (
                    f"the link to '{link['provision']}' is 'cited' but does not say who names the article; add "
                    "'cited_by' (the source that names it), use 'treaty-text' if only the treaty's own text ties it to "
                    "the ask, or 'editorial' if it is our mapping")


# Rule 4 ---------------------------------------------------------------------------------------------------------

def _targets(data: dict) -> Iterator[tuple[tuple, dict]]:
    for key in ("objections", "supporting"):
        for i, position in enumerate(data.get(key, [])):
            for j, target in enumerate(position["targets"]):
                yield (key, i, "targets", j), target


def _folder(doc: Document) -> str:
    """The data folder a document was read from, as messages name it (its path's first part)."""
    return doc.rel.split("/", 1)[0]


def _final_articles(concordance: "Document | None") -> dict[tuple, int]:
    """(draft, draft article) -> final article, as the concordance gives them (a split row gives none)."""
    return {(r["draft"], r["draft_article"]): r["final_article"]
            for r in (concordance.data["rows"] if concordance else []) if not r.get("split")}


def _draft_numbers(doc: Document, concordance: "Document | None") -> Iterator[Problem]:
    """A source in draft numbering: the final article is the target, the draft article is recorded beside it."""
    final_of = None  # read from the concordance only for a statement that gives a draft's number
    for path, target in _targets(doc.data):
        draft = target.get("draft")
        if draft is None and DRAFT_NUMBERING.search(target.get("note", "")):
            yield doc, path + ("note",), (
                "the note says the source used a draft's numbering, but the target does not record the draft article; "
                f"add 'draft' (the draft's id in {_folder(doc)}/concordance.yaml and the article number the source used) and "
                "target the final article")
        if draft is None:
            continue
        if target["basis"] == "cited":
            yield doc, path + ("basis",), (
                f"the source names draft Article {draft['article']}, not an article of the final text; mark the link "
                "'editorial' (our mapping to the final article)")
        if not target["provision"].startswith("art-"):
            continue
        final_of = _final_articles(concordance) if final_of is None else final_of
        first = int(target["provision"][4:])
        last = int(target["through"][4:]) if target.get("through") else first
        for number in range(first, last + 1):  # a range runs beside the draft's, article for article
            article = draft["article"] + number - first
            final = final_of.get((draft["draft"], article))
            if final is not None and final != number:
                yield doc, path + ("provision",), (
                    f"{_folder(doc)}/concordance.yaml maps {draft['draft']} Article {article} to Article {final}, but this target "
                    f"puts it beside Article {number}; target art-{final}, or correct the concordance")
                break


# Rule 6 ---------------------------------------------------------------------------------------------------------

def _conflicts_visible(doc: Document, mappings: list[tuple[tuple, dict]]) -> Iterator[Problem]:
    """A value marked conflicting says what the other sources say."""
    for path, node in mappings:
        for key in ("status", "title_status"):
            if node.get(key) != "conflicting":
                continue
            said = any(node.get(k) for k in CONFLICT_NOTES) or ("sources" in node and node.get("summary")) \
                or (path == ("source",) and doc.data.get("date_note"))  # a report's summary gives both versions
            if not said:
                yield doc, path + (key,), (
                    f"'{key}' is 'conflicting', but nothing here says what conflicts; add a 'note' (or 'other_version') "
                    "giving each version and who gives it")


def _trust_problems(doc: Document, today: str) -> Iterator[Problem]:
    """Labels a statement's data must back: where a quote was read, who reported it, and a date already past."""
    data = doc.data
    source = data["source"]
    address = source.get("url") or source.get("seen_at")
    for i, quote in enumerate(data.get("quotes", [])):
        if quote["provenance"] == "verbatim" and not (address or quote.get("seen_at")):
            yield doc, ("quotes", i, "provenance"), (
                f"quote '{quote['id']}' is marked verbatim, but neither the source nor the quote gives an address "
                "('url' or 'seen_at') where the words can be read; add it, or mark the quote 'reported' and "
                "name who reported it")
        elif quote["provenance"] == "reported" and not (quote.get("seen_at") or source.get("reported_by")):
            yield doc, ("quotes", i, "provenance"), (
                f"quote '{quote['id']}' is marked reported, but nothing says who reported it; add the quote's "
                "'seen_at' (where it was quoted) or the source's 'reported_by'")
        if source.get("machine_summary"):
            yield doc, ("quotes", i), (f"quote '{quote['id']}' comes from a machine-generated summary "
                                       "('machine_summary: true'), which is never quoted; remove the quote")
    for path, value in (
            (("date",), data["date"]), (("source", "date"), source.get("date")),
            (("source", "reported_by", "date"), (source.get("reported_by") or {}).get("date"))):
        if value and surely_before(today, value):
            yield doc, path, (f"'{path[-1]}' is {quoted(value)}, which is after today ({today}); a statement and "
                              "its source are dated when they were made: check the year")
