"""Views computed from the linked site: reading order, the navigation, the matrix and the coalitions."""
from __future__ import annotations

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


def test_coalition_rows_need_both_camps():
    site = _site()
    together, _ = views.coalition_rows(site)
    for row in together:
        assert "civil society" in row.camps and "industry" in row.camps
