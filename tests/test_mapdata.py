"""The vendored world map data (treatysite/mapdata/world.json, made by tools/map/build.py):
every state is there, path data is plain SVG path syntax, nothing lies outside the viewBox, and
the file stays small enough to inline in a page."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORLD = ROOT / "treatysite" / "mapdata" / "world.json"
CODES = Path(__file__).resolve().parent / "fixtures" / "country-codes.txt"
MAX_BYTES = 150 * 1024

# A path is a run of these tokens and nothing else: a command letter, a number, or separators.
TOKEN = re.compile(r"(?P<cmd>[MmLlHhVvCcSsQqTtAaZz])|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))|(?P<sep>[\s,]+)")


@pytest.fixture(scope="module")
def world() -> dict:
    return json.loads(WORLD.read_text(encoding="utf-8"))


def codes() -> list[str]:
    return [line.strip() for line in CODES.read_text().splitlines() if line.strip()]


def tokens(d: str) -> list[str]:
    """The commands and numbers of d; AssertionError at the first character that is neither."""
    out, pos = [], 0
    while pos < len(d):
        m = TOKEN.match(d, pos)
        assert m, f"not SVG path syntax at {pos}: {d[max(0, pos - 20):pos + 20]!r}"
        if m.lastgroup != "sep":
            out.append(m.group())
        pos = m.end()
    return out


def points(d: str):
    """Absolute points of a path made of line commands (M L H V Z, absolute or relative)."""
    x = y = start_x = start_y = 0.0
    cmd = None
    toks = tokens(d)
    i = 0
    while i < len(toks):
        if toks[i].isalpha():
            cmd = toks[i]
            i += 1
            if cmd in "Zz":
                x, y = start_x, start_y
                continue
        assert cmd is not None and cmd in "MmLlHhVv", f"only line commands are expected, got {cmd!r}"
        if cmd in "Hh":
            x = float(toks[i]) + (x if cmd == "h" else 0)
            i += 1
        elif cmd in "Vv":
            y = float(toks[i]) + (y if cmd == "v" else 0)
            i += 1
        else:
            dx, dy = float(toks[i]), float(toks[i + 1])
            i += 2
            x, y = (x + dx, y + dy) if cmd.islower() else (dx, dy)
            if cmd in "Mm":
                start_x, start_y = x, y
                cmd = "l" if cmd == "m" else "L"  # pairs after a moveto are linetos
        yield x, y


def test_every_state_in_the_list_has_an_entry(world):
    wanted = codes()
    assert len(wanted) == 196 and len(set(wanted)) == 196
    missing = [c for c in wanted if c not in world["countries"]]
    assert missing == []
    for code in wanted:
        entry = world["countries"][code]
        assert "member" not in entry, code
        assert isinstance(entry["small"], bool), code
        assert entry["d"] is None or (isinstance(entry["d"], str) and entry["d"]), code
        if entry["d"] is None:
            assert entry["small"], f"{code} has no shape, so it needs a marker"
    assert world["countries"]["EUU"]["d"] is None


def test_path_data_holds_only_path_commands_and_numbers(world):
    for code, entry in world["countries"].items():
        if entry["d"] is not None:
            tokens(entry["d"])  # asserts at the first stray character
            assert entry["d"][0] in "Mm", code


def test_coordinates_lie_inside_the_viewbox(world):
    min_x, min_y, width, height = map(float, world["viewBox"].split())
    inside = lambda x, y: min_x <= x <= min_x + width and min_y <= y <= min_y + height  # noqa: E731
    for code, entry in world["countries"].items():
        assert inside(entry["x"], entry["y"]), f"{code} marker at {entry['x']},{entry['y']}"
        if entry["d"] is not None:
            outside = [(round(x, 1), round(y, 1)) for x, y in points(entry["d"]) if not inside(x, y)]
            assert outside == [], f"{code} path leaves the viewBox at {outside[:3]}"


def test_file_is_small_enough_to_inline():
    size = WORLD.stat().st_size
    assert size < MAX_BYTES, f"world.json is {size:,} bytes, over {MAX_BYTES:,}"
