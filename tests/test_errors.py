"""Errors are a contract: one fixture folder per kind of bad input, with the exact output expected.

Each tests/fixtures/errors/<case>/ holds files that replace those of tests/fixtures/base/data
(remove.txt lists files to delete) and expected.txt, the exact text `build_site.py --check` prints.
Refresh the expectations after a deliberate wording change with: UPDATE_EXPECTED=1 make test
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = sorted(p.name for p in (FIXTURES / "errors").iterdir())


def run_check(case_dir: Path, tmp_path: Path, folder: str = "data") -> subprocess.CompletedProcess:
    shutil.copytree(FIXTURES / "base" / "data", tmp_path / folder, symlinks=True)
    if (case_dir / "data").exists():
        shutil.copytree(case_dir / "data", tmp_path / folder, dirs_exist_ok=True, symlinks=True)
    if (case_dir / "remove.txt").exists():
        for rel in (case_dir / "remove.txt").read_text().split():
            (tmp_path / folder / rel).unlink()
    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), "--check", "--data", folder], cwd=tmp_path,
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))


@pytest.mark.parametrize("case", CASES)
def test_error_message(case, tmp_path):
    case_dir = FIXTURES / "errors" / case
    result = run_check(case_dir, tmp_path)
    expected_file = case_dir / "expected.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(result.stderr)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == expected_file.read_text()


@pytest.mark.parametrize("case", CASES + ["folder-in-messages"])
def test_messages_name_the_data_folder_they_were_given(case, tmp_path):
    """The data folder's name comes from the --data parameter: no message says data/ of a folder called records/."""
    case_dir = FIXTURES / ("errors" if case in CASES else "label") / case
    result = run_check(case_dir, tmp_path, "records")
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert result.stderr == (case_dir / "expected.txt").read_text().replace("data/", "records/")
    assert "data/" not in result.stderr


def test_base_fixture_is_valid(tmp_path):
    shutil.copytree(FIXTURES / "base" / "data", tmp_path / "data", symlinks=True)
    result = subprocess.run([sys.executable, str(ROOT / "build_site.py"), "--check"], cwd=tmp_path,
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode == 0, result.stderr
