#!/usr/bin/env python3
"""Time and peak memory of `build_site.py --check` on the worst files of issue 27's classes 1 and 2 (and 3's number).

Each case copies a checkout's data/ into a scratch folder, adds or edits one hostile file there, and runs
`<checkout>/.venv/bin/python build_site.py --check --data <copy>` in the checkout, alone, measuring its wall time
and its peak resident memory (os.wait4's ru_maxrss of that one process). A case that runs past --timeout is
stopped and shown as such. `--tests` also times the two tests of the probe that parsed data/ themselves
(tests/test_content.py -k "cover_both_sides or machine_generated") with the 4 MB file and the link to /dev/zero
in the copy, under a 3 GB address-space limit so that a runaway test cannot take the machine down.

    python benchmarks/hardening.py [--checkout PATH] [--timeout 300] [--tests] [--cases NAME ...]

Compare two checkouts: `--checkout /work/wt/before` (main at f832fac) and this one (the default).
"""
from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATEMENT = "statements/access-now-2024-07-chima.yaml"


def _ids(n: int) -> list[str]:
    chars = string.ascii_lowercase + string.digits
    ids = (''.join(t) for size in itertools.count(1) for t in itertools.product(chars, repeat=size) if t[0].isalpha())
    return list(itertools.islice(ids, n))


def _edit(old: str, new) -> callable:
    def apply(data: Path) -> None:
        path = data / STATEMENT
        text = path.read_text("utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new(text) if callable(new) else new, 1), "utf-8")
    return apply


def _link_to_zero(data: Path) -> None:
    os.symlink("/dev/zero", data / "statements/zero.yaml")


def _big_file(data: Path) -> None:
    text = (data / STATEMENT).read_text("utf-8").replace("id: access-now-2024-07-chima", "id: zz-bomb")
    (data / "statements/zz-bomb.yaml").write_text(text + "padding: [" + ",".join(["1"] * 2_000_000) + "]\n", "utf-8")


CASES = {
    "none: the real data as it is": lambda data: None,
    # class 1: files the loader must refuse without reading them whole
    "link to /dev/zero": _link_to_zero,
    "4 MB file (2 million items)": _big_file,
    # class 2: lists that make the schema check slow or large
    "uniqueItems: 58,000 ids and a number": _edit("stakeholders:\n  - access-now\n",
                                                  "stakeholders: [" + ",".join(_ids(58_000)) + ",0]\n"),
    "84,000 empty objections": lambda data: _cut_objections(data, "{}", 84_000),  # defined below
    "127,000 numbers in claims": _edit("stakeholders:\n  - access-now\n",
                                       "stakeholders:\n  - access-now\nclaims: [" + ",".join(["1"] * 127_000) + "]\n"),
    "84 objections of 999 empty targets": lambda data: _cut_objections(data, "{targets: [" + ",".join(["{}"] * 999) + "]}", 84),
    "6,000 unknown provisions (6 x 999)": lambda data: _cut_objections(data, "{id: o%d, summary: s, themes: [legitimacy], asks: reject-treaty, targets: [" + ",".join(
        f"{{provision: art-{n}, basis: cited}}" for n in range(1000, 1999)) + "]}", 6),
    "8,000 unknown stakeholders": _edit("stakeholders:\n  - access-now\n",
                                        "stakeholders: [" + ",".join(f"access-now-{i}" for i in range(8000)) + "]\n"),
    # class 3: a number the interpreter will not convert
    "a number of 5,000 digits": _edit("speaker: Raman Jit Singh Chima", "speaker: " + "9" * 5000),
}


def _cut_objections(data: Path, item: str, count: int) -> None:
    path = data / STATEMENT
    text = path.read_text("utf-8")
    items = ",".join(item % n if "%d" in item else item for n in range(count))
    path.write_text(text[:text.index("objections:")] + "objections: [" + items + "]\n", "utf-8")


def run(args: list[str], cwd: Path, timeout: float, limit_memory: bool = False) -> tuple[int | None, float, float, str]:
    """(exit status or None if stopped at the timeout, seconds, peak MB, first line of output and the count of the others) of one process."""
    def limit():
        if limit_memory:
            resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    out = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, preexec_fn=limit,
                            start_new_session=True)
    status = None
    while True:
        pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(code)
            break
        if time.perf_counter() - start > timeout:
            os.killpg(proc.pid, 9)
            pid, code, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    proc.returncode = status if status is not None else -9
    seconds = time.perf_counter() - start
    out.seek(0)
    lines = [line for line in out.read().decode("utf-8", "replace").splitlines() if line.strip()]
    shown = (lines[0] if lines else "") + (f" (+{len(lines) - 1} lines)" if len(lines) > 1 else "")
    return status, seconds, usage.ru_maxrss / 1024, shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkout", type=Path, default=ROOT)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--tests", action="store_true", help="also time the probe's two tests on the class 1 files")
    parser.add_argument("--cases", nargs="*", default=list(CASES))
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    python = str(checkout / ".venv/bin/python")
    print(f"checkout {checkout} ({subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=checkout, capture_output=True, text=True).stdout.strip()}), "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"| case | exit | seconds | peak MB | output: first line |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for name in args.cases:
            data = Path(scratch) / "data"
            shutil.rmtree(data, ignore_errors=True)
            shutil.copytree(checkout / "data", data, symlinks=True)
            CASES[name](data)
            status, seconds, peak, last = run([python, "build_site.py", "--check", "--data", str(data)], checkout,
                                              args.timeout)
            shown = "stopped" if status is None else status
            last = last.replace(str(data), "data")
            print(f"| {name} | {shown} | {seconds:.1f} | {peak:.0f} | {last[:160]} |", flush=True)
        if args.tests:
            project = Path(scratch) / "project"
            shutil.copytree(checkout, project, symlinks=True, ignore=shutil.ignore_patterns(
                "site", "build", ".git", "test-output", ".pytest_cache", "__pycache__", ".venv"))
            (project / ".venv").symlink_to(checkout / ".venv")
            _link_to_zero(project / "data")
            _big_file(project / "data")
            status, seconds, peak, last = run(
                [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_content.py", "-k",
                 "cover_both_sides or machine_generated"], project, args.timeout, limit_memory=True)
            shown = "stopped" if status is None else status
            print(f"| pytest test_content -k 'cover_both_sides or machine_generated', link + 4 MB file in data/ "
                  f"| {shown} | {seconds:.1f} | {peak:.0f} | {last[:160]} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
