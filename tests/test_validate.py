"""Validate stage: each kind of bad value gets its exact message (file:line, what, the fix), in process.

A table of (case, file, text, replacement, messages) on the base fixture; refresh a message only after a
deliberate wording change.
"""
from __future__ import annotations

import pytest

from stages import edited, messages

CASES = [
    ('bad-url-scheme', 'statements/ngo-2024-08.yaml',
     'source: {publisher: An NGO, url: "https://example.org/s", status: verified}\n',
     'source: {publisher: An NGO, url: "javascript:alert(1)", status: verified}\n',
     ["data/statements/ngo-2024-08.yaml:7: 'url' is 'javascript:alert(1)', which is not an allowed address; only http://, https:// and mailto: addresses without spaces are accepted"]),
    ('blank-text', 'stakeholders/ngo.yaml',
     'name: An NGO\n',
     'name: "   "\n',
     ["data/stakeholders/ngo.yaml:2: 'name' is blank; write some text or remove the line"]),
    ('empty-value', 'stakeholders/ngo.yaml',
     'name: An NGO\n',
     'name:\n',
     ["data/stakeholders/ngo.yaml:2: 'name' is empty; write a value (text) or remove the line"]),
    ('enum-typo', 'statements/ngo-2024-08.yaml',
     'kind: press-release\n',
     'kind: press release\n',
     ["data/statements/ngo-2024-08.yaml:4: 'kind' is the text 'press release', which is not allowed; expected one of: open-letter, joint-statement, press-release, post-on-x, post, speech, report, interview, submission, analysis, floor-position, op-ed, letter, declaration, decision, briefing, web-page; did you mean 'press-release'?"]),
    ('id-not-file-name', 'statements/ngo-2024-08.yaml',
     'id: ngo-2024-08\n',
     'id: ngo-2024-09\n',
     ["data/statements/ngo-2024-08.yaml:1: id 'ngo-2024-09' does not match the file name 'ngo-2024-08.yaml'; rename the file or change the id"]),
    ('impossible-date', 'statements/ngo-2024-08.yaml',
     'date: 2024-08-08\n',
     'date: 2024-02-30\n',
     ["data/statements/ngo-2024-08.yaml:3: 'date' is '2024-02-30', which is not a real date; write YYYY-MM-DD, YYYY-MM or YYYY"]),
    ('missing-field', 'stakeholders/ngo.yaml',
     'type: ngo\n',
     '',
     ["data/stakeholders/ngo.yaml:1: missing required field 'type' (Kind of stakeholder. States and the EU are countries (data/countries/), not stakeholder files); add it"]),
    ('not-a-date', 'statements/ngo-2024-08.yaml',
     'date: 2024-08-08\n',
     'date: 8 August 2024\n',
     ["data/statements/ngo-2024-08.yaml:3: 'date' is '8 August 2024', which is not a real date; write YYYY-MM-DD, YYYY-MM or YYYY"]),
    ('unknown-field', 'statements/ngo-2024-08.yaml',
     'summary: It objects.\n',
     'sumary: It objects.\n',
     ["data/statements/ngo-2024-08.yaml:1: missing required field 'summary' (The statement's position in one to three sentences, in our own words (a paraphrase, never shown as a quote)); add it", "data/statements/ngo-2024-08.yaml:8: unknown field 'sumary'; did you mean 'summary'?"]),
    ('url-with-space', 'statements/ngo-2024-08.yaml',
     'source: {publisher: An NGO, url: "https://example.org/s", status: verified}\n',
     'source: {publisher: An NGO, url: "https://example.org/a b", status: verified}\n',
     ["data/statements/ngo-2024-08.yaml:7: 'url' is 'https://example.org/a b', which is not an allowed address; only http://, https:// and mailto: addresses without spaces are accepted"]),
    ('wrong-type', 'stakeholders/ngo.yaml',
     'name: An NGO\n',
     'name: [An, NGO]\n',
     ["data/stakeholders/ngo.yaml:2: 'name' must be text, found a list; put it in quotes"]),
    ('supporting-argument-without-target', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-1, paragraph: h, basis: editorial}\n',
     '      - {provision: art-1, paragraph: h, basis: editorial}\nsupporting:\n  - {id: cooperation, summary: Helps.,'
     ' themes: [scope], asks: ratify, targets: []}\n',
     ["data/statements/ngo-2024-08.yaml:22: 'targets' needs at least 1 item(s)"]),
    ('unknown-basis', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-2, basis: cited}\n',
     '      - {provision: art-2, basis: quoted}\n',
     ["data/statements/ngo-2024-08.yaml:19: 'basis' is the text 'quoted', which is not allowed; expected one of: cited, editorial, treaty-text"]),
    ('unknown-stance', 'statements/ngo-2024-08.yaml',
     'stance: objects\n',
     'stance: against\n',
     ["data/statements/ngo-2024-08.yaml:9: 'stance' is the text 'against', which is not allowed; expected one of: objects, supports, mixed"]),
    ('lifecycle-outcome-outside-the-vocabulary', 'lifecycle.yaml', None,
     "objections:\n  - id: scope\n    asked: Narrow it.\n    raised_by: An NGO.\n    drafts: Zero draft.\n"
     "    provisions: [{provision: art-2, basis: editorial}]\n    status: verified\n"
     "    verdicts: [{outcome: ignored, according_to: An NGO, summary: Still broad., sources: [{publisher: An NGO, status: verified}]}]\n",
     ["data/lifecycle.yaml:8: 'outcome' is the text 'ignored', which is not allowed; expected one of: addressed, partly-addressed, not-addressed, made-worse"]),
]


