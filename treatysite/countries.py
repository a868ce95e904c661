"""Country codes and the counts derived from country records (never typed by hand)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SPECIAL_CODES = {"EUU": "European Union"}   # not in ISO 3166-1; the code the World Bank and others use


@lru_cache(maxsize=None)
def _iso_codes() -> frozenset[str]:
    import pycountry
    return frozenset(c.alpha_3 for c in pycountry.countries)


def known_code(code: str) -> bool:
    return code in SPECIAL_CODES or code in _iso_codes()


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
