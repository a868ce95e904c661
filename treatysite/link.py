"""Link stage: each kind, in the order of what it needs, builds its entities and resolves its references
against those already built; then every backlink is made, in one place.

Three small rules do the work: `unique` (one id, one entity), `resolve` (this reference, or a message naming its
file and line) and `listed` (the entities of a single file's list, by id). Each kind returns what it built, by
name; the backlinks are the only writes into entities another kind made.
"""
from __future__ import annotations

from typing import Any, Callable

from .errors import Problems, did_you_mean
from .load import Document
from .registry import DATA_KINDS, KIND_OF_DATA, KINDS, linking_order
from .site import Site


def ids_defined_by(doc: Document) -> set[str]:
    """Ids a file that failed to load or validate probably defines: references to them stay silent.

    The broken file is already reported; a second message per reference would only bury the first. A file
    that could not be parsed at all silences every reference to its kind.
    """
    data = doc.data
    if not isinstance(data, dict):
        return {doc.kind, doc.stem, f"{doc.kind}-file"}
    return {doc.stem, str(data.get("id")), f"{doc.kind}-file"} | KIND_OF_DATA[doc.kind].defines(data)


SUGGESTIONS = 200


class Linker:
    """Resolves references; each unresolved one becomes a problem naming its file and line."""

    def __init__(self, problems: Problems, broken: set[str], label: str = "data"):
        self.problems = problems
        self.broken = broken  # kinds and ids whose files failed to load: references to them stay silent
        self.label = label    # the data folder's name, as messages write it

    def resolve(self, doc: Document, path: tuple, what: str, ref, index: dict, defined_by: tuple[str, ...] = (),
                id_of: Callable[[Any], str] = str):
        """The entity `ref` names in index, or None after reporting it (unless its own file is broken).

        id_of gives the id a reference stands for, where it is not the id itself (an article's number)."""
        if ref in index:
            return index[ref]
        if not ({str(ref), id_of(ref)} & self.broken or any(k in self.broken for k in defined_by)):
            # A suggestion compares ref with every id (1-3 ms): the first SUGGESTIONS get one, so thousands of
            # broken references in a hostile file cost seconds, not minutes.
            hint = did_you_mean(ref, index) if len(self.problems) < SUGGESTIONS else ""
            self.problems.add(doc.rel, doc.line(path), f"{what} '{ref}', which does not exist{hint}")
        return None

    def resolve_all(self, doc: Document, path: tuple, what: str, refs: list, index: dict,
                    defined_by: tuple[str, ...] = (), id_of: Callable[[Any], str] = str) -> list:
        """Every entity a list of references names, in order; each missing one reported."""
        found = (self.resolve(doc, path + (i,), what, ref, index, defined_by, id_of) for i, ref in enumerate(refs))
        return [entity for entity in found if entity is not None]

    def unique(self, doc: Document, path: tuple, what: str, key, seen: dict) -> bool:
        """Record that `key` is defined at (doc, path); False after reporting it if it already was."""
        if key in seen:
            first, first_path = seen[key]
            self.problems.add(doc.rel, doc.line(path), f"duplicate {what} '{key}' (already used at "
                                                       f"{first.rel}:{first.line(first_path)}); each must be unique")
            return False
        seen[key] = (doc, path)
        return True

    def report(self, doc: Document, path: tuple, message: str) -> None:
        self.problems.add(doc.rel, doc.line(path), message)

    def listed(self, doc: Document | None, key: str, what: str, make) -> dict[str, Any]:
        """Entities listed under `key` in a single file, by id: make(index, raw) builds each; ids are unique."""
        found: dict[str, Any] = {}
        seen: dict = {}
        for i, raw in enumerate(doc.data.get(key, []) if doc else []):
            if self.unique(doc, (key, i, "id"), what, raw["id"], seen):
                found[raw["id"]] = make(i, raw)
        return found


def link_site(docs: list[Document], problems: Problems, label: str = "data", failed: list[Document] = (),
              site_url: str = "", site_name: str = "") -> Site | None:
    """Resolve every reference; return the linked Site, or None if any reference is broken."""
    ln = Linker(problems, set().union(*(ids_defined_by(d) for d in failed)), label)
    by_kind: dict[str, list[Document]] = {kind: [] for kind in DATA_KINDS}
    for doc in docs:
        by_kind[doc.kind].append(doc)
    for kind in DATA_KINDS.values():
        if kind.required and not by_kind[kind.name] and f"{kind.name}-file" not in ln.broken:
            ln.broken.add(kind.name)  # nothing defines these ids: report the missing file, not each reference
            where = kind.edit_path(label)
            problems.add(where, 0, f"no {kind.name} files found; add {label}/{kind.place}/<id>.yaml" if kind.folder
                         else f"the file is missing; create {where} (see schema/{kind.schema})")
    found: dict[str, Any] = {"label": label}
    for kind in linking_order():
        found.update(kind.link(ln, by_kind, found))
    if problems:
        return None
    attach_backlinks(found)
    for kind in KINDS:
        found.update(kind.finish(found))
    present = {name for name, files in by_kind.items() if files}
    return Site(found, KINDS, present, site_url, site_name)


def attach_backlinks(found: dict[str, Any]) -> None:
    """The one place entities learn of what points at them: each kind names (entity, list attribute, value)."""
    for kind in KINDS:
        for entity, attribute, value in kind.backlinks(found):
            getattr(entity, attribute).append(value)