@pytest.mark.parametrize("case, file, old, new, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_value_is_reported_exactly(tmp_path, case, file, old, new, expected):
    assert messages(edited(tmp_path, file, old, new)) == expected


def test_the_base_fixture_is_valid(tmp_path):
    assert messages(edited(tmp_path, "treaty.yaml", "slug:", "slug:")) == []


def test_a_value_without_a_label_is_an_error_naming_the_schema(tmp_path, monkeypatch):
    import json
    from treatysite import schema
    statement = json.loads((schema.SCHEMA_DIR / "statement.schema.json").read_text("utf-8"))
    statement["properties"]["kind"]["oneOf"].append({"const": "podcast"})
    (tmp_path / "statement.schema.json").write_text(json.dumps(statement))
    for name in ("common.schema.json",):
        (tmp_path / name).write_text((schema.SCHEMA_DIR / name).read_text("utf-8"))
    monkeypatch.setattr(schema, "SCHEMA_DIR", tmp_path)
    schema.bundled_schema.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"schema/statement.schema.json: the value 'podcast' of kind has no title"):
            schema.choices("statement", "kind")
    finally:
        schema.bundled_schema.cache_clear()


def test_every_value_of_every_labelled_field_has_a_label():
    from treatysite import model
    for labels in (model.STAKEHOLDER_TYPES, model.STATUS_LABELS, model.ASKS, model.BASIS, model.KINDS):
        assert labels and all(isinstance(v, str) and v for v in labels.values())


def test_defaults_come_from_the_schema_alone(tmp_path):
    """A field left out gets the schema's "default" (filled in by validation), and a value given is kept."""
    from stages import BASE, edited
    from treatysite.build import read_site
    from treatysite.schema import bundled_schema
    declared = bundled_schema("statement")["properties"]["objections"]["items"]["properties"]["direction"]["default"]
    assert "direction" not in (BASE / "statements" / "ngo-2024-08.yaml").read_text("utf-8")
    assert read_site(BASE).statements[0].objections[0].direction == declared
    other = next(value for value in ("more-protection", "fewer-safeguards") if value != declared)
    data = edited(tmp_path, "statements/ngo-2024-08.yaml", "    asks: narrow\n", f"    asks: narrow\n    direction: {other}\n")
    assert read_site(data).statements[0].objections[0].direction == other
