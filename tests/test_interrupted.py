"""Interrupted builds: killed at any point, docs/ is the old complete site, the new one, or refused by MkDocs;
the next run completes it; workers end with their parent; Ctrl-C and SIGTERM end in one line."""
from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import datafiles
from processes import alive, as_in_a_terminal, children

from sitebuild import copy_project
from treatysite.build import generate
from treatysite.write import GENERATED_FILES, GENERATED_FOLDERS, MANIFEST, incomplete_site

ROOT = Path(__file__).resolve().parent.parent
RUNS = 6    # kills per kind; each is followed by a run that must complete the site

# Runs build_site.py with every file write counted, killing the process that makes write number K with SIGKILL
# (a worker or the parent: with PARALLEL_FROM 0 the pages are written by both).
KILL_AT_WRITE = """
import os, signal, sys
sys.path.insert(0, sys.argv[1])
import treatysite.build, treatysite.write as write
treatysite.build.PARALLEL_FROM = 0
real, count, kill_at = write._write, [0], int(sys.argv[2])
def counting(*args):
    count[0] += 1
    if count[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args)
write._write = counting
import build_site
sys.exit(build_site.main([]))
"""


def generated(docs: Path) -> dict[str, bytes]:
    """The generated part of docs/ (the manifest aside), path -> bytes."""
    found = {}
    for name in GENERATED_FOLDERS:
        for path in sorted((docs / name).rglob("*")):
            if path.is_file() and not path.name.startswith(".tmp-"):
                found[path.relative_to(docs).as_posix()] = path.read_bytes()
    for name in GENERATED_FILES:
        if name != MANIFEST and (docs / name).is_file():
            found[name] = (docs / name).read_bytes()
    return found


def changed_data(data: Path) -> None:
    """Edit real data as a pull request would: a title changed, a statement removed, another added."""
    first, second, third = sorted((data / "statements").glob("*.yaml"))[:3]
    text = datafiles.text(first, data)   # through the loader: never a link's target, never an oversized file
    first.write_text(text.replace("\ntitle: ", "\ntitle: Revised ", 1), "utf-8")
    second.unlink()
    added = datafiles.text(third, data).replace(f"id: {third.stem}\n", "id: zz-added-2024-08\n", 1)
    added = re.sub(r"\btext: ([\"']?)(?![>|])", r"text: \1(copy) ", added)  # a quotation is given once
    (data / "statements" / "zz-added-2024-08.yaml").write_text(added, "utf-8")


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict:
    """A project with the real data, the old and new data, and the generated part of docs/ for each."""
    root = tmp_path_factory.mktemp("interrupted")
    copy_project(root)
    datafiles.documents()   # fails at once, with the build's messages, if the build refuses data/
    datafiles.copy_data(ROOT / "data", root / "data")
    old, new = root / "old-docs", root / "new-docs"
    shutil.copytree(root / "docs", old, symlinks=True)
    generate(root / "data", old)
    changed_data(root / "data")
    shutil.copytree(root / "docs", new, symlinks=True)
    generate(root / "data", new)
    assert generated(old) != generated(new)
    return {"root": root, "old": old, "new": new, "old_files": generated(old), "new_files": generated(new)}


def _reset(versions) -> Path:
    docs = versions["root"] / "docs"
    shutil.rmtree(docs)
    shutil.copytree(versions["old"], docs, symlinks=True)
    return docs


def _build(root: Path, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), start_new_session=True,
                            preexec_fn=as_in_a_terminal, **kwargs)


def _check_and_recover(versions, docs: Path, seen: dict) -> None:
    """docs/ is the old or the new complete site, or refused as incomplete; a plain run then completes it."""
    now = generated(docs)
    problem = incomplete_site(docs)
    if problem is None:
        assert now in (versions["old_files"], versions["new_files"]), "a complete-looking docs/ mixes two sites"
        seen["old" if now == versions["old_files"] else "new"] += 1
    else:
        assert "unfinished generation" in problem, problem
        seen["refused"] += 1
        if seen["refused"] == 1:  # what `make site` runs: MkDocs itself refuses to publish it
            mkdocs = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml"], cwd=versions["root"],
                                    capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
            assert mkdocs.returncode != 0
            assert "not building the site: " in mkdocs.stderr and "unfinished generation" in mkdocs.stderr
            assert not (versions["root"] / "site" / "index.html").exists()
    rerun = _build(versions["root"], str(ROOT / "build_site.py"))
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert generated(docs) == versions["new_files"]
    assert incomplete_site(docs) is None


