"""ProperDocs (the engine) and MkDocs 1.6.1 build the same site from the same mkdocs.yml and pages.

The one difference, in every HTML page and nowhere else, is the generator's name in Material's meta tag:
    <meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">   (ProperDocs)
    <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">              (MkDocs)
ProperDocs passes "ProperDocs <version>" as the `mkdocs_version` that Material's template prints.
"""
from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

from datafiles import documents
from sitebuild import ENGINE, OTHER_ENGINE, ROOT, build_pages, copy_project
from treatysite.build import generate

SAME_DAY = {"SOURCE_DATE_EPOCH": "1764374400"}  # both engines date the sitemap alike, even across midnight
MKDOCS_VERSION = {"properdocs": f"ProperDocs {version('properdocs')}", "mkdocs": version("mkdocs")}


def generator_tag(engine: str) -> bytes:
    """The meta tag Material writes into every HTML page, naming the engine that built it."""
    return (f'<meta name="generator" content="mkdocs-{MKDOCS_VERSION[engine]}, '
            f'mkdocs-material-{version("mkdocs-material")}">').encode()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The real data generated once into docs/ beside our mkdocs.yml and overrides/."""
    documents()   # fails at once, with the build's messages, if the build refuses data/
    dest = copy_project(tmp_path_factory.mktemp("engines"))
    generate(ROOT / "data", dest / "docs")
    return dest


def files_of(site: Path) -> list[str]:
    """Every file, but Pagefind's filter and metadata indexes and its entry file, which Pagefind 1.5 names and
    writes differently from one run to the next, whatever the engine (upstream issue 638)."""
    return sorted(rel for p in site.rglob("*") if p.is_file()
                  for rel in [p.relative_to(site).as_posix()] if _stable(rel))


def _stable(rel: str) -> bool:
    parts = rel.split("/")
    return parts[0] != "pagefind" or parts[1] in ("fragment", "index") or rel.endswith(".js")


@pytest.mark.parametrize("offline", [False, True], ids=["site", "offline-bundle"])
def test_both_engines_build_the_same_files_but_for_the_generator_tag(project, offline):
    env = dict(SAME_DAY, OFFLINE=str(offline).lower())
    sites = {}
    for engine in (ENGINE, OTHER_ENGINE):
        sites[engine] = project / f"site-{engine}-{'offline' if offline else 'online'}"
        result = build_pages(project, sites[engine], engine, env=env)
        assert result.returncode == 0, f"{engine}: {result.stderr}"
        # Not a bare "WARNING": under `python -m mkdocs`, Material's end-of-life notice names NO_MKDOCS_2_WARNING.
        assert not re.search(r"^WARNING\b", result.stderr, re.M), f"{engine}: {result.stderr}"
    names = files_of(sites[ENGINE])
    assert names == files_of(sites[OTHER_ENGINE])
    ours, theirs = generator_tag(ENGINE), generator_tag(OTHER_ENGINE)
    differing = []
    for name in names:
        a, b = (sites[ENGINE] / name).read_bytes(), (sites[OTHER_ENGINE] / name).read_bytes()
        if a != b:
            differing.append(name)
            assert a.count(ours) == 1 and b.count(theirs) == 1, f"{name}: no single generator tag to tell them apart"
            assert a.replace(ours, theirs) == b, f"{name} differs beyond the generator tag"
    assert differing == [name for name in names if name.endswith(".html")]  # every page, and nothing else
    assert len(differing) > 500
