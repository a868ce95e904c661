"""The files that list the generated part of docs/ by hand agree with the registry, which owns it.

.gitignore keeps the generated folders and files out of git; mkdocs.yml's not_in_nav names the generated pages
that are reached through other pages rather than the navigation; README.md tells maintainers which folders are
generated. A new page kind in a new folder must reach all three.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pathspec.gitignore
import pytest
import yaml

from sitebuild import ROOT, copy_project
from treatysite.build import generate
from treatysite.registry import generated_files, generated_folders
from treatysite.write import MANIFEST

OTHER_TREATY = ROOT / "tests" / "fixtures" / "other-treaty"


def generated() -> set[str]:
    """What the registry says the generator owns at the top of docs/: folders end in /."""
    return {f"{name}/" for name in generated_folders()} | set(generated_files()) | {MANIFEST}


def gitignored_docs(text: str) -> set[str]:
    """The docs/ entries of a .gitignore, as written after docs/."""
    lines = [line.strip() for line in text.splitlines()]
    return {line[len("docs/"):] for line in lines if line.startswith("docs/")}


def test_gitignore_lists_exactly_the_generated_folders_and_files():
    listed = gitignored_docs((ROOT / ".gitignore").read_text("utf-8"))
    assert listed == generated(), (f".gitignore lacks {sorted(generated() - listed)} and lists "
                                   f"{sorted(listed - generated())} that the generator does not make")


def test_a_folder_missing_from_gitignore_is_found():
    text = (ROOT / ".gitignore").read_text("utf-8").replace("docs/countries/\n", "")
    assert generated() - gitignored_docs(text) == {"countries/"}


def test_readme_names_every_generated_folder():
    readme = (ROOT / "README.md").read_text("utf-8")
    paragraph = re.search(r"Generated folders of `docs/`(.*?)\n\n", readme, re.S)
    assert paragraph, "README.md has no paragraph starting 'Generated folders of `docs/`'"
    named = set(re.findall(r"`(?:docs/)?([^`]+)`", paragraph.group(1)))
    missing = sorted(name for name in generated() - {MANIFEST} if name not in named)
    assert not missing, f"README.md's paragraph on the generated folders does not name {missing}"


def _nav_pages(nav) -> set[str]:
    """Every page path in a navigation tree as mkdocs.yml writes it."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_nav_pages(entry) for entry in nav))
    if isinstance(nav, dict):
        return set().union(*(_nav_pages(value) for value in nav.values()))
    return set()


def unlisted(project: Path, docs: Path) -> tuple[list[str], list[str]]:
    """(generated pages neither in the navigation nor in not_in_nav, not_in_nav patterns that match no page)
    for a mkdocs.yml and its generated docs/; the engine reads not_in_nav as .gitignore patterns."""
    config = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "''", (project / "mkdocs.yml").read_text("utf-8")))
    patterns = [line.strip() for line in config["not_in_nav"].splitlines() if line.strip()]
    nav = _nav_pages(yaml.safe_load((docs / ".nav.yml").read_text("utf-8"))["nav"])
    pages = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
    ours = [p for p in pages if p.split("/")[0] + "/" in generated() or p in generated()]
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(patterns)
    missing = [p for p in ours if p not in nav and not spec.match_file(p)]
    unused = [pattern for pattern in patterns
              if not any(pathspec.gitignore.GitIgnoreSpec.from_lines([pattern]).match_file(p) for p in pages)]
    return missing, unused


@pytest.mark.parametrize("project, data", [(ROOT, ROOT / "data"), (OTHER_TREATY, OTHER_TREATY / "data")],
                         ids=["this-site", "other-treaty"])
def test_not_in_nav_names_the_generated_pages_left_out_of_the_navigation(tmp_path, project, data):
    if project == ROOT:
        copy_project(tmp_path, docs_only=True)
    else:
        shutil.copytree(project / "docs", tmp_path / "docs", symlinks=True)
    generate(data, tmp_path / "docs")
    missing, unused = unlisted(project, tmp_path / "docs")
    assert not missing, f"{project / 'mkdocs.yml'}: not_in_nav does not cover these generated pages: {missing[:5]}"
    assert not unused, f"{project / 'mkdocs.yml'}: these not_in_nav patterns match no page: {unused}"


def test_a_pattern_missing_from_not_in_nav_is_found(tmp_path):
    copy_project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8").replace("  /countries/*.md\n", ""),
                                         "utf-8")
    generate(ROOT / "data", tmp_path / "docs")
    missing, unused = unlisted(tmp_path, tmp_path / "docs")
    assert missing and all(p.startswith("countries/") and p != "countries/index.md" for p in missing)
    assert not unused
