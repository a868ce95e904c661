"""Answers first, in real Chromium: the home page's status and country lookup in the first screen, pages that
fit a phone, visitor words, accessibility on every page kind in both palettes, and a clean printed page.

Uses the site, server and browser of tests/test_browser.py (skipped, with its reason, without Chromium).
"""
from __future__ import annotations

import re

import pytest

from datafiles import one
from sitebuild import ROOT
from test_browser import Visit, base_url, browser, pytestmark, visit  # noqa: F401 (fixtures and markers)
from test_words import RESEARCH_NOTES

KINDS = {
    "home": "",
    "statement": "statements/open-letter-signatories-2024-reported/",
    "stakeholder": "stakeholders/hrw/",
    "country": "countries/viet-nam/",
    "countries": "countries/",
    "timeline": "overview/timeline/",
    "lifecycle": "overview/lifecycle/",
    "ratifications": "overview/ratifications/",
    "concordance": "overview/draft-numbers/",
    "data": "download/",
    "themes": "themes/",
    "explore": "explore/?q=surveillance",
}
SCREENS = {"1280": False, "390": True}
TREATY = one("treaty.yaml")


def in_first_screen(v: Visit, selector: str) -> bool:
    """The element is shown and lies wholly within the first screen (the viewport before any scrolling)."""
    box = v.page.locator(selector).first.bounding_box()
    return box is not None and box["height"] > 0 and box["y"] >= 0 and box["y"] + box["height"] <= v.page.viewport_size["height"]


@pytest.mark.parametrize("screen", list(SCREENS))
def test_home_answers_in_the_first_screen(visit, screen):
    v = visit(phone=SCREENS[screen])
    v.go("")
    assert v.page.inner_text("h1").strip().rstrip("¶").strip() == TREATY["home"]["title"]
    assert in_first_screen(v, ".home-status")
    status = " ".join(v.page.text_content(".home-status").split())   # as written (the labels are shown upper-case)
    assert re.search(r"Signatures \d+ in our records; \d+ reported (on|in) ", status), status
    assert re.search(r"\b\d+ deposited of the 40 needed for entry into force; \d+ under way\b", status), status
    assert "until 31 December 2026, then by accession" in status
    assert re.search(r"Statements \d+ in all\. Objects: \d+ · Supports: \d+ · Mixed: \d+", status), status
    lookup = v.page.get_by_label("Has my country signed?")
    assert lookup.is_visible() and in_first_screen(v, "#country-lookup")
    assert v.errors == []


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_lookup_takes_a_visitor_to_the_state_in_one_step(visit, screen):
    v = visit(phone=SCREENS[screen])
    v.go("")
    lookup = v.page.get_by_label("Has my country signed?")
    # Typing a name and pressing Enter, as on a keyboard ...
    lookup.fill("Brazil")
    lookup.press("Enter")
    v.page.wait_for_url("**/countries/brazil/")
    assert v.page.inner_text("h1").strip().rstrip("¶").strip() == "Brazil"
    # ... or choosing it from the list, which sets the whole name at once (an input event with no typing).
    v.go("")
    v.page.evaluate("""() => { const i = document.getElementById('country-lookup'); i.value = 'Brazil';
                               i.dispatchEvent(new Event('input', {bubbles: true})); }""")
    v.page.wait_for_url("**/countries/brazil/")
    # A prefix typed and Enter opens the first state it begins (in the order of names).
    v.go("")
    lookup.fill("braz")
    lookup.press("Enter")
    v.page.wait_for_url("**/countries/brazil/")


def test_without_javascript_the_home_page_links_to_every_state(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url)
        assert not page.locator("#country-lookup").is_visible()   # a field that could do nothing stays hidden
        link = page.locator("a.country-lookup__all")
        assert link.is_visible() and "Has my country signed?" in link.inner_text()
        box = link.bounding_box()
        assert box["y"] + box["height"] <= 844
        link.click()
        page.wait_for_url("**/countries/#states")
    finally:
        context.close()


WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth, found = [];
  for (const e of document.querySelectorAll('body *')) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let p = e.parentElement, held = false;   // held: inside a box that scrolls within the screen (clipped is cut off)
    for (; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll'].includes(s.overflowX) && p.getBoundingClientRect().right <= width + 1) { held = true; break; }
    }
    if (!held) found.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  }
  return [document.documentElement.scrollWidth - width, found.slice(0, 5)];
}"""


@pytest.mark.parametrize("kind", list(KINDS))
def test_nothing_scrolls_sideways_on_a_phone(visit, kind):
    v = visit(phone=True)
    v.go(KINDS[kind])
    overflow, sticking_out = v.page.evaluate(WIDER_THAN_THE_SCREEN)
    assert overflow <= 0 and sticking_out == [], (overflow, sticking_out)


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_research_note_wording_in_what_a_visitor_reads(visit, kind):
    v = visit()
    v.go(KINDS[kind])
    if kind == "explore":
        v.page.wait_for_selector(".explore-result", timeout=15000)
    # What is shown before anything is unfolded: innerText leaves out closed <details> ("How we know").
    text = v.page.inner_text(".md-content")
    found = [m.group(0) for m in re.finditer("|".join(RESEARCH_NOTES), text)]
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_page_kind_is_accessible_in_both_palettes(visit, kind, scheme):
    v = visit(scheme=scheme)
    v.go(KINDS[kind])
    if kind == "explore":
        v.page.wait_for_selector(".explore-result", timeout=15000)
    # Folded parts open, so that what they hold is checked too.
    v.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    from axe_playwright_python.sync_playwright import Axe
    violations = [x for x in Axe().run(v.page).response["violations"] if x["impact"] in ("serious", "critical")]
    assert [(x["id"], x["impact"], [n["target"] for n in x["nodes"]][:3]) for x in violations] == []


def test_a_country_page_prints_cleanly(visit):
    v = visit()
    v.go("countries/viet-nam/")
    folded = v.page.locator("details.how-we-know").count()
    assert folded >= 1 and v.page.locator("details[open]").count() == 0
    v.page.evaluate("window.__opened = []; addEventListener('beforeprint', () => "
                    "__opened.push(document.querySelectorAll('details[open]').length))")
    pdf = v.page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) >= 1
    assert v.page.evaluate("window.__opened") == [folded]         # every folded part was open for printing
    assert v.page.locator("details[open]").count() == 0          # and folded again after
    v.page.emulate_media(media="print")
    hidden = v.page.evaluate("""['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
        .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none').map(e => e.className)""")
    assert hidden == []                                          # no header, navigation, search or footer
    source = v.page.locator("details.how-we-know a[href^='http']").first
    assert source.bounding_box()["height"] > 0                   # sources show even where not opened
    href = source.get_attribute("href")
    assert href in source.evaluate("a => getComputedStyle(a, '::after').content")   # with their address
