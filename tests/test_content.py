"""The content keeps its promises: quotes found word for word in the research, both sides counted from data."""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "reference"


def _docs(folder: str) -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "data" / folder).glob("*.yaml"))]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_statements_cover_both_sides_and_every_one_has_a_source():
    statements = _docs("statements")
    assert len(statements) >= 120
    assert sum(st["stance"] in ("supports", "mixed") for st in statements) >= 35
    for st in statements:
        assert st["source"]["publisher"].strip(), st["id"]


def test_every_quotation_is_word_for_word_in_the_reference_files():
    research = _flat("\n".join(p.read_text("utf-8") for p in REFERENCE.glob("*.*")))
    quotes = [(st["id"], q["text"]) for st in _docs("statements") for q in st.get("quotes", [])]
    assert len(quotes) > 150
    missing = [(sid, text) for sid, text in quotes if _flat(text) not in research]
    assert not missing, missing


def test_no_quote_comes_from_a_machine_generated_summary():
    for st in _docs("statements"):
        if st["source"].get("machine_summary"):
            assert not st.get("quotes"), st["id"]


def _positions_on(article: int) -> tuple[int, int, int, int]:
    """(objections, their statements, supporting arguments, their statements) targeting an article, from data/."""
    counts = {"objections": [0, set()], "supporting": [0, set()]}
    for st in _docs("statements"):
        for key, tally in counts.items():
            for position in st.get(key) or []:
                for t in position["targets"]:
                    first = int(t["provision"][4:]) if t["provision"].startswith("art-") else None
                    last = int(t["through"][4:]) if "through" in t else first
                    if first is not None and first <= article <= last:
                        tally[0] += 1
                        tally[1].add(st["id"])
    return (counts["objections"][0], len(counts["objections"][1]), counts["supporting"][0], len(counts["supporting"][1]))


def test_articles_6_and_24_show_both_sides_as_the_data_says(site):
    for number in (6, 24):
        objections, objecting, arguments, supporting = _positions_on(number)
        assert objections and arguments, number
        page = (site / f"articles/article-{number}/index.html").read_text("utf-8")
        text = _flat(re.sub(r"<[^>]+>", "", html_lib.unescape(page)))
        plural = lambda n, word: f"{n} {word}{'s' if n != 1 else ''}"  # noqa: E731
        assert (f"Both sides: {plural(objecting, 'statement')} objecting") in text
        assert (f"{plural(supporting, 'statement')} supporting") in text
        assert 'id="objections"' in page and 'id="support"' in page
        assert page.index('href="#objections"') < page.index('id="objections"')  # the jump comes first
        assert page.index('href="#support"') < page.index('id="objections"')


def test_country_counts_are_derived_from_the_records(site):
    countries = _docs("countries")
    signed = sum(bool(c.get("signature")) for c in countries)
    deposited = sum(bool((c.get("ratification") or {}).get("deposited")) for c in countries)
    needed = yaml.safe_load((ROOT / "data/treaty.yaml").read_text("utf-8"))["entry_into_force"]["instruments"]
    text = _flat(re.sub(r"<[^>]+>", "", html_lib.unescape((site / "countries/index.html").read_text("utf-8"))))
    assert f"Our records name {signed} signatories" in text and f"The table below lists {len(countries)} states" in text
    assert f"Entry into force needs {needed} instruments, {needed - deposited} more than the records show" in text
    assert len(countries) >= 196 and signed >= 75


def test_lifecycle_outcomes_are_counted_from_the_verdicts(site):
    entries = yaml.safe_load((ROOT / "data/lifecycle.yaml").read_text("utf-8"))["objections"]
    assert len(entries) >= 25
    outcomes = {}
    for e in entries:
        verdicts = {v["outcome"] for v in e["verdicts"]}
        outcome = verdicts.pop() if len(verdicts) == 1 else "disputed" if verdicts else "pending"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        assert all(v["sources"] for v in e["verdicts"])
    text = _flat(re.sub(r"<[^>]+>", "", html_lib.unescape((site / "overview/lifecycle/index.html").read_text("utf-8"))))
    labels = {"not-addressed": "not addressed", "made-worse": "made worse", "partly-addressed": "partly addressed",
              "addressed": "addressed", "disputed": "the sources disagree", "pending": "no verdict yet"}
    for outcome, n in outcomes.items():
        assert f"{n} {labels[outcome]}" in text, outcome
    assert f"{len(entries)} objections traced" in text


def test_lifecycle_quotes_are_word_for_word_in_the_research():
    research = _flat("\n".join(p.read_text("utf-8") for p in REFERENCE.glob("*.*")))
    entries = yaml.safe_load((ROOT / "data/lifecycle.yaml").read_text("utf-8"))["objections"]
    quotes = [v["quote"] for e in entries for v in e["verdicts"] if v.get("quote")]
    assert quotes and all(_flat(q) in research for q in quotes)
    for e in entries:
        for v in e["verdicts"]:
            if any(s.get("machine_summary") for s in v["sources"]):
                assert not v.get("quote"), e["id"]


def test_the_concordance_finds_the_final_article(site):
    page = (site / "overview/draft-numbers/index.html").read_text("utf-8")

    def final(draft_id: str, article: int) -> str:
        section = page[page.index(f'id="{draft_id}"'):]
        section = section[:section.index("</table>")]
        row = re.search(rf"<td>Art\. {article}</td>\s*<td><a [^>]*>Article (\d+)", section)
        return row and row.group(1)
    assert final("zero-draft-2023", 6) == "7"       # illegal access
    assert final("zero-draft-2023", 5) == "6"       # human rights (2023)
    assert final("zero-draft-2023", 17) == "4"      # offences under other treaties


def test_most_states_speak_in_their_own_words():
    countries = {c["id"] for c in _docs("countries")}
    speaking = {s for st in _docs("statements") for s in st["stakeholders"] if s in countries}
    assert len(speaking) >= 55
