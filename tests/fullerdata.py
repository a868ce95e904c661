"""tests/fixtures/base with tests/fixtures/fuller laid over it: enough data that every page of the golden files
has real content (a provision civil society and industry both object to, one a stakeholder in no camp objects to,
an objection from the opposite direction, a provision with both sides, the lifecycle, the concordance and the
founding article's claims), while the base stays the small case the error tests edit."""
from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base" / "data"
FULLER = FIXTURES / "fuller" / "data"


def fuller_data(dest: Path) -> Path:
    """A copy of the base data with the fuller fixture's files added (dest/data); the files must not overlap."""
    data = dest / "data"
    shutil.copytree(BASE, data, symlinks=True)
    for file in sorted(p for p in FULLER.rglob("*") if p.is_file()):
        target = data / file.relative_to(FULLER)
        assert not target.exists(), f"{file} would replace a file of the base fixture"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target)
    with (data / "treaty.yaml").open("a", encoding="utf-8") as treaty:   # its claims need the report's name
        treaty.write("founding_report:\n  name: the founding article\n  kind: news report\n")
    return data