def test_a_build_killed_at_any_write_is_never_published_mixed_and_the_next_run_completes_it(versions):
    old, new = versions["old_files"], versions["new_files"]
    writes = sum(1 for rel in new if old.get(rel) != new[rel])  # pages the new run writes over the old site
    seen = {"old": 0, "new": 0, "refused": 0}
    rng = random.Random(15)
    # Write 1 is the manifest's "unfinished" mark; each of the two processes writes about half of the pages.
    for kill_at in [1] + [rng.randint(2, writes // 2 + 1) for _ in range(RUNS - 1)]:
        docs = _reset(versions)
        killed = _build(versions["root"], "-c", KILL_AT_WRITE, str(ROOT), str(kill_at))
        killed.communicate(timeout=120)
        _check_and_recover(versions, docs, seen)
    assert seen == {"old": 1, "new": 0, "refused": RUNS - 1}


def test_a_build_killed_at_random_times_is_never_published_mixed(versions):
    seen = {"old": 0, "new": 0, "refused": 0}
    rng = random.Random(8)
    start = time.monotonic()
    _reset(versions)
    timing = _build(versions["root"], str(ROOT / "build_site.py"))
    timing.communicate(timeout=120)
    took = time.monotonic() - start
    for run in range(RUNS):
        docs = _reset(versions)
        build = _build(versions["root"], str(ROOT / "build_site.py"))
        time.sleep(rng.uniform(0.3, 1.0) * took)
        if run % 2:
            os.killpg(build.pid, signal.SIGKILL)  # the whole build, workers included
        else:
            build.kill()                          # the parent only: its workers must not go on writing
        build.communicate(timeout=120)
        time.sleep(0.2)
        _check_and_recover(versions, docs, seen)
    assert sum(seen.values()) == RUNS


def _wait_for_workers(build: subprocess.Popen) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and build.poll() is None:
        workers = children(build.pid)
        if workers:
            return workers
        time.sleep(0.005)
    raise AssertionError(f"no worker seen: {build.communicate()}")


SLOW_PAGES = """
import sys, time
sys.path.insert(0, sys.argv[1])
import treatysite.build
treatysite.build.PARALLEL_FROM = 0
real = treatysite.build._make_and_put
# Slower than a range of pages takes to check its parent (about a second): only the kernel ends a worker at once.
treatysite.build._make_and_put = lambda output, item: (time.sleep(0.2), real(output, item))[1]
import build_site
sys.exit(build_site.main([]))
"""


@pytest.mark.parametrize("signum, how", [(signal.SIGINT, "Ctrl-C"), (signal.SIGTERM, "kill")])
def test_a_stopped_build_says_so_in_one_line_and_its_workers_end(versions, signum, how):
    docs = _reset(versions)
    build = _build(versions["root"], "-c", SLOW_PAGES, str(ROOT))
    workers = _wait_for_workers(build)
    time.sleep(0.3)
    if how == "Ctrl-C":
        os.killpg(build.pid, signum)  # the terminal signals every process of the foreground group
    else:
        build.send_signal(signum)
    out, err = build.communicate(timeout=120)
    assert build.returncode == 128 + signum
    assert err == (f"stopped ({signal.Signals(signum).name}); a page left unfinished is never published, and the "
                   "next run completes it\n")
    time.sleep(0.2)
    assert not [pid for pid in workers if pid in children(build.pid) or alive(pid)]
    assert "unfinished generation" in incomplete_site(docs)


def test_workers_end_with_a_parent_killed_outright(versions):
    _reset(versions)
    build = _build(versions["root"], "-c", SLOW_PAGES, str(ROOT))
    workers = _wait_for_workers(build)
    build.kill()
    build.wait(timeout=60)  # not communicate(): a surviving worker would hold its output open
    deadline = time.monotonic() + 1  # at once: the kernel ends them (a worker would otherwise finish its range)
    while [pid for pid in workers if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.02)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)  # leave no worker behind, even when the test fails
    assert not survivors
