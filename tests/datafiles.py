"""The tests' only way into a data folder: through the package's loader, never past what the build would refuse.

A pull request controls data/, and `make test` is CI's first step. Reading data/ with read_text(), yaml.safe_load
or a copytree that follows links let one link to /dev/zero exhaust memory and fill the disk, and one 4 MB file
cost minutes per test. Here data is read only by treatysite.load (no links, no file over its cap, libyaml, no
aliases), copied with links kept as links (which the loader then refuses), and a data folder the build refuses
fails each test that reads it at once, with the build's own messages.
"""
from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import pytest

from treatysite.build import generate
from treatysite.errors import DataInvalid, Problems
from treatysite.load import Document, load_data, load_file
from treatysite.registry import kind_of_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def copy_data(source: Path, dest: Path) -> Path:
    """Copy a data folder (or any folder of the project) without following links: a link stays a link."""
    shutil.copytree(source, dest, symlinks=True)
    return dest


@lru_cache(maxsize=None)
def _checked(data: Path) -> tuple[Document, ...] | str:
    """The documents of a data folder the build accepts, or the build's report on why it refuses it."""
    try:
        generate(data, None)   # load, validate and link: exactly what `build_site.py --check` runs
    except DataInvalid as exc:
        return exc.problems.report(f"{data.name}/")
    problems = Problems()
    return tuple(load_data(data, problems, data.name))


def documents(data: Path = DATA) -> tuple[Document, ...]:
    """Every document of a data folder, or the test fails at once if the build would refuse that folder."""
    found = _checked(data)
    if isinstance(found, str):
        pytest.fail(f"{data} is refused by the build, so this test cannot read it "
                    f"(run `make check` to see the same):\n{found}", pytrace=False)
    return found


def read(folder: str, data: Path = DATA) -> list[dict]:
    """The parsed content of data/<folder>/*.yaml in file order, or of one file, e.g. read("treaty.yaml")."""
    prefix = f"{data.name}/{folder}"
    if folder.endswith(".yaml"):
        return [d.data for d in documents(data) if d.rel == prefix]
    return [d.data for d in documents(data) if d.rel.startswith(prefix + "/")]


def one(file: str, data: Path = DATA) -> dict:
    """The parsed content of one data file, e.g. one("treaty.yaml")."""
    found = read(file, data)
    assert found, f"{data.name}/{file} is not a data file the build reads"
    return found[0]


def text(path: Path, data: Path = DATA) -> str:
    """The text of one YAML file under a data folder (a data file or a template), read by the loader."""
    parts = path.relative_to(data).parts
    kind = kind_of_file(parts)
    problems = Problems()
    doc = load_file(path, "/".join((data.name,) + parts), kind.name if kind else "statement", problems)
    if problems:
        pytest.fail(f"the build refuses {path}:\n{problems.report()}", pytrace=False)
    return doc.text
