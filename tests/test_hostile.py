"""Text pasted into data/ stays text: hostile strings through the real pipeline and a strict MkDocs build."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import build_site

FIXTURES = Path(__file__).resolve().parent / "fixtures"

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "event": '<img src=x onerror="alert(1)">',
    "js-link": "[click me](javascript:alert(1))",
    "autolink": "<javascript:alert(1)>",
    "heading": "# Not a heading",
    "list": "- not a list",
    "table": "| not | a table |\n|---|---|\n| x | y |",
    "fence": "```\nnot code\n```",
    "attr-list": "text {: onclick=\"alert(1)\" .evil }",
    "snippet": "--8<-- \"README.md\"",
    "tags-marker": "<!-- material/tags -->",
    "html-comment": "<!-- hidden -->visible",
    "entity": "&lt;b&gt; &amp;amp; &#60;",
    "emphasis": "**not bold** _not em_ `not code`",
    "iframe": "<iframe src=\"https://example.org\"></iframe>",
    "jinja": "{{ config }} {% raw %}",
    "footnote": "[^1] and [x][y]",
}


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Page(HTMLParser):
    """Text of the whole page; anything live found inside the main content (<article>) or in any link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.bad, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        for key, value in attrs:
            if key in ("href", "src", "action", "formaction") and value and \
                    re.sub(r"\s", "", value).lower().startswith(("javascript:", "data:", "vbscript:")):
                self.bad.append(f"{tag} {key}={value}")
        if not self.depth:
            return
        if tag in ("script", "iframe", "img", "object", "embed", "form", "style"):
            self.bad.append(f"<{tag}>")
        for key, value in attrs:
            if key.startswith("on") or (key in ("class", "id") and value and "evil" in value):
                self.bad.append(f"{tag} {key}={value}")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        if self.depth:
            self.bad.append(f"<!--{data}-->")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(FIXTURES / "base" / "data", data)
    q = {k: json.dumps(v) for k, v in HOSTILE.items()}  # a JSON string is a valid YAML scalar
    (data / "statements" / "ngo-2024-08.yaml").write_text(f"""
id: ngo-2024-08
stakeholders: [ngo]
speaker: {q['event']}
speaker_role: {q['heading']}
date: 2024-08-08
date_note: {q['list']}
kind: press-release
title: {q['script']}
title_kind: official
source: {{publisher: An NGO, title: A source, url: "https://example.org/a_(b)?x=<1>", status: verified,
          note: {q['snippet']}}}
summary: {q['js-link']}
stance: objects
quotes:
  - {{id: q1, text: {q['attr-list']}, provenance: verbatim, said_by: speaker, note: {q['tags-marker']}}}
  - {{id: q2, text: {q['fence']}, provenance: verbatim, said_by: document}}
objections:
  - id: scope
    summary: {q['autolink']}
    themes: [scope]
    asks: narrow
    quotes: [q1]
    targets:
      - {{provision: art-2, basis: cited, note: {q['entity']}}}
""".replace('"https://example.org/a_(b)?x=<1>"', '"https://example.org/a_(b)?x=1"'))
    (data / "stakeholders" / "ngo.yaml").write_text(f"id: ngo\nname: {q['emphasis']}\ntype: ngo\n"
                                                    f"description: {q['html-comment']}\nbase: {q['iframe']}\n")
    themes = (data / "themes.yaml").read_text().replace("name: Scope", f"name: {q['jinja']}")
    themes = themes.replace("How far it reaches.", q["table"])  # names and titles are one line: text may not be
    (data / "themes.yaml").write_text(themes)
    chapter = (data / "chapters" / "01.yaml").read_text().replace("title: Scope,", f"title: {q['footnote']},")
    (data / "chapters" / "01.yaml").write_text(chapter)
    result = build_site(root, data)
    assert result.returncode == 0, result.stderr
    return root / "site"


PAGES = ["statements/ngo-2024-08/", "articles/article-2/", "stakeholders/ngo/", "themes/scope/",
         "articles/", "statements/", "stakeholders/"]


@pytest.mark.parametrize("url", PAGES)
def test_no_live_markup_from_data(hostile_site, url):
    page = Page()
    page.feed((hostile_site / url / "index.html").read_text("utf-8"))
    assert page.bad == []


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_literal_text_is_on_the_page(hostile_site, name):
    pages = {}
    for url in PAGES:
        page = Page()
        page.feed((hostile_site / url / "index.html").read_text("utf-8"))
        pages[url] = collapse(" ".join(page.text))
    assert any(collapse(HOSTILE[name]) in text for text in pages.values()), name


def test_links_from_data_stay_inside_their_markdown(hostile_site):
    html = (hostile_site / "statements/ngo-2024-08/index.html").read_text("utf-8")
    assert 'href="https://example.org/a_%28b%29?x=1"' in html


def test_titles_and_descriptions_are_escaped_in_the_theme(hostile_site):
    html = (hostile_site / "statements/ngo-2024-08/index.html").read_text("utf-8")
    assert "<title>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; - " in html
    assert "<h1>&lt;script&gt;" in html
    nav = (hostile_site / "articles/article-2/index.html").read_text("utf-8")
    assert "Article 2: [^1] and [x][y]" in nav
