"""Countries: every UN member and observer state and the EU, each a stakeholder with a place in the treaty's life
(signature, ratification, reservations); their codes, the counts derived from their records (never typed by hand),
their pages, feed and open data."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from functools import lru_cache
from typing import ClassVar, Optional

from ..document import Document
from ..fact_checks import country_problems
from ..kind import DataKind, Kind, PageKind, single
from ..linker import Linker
from ..model import COUNTRY_STATUS, STATUS_LABELS, Source
from ..opendata import FEED_ENTRIES, Entry, atom_feed, csv_text, one_of, plain
from ..schema import explained
from ..signatures import signature_story, site_counts
from ..site import Site
from .stakeholders import Stakeholder

COUNTRY_PAGE = PageKind("country", "countries/{id}.md", "country.md.j2")
COUNTRIES_CSV = PageKind("countries-csv", "download/countries.csv")
EVENTS_FEED = PageKind("events-feed", "feeds/signatures.xml")
MAP_DATA = Path(__file__).resolve().parent.parent / "mapdata" / "world.json"   # tools/map/build.py makes it

SPECIAL_CODES = {"EUU": "European Union"}   # not in ISO 3166-1; the code the World Bank and others use


@lru_cache(maxsize=None)
def _iso_codes() -> frozenset[str]:
    import pycountry
    return frozenset(c.alpha_3 for c in pycountry.countries)


def known_code(code: str) -> bool:
    return code in SPECIAL_CODES or code in _iso_codes()


@dataclass(eq=False)
class Country(Stakeholder):
    """A UN member or observer state, or the EU: a stakeholder with a place in the treaty's life."""

    page: ClassVar[PageKind] = COUNTRY_PAGE
    code: str = ""
    membership: str = "member-state"
    signature: Optional[dict] = None       # date, place, signed_by, status, sources, other_version, note
    ratification: Optional[dict] = None    # kind, deposited, steps, status, sources, other_version, note
    reservations: list[dict] = field(default_factory=list)
    not_signed: Optional[dict] = None

    @property
    def status(self) -> str:
        """One of COUNTRY_STATUS: the schema's statuses (country.schema.json, $defs/status) say what each means."""
        if self.ratification and self.ratification.get("deposited"):
            return "ratified"
        if self.ratification:
            return "ratifying"
        return "signed" if self.signature else "not-signed"

    @property
    def status_label(self) -> str:
        return COUNTRY_STATUS[self.status]

def link_countries(ln: "Linker", docs: list["Document"], stakeholders: set, as_of: str) -> dict[str, Country]:
    """Countries by id: each also a stakeholder (type state); one record per state, its dates consistent."""
    found: dict[str, Country] = {}
    codes: dict = {}
    for doc in docs:
        d = doc.data
        if d["id"] in stakeholders:
            ln.report(doc, ("id",), f"'{d['id']}' is also a stakeholder file ({ln.label}/stakeholders/{d['id']}.yaml); "
                                    "a state is one entity: keep the country file and delete the stakeholder file")
            continue
        if not ln.unique(doc, ("code",), "country code", d["code"], codes):
            continue
        _check_country(ln, doc, as_of)
        found[d["id"]] = Country(
            doc.rel, id=d["id"], name=d["name"], type="state", short_name=d.get("short_name"),
            description=d.get("description"), code=d["code"], membership=d["membership"],
            signature=_with_source_lists(d.get("signature")), ratification=_with_source_lists(d.get("ratification")),
            reservations=[_with_source_lists(r) for r in d.get("reservations", [])],
            not_signed=_with_source_lists(d.get("not_signed")))
    return found


def _with_source_lists(raw: dict | None) -> dict | None:
    """A copy with its `sources` (and those of `other_version`) turned into Source objects."""
    if raw is None:
        return None
    optional = dict.fromkeys(("date", "place", "signed_by", "deposited", "article", "note", "other_version"))
    out = {**optional, "steps": [], **raw, "sources": [Source.of(s) for s in raw.get("sources", [])]}
    if raw.get("other_version"):
        out["other_version"] = _with_source_lists(raw["other_version"])
    return out


