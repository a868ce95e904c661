#!/usr/bin/env python3
"""Create a skeleton data/countries/<id>.yaml for every country that has no file yet.

Usage: python tools/make_countries.py   (from anywhere; no network)

Reads tools/country-ids.tsv (columns: id, iso3, kind, name_short_coco). That table came from
country_converter 1.3.2's UNmember column (the 193 UN member states), plus the two non-member
observer states (Holy See, State of Palestine) and the European Union (code EUU); the kind column is
the `membership` value and name_short_coco is country_converter's short name (not used here).

Each new file gets the schema comment line, id, name, code and membership. Existing files are never
touched, so the script can be re-run after files have been filled in by hand.

Names: the UN Treaty Collection's English short name where ../shared/reference/signatories.md
gives it (it uses UNTC short names); otherwise pycountry's `name` (the ISO 3166 short name), except
where the UN writes the same name differently (table NAMES below, each with where it came from).
Requires pycountry (tested with 26.2.16).
"""
import csv
import pathlib

import pycountry

ROOT = pathlib.Path(__file__).resolve().parent.parent
IDS = ROOT / "tools" / "country-ids.tsv"
OUT = ROOT / "data" / "countries"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/country.schema.json"

# Names that differ from pycountry's `name`, keyed by ISO alpha-3 code.
NAMES = {
    # From signatories.md (UNTC English short names, as that file writes them):
    "CZE": "Czech Republic",  # pycountry: Czechia
    "COD": "Democratic Republic of the Congo",  # pycountry: Congo, The Democratic Republic of the
    "PRK": "Democratic People's Republic of Korea",  # pycountry: Korea, Democratic People's Republic of
    "IRN": "Iran (Islamic Republic of)",  # pycountry: Iran, Islamic Republic of
    "PSE": "State of Palestine",  # pycountry: Palestine, State of
    "TZA": "United Republic of Tanzania",  # pycountry: Tanzania, United Republic of
    "VEN": "Venezuela (Bolivarian Republic of)",  # pycountry: Venezuela, Bolivarian Republic of
    "GBR": "United Kingdom of Great Britain and Northern Ireland",  # pycountry: United Kingdom
    "USA": "United States of America",  # section 3; pycountry: United States
    "NLD": "Netherlands (Kingdom of the)",  # section 3; pycountry: Netherlands
    "EUU": "European Union",  # not in ISO 3166 / pycountry
    # UN style 'X (Y of)' for pycountry's inverted 'X, Y of':
    "BOL": "Bolivia (Plurinational State of)",  # pycountry: Bolivia, Plurinational State of
    "FSM": "Micronesia (Federated States of)",  # pycountry: Micronesia, Federated States of
    # UN style 'Republic of X' for pycountry's inverted 'X, Republic of':
    "KOR": "Republic of Korea",  # pycountry: Korea, Republic of
    "MDA": "Republic of Moldova",  # pycountry: Moldova, Republic of
    # UN style for the observer state (pycountry adds the name of the city state):
    "VAT": "Holy See",  # pycountry: Holy See (Vatican City State)
}


def yaml_str(s: str) -> str:
    """Quote a name for YAML if it needs it (apostrophes are fine unquoted mid-word)."""
    if any(c in s for c in ":#") or s[0] in "'\"&*!|>%@`[]{},?-":
        return '"' + s.replace('"', '\\"') + '"'
    return s


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    made = 0
    with IDS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        path = OUT / f"{row['id']}.yaml"
        if path.exists():
            continue
        code = row["iso3"]
        name = NAMES.get(code) or pycountry.countries.get(alpha_3=code).name
        path.write_text(
            f"{SCHEMA_LINE}\n"
            f"id: {row['id']}\n"
            f"name: {yaml_str(name)}\n"
            f"code: {code}\n"
            f"membership: {row['kind']}\n",
            encoding="utf-8",
        )
        made += 1
    print(f"{made} files created, {len(rows) - made} already there ({len(rows)} ids)")


if __name__ == "__main__":
    main()
