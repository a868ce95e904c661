"""The record's rules (issue 23), over all the data, and the one signature story every page tells."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from datafiles import one, read

from treatysite.build import generate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def _yaml(path: Path):
    return one(path.relative_to(DATA).as_posix())


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    generate(DATA, out, site_url="https://example.org/")
    return out


# --- Rule 5: one signature story --------------------------------------------------------------------------------

STORY = re.compile(r"\*\*Signatures\.\*\*.*?(?=\n\n(?!- )(?!\*\*Ratifications)|\Z)", re.S)


def _story(page: Path) -> str:
    """The signature story of a generated page, with its links made page-independent."""
    text = page.read_text("utf-8")
    found = STORY.search(text)
    assert found, f"{page.name} has no signature story"
    return re.sub(r"\]\([^)#]*?([\w-]+)\.md#", r"](\1#", found.group(0))


def _expected_story() -> dict:
    """The numbers of the story, counted here straight from the YAML."""
    countries = read("countries")
    ratifications = _yaml(DATA / "ratifications.yaml")
    treaty = _yaml(DATA / "treaty.yaml")
    signed = [c for c in countries if c.get("signature")]
    latest = max((r for r in ratifications["signature_counts"] if r.get("date")), key=lambda r: str(r["date"]))
    held = sum(str(c["signature"]["date"])[:len(str(latest["date"]))] <= str(latest["date"]) for c in signed)
    return {"signed": len(signed), "confirmed": sum(c["signature"]["status"] == "verified" for c in signed),
            "latest": latest["count"], "unnamed": latest["count"] - held,
            "deposited": sum(bool((c.get("ratification") or {}).get("deposited")) for c in countries),
            "needed": treaty["entry_into_force"]["instruments"],
            "closes": str(ratifications["signature_period"]["closes"])}


def test_home_countries_and_ratifications_tell_the_same_signature_story(docs):
    stories = {name: _story(docs / name) for name in ("index.md", "countries/index.md", "overview/ratifications.md")}
    assert len(set(stories.values())) == 1, stories
    story = stories["index.md"]
    want = _expected_story()
    assert f"Our records name **{want['signed']}** signatories, **{want['confirmed']}** of them confirmed" in story
    assert f"The latest reported total is **{want['latest']}** (July 2026" in story
    assert want["unnamed"] == 2 and f"so **{want['unnamed']}** signatories counted there are not named" in story
    assert "open for signature until **31 December 2026**" in story and want["closes"] == "2026-12-31"
    assert "by accession" in story
    assert f"**{want['deposited']}** of the **{want['needed']}** instruments needed" in story


def _group_of(story: str, name: str) -> str:
    line = next(line for line in story.splitlines() if f"[{name}]" in line)
    return line.split("**")[1]


def test_a_procedure_begun_is_not_counted_with_a_parliaments_approval(docs):
    story = _story(docs / "index.md")
    assert _group_of(story, "Russian Federation") == "Ratification procedure begun"
    assert _group_of(story, "Maldives") == "Parliament approved"
    assert _group_of(story, "Azerbaijan") == "Ratification law approved"  # its furthest step, not parliament's
    counts = re.findall(r"^- \*\*(.+?)\*\* \((\d+)\)", story, re.M)
    assert len({label for label, _ in counts}) == len(counts)  # each step once
    stepping = [c for c in read("countries")
                if (c.get("ratification") or {}).get("steps") and not c["ratification"].get("deposited")]
    assert sum(int(n) for _, n in counts) == len(stepping)  # each state counted once


# --- Rules 1-4 and 6: checks in the build, each with its exact message ------------------------------------------

import sys  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stages import edited, messages  # noqa: E402

S = "data/statements/ngo-2024-08.yaml"
SPEAKER = "stance: objects\n"
QUOTE = "  - {id: q1, text: Too broad., provenance: verbatim}\n"
TARGET = "      - {provision: art-2, basis: cited}\n"
CONCORDANCE = ("drafts:\n  - {id: old-draft, name: Old draft, date: '2023'}\n"
               "rows:\n  - {draft: old-draft, draft_article: 1, final_article: 2, subject: Scope, status: verified,\n"
               "     sources: [{publisher: A, status: verified}]}\n")

RULE_CASES = [
    # Rule 1: who said it
    ("1-speaker-quote-unattributed", "statements/ngo-2024-08.yaml", "stance: objects\n",
     "speaker: Ann Example\nstance: objects\n",
     [f"{S}:12: quote 'q1' does not say whose words it gives, and the statement names a speaker ('Ann Example'); "
      "add 'said_by: speaker' if that person said or signed these words, or 'said_by: document' if they are the words "
      "of the document (shown as its publisher's)"]),
    ("1-said-by-speaker-without-one", "statements/ngo-2024-08.yaml", QUOTE,
     "  - {id: q1, text: Too broad., provenance: verbatim, said_by: speaker}\n",
     [f"{S}:11: quote 'q1' is 'said_by: speaker', but the statement names no speaker; add 'speaker' (the person who "
      "said these words), or use 'said_by: document'"]),
    # Rule 2: mixed means both sides
    ("2-mixed-one-side", "statements/ngo-2024-08.yaml", "stance: objects\n", "stance: mixed\n",
     [f"{S}:9: stance is 'mixed' but the statement records objections but no supporting argument; record the other "
      "side if the source gives it, give the stance of the side recorded, or say what the mixture is in 'mixture'"]),
    ("2-mixture-not-mixed", "statements/ngo-2024-08.yaml", "stance: objects\n",
     "stance: objects\nmixture: Half and half.\n",
     [f"{S}:10: 'mixture' is for a mixed statement, but the stance is 'objects'; remove 'mixture' or change the stance"]),
    # Rule 3: no label stronger than its source
    ("3-quote-weaker-than-statement", "statements/ngo-2024-08.yaml", QUOTE,
     "  - {id: q1, text: Too broad., provenance: verbatim, status: partly-verified}\n",
     [f"{S}:7: the source's status is 'verified', stronger than that of quote 'q1' ('partly-verified'); a statement "
      "is no stronger than what carries it: lower the status, or move the quote to a statement of its own"]),
    ("3-signature-stronger-than-sources", "countries/iceland.yaml",
     '    - {publisher: A treaty database, url: "https://example.org/signatures", status: verified}\n',
     '    - {publisher: A news digest, status: partly-verified}\n',
     ["data/countries/iceland.yaml:9: 'status' is 'verified', but its strongest source is only 'partly-verified'; a "
      "label is no stronger than its source: lower the status, or add the source that confirms it"]),
    # Rule 4: draft numbers beside final numbers
    ("4-draft-numbering-not-recorded", "statements/ngo-2024-08.yaml", TARGET,
     "      - {provision: art-2, basis: editorial, note: Source cites draft Art. 1; mapped to final Art. 2.}\n",
     [f"{S}:19: the note says the source used a draft's numbering, but the target does not record the draft article; "
      "add 'draft' (the draft's id in data/concordance.yaml and the article number the source used) and target the "
      "final article"]),
    ("4-draft-article-cited", "statements/ngo-2024-08.yaml", TARGET,
     "      - {provision: art-2, basis: cited, draft: {draft: old-draft, article: 1}}\n",
     [f"{S}:19: the source names draft Article 1, not an article of the final text; mark the link 'editorial' (our "
      "mapping to the final article)"]),
    ("4-draft-beside-the-wrong-article", "statements/ngo-2024-08.yaml", TARGET,
     "      - {provision: art-3, basis: editorial, draft: {draft: old-draft, article: 1}}\n",
     [f"{S}:19: data/concordance.yaml maps old-draft Article 1 to Article 2, but this target puts it beside Article 3; "
      "target art-2, or correct the concordance"]),
    # Rule 6: conflicting sources stay visible
    ("6-conflicting-without-the-other-version", "chapters/01.yaml", "title_status: verified\nsummary: The opening",
     "title_status: conflicting\nsummary: The opening",
     ["data/chapters/01.yaml:3: 'title_status' is 'conflicting', but nothing here says what conflicts; add a 'note' "
      "(or 'other_version') giving each version and who gives it"]),
]


@pytest.mark.parametrize("case, file, old, new, expected", RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_each_rule_is_checked_with_its_exact_message(tmp_path, case, file, old, new, expected):
    data = edited(tmp_path, file, old, new)
    (data / "concordance.yaml").write_text(CONCORDANCE, "utf-8")
    assert messages(data) == expected


def test_a_lifecycle_link_marked_cited_says_who_cites_it(tmp_path):
    data = edited(tmp_path, "lifecycle.yaml", None,
        "objections:\n  - id: ask\n    asked: An ask.\n    raised_by: An NGO.\n    drafts: A draft.\n"
        "    provisions:\n      - {provision: art-2, basis: cited}\n    verdicts: []\n    status: verified\n")
    assert messages(data) == [
        "data/lifecycle.yaml:7: the link to 'art-2' is 'cited' but does not say who names the article; add 'cited_by' "
        "(the source that names it), use 'treaty-text' if only the treaty's own text ties it to the ask, or "
        "'editorial' if it is our mapping"]


def test_the_real_data_keeps_every_rule():
    from treatysite.errors import Problems
    from treatysite.load import load_data
    import datetime
    from treatysite.record_rules import lifecycle_problems, record_problems, statement_problems
    from treatysite.validate import validate_documents
    problems = Problems()
    docs = validate_documents(load_data(DATA, problems), problems)
    assert not problems, problems.report()
    assert [(d.rel, m) for d, _, m in record_problems(docs)] == []
    concordance = next(d for d in docs if d.kind == "concordance")
    assert [(d.rel, m) for doc in docs if doc.kind == "statement"
            for d, _, m in statement_problems(doc, concordance, datetime.date.today().isoformat())] == []
    assert [(d.rel, m) for doc in docs if doc.kind == "lifecycle" for d, _, m in lifecycle_problems(doc)] == []
    statements = [d.data for d in docs if d.kind == "statement"]
    assert any(q.get("said_by") == "document" for st in statements for q in st.get("quotes", []))
    assert any(st.get("mixture") for st in statements)
    assert any(t.get("draft") for st in statements for o in st["objections"] for t in o["targets"])


# --- Rule 3: a lifecycle verdict only from a source the research lists under the outcome ---------------------------

REFERENCE = Path(__file__).resolve().parent / "fixtures" / "reference" / "objection-lifecycle.md"
_URL = re.compile(r"https?://[^\s)\]>\"]+")
_NAME = re.compile(r"\b(?:[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*|[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?)\b")
_GENERIC = {"Convention", "Joint", "United", "States", "Nations", "International", "Global", "Human",
            "Rights", "Watch", "Court", "Final", "Text", "Article", "Outcome"}


def _address(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/.,;)").lower()


def _rows() -> dict[int, str]:
    text = REFERENCE.read_text("utf-8")
    return {int(m.group(1)): m.group(0) for m in re.finditer(r"^### (\d+)\. .*?(?=^### |^## )", text, re.S | re.M)}


def _bullets(row: str, *names: str) -> str:
    """The top-level bullets of a row whose bold label starts with one of the names, with their sub-bullets."""
    return "\n".join(p for p in re.split(r"^- \*\*", row, flags=re.M) if p.startswith(names))


def _verdict_sources(rows: dict[int, str], n: int) -> tuple[set[str], str]:
    """Addresses and text that the research gives as the outcome of row n.

    The Outcome and Disagreement bullets count, with the rows they refer to ("row 8", "rows 17-18"), and the
    Final text bullet: the research judges the outcome against the final text it describes there. What is listed
    only under "Raised by" (a comment on an earlier draft) does not count.
    """
    outcome = _bullets(rows[n], "Outcome", "Disagreement", "Final text")
    addresses = {_address(u) for u in _URL.findall(outcome)}
    for first, last in re.findall(r"rows? (\d+)(?:[–-](\d+))?", outcome):
        for k in range(int(first), int(last or first) + 1):
            addresses |= {_address(u) for u in _URL.findall(rows.get(k, ""))}
    return addresses, outcome


def _named_in(according_to: str, text: str) -> bool:
    names = [w for w in _NAME.findall(according_to) if w not in _GENERIC]
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in names)


def test_every_lifecycle_verdict_comes_from_a_source_listed_under_the_outcome():
    rows = _rows()
    entries = _yaml(DATA / "lifecycle.yaml")["objections"]
    assert len(entries) == len(rows) == 30  # the data follows the research's rows in order
    everywhere = {_address(u) for u in _URL.findall(REFERENCE.read_text("utf-8"))}
    wrong = []
    for n, entry in enumerate(entries, start=1):
        listed, outcome = _verdict_sources(rows, n)
        for v in entry["verdicts"]:
            seen = [_address(a) for s in v["sources"]
                    for a in [s.get("url"), *(s.get("seen_at") or []), (s.get("reported_by") or {}).get("url")] if a]
            if any(a in listed for a in seen):
                continue
            # named in the outcome, at an address the research gives for it (or none: a summary it names)
            if _named_in(v["according_to"], outcome) and (not seen or any(a in everywhere for a in seen)):
                continue
            wrong.append((n, entry["id"], v["according_to"]))
    assert wrong == []


def test_a_comment_on_a_draft_is_not_a_verdict():
    """The audit's cases: the Tech Accord's comment on the draft (A-6) and the US line given as a mirror view (A-7)."""
    entries = {e["id"]: e for e in _yaml(DATA / "lifecycle.yaml")["objections"]}
    assert all("Tech Accord" not in v["according_to"] for v in entries["safeguards-in-cooperation"]["verdicts"])
    assert all("United States" not in v["according_to"] for v in entries["sovereignty-fewer-safeguards"]["verdicts"])
