"""Facts the data states that must agree with each other and with the world: signatures and ratifications,
country codes and names, and quotations given once.

Called by the kinds' own checks (Kind.check of countries, claims and statements), which the validate stage runs
over the documents that passed their schema; each problem names its file and line. The dates come from the data
(data/treaty.yaml), never from this code.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .document import Document
from .errors import quoted
from .model import surely_before

# UN membership by ISO 3166-1 alpha-3 code: country_converter 1.3.2's UNmember column (the 193 member states),
# the two observer states and the European Union (tools/country-ids.tsv, from which tools/make_countries.py made
# data/countries/). Any other code is a territory or a place that is not a state.
MEMBERSHIP_TABLE = Path(__file__).resolve().parent.parent / "tools" / "country-ids.tsv"


def country_problems(doc: "Document", treaty: "Document | None") -> Iterator[tuple["Document", tuple, str]]:
    """What a country record may not say: a signature before the treaty opened for signature, a ratification
    without a signature (other than accession), a state's name or membership other than the UN's table's."""
    opened = treaty.data.get("opened_for_signature") if treaty else None
    d = doc.data
    signature, ratification = d.get("signature") or {}, d.get("ratification") or {}
    signed = signature.get("date")
    if opened and signed and surely_before(signed, opened):
        yield doc, ("signature", "date"), (
            f"signature dated {signed}, before the treaty opened for signature on {opened} "
            f"(opened_for_signature in {treaty.rel}); check the date")
    if ratification and ratification.get("kind") != "accession" and not signature:
        yield doc, ("ratification", "kind"), (
            f"{_a(ratification['kind'])} needs a signature first, and this record has none; add the signature "
            "(with its date and sources), or, if the state joined without signing, write kind: accession")
    code, membership = d["code"], d["membership"]
    known = _membership().get(code)
    names = _iso_names().get(code)
    if known is None and names:
        yield doc, ("code",), (f"'{code}' is the ISO code of {names[0]}, which is not a UN member or observer "
                               f"state; {_a(membership.replace('-', ' '))} needs its own code: write its three-letter "
                               "code")
    elif known is not None and known != membership:
        yield doc, ("membership",), (f"'{code}' is the code of {_a(known.replace('-', ' '))}, but the record says "
                                     f"{membership}; correct the code or the membership")
    elif names and not any(_same_name(mine, theirs) for mine in filter(None, (d["name"], d.get("short_name")))
                           for theirs in names):
        yield doc, ("code",), (f"'{code}' is the code of {names[0]}, not of {quoted(d['name'])}; write the code of "
                               f"{quoted(d['name'])} (ISO 3166-1 alpha-3), or correct the name")


def founding_report_problems(claims: "Document", treaty: "Document | None") -> Iterator[tuple["Document", tuple, str]]:
    """The founding report's claims need its name in treaty.yaml: its pages name it in the treaty's own words."""
    if treaty and "founding_report" not in treaty.data:
        yield claims, ("about",), ("these are the claims of the report this project started from, and its pages need "
                                   "a name for it: add founding_report to treaty.yaml, with its name (e.g. 'the "
                                   "founding report') and kind (e.g. 'newspaper column')")


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


@lru_cache(maxsize=None)
def _country_ids() -> tuple[dict[str, str], ...]:
    """The rows of tools/country-ids.tsv (code, membership, country_converter's short name), read once."""
    with MEMBERSHIP_TABLE.open(encoding="utf-8", newline="") as table:
        return tuple(csv.DictReader(table, delimiter="\t"))


@lru_cache(maxsize=None)
def _membership() -> dict[str, str]:
    return {row["iso3"]: row["kind"] for row in _country_ids()}


@lru_cache(maxsize=None)
def _iso_names() -> dict[str, tuple[str, ...]]:
    """Code -> the names ISO 3166-1 (pycountry) and country_converter give that state or territory."""
    import pycountry
    names = {c.alpha_3: tuple(n for n in (getattr(c, a, None) for a in ("name", "common_name", "official_name")) if n)
             for c in pycountry.countries}
    for row in _country_ids():
        names[row["iso3"]] = names.get(row["iso3"], ()) + (row["name_short_coco"],)
    return names


_LINKING = {"the", "of", "and"}


def _words(name: str) -> frozenset[str]:
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    return frozenset(w for w in re.split(r"[^a-z0-9]+", text) if w and w not in _LINKING)


def _same_name(mine: str, theirs: str) -> bool:
    """Names of one state, in any order and style: 'Republic of Korea' and 'Korea, Republic of', 'Bolivia' and
    'Bolivia, Plurinational State of'."""
    a, b = _words(mine), _words(theirs)
    return bool(a and b) and (a <= b or b <= a)


def repeated_quotes(docs: list["Document"]) -> Iterator[tuple["Document", tuple, str]]:
    """The same words quoted twice (in one statement or two) are one quotation: it is given once."""
    seen: dict[str, tuple["Document", int, str]] = {}
    for doc in sorted(docs, key=lambda d: d.rel):
        for i, quote in enumerate(doc.data.get("quotes", [])):
            key = " ".join(quote["text"].split()).casefold()
            if key not in seen:
                seen[key] = (doc, i, quote["id"])
                continue
            first, index, ident = seen[key]
            yield doc, ("quotes", i, "text"), (
                f"quote '{quote['id']}' repeats the words of quote '{ident}' at {first.rel}:"
                f"{first.line(('quotes', index, 'text'))}; a quotation is given once: remove the repeat (name a "
                "second source that reports it in the first quote's note)")