def _check_country(ln: "Linker", doc: "Document", as_of: str) -> None:
    d = doc.data
    if not known_code(d["code"]):
        ln.report(doc, ("code",), f"'{d['code']}' is not an ISO 3166-1 alpha-3 code (nor EUU for the European "
                                  "Union); write the state's three-letter code, e.g. FRA")
    signed = (d.get("signature") or {}).get("date")
    dated = [(("signature", "date"), signed)]
    ratification = d.get("ratification") or {}
    dated.append((("ratification", "deposited"), ratification.get("deposited")))
    dated += [(("ratification", "steps", i, "date"), step["date"]) for i, step in enumerate(ratification.get("steps", []))]
    for path, date in dated:
        if date and date > as_of:
            ln.report(doc, path, f"the date {date} is after the data's as_of date ({as_of} in {ln.label}/treaty.yaml); "
                                 "correct the date, or update as_of if the data was checked later")
    deposited = ratification.get("deposited")
    if deposited and signed and deposited < signed:
        ln.report(doc, ("ratification", "deposited"), f"ratification deposited on {deposited}, before the signature "
                                                     f"on {signed}; check both dates (accession needs no signature: "
                                                     "then use kind accession and remove the signature)")


COUNTRY_MEANINGS = [
    ("id", "Id of the country (its page is countries/<id>/)"),
    ("name", "Short name as the depositary writes it"),
    ("code", "ISO 3166-1 alpha-3 code (EUU for the European Union)"),
    ("membership", one_of(explained("country", "membership"))),
    ("status", one_of(explained("country", "#status"), explain=True)),
    ("signature_date", "Date of signature, as precise as known; empty if none is recorded"),
    ("signature_place", "Where it signed, if known"),
    ("signature_status", one_of(explained("common", "#status"))),
    ("ratification_kind", f"{one_of(explained('country', '#ratification', 'kind'))}, if any is recorded"),
    ("ratification_deposited", "Date of deposit, if known"),
    ("ratification_status", "How far the ratification is confirmed"),
    ("reservations", "Number of reservations and declarations recorded"),
    ("statements", "Number of statements by this state on the site"),
    ("url", "Permanent address of the country's page"),
]


def countries_csv(site: Site) -> str:
    """One row per country, with its signature and ratification as recorded."""
    def row(c):
        sig, rat = c.signature or {}, c.ratification or {}
        return [c.id, c.name, c.code, c.membership, c.status, sig.get("date") or "", sig.get("place") or "",
                sig.get("status") or "", rat.get("kind") or "", rat.get("deposited") or "", rat.get("status") or "",
                len(c.reservations), len(c.statements), site.absolute(c)]
    return csv_text([name for name, _ in COUNTRY_MEANINGS], (row(c) for c in site.countries))


def event_entries(site: Site) -> list[Entry]:
    """Signatures and ratification steps, newest first, from the country records."""
    found = []
    for c in site.countries:
        if c.signature:
            place = f" in {c.signature['place']}" if c.signature["place"] else ""
            found.append(Entry(f"{c.name} signed", site.absolute(c, "signature"), c.signature["date"], [c.name],
                               f"{c.name} signed {site.treaty['called']}{place} ({STATUS_LABELS[c.signature['status']]})."))
        for step in (c.ratification or {}).get("steps", []):
            found.append(Entry(f"{c.name}: a step toward ratification", site.absolute(c, "ratification"), step["date"],
                               [c.name], f"In our words: {step['step']}"))
        if c.ratification and c.ratification["deposited"]:
            found.append(Entry(f"{c.name} deposited its instrument of {c.ratification['kind']}",
                               site.absolute(c, "ratification"), c.ratification["deposited"], [c.name],
                               f"{c.name} deposited its instrument of {c.ratification['kind']}."))
    return sorted(found, key=lambda e: (e.date, e.title), reverse=True)[:FEED_ENTRIES]


