"""Live preview: generate, run `properdocs serve`, and regenerate when data/ changes."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

POLL_SECONDS = 0.5
ENGINE = os.environ.get("SITE_ENGINE", "properdocs")  # SITE_ENGINE=mkdocs previews with MkDocs 1.6.1


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file under folder, to notice edits, additions and deletions."""
    state = {}
    for path in folder.rglob("*"):
        try:
            info = path.stat()
        except OSError:
            continue  # removed between listing and stat
        state[str(path)] = (info.st_mtime_ns, info.st_size)
    return state


def serve(data: Path, docs: Path, run_once: Callable[..., int], address: str = "127.0.0.1:8000") -> int:
    """Serve with live reload until interrupted; data errors are printed and the last good pages kept."""
    run_once(data, docs, str(data).rstrip("/"))
    server = subprocess.Popen([sys.executable, "-m", ENGINE, "serve", "-f", "mkdocs.yml", "--dev-addr", address])
    seen = snapshot(data)
    print(f"watching {data}/ for changes; the site is at http://{address}/ (Ctrl-C to stop)", flush=True)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = snapshot(data)
            if now != seen:
                seen = now
                run_once(data, docs, str(data).rstrip("/"))
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
    return 0
