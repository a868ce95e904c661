"""Visitor words, not research notes: each class of slip a reader saw, checked over every generated page.

The pages are generated once from the real data (the Markdown that ProperDocs turns into HTML, with the
navigation). Each test names a CLASS of slip, not one example of it, so that new data cannot bring it back:
- a list that runs into the paragraph above it (Markdown then prints " - Source: … - Source: …" as one line);
- a month-only date written "on May 2026" (a day takes "on", a month or a year "in");
- a label shown otherwise than its schema's title ("Un bodies" for "UN body");
- a heading that names a chapter by its number without its name ("About Chapter IV");
- research-note wording (file names, ids, tools, "from memory") outside the folded "How we know" blocks.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitebuild import ROOT
from treatysite.build import generate

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
# Words that belong in our research notes, never in what a visitor reads outside "How we know".
RESEARCH_NOTES = [
    r"\bfrom memory\b", r"\btest fixture\b", r"\bwiki log\b", r"\bresearch notes?\b", r"\bmachine[- ]written\b",
    r"\bEntry \d{5,}\b", r"\((?:see )?[a-z0-9]+(?:-[a-z0-9]+){2,}\)",
]
HOW_WE_KNOW = re.compile(r'<details class="how-we-know".*?</details>', re.S)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
ENTITY = re.compile(r"&#(\d+);")


def unescape(text: str) -> str:
    """The page text as a reader sees it: our escaping writes Markdown's special characters as entities."""
    return ENTITY.sub(lambda m: chr(int(m.group(1))), text)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    """docs path -> generated Markdown of every page (and the navigation), from the real data."""
    docs = tmp_path_factory.mktemp("words") / "docs"
    generate(ROOT / "data", docs)
    found = {str(p.relative_to(docs)): p.read_text("utf-8") for p in docs.rglob("*.md")}
    found[".nav.yml"] = (docs / ".nav.yml").read_text("utf-8")
    assert len(found) > 500
    return found


def visible(text: str) -> str:
    """What a reader sees without opening a "How we know" block, with front matter and tags dropped."""
    text = HOW_WE_KNOW.sub(" ", FRONT_MATTER.sub("", text))
    text = re.sub(r"\]\([^)\s]*\)|\{:[^}]*\}", "]", text)  # link targets and attribute lists are not read
    return unescape(re.sub(r"<[^>]+>", " ", text))


def report(problems: list[str]) -> str:
    return f"{len(problems)} found, e.g.:\n" + "\n".join(problems[:15])


LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.) ")


def lists_run_into_paragraphs(text: str) -> list[str]:
    """List items that follow a paragraph line with no blank line between: Markdown joins them to it."""
    problems, previous, fenced = [], "", False
    for line in FRONT_MATTER.sub("", text).splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and LIST_ITEM.match(line) and previous.strip() and not LIST_ITEM.match(previous) \
                and not previous.startswith((" ", "\t", "|", "<", "#")):
            problems.append(f"{previous[:70]!r} then {line[:60]!r}")
        previous = line if line.strip() or not fenced else previous
    return problems


def test_no_list_runs_into_a_paragraph(pages):
    problems = [f"{path}: {p}" for path, text in pages.items() if path.endswith(".md")
                for p in lists_run_into_paragraphs(text)]
    assert not problems, "a list with no blank line before it is printed as one paragraph: " + report(problems)


def test_month_only_dates_are_not_written_with_on(pages):
    pattern = re.compile(rf"\bon (?:{MONTHS}) \d{{4}}\b|\bon \d{{4}}\b(?!\s*(?:{MONTHS}))")
    problems = [f"{path}: {m.group(0)!r}" for path, text in pages.items()
                for m in pattern.finditer(visible(text))]
    assert not problems, "a month or a year takes 'in', a day 'on': " + report(problems)


