"""Property: whatever text reaches an output, the output stays valid and the text stays text.

Validation refuses control and direction characters in data (test_checks.py); these tests feed every output the
text validation would refuse as well, as a second line of defence: Markdown (as MkDocs renders it to HTML), the
front matter, the Atom feeds, the JSON dataset and the CSV.
"""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from stages import BASE
from treatysite.build import read_site
from treatysite.export import dataset
from treatysite.kinds.statements import objections_csv, statement_entries, supporting_csv
from treatysite.opendata import atom_feed
from treatysite.markdown import escape_text, safe, yaml_string

# Any text at all, with the characters that break outputs and displays made frequent.
NASTY = st.sampled_from(["\x00", "\x01", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u2066", "\u200b", "\ufeff",
                         "\u2028", "\ufffe", "\uffff", "\r\n", "\t", "<", ">", "&", '"', "'", "]]>", "<!--", "-->",
                         "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1", "# ", "- ", "|", "```", "{: .x }", "[x](y)",
                         "*", "_", "`", "\\", "&amp;", "&#0;", "{{ x }}", "::error::"])
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=10)), max_size=12).map("".join)


def collapse(text: str) -> str:
    return " ".join(text.split())


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_comment(self, data):
        self.tags.append("!--")

    def handle_data(self, data):
        self.text.append(data)


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_markdown_text_renders_as_exactly_that_text(text):
    """MkDocs' Markdown, with our extensions, makes one paragraph with no element of its own, and the words."""
    html = markdown.markdown(f"In our words: {escape_text(text)}", extensions=["attr_list", "tables", "toc"])
    page = _Html()
    page.feed(html)
    page.close()
    assert page.tags == ["p"]
    assert collapse("".join(page.text)) == collapse(f"In our words: {safe(text)}")
    assert not _UNSAFE_IN_PAGE.search(html)


_UNSAFE_IN_PAGE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_front_matter_strings_load_back_as_the_same_one_line_title(text):
    loaded = yaml.safe_load(f"title: {yaml_string(text)}\n")
    assert loaded == {"title": loaded["title"]} and "\n" not in loaded["title"]
    assert not _UNSAFE_IN_PAGE.search(loaded["title"])


@pytest.fixture(scope="module")
def site():
    return read_site(BASE, site_url="https://example.org/", site_name="Site")


def _with_text(site, text: str):
    statement, stakeholder = site.statements[0], site.statements[0].stakeholders[0]
    statement.title = statement.summary = statement.objections[0].summary = text
    statement.quotes[0].text = statement.source.publisher = stakeholder.name = text
    statement.objections[0].themes[0].name = text
    statement.objections[0].targets[0].note = text   # a cell of each row, not of the statement or the objection
    return statement


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_feeds_are_valid_xml_holding_the_text(site, text):
    statement = _with_text(site, text)
    feed = atom_feed(site, statement_entries(site, site.statements), "feeds/statements.xml", text, "feeds/statements.xml", "data/statements/")
    root = ET.fromstring(feed.encode("utf-8"))  # raises on anything that is not well-formed XML 1.0
    entry = root.find("{http://www.w3.org/2005/Atom}entry")
    shown = entry.find("{http://www.w3.org/2005/Atom}title").text or ""
    assert shown == re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", statement.title).replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_the_dataset_is_json_holding_the_exact_text(site, text):
    _with_text(site, text)
    encoded = json.dumps(dataset(site), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert json.loads(encoded)["statements"][0]["title"] == text


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_the_csv_keeps_its_columns_and_starts_no_formula(site, text):
    _with_text(site, text)
    rows = list(csv.reader(io.StringIO(objections_csv(site), newline="")))
    assert len({len(row) for row in rows}) == 1
    for row in rows[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
        title = row[rows[0].index("statement_title")]
        shown = f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
        assert title == shown.replace("\r\n", "\n").replace("\r", "\n")
    assert rows[1][rows[0].index("link_note")] == shown.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_the_supporting_csv_keeps_its_columns_and_starts_no_formula(site, text):
    statement = _with_text(site, text)
    statement.supporting = list(statement.objections)  # the same shape: summary, themes, asks, targets
    rows = list(csv.reader(io.StringIO(supporting_csv(site), newline="")))
    assert len({len(row) for row in rows}) == 1 and len(rows) > 1
    for row in rows[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
