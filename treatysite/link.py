"""Link stage: each kind, in the order of what it needs, builds its entities and resolves its references
against those already built; then every backlink is made, in one place.

Three small rules do the work (linker.py): `unique` (one id, one entity), `resolve` (this reference, or a message
naming its file and line) and `listed` (the entities of a single file's list, by id). Each kind returns what it built,
by name; the backlinks are the only writes into entities another kind made.
"""
from __future__ import annotations

from typing import Any

from .errors import Problems
from .document import Document
from .linker import Linker
from .registry import DATA_KINDS, KIND_OF_DATA, KINDS, LINKING_ORDER, by_data_kind
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


def link_site(docs: list[Document], problems: Problems, label: str = "data", failed: list[Document] = (),
              site_url: str = "", site_name: str = "") -> Site | None:
    """Resolve every reference; return the linked Site, or None if any reference is broken."""
    ln = Linker(problems, set().union(*(ids_defined_by(d) for d in failed)), label)
    by_kind = by_data_kind(docs)
    for kind in DATA_KINDS.values():
        if kind.required and not by_kind[kind.name] and f"{kind.name}-file" not in ln.broken:
            ln.broken.add(kind.name)  # nothing defines these ids: report the missing file, not each reference
            where = kind.edit_path(label)
            problems.add(where, 0, f"no {kind.name} files found; add {label}/{kind.place}/<id>.yaml" if kind.folder
                         else f"the file is missing; create {where} (see schema/{kind.schema})")
    found: dict[str, Any] = {"label": label}
    for kind in LINKING_ORDER:
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
