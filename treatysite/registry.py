"""The registry: every kind of content, in the order the site presents them, and what they declare.

Each kind (treatysite/kinds/<kind>.py) declares its data files, its pages and files, how it links, its backlinks
and its open data; the stages (load, validate, link, render, export, the writer) and the tools loop over KINDS
instead of keeping lists of their own (pelican's generators, with its *_URL / *_SAVE_AS settings expanded in one
place). Adding a kind is a schema, a module and an entry in KINDS; its pages need a template each.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from .kind import DataKind, Kind, PageKind
from .kinds import claims, concordance, countries, lifecycle, overview, ratifications, stakeholders, statements, \
    text, themes, timeline

# In the order the site presents them: the Data page lists their files, dataset.json their parts, in this order.
KINDS: list[Kind] = [text.KIND, stakeholders.KIND, countries.KIND, statements.KIND, themes.KIND, timeline.KIND,
                     ratifications.KIND, claims.KIND, lifecycle.KIND, concordance.KIND, overview.KIND]

# Files the stages make from every kind at once: the navigation, the whole dataset, the schemas.
CORE_PAGES = (PageKind("nav", ".nav.yml", "nav.yml.j2"), PageKind("dataset", "download/dataset.json"),
              PageKind("schema", "download/schema/{schema}"))

DATA_KINDS: dict[str, DataKind] = {d.name: d for kind in KINDS for d in kind.data}
PAGE_KINDS: dict[str, PageKind] = {p.name: p for kind in KINDS for p in kind.pages} | {p.name: p for p in CORE_PAGES}
KIND_OF_DATA: dict[str, Kind] = {d.name: kind for kind in KINDS for d in kind.data}

# Hand-written pages that generated pages link to and the navigation lists (docs/, never generated).
HANDWRITTEN = {"method": "about/method.md"}
NAV_HANDWRITTEN = {"method": ("About", "About and method")}  # placed before the generated pages of its section
NAV_SECTIONS = ["{treaty}", "Objections", "Background", "About"]  # {words}: from the data (render.navigation)
# The order of index pages within their section; a page not named here follows those named, in KINDS order.
NAV_ORDER = ["chapters", "explore", "statements", "stakeholders", "themes", "matrix", "lifecycle", "coalitions",
             "timeline", "countries", "ratifications", "concordance", "claims", "data"]


def linking_order(kinds: list[Kind]) -> list[Kind]:
    """The kinds in an order where each comes after those it needs (ties in KINDS order)."""
    done: list[Kind] = []
    names = {k.name for k in kinds}
    while len(done) < len(kinds):
        linked = {d.name for d in done}
        ready = next((k for k in kinds if k not in done and set(k.needs) & names <= linked), None)
        if ready is None:
            raise ValueError(f"kinds that need each other: {[k.name for k in kinds if k not in done]}")
        done.append(ready)
    return done


LINKING_ORDER = linking_order(KINDS)


def by_data_kind(docs) -> dict[str, list]:
    """Documents grouped by data kind, every kind present (those without a file with an empty list)."""
    found: dict[str, list] = {kind: [] for kind in DATA_KINDS}
    for doc in docs:
        found[doc.kind].append(doc)
    return found


def kind_of_file(parts: tuple[str, ...]) -> DataKind | None:
    """The kind of a data file from its path inside data/, or None if it has no place there."""
    if len(parts) == 1:
        return next((k for k in DATA_KINDS.values() if not k.folder and k.place == parts[0]), None)
    if len(parts) == 2 and parts[1].endswith(".yaml"):
        return next((k for k in DATA_KINDS.values() if k.folder and k.place == parts[0]), None)
    return None


def path(name: str, entity: Any = None) -> str:
    """The docs path of a page kind (for an entity) or of a hand-written page: the one way to name a path."""
    if name in HANDWRITTEN:
        return HANDWRITTEN[name]
    return PAGE_KINDS[name].path_of(entity)


@cache  # asked once per document; the page kinds never change
def taken_names(name: str) -> dict[str, tuple[str, str]]:
    """Names an entity's id cannot take for a page kind named by one field ("statements/{id}.md"): the other
    files and folders the generator makes in that folder, e.g. "index" -> ("statements/index.md", "the
    statements page"); an entity called so would replace that page, or sit where its folder goes."""
    folder = PAGE_KINDS[name].path.rpartition("/")[0] + "/"
    taken = {}
    for kind in PAGE_KINDS.values():
        if kind.name == name or not kind.path.startswith(folder):
            continue
        first, sep, _ = kind.path[len(folder):].partition("/")
        stem = first if sep else first.rpartition(".")[0]
        if "{" not in stem:
            page = kind.path if not sep else folder + first + "/"
            taken[stem] = (page, f"the folder of the {kind.name} pages" if sep else f"the {kind.name} page")
    return taken


def generated_folders() -> tuple[str, ...]:
    """Top folders of docs/ that belong to the generator: those of every page path."""
    return tuple(dict.fromkeys(k.path.split("/")[0] for k in PAGE_KINDS.values() if "/" in k.path))


def generated_files() -> tuple[str, ...]:
    """Files at the top of docs/ that the generator writes."""
    return tuple(k.path for k in PAGE_KINDS.values() if "/" not in k.path)
