"""The three rules every kind links by: `unique` (one id, one entity), `resolve` (this reference, or a message
naming its file and line, with a suggestion) and `listed` (the entities of a single file's list, by id)."""
from __future__ import annotations

from typing import Any, Callable

from .document import Document
from .errors import Problems, did_you_mean

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
