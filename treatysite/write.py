"""Write stage: the only code that touches docs/. Owned and idempotent; a failed write leaves no half file.

A generation is published only whole: before its first write, the manifest (docs/.generated.json) marks every
file of the run as unfinished, and only the last step records what each file holds. A run killed anywhere in
between leaves that mark, so `incomplete_site()` (which MkDocs runs through treatysite/publish_guard.py) refuses
the folder and the next run, which accepts its own unfinished files, completes it.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .errors import OutputRefused, printable
from .kind import MARKER
from .registry import generated_files, generated_folders

# Folders of docs/ that belong to the generator, and single files it writes at the top of docs/.
GENERATED_FOLDERS = generated_folders()
MANIFEST = ".generated.json"
GENERATED_FILES = generated_files() + (MANIFEST,)
LOCK_WAIT = 600           # seconds a run waits for another one writing the same docs/ (a 20,000-page run: ~30 s)
UNFINISHED = "unfinished"  # manifest value of a file that a run not yet finished (or stopped) may have written
TEMPORARY = ".tmp-"        # prefix of the temporary files that write_atomic renames into place


def digest(data: bytes) -> str:
    """What the manifest records for a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def _manifest(docs_dir: Path) -> dict[str, str]:
    """Path -> sha256 of every file the last run wrote (for files that cannot carry a marker, such as CSV),
    or UNFINISHED for every file of a run that has not finished."""
    try:
        found = json.loads((docs_dir / MANIFEST).read_text("utf-8"))
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError):
        return {}


def is_generated(data: bytes, rel: str, manifest: dict[str, str]) -> bool:
    """True if a file's bytes carry the marker near the top, or are what we last wrote (or were writing) there."""
    return MARKER.encode() in data[:300] or manifest.get(rel) in (UNFINISHED, digest(data))


def owned(rel: str) -> bool:
    """Whether a docs-relative path lies where the generator may write."""
    return rel in GENERATED_FILES or (rel.split("/", 1)[0] in GENERATED_FOLDERS and "/" in rel)


@dataclass
class Found:
    """What the generated part of docs/ holds now, by docs-relative path; no link is ever followed."""

    files: set[str] = field(default_factory=set)      # regular files
    folders: set[str] = field(default_factory=set)    # real folders
    links: set[str] = field(default_factory=set)      # symbolic links: never read, never written through
    special: set[str] = field(default_factory=set)    # pipes, devices, a folder where a file goes or the reverse
    leftovers: set[str] = field(default_factory=set)  # temporary files of a run killed before it renamed them


def scan(docs_dir: Path) -> Found:
    """Every entry of the generated folders and files of docs/, with its type (os.scandir: no stat per file)."""
    found = Found()
    if not docs_dir.is_dir():
        return found
    with os.scandir(docs_dir) as entries:
        for entry in entries:
            if entry.name in GENERATED_FOLDERS:
                if _sort(found, entry, entry.name, folder=True):
                    _scan_folder(found, entry.path, entry.name)
            elif entry.name in GENERATED_FILES:
                _sort(found, entry, entry.name, folder=False)
            elif entry.name.startswith(TEMPORARY) and entry.name.split("-", 2)[-1] in GENERATED_FILES:
                found.leftovers.add(entry.name)
    return found


def _sort(found: Found, entry: os.DirEntry, rel: str, folder: bool) -> bool:
    """File an entry under its type; True for a real folder."""
    if entry.is_symlink():
        found.links.add(rel)
    elif entry.is_dir(follow_symlinks=False):
        if folder:
            found.folders.add(rel)
            return True
        found.special.add(rel)
    elif not entry.is_file(follow_symlinks=False) or folder:
        found.special.add(rel)
    elif entry.name.startswith(TEMPORARY):
        found.leftovers.add(rel)
    else:
        found.files.add(rel)
    return False


def _scan_folder(found: Found, folder: str, rel: str) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            sub = f"{rel}/{entry.name}"
            if entry.is_dir(follow_symlinks=False) and not entry.is_symlink():
                found.folders.add(sub)
                _scan_folder(found, entry.path, sub)
            else:
                _sort(found, entry, sub, folder=False)


