"""The record's rules over every mapping (no label stronger than its sources, conflicts explained) reach the
mappings inside lists too, not only the file and the mappings it holds by name (record_rules._mappings)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stages import edited, messages  # noqa: E402

RESERVATION = ("reservations:\n"
               "  - {kind: declaration, gist: A declaration., status: verified,\n"
               "     sources: [{publisher: A news digest, status: partly-verified}]}\n")


def test_an_item_of_a_list_is_no_stronger_than_its_sources(tmp_path):
    data = edited(tmp_path, "countries/iceland.yaml", None,
                  (Path(__file__).parent / "fixtures/base/data/countries/iceland.yaml").read_text("utf-8")
                  + RESERVATION)
    assert messages(data) == [
        "data/countries/iceland.yaml:13: 'status' is 'verified', but its strongest source is only 'partly-verified'; "
        "a label is no stronger than its source: lower the status, or add the source that confirms it"]


def test_an_item_of_a_list_marked_conflicting_says_what_conflicts(tmp_path):
    data = edited(tmp_path, "countries/iceland.yaml", None,
                  (Path(__file__).parent / "fixtures/base/data/countries/iceland.yaml").read_text("utf-8")
                  + RESERVATION.replace("status: verified,", "status: conflicting,"))
    assert messages(data) == [
        "data/countries/iceland.yaml:13: 'status' is 'conflicting', but nothing here says what conflicts; add a "
        "'note' (or 'other_version') giving each version and who gives it"]
