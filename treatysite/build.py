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
from .render import make_environment, page_inputs, plan_site
from .settings import read_settings
from .site import Site
from .validate import validate_documents
from .write import Output, digest

PARALLEL_FROM = 400    # files; below this, starting worker processes costs more than it saves
ROOT = Path(__file__).resolve().parent.parent

_KEPT: dict[str, str] | None = None  # docs path -> page_inputs() digest of what the last run wrote, if kept


def keep_pages() -> None:
    """From now on (the preview, which generates after every edit), make again only the pages whose inputs
    changed, for the page kinds that show only their own data file and files of other kinds."""
    global _KEPT
    _KEPT = {}


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


def read_site(data_dir: Path, label: str = "data", site_url: str = "", site_name: str = "",
              clock: "_Clock | None" = None) -> Site:
    """Load, validate and link every data file of data_dir: the one way to read the site (build, preview, tests
    and benchmarks). Raises DataInvalid with every problem found; the Site keeps the files (site.documents)."""
    clock = clock or _Clock(None)
    problems = Problems()
    docs = clock("load", load_data(data_dir, problems, label))
    if not data_dir.is_dir():
        raise DataInvalid(problems)
    valid = clock("validate", validate_documents(docs, problems))
    passed = {id(d) for d in valid}
    failed = [d for d in docs if id(d) not in passed]
    site = clock("link", link_site(valid, problems, label, failed, site_url, site_name))
    if problems or site is None:
        raise DataInvalid(problems)
    site.documents = docs
    return site


def _generate(data_dir: Path, docs_dir: Path | None, label: str, settings, workers: int | None,
              clock: "_Clock") -> dict[str, int]:
    site = read_site(data_dir, label, settings.site_url, settings.site_name, clock)
    plan = clock("plan", plan_site(site, make_environment()))
    counts = {"pages": sum(p.endswith(".md") for p in plan), "articles": len(site.articles),
              "statements": len(site.statements), "stakeholders": len(site.stakeholders)}
    if docs_dir is not None:
        inputs = None if _KEPT is None else page_inputs(site.documents, f"{label}\0{settings}")
        counts.update(clock("render and write", write_plan(plan, Output(docs_dir), workers, inputs)))
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


def write_plan(plan: dict[str, Callable[[], str]], output: Output, workers: int | None = None,
               inputs: dict[str, str] | None = None) -> dict[str, int]:
    """Check every path, then make and write each file on every core, then remove stale files.

    Given `inputs` (page_inputs()), a page whose inputs are those of the page the last run wrote, and whose file
    still holds what that run wrote, is not made again.
    """
    global _KEPT
    # Locks docs/, and marks it unfinished until finish(): a run stopped in between is never published.
    with output.writing(plan):
        kept = {}
        for rel, key in (inputs or {}).items():
            held = output.current.get(rel)
            if _KEPT and _KEPT.get(rel) == key and held is not None and digest(held) == output.manifest.get(rel):
                kept[rel] = (output.manifest[rel], False)
        todo = [item for item in plan.items() if item[0] not in kept]
        made = dict(zip((rel for rel, _ in todo),
                        fork_map(partial(_make_and_put, output), todo, PARALLEL_FROM, workers)))
        counts = output.finish({rel: kept.get(rel) or made[rel] for rel in plan})
    if inputs is not None:
        _KEPT = inputs
    return counts


def _make_and_put(output: Output, item: tuple[str, Callable[[], str]]):
    path, make = item
    return output.put(path, make())
