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
    shutil.copytree(FIXTURES / "base" / "data", root / "data", symlinks=True)
    text = insert if whole else mutate(BASE, cut, insert)
    (root / "data" / "statements" / "ngo-2024-08.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        counts = generate(root / "data", None)
    except DataInvalid as exc:
        report = exc.problems.report()
        assert report.splitlines()[-1].endswith("in data/")
        for problem in exc.problems.items:
            assert problem.file.startswith("data/") and problem.message
    else:  # the text was still a valid statement: it is counted, and nothing else was lost
        assert counts["statements"] == 1 and counts["stakeholders"] == 1


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_any_bytes_give_data_or_messages(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("bytes")
    shutil.copytree(FIXTURES / "base" / "data", root / "data", symlinks=True)
    (root / "data" / "themes.yaml").write_bytes(data)
    try:
        counts = generate(root / "data", None)
    except DataInvalid as exc:
        assert exc.problems.items
        assert all(p.file.startswith("data/") for p in exc.problems.items)
    else:  # only a valid list of themes passes; the statement that uses one must then have found it
        assert counts["statements"] == 1


# The fast path must never accept what jsonschema rejects: compare them on mutated real documents.
def _mutations():
    scalar = st.one_of(st.none(), st.booleans(), st.integers(-3, 1000), st.text(max_size=12),
                       st.sampled_from(["", " ", "2024-02-30", "2024-13", "javascript:x", "https://a.b/c d", "art-1",
                                        "ngo", "cited", "Editorial", "http://x.org", "mailto:a@b.c", "h", "4"]))
    return st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                        max_leaves=6)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_fast_validation_agrees_with_jsonschema(data):
    import copy
    from treatysite.errors import Problems
    from treatysite.load import load_data
    from treatysite.validate import fast_validator, validator
    docs = {d.kind: d.data for d in load_data(FIXTURES / "base" / "data", Problems())}
    docs["statement"] = docs.pop("statement")
    kind = data.draw(st.sampled_from(sorted(docs)))
    doc = copy.deepcopy(docs[kind])
    paths = [p for p in _paths(doc) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(_mutations())
        except (KeyError, IndexError, TypeError):
            continue
    fast = fast_validator(kind)
    if fast is not None:
        assert fast(doc) == validator(kind).is_valid(doc), (kind, doc)
