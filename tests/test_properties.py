"""Property: whatever text a data file holds, the build answers with data or with messages, never a traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatysite.build import generate
from treatysite.errors import DataInvalid

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = (FIXTURES / "base" / "data" / "statements" / "ngo-2024-08.yaml").read_text()

# YAML-ish fragments make the generator reach deeper than uniformly random text would.
FRAGMENTS = st.sampled_from(["\n", "  ", "- ", ": ", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "!x ", "? ",
                             "|\n", ">\n", "'", '"', "#", "---\n", "...\n", "<<: ", "id", "objections", "targets",
                             "provision", "art-1", "2024-13-01", "no", "~", "null", "1:20", "\t", "\x00", "\ufeff"])
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=60).map("".join))


def mutate(base: str, cut: int, insert: str) -> str:
    cut %= len(base) + 1
    return base[:cut] + insert + base[cut:]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0), insert=TEXT, whole=st.booleans())
def test_any_statement_text_gives_data_or_messages(tmp_path_factory, cut, insert, whole):
    root = tmp_path_factory.mktemp("prop")
    shutil.copytree(FIXTURES / "base" / "data", root / "data")
    text = insert if whole else mutate(BASE, cut, insert)
    (root / "data" / "statements" / "ngo-2024-08.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        generate(root / "data", None)
    except DataInvalid as exc:
        report = exc.problems.report()
        assert report.splitlines()[-1].endswith("in data/")
        for problem in exc.problems.items:
            assert problem.file.startswith("data/") and problem.message


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_any_bytes_give_data_or_messages(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("bytes")
    shutil.copytree(FIXTURES / "base" / "data", root / "data")
    (root / "data" / "themes.yaml").write_bytes(data)
    try:
        generate(root / "data", None)
    except DataInvalid as exc:
        assert exc.problems.items
