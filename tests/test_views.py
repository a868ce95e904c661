"""Views computed from the linked site: reading order, the navigation, the matrix and the coalitions."""
from __future__ import annotations

from fullerdata import fuller_data
from sitebuild import ROOT
from test_link import _site

from treatysite import views


def test_reading_order_is_text_order():
    site = _site()
    order = views.reading_order(site)
    assert order[:2] == [site.treaty_page, site.preamble]
    assert [p for p in order if p in site.articles] == sorted(site.articles, key=lambda a: a.sort_key)


def test_navigation_lists_every_chapter_and_article_once_and_every_index_page():
    from treatysite.registry import PAGE_KINDS
    from treatysite.render import navigation
    site = _site()

    def walk(entries, paths):
        for _, target in entries:
            walk(target, paths) if isinstance(target, list) else paths.append(target)
        return paths
    paths = walk(navigation(site, frozenset(PAGE_KINDS)), [])
    assert len(paths) == len(set(paths))
    assert {a.path for a in site.articles} | {c.path for c in site.chapters} <= set(paths)
    assert {k.path for k in PAGE_KINDS.values() if k.nav} <= set(paths)
    assert paths[0] == "index.md"
    # A page that is not made this time (its kind has no data) has no place in the navigation.
    fewer = walk(navigation(site, frozenset(PAGE_KINDS) - {"claims", "timeline"}), [])
    assert set(paths) - set(fewer) == {PAGE_KINDS["claims"].path, PAGE_KINDS["timeline"].path}


def test_matrix_counts_add_up_to_the_links():
    site = _site()
    columns, groups = views.objection_matrix(site)
    for group in groups:
        for row in group.rows:
            assert row.total == len(row.provision.links)
            assert row.support == len(row.provision.support)
            assert all(0 <= shade <= 4 for _, _, _, shade in row.cells)
            assert sum(n for _, n, _, _ in row.cells) >= row.total
            assert sum(s for _, _, s, _ in row.cells) >= row.support


def test_coalition_rows_need_both_camps(tmp_path):
    site = _site(fuller_data(tmp_path))
    together, _ = views.coalition_rows(site)
    assert together, "the fuller data has a provision that civil society and industry both object to"
    for row in together:
        assert all(camp in row.camps for camp in views.TOGETHER)
    shared = {p for p in views.reading_order(site)
              if all(any(camp in views.camps_of(t.objection.statement) for t in p.links
                         if t.objection.direction != "fewer-safeguards") for camp in views.TOGETHER)}
    assert {row.provision for row in together} == shared


def test_every_stakeholder_type_is_in_a_camp_or_shown_in_no_camp():
    from treatysite.model import STAKEHOLDER_TYPES
    assert set(views.CAMP_OF) == set(STAKEHOLDER_TYPES)
    named = [t for camp in [*views.CAMPS, views.NO_CAMP] for t in views.types_in(camp)]
    assert sorted(named) == sorted(STAKEHOLDER_TYPES)        # each type in exactly one camp, or in no camp
    assert {c for c in views.CAMP_OF.values() if c} <= set(views.CAMPS), "a type names a camp $defs/camp lacks"
    for camp in [*views.CAMPS, views.NO_CAMP]:
        label = views.camp_label(camp)
        assert all(STAKEHOLDER_TYPES[t] in label for t in views.types_in(camp))


def test_no_stakeholder_of_a_shown_provision_is_dropped(tmp_path):
    """Each row names every stakeholder objecting to its provision, in its camp or in no camp (objections from the
    opposite direction only in the rows of that section)."""
    for site in (_site(fuller_data(tmp_path)), _site(ROOT / "data")):
        together, opposite = views.coalition_rows(site)
        assert together and opposite
        for row in together + opposite:
            everyone = {s.id for t in row.provision.links for s in t.objection.statement.stakeholders
                        if t.objection.direction != "fewer-safeguards" or "fewer safeguards" in row.camps}
            shown = {s.id for camp in row.camps for s, _ in row.objectors(camp)}
            assert shown == everyone, (row.provision.id, sorted(everyone - shown))
