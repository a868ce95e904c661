#!/usr/bin/env python3
"""Benchmark the preview (`make serve`): its first build, and the time from saving an edit until the page shows it.

For each data set (the project's own data, and synthetic data of N statements from benchmarks/synthetic.py), a
scratch project is made from a checkout (--root: this one by default; another, such as a worktree of an older
commit, measures that version on the very same data): its mkdocs.yml, overrides/ and hand-written docs/. Then
`python build_site.py --serve` starts there, and:

- first build: from starting the preview until it serves the home page;
- edit to page: a statement's title is changed in its data file (a different statement each time) and its page
  is fetched every 20 ms until the served HTML holds the new title; the median of --edits edits, with the
  fastest and slowest. After each edit the preview is left to finish (its log quiet for --settle seconds) first.
- search index: with the incremental preview, from saving until the log says the search index is current.

Nothing else should run on the machine; `uptime` (the load) is printed with the numbers, which are noisy when
it is high. Writes a Markdown table to --out when given.

    python benchmarks/preview.py [--sizes real 1000 5000] [--edits 5] [--root PATH] [--port 8104] [--out FILE]
    python benchmarks/preview.py --site-builds 2 [--out FILE]   # make site: two builds in turn, or side by side
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scratch_project(root: Path, dest: Path, data: Path) -> Path:
    """mkdocs.yml (its publish guard pointed at root), overrides/, the hand-written docs/ (the files git tracks;
    the generated ones are ignored), and data/."""
    hook = "treatysite/publish_guard.py"
    (dest / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8").replace(hook, str(root / hook)), "utf-8")
    shutil.copytree(root / "overrides", dest / "overrides")
    tracked = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "docs"], capture_output=True, text=True,
                             check=True).stdout.split("\0")
    for rel in filter(None, tracked):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, dest / rel)
    shutil.copytree(data, dest / "data")
    return dest


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def quiet_for(log: Path, seconds: float, limit: float = 900) -> None:
    """Wait until the preview's log has not grown for `seconds` (it finished what it was doing)."""
    deadline, size, since = time.monotonic() + limit, -1, time.monotonic()
    while time.monotonic() < deadline:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return
        time.sleep(0.1)


def measure(root: Path, data: Path, work: Path, port: int, edits: int, settle: float) -> dict:
    project = scratch_project(root, work, data)
    log = work / "preview.log"
    base = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    preview = subprocess.Popen([sys.executable, str(root / "build_site.py"), "--serve", "--dev-addr",
                                f"127.0.0.1:{port}"], cwd=project, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               env=dict(os.environ, PYTHONPATH=str(root)), start_new_session=True)
    try:
        while fetch(base + "/") is None:
            if preview.poll() is not None:
                raise SystemExit(f"the preview stopped:\n{log.read_text()}")
            time.sleep(0.05)
        first = time.perf_counter() - start
        quiet_for(log, settle)
        incremental = "Serving on" in log.read_text("utf-8", "replace") and (root / "treatysite" / "preview.py").exists()
        statements = sorted((project / "data" / "statements").glob("*.yaml"))
        chosen = [statements[(i * 7919) % len(statements)] for i in range(edits)]
        to_page, to_search = [], []
        for i, path in enumerate(chosen):
            title = f"Preview edit {i} {time.time_ns() % 100000}"
            text = re.sub(r"(?m)^title: .*$", f"title: {title}", path.read_text("utf-8"), count=1)
            searched = log.read_text("utf-8", "replace").count("Search index updated")
            saved = time.perf_counter()
            path.write_text(text, "utf-8")
            while title not in (fetch(f"{base}/statements/{path.stem}/") or ""):
                time.sleep(0.02)
            to_page.append(time.perf_counter() - saved)
            deadline = time.monotonic() + 900
            while incremental and time.monotonic() < deadline:  # the older preview indexes before serving
                if log.read_text("utf-8", "replace").count("Search index updated") > searched:
                    to_search.append(time.perf_counter() - saved)
                    break
                time.sleep(0.05)
            quiet_for(log, settle)
        text = log.read_text("utf-8", "replace")
        generations = [float(t) for t in re.findall(r"(?m)^generated .*\(([0-9.]+) s\)$", text)][1:]
        builds = [float(t) for t in re.findall(r"Rebuilt: .* in ([0-9.]+) s", text)]
        return {"first build s": first, "edits": to_page, "search": to_search, "generation": generations,
                "engine": builds,
                "pages": len(list((project / "docs").rglob("*.md")))}
    finally:
        preview.send_signal(signal.SIGTERM)
        try:
            preview.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(preview.pid, signal.SIGKILL)
            preview.wait()


