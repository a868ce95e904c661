#!/usr/bin/env python3
"""What two speed shortcuts save at N statements: the Jinja code generator override and marshal in the load stage.

Issue 25: drop the private Jinja override (`{{ value }}` compiled to finalize(value), not escape(finalize(value)))
and marshal where nothing is forked, unless either is worth more than 2% of the pipeline at 10,000 statements.

On one synthetic data set (benchmarks/synthetic.py), alternating the variants, --repeat times each (medians):

- render, CPU: every file of the plan made in this one process (the work the render workers share), with the
  override and with Jinja's stock code generator; templates compiled beforehand (a template cache per variant).
- load, CPU: load_data() on every core (forked workers, as the build does from 1,000 files; their CPU time
  included) and in one process, each file's result packed with marshal where it is parsed and unpacked in the
  main process (as load.py had it until issue 25), and as plain objects (which the workers' executor pickles).
- generation, CPU and wall: the whole of generate() (every core; regenerating into the same docs/, so nothing is
  rewritten and the disk adds no noise), with both shortcuts and with neither.
- the pipeline: one run of generate() into a fresh docs/ plus a strict ProperDocs build (--build), or the figure
  given with --pipeline (the 10,000-statement row of benchmarks/RESULTS.md: 4.81 + 90.70 s).

    python benchmarks/shortcuts.py [--statements 10000] [--repeat 7] [--build | --pipeline 95.5]
"""
from __future__ import annotations

import argparse
import gc
import marshal
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from jinja2.compiler import CodeGenerator  # noqa: E402

from sitebuild import build_pages, copy_project  # noqa: E402
from treatysite import load, render  # noqa: E402
from treatysite.build import generate, read_site  # noqa: E402
from treatysite.errors import Problems  # noqa: E402
from treatysite.parallel import fork_map  # noqa: E402

SITE_URL = "https://example.org/bench/"


class Override(CodeGenerator):
    """The override render.py had until issue 25: `{{ value }}` compiled to finalize(value), without escape()."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is None:
            return super()._output_child_pre(node, frame, finalize)
        self.write("(" + finalize.src)


def _packed(function, item) -> bytes:
    return marshal.dumps(function(item))


def packing_fork_map(function, items, minimum: int, workers: int | None = None) -> list:
    """fork_map with each result packed with marshal where it is made and unpacked here, as load.py had it."""
    return [marshal.loads(each) for each in fork_map(partial(_packed, function), items, minimum, workers)]


@contextmanager
def variant(override: bool, packed: bool):
    """The package with or without each shortcut, and compiled templates of the variant's own."""
    saved = render._Environment.code_generator_class, render._CACHE_PATTERN, load.fork_map
    render._Environment.code_generator_class = Override if override else CodeGenerator
    render._CACHE_PATTERN = f"bench-{'override' if override else 'stock'}-%s.cache"
    load.fork_map = packing_fork_map if packed else fork_map
    try:
        yield
    finally:
        render._Environment.code_generator_class, render._CACHE_PATTERN, load.fork_map = saved


def cpu() -> float:
    """CPU seconds of this process and of its ended children (the forked workers, once their pool has closed)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def render_cpu(site, override: bool) -> float:
    """CPU seconds to make every file of the plan in this process."""
    with variant(override, True):
        plan = render.plan_site(site, render.make_environment())
        start = cpu()
        for make in plan.values():
            make()
        return cpu() - start


def load_cpu(data: Path, packed: bool, forked: bool) -> float:
    """CPU seconds of load_data(), workers included."""
    saved = load.PARALLEL_FROM
    load.PARALLEL_FROM = saved if forked else 10 ** 12
    try:
        with variant(True, packed):
            start = cpu()
            load.load_data(data, Problems())
            return cpu() - start
    finally:
        load.PARALLEL_FROM = saved


def generation(data: Path, docs: Path, shortcuts: bool) -> tuple[float, float]:
    """Wall and CPU seconds of generate(), workers included."""
    with variant(shortcuts, shortcuts):
        start, start_cpu = time.perf_counter(), cpu()
        generate(data, docs, site_url=SITE_URL)
        return time.perf_counter() - start, cpu() - start_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=7, help="runs of each variant (alternating); medians count")
    parser.add_argument("--build", action="store_true", help="time one generation and strict ProperDocs build")
    parser.add_argument("--pipeline", type=float, default=95.51,
                        help="seconds of the whole pipeline at this size, if not --build (RESULTS.md, N=10000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--statements",
                        str(args.statements), "--out", str(work)], check=True, capture_output=True)
        data = work / "data"
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # compiled templates: the variants' own, not ~/.cache
        (work / "project").mkdir()
        docs = copy_project(work / "project") / "docs"
        pipeline = args.pipeline
        if args.build:
            start = time.perf_counter()
            generate(data, docs, site_url=SITE_URL)
            build_pages(work / "project", work / "site")
            pipeline = time.perf_counter() - start
        gc.disable()  # as generate() does
        site = read_site(data, site_url=SITE_URL)
        times: dict[str, list[float]] = {}
        runs = [("render, override", lambda: render_cpu(site, True)),
                ("render, stock Jinja", lambda: render_cpu(site, False)),
                ("load, forked, marshal", lambda: load_cpu(data, True, True)),
                ("load, forked, plain (pickled)", lambda: load_cpu(data, False, True)),
                ("load, one process, marshal", lambda: load_cpu(data, True, False)),
                ("load, one process, plain", lambda: load_cpu(data, False, False)),
                ("generation, both shortcuts", lambda: generation(data, docs, True)),
                ("generation, neither", lambda: generation(data, docs, False))]
        for name, run in runs:
            run()  # warm-up: template caches, lru caches, the page cache of the files
        for _ in range(args.repeat):
            for name, run in runs:
                result = run()
                if isinstance(result, tuple):
                    times.setdefault(f"{name}, wall", []).append(result[0])
                    result = result[1]
                times.setdefault(name, []).append(result)
                print(f"{name}: {result:.3f} s CPU", file=sys.stderr, flush=True)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"N = {args.statements} statements, {args.repeat} runs of each, medians (min to max); "
          f"pipeline {pipeline:.1f} s ({'measured' if args.build else 'given'})\n")
    print("| CPU seconds (wall where it says so) | median | min to max |\n|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {median[name]:.3f} | {min(values):.3f} to {max(values):.3f} |")
    print()
    # CPU seconds saved against the pipeline's wall seconds: an upper bound, as the workers share the saving.
    for label, (a, b) in {"the override (render)": ("render, stock Jinja", "render, override"),
                          "marshal, forked load": ("load, forked, plain (pickled)", "load, forked, marshal"),
                          "marshal, load in one process": ("load, one process, plain", "load, one process, marshal"),
                          "both (generation)": ("generation, neither", "generation, both shortcuts"),
                          "both (generation, wall)": ("generation, neither, wall", "generation, both shortcuts, wall")
                          }.items():
        saved = median[a] - median[b]
        print(f"- {label} saves {saved:+.3f} s: {100 * saved / pipeline:+.2f}% of the pipeline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
