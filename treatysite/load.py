"""Load stage: read every YAML file under data/ strictly; the line of any value is found when a message needs it."""
from __future__ import annotations

import errno
import marshal
import os
import posixpath
import re
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, Problems, quoted
from .parallel import fork_map
from .registry import DATA_KINDS, kind_of_file

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


def load_data(data_dir: Path, problems: Problems, label: str = "data") -> list[Document]:
    """Parse every YAML file in data_dir; a file that cannot be read is returned with data None."""
    files: list[tuple[Path, str, str]] = []
    if data_dir.is_symlink():
        problems.add(label, 0, f"the data folder is a symbolic link; {_LINK_FIX.format(folder=label, what='folder')}")
        return []
    if not data_dir.is_dir():
        problems.add(label, 0, "the data folder does not exist; run from the project root or pass --data")
        return []
    found, links = _file_parts(data_dir)
    for parts in links:
        if not any(p.startswith((".", "_")) for p in parts):
            problems.add("/".join((label,) + parts), 0, f"this folder is a symbolic link; {_LINK_FIX.format(folder=label, what='folder')}")
    for parts in found:
        path = data_dir.joinpath(*parts)
        rel = "/".join((label,) + parts)
        if any(p.startswith((".", "_")) for p in parts):
            continue  # hidden files and _templates are not data
        kind = kind_of_file(parts)
        if kind is None:
            if path.suffix in (".yaml", ".yml"):
                problems.add(rel, 0, _misplaced(parts))
            continue
        files.append((path, rel, kind.name))
    return _load_files(files, problems)


def _file_parts(data_dir: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Path parts (inside data_dir) of every file, and of every folder that is a link (never entered), sorted.

    os.walk spares a stat call per file; links to files are refused when opened (load_file).
    """
    found, links = [], []
    for folder, subfolders, names in os.walk(data_dir):
        inside = Path(folder).relative_to(data_dir).parts
        for name in [n for n in subfolders if os.path.islink(os.path.join(folder, n))]:
            links.append(inside + (name,))
        found.extend(inside + (name,) for name in names)
    return sorted(found), sorted(links)


PARALLEL_FROM = 1000   # files; below this, starting worker processes costs more than it saves


_PARSED: dict[str, tuple[tuple, bytes]] | None = None  # path -> (its stat, it parsed), kept by keep_parsed_files()


def keep_parsed_files() -> None:
    """From now on, parse again only the files that changed since the last load (for the preview, which loads
    the same data/ after every edit). A file counts as changed if anything stat(2) reports about it changed:
    its type, inode, size, modification or status-change time (an edit always changes the last)."""
    global _PARSED
    _PARSED = {}


def _signature(path: Path) -> tuple | None:
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info.st_mode, info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _load_files(files: list[tuple[Path, str, str]], problems: Problems) -> list[Document]:
    """load_file on every file, in order; large data sets are parsed on every core."""
    global _PARSED
    if _PARSED is None:
        loaded = fork_map(_load_one, files, PARALLEL_FROM)
    else:
        # The preview keeps what each file gave packed with marshal, and unpacks a fresh copy on every run (about 3
        # times faster than copy.deepcopy): the later stages may keep or change what they are given.
        keys = [f"{path}\0{rel}\0{kind}" for path, rel, kind in files]
        signatures = [_signature(path) for path, _, _ in files]
        kept = [_PARSED.get(key) for key in keys]
        stale = [i for i, (sig, seen) in enumerate(zip(signatures, kept)) if sig is None or seen is None or seen[0] != sig]
        packed = [seen[1] if seen else None for seen in kept]
        loaded = [None] * len(files)
        for i, result in zip(stale, fork_map(_load_one, [files[i] for i in stale], PARALLEL_FROM)):
            loaded[i], packed[i] = result, marshal.dumps(result)
        _PARSED = {key: (sig, each) for key, sig, each in zip(keys, signatures, packed) if sig is not None}
        loaded = [marshal.loads(each) if result is None else result for result, each in zip(loaded, packed)]
    docs = []
    for rel, kind, data, text, found in loaded:
        docs.append(Document(rel, kind, data, text))
        problems.items.extend(Problem(*p) for p in found)
    return docs


def _load_one(file: tuple[Path, str, str]) -> tuple:
    """One file, loaded, as plain data (which a worker sends back as it is, and the preview can pack with marshal):
    (rel, kind, data, text, [(file, line, message) of each problem])."""
    found = Problems()
    doc = load_file(*file, found)
    return doc.rel, doc.kind, doc.data, doc.text, [(p.file, p.line, p.message) for p in found.items]


def _misplaced(parts: tuple[str, ...]) -> str:
    if parts[-1].endswith(".yml"):
        return "data files must end in .yaml, not .yml; rename the file"
    places = (", ".join(sorted(k.place for k in DATA_KINDS.values() if not k.folder)) + "; "
              + ", ".join(f"{k.place}/<id>.yaml" for k in DATA_KINDS.values() if k.folder))
    return f"this file is not part of the data layout and would be ignored; expected one of: {places}"


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
_LINK_FIX = ("data is read only from regular files inside {folder}/, so it was not read; replace the link with "
             "the {what} itself")


def _read_regular_file(path: Path, rel: str, problems: Problems) -> bytes | None:
    """The bytes of a regular file, never through a link (its target is not read, so never shown in a message)."""
    try:  # O_NOFOLLOW: a link is refused by the open itself; O_NONBLOCK: opening a pipe does not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.add(rel, 0, f"the file is a symbolic link; {_LINK_FIX.format(folder=rel.split('/', 1)[0], what='file')}")
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
