"""Open data and feeds: the dataset as JSON and CSV, the schemas, and Atom feeds of statements."""
from __future__ import annotations

import csv
import io
import json
import re
from functools import partial
from typing import Callable

from .model import Objection, Site, Source, Statement, Target, date_parts
from .registry import DATA_KINDS, path
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
    ("basis", "cited (the source names the provision) or editorial (our mapping)"),
    ("link_note", "Why this mapping, if noted"),
    ("statement_url", "Permanent address of the objection on this site"),
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
    return out


def _objection(o: Objection) -> dict:
    return {"id": o.id, "summary": o.summary, "themes": [t.id for t in o.themes], "asks": o.asks,
            "direction": o.direction, "quotes": [q.id for q in o.quotes], "targets": [_target(t) for t in o.targets]}


def _statement(site: Site, st: Statement) -> dict:
    out = {"id": st.id, "url": site.absolute(st), "stakeholders": [s.id for s in st.stakeholders], "date": st.date,
           "kind": st.kind, "title": st.title, "title_kind": st.title_kind, "source": _source(st.source),
           "summary": st.summary}
    for key in ("speaker", "speaker_role", "date_note"):
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
    }


def objections_csv(site: Site) -> str:
    """One row per objection-provision link, in the order of the statements."""
    buffer = io.StringIO()
    writer = _Cells(csv.writer(buffer, lineterminator="\n"))
    writer.writerow(CSV_COLUMNS)
    for st in site.statements:
        statement = [st.id, st.date, st.title, ";".join(s.id for s in st.stakeholders),
                     ";".join(sorted({s.type for s in st.stakeholders})), st.kind]
        for o in st.objections:
            objection = statement + [o.id, o.summary, ";".join(th.id for th in o.themes), o.asks, o.direction]
            url = site.absolute(st, o.anchor)
            writer.writerows(objection + [t.provision.id, t.paragraph.id if t.paragraph else "", t.basis,
                                          t.note or "", url] for t in o.targets)
    return buffer.getvalue()


class _Cells:
    """A CSV writer whose cells cannot start a spreadsheet formula, nor a row: a cell beginning with = + - @ or a
    tab or carriage return gets a leading apostrophe (OWASP's advice against CSV injection), and a carriage
    return inside a cell becomes a line feed (which the csv module quotes; a lone one it would not)."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row) -> None:
        self.writer.writerow([_cell(c) if isinstance(c, str) else c for c in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    cell = f"'{text}" if text[:1] in _FORMULA else text
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def atom_feed(site: Site, statements: list[Statement], feed_id: str, title: str, path: str) -> str:
    """An Atom feed of the newest statements (dates as precise as known, padded to the first day).

    Written as text, laid out as ElementTree's indent() would (building the tree cost more than the rest).
    """
    newest = max([st.date for st in statements] or [site.treaty["as_of"]])
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f"<!-- {MARKER} from data/statements/ -->",
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <title>{_text(title)}</title>",
             f"  <id>{_text(site.site_url + feed_id)}</id>",
             f'  <link rel="self" href={_attribute(site.site_url + path)} />',
             f"  <link href={_attribute(site.site_url)} />",
             f"  <updated>{_timestamp(newest)}</updated>"]
    for st in statements[:FEED_ENTRIES]:
        url = site.absolute(st)
        lines += ["  <entry>", f"    <title>{_text(st.title)}</title>", f"    <id>{_text(url)}</id>",
                  f"    <link href={_attribute(url)} />", f"    <updated>{_timestamp(st.date)}</updated>"]
        for s in st.stakeholders:
            lines += ["    <author>", f"      <name>{_text(s.name)}</name>", "    </author>"]
        lines += [f"    <summary>In our words: {_text(st.summary)}</summary>", "  </entry>"]
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
        feed: partial(atom_feed, site, site.statements, feed, f"Statements on the {title}", feed),
    }
    schemas = sorted([k.schema for k in DATA_KINDS.values()] + ["common.schema.json"])
    for name in schemas:
        jobs[path("schema", {"schema": name})] = partial((SCHEMA_DIR / name).read_text, "utf-8")
    for p in reading_order(site):
        if p.links or p.support:
            statements = sorted(dict.fromkeys(t.objection.statement for t in p.links + p.support),
                                key=lambda st: (st.date, st.id), reverse=True)
            name = path("provision-feed", p)
            jobs[name] = partial(atom_feed, site, statements, name, f"Statements on {p.heading}", name)
    return jobs
