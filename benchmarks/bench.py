#!/usr/bin/env python3
"""Benchmark the real pipeline at 1,000, 5,000 and 10,000 statements, beside the engine's own floor.

For each N: synthetic data (benchmarks/synthetic.py) -> generation (build_site's pipeline) -> a strict
build by the site's engine, ProperDocs, with our mkdocs.yml (together: the pipeline), and, on the very same
generated pages, a build with the same mkdocs.yml but a one-page nav (the floor: what the engine and Material
need for these pages anyway, without our navigation). Each is the best of --repeat runs (3; generation: at
least 5), generation into a fresh docs/ each time, builds and floors alternating, the disk left to settle
before each. `--engines properdocs mkdocs` also times MkDocs 1.6.1 on the same pages, alternating with
ProperDocs, and shows both side by side; the targets are checked for the first engine.

Generation is timed in this process, from reading data/ to the last file written, after a warm-up run on
data/: starting Python, importing the packages and compiling the schemas add about 0.2 s to each
`python build_site.py`, whatever the size. --profile adds, from an extra run, the wall time of each stage
and the CPU time of each kind of file. Prints a table and writes it to benchmarks/RESULTS.md.

Start it on a quiet disk: on this machine's ext4 (no journal) creating a file is much slower for a few minutes
after many files were deleted, for example by `make test`, because the kernel steps over recently deleted
inodes when it picks a new one. The benchmark itself deletes nothing until it ends.

    python benchmarks/bench.py [--sizes 1000 5000 10000] [--repeat 3] [--profile] [--engines properdocs mkdocs]
                               [--out benchmarks/RESULTS.md]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import ENGINE, copy_project  # noqa: E402
from treatysite.build import generate  # noqa: E402
from visitor import visitor_bytes  # noqa: E402

def floor_config(dest: Path) -> str:
    """Our mkdocs.yml with the generated navigation replaced by a single page, and stock search: Material's own
    (lunr) instead of our Pagefind hook, so the floor is what MkDocs and Material do for these pages anyway."""
    text = (dest / "mkdocs.yml").read_text("utf-8")
    text = text.replace("hooks:\n  - overrides/hooks/pagefind.py\n", "")
    text = text.replace("enabled: !ENV [OFFLINE, false]", "enabled: true", 1)  # the search plugin's, listed first
    return text.replace("INHERIT: docs/.nav.yml\n", "nav:\n  - Home: index.md\n")
SITE_URL = "https://example.org/bench/"
TARGETS = {"pipeline/floor": 1.15, "per-page 10k/1k": 1.25, "statement page KB": 40, "generation pages/s": 2000,
           "first page KB": 300, "first search KB": 1000, "first filter KB": 1000}


def run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True, env=dict(os.environ, SITE_URL=SITE_URL))
    return time.perf_counter() - start


def settle() -> None:
    """Let the disk finish earlier writes (this VM's disk discards and flushes in the background)."""
    os.sync()
    time.sleep(1)


def timed_generation(data: Path, dest: Path) -> tuple[float, dict]:
    copy_project(dest)
    settle()
    start = time.perf_counter()
    counts = generate(data, dest / "docs", site_url=SITE_URL)
    return time.perf_counter() - start, counts


def measure(n: int, work: Path, repeat: int, profile: bool, engines: list[str]) -> dict:
    """Best of `repeat` runs for generation, then each engine's build and floor (alternating), on one synthetic data set."""
    dest = work / str(n)
    dest.mkdir()
    data = work / f"data-{n}"
    data.mkdir()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--statements", str(n), "--out",
                    str(data)], check=True, capture_output=True)
    data = data / "data"
    generation, counts = timed_generation(data, dest)
    for i in range(1, max(repeat, 5)):  # generation is quick: at least 5 runs, each into a fresh docs/ of its own
        (work / f"{n}-gen{i}").mkdir()
        generation = min(generation, timed_generation(data, work / f"{n}-gen{i}")[0])
    start = time.perf_counter()
    again = generate(data, dest / "docs", site_url=SITE_URL)
    regeneration = time.perf_counter() - start
    pages = sum(1 for _ in (dest / "docs").rglob("*.md"))
    (dest / "floor.yml").write_text(floor_config(dest))
    times = {f"{engine} {kind}": float("inf") for engine in engines for kind in ("s", "floor s")}
    for i in range(repeat):
        for engine in engines:
            settle()
            times[f"{engine} s"] = min(times[f"{engine} s"], run(
                [sys.executable, "-m", engine, "build", "--strict", "-q", "-f", "mkdocs.yml", "-d",
                 str(dest / f"site-{engine}-{i}")], dest))
            settle()
            times[f"{engine} floor s"] = min(times[f"{engine} floor s"], run(
                [sys.executable, "-m", engine, "build", "-q", "-f", "floor.yml", "-d", str(dest / f"floor-{engine}-{i}")],
                dest))
    site = dest / f"site-{engines[0]}-0"
    statement_pages = [p for p in (site / "statements").glob("*/index.html") if p.parent.name not in ("by-date", "by-stance")]
    index = dest / f"floor-{engines[0]}-0" / "search" / "search_index.json"   # Material's index, which every page would load
    docs = json.loads(index.read_text("utf-8"))["docs"]
    statement_bytes = sum(len(json.dumps(d, ensure_ascii=False)) for d in docs if d["location"].startswith("statements/"))
    result = {
        "N": n, "generation s": generation, **times, "build s": times[f"{engines[0]} s"],
        "floor s": times[f"{engines[0]} floor s"], "pages": pages,
        "site MB": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "largest statement page KB": max(p.stat().st_size for p in statement_pages) / 1e3,
        "largest page KB": max(p.stat().st_size for p in site.rglob("*.html")) / 1e3,
        "search index MB": index.stat().st_size / 1e6,
        "search bytes/statement": statement_bytes / max(counts["statements"], 1),
        "generation pages/s": pages / generation,
        "regeneration s": regeneration, "rewritten on regeneration": again["written"],
        "pagefind MB": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 1e6,
        **visitor_bytes(site, statement_pages[0].parent.name),
    }
    if profile:
        (work / f"{n}-profile").mkdir()
        result["profile"] = where_time_goes(data, copy_project(work / f"{n}-profile") / "docs")
    return result


