"""Build a complete site in a scratch folder, through the real pipeline and `mkdocs build --strict`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from treatysite.build import generate
from treatysite.write import GENERATED_FILES, GENERATED_FOLDERS

ROOT = Path(__file__).resolve().parent.parent


def copy_project(dest: Path, docs_only: bool = False) -> Path:
    """mkdocs.yml, overrides/ and the hand-written part of docs/ (never the generated part)."""
    if not docs_only:
        hook = "treatysite/publish_guard.py"  # relative to mkdocs.yml: point the copy at this project's
        (dest / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8").replace(hook, str(ROOT / hook)),
                                         "utf-8")
        if (ROOT / "overrides").exists():
            shutil.copytree(ROOT / "overrides", dest / "overrides")
    skip = set(GENERATED_FOLDERS) | set(GENERATED_FILES)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=lambda d, names: names if False else
                    [n for n in names if Path(d) == ROOT / "docs" and n in skip])
    return dest


def build_site(dest: Path, data: Path = ROOT / "data", env: dict | None = None) -> subprocess.CompletedProcess:
    """Generate docs/ from data and run a strict MkDocs build into dest/site; returns the MkDocs run."""
    copy_project(dest)
    generate(data, dest / "docs")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(dest / "mkdocs.yml"),
                             "-d", str(dest / "site")], capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})))
    return result
