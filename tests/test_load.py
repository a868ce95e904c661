"""Load stage: strict YAML, line numbers, and a clear message for every unreadable file."""
from __future__ import annotations

import pytest

from treatysite.errors import Problems
from treatysite.load import load_data, load_file


def load_text(tmp_path, text, name="statements/x.yaml", kind="statement"):
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    doc = load_file(path, f"data/{name}", kind, problems)
    return doc, [str(p) for p in problems.items]


@pytest.mark.parametrize("text, value", [
    ("a: no\n", "no"),
    ("a: yes\n", "yes"),
    ("a: off\n", "off"),
    ("a: 2.10\n", "2.10"),
    ("a: 1:20\n", "1:20"),
    ("a: 2024-08-08\n", "2024-08-08"),
    ("a: 007\n", 7),
    ("a: 12\n", 12),
    ("a: true\n", True),
    ("a: false\n", False),
    ("a: ~\n", None),
    ("a:\n", None),
    ("a: '12'\n", "12"),
    ("a: !!str 12\n", "12"),
    ("a: 1e3\n", "1e3"),
    ("a: .inf\n", ".inf"),
])
def test_values_are_what_the_editor_wrote(tmp_path, text, value):
    doc, problems = load_text(tmp_path, text)
    assert problems == []
    assert doc.data == {"a": value}


def test_lines_are_kept_for_every_value(tmp_path):
    doc, _ = load_text(tmp_path, "id: x\nobjections:\n  - id: a\n    targets:\n      - provision: art-1\n")
    assert doc.line(("objections", 0, "targets", 0, "provision")) == 5
    assert doc.line(("objections", 0, "id")) == 3
    assert doc.line(("objections", 0, "nothing", "here")) == 3  # nearest known parent


@pytest.mark.parametrize("text, message", [
    ("a: 1\nb: 2\na: 3\n", "data/statements/x.yaml:3: duplicate key 'a' (first set on line 1); keep only one"),
    ("a: &x 1\nb: *x\n", "data/statements/x.yaml:2: anchors and aliases (&name, *name) are not allowed; "
                         "write the value out in full"),
    ("a: [1, 2\n", "data/statements/x.yaml:2: YAML syntax error: did not find expected ',' or ']'; "
                   "check the indentation, and put text containing ': ' or starting with a special character in quotes"),
    ("", "data/statements/x.yaml:1: the file is empty; it must hold a mapping of fields (see the schema named on its "
         "first line)"),
    ("# only a comment\n", "data/statements/x.yaml:1: the file is empty; it must hold a mapping of fields (see the "
                           "schema named on its first line)"),
    ("- a\n- b\n", "data/statements/x.yaml:1: expected a mapping of fields (key: value) at the top of the file, "
                   "found a list"),
    ("a: 1\n---\nb: 2\n", "data/statements/x.yaml:2: the file holds more than one YAML document (a second '---'); "
                          "keep one per file"),
    ("a: !custom 1\n", "data/statements/x.yaml:1: YAML tags such as '!custom' are not allowed; remove the tag"),
    ("a: !!python/object:os.system 1\n", "data/statements/x.yaml:1: YAML tags such as "
                                         "'tag:yaml.org,2002:python/object:os.system' are not allowed; remove the tag"),
    ("<<: {a: 1}\n", "data/statements/x.yaml:1: merge keys (<<) are not allowed; write the fields out in full"),
    ("? [a]\n: 1\n", "data/statements/x.yaml:1: a key must be a plain word, not a list or mapping"),
    (b"a: caf\xe9\n", "data/statements/x.yaml:1: the file is not UTF-8 text (byte 0xe9 cannot be read); "
                      "save it with UTF-8 encoding"),
    ("a: 1\nb: \x00\n", "data/statements/x.yaml:2: the file contains a NUL character; it is not a text file"),
])
def test_bad_yaml_gets_one_clear_message(tmp_path, text, message):
    doc, problems = load_text(tmp_path, text)
    assert doc.data is None
    assert problems == [message]


def test_alias_bomb_is_rejected_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]"
              for i in range(1, 10)]
    doc, problems = load_text(tmp_path, "\n".join(lines) + "\n")
    assert doc.data is None
    assert problems == ["data/statements/x.yaml:2: anchors and aliases (&name, *name) are not allowed; "
                        "write the value out in full"]


def test_byte_order_mark_is_accepted(tmp_path):
    doc, problems = load_text(tmp_path, "\ufeffa: 1\n".encode("utf-8"))
    assert problems == [] and doc.data == {"a": 1}


