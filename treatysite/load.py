"""Load stage: read every YAML file under data/ strictly (document.py reads each); the line of any value is found
when a message needs it."""
from __future__ import annotations

import marshal
import os
from pathlib import Path

from .document import LINK_FIX, Document, load_file
from .errors import Problem, Problems
from .parallel import fork_map
from .registry import DATA_KINDS, kind_of_file


def load_data(data_dir: Path, problems: Problems, label: str = "data") -> list[Document]:
    """Parse every YAML file in data_dir; a file that cannot be read is returned with data None."""
    files: list[tuple[Path, str, str]] = []
    fix = LINK_FIX.format(folder=label, what="folder")
    if data_dir.is_symlink():
        problems.add(label, 0, f"the data folder is a symbolic link; {fix}")
        return []
    if not data_dir.is_dir():
        problems.add(label, 0, "the data folder does not exist; run from the project root or pass --data")
        return []
    found, links = _file_parts(data_dir)
    for parts in links:
        if not any(p.startswith((".", "_")) for p in parts):
            problems.add("/".join((label,) + parts), 0, f"this folder is a symbolic link; {fix}")
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


