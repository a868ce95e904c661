"""One count everywhere: statements on a provision, objecting and supporting, derived here from the YAML in data/
(not from the package) and compared with what the built pages say: the article and chapter pages, the explore
page's options, the matrix, the coalitions page and the home page's grid."""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from datafiles import read

ROOT = Path(__file__).resolve().parent.parent


def _statements() -> list[dict]:
    return read("statements")


def _chapters() -> dict[int, list[int]]:
    """Chapter number -> its article numbers, from data/chapters."""
    found = {}
    for c in read("chapters"):
        numbers = [a["number"] for a in c.get("articles", [])]
        numbers += [a["number"] for s in c.get("sections", []) for a in s.get("articles", [])]
        found[c["number"]] = sorted(numbers)
    return found


def _on(target: dict, chapters: dict[int, list[int]]) -> set[str]:
    """The provisions one target is on: art-N (each of a range) and chapter-N."""
    first = target["provision"]
    if first.startswith("art-") and "through" in target:
        return {f"art-{n}" for n in range(int(first[4:]), int(target["through"][4:]) + 1)}
    return {first}


def expected() -> dict[str, dict[str, set[str]]]:
    """Provision id -> {"objects": statement ids, "supports": statement ids}, each statement once."""
    chapters = _chapters()
    found: dict[str, dict[str, set[str]]] = {}
    for st in _statements():
        for side, key in (("objects", "objections"), ("supports", "supporting")):
            for position in st.get(key) or []:
                for t in position["targets"]:
                    for pid in _on(t, chapters):
                        found.setdefault(pid, {"objects": set(), "supports": set()})[side].add(st["id"])
    return found


def _text(page: Path) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))).split())


def _n(counts, pid, side) -> int:
    return len(counts.get(pid, {}).get(side, ()))


def test_article_pages_and_the_home_grid_give_the_data_counts(site):
    counts = expected()
    home = (site / "index.html").read_text("utf-8")
    for page in sorted((site / "articles").glob("article-*/index.html")):
        number = int(page.parent.name.split("-")[1])
        o, s = _n(counts, f"art-{number}", "objects"), _n(counts, f"art-{number}", "supports")
        html = page.read_text("utf-8")
        box = html[html.index('class="glance"'):]
        assert re.search(rf'href="#objections"><strong>{o}</strong> statements? objects?<', box), number
        assert re.search(rf'href="#support"><strong>{s}</strong> statements? supports? it<', box), number
        cell = re.search(rf'<a class="grid-cell[^"]*" href="articles/article-{number}/"[^>]*aria-label="[^"]*: '
                         rf'(\d+) statements? objects?, (\d+) supports?"', home)
        assert cell and (int(cell.group(1)), int(cell.group(2))) == (o, s), number


def test_chapter_pages_give_the_chapter_as_a_whole_and_its_articles(site):
    counts, chapters = expected(), _chapters()
    for number, articles in chapters.items():
        whole = counts.get(f"chapter-{number}", {"objects": set(), "supports": set()})
        parts = [counts.get(f"art-{a}", {"objects": set(), "supports": set()}) for a in articles]
        n_whole = len(whole["objects"] | whole["supports"])
        n_parts = len(set().union(*[p["objects"] | p["supports"] for p in parts]) if parts else set())
        every = len(whole["objects"] | whole["supports"] | set().union(*[p["objects"] | p["supports"] for p in parts]))
        text = _text(site / f"chapters/chapter-{number}/index.html")
        assert f"Statements on Chapter " in text
        assert re.search(rf"Statements on Chapter [IVXLC]+: {every} , counting each once: the chapter as a whole: "
                         rf"{n_whole} · its articles: {n_parts}\.", text), (number, every, n_whole, n_parts)


def test_explore_options_count_what_the_article_and_chapter_pages_say(site):
    counts, chapters = expected(), _chapters()
    html = (site / "explore/index.html").read_text("utf-8")
    options = dict(re.findall(r'<option value="(\d+)"[^>]*>[^<]*\((\d+)\)</option>',
                              re.search(r'<select id="explore-article".*?</select>', html, re.S).group(0)))
    assert options
    for number, n in options.items():
        c = counts[f"art-{number}"]
        assert int(n) == len(c["objects"] | c["supports"]), number
    chapter_options = dict(re.findall(r'<option value="(\d+)"[^>]*>[^<]*\((\d+)\)</option>',
                                      re.search(r'<select id="explore-chapter".*?</select>', html, re.S).group(0)))
    for number, n in chapter_options.items():
        ids = set()
        for pid in [f"chapter-{number}"] + [f"art-{a}" for a in chapters[int(number)]]:
            ids |= counts.get(pid, {}).get("objects", set()) | counts.get(pid, {}).get("supports", set())
        assert int(n) == len(ids), number
        assert f"Statements on Chapter " in _text(site / f"chapters/chapter-{number}/index.html")
        assert f": {n} , counting each once" in _text(site / f"chapters/chapter-{number}/index.html")


def test_matrix_totals_are_the_data_counts(site):
    counts = expected()
    html = (site / "overview/matrix/index.html").read_text("utf-8")
    rows = re.findall(r'<tr><th scope="row"><a href="\.\./\.\./(articles/article-(\d+)|chapters/chapter-(\d+))/">.*?</a></th>'
                      r'<td class="matrix-total matrix-o">(.*?)</td><td class="matrix-total matrix-s">(.*?)</td>', html)
    assert len(rows) >= 68
    number = lambda cell: int(re.sub(r"<[^>]+>", "", cell) or 0)  # noqa: E731  a blank cell is none
    for _, art, chap, o, s in rows:
        pid = f"art-{art}" if art else f"chapter-{chap}"
        assert (number(o), number(s)) == (_n(counts, pid, "objects"), _n(counts, pid, "supports")), pid


def test_coalition_counts_equal_the_names_listed_under_them(site):
    html = (site / "overview/coalitions/index.html").read_text("utf-8")
    lines = re.findall(r"<li><strong>[^<]*</strong>: (\d+) statements?(?: objecting)?, from (\d+) "
                       r"stakeholders?: (.*?)</li>", html)
    assert len(lines) > 10
    for statements, stakeholders, names in lines:
        shown = re.findall(r"<a href=", names.split("; and ")[0])
        assert "(1)" not in names
        more = re.search(r"and (\d+) more", names)
        assert len(shown) + (int(more.group(1)) if more else 0) == int(stakeholders), names[:200]
        assert int(stakeholders) >= 1 and int(statements) >= 1
    counts = expected()
    for pid, o, s in re.findall(r'id="sides-([a-z0-9-]+)".*?Object</strong>: (\d+) statements?.*?Defend</strong>: (\d+) '
                                r'statements?', html, re.S):
        assert (int(o), int(s)) == (_n(counts, pid, "objects"), _n(counts, pid, "supports")), pid
