"""Things a visitor's-eye pass over the merged site found, each checked in real Chromium so it cannot come back.

- the table of every state must show on a phone (a phone rule meant for the matrix once hid it);
- a folded line ("Who objects, by kind of stakeholder") must stay inside the page margin on a phone;
- a table that scrolls sideways on a phone must be reachable from the keyboard (axe: scrollable-region-focusable).
"""
from __future__ import annotations

from test_browser import base_url, browser, pytestmark, visit  # noqa: F401 (fixtures and markers)


def test_the_table_of_states_shows_on_a_phone(visit):
    v = visit(phone=True)
    v.go("countries/")
    table = v.page.locator("#states-table")
    assert table.is_visible(), "the table of every state is hidden on a phone"
    assert table.locator("tbody tr").first.is_visible()
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 390


def test_folded_who_objects_line_stays_inside_the_margin_on_a_phone(visit):
    v = visit(phone=True)
    v.go("articles/article-24/")
    box = v.page.evaluate("""() => {
        const s = document.querySelector('details.who-more > summary').getBoundingClientRect();
        const c = document.querySelector('.md-content__inner').getBoundingClientRect();
        const pad = parseFloat(getComputedStyle(document.querySelector('.md-content__inner')).paddingLeft);
        return [s.left, s.right, c.left, c.right, pad]; }""")
    left, right, content_left, content_right, pad = box
    assert left >= content_left + pad - 1 and right <= content_right - pad + 1, box


def test_a_table_that_scrolls_on_a_phone_can_be_reached_by_keyboard(visit):
    v = visit(phone=True)
    v.go("download/")
    unreachable = v.page.evaluate("""() => Array.from(document.querySelectorAll('.md-typeset table'))
        .filter(t => t.scrollWidth > t.clientWidth + 1 && t.tabIndex < 0 && !t.querySelector('a, button, input'))
        .length""")
    scrolling = v.page.evaluate("""() => Array.from(document.querySelectorAll('.md-typeset table'))
        .filter(t => t.scrollWidth > t.clientWidth + 1).length""")
    assert scrolling > 0, "no table scrolls on the download page at 390 px any more: pick another page to test"
    assert unreachable == 0