def _listing(paths) -> str:
    return "\n".join(f"  docs/{printable(rel)}" for rel in sorted(paths))


class Output:
    """The generated files of docs/, written in three steps.

    begin(paths) checks every path before anything is touched (raising OutputRefused), then marks the run as
    unfinished in the manifest; put(path, text) writes one file, only if it changed (an existing file is
    replaced atomically, a new one created exclusively), and may run in forked workers; finish(results)
    deletes our stale files and records a digest of every file in the manifest, which marks the run finished.
    """

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.current: dict[str, bytes] = {}   # what our files hold now, for the comparison in put()
        self.stale: list[str] = []
        self.manifest: dict[str, str] = {}
        self.lock: int | None = None          # the open docs/ folder, locked from begin() to release()

    @contextmanager
    def writing(self, paths) -> Iterator["Output"]:
        """begin(paths), then the block; docs/ is released however the block ends."""
        self.begin(paths)
        try:
            yield self
        finally:
            self.release()

    def begin(self, paths) -> None:
        self._take_lock()
        try:
            self._begin(paths)
        except BaseException:
            self.release()
            raise

    def _take_lock(self) -> None:
        """Lock docs/ for this run: a second generation (make docs while the preview regenerates) waits until
        the first has finished, so that docs/ is always one whole run, never files of both; after LOCK_WAIT
        seconds it gives up with a message. The lock is the kernel's (flock on the folder): it goes with the
        process, so a run that is killed never leaves a stale lock behind."""
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.docs_dir, os.O_RDONLY | os.O_DIRECTORY)
        waited = 0.0
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.lock = fd
                return
            except BlockingIOError:
                if waited >= LOCK_WAIT:
                    os.close(fd)
                    raise OutputRefused(
                        f"another run of build_site.py has been writing {self.docs_dir}/ for more than {LOCK_WAIT} "
                        "seconds (make docs, or the preview); wait for it to finish or stop it, then run again; "
                        "nothing was written") from None
                time.sleep(0.05)
                waited += 0.05

    def release(self) -> None:
        """Unlock docs/ (closing the folder also unlocks it, and so does the end of the process)."""
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None

    def _begin(self, paths) -> None:
        self.manifest = manifest = _manifest(self.docs_dir)
        found = scan(self.docs_dir)
        if found.links or found.special:
            raise OutputRefused(
                f"refusing to write through {len(found.links | found.special)} entr(y/ies) of docs/ that are "
                f"symbolic links or not regular files and folders:\n{_listing(found.links | found.special)}\n"
                "The generator writes only real files and folders inside docs/; remove these (they are not "
                "pages of the site), then run again; nothing was written.")
        refused = []
        for rel in sorted(paths):
            if not owned(rel) or rel == MANIFEST:
                raise OutputRefused(f"internal error: page {rel} is outside the generated folders")
            if rel in found.folders:
                refused.append(rel)
            elif rel in found.files:
                current = (self.docs_dir / rel).read_bytes()
                if is_generated(current, rel, manifest):
                    self.current[rel] = current
                else:
                    refused.append(rel)
        for rel in sorted(found.files - set(paths) - {MANIFEST}):
            (self.stale if is_generated((self.docs_dir / rel).read_bytes(), rel, manifest) else refused).append(rel)
        if refused:
            raise OutputRefused(
                f"refusing to touch {len(refused)} file(s) that build_site.py did not generate:\n{_listing(refused)}\n"
                f"These folders of docs/ belong to the generator: {', '.join(GENERATED_FOLDERS)}. "
                "Move hand-written pages elsewhere in docs/ (e.g. docs/about/), or delete the files if they are "
                "old copies; nothing was written.")
        self.stale += sorted(found.leftovers)
        # From here on docs/ may be half old, half new: say so first, so that a run killed at any point is
        # refused by MkDocs and its files (marker or not) are accepted as ours by the next run.
        self._record(dict(manifest, **{rel: UNFINISHED for rel in paths}))
        for folder in sorted({rel.rpartition("/")[0] for rel in paths}):  # a few folders for thousands of files
            (self.docs_dir / folder).mkdir(parents=True, exist_ok=True)

    def put(self, rel: str, text: str) -> tuple[str, bool]:
        """Write one file unless it already holds this text; returns (its digest, whether it was written)."""
        data = text.encode("utf-8")
        current = self.current.get(rel)
        if current == data:
            return digest(data), False
        if current is not None:
            write_atomic(self.docs_dir / rel, data, make_parent=False)
        else:  # absent when begin() looked: no old version to keep whole, so no temporary file
            write_new(f"{self.docs_dir}/{rel}", data)
        return digest(data), True

    def finish(self, results: dict[str, tuple[str, bool]]) -> dict[str, int]:
        """Delete our stale files and folders left empty, then record the manifest: the run is complete."""
        for rel in self.stale:
            (self.docs_dir / rel).unlink(missing_ok=True)
        if self.stale:
            for folder in GENERATED_FOLDERS:
                for parent, _, _ in os.walk(self.docs_dir / folder, topdown=False):
                    with os.scandir(parent) as entries:
                        empty = next(entries, None) is None
                    if empty:
                        os.rmdir(parent)
        written = sum(wrote for _, wrote in results.values())
        self._record({rel: made for rel, (made, _) in sorted(results.items())})
        deleted = sum(1 for rel in self.stale if not rel.rpartition("/")[2].startswith(TEMPORARY))
        return {"written": written, "unchanged": len(results) - written, "deleted": deleted}

    def _record(self, manifest: dict[str, str]) -> None:
        write_atomic(self.docs_dir / MANIFEST, (json.dumps(manifest, indent=0) + "\n").encode("utf-8"))


