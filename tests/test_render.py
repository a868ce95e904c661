"""Render stage: data text is inert, links are relative, dates read well."""
from __future__ import annotations

import re
import sys

import markdown
import pytest

from stages import BASE
from treatysite.markdown import escape_text, link, safe
from treatysite.render import format_date, make_environment

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


def test_every_kind_of_whitespace_collapses_to_one_space():
    """escape_text() looks for whitespace to collapse with isprintable(): it relies on no whitespace character
    but the space being printable, which this checks over all of Unicode, then on the text itself."""
    spaces = [chr(i) for i in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(i))]
    assert [hex(ord(c)) for c in spaces if c != " " and c.isprintable()] == []
    for c in (c for c in spaces if safe(c) == c):  # safe() replaces some (vertical tab, NEL) with U+FFFD first
        assert escape_text(f"a{c}b") == "a b"
        assert escape_text(f"a {c} b{c}{c}c") == "a b c"
    assert escape_text("a  b") == "a b" and escape_text("a\u200bb") == "a\u200bb"  # zero-width space is not whitespace


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


def test_parallel_rendering_gives_the_same_pages():
    from treatysite.parallel import fork_map
    from treatysite.render import plan_site
    plan = plan_site(_real_site())
    sequential = {path: make() for path, make in plan.items()}
    made = fork_map(lambda item: item[1](), list(plan.items()), 0, 2)
    assert dict(zip(plan, made)) == sequential


def _real_site():
    from pathlib import Path
    from treatysite.build import read_site
    return read_site(Path(__file__).resolve().parent.parent / "data", site_url="http://127.0.0.1:8000/",
                     site_name="Test site")


def _pages(site):
    from treatysite.render import plan_site
    return {path: make() for path, make in plan_site(site).items()}


def test_long_listings_show_the_most_recent_and_count_them_all(monkeypatch):
    from treatysite import views
    for name in ("PROVISION_LIMIT", "PARAGRAPH_LIMIT", "ROW_LIMIT"):
        monkeypatch.setattr(views, name, 2)
    site = _real_site()
    pages = _pages(site)
    busy = max(site.articles, key=lambda a: len(a.links))
    positions = list(dict.fromkeys(t.objection for t in busy.links))   # one entry per position
    assert len(positions) > 2
    text = pages[busy.path]
    assert f"The 2 most recent of the {len(positions)} objections are listed below" in text
    listed = text.split("## Who objects")[0].split("are listed below")[1]
    anchors = [o.anchor for o in positions]
    assert sum(listed.count(f'#{a}"') for a in set(anchors)) == 2  # the two newest, and no more
    assert f'#{positions[0].anchor}"' in listed
    # every stakeholder behind every objection is still named under "Who objects"
    who = text.split("## Who objects")[1]
    for t in busy.links:
        for s in t.objection.statement.stakeholders:
            assert f">{escape_text(s.name)}</a>" in who
    prolific = max((s for s in site.stakeholders if s.page_kind == "stakeholder"), key=lambda s: len(s.statements))
    assert len(prolific.statements) > 2
    page = pages[prolific.path]
    assert f"The 2 most recent of {len(prolific.statements)} statements" in page
    assert page.split("## Statements")[1].split("## Provisions")[0].count("\n- ") == 2


def test_short_listings_are_complete():
    site = _real_site()
    pages = _pages(site)
    for article in site.articles:
        assert "most recent" not in pages[article.path]
        for t in article.links + article.support:
            assert f'#{t.objection.anchor}"' in pages[article.path]


# Compiled templates: kept in a folder of the user's own, never in a shared temporary folder.

def test_compiled_templates_go_to_the_users_cache_folder(tmp_path, monkeypatch):
    from treatysite.render import bytecode_cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = bytecode_cache()
    assert cache.directory == str(tmp_path / "cache" / "treatysite")
    assert (tmp_path / "cache" / "treatysite").stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("case", ["writable by others", "a link", "owned by someone else"])
def test_a_cache_folder_that_is_not_safely_ours_is_not_used_and_the_build_still_works(tmp_path, monkeypatch, case):
    import os
    import shutil
    from treatysite.build import generate
    from treatysite.render import bytecode_cache
    folder = tmp_path / "cache" / "treatysite"
    folder.parent.mkdir()
    if case == "a link":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere")
    else:
        folder.mkdir(mode=0o700)
    if case == "writable by others":
        folder.chmod(0o777)
    if case == "owned by someone else":
        if os.getuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(folder, 12345, 12345)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert bytecode_cache() is None
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    assert generate(tmp_path / "data", tmp_path / "docs")["pages"] > 0
    assert list(folder.iterdir()) == []


def test_a_verbatim_quote_from_a_source_not_verified_says_so(tmp_path):
    from stages import edited
    from treatysite.build import read_site
    from treatysite.render import plan_site
    data = edited(tmp_path, "statements/ngo-2024-08.yaml", 'url: "https://example.org/s", status: verified}',
                  'url: "https://example.org/s", status: partly-verified}')
    site = read_site(data, site_url="https://x.org/")
    page = plan_site(site)["statements/ngo-2024-08.md"]()
    assert "Verbatim from the source, whose own status is partly verified" in page
