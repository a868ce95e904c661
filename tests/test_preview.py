"""The incremental preview (treatysite/preview.py): after any sequence of edits, the site it serves is the site a
clean build makes from the same data, and it rebuilds only what an edit changed."""
from __future__ import annotations

import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sitebuild import ENGINE, copy_project

from treatysite import build, load
from treatysite.build import generate
from treatysite.preview import Builder
from treatysite.registry import DATA_KINDS, PAGE_KINDS
from treatysite.write import GENERATED_FILES, GENERATED_FOLDERS

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).resolve().parent / "fixtures" / "base" / "data"
STATEMENT = "statements/ngo-2024-08.yaml"


def clean_build(project: Path, dest: Path) -> Path:
    """What `make site` makes from the project (without --strict's check): a copy of its configuration,
    overrides and hand-written docs/, a fresh generation into it by build_site.py, then the engine's own clean
    build of it into dest."""
    fresh = dest.with_name(dest.name + "-project")
    shutil.copytree(project / "overrides", fresh / "overrides", symlinks=True)
    shutil.copy(project / "mkdocs.yml", fresh / "mkdocs.yml")
    shutil.copytree(project / "docs", fresh / "docs", symlinks=True,
                    ignore=lambda folder, names: [n for n in names if Path(folder) == project / "docs"
                                                  and (n in GENERATED_FOLDERS or n in GENERATED_FILES)])
    for command in ([sys.executable, str(ROOT / "build_site.py"), "--data", "data", "--docs", str(fresh / "docs")],
                    [sys.executable, "-m", ENGINE, "build", "-q", "-f", str(fresh / "mkdocs.yml"), "-d", str(dest)]):
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture
def preview_generation(monkeypatch):
    """Generation as the preview runs it: parsing only changed files, making only pages whose inputs changed."""
    monkeypatch.setattr(load, "_PARSED", None)
    monkeypatch.setattr(build, "_KEPT", None)
    load.keep_parsed_files()
    build.keep_pages()


# Two clean builds of the same pages give different Pagefind metadata and filter files (their order differs), so
# those are left out; Pagefind's fragments (one per page indexed, with its text) and word index are compared.
UNSTABLE = ("pagefind/pagefind-entry.json", "pagefind/pagefind.en_", "pagefind/filter/")


