"""The command line and the orchestrator: exit codes, --check, and nothing written from bad data."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from processes import FullDisk

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).resolve().parent / "fixtures" / "base" / "data"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), *args], cwd=cwd, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generate_then_check(tmp_path):
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
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
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    assert run(tmp_path, "--check").returncode == 0
    assert not (tmp_path / "docs").exists()


def test_bad_data_leaves_the_previous_pages_untouched(tmp_path):
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
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
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    (tmp_path / "docs/statements").mkdir(parents=True)
    (tmp_path / "docs/statements/notes.md").write_text("my notes\n")
    result = run(tmp_path)
    assert result.returncode == 2
    assert "refusing to touch 1 file(s) that build_site.py did not generate:\n  docs/statements/notes.md" in result.stderr
    assert snapshot(tmp_path / "docs") == {"statements/notes.md": b"my notes\n"}


def test_deleted_statement_page_disappears(tmp_path):
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
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
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    monkeypatch.setattr(write, "write_atomic", refuse)
    monkeypatch.setattr(write, "write_new", refuse)
    monkeypatch.chdir(tmp_path)
    assert build_site.run_once(tmp_path / "data", tmp_path / "docs") == 2
    assert capsys.readouterr().err.startswith("error: cannot write the pages: Permission denied: ")


def test_unwritable_docs_folder_is_reported_from_the_workers_too(tmp_path, monkeypatch, capsys):
    import build_site
    from treatysite import build, write

    def refuse(path, text, make_parent=True):
        raise PermissionError(13, "Permission denied", str(path))
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    monkeypatch.setattr(write, "write_atomic", refuse)
    monkeypatch.setattr(write, "write_new", refuse)
    monkeypatch.setattr(build, "PARALLEL_FROM", 0)  # the real data is small: make the workers write it
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
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    monkeypatch.setattr(write.Output, "put", die)
    monkeypatch.setattr("treatysite.build.PARALLEL_FROM", 0)
    assert build_site.run_once(tmp_path / "data", tmp_path / "docs") == 2
    assert "a worker process stopped unexpectedly" in capsys.readouterr().err


@pytest.mark.parametrize("workers", ["one process", "workers"])
def test_a_build_stopped_by_a_full_disk_is_finished_by_the_next_one(tmp_path, monkeypatch, capsys, workers):
    import build_site
    from treatysite import build, write
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    docs = tmp_path / "docs"
    if workers == "workers":
        monkeypatch.setattr(build, "PARALLEL_FROM", 0)
    assert build_site.run_once(tmp_path / "data", docs) == 0
    statement = tmp_path / "data/statements/ngo-2024-08.yaml"
    statement.write_text(statement.read_text().replace("title: A statement", "title: A changed statement"))
    real_atomic, real_new = write.write_atomic, write.write_new

    def full_after_the_data_files(write_file):
        def writing(path, data, *args, **kwargs):
            if str(path).endswith(".md"):
                raise OSError(28, "No space left on device", str(path))
            return write_file(path, data, *args, **kwargs)
        return writing
    # The open data files are made first, the pages after them: the CSV, which has no room for a marker, changes.
    monkeypatch.setattr(write, "write_atomic", full_after_the_data_files(real_atomic))
    monkeypatch.setattr(write, "write_new", full_after_the_data_files(real_new))
    assert build_site.run_once(tmp_path / "data", docs) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert (docs / "download/objections.csv").exists()
    monkeypatch.setattr(write, "write_atomic", real_atomic)
    monkeypatch.setattr(write, "write_new", real_new)
    assert build_site.run_once(tmp_path / "data", docs) == 0, capsys.readouterr().err
    assert "A changed statement" in (docs / "statements/ngo-2024-08.md").read_text()


def test_a_full_disk_on_a_fresh_docs_folder_is_finished_by_the_next_run(tmp_path, monkeypatch, capsys):
    """The disk fills up after the first data file: even the record of the stopped run cannot be written."""
    import build_site
    from treatysite import write
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    docs = tmp_path / "docs"
    real_write, real_fdopen = write._write, os.fdopen
    full = []

    def writing(path, data, mode):
        real_write(path, data, mode)
        if str(path).endswith(".csv"):
            full.append(path)
    monkeypatch.setattr(write, "_write", writing)
    monkeypatch.setattr(os, "fdopen", lambda fd, *a: FullDisk(fd) if full else real_fdopen(fd, *a))
    assert build_site.run_once(tmp_path / "data", docs) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write the pages: No space left on device: ") and "None" not in err
    assert full and Path(full[0]).exists()   # the first CSV file, written before the disk filled up
    monkeypatch.setattr(write, "_write", real_write)
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert build_site.run_once(tmp_path / "data", docs) == 0, capsys.readouterr().err
    from treatysite.write import incomplete_site
    assert incomplete_site(docs) is None
