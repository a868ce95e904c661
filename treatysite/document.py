"""One data file, read strictly: YAML parsed by our own rules (no aliases, no YAML 1.1 implicit types, bounded
sizes), with the line of every value found when a message needs it. The load stage (load.py) reads every file of
the data folder with load_file."""
from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems, quoted

_PLAIN = "tag:treatysite,2026:plain"   # an untagged, unquoted scalar: _scalar() decides what it is
_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML has it: much faster
    """YAML's own implicit typing is skipped: it is YAML 1.1's, and _scalar() applies ours."""

    def resolve(self, kind, value, implicit):  # called for every node, so answered without the base class
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

# Plain scalars are resolved as YAML 1.2's core schema would, minus floats and dates,
# so that `no`, `2.10`, `2024-08-08` and `1:20` stay the text the editor wrote.
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")   # used with fullmatch: a whole value, never one with a newline after it
_STANDARD_TAGS = {_PLAIN} | {f"tag:yaml.org,2002:{t}" for t in
                             ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


@dataclass(eq=False)
class Document:
    """One data file: its kind, its parsed content, and (on demand) the line of every value."""

    rel: str                      # path shown in messages, e.g. data/statements/x.yaml
    kind: str                     # treaty, chapter, statement, ...
    data: Any
    text: str = ""                # the file's text, parsed again for lines only when a message needs one

    @property
    def stem(self) -> str:
        return posixpath.splitext(posixpath.basename(self.rel))[0]  # as Path.stem, without a Path per call

    @cached_property
    def lines(self) -> dict[tuple, int]:
        """Line of every value by its path, e.g. ("objections", 0, "id") -> 12. Valid files never need it."""
        lines: dict[tuple, int] = {}
        if self.data is not None:
            _convert(_compose(self.text), (), lines, set())
        return lines

    def line(self, path=()) -> int:
        """Line of the value at `path`, or of its nearest parent that has one."""
        path = tuple(path)
        lines = self.lines
        while path and path not in lines:
            path = path[:-1]
        return lines.get(path, 1)


class _Invalid(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def load_file(path: Path, rel: str, kind: str, problems: Problems) -> Document:
    """Parse one file strictly into a Document; on failure its data is None and the problem recorded."""
    doc = Document(rel, kind, None)
    raw = _read_regular_file(path, rel, problems)
    if raw is None:
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
        doc.data = _convert(node, (), None, set() if "&" in text else None)  # no anchor, no alias to look for
        doc.text = text
    except _Alias:
        problems.add(rel, _alias_line(text), _ALIAS_MESSAGE)
    except RecursionError:
        problems.add(rel, 1, "the file is nested too deeply to be data; flatten its lists and mappings")
    except _Invalid as exc:
        problems.add(rel, exc.line, exc.message)
        doc.data = None
    return doc


MAX_FILE_BYTES = 256 * 1024   # the largest data file is ~10 KB; a bound keeps every page and build time bounded
LINK_FIX = ("data is read only from regular files inside {folder}/, so it was not read; replace the link with "
            "the {what} itself")


def _read_regular_file(path: Path, rel: str, problems: Problems) -> bytes | None:
    """The bytes of a regular file, never through a link (its target is not read, so never shown in a message)."""
    try:  # O_NOFOLLOW: a link is refused by the open itself; O_NONBLOCK: opening a pipe does not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.add(rel, 0, f"the file is a symbolic link; {LINK_FIX.format(folder=rel.split('/', 1)[0], what='file')}")
        else:
            problems.add(rel, 0, f"cannot read the file ({exc.strerror}); check its permissions")
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            problems.add(rel, 0, "this is not a regular file (a pipe, device or socket); data files are ordinary "
                                 "files: remove it")
            return None
        if info.st_size > MAX_FILE_BYTES:
            problems.add(rel, 0, f"the file is {info.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} a data file "
                                 "may hold; split it or shorten its text")
            return None
        return fh.read(MAX_FILE_BYTES + 1)


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
    return f"the text {quoted(node.value)}"


def _convert(node, path: tuple, lines: dict | None, seen: set | None):
    """Plain Python value of a node; rejects tags, duplicate keys and (given a set) aliases; records lines if given a dict."""
    if seen is not None:
        if id(node) in seen:
            raise _Alias()
        seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        raise _Invalid(node.start_mark.line + 1, f"YAML tags such as {quoted(node.tag)} are not allowed; remove the tag")
    kind = type(node)
    if kind is yaml.ScalarNode:
        return _scalar(node)
    if kind is yaml.SequenceNode:
        if len(node.value) > MAX_ITEMS:
            raise _Invalid(node.start_mark.line + 1, _too_many(node, "a list"))
        if lines is None:
            return [_convert(child, path, None, seen) for child in node.value]
        items = []
        for index, child in enumerate(node.value):
            lines[path + (index,)] = child.start_mark.line + 1
            items.append(_convert(child, path + (index,), lines, seen))
        return items
    mapping: dict = {}
    for key_node, value_node in node.value:
        if key_node.tag == _PLAIN and key_node.value == "<<" or key_node.tag == "tag:yaml.org,2002:merge":
            raise _Invalid(key_node.start_mark.line + 1, "merge keys (<<) are not allowed; write the fields out in full")
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
            raise _Invalid(key_node.start_mark.line + 1, "a key must be a plain word, not a list or mapping")
        key = str(key_node.value)
        if key in mapping:
            first = _key_line(node, key)
            raise _Invalid(key_node.start_mark.line + 1,
                           f"duplicate key {quoted(key)} (first set on line {first}); keep only one")
        if type(value_node) is yaml.SequenceNode and len(value_node.value) > MAX_ITEMS:
            raise _Invalid(value_node.start_mark.line + 1, _too_many(value_node, quoted(key)))
        if lines is None:
            mapping[key] = _convert(value_node, path, None, seen)
        else:
            lines[path + (key,)] = key_node.start_mark.line + 1
            mapping[key] = _convert(value_node, path + (key,), lines, seen)
    return mapping


# The longest list in the data holds 30 items. A bound keeps every check after loading linear and small: without it,
# one 255 KB file of 58,000 short items kept the schema check busy for minutes (uniqueItems compares pairs).
MAX_ITEMS = 1000
MAX_DIGITS = 15   # a count or a number in data; beyond 4,300 digits Python cannot even convert the text


def _too_many(node, name: str) -> str:
    return (f"{name} holds {len(node.value):,} items, more than the {MAX_ITEMS:,} a list in data may hold; "
            "split the file or remove items")


def _key_line(mapping_node, key: str) -> int:
    """Line where a key is first set in a mapping node."""
    return next(k.start_mark.line + 1 for k, _ in mapping_node.value if str(k.value) == key)


def _scalar(node):
    if node.style or node.tag == "tag:yaml.org,2002:str":  # quoted, block or !!str: text
        return node.value
    value = node.value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        digits = len(value.lstrip("+-"))
        if digits > MAX_DIGITS:
            raise _Invalid(node.start_mark.line + 1, (
                f"the number {quoted(value, 20)} has {digits:,} digits, more than the {MAX_DIGITS} a number in data "
                "may have; if it is text, put it in quotes"))
        return int(value)
    return value
