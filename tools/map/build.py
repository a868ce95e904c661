#!/usr/bin/env python3
"""Regenerate treatysite/mapdata/world.json, the world map data for the countries page.

Run once by a maintainer when the map data should change; the site build only reads the result
and downloads nothing. From the repository root:

    npm ci --prefix tools/map                     # pinned world-atlas, d3-geo, topojson-*, polylabel
    .venv/bin/pip install -r tools/map/requirements.txt   # pinned pycountry
    .venv/bin/python tools/map/build.py

project.mjs (Node) does the geometry: Natural Earth shapes from world-atlas, simplified, projected
with Equal Earth into a 1000 x 500 viewBox, keyed by the ISO 3166-1 numeric ids world-atlas uses.
This script turns those ids into alpha-3 codes with pycountry (no hand-typed table), decides which
states are too small to see or hit, places their markers, and writes the JSON.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CODES = ROOT / "tests" / "fixtures" / "country-codes.txt"
OUT = ROOT / "treatysite" / "mapdata" / "world.json"

# A state is "small" (gets a marker) when its drawn shape covers less than this many square
# units of the 1000 x 500 viewBox: less than a 4 x 4 square, about half the r=3 marker (28.3).
# Equal Earth is equal-area; here one square unit is about 1,190 km2, so 15 is about 18,000 km2.
# At 20 Israel (19.8) would get a marker 1.7 units from Palestine's; at 15 it keeps its shape.
SMALL_AREA = 15.0

# world-atlas features without an ISO numeric id. These two lie inside UN member states and are
# drawn as part of them, so the map has no holes; Kosovo is kept as a non-member shape under the
# user-assigned code XKX (used by the EU and the IMF; not in ISO 3166-1 or pycountry).
MERGE_INTO = {"N. Cyprus": "CYP", "Somaliland": "SOM"}
NO_ID_CODES = {"Kosovo": "XKX"}

# The European Union has no shape of its own: a marker in the Atlantic west of Europe.
EU_CODE = "EUU"
EU_MARKER_LONLAT = (-20.0, 47.0)

EARTH_KM2 = 510_072_000  # surface of the Earth, for stating the threshold in km2

SOURCE = ("Natural Earth 1:110m Admin 0 countries (shapes) and 1:10m (marker positions), "
          "version 4.1.0, from the npm package world-atlas@2.0.2")
LICENCE = ("Natural Earth: public domain. world-atlas: ISC, Copyright 2013-2019 Michael Bostock. "
           "d3-geo (projection): ISC, Mike Bostock. See LICENCE.md beside this file.")


def alpha3(numeric: str | None, name: str) -> str | None:
    if numeric is None:
        return NO_ID_CODES.get(name)
    country = pycountry.countries.get(numeric=numeric)
    if country is None:
        sys.exit(f"world-atlas id {numeric} ({name}) is not an ISO 3166-1 numeric code known to pycountry")
    return country.alpha_3


def numeric(code: str) -> str:
    return pycountry.countries.get(alpha_3=code).numeric


def run_projection() -> dict:
    if not (HERE / "node_modules" / "world-atlas").is_dir():
        sys.exit("tools/map/node_modules is missing: run  npm ci --prefix tools/map  first")
    args = ["node", "project.mjs"]
    for name, code in MERGE_INTO.items():
        args += ["--merge", f"{name}={numeric(code)}"]
    lon, lat = EU_MARKER_LONLAT
    args += ["--point", f"{EU_CODE}={lon},{lat}"]
    done = subprocess.run(args, cwd=HERE, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def build(codes: list[str]) -> dict:
    geo = run_projection()

    shapes: dict[str, dict] = {}
    for feature in geo["features"]:
        code = alpha3(feature["id"], feature["name"])
        if code is None:
            sys.exit(f"world-atlas feature {feature['name']!r} has no id and no rule in MERGE_INTO or NO_ID_CODES")
        if code in shapes:
            sys.exit(f"two 110m features map to {code}")
        shapes[code] = feature

    # Marker positions from 10m; where two features share a code (Australia and Ashmore and
    # Cartier Is. are both 036) the larger one wins.
    located: dict[str, dict] = {}
    for place in geo["locate"]:
        code = alpha3(place["id"], place["name"])
        if code and (code not in located or place["area"] > located[code]["area"]):
            located[code] = place

    wanted = set(codes)
    countries: dict[str, dict] = {}
    for code in sorted(wanted | set(shapes)):
        if code == EU_CODE:
            point = geo["points"][EU_CODE]
            countries[code] = {"d": None, "x": point["x"], "y": point["y"], "small": True}
            continue
        shape = shapes.get(code)
        d = shape["d"] if shape else None
        small = d is None or shape["area"] < SMALL_AREA
        if small:
            if code not in located:
                sys.exit(f"{code} is small or has no 110m shape, and 10m has no feature to place its marker")
            x, y = located[code]["x"], located[code]["y"]
        else:
            x, y = shape["label"]
        entry = {"d": d, "x": x, "y": y, "small": small}
        if code not in wanted:
            entry["member"] = False
        countries[code] = entry

    missing = wanted - set(countries)
    if missing:
        sys.exit(f"no map entry for {sorted(missing)}")

    lon, lat = EU_MARKER_LONLAT
    km2 = EARTH_KM2 / geo["sphereArea"] * SMALL_AREA  # Equal Earth is equal-area
    notes = [
        f"{EU_CODE} (European Union) has no shape: d is null, small is true, and x,y place its marker in the "
        f"Atlantic west of Europe ({-lon:g}\u00b0W {lat:g}\u00b0N), clearly apart from the member states.",
        f"small is true when a state has no shape at 1:110m or its drawn shape covers less than {SMALL_AREA:g} "
        ""
        f"square units of the viewBox (about {round(km2, -3):,.0f} km2; a marker of r=3 covers 28.3); its x,y is then the centroid of its largest "
        "polygon at 1:10m, and d, where present, is still worth drawing under the marker. Otherwise x,y is a label "
        "point inside its largest polygon (polylabel).",
        "Entries with member: false are territories that are not in the site's list of states (Greenland, "
        "Western Sahara, Taiwan, Kosovo, ...): shapes to draw for a complete map, not linked and without a marker.",
        "N. Cyprus and Somaliland have no ISO code in world-atlas and are drawn as part of CYP and SOM; Kosovo is "
        "kept under the user-assigned code XKX (not ISO 3166-1). Antarctica is left out.",
        "d uses only M, l and z with coordinates to one decimal: each ring starts with an absolute M and goes on "
        "with relative l offsets.",
    ]
    return {
        "viewBox": geo["viewBox"],
        "source": SOURCE,
        "licence": LICENCE,
        "projection": geo["projection"],
        "simplification": geo["simplification"],
        "small_area": SMALL_AREA,
        "notes": notes,
        "countries": countries,
    }


def dump(data: dict) -> str:
    """JSON with one country per line, so a regenerated file diffs by country."""
    head = {k: v for k, v in data.items() if k != "countries"}
    lines = [json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ",", ' "countries": {']
    items = list(data["countries"].items())
    for i, (code, entry) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append(f"  {json.dumps(code)}: {json.dumps(entry, ensure_ascii=False, separators=(',', ':'))}{comma}")
    lines += [" }", "}", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--codes", type=Path, default=CODES, help="ISO alpha-3 codes to cover, one a line")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    codes = [line.strip() for line in args.codes.read_text().splitlines() if line.strip()]
    data = build(codes)
    text = dump(data)
    json.loads(text)  # the hand-joined layout must still be JSON
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    rows = data["countries"]
    wanted = set(codes)
    shaped = sum(1 for c in wanted if rows[c]["d"] is not None)
    markers = sum(1 for c in wanted if rows[c]["small"])
    no_shape = sum(1 for c in wanted if rows[c]["d"] is None)
    print(f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: {len(text.encode()):,} bytes; "
          f"{len(wanted)} codes: {shaped} with a shape, {no_shape} without; {markers} markers "
          f"({markers - no_shape} over a small shape); {len(rows) - len(wanted)} non-member shapes")


if __name__ == "__main__":
    main()
