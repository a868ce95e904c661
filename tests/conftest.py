"""Shared fixtures: the real site, built once per run; a note when browser tests are skipped."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real data built into a complete site with a strict ProperDocs build (no warnings)."""
    from datafiles import documents
    from sitebuild import build_site
    documents()   # fails at once, with the build's messages, if the build refuses data/
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return dest / "site"


def pytest_terminal_summary(terminalreporter):
    """Say plainly when the browser tests did not run, and how to run them."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "test_browser.py" in r.nodeid]
    if skipped:
        reason = skipped[0].longrepr[2] if isinstance(skipped[0].longrepr, tuple) else str(skipped[0].longrepr)
        terminalreporter.write_line(
            f"NOTE: {len(skipped)} browser tests were skipped ({reason.removeprefix('Skipped: ')}). "
            "They run in CI, where .ci/run installs Chromium.", yellow=True, bold=True)