def incomplete_site(docs_dir: Path) -> str | None:
    """Why docs/ is not one complete generation (what MkDocs must not publish), or None if it is one.

    Complete means: the manifest is finished, every file it lists holds what was written, and the generated
    folders hold nothing else that MkDocs would publish.
    """
    manifest = _manifest(docs_dir)
    again = "run `python build_site.py` (or `make docs`) to regenerate it, then build the site"
    if not manifest:
        return f"{docs_dir}/ holds no finished generation ({docs_dir}/{MANIFEST} is missing or unreadable); {again}"
    if UNFINISHED in manifest.values():
        return (f"{docs_dir}/ holds an unfinished generation (a run of build_site.py stopped part-way), so "
                f"its pages may be half old, half new; {again}")
    found = scan(docs_dir)
    for rel, recorded in sorted(manifest.items()):
        path = docs_dir / rel
        if rel not in found.files or digest(path.read_bytes()) != recorded:
            return f"{docs_dir}/{printable(rel)} is not what the last generation wrote (changed or removed); {again}"
    extra = sorted((found.files | found.links | found.special) - set(manifest) - {MANIFEST})
    if extra:
        return (f"{docs_dir}/{printable(extra[0])} is in a generated folder but the last generation did not write "
                f"it; move it out of the generated folders (or delete it), then {again}")
    return None


def write_tree(docs_dir: Path, pages: dict[str, str]) -> dict[str, int]:
    """Write a whole set of pages in this process (the pipeline spreads put() over its workers)."""
    with Output(docs_dir).writing(pages) as output:
        return output.finish({rel: output.put(rel, text) for rel, text in pages.items()})


def write_atomic(path: Path, data: bytes, make_parent: bool = True) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    if make_parent:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{TEMPORARY}{os.getpid()}-{path.name}")  # we own these folders
    _write(tmp, data, os.O_TRUNC)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_new(path: str, data: bytes) -> None:
    """Create a file that must not exist (O_EXCL: one made meanwhile is never clobbered); removed if the write fails.

    About half the cost of write_atomic for a new file: no temporary file to create and rename.
    """
    _write(path, data, os.O_EXCL)


def _write(path, data: bytes, mode: int) -> None:
    """Open path for writing with the extra flag `mode`, write data, and remove the file if that fails.

    O_NOFOLLOW: a link put where a file goes is never written through.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | mode, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException as exc:
        os.unlink(path)
        if isinstance(exc, OSError) and exc.filename is None:  # a full disk names no file: name the one written
            exc.filename = str(path)
        raise