def contents(site: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path; a gzip file by what it holds (its header has a time)."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and not path.relative_to(site).as_posix().startswith(UNSTABLE):
            data = path.read_bytes()
            found[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return found


def assert_same_site(served: Path, clean: Path) -> None:
    ours, theirs = contents(served), contents(clean)
    assert sorted(ours) == sorted(theirs), (f"only in the preview: {sorted(set(ours) - set(theirs))}; "
                                            f"only in the clean build: {sorted(set(theirs) - set(ours))}")
    differ = [rel for rel in ours if ours[rel] != theirs[rel]]
    assert not differ, f"{len(differ)} file(s) differ from a clean build, e.g. {differ[:5]}"


@pytest.fixture
def project(tmp_path):
    copy_project(tmp_path)
    shutil.copytree(BASE, tmp_path / "data", symlinks=True)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_after_each_edit_the_preview_is_what_a_clean_build_makes(project, tmp_path, preview_generation):
    data, docs, site = project / "data", project / "docs", tmp_path / "preview-site"
    builder = Builder(project / "mkdocs.yml", site, search_now=True)
    steps = []

    def step(name: str):
        generated = generate(data, docs)
        builder.build()
        builder.last["generated"] = generated["written"]
        steps.append((name, dict(builder.last)))
        assert_same_site(site, clean_build(project, tmp_path / f"clean-{len(steps)}"))
        return builder.last

    first = step("first build")
    assert first["full"] and first["built"] == first["pages"]

    # A statement's title: its page and the pages that list it, nothing else.
    edit(data / STATEMENT, "title: A statement", "title: An edited statement")
    done = step("title")
    assert not done["full"] and 0 < done["built"] < done["pages"] / 2, steps
    assert 0 < done["generated"] < 20, steps

    # A statement added, then removed: its page comes and goes, and so do the links to it.
    added = data / "statements" / "ngo-2024-09.yaml"
    added.write_text((data / STATEMENT).read_text("utf-8").replace("id: ngo-2024-08", "id: ngo-2024-09")
                     .replace("date: 2024-08-08", "date: 2024-09-09")
                     .replace("title: An edited statement", "title: A second statement")
                     .replace("text: Too broad.", "text: Far too broad."), "utf-8")  # a quotation is given once
    done = step("statement added")
    assert not done["full"] and done["built"] < done["pages"], steps
    assert (site / "statements" / "ngo-2024-09" / "index.html").is_file()
    added.unlink()
    done = step("statement removed")
    assert not done["full"] and done["deleted"] >= 1, steps
    assert not (site / "statements" / "ngo-2024-09").exists()

    # An article's title is in the navigation, which every page shows: everything is built again.
    edit(data / "chapters" / "01.yaml", "title: Scope,", "title: Scope of application,")
    assert step("navigation")["full"], steps

    # A hand-written page: that page alone.
    edit(docs / "about" / "method.md", "\n", "\nA sentence added by hand.\n")
    done = step("hand-written page")
    assert not done["full"] and done["built"] == 1, steps

    # Nothing changed: nothing is written.
    done = step("no change")
    assert not done["full"] and done["built"] == 0, steps


def test_a_page_that_names_an_added_page_is_rendered_again(project, tmp_path, preview_generation):
    """Links resolve against the set of pages: a hand-written page linking to a page that did not exist yet
    renders differently once it exists, although its own file did not change."""
    data, docs, site = project / "data", project / "docs", tmp_path / "preview-site"
    page = docs / "about" / "method.md"
    page.write_text(page.read_text("utf-8") + "\nSee [the second statement](../statements/ngo-2024-09.md).\n", "utf-8")
    builder = Builder(project / "mkdocs.yml", site, search_now=True)
    generate(data, docs)
    builder.build()
    (data / "statements" / "ngo-2024-09.yaml").write_text(
        (data / STATEMENT).read_text("utf-8").replace("id: ngo-2024-08", "id: ngo-2024-09")
        .replace("text: Too broad.", "text: Far too broad."), "utf-8")  # a quotation is given once
    generate(data, docs)
    builder.build()
    assert not builder.last["full"]
    assert 'href="../../statements/ngo-2024-09/"' in (site / "about" / "method" / "index.html").read_text("utf-8")
    assert_same_site(site, clean_build(project, tmp_path / "clean"))


def test_pages_said_to_show_only_their_own_file_show_no_other_file_of_their_kind(tmp_path):
    """PageKind.own_file_only lets the preview keep a page while its own file and the files of other kinds are
    unchanged; so an edit to another file of its kind (here: another statement) must leave the page as it is."""
    kinds = [k for k in DATA_KINDS.values() if k.page and PAGE_KINDS[k.page].own_file_only]
    assert [k.name for k in kinds] == ["statement"]  # the fixture below has statements; extend it with a new kind
    data, docs = tmp_path / "data", tmp_path / "docs"
    shutil.copytree(BASE, data, symlinks=True)
    page = docs / "statements" / "ngo-2024-08.md"
    generate(data, docs)
    alone = page.read_bytes()
    other = data / "statements" / "ngo-2024-09.yaml"
    text = (data / STATEMENT).read_text("utf-8").replace("id: ngo-2024-08", "id: ngo-2024-09").replace(
        "text: Too broad.", "text: Far too broad.")  # a quotation is given once
    for changed in (text, text.replace("title: A statement", "title: Another").replace(
                        "stance: objects", "stance: mixed\nmixture: Objects to one article and welcomes the rest.")
                    .replace("provision: art-2", "provision: art-3").replace("date: 2024-08-08", "date: 2023-01-02")):
        other.write_text(changed, "utf-8")
        generate(data, docs)
        assert page.read_bytes() == alone
    other.unlink()
    generate(data, docs)
    assert page.read_bytes() == alone


# The real preview, in a process of its own: a data error leaves the last good pages up.

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait(what, timeout: float, message: str):
    """Poll what() until it returns something true; fail (never hang) after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(message)


def test_a_data_error_leaves_the_last_good_pages_up_and_the_fix_shows(project):
    port = _free_port()
    log = project / "preview.log"
    preview = subprocess.Popen([sys.executable, str(ROOT / "build_site.py"), "--serve", "--dev-addr",
                                f"127.0.0.1:{port}"], cwd=project, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)), start_new_session=True)
    page = f"http://127.0.0.1:{port}/statements/ngo-2024-08/"
    try:
        _wait(lambda: _get(page), 120, "the preview did not start")
        statement = project / "data" / STATEMENT
        edit(statement, "title: A statement", "title: [unclosed")  # a YAML syntax error
        _wait(lambda: "error" in log.read_text(), 60, f"the error was not reported:\n{log.read_text()}")
        time.sleep(1)  # time enough for a (wrong) rebuild to happen
        assert "A statement" in _get(page)
        assert "Rebuilt" not in log.read_text()  # nothing was built from the broken data
        edit(statement, "title: [unclosed", "title: A fixed statement")
        _wait(lambda: "A fixed statement" in (_get(page) or ""), 60, f"the fix was not shown:\n{log.read_text()}")
    finally:
        preview.send_signal(signal.SIGTERM)
        try:
            preview.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(preview.pid, signal.SIGKILL)
            preview.wait()
