#!/usr/bin/env python3
"""Wall time of one generation (read_site -> plan -> write, into a fresh docs/ each run) of a data folder, with
the package of a given checkout: best and median of --repeat runs, after a warm-up that imports the package and
compiles the schemas. For comparing two versions of the package on the same data (benchmarks/synthetic.py
makes it):

    python benchmarks/synthetic.py --statements 5000 --out /tmp/syn
    python benchmarks/generation.py /tmp/syn/data [--repo DIR] [--repeat 3]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("data", type=Path, help="the data folder to generate from")
parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parent.parent,
                    help="the checkout whose package generates (default: this one)")
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()
sys.path.insert(0, str(args.repo))
from treatysite.build import generate  # noqa: E402

config = args.repo / "mkdocs.yml"
generate(args.repo / "data", None, config=config)   # warm-up: imports, schemas, compiled templates
times = []
for _ in range(args.repeat):
    out = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    counts = generate(args.data, out / "docs", config=config)
    times.append(time.perf_counter() - start)
    shutil.rmtree(out)
print(f"{args.repo}: {counts['pages']} pages; runs {' '.join(f'{t:.2f}' for t in times)} s; "
      f"best {min(times):.2f} s, median {statistics.median(times):.2f} s")
