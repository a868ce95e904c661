"""Render stage: data text is inert, links are relative, dates read well."""
from __future__ import annotations

import re

import markdown
import pytest

from treatysite.render import escape_text, format_date, link, make_environment

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "# Heading",
    "- list item",
    "1. numbered",
    "| a | b |\n|---|---|",
    "```\ncode\n```",
    "    indented code",
    "{: .class onclick=alert(1) }",
    "--8<-- \"/etc/passwd\"",
    "<!-- material/tags -->",
    "**bold** _em_ `code`",
    "line one\n\n===",
    "&lt;escaped&gt; &amp; &#60;",
    "> quoted",
    "<https://example.org>",
    "![img](https://example.org/x.png)",
    "\\* backslash",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_literal_text(text):
    html = markdown.markdown(f"Before {escape_text(text)} after", extensions=["attr_list", "tables", "toc"])
    assert html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1
    inner = html[len("<p>Before "):-len(" after</p>")]
    import html as htmlmod
    assert htmlmod.unescape(inner) == re.sub(r"\s+", " ", text), html
    assert "<" not in inner.replace("&lt;", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_at_line_start_makes_no_structure(text):
    html = markdown.markdown(f"{escape_text(text)}\n", extensions=["attr_list", "tables", "toc"])
    assert html.count("<") == 2 and html.startswith("<p>"), html


def test_templates_escape_data_by_default():
    env = make_environment()
    out = env.from_string("{{ x }} {{ y|join(', ') }}").render(x="<b>#", y=["*a*", "[b]"])
    assert out == "&#60;b&#62;&#35; &#42;a&#42;, &#91;b&#93;"


def test_external_links_cannot_break_out():
    assert link("https://example.org/a_(b)", "x]y") == "[x&#93;y](https://example.org/a_%28b%29)"


@pytest.mark.parametrize("value, text", [("2024-08-08", "8 August 2024"), ("2024-08", "August 2024"),
                                         ("2024", "2024")])
def test_dates(value, text):
    assert format_date(value) == text


@pytest.mark.parametrize("here, there", [("articles", "articles/article-1.md"), ("articles", "statements/a.md"),
                                         ("statements/by-date", "statements/a.md"), ("", "articles/index.md"),
                                         ("statements/by-date", "overview/x.md"), ("a/b", "a/b/c.md")])
def test_relative_paths_agree_with_posixpath(here, there):
    import posixpath
    from treatysite.render import relative
    assert relative(here, there) == posixpath.relpath(there, here or ".")


def test_parallel_rendering_gives_the_same_pages(monkeypatch):
    from pathlib import Path
    from treatysite import render
    from treatysite.errors import Problems
    from treatysite.link import link_site
    from treatysite.load import load_data
    from treatysite.validate import validate_documents
    problems = Problems()
    docs = validate_documents(load_data(Path(__file__).resolve().parent.parent / "data", problems), problems)
    site = link_site(docs, problems)
    sequential = render.render_pages(site, workers=1)
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    assert render.render_pages(site, workers=2) == sequential
