"""Write stage: owns its folders, never leaves half a file, never touches what it did not generate."""
from __future__ import annotations

import os

import pytest

from processes import FullDisk

from treatysite.errors import OutputRefused
from treatysite.write import MARKER, Output, incomplete_site, write_tree

PAGE = f"---\n# {MARKER} from data/x.yaml\ntitle: x\n---\nbody\n"


def test_writes_then_leaves_unchanged_files_alone(tmp_path):
    pages = {"articles/article-1.md": PAGE, "statements/a.md": PAGE}
    assert write_tree(tmp_path, pages) == {"written": 2, "unchanged": 0, "deleted": 0}
    before = (tmp_path / "articles/article-1.md").stat().st_mtime_ns
    assert write_tree(tmp_path, pages) == {"written": 0, "unchanged": 2, "deleted": 0}
    assert (tmp_path / "articles/article-1.md").stat().st_mtime_ns == before


def test_removes_its_own_stale_pages(tmp_path):
    write_tree(tmp_path, {"statements/a.md": PAGE, "statements/b.md": PAGE})
    assert write_tree(tmp_path, {"statements/a.md": PAGE})["deleted"] == 1
    assert not (tmp_path / "statements/b.md").exists()
    assert (tmp_path / "statements/a.md").exists()


def test_refuses_to_overwrite_a_hand_written_file(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles/article-1.md").write_text("# My notes\n")
    with pytest.raises(OutputRefused, match=r"refusing to touch 1 file\(s\).*\n  docs/articles/article-1.md"):
        write_tree(tmp_path, {"articles/article-1.md": PAGE, "articles/article-2.md": PAGE})
    assert (tmp_path / "articles/article-1.md").read_text() == "# My notes\n"
    assert not (tmp_path / "articles/article-2.md").exists()  # nothing written at all


def test_refuses_to_delete_a_hand_written_file_in_a_generated_folder(tmp_path):
    (tmp_path / "statements").mkdir()
    (tmp_path / "statements/notes.md").write_text("mine\n")
    with pytest.raises(OutputRefused, match="docs/statements/notes.md"):
        write_tree(tmp_path, {"statements/a.md": PAGE})
    assert (tmp_path / "statements/notes.md").read_text() == "mine\n"


def test_hand_written_pages_elsewhere_are_untouched(tmp_path):
    (tmp_path / "welcome.md").write_text("home\n")  # index.md is the generator's (the home page)
    (tmp_path / "about").mkdir()
    (tmp_path / "about/method.md").write_text("method\n")
    write_tree(tmp_path, {"statements/a.md": PAGE})
    write_tree(tmp_path, {})
    assert (tmp_path / "welcome.md").read_text() == "home\n"
    assert (tmp_path / "about/method.md").read_text() == "method\n"
    assert not (tmp_path / "statements").exists()


def test_no_temporary_files_are_left_behind(tmp_path, monkeypatch):
    write_tree(tmp_path, {"statements/a.md": PAGE})
    assert [p.name for p in (tmp_path / "statements").iterdir()] == ["a.md"]
    # A replacement that fails at the rename leaves the old page whole and no temporary file.
    import os

    def fail(src, dst):
        raise OSError(28, "No space left on device", str(dst))
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_tree(tmp_path, {"statements/a.md": PAGE.replace("body", "changed body")})
    assert [p.name for p in (tmp_path / "statements").iterdir()] == ["a.md"]
    assert (tmp_path / "statements/a.md").read_text() == PAGE


def test_refuses_to_replace_a_folder_that_stands_where_a_page_goes(tmp_path):
    (tmp_path / "statements/a.md").mkdir(parents=True)
    with pytest.raises(OutputRefused, match="docs/statements/a.md"):
        write_tree(tmp_path, {"statements/a.md": PAGE})
    assert (tmp_path / "statements/a.md").is_dir()


def test_removes_nested_folders_left_empty_and_keeps_the_rest(tmp_path):
    write_tree(tmp_path, {"statements/by-date/2024-08.md": PAGE, "statements/a.md": PAGE})
    write_tree(tmp_path, {"statements/a.md": PAGE})
    assert not (tmp_path / "statements/by-date").exists()
    assert (tmp_path / "statements/a.md").exists()


def test_a_file_made_meanwhile_where_a_new_page_goes_is_not_clobbered(tmp_path):
    output = Output(tmp_path)
    output.begin(["statements/a.md"])
    (tmp_path / "statements/a.md").write_text("typed while the pages were written\n")
    with pytest.raises(FileExistsError):
        output.put("statements/a.md", PAGE)
    assert (tmp_path / "statements/a.md").read_text() == "typed while the pages were written\n"


def test_a_new_file_whose_write_fails_is_removed(tmp_path, monkeypatch):
    output = Output(tmp_path)
    output.begin(["statements/a.md"])

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(fd))
    with pytest.raises(OSError, match="No space left"):
        output.put("statements/a.md", PAGE)
    assert list((tmp_path / "statements").iterdir()) == []


