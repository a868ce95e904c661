"""Live preview: generate, start the preview server (treatysite/preview.py), regenerate when data/ changes.

After each generation that succeeded, a trigger file is touched and the server builds again, only what the
generation changed. A generation that fails (a data error) touches nothing: the last good pages stay up.
"""
from __future__ import annotations

import errno
import os
import socket
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Callable

from .errors import printable
from .parallel import die_with_parent

POLL_SECONDS = 0.2
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def snapshot(*roots: Path, dirs: bool = True) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file (and folder, unless dirs=False) under the roots, by path, to notice edits,
    additions and deletions; a root may be a file."""
    state = {}
    for root in roots:
        for path in [root] if root.is_file() else root.rglob("*"):
            try:
                info = path.stat()
            except OSError:
                continue  # removed between listing and stat
            if dirs or not path.is_dir():
                state[str(path)] = (info.st_mtime_ns, info.st_size)
    return state


def address_problem(address: str) -> str | None:
    """Why the preview cannot listen at host:port (taken by another program, say), or None if it can."""
    host, _, port = address.rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: a closed port is free
        try:
            probe.bind((host, int(port)))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"{address} is already in use (another preview still running?); stop that program, or pass --dev-addr with another port"
            return f"cannot listen at {address}: {exc.strerror}"
    return None


def _surviving(run_once: Callable[..., int], *args) -> int:
    """One regeneration that never ends the preview: an error no check foresaw (a bug) is printed in one line
    and the last good pages stay up until the next edit."""
    try:
        return run_once(*args)
    except Exception as exc:  # noqa: BLE001 - the preview must outlive any run; KeyboardInterrupt still stops it
        print(f"error: the pages were not regenerated ({type(exc).__name__}: {printable(str(exc))[:200]}); this is "
              "a bug in build_site.py, please report it with the edit that caused it; the last good pages stay up",
              file=sys.stderr, flush=True)
        return 2


def serve(data: Path, docs: Path, run_once: Callable[..., int], address: str = "127.0.0.1:8000") -> int:
    """Serve with live reload until interrupted; data errors are printed and the last good pages kept.

    Ctrl-C and SIGTERM (raised as KeyboardInterrupt) stop the server too, and so does this process ending any
    other way (the server dies with its parent); a server that stops by itself ends the preview with its status.
    """
    problem = address_problem(address)
    if problem:
        print(f"error: cannot start the preview: {problem}", file=sys.stderr)
        return 2
    from .build import keep_pages
    from .load import keep_parsed_files
    keep_parsed_files()  # each generation parses again only the data files that changed,
    keep_pages()         # and makes again only the pages whose inputs changed (of the kinds that allow it)
    server = None
    run_once = partial(_surviving, run_once)
    signals = Path(tempfile.mkdtemp(prefix="preview-trigger-"))
    trigger = signals / "generated"
    try:
        run_once(data, docs, str(data).rstrip("/"))
        trigger.touch()
        # Its own session: Ctrl-C reaches this process only, which stops the server without a second message.
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PACKAGE_ROOT),
                                                                         os.environ.get("PYTHONPATH")])))
        server = subprocess.Popen([sys.executable, "-m", "treatysite.preview", "serve", "-f", "mkdocs.yml",
                                   "--dev-addr", address, "--trigger", str(trigger)], env=env,
                                  start_new_session=True,
                                  preexec_fn=partial(die_with_parent, os.getpid(), leave_signals_to_parent=False))
        seen = snapshot(data)
        print(f"watching {data}/ for changes; the site is at http://{address}/ (Ctrl-C to stop)", flush=True)
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = snapshot(data)
            if now != seen:
                seen = now
                if run_once(data, docs, str(data).rstrip("/")) == 0:
                    now_ns = time.time_ns()  # the server builds again, only what changed; one change of mtime
                    os.utime(trigger, ns=(now_ns, now_ns))  # (a rewrite would be two: emptied, then written)
    except KeyboardInterrupt:
        print("preview stopped", file=sys.stderr)
        return 0
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(signals, ignore_errors=True)
    print(f"error: mkdocs serve stopped by itself (exit status {server.returncode}); see its messages above",
          file=sys.stderr)
    return server.returncode or 2