def site_builds(work: Path, repeat: int) -> str:
    """`make site`'s two engine builds (the deploy site, then the offline bundle) one after the other, as before,
    and side by side, as now, on the project's own data; the best of `repeat` runs of each, alternating."""
    project = scratch_project(ROOT, work, ROOT / "data")
    subprocess.run([sys.executable, str(ROOT / "build_site.py")], cwd=project, check=True, capture_output=True)
    build = [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml"]
    deploy, offline = (build, {}), (build + ["-d", "build/offline"], {"OFFLINE": "true"})

    def start(command):
        args, extra = command
        return subprocess.Popen(args, cwd=project, env=dict(os.environ, **extra), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    times = {"one after the other": [], "side by side": []}
    for _ in range(repeat):
        began = time.perf_counter()
        for command in (deploy, offline):
            if start(command).wait() != 0:
                raise SystemExit("a build failed")
        times["one after the other"].append(time.perf_counter() - began)
        began = time.perf_counter()
        running = [start(deploy), start(offline)]
        if any(r.wait() != 0 for r in running):
            raise SystemExit("a build failed")
        times["side by side"].append(time.perf_counter() - began)
    before, after = min(times["one after the other"]), min(times["side by side"])
    return (f"make site's two engine builds, real data, best of {repeat}: one after the other {before:.1f} s, "
            f"side by side {after:.1f} s (saved {before - after:.1f} s, {100 * (before - after) / before:.0f}%); "
            f"all runs: {times}")


def uptime() -> str:
    """The load average over 1, 5 and 15 minutes, as `uptime` shows it."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["real", "1000", "5000"],
                        help="'real' (data/) and/or numbers of synthetic statements")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose preview is measured")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds of a quiet log that end a rebuild")
    parser.add_argument("--out", type=Path, help="append the table to this Markdown file")
    parser.add_argument("--site-builds", type=int, metavar="REPEAT",
                        help="instead: time make site's two engine builds one after the other and side by side")
    args = parser.parse_args()
    if args.site_builds:
        with tempfile.TemporaryDirectory() as tmp:
            load = uptime()
            line = f"{site_builds(Path(tmp), args.site_builds)}; load {load} / {uptime()}"
        print(line)
        if args.out:
            with args.out.open("a", encoding="utf-8") as out:
                out.write(f"\n`python benchmarks/preview.py --site-builds {args.site_builds}`: {line}\n")
        return 0
    commit = subprocess.run(["git", "-C", str(args.root), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    if subprocess.run(["git", "-C", str(args.root), "status", "--porcelain", "--untracked-files=no"],
                      capture_output=True, text=True).stdout.strip():
        commit += " + uncommitted changes"
    rows = [f"| checkout | data | pages | first build s | edit to page s: median (min-max, n) | "
            f"of which (medians) | search index current s: median | load before / after |", "|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            if size == "real":
                data = ROOT / "data"
            else:
                subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--statements", size,
                                "--out", f"{tmp}/data-{size}"], check=True, capture_output=True)
                data = Path(f"{tmp}/data-{size}/data")
            work = Path(tmp) / f"project-{size}"
            work.mkdir()
            load = uptime()
            print(f"{size}: measuring {args.root} ({commit}), load {load} ...", flush=True)
            r = measure(args.root, data, work, args.port, args.edits, args.settle)
            e = r["edits"]
            search = f"{statistics.median(r['search']):.2f}" if r["search"] else "with the page"
            parts = (f"generation {statistics.median(r['generation']):.2f} s" if r["generation"] else "")
            parts += (f", engine {statistics.median(r['engine']):.2f} s" if r["engine"] else "")
            row = (f"| {commit} | {size} | {r['pages']} | {r['first build s']:.1f} | {statistics.median(e):.2f} "
                   f"({min(e):.2f}-{max(e):.2f}, {len(e)}) | {parts or 'not logged'} | {search} | {load} / {uptime()} |")
            print(row, flush=True)
            rows.append(row)
            shutil.rmtree(work, ignore_errors=True)
    table = "\n".join(rows)
    print(table)
    if args.out:
        with args.out.open("a", encoding="utf-8") as out:
            out.write(f"\n`{' '.join(['python benchmarks/preview.py'] + sys.argv[1:])}`\n\n{table}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
