"""Country codes and the counts derived from country records (never typed by hand)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, Optional

from .model import Source, Stakeholder
from .schema import choices

if TYPE_CHECKING:
    from .link import Linker
    from .load import Document

MEMBERSHIP = choices("country", "membership")

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

    page_kind: ClassVar[str] = "country"
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

COUNTRY_STATUS = choices("country", "#status")   # status -> label, in the schema's order



def link_countries(ln: "Linker", docs: list["Document"], stakeholders: set, as_of: str) -> dict[str, Country]:
    """Countries by id: each also a stakeholder (type state); one record per state, its dates consistent."""
    found: dict[str, Country] = {}
    codes: dict = {}
    for doc in docs:
        d = doc.data
        if d["id"] in stakeholders:
            ln.report(doc, ("id",), f"'{d['id']}' is also a stakeholder file (data/stakeholders/{d['id']}.yaml); "
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
            ln.report(doc, path, f"the date {date} is after the data's as_of date ({as_of} in data/treaty.yaml); "
                                 "correct the date, or update as_of if the data was checked later")
    deposited = ratification.get("deposited")
    if deposited and signed and deposited < signed:
        ln.report(doc, ("ratification", "deposited"), f"ratification deposited on {deposited}, before the signature "
                                                     f"on {signed}; check both dates (accession needs no signature: "
                                                     "then use kind accession and remove the signature)")


@dataclass
class Counts:
    """Where the participants stand, counted from the records."""

    participants: int
    signed: int
    signed_verified: int
    ratified: int          # instruments deposited
    ratifying: int         # ratification reported, deposit not known
    needed: int            # instruments that bring entry into force

    @property
    def missing(self) -> int:
        return max(self.needed - self.ratified, 0)


def count(countries, needed: int) -> Counts:
    signed = [c for c in countries if c.signature]
    return Counts(participants=len(countries), signed=len(signed),
                  signed_verified=sum(c.signature["status"] == "verified" for c in signed),
                  ratified=sum(c.status == "ratified" for c in countries),
                  ratifying=sum(c.status == "ratifying" for c in countries), needed=needed)
