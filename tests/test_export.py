"""Open data, feeds, matrix, coalitions and citations agree with the pages they describe."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from test_site import internal_targets, parse
from treatysite.registry import DATA_KINDS
from treatysite.schemadoc import fields

ATOM = "{http://www.w3.org/2005/Atom}"


def page_links(site, url):
    """(provision page url, statement objection anchor) pairs a statement page links to."""
    return {t for t, _ in internal_targets(url, parse(site, url)) if re.fullmatch(
        r"articles/article-\d+/|chapters/chapter-\d+/|articles/preamble/|articles/", t)}


def provision_url(pid):
    if pid == "treaty":
        return "articles/"
    if pid == "preamble":
        return "articles/preamble/"
    kind, n = pid.split("-")
    return f"articles/article-{n}/" if kind == "art" else f"chapters/chapter-{n}/"


def test_json_has_the_same_statements_and_links_as_the_pages(site):
    data = json.loads((site / "download/dataset.json").read_text("utf-8"))
    pages = sorted(p.name for p in (site / "statements").iterdir() if p.is_dir() and p.name not in ("by-date", "by-stance"))
    assert sorted(s["id"] for s in data["statements"]) == pages
    for st in data["statements"]:
        targets = {provision_url(t["provision"]) for key in ("objections", "supporting") for o in st[key]
                   for t in o["targets"]}
        assert targets == page_links(site, f"statements/{st['id']}/"), st["id"]
    assert len(data["articles"]) == 68
    assert {s["id"] for s in data["stakeholders"] if s["type"] != "state"} == {
        p.name for p in (site / "stakeholders").iterdir() if p.is_dir()}


def test_every_statement_is_listed_under_its_month(site):
    data = json.loads((site / "download/dataset.json").read_text("utf-8"))
    for st in data["statements"]:
        period = f"statements/by-date/{st['date'][:7]}/"
        assert any(t == f"statements/{st['id']}/" for t, _ in internal_targets(period, parse(site, period)))


def test_csv_has_one_row_per_link_in_the_json(site):
    data = json.loads((site / "download/dataset.json").read_text("utf-8"))
    rows = list(csv.DictReader(io.StringIO((site / "download/objections.csv").read_text("utf-8"))))
    expected = sorted((s["id"], o["id"], t["provision"], t.get("paragraph", ""), t["basis"])
                      for s in data["statements"] for o in s["objections"] for t in o["targets"])
    assert sorted((r["statement_id"], r["objection_id"], r["provision"], r["paragraph"], r["basis"])
                  for r in rows) == expected
    assert all(r["basis"] in ("cited", "editorial") for r in rows)


def test_feed_lists_every_statement_newest_first(site):
    feed = ET.parse(site / "feeds/statements.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    data = json.loads((site / "download/dataset.json").read_text("utf-8"))
    assert len(entries) == min(len(data["statements"]), 100)
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert all(e.find(f"{ATOM}link").get("href").startswith("http") for e in entries)


def test_article_feeds_match_article_pages(site):
    feed = ET.parse(site / "feeds/art-35.xml").getroot()
    linked = {e.find(f"{ATOM}link").get("href").split("/statements/")[1].rstrip("/")
              for e in feed.findall(f"{ATOM}entry")}
    on_page = {t.split("/")[1] for t, _ in internal_targets("articles/article-35/", parse(site, "articles/article-35/"))
               if t.startswith("statements/") and t != "statements/"}
    assert linked == on_page


# XML 1.0 text as a data file can hold it: no C0 controls but tab and newline, no surrogates, no U+FFFE/U+FFFF.
XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff" +
                                 "".join(chr(c) for c in range(32) if chr(c) not in "\t\n")), max_size=40)


@settings(max_examples=200, deadline=None)
@given(title=XML_TEXT, name=XML_TEXT, summary=XML_TEXT, url_tail=st.sampled_from(["", "a&b", "x?y=1&z=<2>", 'q"']))
def test_feed_text_comes_back_unchanged_from_an_xml_parser(title, name, summary, url_tail):
    from types import SimpleNamespace
    from treatysite.kinds.statements import statement_entries
    from treatysite.opendata import atom_feed
    statement = SimpleNamespace(title=title, date="2024-08", summary=summary, stakeholders=[SimpleNamespace(name=name)])
    site = SimpleNamespace(site_url=f"https://example.org/{url_tail}/", treaty={"as_of": "2024-12-24"},
                           absolute=lambda page: f"https://example.org/{url_tail}/statements/x/")
    entries = statement_entries(site, [statement])
    feed = ET.fromstring(atom_feed(site, entries, "feeds/f.xml", title, "feeds/f.xml", "data/statements/").encode("utf-8"))
    entry = feed.find(f"{ATOM}entry")
    assert (feed.find(f"{ATOM}title").text or "") == title
    assert (entry.find(f"{ATOM}title").text or "", entry.find(f"{ATOM}author/{ATOM}name").text or "") == (title, name)
    assert entry.find(f"{ATOM}summary").text == f"In our words: {summary}"
    assert entry.find(f"{ATOM}link").get("href") == f"https://example.org/{url_tail}/statements/x/"
    assert feed.find(f"{ATOM}link").get("href") == f"https://example.org/{url_tail}/feeds/f.xml"


def test_matrix_counts_match_the_article_pages(site):
    html = (site / "overview/matrix/index.html").read_text("utf-8")
    cells = re.findall(r'<a href="\.\./\.\./articles/article-(\d+)/#type-([a-z-]+)"[^>]*>(\d+)</a>', html)
    assert cells
    for number, kind, count in cells:
        page = (site / f"articles/article-{number}/index.html").read_text("utf-8")
        heading = re.search(rf'<li id="type-{kind}"><strong>[^<]*</strong>: (\d+) statements? objecting', page)
        assert heading and heading.group(1) == count, (number, kind)


def test_coalitions_page_has_both_views(site):
    html = (site / "overview/coalitions/index.html").read_text("utf-8")
    assert 'id="together"' in html and 'id="opposite"' in html
    assert re.search(r'id="together-art-\d+"', html)
    assert re.search(r'id="opposite-art-(6|24)"', html)
    opposite = html[html.index('id="opposite"'):]
    assert re.search(r"Wants fewer safeguards</strong>: \d+ statements? objecting, from \d+ stakeholders?: <a href=\"[^\"]*(?:stakeholders|countries)/(russia|iran|egypt)/", opposite)


def test_every_article_and_statement_page_offers_a_citation(site):
    for folder in list((site / "articles").glob("article-*")) + list((site / "statements").iterdir()):
        if folder.is_dir() and folder.name not in ("by-date", "by-stance"):
            html = (folder / "index.html").read_text("utf-8")
            assert 'id="cite"' in html and "@misc{unccc-" in html, folder


def test_data_page_documents_every_schema_field(site):
    html = unescape((site / "download/index.html").read_text("utf-8"))
    for kind in DATA_KINDS:
        for field in fields(kind):
            assert field.description, f"{kind}: field {field.path} has no description in its schema"
            assert f"<td>{field.path}</td>" in html, f"{kind}: {field.path} is not on the Data page"
