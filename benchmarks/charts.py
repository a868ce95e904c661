"""What the charts cost: build time they add to the real-data build, and bytes they add to a first page view.

- Generation (build_site.py's work): the real data/ rendered into a fresh docs/ folder in one process, with the
  charts and with every chart function switched off (returning None, as for a chart with no data), alternately,
  best of --repeat. CPU time is the figure to read when other jobs share the machine; wall time is printed too.
- Site build: the strict ProperDocs build of each of those docs/ folders (Markdown to HTML, search index), best
  of --site-repeat (0 skips it).
- Bytes: gzip (level 6, what a web server sends) of each page with charts, built with and without them, plus
  the growth of assets/extra.css since --base (the commit before the charts; the stylesheet is on every page).
  A first page view is the home page: its HTML and the stylesheet.
- At --statements N (0 skips it), the chart markup on the home page of a synthetic site of N statements, to show
  it does not grow with the data (one column per article, one bar per kind of stakeholder).

    python benchmarks/charts.py [--repeat 5] [--site-repeat 2] [--statements 10000]
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from sitebuild import build_pages, copy_project  # noqa: E402
from treatysite import charts  # noqa: E402
from treatysite.build import generate  # noqa: E402

CHART_FUNCTIONS = ["stance_by_type", "provisions_sides", "provision_sides", "outcomes", "instruments", "signatures",
                   "timeline_strip"]
PAGES = {"home": "index.html", "article 24": "articles/article-24/index.html", "chapter IV": "chapters/chapter-4/index.html",
         "countries": "countries/index.html", "ratifications": "overview/ratifications/index.html",
         "lifecycle": "overview/lifecycle/index.html", "timeline": "overview/timeline/index.html"}
FIGURE = re.compile(r'<figure class="chart[^"]*" id="[^"]+">.*?</figure>', re.S)


@contextmanager
def charts_off():
    """Every chart function returns None (nothing to draw), so the pages are made as they were without charts."""
    saved = {name: getattr(charts, name) for name in CHART_FUNCTIONS}
    for name in CHART_FUNCTIONS:
        setattr(charts, name, lambda *args, **kwargs: None)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(charts, name, function)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def cpu() -> float:
    """CPU seconds of this process and of its finished children (the render workers, the ProperDocs build):
    less disturbed than wall time when other jobs share the machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(run) -> tuple[float, float]:
    """(wall, CPU) seconds of run()."""
    wall, used = time.perf_counter(), cpu()
    run()
    return time.perf_counter() - wall, cpu() - used


def generation(data: Path, work: Path, on: bool) -> tuple[float, float]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    copy_project(work)
    docs = work / "docs"
    # One process (workers=1), so that the CPU time is all counted; wall time on all cores is printed as well.
    if on:
        return timed(lambda: generate(data, docs, workers=1))
    with charts_off():
        return timed(lambda: generate(data, docs, workers=1))


def report(what: str, times: dict[bool, list[tuple[float, float]]], repeat: int) -> None:
    for i, kind in ((1, "CPU"), (0, "wall")):
        off, on = (min(t[i] for t in times[k]) for k in (False, True))
        print(f"{what} ({kind}, best of {repeat}): without charts {off:.3f} s, with {on:.3f} s, added {on - off:+.3f} s "
              f"({100 * (on - off) / off:+.1f}%)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="generations of each kind (best is kept)")
    parser.add_argument("--site-repeat", type=int, default=2, help="ProperDocs builds of each kind (0: skip)")
    parser.add_argument("--statements", type=int, default=10000, help="synthetic statements for the size check (0: skip)")
    parser.add_argument("--base", default="f832fac", help="commit before the charts, for the stylesheet's growth")
    args = parser.parse_args(argv)
    data = ROOT / "data"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        times = {True: [], False: []}
        for _ in range(args.repeat):
            for on in (False, True):
                times[on].append(generation(data, tmp / ("on" if on else "off"), on))
        print(f"load average at start: {os.getloadavg()[0]:.1f}")
        report("generation, real data", times, args.repeat)
        gen = {on: min(c for _, c in times[on]) for on in times}
        if args.site_repeat:
            site_times = {True: [], False: []}
            for _ in range(args.site_repeat):
                for on in (False, True):
                    work = tmp / ("on" if on else "off")
                    results = []
                    site_times[on].append(timed(lambda: results.append(build_pages(work, work / "site"))))
                    assert results[0].returncode == 0, results[0].stderr
            report("strict ProperDocs build", site_times, args.site_repeat)
            site = {on: min(c for _, c in site_times[on]) for on in site_times}
            total = {on: gen[on] + site[on] for on in gen}
            print(f"whole real-data build (generation + site, CPU): without charts {total[False]:.2f} s, with "
                  f"{total[True]:.2f} s, added {total[True] - total[False]:+.2f} s "
                  f"({100 * (total[True] - total[False]) / total[False]:+.1f}%; aim <= 5%)")
            css_now = (ROOT / "docs" / "assets" / "extra.css").read_bytes()
            css_base = subprocess.run(["git", "show", f"{args.base}:docs/assets/extra.css"], cwd=ROOT, capture_output=True,
                                      check=True).stdout
            css_added = gz(css_now) - gz(css_base)
            print(f"assets/extra.css (gzip): {gz(css_base)} B at {args.base}, {gz(css_now)} B now: {css_added:+d} B "
                  "(map colours, charts, the list of small states)")
            print("page | HTML gzip without charts | with | added | chart figures in it (raw / gzip)")
            for name, page in PAGES.items():
                with_ = (tmp / "on" / "site" / page).read_bytes()
                without = (tmp / "off" / "site" / page).read_bytes()
                figures = "".join(FIGURE.findall(with_.decode("utf-8"))).encode("utf-8")
                print(f"{name} | {gz(without)} | {gz(with_)} | {gz(with_) - gz(without):+d} | {len(figures)} / {gz(figures)}")
            home_added = gz((tmp / "on" / "site" / "index.html").read_bytes()) - gz((tmp / "off" / "site" / "index.html").read_bytes())
            print(f"first page view (home HTML + stylesheet): {home_added + css_added:+d} B gzip added "
                  f"({(home_added + css_added) / 1024:.1f} KB; aim <= 30 KB)")
        if args.statements:
            from synthetic import make
            synthetic = make(tmp / "synthetic", args.statements)
            generation(synthetic, tmp / "synthetic-site", True)
            home = (tmp / "synthetic-site" / "docs" / "index.md").read_text("utf-8")
            figures = "".join(FIGURE.findall(home)).encode("utf-8")
            print(f"home page chart markup at {args.statements} synthetic statements: {len(figures)} B raw, "
                  f"{gz(figures)} B gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
