"""Charts: each chart's numbers equal counts this test derives itself from the YAML in data/ (not through the
package's model), the rendered figure carries the same numbers in its table, and a chart with no data is not drawn."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from datafiles import one, read

from test_link import _site

from treatysite import charts, views
from treatysite.signatures import signature_story
from treatysite.render import plan_site

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def site():
    return _site(DATA)


@pytest.fixture(scope="module")
def pages(site):
    return plan_site(site)


def _yaml(folder: str) -> list[dict]:
    return read(folder)


def _figure(text: str, chart_id: str) -> str:
    """The markup of one chart on a generated page."""
    match = re.search(rf'<figure class="chart[^"]*" id="{chart_id}">(.*?)</figure>', text, re.S)
    assert match, f"no chart {chart_id}"
    return match.group(1)


def _table(figure: str) -> list[list[str]]:
    """The rows of a chart's table of numbers, each as its cells' text (tags removed, entities read)."""
    import html
    body = re.search(r"<tbody>(.*?)</tbody>", figure, re.S).group(1)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def _types() -> dict[str, str]:
    types = {d["id"]: d["type"] for d in _yaml("stakeholders")}
    types.update({d["id"]: "state" for d in _yaml("countries")})
    return types


def test_stance_chart_counts_each_statement_once_per_kind_of_stakeholder(site, pages):
    types, expected = _types(), {}
    for st in _yaml("statements"):
        for kind in {types[s] for s in st["stakeholders"]}:
            expected.setdefault(kind, {}).setdefault(st["stance"], 0)
            expected[kind][st["stance"]] += 1
    chart = charts.stance_by_type(views.balance(site).by_type)
    got = {}
    for row in chart.rows:
        kind = next(k for k, label in charts.STAKEHOLDER_TYPES.items() if label == row.label)
        got[kind] = {s.key: v for s, v in zip(chart.series, row.values) if v}
    assert got == expected
    table = _table(_figure(pages["index.md"](), "chart-stance"))
    assert [int(c) for c in table[0][1:]] == chart.rows[0].values + [chart.rows[0].total]
    assert sum(int(r[-1]) for r in table) == sum(sum(v.values()) for v in expected.values())


@lru_cache(maxsize=None)
def _statements() -> list[dict]:
    return _yaml("statements")


def _aims_at(target: dict, provision_id: str) -> bool:
    """Whether a target in the YAML names the provision, itself or inside an article range (art-7 through art-11)."""
    if "through" not in target:
        return target["provision"] == provision_id
    number = lambda pid: int(pid.split("-")[1]) if pid.startswith("art-") else None
    n = number(provision_id)
    return n is not None and number(target["provision"]) <= n <= number(target["through"])


@lru_cache(maxsize=None)
def _sides(provision_id: str) -> tuple[int, int, int]:
    """Statements objecting to a provision wanting more protection, wanting fewer safeguards, and supporting it."""
    more = fewer = support = 0
    for st in _statements():
        directions = {o.get("direction", "more-protection") for o in st.get("objections", [])
                      if any(_aims_at(t, provision_id) for t in o.get("targets", []))}
        more += "more-protection" in directions
        fewer += "fewer-safeguards" in directions
        support += any(_aims_at(t, provision_id) for a in st.get("supporting", []) for t in a.get("targets", []))
    return more, fewer, support


def test_both_sides_of_every_article_are_the_statements_that_target_it(site, pages):
    chart = charts.provisions_sides(site.articles)
    assert [c.page for c in chart.columns] == site.articles
    for column in chart.columns:
        assert tuple(column.values) == _sides(column.page.id), column.page.id
    rows = _table(_figure(pages["index.md"](), "chart-articles"))
    assert [(r[0], tuple(map(int, r[1:]))) for r in rows] == [(c.page.label, tuple(c.values)) for c in chart.columns]


def test_the_article_page_chart_has_the_same_numbers(site, pages):
    article = max(site.articles, key=lambda a: sum(_sides(a.id)))
    chart = charts.provision_sides(article)
    assert tuple(r.total for r in chart.rows) == _sides(article.id)
    rows = _table(_figure(pages[article.path](), "chart-sides"))
    assert tuple(int(r[1]) for r in rows) == _sides(article.id)


def test_a_chapter_chart_has_one_column_per_article_of_the_chapter(site, pages):
    chapter = max(site.chapters, key=lambda c: len(c.articles))
    rows = _table(_figure(pages[chapter.path](), "chart-articles"))
    assert [r[0] for r in rows] == [a.label for a in chapter.articles]
    assert [tuple(map(int, r[1:])) for r in rows] == [_sides(a.id) for a in chapter.articles]


def test_outcomes_are_the_verdicts_common_outcome_or_disputed(site, pages):
    entries = one("lifecycle.yaml")["objections"]
    expected: dict[str, int] = {}
    split: dict[tuple, int] = {}
    for e in entries:
        found = {v["outcome"] for v in e.get("verdicts", [])}
        outcome = "pending" if not found else found.pop() if len(found) == 1 else "disputed"
        expected[outcome] = expected.get(outcome, 0) + 1
        if outcome == "disputed":
            key = tuple(sorted({v["outcome"] for v in e["verdicts"]}))
            split[key] = split.get(key, 0) + 1
    chart = charts.outcomes(site.lifecycle)
    assert {r.label: r.total for r in chart.rows} == {charts.OUTCOME_LABELS[k]: n for k, n in expected.items()}
    assert sorted(n for _, n in charts.disagreements(site.lifecycle)) == sorted(split.values())
    text = pages["overview/lifecycle.md"]()
    rows = _table(_figure(text, "chart-outcomes"))
    assert {r[0]: int(r[1]) for r in rows} == {charts.OUTCOME_LABELS[k]: n for k, n in expected.items()}


def test_signatures_over_time_add_up_day_by_day(site, pages):
    dates = sorted(str(c["signature"]["date"]) for c in _yaml("countries") if c.get("signature"))
    reports = [{**r, "date": str(r["date"])} if r.get("date") else r for r in
               (one("ratifications.yaml") or {}).get("signature_counts", [])]
    chart = charts.signatures(site.countries, site.treaty["as_of"], charts.marks(site), reports)
    assert chart.end[2] == len(dates)
    dated = sorted((str(r["date"]), r["count"]) for r in reports if r.get("date"))
    assert [(d, n) for _, _, d, n in chart.reported] == [(d, n) for d, n in dated if d >= dates[0][:len(d)]]
    for d, added, total in chart.steps:
        assert added == dates.count(d)
        assert total == sum(1 for x in dates if (charts._day(x), x) <= (charts._day(d), d))
    rows = [r for r in _table(_figure(pages["overview/ratifications.md"](), "chart-signatures")) if r[1]]
    assert [int(r[2]) for r in rows] == [t for _, _, t in chart.steps]
    assert int(rows[-1][2]) == len(dates)
    # The signing ceremony of the timeline falls in the span, so it is marked.
    events = one("timeline.yaml")["events"]
    inside = [e for e in events if dates[0] <= str(e["date"]) <= site.treaty["as_of"]]
    assert {m.date for m in chart.markers} >= {str(e["date"]) for e in inside}


def test_instruments_are_the_deposits_and_the_states_with_steps_under_way(site, pages):
    countries = _yaml("countries")
    deposited = sum(bool((c.get("ratification") or {}).get("deposited")) for c in countries)
    under_way = sum(bool((c.get("ratification") or {}).get("steps")) and not c["ratification"].get("deposited")
                    for c in countries)
    needed = one("treaty.yaml")["entry_into_force"]["instruments"]
    chart = charts.instruments(signature_story(site))
    assert chart.rows[0].values == [deposited, under_way]
    assert chart.target[1] == needed
    for page in ("countries/index.md", "overview/ratifications.md"):
        rows = _table(_figure(pages[page](), "chart-instruments"))
        assert [int(rows[0][1]), int(rows[1][1]), int(rows[-1][1])] == [deposited, under_way, needed]
        assert sum(int(r[1]) for r in rows[2:-1]) == under_way      # by furthest step


def test_timeline_strip_has_a_dot_for_every_entry(site, pages):
    events = one("timeline.yaml")["events"]
    countries = _yaml("countries")
    signing_days = {str(c["signature"]["date"]) for c in countries if c.get("signature")}
    steps = sum(len((c.get("ratification") or {}).get("steps", [])) for c in countries)
    chart = charts.timeline_strip(views.timeline(site), site.treaty["as_of"])
    by_kind = {s.key: sum(d.series is s for d in chart.dots) for s in chart.series}
    assert by_kind == {k: n for k, n in {"event": len(events), "signed": len(signing_days), "step": steps}.items() if n}
    assert chart.first == min([str(e["date"]) for e in events] + sorted(signing_days))
    rows = _table(_figure(pages["overview/timeline.md"](), "chart-timeline"))
    assert sum(int(c) for r in rows for c in r[1:]) == len(events) + len(signing_days) + steps
    assert all(chart.left <= d.x <= chart.right for d in chart.dots)


def test_a_chart_with_no_data_is_not_drawn():
    assert charts.bars([("a", None, [0, 0])], [charts.Series("x", "X", "c0"), charts.Series("y", "Y", "c1")]) is None
    assert charts.cumulative([], "2026-01-01", []) is None
    assert charts.timeline_strip([], "2026-01-01") is None
    assert charts.stance_by_type({}) is None
    assert charts.outcomes([]) is None


def test_bars_are_in_proportion_and_inside_the_chart():
    chart = charts.bars([("a", None, [3, 1]), ("b", None, [0, 2])],
                        [charts.Series("x", "X", "c0"), charts.Series("y", "Y", "c1")], target=8)
    a, b = chart.rows
    assert a.segments[0].w == 3 * b.segments[0].w / 2
    assert chart.target[0] <= chart.width and max(r.end for r in chart.rows) < chart.target[0]


def test_partial_dates_count_from_their_first_day():
    chart = charts.cumulative(["2025-10", "2025-10-25", "2025-10-25", "2026"], "2026-03-01", [("2025-10-25", "A day")])
    assert [(d, n, t) for d, n, t in chart.steps] == [("2025-10", 1, 1), ("2025-10-25", 2, 3), ("2026", 1, 4)]
    assert [m.key for m in chart.markers] == ["A"]
    assert chart.y_ticks[0][1] == 0
