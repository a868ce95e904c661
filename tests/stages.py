"""In-process runs of the first stages on a copy of tests/fixtures/base with one edit: the error contract, fast."""
from __future__ import annotations

import shutil
from pathlib import Path

from treatysite.build import read_site
from treatysite.errors import DataInvalid

BASE = Path(__file__).resolve().parent / "fixtures" / "base" / "data"


def edited(tmp_path: Path, file: str, old: str | None, new: str) -> Path:
    """A copy of the base data with `old` replaced by `new` (exactly once) in one file; old None: a new file."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data, symlinks=True)
    if old is None:
        (data / file).write_text(new, "utf-8")
        return data
    text = (data / file).read_text("utf-8")
    assert text.count(old) == 1, f"the edit must match once in {file}: {old!r}"
    (data / file).write_text(text.replace(old, new), "utf-8")
    return data


def messages(data: Path) -> list[str]:
    """Every message load, validate and link give for a data folder, as build_site --check prints them."""
    try:
        read_site(data)
    except DataInvalid as error:
        return error.problems.report().splitlines()[:-1]
    return []
