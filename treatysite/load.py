"""Load stage: read every YAML file under data/ strictly, keeping each value's line."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems

_PLAIN = "tag:treatysite,2026:plain"   # an untagged, unquoted scalar: _scalar() decides what it is


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML has it: much faster
    """YAML's own implicit typing is skipped: it is YAML 1.1's, and _scalar() applies ours."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)

# File layout of data/: single files and folders of one entity per file.
SINGLE_FILES = {
    "treaty.yaml": "treaty",
    "themes.yaml": "themes",
    "timeline.yaml": "timeline",
    "ratifications.yaml": "ratifications",
    "claims.yaml": "claims",
}
FOLDERS = {"chapters": "chapter", "stakeholders": "stakeholder", "statements": "statement"}

# Plain scalars are resolved as YAML 1.2's core schema would, minus floats and dates,
# so that `no`, `2.10`, `2024-08-08` and `1:20` stay the text the editor wrote.
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_STANDARD_TAGS = {_PLAIN} | {f"tag:yaml.org,2002:{t}" for t in
                             ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


@dataclass(eq=False)
class Document:
    """One data file: its kind, its parsed content and the line of every value."""

    rel: str                      # path shown in messages, e.g. data/statements/x.yaml
    kind: str                     # treaty, chapter, statement, ...
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return Path(self.rel).stem

    def line(self, path=()) -> int:
        """Line of the value at `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


class _Invalid(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def classify(rel_parts: tuple[str, ...]) -> str | None:
    """Kind of a data file from its path inside data/, or None if it has no place."""
    if len(rel_parts) == 1:
        return SINGLE_FILES.get(rel_parts[0])
    if len(rel_parts) == 2 and rel_parts[1].endswith(".yaml"):
        return FOLDERS.get(rel_parts[0])
    return None


def load_data(data_dir: Path, problems: Problems, label: str = "data") -> list[Document]:
    """Parse every YAML file in data_dir; a file that cannot be read is returned with data None."""
    docs = []
    if not data_dir.is_dir():
        problems.add(label, 0, "the data folder does not exist; run from the project root or pass --data")
        return docs
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir():
            continue
        parts = path.relative_to(data_dir).parts
        rel = "/".join((label,) + parts)
        if any(p.startswith((".", "_")) for p in parts):
            continue  # hidden files and _templates are not data
        kind = classify(parts)
        if kind is None:
            if path.suffix in (".yaml", ".yml"):
                problems.add(rel, 0, _misplaced(parts))
            continue
        docs.append(load_file(path, rel, kind, problems))
    return docs


def _misplaced(parts: tuple[str, ...]) -> str:
    if parts[-1].endswith(".yml"):
        return "data files must end in .yaml, not .yml; rename the file"
    places = ", ".join(sorted(SINGLE_FILES)) + "; " + ", ".join(f"{f}/<id>.yaml" for f in FOLDERS)
    return f"this file is not part of the data layout and would be ignored; expected one of: {places}"


def load_file(path: Path, rel: str, kind: str, problems: Problems) -> Document:
    """Parse one file strictly into a Document; on failure its data is None and the problem recorded."""
    doc = Document(rel, kind, None)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(rel, 0, f"cannot read the file ({exc.strerror}); check its permissions")
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(rel, line, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read); "
                                "save it with UTF-8 encoding")
        return doc
    try:
        node = _compose(text)
    except _Invalid as exc:
        problems.add(rel, exc.line, exc.message)
        return doc
    if node is None:
        problems.add(rel, 1, "the file is empty; it must hold a mapping of fields (see the schema named on its first line)")
        return doc
    try:
        if not isinstance(node, yaml.MappingNode):
            raise _Invalid(node.start_mark.line + 1,
                           f"expected a mapping of fields (key: value) at the top of the file, found {_describe(node)}")
        doc.data = _convert(node, (), doc.lines, set())
    except _Alias:
        problems.add(rel, _alias_line(text), _ALIAS_MESSAGE)
    except RecursionError:
        problems.add(rel, 1, "the file is nested too deeply to be data; flatten its lists and mappings")
    except _Invalid as exc:
        problems.add(rel, exc.line, exc.message)
        doc.data = None
    return doc


_ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed; write the value out in full"


class _Alias(Exception):
    """A node reached twice: the document uses an alias."""


def _alias_line(text: str) -> int:
    """Line of the first alias (*name); only computed once an alias has been found."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 1


def _compose(text: str):
    """The single document's node tree, or None for an empty file."""
    if "\x00" in text:
        raise _Invalid(text[: text.index("\x00")].count("\n") + 1,
                       "the file contains a NUL character; it is not a text file")
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "not valid YAML"
        if "expected a single document" in str(exc):
            raise _Invalid(line, "the file holds more than one YAML document (a second '---'); keep one per file") from None
        if "found undefined alias" in problem or "found duplicate anchor" in problem:
            raise _Invalid(line, _ALIAS_MESSAGE) from None
        hint = "; check the indentation, and put text containing ': ' or starting with a special character in quotes"
        raise _Invalid(line, f"YAML syntax error: {problem}{hint}") from None
    except yaml.YAMLError as exc:
        raise _Invalid(1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()


def _describe(node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return f"the text '{node.value}'"


def _convert(node, path: tuple, lines: dict, seen: set):
    """Plain Python value of a node; records lines, rejects aliases, tags and duplicate keys."""
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _Alias()
    if node.tag not in _STANDARD_TAGS:
        raise _Invalid(line, f"YAML tags such as '{node.tag}' are not allowed; remove the tag")
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            lines[path + (index,)] = child.start_mark.line + 1
            items.append(_convert(child, path + (index,), lines, seen))
        return items
    mapping: dict = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if key_node.tag == _PLAIN and key_node.value == "<<" or key_node.tag == "tag:yaml.org,2002:merge":
            raise _Invalid(key_line, "merge keys (<<) are not allowed; write the fields out in full")
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
            raise _Invalid(key_line, "a key must be a plain word, not a list or mapping")
        key = str(key_node.value)
        if key in mapping:
            first = lines[path + (key,)]
            raise _Invalid(key_line, f"duplicate key '{key}' (first set on line {first}); keep only one")
        lines[path + (key,)] = key_line
        mapping[key] = _convert(value_node, path + (key,), lines, seen)
    return mapping


def _scalar(node):
    if node.style or node.tag == "tag:yaml.org,2002:str":  # quoted, block or !!str: text
        return node.value
    value = node.value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    return value
