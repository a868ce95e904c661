"""Export stage: the open data of every kind (download/dataset.json, and each kind's CSV files and feeds), and the
schemas, as files of the site (path -> a function making the text)."""
from __future__ import annotations

import json
from functools import partial
from typing import Callable

from .kind import MARKER
from .registry import DATA_KINDS, KINDS, path
from .schema import SCHEMA_DIR
from .site import Site


def dataset(site: Site) -> dict:
    """The whole linked dataset as plain data (ranges expanded, one target per provision): each kind's part."""
    found = {
        "_generated": f"{MARKER} from {site.label}/; see the Data page for every field and the licence",
        "as_of": site.treaty["as_of"],
        "licence": "CC BY 4.0 (our summaries, mappings and structure); quotations remain their authors'",
    }
    for kind in KINDS:
        found.update(kind.dataset(site))
    return found


def export_jobs(site: Site) -> dict[str, Callable[[], str]]:
    """Every non-Markdown file of the site: path under docs/ -> a function making its text.

    The paths are known at once (so that the writer can check them all before writing any); the texts
    are made where the pipeline runs them, possibly in parallel.
    """
    jobs: dict[str, Callable[[], str]] = {
        path("dataset"): lambda: json.dumps(dataset(site), ensure_ascii=False, separators=(",", ":")) + "\n"}
    for kind in KINDS:
        jobs.update(kind.files(site))
    for name in sorted([k.schema for k in DATA_KINDS.values()] + ["common.schema.json"]):
        jobs[path("schema", {"schema": name})] = partial((SCHEMA_DIR / name).read_text, "utf-8")
    return jobs
