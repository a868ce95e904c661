"""The record's rules (issue 23), over all the data, and the one signature story every page tells."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from treatysite.build import generate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def _yaml(path: Path):
    return yaml.safe_load(path.read_text("utf-8"))


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
    countries = [_yaml(p) for p in sorted((DATA / "countries").glob("*.yaml"))]
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
    stepping = [c for c in (_yaml(p) for p in (DATA / "countries").glob("*.yaml"))
                if (c.get("ratification") or {}).get("steps") and not c["ratification"].get("deposited")]
    assert sum(int(n) for _, n in counts) == len(stepping)  # each state counted once
