#!/usr/bin/env python3
"""Benchmark the real pipeline at 1,000, 5,000 and 10,000 statements, beside MkDocs' own floor.

For each N: synthetic data (benchmarks/synthetic.py) -> generation (build_site's pipeline) -> mkdocs
build with our mkdocs.yml (together: the pipeline), and, on the very same generated pages, mkdocs build
with the same mkdocs.yml but a one-page nav (the floor: what MkDocs and Material need for these pages
anyway, without our navigation). The profile (--profile) is taken in an extra run, not in the timings.
Prints a table and writes it to benchmarks/RESULTS.md.

    python benchmarks/bench.py [--sizes 1000 5000 10000] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import copy_project  # noqa: E402
from treatysite.build import generate  # noqa: E402

def floor_config(dest: Path) -> str:
    """Our mkdocs.yml with the generated navigation replaced by a single page."""
    text = (dest / "mkdocs.yml").read_text("utf-8")
    return text.replace("INHERIT: docs/.nav.yml\n", "nav:\n  - Home: index.md\n")
TARGETS = {"pipeline/floor": 1.15, "per-page 10k/1k": 1.25, "statement page KB": 40, "generation pages/s": 2000}


def run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="https://example.org/bench/"))
    return time.perf_counter() - start


def measure(n: int, work: Path, profile: bool) -> dict:
    dest = work / str(n)
    dest.mkdir()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--statements", str(n), "--out",
                    str(dest)], check=True, capture_output=True)
    copy_project(dest)
    start = time.perf_counter()
    counts = generate(dest / "data", dest / "docs", site_url="https://example.org/bench/")
    generation = time.perf_counter() - start
    start = time.perf_counter()
    again = generate(dest / "data", dest / "docs", site_url="https://example.org/bench/")
    regeneration = time.perf_counter() - start
    pages = sum(1 for _ in (dest / "docs").rglob("*.md"))
    mkdocs = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest / "site")], dest)
    (dest / "floor.yml").write_text(floor_config(dest))
    floor = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "floor.yml", "-d", str(dest / "floor")], dest)
    site = dest / "site"
    statement_pages = [p for p in (site / "statements").glob("*/index.html") if p.parent.name != "by-date"]
    index = site / "search" / "search_index.json"
    docs = json.loads(index.read_text("utf-8"))["docs"]
    statement_bytes = sum(len(json.dumps(d, ensure_ascii=False)) for d in docs if d["location"].startswith("statements/"))
    result = {
        "N": n, "generation s": generation, "mkdocs s": mkdocs, "floor s": floor, "pages": pages,
        "site MB": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "largest statement page KB": max(p.stat().st_size for p in statement_pages) / 1e3,
        "search index MB": index.stat().st_size / 1e6,
        "search bytes/statement": statement_bytes / max(counts["statements"], 1),
        "generation pages/s": pages / generation,
        "regeneration s": regeneration, "rewritten on regeneration": again["written"],
    }
    if profile:
        shutil.rmtree(dest / "docs")
        copy_project(dest, docs_only=True)
        profiler = cProfile.Profile()
        profiler.runcall(generate, dest / "data", dest / "docs", site_url="https://example.org/bench/")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        result["profile"] = out.getvalue()
    shutil.rmtree(dest)
    return result


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import mkdocs
    import material
    return (f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, Material {material.__version__}")


def table(results: list[dict]) -> str:
    cols = ["N", "generation s", "mkdocs s", "floor s", "pages", "site MB", "largest statement page KB",
            "search index MB", "search bytes/statement", "generation pages/s", "regeneration s",
            "rewritten on regeneration"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in results:
        lines.append("| " + " | ".join(f"{r[c]:.2f}" if isinstance(r[c], float) else str(r[c]) for c in cols) + " |")
    return "\n".join(lines)


def verdicts(results: list[dict]) -> list[str]:
    out = []
    for r in results:
        ratio = (r["generation s"] + r["mkdocs s"]) / r["floor s"]
        out.append(f"N={r['N']}: pipeline/floor = {ratio:.2f} (target <= {TARGETS['pipeline/floor']}); "
                   f"largest statement page {r['largest statement page KB']:.1f} KB (target <= 40); "
                   f"generation {r['generation pages/s']:.0f} pages/s (target >= 2000); "
                   f"unchanged files rewritten on a second run: {r['rewritten on regeneration']}")
    first, last = results[0], results[-1]
    per = [(r["generation s"] + r["mkdocs s"]) / r["pages"] for r in (first, last)]
    out.append(f"time per page: {per[0] * 1e3:.2f} ms at N={first['N']}, {per[1] * 1e3:.2f} ms at N={last['N']}: "
               f"ratio {per[1] / per[0]:.2f} (target <= {TARGETS['per-page 10k/1k']})")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--profile", action="store_true", help="profile the generation of the largest size")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            print(f"N={n} ...", flush=True)
            results.append(measure(n, Path(tmp), args.profile and n == max(args.sizes)))
    text = table(results)
    lines = verdicts(results)
    print(text)
    print("\n".join(lines))
    for r in results:
        if "profile" in r:
            print(r["profile"])
    report = (f"# Benchmark results\n\nCommand: `python benchmarks/bench.py`\n\nMachine: {machine()}\n\n{text}\n\n"
              + "\n".join(f"- {line}" for line in lines) + "\n")
    (ROOT / "benchmarks" / "RESULTS.md").write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