def test_files_outside_the_layout_are_reported(tmp_path):
    data = tmp_path / "data"
    (data / "statements").mkdir(parents=True)
    (data / "statements" / "x.yml").write_text("a: 1\n")
    (data / "notes.yaml").write_text("a: 1\n")
    (data / "_template").mkdir()
    (data / "_template" / "statement.yaml").write_text("a: 1\n")
    (data / "README.md").write_text("not data")
    problems = Problems()
    docs = load_data(data, problems)
    assert docs == []
    assert [str(p) for p in problems.items] == [
        "data/notes.yaml: this file is not part of the data layout and would be ignored; expected one of: "
        "claims.yaml, concordance.yaml, lifecycle.yaml, ratifications.yaml, themes.yaml, timeline.yaml, treaty.yaml; chapters/<id>.yaml, "
        "stakeholders/<id>.yaml, countries/<id>.yaml, statements/<id>.yaml",
        "data/statements/x.yml: data files must end in .yaml, not .yml; rename the file",
    ]


def test_parallel_loading_gives_the_same_documents_and_problems(monkeypatch, tmp_path):
    import shutil
    from pathlib import Path
    from treatysite import load
    from treatysite.errors import Problems
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data, symlinks=True)
    (data / "statements" / "broken.yaml").write_text("id: broken\nid: again\n")
    (data / "stakeholders" / "odd.yml").write_text("id: odd\n")

    def run():
        problems = Problems()
        docs = load.load_data(data, problems)
        return [(d.rel, d.kind, d.data, d.line(("id",))) for d in docs], sorted(problems.items)

    sequential = run()
    monkeypatch.setattr(load, "PARALLEL_FROM", 0)
    assert run() == sequential
    assert any("duplicate key 'id'" in p.message for p in sequential[1])


def test_parallel_validation_gives_the_same_verdicts_and_problems(monkeypatch, tmp_path):
    import shutil
    from pathlib import Path
    from treatysite import validate
    from treatysite.load import load_data
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data, symlinks=True)
    (data / "stakeholders" / "bad.yaml").write_text("id: bad\nname: 7\n")

    def run():
        problems = Problems()
        valid = validate.validate_documents(load_data(data, problems), problems)
        return [d.rel for d in valid], sorted(problems.items)

    sequential = run()
    monkeypatch.setattr(validate, "PARALLEL_FROM", 0)
    assert run() == sequential
    assert "data/stakeholders/bad.yaml" not in sequential[0] and sequential[1]


# Files outside the repository: data is read only from regular files inside data/.

def _data(tmp_path):
    import shutil
    from stages import BASE
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("id: ngo\nname: SECRET-TOKEN-123\ntype: [x]\n")
    return tmp_path / "data", secret


def _report(data):
    problems = Problems()
    load_data(data, problems)
    return [str(p) for p in problems.items]


def test_a_data_file_that_is_a_link_is_not_read(tmp_path):
    data, secret = _data(tmp_path)
    (data / "stakeholders/ngo.yaml").unlink()
    (data / "stakeholders/ngo.yaml").symlink_to(secret)
    assert _report(data) == ["data/stakeholders/ngo.yaml: the file is a symbolic link; data is read only from "
                             "regular files inside data/, so it was not read; replace the link with the file itself"]


def test_a_data_folder_that_is_a_link_is_refused_not_skipped(tmp_path):
    import shutil
    data, _ = _data(tmp_path)
    shutil.move(data / "statements", tmp_path / "elsewhere")
    (data / "statements").symlink_to(tmp_path / "elsewhere")
    assert _report(data) == ["data/statements: this folder is a symbolic link; data is read only from regular "
                             "files inside data/, so it was not read; replace the link with the folder itself"]


def test_the_data_folder_itself_may_not_be_a_link(tmp_path):
    data, _ = _data(tmp_path)
    (tmp_path / "link").symlink_to(data)
    assert _report(tmp_path / "link") == ["data: the data folder is a symbolic link; data is read only from regular "
                                          "files inside data/, so it was not read; replace the link with the folder "
                                          "itself"]


def test_a_pipe_is_refused_without_waiting(tmp_path):
    import os
    data, _ = _data(tmp_path)
    os.mkfifo(data / "statements/pipe.yaml")
    assert _report(data) == ["data/statements/pipe.yaml: this is not a regular file (a pipe, device or socket); "
                             "data files are ordinary files: remove it"]


def test_a_file_too_large_is_refused_unread(tmp_path):
    data, _ = _data(tmp_path)
    (data / "stakeholders/ngo.yaml").write_text("id: ngo\ntype: ngo\nname: " + "N" * 1_000_000 + "\n")
    assert _report(data) == ["data/stakeholders/ngo.yaml: the file is 1,000,025 bytes, more than the 262,144 a data "
                             "file may hold; split it or shorten its text"]


def test_a_linked_folder_stops_the_build_and_no_page_is_deleted(tmp_path):
    import shutil
    from treatysite.build import generate
    from treatysite.errors import DataInvalid
    data, _ = _data(tmp_path)
    generate(data, tmp_path / "docs")
    before = sorted(p for p in (tmp_path / "docs").rglob("*"))
    shutil.move(data / "statements", tmp_path / "elsewhere")
    (data / "statements").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(DataInvalid):
        generate(data, tmp_path / "docs")
    assert sorted(p for p in (tmp_path / "docs").rglob("*")) == before