def schema_titles() -> set[str]:
    """Every label the schemas give a value (the titles of their oneOf choices)."""
    titles: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if "const" in node and isinstance(node.get("title"), str):
                titles.add(node["title"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for path in (ROOT / "schema").glob("*.json"):
        walk(json.loads(path.read_text("utf-8")))
    return titles


def mislabelled(text: str, titles: set[str]) -> list[str]:
    """Labels whose capitals were lost (plural allowed): "Un bodies" for "UN body", "Ngo" for "NGO", as a
    capitalize or title filter does. (Only the first letter may change case: a label starting a sentence.)"""
    problems = []
    for title in titles:
        if title[1:] == title[1:].lower():
            continue  # no capital after the first letter to lose
        words = title.split()
        last = re.escape(words[-1][:-1]) + "(?:y|ies)" if words[-1].endswith("y") else re.escape(words[-1]) + "s?"
        pattern = r"(?<![\w-])" + " ".join([re.escape(w) for w in words[:-1]] + [last]) + r"(?![\w-])"  # not in an id
        for m in re.finditer(pattern, text, re.I):
            found = m.group(0)
            if any(b.isupper() and a == b.lower() for a, b in zip(found[1:], title[1:])):
                problems.append(f"{found!r} (the schema says {title!r})")
    return problems


def test_labels_are_the_schema_titles(pages):
    titles = schema_titles()
    assert {"UN body", "NGO", "partly verified"} <= titles
    # The open-data page's field reference lists the raw values themselves ("one of: ngo, coalition, …").
    problems = [f"{path}: {p}" for path, text in pages.items() if path != "download/index.md"
                for p in mislabelled(visible(text), titles)]
    assert not problems, "a label shown otherwise than its schema's title: " + report(problems)


CHAPTER_NUMBER = re.compile(r"\bChapter [IVXLC]+\b")


def chapter_names(pages) -> dict[str, str]:
    """'Chapter IV' -> 'Chapter IV: Procedural measures and law enforcement', from the chapters' own titles."""
    names = {}
    for path, text in pages.items():
        if path.startswith("chapters/chapter-"):
            title = json.loads(re.search(r"^title: (.*)$", text, re.M).group(1))
            names[CHAPTER_NUMBER.match(title).group(0)] = title
    return names


def headings(path: str, text: str) -> list[str]:
    """A page's headings: its title (front matter), its Markdown headings, and the navigation's labels."""
    if path == ".nav.yml":
        return [json.loads(m.group(1)) for m in re.finditer(r'^\s*- ("[^"]*"):', text, re.M)]
    found = [json.loads(m.group(1)) for m in re.finditer(r"^title: (.*)$", FRONT_MATTER.match(text).group(0), re.M)] \
        if FRONT_MATTER.match(text) else []
    return found + [re.sub(r"\s*\{:.*\}\s*$", "", m.group(1)) for m in re.finditer(r"^#{1,6} (.*)$", text, re.M)]


def test_headings_name_the_chapter(pages):
    """A page's title and the navigation name a chapter in full; a section heading may use the number alone
    under a page title that names the chapter in full (its context is on the page)."""
    names = chapter_names(pages)
    assert len(names) >= 2
    problems = []
    for path, text in pages.items():
        found = [unescape(h) for h in headings(path, text)]
        title = found[0] if found and path != ".nav.yml" else ""
        for i, heading in enumerate(found):
            for m in CHAPTER_NUMBER.finditer(heading):
                name = names.get(m.group(0))
                if name and name not in heading and not (i and path != ".nav.yml" and name in title):
                    problems.append(f"{path}: {heading!r} (say {name!r})")
    assert not problems, "a heading names a chapter by number alone: " + report(problems)


def test_no_research_note_wording_outside_how_we_know(pages):
    pattern = re.compile("|".join(RESEARCH_NOTES))
    problems = [f"{path}: …{text[max(m.start() - 40, 0):m.end() + 20]!r}…" for path, page in pages.items()
                if path.endswith(".md") for text in [visible(page)] for m in pattern.finditer(text)]
    assert not problems, "research-note wording reaches visitors (fold it into 'How we know'): " + report(problems)


def test_the_checks_catch_each_slip():
    """Each check finds the slip it is named for, and passes its correct form."""
    assert lists_run_into_paragraphs("Signed.\n- Source: a\n- Source: b\n")
    assert not lists_run_into_paragraphs("Signed.\n\n- Source: a\n- Source: b\n")
    assert mislabelled("Un bodies, 3 objections", {"UN body"}) and not mislabelled("UN bodies; the UN body", {"UN body"})
    assert mislabelled("a Ngo", {"NGO"}) and not mislabelled("NGOs and the NGO", {"NGO"})
    assert headings("x.md", "---\ntitle: \"About Chapter IV\"\n---\n## Chapter IV {: #a }\n") == ["About Chapter IV", "Chapter IV"]
    assert re.search("|".join(RESEARCH_NOTES), visible("Title from memory."))
    assert not re.search("|".join(RESEARCH_NOTES), visible('<details class="how-we-know">title from memory</details>'))
