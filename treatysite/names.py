"""Names that look alike: the skeleton of a name (UTS #39) and the stakeholder names that share one or mix
scripts, so that no two files can pass for one stakeholder."""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .document import Document
from .errors import quoted


def skeleton(name: str) -> str:
    """What a name looks like: case, accents, spacing, punctuation and look-alike letters removed.

    UTS #39's skeleton (decompose, map every character to its prototype in Unicode's confusables data,
    decompose again), then without case, marks, spaces and punctuation, so "Access Nօw" (Armenian օ),
    "ɑccess Now" (Latin alpha) and "Ａｃｃｅｓｓ Ｎｏｗ" all have the skeleton of "Access Now".
    """
    text = unicodedata.normalize("NFKD", name)
    table = _confusables()
    text = unicodedata.normalize("NFKD", "".join(table.get(c, c) for c in text))
    return "".join(c for c in text.casefold() if c.isalnum())


@lru_cache(maxsize=None)
def _confusables() -> dict[str, str]:
    """Character -> its prototype, from Unicode's confusables.txt (vendored: treatysite/confusables/README.md)."""
    return json.loads((Path(__file__).parent / "confusables" / "data.json").read_text("utf-8"))


def _script(char: str) -> str:
    """The script of a letter as its Unicode name begins (LATIN, CYRILLIC, ARMENIAN, CHEROKEE...)."""
    return unicodedata.name(char, "?").split(" ")[0]


def _scripts(word: str) -> set[str]:
    """Scripts mixed in a word so that it can pass for another: Latin, Cyrillic and Greek letters together, or
    Latin letters beside a letter of another script that looks like a Latin one (Armenian օ, Cherokee Ꭺ)."""
    letters = {c: _script(c) for c in word if c.isalpha()}
    scripts = set(letters.values())
    mixed = scripts & {"LATIN", "CYRILLIC", "GREEK"}
    if "LATIN" in scripts:
        table = _confusables()
        mixed |= {s for c, s in letters.items() if s != "LATIN" and (p := table.get(c, c)).isascii() and p.isalpha()}
    return mixed if len(mixed) > 1 else set()


def look_alike_problems(docs: list["Document"]) -> Iterator[tuple["Document", tuple, str]]:
    """Stakeholders (countries included) must not share a name, or have names that only look the same."""
    seen: dict[tuple[str, str], tuple["Document", str]] = {}
    for doc in sorted(docs, key=lambda d: d.rel):
        for field in ("name", "short_name"):
            name = doc.data.get(field)
            if not name:
                continue
            mixed, scripts = next(((w, s) for w in name.split() if (s := _scripts(w))), (None, None))
            if mixed:
                yield doc, (field,), (
                    f"'{field}' mixes {' and '.join(sorted(s.title() for s in scripts))} letters in the word "
                    f"{quoted(mixed)}, so it can look like another name; type it again in one script")
            key = (field, skeleton(name))
            if key in seen:
                first, first_name = seen[key]
                same = "is the same as" if first_name == name else "looks the same as"
                yield doc, (field,), (
                    f"'{field}' {quoted(name)} {same} the {field.replace('_', ' ')} of {first.rel}:"
                    f"{first.line((field,))} ({quoted(first_name)}); if they are one stakeholder keep one file, "
                    "otherwise make the names differ visibly")
            else:
                seen[key] = (doc, name)
