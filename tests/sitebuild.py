"""Build a complete site in a scratch folder, through the real pipeline and a strict ProperDocs build."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from treatysite.build import generate
from treatysite.errors import DataInvalid
from treatysite.write import GENERATED_FILES, GENERATED_FOLDERS

ROOT = Path(__file__).resolve().parent.parent
# The engine the site is built with, then the other one that builds the same pages (tests/test_engines.py).
ENGINE, OTHER_ENGINE = "properdocs", "mkdocs"


def copy_project(dest: Path, docs_only: bool = False) -> Path:
    """mkdocs.yml, overrides/ and the hand-written part of docs/ (never the generated part)."""
    if not docs_only:
        hook = "treatysite/publish_guard.py"  # relative to mkdocs.yml: point the copy at this project's
        (dest / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8").replace(hook, str(ROOT / hook)),
                                         "utf-8")
        if (ROOT / "overrides").exists():
            shutil.copytree(ROOT / "overrides", dest / "overrides", symlinks=True)
    skip = set(GENERATED_FOLDERS) | set(GENERATED_FILES)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=lambda d, names: names if False else
                    [n for n in names if Path(d) == ROOT / "docs" and n in skip], symlinks=True)
    return dest


def build_site(dest: Path, data: Path = ROOT / "data", env: dict | None = None) -> subprocess.CompletedProcess:
    """Generate docs/ from data and run a strict ProperDocs build into dest/site; returns the engine's run."""
    copy_project(dest)
    try:
        generate(data, dest / "docs")
    except DataInvalid as exc:  # the build's own messages, once, instead of a traceback per test
        import pytest
        pytest.fail(f"{data} is refused by the build:\n{exc}", pytrace=False)
    return build_pages(dest, dest / "site", env=env)


def build_pages(dest: Path, site: Path, engine: str = ENGINE, env: dict | None = None) -> subprocess.CompletedProcess:
    """`<engine> build --strict` of dest/mkdocs.yml (docs/ already generated) into site; returns the run."""
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", str(dest / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, env=dict(os.environ, **(env or {})))
