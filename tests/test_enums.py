"""One source for each list of values: the schemas. The open data's column docs and the country statuses read
them, so that a new value reaches the Data page, the CSV docs and the pages without another edit."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from treatysite.kinds.countries import COUNTRY_MEANINGS, Country
from treatysite.model import COUNTRY_STATUS
from treatysite.kinds.statements import CSV_MEANINGS, SUPPORTING_MEANINGS
from treatysite.opendata import one_of
from treatysite.schema import choices, explained

# CSV column -> the schema field whose values it holds
ENUM_COLUMNS = [
    (CSV_MEANINGS, "direction", ("statement", "#objection", "direction")),
    (CSV_MEANINGS, "basis", ("statement", "#target", "basis")),
    (CSV_MEANINGS, "stance", ("statement", "stance")),
    (SUPPORTING_MEANINGS, "stance", ("statement", "stance")),
    (SUPPORTING_MEANINGS, "asks", ("statement", "#argument", "asks")),
    (SUPPORTING_MEANINGS, "basis", ("statement", "#target", "basis")),
    (COUNTRY_MEANINGS, "membership", ("country", "membership")),
    (COUNTRY_MEANINGS, "status", ("country", "#status")),
    (COUNTRY_MEANINGS, "signature_status", ("common", "#status")),
    (COUNTRY_MEANINGS, "ratification_kind", ("country", "#ratification", "kind")),
]


def listed_values(meaning: str) -> list[str]:
    """The values a column's meaning lists, in order: words of value shape before a comma, 'or', '(' or the end."""
    return re.findall(r"(?:^|: |, | or )([a-z][a-z-]*)(?= \(|,| or |$)", re.sub(r" \([^()]*\)", "", meaning))


@pytest.mark.parametrize("meanings, column, field", ENUM_COLUMNS, ids=[f"{c}<-{'.'.join(f)}" for _, c, f in ENUM_COLUMNS])
def test_a_csv_column_of_schema_values_lists_exactly_the_schemas_values(meanings, column, field):
    meaning = dict(meanings)[column]
    assert listed_values(meaning) == list(choices(*field)), meaning


def test_listed_values_reads_what_a_hand_written_list_says():
    # The old, hand-written documentation of signature_status, which left out "unverified": the test sees it.
    assert listed_values("verified, partly-verified or conflicting") == ["verified", "partly-verified", "conflicting"]
    assert listed_values("ratification, acceptance, approval or accession, if any is recorded") == [
        "ratification", "acceptance", "approval", "accession"]


def test_one_of_joins_values_and_their_meanings():
    assert one_of({"a": "x"}) == "a"
    assert one_of({"a": "x", "b": "y", "c": "z"}) == "a, b or c"
    assert one_of({"a": "x", "b": "y"}, explain=True) == "a (x) or b (y)"


def test_explained_gives_the_description_or_else_the_title():
    direction = explained("statement", "#objection", "direction")
    assert direction["fewer-safeguards"] == "objects from the opposite direction"       # a description
    assert explained("statement", "#target", "basis")["cited"] == "the source names this provision"  # a title


def _country(**facts) -> Country:
    return Country("data/countries/x.yaml", id="x", name="X", type="state", **facts)


@pytest.mark.parametrize("facts, status", [
    ({}, "not-signed"),
    ({"signature": {"date": "2025-10-25"}}, "signed"),
    ({"signature": {"date": "2025-10-25"}, "ratification": {"deposited": None, "steps": [{"date": "2026"}]}}, "ratifying"),
    ({"ratification": {"deposited": "2026-01-02"}}, "ratified"),
])
def test_every_country_status_has_the_schemas_label(facts, status):
    country = _country(**facts)
    assert country.status == status
    assert country.status_label == choices("country", "#status")[status]


def test_the_country_statuses_are_the_schemas_in_its_order():
    assert COUNTRY_STATUS == choices("country", "#status")
    assert list(COUNTRY_STATUS) == ["ratified", "ratifying", "signed", "not-signed"]   # the map key's order


def test_every_country_status_has_a_colour_on_the_map():
    css = (Path(__file__).resolve().parent.parent / "docs" / "assets" / "extra.css").read_text("utf-8")
    missing = [s for s in COUNTRY_STATUS if f".st-{s} {{" not in css or f"--status-{s}:" not in css]
    assert not missing, f"docs/assets/extra.css gives no colour (.st-<status>, --status-<status>) to {missing}"
