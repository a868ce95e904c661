"""The generator knows no treaty: a made-up one (tests/fixtures/other-treaty) builds strictly, with no word of ours.

Its data shows what the model allows beyond our treaty: a chapter divided into sections, and articles
outside any chapter (in treaty.yaml).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from sitebuild import build_pages
from treatysite.build import generate

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "other-treaty"
OURS = ["Cybercrime", "Hanoi", "Ad Hoc Committee", "79/243", "UNODC", "un-cybercrime", "unccc"]


def test_another_treaty_builds_strictly_with_no_word_of_ours(tmp_path):
    root = tmp_path / "other"
    shutil.copytree(FIXTURE, root, symlinks=True)
    (root / "mkdocs.yml").write_text((FIXTURE / "mkdocs.yml").read_text().replace(
        "../../../overrides", str(Path(__file__).resolve().parent.parent / "overrides")))
    generate(root / "data", root / "docs", config=root / "mkdocs.yml")
    result = build_pages(root, root / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = root / "site"
    text = "\n".join(p.read_text("utf-8", errors="replace") for p in site.rglob("*") if p.is_file()
                     and p.suffix in (".html", ".xml", ".json", ".csv", ".yml", ".md"))
    found = [word for word in OURS if re.search(re.escape(word), text, re.I)]
    assert not found, f"words of the UN convention in another treaty's site: {found}"
    article = (site / "articles/article-3/index.html").read_text("utf-8")
    assert "Keeping the lights" in article           # in its chapter, inside section 1
    assert "@misc{lighthouse-accord-articles-article-3," in article  # citation keys begin with its slug
    loose = (site / "articles/article-9/index.html").read_text("utf-8")
    assert "Entry into force" in loose and "Lighthouse Accord watch" in loose
    assert "Statements on the Lighthouse Accord" in (site / "feeds/statements.xml").read_text("utf-8")
    nav = (root / "docs/.nav.yml").read_text("utf-8")
    assert nav.index("articles/article-4.md") < nav.index("articles/article-8.md")
