"""The pipeline in one screen: load -> validate -> link -> render -> write."""
from __future__ import annotations

import gc
import os
from pathlib import Path

from .errors import DataInvalid, Problems
from .link import link_site
from .load import load_data
from .render import render_pages
from .validate import ids_of_failed, validate_documents
from .write import Output

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # as in mkdocs.yml: the published build sets SITE_URL


def generate(data_dir: Path, docs_dir: Path | None, label: str = "data", site_url: str | None = None) -> dict[str, int]:
    """Build every page from data_dir into docs_dir (None: validate only). Raises DataInvalid."""
    # The model is a large acyclic graph built once: the cycle collector would only re-scan it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(data_dir, docs_dir, label, site_url)
    finally:
        if collecting:
            gc.enable()


def _generate(data_dir: Path, docs_dir: Path | None, label: str, site_url: str | None) -> dict[str, int]:
    problems = Problems()
    docs = load_data(data_dir, problems, label)
    if not data_dir.is_dir():
        raise DataInvalid(problems)
    valid = validate_documents(docs, problems)
    site = link_site(valid, problems, label, ids_of_failed(docs, valid))
    if problems or site is None:
        raise DataInvalid(problems)
    site.site_url = site_url or os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    if not site.site_url.endswith("/"):
        site.site_url += "/"
    output = Output(docs_dir) if docs_dir is not None else None
    files = render_pages(site, output)  # with an output, each file is written as soon as it is made
    counts = {"pages": sum(p.endswith(".md") for p in files), "articles": len(site.articles),
              "statements": len(site.statements), "stakeholders": len(site.stakeholders)}
    if output is not None:
        counts.update(output.finish(files))
    return counts

