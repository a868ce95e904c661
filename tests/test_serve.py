"""Live preview: generate once, start mkdocs serve, regenerate on every change under data/, stop the server."""
from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from treatysite import serve

BASE = Path(__file__).resolve().parent / "fixtures" / "base" / "data"


class FakeServer:
    """Stands in for the mkdocs serve process: runs until terminated."""

    def __init__(self, *args, **kwargs):
        self.args, self.stopped = args, threading.Event()

    def poll(self):
        return 0 if self.stopped.is_set() else None

    def terminate(self):
        self.stopped.set()

    def wait(self, timeout=None):
        return 0


def test_serve_regenerates_on_change_and_stops_the_server(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    runs, servers = [], []
    monkeypatch.setattr(serve, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(serve.subprocess, "Popen", lambda *a, **k: servers.append(FakeServer(*a)) or servers[-1])

    def run_once(data_dir, docs_dir, label):
        runs.append(label)
        if len(runs) == 2:
            raise KeyboardInterrupt  # the maintainer presses Ctrl-C after the first regeneration
        return 0

    def edit():
        time.sleep(0.1)
        (data / "themes.yaml").write_text((data / "themes.yaml").read_text() + "\n")
    threading.Thread(target=edit).start()
    assert serve.serve(data, tmp_path / "docs", run_once) == 0
    assert len(runs) == 2                       # once at the start, once for the edit
    assert "serve" in servers[0].args[0]        # mkdocs serve was started ...
    assert servers[0].stopped.is_set()          # ... and stopped with the preview


def test_snapshot_sees_edits_additions_and_deletions(tmp_path):
    (tmp_path / "a.yaml").write_text("a")
    first = serve.snapshot(tmp_path)
    (tmp_path / "b.yaml").write_text("b")
    second = serve.snapshot(tmp_path)
    (tmp_path / "a.yaml").unlink()
    assert first != second != serve.snapshot(tmp_path)
