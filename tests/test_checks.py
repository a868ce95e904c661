"""Checks beyond the schema (treatysite/checks.py): what a hostile or careless pull request could slip into data/.

Each case adds or edits files of the base fixture and expects the exact messages of `build_site.py --check`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stages import BASE, messages

NGO = "id: ngo\nname: An NGO\ntype: ngo\n"
STATEMENT = (BASE / "statements" / "ngo-2024-08.yaml").read_text("utf-8")
SOURCE = 'source: {publisher: An NGO, url: "https://example.org/s", status: verified}\n'
QUOTE = "  - {id: q1, text: Too broad., provenance: verbatim}\n"
S = "data/statements/ngo-2024-08.yaml"
TREATY = (BASE / "treaty.yaml").read_text("utf-8")


def statement(old: str, new: str) -> dict[str, str]:
    assert STATEMENT.count(old) == 1, old
    return {"statements/ngo-2024-08.yaml": STATEMENT.replace(old, new)}


def renamed_statement(new_id: str) -> dict[str, str]:
    return {"statements/ngo-2024-08.yaml": None,
            f"statements/{new_id}.yaml": STATEMENT.replace("id: ngo-2024-08", f"id: {new_id}")}


CASES = [
    # Characters (YAML escapes make any character easy to write)
    ("control-in-summary", statement("summary: It objects.", r'summary: "It \e[31mobjects\x01."'),
     [f"{S}:8: 'summary' contains U+001B (a control or invisible character) at character 4; such characters cannot "
      "be shown on a page or put in a feed; remove it"]),
    ("nul-in-title", statement("title: A statement", r'title: "A\0statement"'),
     [f"{S}:5: 'title' contains U+0000 (a control or invisible character) at character 2; such characters cannot "
      "be shown on a page or put in a feed; remove it"]),
    ("bidi-override-in-text", statement("summary: It objects.", r'summary: "It \u202eobjects."'),
     [f"{S}:8: 'summary' contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 4; it changes the direction in "
      "which the text around it is displayed; remove it"]),
    ("zero-width-in-name", {"stakeholders/ngo.yaml": NGO.replace("An NGO", r'"An\u200bNGO"')},
     ["data/stakeholders/ngo.yaml:2: 'name' contains U+200B (ZERO WIDTH SPACE) at character 3; a name or title "
      "must display exactly what it holds; remove it"]),
    ("newline-in-name", {"stakeholders/ngo.yaml": NGO.replace("An NGO", r'"An\n::error::forged"')},
     ["data/stakeholders/ngo.yaml:2: 'name' contains U+000A (a control or invisible character) at character 3; "
      "a name or title is one line; remove it"]),
    ("control-in-a-list-of-texts", {"treaty.yaml": TREATY + 'home:\n  title: Home\n  introduction:\n    - Fine.\n'
                                                  '    - "Not \\e[31mfine."\n'},
     ["data/treaty.yaml:20: 'introduction' contains U+001B (a control or invisible character) at character 5; such "
      "characters cannot be shown on a page or put in a feed; remove it"]),
    ("long-text-in-a-list", {"treaty.yaml": TREATY + "home:\n  title: Home\n  introduction:\n    - " + "word " * 1001 + "\n"},
     ["data/treaty.yaml:19: 'introduction' is 5,004 characters long, more than the 5,000 allowed; shorten it"]),
    # Values quoted in messages cannot forge a line of CI output, nor fill the log
    ("forged-ci-line", {"stakeholders/ngo.yaml": NGO.replace("type: ngo", r'type: "ngo\n::error file=x::forged"')},
     [r"data/stakeholders/ngo.yaml:3: 'type' is the text 'ngo\n::error file=x::forged', which is not allowed; "
      "expected one of: ngo, coalition, un-body, igo, industry, state, academic, legislator, media"]),
    ("long-value-cut", {"stakeholders/ngo.yaml": NGO.replace("type: ngo", "type: " + "x" * 5000)},
     ["data/stakeholders/ngo.yaml:3: 'type' is the text '" + "x" * 59 + "…', which is not allowed; "
      "expected one of: ngo, coalition, un-body, igo, industry, state, academic, legislator, media"]),
    # Sizes
    ("long-name", {"stakeholders/ngo.yaml": NGO.replace("An NGO", "N" * 20_000)},
     ["data/stakeholders/ngo.yaml:2: 'name' is 20,000 characters long, more than the 200 allowed; shorten it"]),
    ("long-summary", statement("summary: It objects.", "summary: " + "word " * 1001),
     [f"{S}:8: 'summary' is 5,004 characters long, more than the 5,000 allowed; shorten it"]),
    # Ids that collide with generated pages, or that Windows cannot check out
    ("statement-called-index", renamed_statement("index"),
     ["data/statements/index.yaml:1: id 'index' is taken by the statements page (docs/statements/index.md) in the "
      "same folder; choose another id (and rename the file to match)"]),
    ("statement-called-by-date", renamed_statement("by-date"),
     ["data/statements/by-date.yaml:1: id 'by-date' is taken by the folder of the period pages "
      "(docs/statements/by-date/) in the same folder; choose another id (and rename the file to match)"]),
    ("theme-called-index", {"themes.yaml": "themes:\n  - {id: scope, name: Scope, description: x.}\n"
                                           "  - {id: index, name: Index, description: x.}\n"},
     ["data/themes.yaml:3: id 'index' is taken by the themes page (docs/themes/index.md) in the same folder; "
      "choose another id"]),
    ("windows-device-name", {"stakeholders/con.yaml": "id: con\nname: Con\ntype: ngo\n"},
     ["data/stakeholders/con.yaml:1: id 'con' is a name Windows reserves for a device (CON, PRN, AUX, NUL, "
      "COM0-COM9, LPT0-LPT9): its files could not be checked out there; choose another id (and rename the file "
      "to match)"]),
    ("windows-device-file", {"chapters/01.yaml": None,
                             "chapters/lpt1.yaml": (BASE / "chapters" / "01.yaml").read_text("utf-8")},
     ["data/chapters/lpt1.yaml:1: the file name 'lpt1.yaml' is reserved by Windows for a device (CON, PRN, AUX, "
      "NUL, COM0-COM9, LPT0-LPT9), so the repository could not be checked out there; rename the file"]),
    # Names that are the same, or only look the same
    ("duplicate-name", {"stakeholders/ngo-two.yaml": "id: ngo-two\nname: An  ngo\ntype: ngo\n"},
     ["data/stakeholders/ngo.yaml:2: 'name' 'An NGO' looks the same as the name of "
      "data/stakeholders/ngo-two.yaml:2 ('An  ngo'); if they are one stakeholder keep one file, otherwise make "
      "the names differ visibly"]),
    ("cyrillic-look-alike", {"stakeholders/ngo-two.yaml": "id: ngo-two\nname: Аn NGО\ntype: ngo\n"},
     ["data/stakeholders/ngo-two.yaml:2: 'name' mixes Cyrillic and Latin letters in the word 'Аn', so it can "
      "look like another name; type it again in one script",
      "data/stakeholders/ngo.yaml:2: 'name' 'An NGO' looks the same as the name of "
      "data/stakeholders/ngo-two.yaml:2 ('Аn NGО'); if they are one stakeholder keep one file, otherwise make the "
      "names differ visibly"]),
    # Labels of trust the data must back
    ("verbatim-without-address", statement(SOURCE, "source: {publisher: An NGO, status: unverified}\n"),
     [f"{S}:11: quote 'q1' is marked verbatim, but neither the source nor the quote gives an address ('url' or "
      "'seen_at') where the words can be read; add it, or mark the quote 'reported' and name who reported it"]),
    ("reported-without-who", statement(QUOTE, QUOTE.replace("verbatim", "reported")),
     [f"{S}:11: quote 'q1' is marked reported, but nothing says who reported it; add the quote's 'seen_at' "
      "(where it was quoted) or the source's 'reported_by'"]),
    ("quote-from-machine-summary", statement(SOURCE, SOURCE.replace("verified", "verified, machine_summary: true")),
     [f"{S}:11: quote 'q1' comes from a machine-generated summary ('machine_summary: true'), which is never "
      "quoted; remove the quote"]),
    ("date-in-the-future", statement("date: 2024-08-08", "date: 2090-08-08"),
     [f"{S}:3: 'date' is '2090-08-08', which is after today (2026-12-02); a statement and its source are dated "
      "when they were made: check the year"]),
]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    import datetime

    class Today(datetime.date):
        @classmethod
        def today(cls):
            return cls(2026, 12, 2)
    monkeypatch.setattr("treatysite.checks.datetime.date", Today)


@pytest.mark.parametrize("case, files, expected", CASES, ids=[c[0] for c in CASES])
def test_refused_with_the_fix(tmp_path, case, files, expected):
    data = tmp_path / "data"
    shutil.copytree(BASE, data, symlinks=True)
    for rel, text in files.items():
        if text is None:
            (data / rel).unlink()
        else:
            (data / rel).write_text(text, "utf-8")
    assert messages(data) == expected


def test_what_stays_allowed(tmp_path):
    """Tabs and line breaks in long text, accents, non-Latin scripts and no-break spaces in names."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data, symlinks=True)
    (data / "stakeholders/ngo.yaml").write_text("id: ngo\nname: \"Société\u00a0civile – Гражданское общество\"\n"
                                                "type: ngo\ndescription: \"Line one.\\n\\tLine two.\"\n", "utf-8")
    (data / "stakeholders/other.yaml").write_text("id: other\nname: Another NGO\ntype: ngo\n", "utf-8")
    assert messages(data) == []


def test_every_generated_folder_reserves_its_fixed_names():
    from treatysite.registry import PAGE_KINDS, taken_names
    for kind in PAGE_KINDS.values():
        if kind.path.count("{") == 1 and kind.path.endswith("}.md") and kind.path.count("/") == 1:
            folder = kind.path.partition("/")[0]
            fixed = [k.path for k in PAGE_KINDS.values() if k.path.startswith(folder + "/") and "{" not in k.path]
            assert {taken_names(kind.name)[n][0] for n in taken_names(kind.name)} >= set(fixed), kind.name
