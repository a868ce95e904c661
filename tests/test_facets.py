"""Filter facets: what each statement tells Pagefind, and the explore page's options, counted from the data."""
from __future__ import annotations

from pathlib import Path

from test_link import _site

from treatysite.facets import FACETS, POSITIONS, SCOPED, facet_options, scoped, statement_facets

REAL = Path(__file__).resolve().parent.parent / "data"


def test_a_statement_has_its_stance_stakeholders_provisions_and_year():
    site = _site()
    st = next(s for s in site.statements if s.id == "ngo-2024-08")
    facets = statement_facets(st)
    assert list(facets) == [f.key for f in FACETS] + [scoped(side, key) for side in POSITIONS for key in SCOPED]
    assert facets["stance"] == ["objects"] and facets["year"] == ["2024"]
    assert facets["stakeholder"] == ["ngo"] and facets["type"] == ["ngo"] and facets["country"] == []
    # A position on an article counts for the article and for its chapter.
    assert set(facets["article"]) == {"1", "2"} and facets["chapter"] == ["1"]
    # ... and for its kind of position: this statement only objects.
    assert facets["position"] == ["objects"]
    assert set(facets["objects-article"]) == {"1", "2"} and facets["objects-chapter"] == ["1"]
    assert facets["supports-article"] == [] and facets["supports-chapter"] == []


def test_every_option_counts_the_statements_that_have_it():
    site = _site(REAL)
    for group in facet_options(site):
        key = group.facet.key
        assert group.options, key
        for value, label, n in group.options:
            assert n == sum(value in statement_facets(st)[key] for st in site.statements), (key, value)
            assert label and n > 0
    stances = next(g for g in facet_options(site) if g.facet.key == "stance")
    assert sum(n for _, _, n in stances.options) == len(site.statements)


def test_states_are_countries_not_stakeholders():
    site = _site(REAL)
    for st in site.statements:
        facets = statement_facets(st)
        assert len(facets["stakeholder"]) + len(facets["country"]) == len(st.stakeholders)
        assert ("state" in facets["type"]) == bool(facets["country"])
