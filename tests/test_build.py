"""The command line and the orchestrator: exit codes, --check, and nothing written from bad data."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).resolve().parent / "fixtures" / "base" / "data"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), *args], cwd=cwd, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generate_then_check(tmp_path):
    shutil.copytree(BASE, tmp_path / "data")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("generated ")
    assert (tmp_path / "docs/articles/article-1.md").exists()
    before = snapshot(tmp_path / "docs")
    check = run(tmp_path, "--check")
    assert check.returncode == 0
    assert check.stdout.startswith("data/ is valid: 4 articles, 1 statements, 1 stakeholders")
    assert snapshot(tmp_path / "docs") == before


def test_check_writes_nothing(tmp_path):
    shutil.copytree(BASE, tmp_path / "data")
    assert run(tmp_path, "--check").returncode == 0
    assert not (tmp_path / "docs").exists()


def test_bad_data_leaves_the_previous_pages_untouched(tmp_path):
    shutil.copytree(BASE, tmp_path / "data")
    assert run(tmp_path).returncode == 0
    before = snapshot(tmp_path / "docs")
    statement = tmp_path / "data/statements/ngo-2024-08.yaml"
    statement.write_text(statement.read_text().replace("art-2", "art-99"))
    (tmp_path / "data/stakeholders/ngo.yaml").unlink()
    result = run(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("errors in data/\n")
    assert snapshot(tmp_path / "docs") == before


def test_refusal_to_overwrite_exits_2_and_writes_nothing(tmp_path):
    shutil.copytree(BASE, tmp_path / "data")
    (tmp_path / "docs/statements").mkdir(parents=True)
    (tmp_path / "docs/statements/notes.md").write_text("my notes\n")
    result = run(tmp_path)
    assert result.returncode == 2
    assert "refusing to touch 1 file(s) that build_site.py did not generate:\n  docs/statements/notes.md" in result.stderr
    assert snapshot(tmp_path / "docs") == {"statements/notes.md": b"my notes\n"}


def test_deleted_statement_page_disappears(tmp_path):
    shutil.copytree(BASE, tmp_path / "data")
    assert run(tmp_path).returncode == 0
    assert (tmp_path / "docs/statements/ngo-2024-08.md").exists()
    (tmp_path / "data/statements/ngo-2024-08.yaml").unlink()
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"[1-9][0-9]* deleted", result.stdout), result.stdout
    assert not (tmp_path / "docs/statements/ngo-2024-08.md").exists()


def test_missing_data_folder(tmp_path):
    result = run(tmp_path, "--check")
    assert result.returncode == 1
    assert result.stderr == ("data: the data folder does not exist; run from the project root or pass --data\n"
                             "1 error in data/\n")


def test_unwritable_docs_folder_is_an_error_not_a_traceback(tmp_path, monkeypatch, capsys):
    import build_site
    from treatysite import write

    def refuse(path, text, make_parent=True):
        raise PermissionError(13, "Permission denied", str(path))
    shutil.copytree(BASE, tmp_path / "data")
    monkeypatch.setattr(write, "write_atomic", refuse)
    monkeypatch.setattr(write, "write_new", refuse)
    monkeypatch.chdir(tmp_path)
    assert build_site.run_once(tmp_path / "data", tmp_path / "docs") == 2
    assert capsys.readouterr().err.startswith("error: cannot write the pages: Permission denied: ")


def test_unwritable_docs_folder_is_reported_from_the_workers_too(tmp_path, monkeypatch, capsys):
    import build_site
    from treatysite import render, write

    def refuse(path, text, make_parent=True):
        raise PermissionError(13, "Permission denied", str(path))
    shutil.copytree(BASE, tmp_path / "data")
    monkeypatch.setattr(write, "write_atomic", refuse)
    monkeypatch.setattr(write, "write_new", refuse)
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)  # the real data is small: make the workers write it
    assert build_site.run_once(tmp_path / "data", tmp_path / "docs") == 2
    assert capsys.readouterr().err.startswith("error: cannot write the pages: Permission denied: ")


def test_a_lost_worker_is_an_error_not_a_traceback(tmp_path, monkeypatch, capsys):
    import build_site
    from treatysite import write

    caller = os.getpid()

    def die(self, rel, text):
        if os.getpid() != caller:  # the caller writes its share too: only a worker may die
            os._exit(1)
        time.sleep(0.005)  # and it leaves items for the worker
        return "", False
    shutil.copytree(BASE, tmp_path / "data")
    monkeypatch.setattr(write.Output, "put", die)
    monkeypatch.setattr("treatysite.render.PARALLEL_FROM", 0)
    assert build_site.run_once(tmp_path / "data", tmp_path / "docs") == 2
    assert "a worker process stopped unexpectedly" in capsys.readouterr().err
