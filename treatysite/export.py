"""Open data and feeds: the dataset as JSON and CSV, the schemas, and Atom feeds of statements."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import partial
from typing import Callable

from .model import STATUS_LABELS, Objection, Source, Statement, Target, date_parts
from .registry import DATA_KINDS, path
from .site import Site
from .schema import SCHEMA_DIR
from .views import reading_order
from .write import MARKER

FEED_ENTRIES = 100  # newest statements per feed: feed readers want what is new, not the archive
CSV_MEANINGS = [  # (column, what it holds): the CSV's header and the Data page's table
    ("statement_id", "Id of the statement (its page is statements/<id>/)"),
    ("statement_date", "Date of the statement: YYYY-MM-DD, YYYY-MM or YYYY"),
    ("statement_title", "Title: the source's own, or our description"),
    ("stakeholders", "Ids of the stakeholders, separated by ;"),
    ("stakeholder_types", "Their types, separated by ;"),
    ("kind", "Kind of statement"),
    ("objection_id", "Id of the objection within the statement"),
    ("objection_summary", "The objection in our words"),
    ("themes", "Theme ids, separated by ;"),
    ("asks", "What is asked"),
    ("direction", "more-protection, or fewer-safeguards for objections from the opposite direction"),
    ("provision", "Targeted provision: art-<n>, chapter-<n>, preamble or treaty"),
    ("paragraph", "Targeted paragraph, if any"),
    ("basis", "cited (the source names the provision), treaty-text (only the treaty's own text names it) or editorial (our mapping)"),
    ("link_note", "Why this mapping, if noted"),
    ("statement_url", "Permanent address of the objection on this site"),
    ("stance", "The statement's stance: objects, supports or mixed"),
]
CSV_COLUMNS = [name for name, _ in CSV_MEANINGS]


def _source(src: Source | None) -> dict | None:
    if src is None:
        return None
    out = {k: v for k, v in vars(src).items() if v not in (None, []) and k != "reported_by"}
    if src.reported_by:
        out["reported_by"] = {k: v for k, v in vars(src.reported_by).items() if v is not None}
    return out


def _target(t: Target) -> dict:
    out = {"provision": t.provision.id, "basis": t.basis}
    if t.paragraph:
        out["paragraph"] = t.paragraph.id
    if t.note:
        out["note"] = t.note
    if t.draft:
        out["draft"] = {"draft": t.draft[0].id, "article": t.draft[1]}
    return out


def _objection(o: Objection) -> dict:
    return {"id": o.id, "summary": o.summary, "themes": [t.id for t in o.themes], "asks": o.asks,
            "direction": o.direction, "quotes": [q.id for q in o.quotes], "targets": [_target(t) for t in o.targets]}


def _statement(site: Site, st: Statement) -> dict:
    out = {"id": st.id, "url": site.absolute(st), "stakeholders": [s.id for s in st.stakeholders], "date": st.date,
           "kind": st.kind, "title": st.title, "title_kind": st.title_kind, "source": _source(st.source),
           "summary": st.summary}
    for key in ("speaker", "speaker_role", "date_note", "mixture"):
        if getattr(st, key):
            out[key] = getattr(st, key)
    out["quotes"] = [{k: v for k, v in vars(q).items() if v is not None} for q in st.quotes]
    out["stance"] = st.stance
    out["objections"] = [_objection(o) for o in st.objections]
    out["supporting"] = [{"id": a.id, "summary": a.summary, "themes": [t.id for t in a.themes], "asks": a.asks,
                          "quotes": [q.id for q in a.quotes], "targets": [_target(t) for t in a.targets]}
                         for a in st.supporting]
    out["claims"] = [c.id for c in st.claims]
    return out


def dataset(site: Site) -> dict:
    """The whole linked dataset as plain data (ranges expanded, one target per provision)."""
    return {
        "_generated": f"{MARKER} from data/; see the Data page for every field and the licence",
        "as_of": site.treaty["as_of"],
        "licence": "CC BY 4.0 (our summaries, mappings and structure); quotations remain their authors'",
        "treaty": {k: v for k, v in site.treaty.items() if k not in ("key_dates", "symbols", "entry_into_force")},
        "chapters": [{"number": c.number, "title": c.title, "title_status": c.title_status, "summary": c.summary,
                      "articles": [a.number for a in c.articles]} for c in site.chapters],
        "articles": [{"id": a.id, "number": a.number, "chapter": a.chapter.number if a.chapter else None, "title": a.title,
                      "title_status": a.title_status, "summary": a.summary, "url": site.absolute(a),
                      "terms": [t["id"] for t in a.terms], "related": [r.number for r in a.related],
                      "paragraphs": [{"id": p.id, "summary": p.summary} for p in a.paragraphs]} for a in site.articles],
        "stakeholders": [{"id": s.id, "name": s.name, "type": s.type, "url": site.absolute(s),
                          "members": [m.id for m in s.members],
                          **{k: getattr(s, k) for k in ("short_name", "description", "base", "homepage")
                             if getattr(s, k)}} for s in site.stakeholders],
        "themes": [{"id": t.id, "name": t.name, "description": t.description} for t in site.themes],
        "statements": [_statement(site, st) for st in site.statements],
        "countries": [_country(site, c) for c in site.countries],
    }


def _plain(value):
    """Country facts as plain data: sources as mappings, empty optional fields left out."""
    if isinstance(value, Source):
        return _source(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in (None, [])}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _country(site: Site, c) -> dict:
    out = {"id": c.id, "name": c.name, "code": c.code, "membership": c.membership, "status": c.status,
           "url": site.absolute(c), "statements": [st.id for st in c.statements]}
    for key in ("short_name", "description", "signature", "ratification", "not_signed"):
        if getattr(c, key):
            out[key] = _plain(getattr(c, key))
    if c.reservations:
        out["reservations"] = _plain(c.reservations)
    return out


def objections_csv(site: Site) -> str:
    """One row per objection-provision link, in the order of the statements."""
    return _positions_csv(site, CSV_COLUMNS, "objections", lambda st: [st.kind],
                          lambda o: [o.asks, o.direction], lambda st: [st.stance])


def _positions_csv(site: Site, header: list[str], side: str, statement_tail, position_tail, row_tail) -> str:
    """One row per link between a position (objection or supporting argument) and a provision: the statement's
    cells, the position's, then the link's. Cells are made safe (cells()) once per statement and once per
    position, not again on each of their rows."""
    buffer, writer = _writer()
    writer.writerow(cells(header))
    for st in site.statements:
        statement = cells([st.id, st.date, st.title, ";".join(s.id for s in st.stakeholders),
                           ";".join(sorted({s.type for s in st.stakeholders})), *statement_tail(st)])
        tail = cells(row_tail(st))
        for p in getattr(st, side):
            position = statement + cells([p.id, p.summary, ";".join(th.id for th in p.themes), *position_tail(p)])
            url = site.absolute(st, p.anchor)
            writer.writerows(position + cells([t.provision.id, t.paragraph.id if t.paragraph else "", t.basis,
                                               t.note or "", url]) + tail for t in p.targets)
    return buffer.getvalue()


@dataclass
class Entry:
    """One entry of an Atom feed."""

    title: str
    url: str
    date: str
    authors: list[str]
    summary: str


def statement_entries(site: Site, statements: list[Statement]) -> list[Entry]:
    return [Entry(st.title, site.absolute(st), st.date, [s.name for s in st.stakeholders], f"In our words: {st.summary}")
            for st in statements[:FEED_ENTRIES]]


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


SUPPORTING_MEANINGS = [
    ("statement_id", "Id of the statement (its page is statements/<id>/)"),
    ("statement_date", "Date of the statement: YYYY-MM-DD, YYYY-MM or YYYY"),
    ("statement_title", "Title: the source's own, or our description"),
    ("stakeholders", "Ids of the stakeholders (or countries), separated by ;"),
    ("stakeholder_types", "Their types, separated by ;"),
    ("stance", "The statement's stance: objects, supports or mixed"),
    ("argument_id", "Id of the supporting argument within the statement"),
    ("argument_summary", "The argument in our words"),
    ("themes", "Theme ids, separated by ;"),
    ("asks", "What is asked: adopt, sign, ratify, implement or keep"),
    ("provision", "Defended provision: art-<n>, chapter-<n>, preamble or treaty"),
    ("paragraph", "Defended paragraph, if any"),
    ("basis", "cited (the source names the provision), treaty-text (only the treaty's own text names it) or editorial (our mapping)"),
    ("link_note", "Why this mapping, if noted"),
    ("statement_url", "Permanent address of the argument on this site"),
]
COUNTRY_MEANINGS = [
    ("id", "Id of the country (its page is countries/<id>/)"),
    ("name", "Short name as the depositary writes it"),
    ("code", "ISO 3166-1 alpha-3 code (EUU for the European Union)"),
    ("membership", "member-state, observer-state or regional-organisation"),
    ("status", "ratified (deposit known), ratifying (steps only), signed or not-signed"),
    ("signature_date", "Date of signature, as precise as known; empty if none is recorded"),
    ("signature_place", "Where it signed, if known"),
    ("signature_status", "verified, partly-verified or conflicting"),
    ("ratification_kind", "ratification, acceptance, approval or accession, if any is recorded"),
    ("ratification_deposited", "Date of deposit, if known"),
    ("ratification_status", "How far the ratification is confirmed"),
    ("reservations", "Number of reservations and declarations recorded"),
    ("statements", "Number of statements by this state on the site"),
    ("url", "Permanent address of the country's page"),
]


def _writer():
    buffer = io.StringIO()
    return buffer, csv.writer(buffer, lineterminator="\n")


def _csv(header: list, rows) -> str:
    buffer, writer = _writer()
    writer.writerow(cells(header))
    writer.writerows(cells(row) for row in rows)
    return buffer.getvalue()


def supporting_csv(site: Site) -> str:
    """One row per link between a supporting argument and a provision, in the order of the statements."""
    return _positions_csv(site, [name for name, _ in SUPPORTING_MEANINGS], "supporting", lambda st: [st.stance],
                          lambda a: [a.asks], lambda st: [])


def countries_csv(site: Site) -> str:
    """One row per country, with its signature and ratification as recorded."""
    def row(c):
        sig, rat = c.signature or {}, c.ratification or {}
        return [c.id, c.name, c.code, c.membership, c.status, sig.get("date") or "", sig.get("place") or "",
                sig.get("status") or "", rat.get("kind") or "", rat.get("deposited") or "", rat.get("status") or "",
                len(c.reservations), len(c.statements), site.absolute(c)]
    return _csv([name for name, _ in COUNTRY_MEANINGS], (row(c) for c in site.countries))


def cells(row: list) -> list:
    """CSV cells that cannot start a spreadsheet formula, nor a row: a text beginning with = + - @ or a tab or
    carriage return gets a leading apostrophe (OWASP's advice against CSV injection), and a carriage return
    inside a text becomes a line feed (which the csv module quotes; a lone one it would not). Every row of
    every CSV we write is made of these."""
    return [_cell(c) if isinstance(c, str) else c for c in row]


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    cell = f"'{text}" if text[:1] in _FORMULA else text
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def atom_feed(site: Site, entries: list[Entry], feed_id: str, title: str, path: str, source: str = "data/statements/") -> str:
    """An Atom feed, newest first (dates as precise as known, padded to the first day).

    Written as text, laid out as ElementTree's indent() would (building the tree cost more than the rest).
    """
    newest = max([e.date for e in entries] or [site.treaty["as_of"]])
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f"<!-- {MARKER} from {source} -->",
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <title>{_text(title)}</title>",
             f"  <id>{_text(site.site_url + feed_id)}</id>",
             f'  <link rel="self" href={_attribute(site.site_url + path)} />',
             f"  <link href={_attribute(site.site_url)} />",
             f"  <updated>{_timestamp(newest)}</updated>"]
    for e in entries:
        lines += ["  <entry>", f"    <title>{_text(e.title)}</title>", f"    <id>{_text(e.url)}</id>",
                  f"    <link href={_attribute(e.url)} />", f"    <updated>{_timestamp(e.date)}</updated>"]
        for name in e.authors:
            lines += ["    <author>", f"      <name>{_text(name)}</name>", "    </author>"]
        lines += [f"    <summary>{_text(e.summary)}</summary>", "  </entry>"]
    return "\n".join(lines) + "\n</feed>\n"


def _text(value: str) -> str:
    """XML character data: the escaping ElementTree applies to text, and U+FFFD for what XML 1.0 cannot hold."""
    value = value if value.isprintable() else _NOT_XML.sub("\ufffd", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # no XML 1.0 document holds these


def _attribute(value: str) -> str:
    """A quoted XML attribute value, escaped as ElementTree escapes attributes."""
    escaped = _text(value).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
    return f'"{escaped}"'


def _timestamp(date: str) -> str:
    parts = date_parts(date) + [1] * (3 - len(date_parts(date)))
    return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}T00:00:00Z"


def export_jobs(site: Site) -> dict[str, Callable[[], str]]:
    """Every non-Markdown file of the site: path under docs/ -> a function making its text.

    The paths are known at once (so that the writer can check them all before writing any); the texts
    are made where the pipeline runs them, possibly in parallel.
    """
    title = site.treaty.get("short_title", site.treaty["title"])
    feed = path("feed")
    jobs: dict[str, Callable[[], str]] = {
        path("dataset"): lambda: json.dumps(dataset(site), ensure_ascii=False, separators=(",", ":")) + "\n",
        path("csv"): partial(objections_csv, site),
        feed: lambda: atom_feed(site, statement_entries(site, site.statements), feed, f"Statements on the {title}", feed),
        path("events-feed"): lambda: atom_feed(site, event_entries(site), path("events-feed"),
                                               f"Signatures and ratifications of the {title}", path("events-feed"),
                                               "data/countries/"),
        path("countries-csv"): partial(countries_csv, site),
        path("supporting-csv"): partial(supporting_csv, site),
    }
    schemas = sorted([k.schema for k in DATA_KINDS.values()] + ["common.schema.json"])
    for name in schemas:
        jobs[path("schema", {"schema": name})] = partial((SCHEMA_DIR / name).read_text, "utf-8")
    for p in reading_order(site):
        if p.links or p.support:
            statements = sorted(dict.fromkeys(t.objection.statement for t in p.links + p.support),
                                key=lambda st: (st.date, st.id), reverse=True)
            name = path("provision-feed", p)
            jobs[name] = partial(_statement_feed, site, statements, name, f"Statements on {p.heading}")
    return jobs


def _statement_feed(site: Site, statements: list[Statement], name: str, title: str) -> str:
    return atom_feed(site, statement_entries(site, statements), name, title, name)
