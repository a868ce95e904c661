"""The documentation keeps up: commands, fields, the workflow, and the contributor's template."""
from __future__ import annotations

import re
from pathlib import Path

from datafiles import copy_data, documents, read, text
from treatysite.build import generate
from treatysite.errors import Problems
from treatysite.load import load_file
from treatysite.registry import DATA_KINDS
from treatysite.schemadoc import fields

ROOT = Path(__file__).resolve().parent.parent


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(), re.M))


def test_documented_make_targets_exist():
    documented = set()
    for doc in ("README.md", "CONTRIBUTING.md"):
        documented |= set(re.findall(r"`make ([a-z]+)`", (ROOT / doc).read_text()))
    assert {"serve", "test", "site"} <= documented
    assert documented <= make_targets()


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_schema_field_has_a_description():
    for kind in DATA_KINDS:
        for field in fields(kind):
            assert field.description.strip(), f"schema/{kind}.schema.json: field {field.path} has no description"


def test_every_statement_field_is_in_contributing():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    for field in fields("statement"):
        name = field.path.split(".")[-1].replace("[]", "")
        assert f"`{name}`" in text, f"CONTRIBUTING.md does not explain the statement field {name}"


def test_template_is_a_valid_statement(tmp_path):
    copy_data(ROOT / "data", tmp_path / "data")
    template = text(ROOT / "data" / "_templates" / "statement.yaml")
    (tmp_path / "data" / "statements" / "hrw-2024-08-example.yaml").write_text(template, "utf-8")
    counts = generate(tmp_path / "data", None)
    assert counts["statements"] == len(read("statements")) + 1


def workflow() -> dict:
    problems = Problems()
    doc = load_file(ROOT / ".github/workflows/pages.yml", "pages.yml", "workflow", problems)
    assert not problems, problems.report()
    return doc.data


def test_workflow_builds_on_every_push_and_pull_request_and_deploys_main_only():
    wf = workflow()
    assert set(wf["on"]) == {"push", "pull_request"}
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    commands = [step.get("run", "") for step in build["steps"]]
    assert "make test" in commands and "make site" in commands
    assert commands.index("make test") < commands.index("make site")
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert "refs/heads/main" in upload["if"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_workflow_uses_the_readme_commands():
    readme = (ROOT / "README.md").read_text()
    for step in workflow()["jobs"]["build"]["steps"]:
        if step.get("run", "").startswith("make "):
            assert f"`{step['run']}`" in readme or step["run"] in readme


def test_edit_links_lead_to_the_source_file(tmp_path):
    from sitebuild import build_site
    base = "https://github.com/example-owner/example-repo/edit/main/"
    result = build_site(tmp_path, env={"REPO_EDIT_BASE": base})
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"

    def edit_link(url):
        found = re.findall(r'<a href="([^"]+)" title="Edit this page"', (site / url / "index.html").read_text("utf-8"))
        return found[0] if found else None

    assert edit_link("articles/article-35") == base + "data/chapters/05.yaml"
    assert edit_link("statements/hrw-2024-08-brown-x") == base + "data/statements/hrw-2024-08-brown-x.yaml"
    assert edit_link("stakeholders/hrw") == base + "data/stakeholders/hrw.yaml"
    assert edit_link("themes/scope") == base + "data/themes.yaml"
    assert edit_link("overview/timeline") == base + "data/timeline.yaml"
    assert edit_link("") == base + "data/treaty.yaml"
    assert edit_link("about/method") == base + "docs/about/method.md"
    assert edit_link("statements") is None  # generated from many files: no single file to edit
    for data_file in set(re.findall(re.escape(base) + r"(data/[^\"]+)", "".join(
            p.read_text("utf-8") for p in site.rglob("*.html")))):
        assert (ROOT / data_file).is_file(), data_file


def test_every_data_file_names_its_schema_for_the_editor():
    from treatysite.registry import kind_of_file
    templates = sorted((ROOT / "data" / "_templates").glob("*.yaml"))
    for path, yaml_text in [(ROOT / d.rel, d.text) for d in documents()] + [(p, text(p)) for p in templates]:
        parts = path.relative_to(ROOT / "data").parts
        found = kind_of_file(parts)
        kind = found.name if found else ("statement" if parts[0] == "_templates" else None)
        first = yaml_text.splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path}: first line should be '# yaml-language-server: $schema=…'"
        schema = (path.parent / match.group(1)).resolve()
        assert schema == (ROOT / "schema" / f"{kind}.schema.json").resolve(), path
