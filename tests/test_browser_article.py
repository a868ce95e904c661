"""Article pages answer first, in real Chromium: Article 24's summary box, previous/next and official text; explore's
position filter gives what the article page counts; the matrix fits at 1280 px; nothing scrolls sideways at 390 px;
axe finds no serious or critical issue, in both palettes. Fixtures and skips come from tests/test_browser.py."""
from __future__ import annotations

import pytest

from datafiles import one
from test_browser import _MISSING, base_url, browser, explore_results, visit  # noqa: F401  (pytest fixtures)
from test_counts import expected

pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(_MISSING), reason=_MISSING or "")]

KINDS = {
    "article": "articles/article-24/",
    "chapter": "chapters/chapter-4/",
    "matrix": "overview/matrix/",
    "coalitions": "overview/coalitions/",
    "explore": "explore/?position=supports&article=24",
}


def test_article_24_opens_with_its_summary_box_pager_and_official_text(visit):
    counts = expected()["art-24"]
    v = visit()
    v.go(KINDS["article"])
    box = v.page.locator(".glance")
    assert box.is_visible()
    assert box.bounding_box()["y"] < 900, "the summary box is in the first screen"
    text = " ".join(box.inner_text().split())
    assert f"{len(counts['objects'])} statements object" in text
    assert f"{len(counts['supports'])} statements support it" in text
    assert "want fewer safeguards" in text and "cited" in text and "mapped" in text
    pager = v.page.locator("nav.pager").first
    assert pager.locator("a[rel=prev]").get_attribute("href").rstrip("/").endswith("article-23")
    assert pager.locator("a[rel=next]").get_attribute("href").rstrip("/").endswith("article-25")
    treaty = one("treaty.yaml")
    for place in treaty["official_text"]:
        assert v.page.locator(f"article a[href='{place['url']}']").count() >= 1, place["url"]
    assert "This summary is ours, not the text of the convention." in v.page.inner_text("article")
    # One entry per position: no statement position listed twice (the UK statement's two paragraphs are one entry).
    hrefs = v.page.eval_on_selector_all("ul.entries a.entry-summary", "els => els.map(a => a.getAttribute('href'))")
    assert hrefs and len(hrefs) == len(set(hrefs))
    v.page.locator("nav.pager a[rel=next]").first.click()
    v.page.wait_for_load_state()
    assert v.page.locator("h1").inner_text().startswith("Article 25")
    assert v.third_party() == [] and v.errors == []


@pytest.mark.parametrize("position", ["objects", "supports"])
def test_explore_position_filter_lists_what_the_article_page_counts(visit, position):
    want = sorted(expected()["art-24"][position])
    v = visit()
    v.go(f"explore/?position={position}&article=24")
    assert explore_results(v) == want
    a = visit()
    a.go(KINDS["article"])
    side = ".glance-objects" if position == "objects" else ".glance-supports"
    assert a.page.locator(f"{side} .glance-count strong").inner_text() == str(len(want))
    # Each result shows the argument that matches, not every argument of the statement.
    kind = "#objection-" if position == "objects" else "#support-"
    other = "#support-" if position == "objects" else "#objection-"
    assert v.page.locator(f".explore-result__positions a[href*='{kind}']").count() >= len(want)
    assert v.page.locator(f".explore-result__positions a[href*='{other}']").count() == 0
    assert v.third_party() == [] and v.errors == []


def test_the_matrix_fits_at_1280(visit):
    v = visit()
    v.go(KINDS["matrix"])
    table = v.page.locator("table.matrix")
    assert table.is_visible()
    right = v.page.evaluate("Math.max(...[...document.querySelectorAll('table.matrix th, table.matrix td')]"
                            ".map(c => c.getBoundingClientRect().right))")
    box = v.page.evaluate("document.querySelector('.matrix-scroll').getBoundingClientRect().right")
    assert right <= box + 1 and right <= 1280, (right, box)
    assert v.page.evaluate("document.querySelector('.matrix-scroll').scrollWidth <= "
                           "document.querySelector('.matrix-scroll').clientWidth")


def test_the_matrix_on_a_phone_shows_bars_and_the_full_grid_on_request(visit):
    v = visit(phone=True)
    v.go(KINDS["matrix"])
    assert v.page.locator("table.matrix-compact").is_visible()
    assert not v.page.locator("table.matrix").is_visible()
    v.page.locator("label[for=matrix-full-toggle]").click()
    assert v.page.locator("table.matrix").is_visible()


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_sideways_scroll_at_390(visit, kind):
    v = visit(phone=True)
    v.go(KINDS[kind])
    overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, overflow


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(KINDS) + ["home"])
def test_axe_finds_nothing_serious(visit, kind, scheme):
    from axe_playwright_python.sync_playwright import Axe
    v = visit(scheme=scheme)
    v.go(KINDS.get(kind, ""))
    v.page.wait_for_timeout(300)
    violations = [x for x in Axe().run(v.page).response["violations"] if x["impact"] in ("serious", "critical")]
    assert [(x["id"], x["impact"], [n["target"] for n in x["nodes"]][:3]) for x in violations] == []
    assert v.third_party() == [] and v.errors == []
