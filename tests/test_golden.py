"""Golden files: the pages generated from tests/fixtures/base with tests/fixtures/fuller over it, byte for byte.

After a deliberate change to the templates, refresh them with: UPDATE_GOLDEN=1 make test
and read the diff before committing it.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from fullerdata import fuller_data
from treatysite.build import generate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = FIXTURES / "golden"


def test_generated_pages_match_the_golden_files(tmp_path):
    docs = tmp_path / "docs"
    generate(fuller_data(tmp_path), docs, site_url="https://example.org/site/")
    produced = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    produced.pop(".generated.json")
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in produced.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(produced) == sorted(expected)
    for rel in sorted(expected):
        assert produced[rel].decode() == expected[rel].decode(), rel