def where_time_goes(data: Path, docs: Path) -> str:
    """Wall time of each stage of one generation, then the CPU time of each kind of file, made serially.

    The cycle collector is off, as generate() turns it off.
    """
    import gc
    from collections import defaultdict
    from treatysite.build import read_site
    from treatysite.render import plan_site
    stages: dict[str, float] = {}
    generate(data, docs, site_url=SITE_URL, stages=stages)  # the real pipeline, timed stage by stage
    lines = [f"- {name}: {seconds:.2f} s" for name, seconds in stages.items()]
    gc.disable()
    site = read_site(data, site_url=SITE_URL)
    cpu, count = defaultdict(float), defaultdict(int)
    for path, make in plan_site(site).items():
        kind = path.rsplit(".", 1)[1] if path.endswith((".xml", ".csv", ".json")) else path.split("/")[0]
        start = time.process_time()
        make()
        cpu[kind] += time.process_time() - start
        count[kind] += 1
    lines.append("- CPU time to make each kind of file, one process (the workers share it):")
    lines += [f"  - {kind}: {cpu[kind]:.2f} s for {count[kind]}" for kind in sorted(cpu, key=cpu.get, reverse=True)[:10]]
    gc.enable()
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    from importlib.metadata import version
    return (f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, ProperDocs {version('properdocs')}, MkDocs {version('mkdocs')}, "
            f"Material {version('mkdocs-material')}")


