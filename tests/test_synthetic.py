"""The benchmark's synthetic data: 200 statements, valid for the real pipeline (a smoke test in make test)."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from treatysite.build import generate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synthetic  # noqa: E402


def test_synthetic_data_builds_with_the_real_pipeline(tmp_path):
    data = synthetic.make(tmp_path, 200, seed=3)
    counts = generate(data, tmp_path / "docs")
    assert counts["statements"] == 200
    assert counts["stakeholders"] == 30
    assert (tmp_path / "docs/statements/syn-000200.md").is_file()


def test_synthetic_statements_vary_in_length_and_targets(tmp_path):
    data = synthetic.make(tmp_path, 200, seed=3)
    docs = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((data / "statements").glob("*.yaml"))]
    lengths = {len(d["summary"].split()) for d in docs}
    assert min(lengths) >= 20 and max(lengths) <= 60 and len(lengths) > 20
    targets = {t["provision"] for d in docs for o in d["objections"] for t in o["targets"]}
    assert len(targets) > 10 and "treaty" in targets
    assert any("through" in t for d in docs for o in d["objections"] for t in o["targets"])
