"""Open data helpers: plain data for JSON, CSV text that no spreadsheet reads as a formula, Atom feeds.

The kinds say what their open data holds (Kind.dataset, Kind.files); this module says how it is written.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .kind import MARKER
from .model import Source, date_parts
from .site import Site

FEED_ENTRIES = 100  # newest entries per feed: feed readers want what is new, not the archive


def one_of(values: dict[str, str], explain: bool = False) -> str:
    """The allowed values of a column (value -> meaning, from the schema): "a, b or c", or "a (meaning), ..."."""
    words = [f"{v} ({meaning})" if explain else v for v, meaning in values.items()]
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def source_data(src: Source | None) -> dict | None:
    if src is None:
        return None
    out = {k: v for k, v in vars(src).items() if v not in (None, []) and k != "reported_by"}
    if src.reported_by:
        out["reported_by"] = {k: v for k, v in vars(src.reported_by).items() if v is not None}
    return out


def plain(value):
    """Country facts as plain data: sources as mappings, empty optional fields left out."""
    if isinstance(value, Source):
        return source_data(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v not in (None, [])}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@dataclass
class Entry:
    """One entry of an Atom feed."""

    title: str
    url: str
    date: str
    authors: list[str]
    summary: str


def csv_writer():
    buffer = io.StringIO()
    return buffer, csv.writer(buffer, lineterminator="\n")


def csv_text(header: list, rows) -> str:
    buffer, writer = csv_writer()
    writer.writerow(cells(header))
    writer.writerows(cells(row) for row in rows)
    return buffer.getvalue()


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


def atom_feed(site: Site, entries: list[Entry], feed_id: str, title: str, path: str, source: str) -> str:
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


