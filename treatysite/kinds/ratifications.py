"""Signatures and ratifications: the totals reported by others (ratifications.yaml), beside what the country
records hold, on one page."""
from __future__ import annotations


from ..document import Document
from ..kind import DataKind, Kind, PageKind, single
from ..linker import Linker
from ..model import with_sources
from ..opendata import plain
from ..signatures import signature_story, site_counts
from ..site import Site


def _check_reported_count(ln: Linker, doc: Document | None, countries: dict) -> None:
    """A total of ratifications typed into ratifications.yaml may not claim more than the country records hold."""
    claimed = doc.data.get("ratification_count") if doc else None
    held = sum(c.status == "ratified" for c in countries.values())
    if claimed is not None and claimed > held:
        ln.report(doc, ("ratification_count",), f"ratification_count is {claimed}, but the country records "
                                                 f"({ln.label}/countries/) hold {held} deposited instrument(s); record each "
                                                 "deposit under the state's 'ratification', or correct the count")


class Ratifications(Kind):
    name = "ratifications"
    data = (DataKind("ratifications", "ratifications.yaml"),)
    pages = (PageKind("ratifications", "overview/ratifications.md", "ratifications.md.j2", "ratifications",
                      ("Background", "Signatures and ratifications")),)
    needs = ("countries",)

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        doc = single(docs, "ratifications")
        _check_reported_count(ln, doc, found["countries_by_id"])
        return {"ratifications": with_sources(doc.data, ("signature_counts", "states"),
                                              ("ratification_count_source",)) if doc else {}}

    def plan(self, site: "Site"):
        yield "ratifications", None, lambda: {**_ratifications(site), "story": signature_story(site)}

    def dataset(self, site: "Site") -> dict:
        return {"ratifications": plain(site.ratifications)}


def _ratifications(site: "Site") -> dict:
    signed = sorted((c for c in site.countries if c.signature), key=lambda c: (c.signature["date"], c.name))
    return {"counts": site_counts(site), "signed": signed, "ratifying": [c for c in site.countries if c.ratification],
            "signed_by": lambda date: sum(c.signature["date"] <= date for c in signed)}


KIND = Ratifications()
