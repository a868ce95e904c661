"""Helpers shared by the tests that watch processes (/proc) and that fill the disk."""
from __future__ import annotations

import os
import signal
from pathlib import Path


def children(pid: int) -> list[int]:
    """Living processes whose parent is pid (from /proc); zombies are not counted."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


class FullDisk:
    """A file object whose write fails as on a full disk (without a file name, as fh.write raises it)."""

    def __init__(self, fd):
        self.fd = fd

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)

    def write(self, data):
        raise OSError(28, "No space left on device")


def as_in_a_terminal() -> None:
    """preexec_fn for a child that Ctrl-C must reach: a shell's background job (nohup make test &) starts with
    SIGINT ignored, which Python and its children inherit, so restore the default that a terminal gives."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
