"""MkDocs hook (mkdocs.yml `hooks:`): never build the site from a docs/ that a generation left unfinished.

`mkdocs build` (and so `make site` and the deploy workflow) stops with the reason; `mkdocs serve`, a preview
that build_site.py --serve regenerates while it runs, only warns.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

try:
    from treatysite.write import incomplete_site
except ImportError:  # MkDocs loads a hook as a lone file, perhaps from elsewhere: find the package beside it
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from treatysite.write import incomplete_site

log = logging.getLogger("mkdocs.hooks.publish_guard")
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    problem = incomplete_site(Path(config.docs_dir))
    if problem is None:
        return
    if _command == "serve":
        log.warning(problem)
        return
    raise PluginError(f"not building the site: {problem}")
