"""The linked site: what every kind built, by name, for the renderer and the open data."""
from __future__ import annotations

from typing import Any


class Site:
    """Everything the renderer needs, fully linked: each kind's entities as attributes (site.statements,
    site.countries, ...), the treaty's own facts (site.treaty), and where the site is published."""

    def __init__(self, found: dict[str, Any], kinds: list["Kind"], present: set[str], site_url: str = "",
                 site_name: str = ""):
        self.__dict__.update(found)
        self.kinds = kinds            # the registry's kinds, in the order the site presents them
        self.present = present        # the data kinds that have at least one file
        self.label = found["label"]   # the data folder's name, as generated files name it
        self.site_url = site_url      # the published address, ending in /
        self.site_name = site_name    # mkdocs.yml's site_name, for citations

    @property
    def short_title(self) -> str:
        """The treaty's name in running text and feed titles: its short title, or else its title."""
        return self.treaty.get("short_title", self.treaty["title"])

    @property
    def data_kinds(self) -> list["DataKind"]:
        return [d for kind in self.kinds for d in kind.data]

    def article(self, number: int):
        return self.text.articles[number]

    def absolute(self, page: "Page", anchor: str = "") -> str:
        """Permanent address of a page, for citations, feeds and open data."""
        return self.site_url + page.url + (f"#{anchor}" if anchor else "")
