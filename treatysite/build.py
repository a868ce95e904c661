"""The pipeline in one screen: load -> validate -> link -> render (a plan) -> write."""
from __future__ import annotations

import gc
import time
from functools import partial
from pathlib import Path
from typing import Callable

from .errors import DataInvalid, Problems
from .link import link_site
from .load import load_data
from .parallel import fork_map
from .render import make_environment, plan_site
from .settings import read_settings
from .validate import validate_documents
from .write import Output

PARALLEL_FROM = 400    # files; below this, starting worker processes costs more than it saves
ROOT = Path(__file__).resolve().parent.parent


def generate(data_dir: Path, docs_dir: Path | None, label: str = "data", site_url: str | None = None,
             config: Path = ROOT / "mkdocs.yml", workers: int | None = None,
             stages: dict[str, float] | None = None) -> dict[str, int]:
    """Build every page from data_dir into docs_dir (None: validate only). Raises DataInvalid.

    Given a dict, `stages` receives the wall time of each stage (the benchmark's profile).
    """
    # The model is a large acyclic graph built once: the cycle collector would only re-scan it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(data_dir, docs_dir, label, read_settings(config, site_url), workers, _Clock(stages))
    finally:
        if collecting:
            gc.enable()


def _generate(data_dir: Path, docs_dir: Path | None, label: str, settings, workers: int | None,
              clock: "_Clock") -> dict[str, int]:
    problems = Problems()
    docs = clock("load", load_data(data_dir, problems, label))
    if not data_dir.is_dir():
        raise DataInvalid(problems)
    valid = clock("validate", validate_documents(docs, problems))
    passed = {id(d) for d in valid}
    failed = [d for d in docs if id(d) not in passed]
    site = clock("link", link_site(valid, problems, label, failed, settings.site_url, settings.site_name))
    if problems or site is None:
        raise DataInvalid(problems)
    plan = clock("plan", plan_site(site, make_environment()))
    counts = {"pages": sum(p.endswith(".md") for p in plan), "articles": len(site.articles),
              "statements": len(site.statements), "stakeholders": len(site.stakeholders)}
    if docs_dir is not None:
        counts.update(clock("render and write", write_plan(plan, Output(docs_dir), workers)))
    return counts


class _Clock:
    """Records the wall time since the previous stage under each stage's name, if asked to."""

    def __init__(self, stages: dict[str, float] | None):
        self.stages, self.last = stages, time.perf_counter()

    def __call__(self, name: str, result):
        if self.stages is not None:
            now = time.perf_counter()
            self.stages[name], self.last = now - self.last, now
        return result


def write_plan(plan: dict[str, Callable[[], str]], output: Output, workers: int | None = None) -> dict[str, int]:
    """Check every path, then make and write each file on every core, then remove stale files."""
    output.begin(plan)  # locks docs/, and marks it unfinished until finish(): a run stopped in between is never published
    try:
        results = fork_map(partial(_make_and_put, output), list(plan.items()), PARALLEL_FROM, workers)
        return output.finish(dict(zip(plan, results)))
    finally:
        output.release()


def _make_and_put(output: Output, item: tuple[str, Callable[[], str]]):
    path, make = item
    return output.put(path, make())