class Countries(Kind):
    """One file per participant in the treaty's life: a UN member or observer state, or the EU."""

    name = "countries"
    data = (DataKind("country", "countries", id_is_stem=True, page="country"),)
    pages = (COUNTRY_PAGE,
             PageKind("countries", "countries/index.md", "countries.md.j2", "country",
                      ("Background", "Where every state stands")),
             COUNTRIES_CSV, EVENTS_FEED)
    needs = ("text",)
    columns = {"countries.csv": COUNTRY_MEANINGS}

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        countries = link_countries(ln, docs["country"], {d.data["id"] for d in docs["stakeholder"]},
                                   found["treaty"].get("as_of", "9999"))
        return {"countries_by_id": countries,
                "countries": sorted(countries.values(), key=lambda c: c.name.lower())}

    def check(self, docs: dict, today: str):
        treaty = single(docs, "treaty")
        for doc in docs["country"]:
            yield from country_problems(doc, treaty)

    def plan(self, site: "Site"):
        yield "countries", None, lambda: {**_countries(site), "story": signature_story(site)}
        yield from (("country", c, {"country": c, "stakeholder": c}) for c in site.countries)

    def dataset(self, site: "Site") -> dict:
        return {"countries": [_country(site, c) for c in site.countries]}

    def files(self, site: "Site") -> dict:
        feed = EVENTS_FEED.path
        return {COUNTRIES_CSV.path: lambda: countries_csv(site),
                feed: lambda: atom_feed(site, event_entries(site), feed,
                                        f"Signatures and ratifications of the {site.short_title}", feed,
                                        self.data[0].edit_path(site.label))}


@dataclass
class MapShape:
    """One state on the world map: its outline (or a marker for a small state) and its status."""

    country: object          # a Country, or None for a territory that is not a participant
    d: str | None
    x: float
    y: float
    small: bool
    status: str


def world_map(site: Site) -> dict:
    """The vendored map (treatysite/mapdata, from Natural Earth via world-atlas) joined to the country records.

    Participants too small to draw (no shape, or the map data marks them small) get a marker on the map and, in
    `small`, a place in the list of small states under it, where each is a full-size link.
    """
    world = json.loads(MAP_DATA.read_text("utf-8"))
    by_code = {c.code: c for c in site.countries}
    shapes = []
    for code, shape in sorted(world["countries"].items()):
        country = by_code.get(code)
        if country is None and not shape.get("d"):
            continue
        shapes.append(MapShape(country, shape.get("d"), shape["x"], shape["y"],
                               country is not None and (bool(shape.get("small")) or not shape.get("d")),
                               country.status if country else "none"))
    shapes.sort(key=lambda s: s.small)   # markers on top of the outlines
    return {"viewbox": world["viewBox"], "shapes": shapes,
            "small": sorted((s.country for s in shapes if s.small), key=lambda c: c.name),
            "statuses": [s for s in COUNTRY_STATUS if any(c.status == s for c in site.countries)],
            "missing": sorted(c.name for c in site.countries if c.code not in world["countries"])}


def _countries(site: "Site") -> dict:
    own = [c for c in site.countries if c.statements]
    return {"counts": site_counts(site), "world": world_map(site), "own": own,
            "own_signed": sum(bool(c.signature) for c in own)}


def _country(site: "Site", c) -> dict:
    out = {"id": c.id, "name": c.name, "code": c.code, "membership": c.membership, "status": c.status,
           "url": site.absolute(c), "statements": [st.id for st in c.statements]}
    for key in ("short_name", "description", "signature", "ratification", "not_signed"):
        if getattr(c, key):
            out[key] = plain(getattr(c, key))
    if c.reservations:
        out["reservations"] = plain(c.reservations)
    return out


KIND = Countries()
