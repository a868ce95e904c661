"""The charts and the world map in real Chromium: each chart is drawn and named with JavaScript off, at desktop and
phone widths; the map's small states are full-size links; the status colours are one set, told apart in both
palettes (also by readers with red-green colour blindness); axe finds nothing serious on the pages with charts.

Needs /usr/bin/chromium; skipped with that instruction without it (see tests/test_browser.py).
"""
from __future__ import annotations

import re

import pytest

from test_browser import SHOTS, Visit, base_url, browser, pytestmark  # noqa: F401  (fixtures and the skip marker)

# Pages with charts, and the charts each must show (ids of their figures).
CHART_PAGES = {
    "home": ("", ["chart-stance", "chart-articles"]),
    "article": ("articles/article-24/", ["chart-sides"]),
    "chapter": ("chapters/chapter-4/", ["chart-articles"]),
    "countries": ("countries/", ["chart-instruments"]),
    "ratifications": ("overview/ratifications/", ["chart-instruments", "chart-signatures"]),
    "lifecycle": ("overview/lifecycle/", ["chart-outcomes"]),
    "timeline": ("overview/timeline/", ["chart-timeline"]),
}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TAP = 24          # px: WCAG 2.2's minimum target size


def _page(browser, base_url, size: str, javascript: bool = False, scheme: str = "light"):
    context = browser.new_context(viewport=SIZES[size], java_script_enabled=javascript, color_scheme=scheme,
                                  is_mobile=size == "phone", has_touch=size == "phone")
    return context, context.new_page()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("kind", list(CHART_PAGES))
def test_each_chart_is_drawn_and_named_without_javascript(browser, base_url, kind, size):
    path, expected = CHART_PAGES[kind]
    context, page = _page(browser, base_url, size)
    try:
        page.goto(base_url + path)
        figures = page.locator("figure.chart")
        assert [figures.nth(i).get_attribute("id") for i in range(figures.count())] == expected
        width = SIZES[size]["width"]
        for chart_id in expected:
            figure = page.locator(f"#{chart_id}")
            svg = figure.locator("svg")
            assert svg.get_attribute("role") == "img"
            assert svg.is_visible(), chart_id
            box = svg.bounding_box()
            assert box["width"] >= min(300, width - 40) and box["height"] >= 24, (chart_id, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (chart_id, box)
            # Named by its <title>, described by the caption's sentence, which gives numbers.
            name = page.evaluate("id => document.getElementById(document.getElementById(id).querySelector('svg')"
                                 ".getAttribute('aria-labelledby')).textContent", chart_id)
            assert name.strip() and name.strip() in figure.locator("figcaption").inner_text()
            described = svg.get_attribute("aria-describedby")
            assert re.search(r"\d", page.locator(f"#{described}").inner_text())
            # Something is drawn: marks with a size, in the page's colours.
            marks = svg.locator(".chart__bar, .chart__dot, .chart__line")
            assert marks.count() > 0
            assert figure.locator("details table tbody tr").count() > 0
            SHOTS.mkdir(parents=True, exist_ok=True)
            figure.screenshot(path=str(SHOTS / f"chart-{kind}-{chart_id}-{size}.png"))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_map_is_as_wide_as_the_column_and_small_states_are_full_size_links(browser, base_url, size):
    context, page = _page(browser, base_url, size)
    try:
        page.goto(base_url + "countries/")
        svg = page.locator("figure.world-map svg")
        width = svg.bounding_box()["width"]
        column = page.locator("article.md-content__inner").bounding_box()["width"]
        if size == "desktop":
            assert width >= 0.95 * column and width >= 800, (width, column)
        else:
            assert width >= SIZES[size]["width"] - 2, width     # edge to edge
        dots = page.eval_on_selector_all("figure.world-map a.map-small title", "ts => ts.map(t => t.textContent)")
        small = [a.split(":")[0] for a in dots]
        assert len(small) >= 10
        links = page.locator(".map-small-states a.small-state")
        names = [links.nth(i).inner_text().split(":")[0].strip() for i in range(links.count())]
        assert sorted(names) == sorted(small)
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box["width"] >= TAP and box["height"] >= TAP, (names[i], box)
        # The dots themselves are not a second, tiny way in for the keyboard or a screen reader.
        assert page.eval_on_selector_all("figure.world-map a.map-small",
                                         "as => as.every(a => a.tabIndex === -1 && a.getAttribute('aria-hidden') === 'true')")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("figure.world-map").screenshot(path=str(SHOTS / f"map-{size}.png"))
    finally:
        context.close()


def _rgb(css: str) -> tuple[int, int, int]:
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


def _lab(rgb) -> tuple[float, float, float]:
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _deuteranopia(rgb) -> tuple[int, int, int]:
    """How a reader without green cones sees a colour (Viénot, Brettel and Mollon 1999, in linear RGB)."""
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    def encode(c):
        c = min(max(c, 0), 1)
        return round(255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055))
    r, g, b = (linear(c) for c in rgb)
    return encode(0.29275 * r + 0.70725 * g), encode(0.29275 * r + 0.70725 * g), encode(-0.02234 * r + 0.02234 * g + b)


def _distance(a, b) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_status_colours_are_one_set_and_told_apart(browser, base_url, scheme):
    context, page = _page(browser, base_url, "desktop", javascript=True, scheme=scheme)
    try:
        page.goto(base_url + "countries/")
        page.wait_for_load_state("networkidle")
        statuses = page.eval_on_selector_all(".world-map .chart-key .chart-swatch",
                                             "els => els.map(e => [...e.classList].find(c => c.startsWith('st-')))")
        assert "st-signed" in statuses and "st-none" in statuses
        colours = {}
        for status in statuses:
            legend = page.eval_on_selector(f".world-map .chart-key .{status}", "e => getComputedStyle(e).backgroundColor")
            on_map = page.eval_on_selector_all(f".world-map .{status} path, .world-map path.{status}, .world-map .{status} circle",
                                               "els => [...new Set(els.map(e => getComputedStyle(e).fill))]")
            assert on_map == [legend], (status, on_map, legend)
            if status != "st-none":
                in_table = page.eval_on_selector_all(f"#states-table td.{status} .chart-swatch",
                                                     "els => [...new Set(els.map(e => getComputedStyle(e).backgroundColor))]")
                assert in_table == [legend], (status, in_table, legend)
            colours[status] = _rgb(legend)
        names = list(colours)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                assert _distance(colours[a], colours[b]) >= 20, (a, b, colours[a], colours[b])
                assert _distance(_deuteranopia(colours[a]), _deuteranopia(colours[b])) >= 10, (a, b)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(CHART_PAGES))
def test_pages_with_charts_pass_axe(browser, base_url, kind, scheme):
    v = Visit(browser, base_url, scheme=scheme)
    try:
        v.go(CHART_PAGES[kind][0])
        # Open every table of numbers, so axe checks them too.
        v.page.eval_on_selector_all("details.chart__numbers", "ds => ds.forEach(d => d.open = true)")
        from axe_playwright_python.sync_playwright import Axe
        violations = [x for x in Axe().run(v.page).response["violations"] if x["impact"] in ("serious", "critical")]
        assert [(x["id"], x["impact"], [n["target"] for n in x["nodes"]][:3]) for x in violations] == []
        assert v.third_party() == []
        assert v.errors == []
    finally:
        v.close()
