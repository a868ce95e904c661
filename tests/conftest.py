"""Shared fixtures: small data trees written to a temporary folder."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = {
    "treaty.yaml": """
        title: Test Convention
        full_title: Test Convention on Testing
        as_of: 2026-11-29
        symbols: []
        key_dates: []
        entry_into_force:
          instruments: 40
          days_after: 90
          article: 3
          rule: In force 90 days after the 40th ratification.
          source: {publisher: Example, status: verified, url: "https://example.org/rule"}
        defined_terms:
          - {id: serious-crime, term: serious crime, article: 1, meaning: Four years or more., status: verified}
        """,
    "themes.yaml": """
        themes:
          - {id: scope, name: Scope, description: How far it reaches.}
          - {id: safeguards, name: Safeguards, description: Limits on powers.}
        """,
    "chapters/01.yaml": """
        number: 1
        title: General provisions
        title_status: verified
        summary: The opening chapter.
        articles:
          - {number: 1, title: Use of terms, title_status: verified, summary: Defines terms., terms: [serious-crime],
             paragraphs: [{id: h, summary: Serious crime.}]}
          - {number: 2, title: Scope, title_status: unverified, summary: Sets the scope., related: [1]}
          - {number: 3, title: Entry into force, title_status: partly-verified, summary: When it applies.}
          - {number: 9, title: Ninth, title_status: verified, summary: Another article.}
        """,
    "stakeholders/ngo.yaml": """
        id: ngo
        name: An NGO
        type: ngo
        """,
    "statements/ngo-2024-08.yaml": """
        id: ngo-2024-08
        stakeholders: [ngo]
        date: 2024-08-08
        kind: press-release
        title: A statement
        title_kind: official
        source: {publisher: An NGO, url: "https://example.org/s", status: verified}
        summary: It objects.
        quotes:
          - {id: q1, text: Too broad., provenance: verbatim}
        objections:
          - id: scope
            summary: Too broad.
            themes: [scope]
            asks: narrow
            quotes: [q1]
            targets:
              - {provision: art-2, basis: cited}
              - {provision: art-1, paragraph: h, basis: editorial}
        """,
}


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} under root (text is dedented); returns root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real data built into a complete site with a strict MkDocs build (no warnings)."""
    from sitebuild import build_site
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return dest / "site"


@pytest.fixture
def make_data(tmp_path):
    """Build a data/ folder from MINIMAL with some files replaced (None removes a file)."""
    def make(changes: dict | None = None) -> Path:
        files = dict(MINIMAL)
        for rel, text in (changes or {}).items():
            if text is None:
                files.pop(rel, None)
            else:
                files[rel] = text
        return write_files(tmp_path / "data", files)
    return make


def pytest_terminal_summary(terminalreporter):
    """Say plainly when the browser tests did not run, and how to run them."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "test_browser.py" in r.nodeid]
    if skipped:
        reason = skipped[0].longrepr[2] if isinstance(skipped[0].longrepr, tuple) else str(skipped[0].longrepr)
        terminalreporter.write_line(
            f"NOTE: {len(skipped)} browser tests were skipped ({reason.removeprefix('Skipped: ')}). "
            "They run in CI, where .ci/run installs Chromium.", yellow=True, bold=True)
