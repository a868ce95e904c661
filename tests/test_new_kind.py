"""Adding a kind of content is a schema, one module, one template and one entry in the registry: nothing else.

A copy of the package gets a toy kind (notes, in notes.yaml) through exactly those four files; built from the
test fixture's data with a notes.yaml, the site has the notes page, its place in the navigation, its schema on the
Data page and its part of dataset.json; without notes.yaml, it has none of them.
"""
from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import ENGINE, ROOT, copy_project
from stages import BASE

SCHEMA = """{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "notes.schema.json",
  "title": "Notes",
  "description": "Short notes shown on one page (data/notes.yaml).",
  "type": "object",
  "additionalProperties": false,
  "required": ["notes"],
  "properties": {
    "notes": {
      "description": "The notes, in the order the page lists them.",
      "type": "array", "minItems": 1,
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "title", "text"],
        "properties": {
          "id": {"description": "Identifier; the note's anchor.", "$ref": "common.schema.json#/$defs/slug"},
          "title": {"description": "Heading of the note.", "$ref": "common.schema.json#/$defs/text"},
          "text": {"description": "The note, in our words.", "$ref": "common.schema.json#/$defs/text"}
        }
      }
    }
  }
}
"""
MODULE = '''"""Notes: short texts listed in notes.yaml, on one page."""
from __future__ import annotations

from dataclasses import dataclass

from ..kind import DataKind, Kind, PageKind


@dataclass
class Note:
    id: str
    title: str
    text: str


class Notes(Kind):
    name = "notes"
    data = (DataKind("notes", "notes.yaml", lists=("notes",)),)
    pages = (PageKind("notes", "notes/index.md", "notes.md.j2", "notes", ("Background", "Notes")),)

    def link(self, ln, docs, found):
        doc = docs["notes"][0] if docs["notes"] else None
        notes = ln.listed(doc, "notes", "note id", lambda i, n: Note(n["id"], n["title"], n["text"]))
        return {"notes": list(notes.values())}

    def plan(self, site):
        yield "notes", None, {"notes": site.notes}

    def dataset(self, site):
        return {"notes": [{"id": n.id, "title": n.title, "text": n.text} for n in site.notes]}


KIND = Notes()
'''
TEMPLATE = """{{ front_matter(title="Notes") }}

{% for n in notes %}
## {{ n.title }} {: #{{ n.id|anchor }} }

{{ n.text }}

{% endfor %}
"""
DATA = """# yaml-language-server: $schema=../schema/notes.schema.json
notes:
  - id: first
    title: A first note
    text: Notes are a kind the package did not know.
"""
OWN = ("treatysite", "schema")   # what the copy changes: the package and the schemas


def add_notes(repo: Path) -> None:
    """The toy kind, in the four files a new kind takes."""
    (repo / "schema" / "notes.schema.json").write_text(SCHEMA, "utf-8")
    (repo / "treatysite" / "kinds" / "notes.py").write_text(MODULE, "utf-8")
    (repo / "treatysite" / "templates" / "notes.md.j2").write_text(TEMPLATE, "utf-8")
    registry = repo / "treatysite" / "registry.py"
    text = registry.read_text("utf-8")
    entry = "concordance.KIND, overview.KIND]"
    assert text.count(entry) == 1 and text.count("from .kinds import ") == 1
    registry.write_text(text.replace(entry, "concordance.KIND, notes.KIND, overview.KIND]")
                        .replace("from .kinds import ", "from .kinds import notes\nfrom .kinds import "), "utf-8")


def changed_files(repo: Path) -> list[str]:
    """Files of the package and schemas that differ from this project's, or are new."""
    found = []
    for part in OWN:
        for path in sorted((repo / part).rglob("*")):
            rel = path.relative_to(repo)
            if path.is_file() and "__pycache__" not in rel.parts:
                if not (ROOT / rel).is_file() or not filecmp.cmp(path, ROOT / rel, shallow=False):
                    found.append(rel.as_posix())
    return sorted(found)


def generate_in(repo: Path) -> subprocess.CompletedProcess:
    """The copy's build_site.py, in a process of its own (so that it imports the copy's package)."""
    return subprocess.run([sys.executable, str(repo / "build_site.py"), "--data", str(repo / "data"),
                           "--docs", str(repo / "docs")], cwd=repo, capture_output=True, text=True)


def project_copy(tmp_path: Path, notes: bool) -> Path:
    (tmp_path / "repo").mkdir()
    repo = copy_project(tmp_path / "repo")
    for part in OWN:
        shutil.copytree(ROOT / part, repo / part, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "build_site.py", repo / "build_site.py")
    (repo / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "country-ids.tsv", repo / "tools")   # the fact checks read it
    shutil.copytree(BASE, repo / "data", symlinks=True)
    add_notes(repo)
    if notes:
        (repo / "data" / "notes.yaml").write_text(DATA, "utf-8")
    return repo


def test_a_new_kind_takes_a_schema_a_module_a_template_and_a_registry_entry(tmp_path):
    repo = project_copy(tmp_path, notes=True)
    assert changed_files(repo) == ["schema/notes.schema.json", "treatysite/kinds/notes.py", "treatysite/registry.py",
                                   "treatysite/templates/notes.md.j2"]
    run = generate_in(repo)
    assert run.returncode == 0, run.stdout + run.stderr
    docs = repo / "docs"
    page = (docs / "notes" / "index.md").read_text("utf-8")
    assert "## A first note {: #first }" in page and "Notes are a kind the package did not know" in page
    assert '"Notes": "notes/index.md"' in (docs / ".nav.yml").read_text("utf-8")
    dataset = json.loads((docs / "download" / "dataset.json").read_text("utf-8"))
    assert dataset["notes"] == [{"id": "first", "title": "A first note", "text": "Notes are a kind the package did "
                                                                                 "not know."}]
    assert "(schema/notes.schema.json)" in (docs / "download" / "index.md").read_text("utf-8")
    assert (docs / "download" / "schema" / "notes.schema.json").read_text("utf-8") == SCHEMA
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")   # its hook is the copy's own publish guard
    built = subprocess.run([sys.executable, "-m", ENGINE, "build", "--strict", "-d", str(tmp_path / "site")], cwd=repo,
                           capture_output=True, text=True)
    assert built.returncode == 0 and "WARNING" not in built.stderr, built.stderr
    assert "A first note" in (tmp_path / "site" / "notes" / "index.html").read_text("utf-8")


def test_a_kind_with_no_data_has_no_page_and_no_place_in_the_navigation(tmp_path):
    repo = project_copy(tmp_path, notes=False)
    run = generate_in(repo)
    assert run.returncode == 0, run.stdout + run.stderr
    assert not (repo / "docs" / "notes").exists()
    assert "notes/index.md" not in (repo / "docs" / ".nav.yml").read_text("utf-8")
    assert json.loads((repo / "docs" / "download" / "dataset.json").read_text("utf-8"))["notes"] == []
