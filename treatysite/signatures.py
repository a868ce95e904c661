"""Where the participants stand (Counts, site_counts) and the signature story: one account of signatures and steps
toward ratification, told the same on every page.

Every number comes from the data: the country records (signatures, ratification steps, deposits),
data/ratifications.yaml (the reported totals and the signature period) and treaty.yaml (instruments needed).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .model import Source, surely_before
from .schema import choices
from .site import Site

# The steps toward ratification as the sources name them, from the first to the furthest (the schema's order).
STEP_KINDS = choices("country", "#ratification", "steps", "[]", "kind")


@dataclass
class StepGroup:
    """The states whose furthest reported step is this one, each with that step."""

    kind: str
    label: str
    states: list[tuple["Country", dict]] = field(default_factory=list)


@dataclass
class SignatureStory:
    as_of: str
    signed: int                        # signatures in our records
    confirmed: int                     # ... of which confirmed in an official list (status verified)
    latest: Optional[dict]             # the newest dated reported total (count, date, source...), if any
    held_then: int                     # signatures our records date on or before the latest report
    deposited: int                     # instruments whose deposit a source dates
    needed: int                        # instruments that bring entry into force
    groups: list[StepGroup]            # furthest step first; only steps some state has reached
    period: Optional[dict]             # closes, then, status, source (data/ratifications.yaml)
    official_lists: Optional[str] = None   # the lists a confirmed signature is confirmed in, from the data

    @property
    def unnamed(self) -> int:
        """Signatories the latest report counts that no record of ours names."""
        return max(self.latest["count"] - self.held_then, 0) if self.latest else 0

    @property
    def open_for_signature(self) -> bool:
        return bool(self.period) and self.as_of <= self.period["closes"]

    @property
    def stepping(self) -> int:
        return sum(len(g.states) for g in self.groups)


def furthest_step(country: "Country") -> Optional[dict]:
    """The furthest step toward ratification a state's record reports (the schema's order), or None."""
    steps = (country.ratification or {}).get("steps", [])
    order = list(STEP_KINDS)
    return max(steps, key=lambda s: (order.index(s["kind"]), s["date"]), default=None)


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


def site_counts(site: "Site") -> Counts:
    """Where the participants stand: the one count the home, countries and ratifications pages print."""
    return count(site.countries, site.treaty["entry_into_force"]["instruments"])


def signature_story(site: "Site") -> SignatureStory:
    """What the records say about signatures and ratifications: the one function every page's totals come from."""
    counts = site_counts(site)                 # the signatures, deposits and instruments needed, counted once
    signed = [c for c in site.countries if c.signature]
    ratifications = site.ratifications or {}   # data/ratifications.yaml is optional
    reports = ratifications.get("signature_counts", [])
    dated = [r for r in reports if r.get("date")]
    latest = max(dated, key=lambda r: (r["date"], r["count"]), default=None)
    groups = {kind: StepGroup(kind, label) for kind, label in reversed(STEP_KINDS.items())}
    for country in site.countries:
        if country.status == "ratified":
            continue  # counted among the deposits
        step = furthest_step(country)
        if step:
            groups[step["kind"]].states.append((country, step))
    period: Any = ratifications.get("signature_period")
    if period:
        period = {**period, "source": Source.of(period["source"])}
    return SignatureStory(
        as_of=site.treaty["as_of"], signed=counts.signed, confirmed=counts.signed_verified, latest=latest,
        held_then=sum(not surely_before(latest["date"], c.signature["date"]) for c in signed) if latest else 0,
        deposited=counts.ratified, needed=counts.needed,
        groups=[g for g in groups.values() if g.states], period=period,
        official_lists=ratifications.get("official_lists"))