def table(results: list[dict], engines: list[str]) -> str:
    timed = [f"{engine} {kind}" for engine in engines for kind in ("s", "floor s")]
    cols = ["N", "generation s", *timed, "pages", "site MB", "largest statement page KB",
            "largest page KB", "search index MB", "search bytes/statement", "generation pages/s", "regeneration s",
            "rewritten on regeneration", "pagefind MB", "first page KB", "first search KB", "first filter KB"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in results:
        lines.append("| " + " | ".join(f"{r[c]:.2f}" if isinstance(r[c], float) else str(r.get(c, "not measured"))
                                       for c in cols) + " |")
    return "\n".join(lines)


def verdicts(results: list[dict]) -> list[str]:
    out = []
    for r in results:
        ratio = (r["generation s"] + r["build s"]) / r["floor s"]
        out.append(f"N={r['N']}: pipeline/floor = {ratio:.2f} (target <= {TARGETS['pipeline/floor']}: "
                   f"{met(ratio <= TARGETS['pipeline/floor'])}); largest statement page "
                   f"{r['largest statement page KB']:.1f} KB (target <= 40: {met(r['largest statement page KB'] <= 40)}); "
                   f"generation {r['generation pages/s']:.0f} pages/s (target >= 2000: "
                   f"{met(r['generation pages/s'] >= 2000)}); unchanged files rewritten on a second run: "
                   f"{r['rewritten on regeneration']} ({met(r['rewritten on regeneration'] == 0)})")
        if "first page KB" in r:
            out.append(f"N={r['N']}: a visitor downloads {r['first page KB']:.0f} KB (gzip) for a first page view "
                       f"(target <= {TARGETS['first page KB']}: {met(r['first page KB'] <= TARGETS['first page KB'])}), "
                       f"{r['first search KB']:.0f} KB for a first search and {r['first filter KB']:.0f} KB for a first "
                       f"filter (targets <= {TARGETS['first search KB']}: "
                       f"{met(max(r['first search KB'], r['first filter KB']) <= TARGETS['first search KB'])}); "
                       f"Material's search index would be {r['search index MB']:.1f} MB raw on every first page view")
        else:
            out.append(f"N={r['N']}: visitor bytes not measured (needs Playwright and {'/usr/bin/chromium'})")
    first, last = results[0], results[-1]
    per = [(r["generation s"] + r["build s"]) / r["pages"] for r in (first, last)]
    out.append(f"time per page: {per[0] * 1e3:.2f} ms at N={first['N']}, {per[1] * 1e3:.2f} ms at N={last['N']}: "
               f"ratio {per[1] / per[0]:.2f} (target <= {TARGETS['per-page 10k/1k']}: "
               f"{met(per[1] / per[0] <= TARGETS['per-page 10k/1k'])})")
    return out


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best one counts")
    parser.add_argument("--profile", action="store_true", help="where the time goes, for the largest size")
    parser.add_argument("--engines", nargs="+", default=[ENGINE], choices=["properdocs", "mkdocs"],
                        help="engines to time on the same pages; the first is checked against the targets")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md", help="where the report goes")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:  # removed only at the end: deleting disturbs the timings
        (Path(tmp) / "warm-up").mkdir()  # imports and one-time compilation, paid once per run of build_site.py
        generate(ROOT / "data", copy_project(Path(tmp) / "warm-up") / "docs", site_url=SITE_URL)
        for n in args.sizes:
            print(f"N={n} ...", flush=True)
            results.append(measure(n, Path(tmp), args.repeat, args.profile and n == max(args.sizes), args.engines))
    text = table(results, args.engines)
    lines = verdicts(results)
    print(text)
    print("\n".join(lines))
    for r in results:
        if "profile" in r:
            print(r["profile"])
    command = (f"python benchmarks/bench.py --sizes {' '.join(map(str, args.sizes))} --repeat {args.repeat}"
               + (" --profile" if args.profile else "") + f" --engines {' '.join(args.engines)}")
    report = (f"# Benchmark results\n\nCommand: `{command}` (best of {args.repeat} runs of each measurement; "
              f"generation: best of {max(args.repeat, 5)})\n\nMachine: {machine()}\n\n{text}\n\n"
              + "\n".join(f"- {line}" for line in lines) + "\n"
              + "".join(f"\n## Where the time goes (N = {r['N']}, `--profile`)\n\nOne extra run, so its times are "
                        "not the best of several: the shares are what it shows.\n\n"
                        f"{r['profile']}\n"
                        for r in results if "profile" in r))
    args.out.write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