def test_a_run_killed_after_any_write_leaves_its_files_to_the_next_run_and_nothing_unfinished_after_it(tmp_path):
    import json
    output = Output(tmp_path)
    output.begin(["download/objections.csv", "statements/a.md"])
    output.put("download/objections.csv", "id\n1\n")  # no room for a marker in a CSV; then the run is killed
    output.release()  # as the kernel does for a killed process
    assert incomplete_site(tmp_path).startswith(f"{tmp_path}/ holds an unfinished generation")
    assert write_tree(tmp_path, {"download/objections.csv": "id\n2\n", "statements/a.md": PAGE})["written"] == 2
    manifest = json.loads((tmp_path / ".generated.json").read_text())
    assert set(manifest) == {"download/objections.csv", "statements/a.md"}
    assert "unfinished" not in manifest.values()
    assert (tmp_path / "download/objections.csv").read_text() == "id\n2\n"
    assert incomplete_site(tmp_path) is None


def test_a_full_disk_names_the_file_it_could_not_write(tmp_path, monkeypatch):
    output = Output(tmp_path)
    output.begin(["statements/a.md"])
    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(fd))
    with pytest.raises(OSError) as raised:
        output.put("statements/a.md", PAGE)
    assert raised.value.filename == f"{tmp_path}/statements/a.md"


@pytest.mark.parametrize("where", ["statements", "statements/by-date", ".nav.yml", "statements/a.md"])
def test_never_writes_through_a_symbolic_link(tmp_path, where):
    outside = tmp_path / "outside"
    outside.mkdir()
    docs = tmp_path / "docs"
    (docs / where).parent.mkdir(parents=True, exist_ok=True)
    (docs / where).symlink_to(outside if "." not in where else outside / "file")
    pages = {"statements/a.md": PAGE, "statements/by-date/2024.md": PAGE, ".nav.yml": "nav: []\n"}
    with pytest.raises(OutputRefused, match=f"symbolic links or not regular files and folders:\n  docs/{where}\n"):
        write_tree(docs, pages)
    assert list(outside.iterdir()) == []
    assert not (docs / ".generated.json").exists()  # nothing was written


def test_a_pipe_in_a_generated_folder_is_refused_not_read(tmp_path):
    (tmp_path / "statements").mkdir()
    os.mkfifo(tmp_path / "statements/old.md")  # reading it would wait for ever
    with pytest.raises(OutputRefused, match="docs/statements/old.md"):
        write_tree(tmp_path, {"statements/a.md": PAGE})


def test_temporary_files_of_a_killed_run_are_removed(tmp_path):
    write_tree(tmp_path, {"statements/a.md": PAGE})
    (tmp_path / "statements/.tmp-999-a.md").write_text("half a pa")  # killed between writing and renaming
    (tmp_path / ".tmp-999-.generated.json").write_text("{")
    assert write_tree(tmp_path, {"statements/a.md": PAGE})["deleted"] == 0
    assert sorted(p.name for p in (tmp_path / "statements").iterdir()) == ["a.md"]
    assert not (tmp_path / ".tmp-999-.generated.json").exists()


def test_a_complete_site_is_exactly_what_the_manifest_says(tmp_path):
    assert "holds no finished generation" in incomplete_site(tmp_path)
    write_tree(tmp_path, {"statements/a.md": PAGE, "download/objections.csv": "id\n"})
    assert incomplete_site(tmp_path) is None
    (tmp_path / "download/objections.csv").write_text("id\nforged\n")
    assert "download/objections.csv is not what the last generation wrote" in incomplete_site(tmp_path)
    (tmp_path / "download/objections.csv").write_text("id\n")
    (tmp_path / "statements/extra.md").write_text(PAGE)
    assert "statements/extra.md is in a generated folder but the last generation did not write it" in \
        incomplete_site(tmp_path)
