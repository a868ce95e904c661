"""Live preview: generate once, start mkdocs serve, regenerate on every change under data/, stop the server."""
from __future__ import annotations

import _thread
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from processes import alive, as_in_a_terminal, children

from treatysite import serve

ROOT = Path(__file__).resolve().parent.parent

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
    shutil.copytree(BASE, data, symlinks=True)
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
        deadline = time.monotonic() + 10
        while len(runs) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        if len(runs) < 2:  # the edit was missed: stop the preview, so that the test fails instead of waiting for ever
            _thread.interrupt_main()
    threading.Thread(target=edit).start()
    assert serve.serve(data, tmp_path / "docs", run_once, "127.0.0.1:0") == 0
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


# The real preview in a process of its own: signals, a port already taken, a server that stops.

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def project(tmp_path):
    from sitebuild import copy_project
    copy_project(tmp_path)
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    return tmp_path


def _start(project: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build_site.py"), "--serve", "--dev-addr",
                             f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), start_new_session=True,
                            preexec_fn=as_in_a_terminal)


def _wait_for_server(preview: subprocess.Popen, port: int) -> int:
    """The pid of the mkdocs serve child, once it answers on the port."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert preview.poll() is None, preview.communicate()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return children(preview.pid)[0]
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the preview did not start")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_preview_and_its_server_in_one_line(project, signum):
    port = _free_port()
    preview = _start(project, port)
    server = _wait_for_server(preview, port)
    time.sleep(1)  # the server has printed that it is serving
    if signum == signal.SIGINT:
        os.killpg(preview.pid, signum)  # Ctrl-C: the terminal signals the whole foreground process group
    else:
        preview.send_signal(signum)     # SIGTERM: a service manager or `kill` signals the process
    out, err = preview.communicate(timeout=120)  # generous: a loaded CI machine is slow to stop a server
    assert preview.returncode == 0
    lines = err.splitlines()
    after = lines[max(i for i, line in enumerate(lines) if "Serving on" in line) + 1:]
    assert after == ["preview stopped"]  # one line: no traceback, no second shutdown message from the server
    assert not alive(server)


def test_a_preview_killed_outright_takes_its_server_with_it(project):
    port = _free_port()
    preview = _start(project, port)
    server = _wait_for_server(preview, port)
    preview.kill()
    preview.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while alive(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    survived = alive(server)
    if survived:
        os.kill(server, signal.SIGKILL)  # leave no server behind, even when the test fails
    assert not survived


def test_a_port_already_taken_is_one_line_and_a_failure(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        preview = _start(project, port)
        out, err = preview.communicate(timeout=120)  # generous: a loaded CI machine is slow to stop a server
    assert preview.returncode == 2
    assert err == (f"error: cannot start the preview: 127.0.0.1:{port} is already in use (another preview still "
                   "running?); stop that program, or pass --dev-addr with another port\n")


def test_a_server_that_stops_by_itself_ends_the_preview_with_its_status(tmp_path, monkeypatch, capsys):
    class Failing(FakeServer):
        returncode = 1

        def poll(self):
            return 1
    monkeypatch.setattr(serve.subprocess, "Popen", lambda *a, **k: Failing(*a))
    assert serve.serve(tmp_path, tmp_path / "docs", lambda *a: 0, "127.0.0.1:0") == 1
    assert capsys.readouterr().err == ("error: mkdocs serve stopped by itself (exit status 1); see its messages "
                                       "above\n")
