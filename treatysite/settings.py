"""The site's own settings, read from mkdocs.yml: its name and published address (no second copy in Python)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags resolved as MkDocs resolves them; other tags are left empty."""


def _env(loader: _ConfigLoader, node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *names, default = loader.construct_sequence(node)
    return next((os.environ[n] for n in names if n in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    site_name: str
    site_url: str      # ends in /


def read_settings(config: Path = Path("mkdocs.yml"), site_url: str | None = None) -> Settings:
    """site_name and site_url from mkdocs.yml (SITE_URL and the like resolved); site_url may be overridden."""
    try:
        found = yaml.load(config.read_text("utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        found = {}
    url = site_url or found.get("site_url") or "/"
    return Settings(found.get("site_name") or "", url if url.endswith("/") else url + "/")
