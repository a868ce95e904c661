"""Filter facets of statements: what the explore page filters on, and what each statement page tells Pagefind.

One place decides which values a statement has for each facet (stance, position on a provision, kind of
stakeholder, stakeholder, country, theme, chapter, article, year): the statement template writes them as
Pagefind filter attributes, and the explore page lists every value with its label and count, in reading order.
Values are ids, so they go into a URL (?stance=supports&article=24) and into an HTML attribute as they are.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from .model import SLUG, STAKEHOLDER_TYPES, STANCES
from .site import Site


@dataclass(frozen=True)
class Facet:
    key: str       # the Pagefind filter name and the query-string key
    label: str     # shown to readers


FACETS = [Facet("stance", "Stance"), Facet("position", "Position on the provision"),
          Facet("type", "Kind of stakeholder"), Facet("stakeholder", "Stakeholder"),
          Facet("country", "Country"), Facet("theme", "Theme"), Facet("chapter", "Chapter"),
          Facet("article", "Article"), Facet("year", "Year")]
# The position filter: a statement with an objection (a supporting argument) on a provision. Chosen with an
# article or chapter, it narrows that choice to positions of its kind: ?position=objects&article=24 filters on
# objects-article:24, the statements with an objection on Article 24 (model.StatementCount's objecting side).
POSITIONS = {"objects": "Objects to it (an objection)", "supports": "Defends it (a supporting argument)"}
SCOPED = ("chapter", "article")


def scoped(position: str, key: str) -> str:
    """The Pagefind filter that holds a position's provisions, e.g. objects-article."""
    return f"{position}-{key}"


def _add_values(position, chapters: dict, articles: dict, themes: dict) -> None:
    """Add a position's chapter, article and theme values to ordered sets (dicts): a position on an article
    counts for the article and its chapter; the convention as a whole and the preamble are article values."""
    for theme in position.themes:
        themes[theme.id] = None
    for t in position.targets:
        p = t.provision
        if p.page_kind == "article":
            articles[str(p.number)] = None
            if p.chapter is not None:
                chapters[str(p.chapter.number)] = None
        elif p.page_kind == "chapter":
            chapters[str(p.number)] = None
        else:
            articles[p.id] = None        # treaty, preamble


def statement_facets(st: Statement) -> dict[str, list[str]]:
    """Facet key -> the statement's values (ids), each once, in a stable order.

    A position on an article counts for the article and for its chapter; a position on a chapter as a whole
    counts for the chapter; the convention as a whole and the preamble are values of `article`. The same
    values are kept per kind of position (objects-article, supports-chapter, ...), for the position filter.
    """
    provisions = {side: ({}, {}) for side in POSITIONS}     # side -> (chapters, articles), each an ordered set
    themes: dict[str, None] = {}
    for side, positions in (("objects", st.objections), ("supports", st.supporting)):
        for position in positions:
            _add_values(position, *provisions[side], themes)
    facets = {
        "stance": [st.stance],
        "position": [side for side, (chapters, articles) in provisions.items() if chapters or articles],
        "type": list(dict.fromkeys(s.type for s in st.stakeholders)),
        "stakeholder": [s.id for s in st.stakeholders if s.page_kind != "country"],
        "country": [s.id for s in st.stakeholders if s.page_kind == "country"],
        "theme": list(themes),
        "chapter": list(dict.fromkeys(c for chapters, _ in provisions.values() for c in chapters)),
        "article": list(dict.fromkeys(a for _, articles in provisions.values() for a in articles)),
        "year": [str(st.year)],
    }
    for side, (chapters, articles) in provisions.items():
        facets[scoped(side, "chapter")] = list(chapters)
        facets[scoped(side, "article")] = list(articles)
    return facets


def positions_meta(st: Statement) -> str:
    """The statement's positions for the explore page's results, as JSON (a Pagefind meta value): for each, its
    anchor, its side, the article and chapter values it is on (as in statement_facets), its themes and its summary,
    so that a result shows the argument that matches the filters rather than every argument of the statement."""
    rows = []
    for side, positions in (("objects", st.objections), ("supports", st.supporting)):
        for position in positions:
            chapters, articles, themes = {}, {}, {}
            _add_values(position, chapters, articles, themes)
            rows.append([position.anchor, side, list(articles), list(chapters), list(themes), position.summary])
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def filter_spans(st: Statement) -> Markup:
    """The statement's facets as the hidden elements Pagefind reads, one per value, e.g.
    <span data-pagefind-filter="stance:supports"></span> (one string: a template loop over ~20 values costs more)."""
    return Markup("".join([_span(key, v) for key, values in statement_facets(st).items() for v in values]))


@lru_cache(maxsize=65536)
def _span(key: str, value: str) -> str:
    # Keys and values are ids (validated slugs) or numbers; anything else is a bug, never data to escape.
    if not SLUG.fullmatch(value):
        raise ValueError(f"not a valid filter value: {value!r}")
    return f'<span data-pagefind-filter="{key}:{value}"></span>'


@dataclass
class FacetOptions:
    """One facet on the explore page: its values in reading order, each with a label and a count."""

    facet: Facet
    options: list[tuple[str, str, int]] = field(default_factory=list)   # (value, label, statements)


def facet_options(site: Site) -> list[FacetOptions]:
    """Every facet with every value that some statement has, labelled and counted (the unfiltered view)."""
    counts: dict[str, dict[str, int]] = {f.key: {} for f in FACETS}
    for st in site.statements:
        for key, values in statement_facets(st).items():
            if key in counts:
                for v in values:
                    counts[key][v] = counts[key].get(v, 0) + 1
    stakeholders = {s.id: s.name for s in site.stakeholders}
    labels = {
        "stance": list(STANCES.items()),
        "position": list(POSITIONS.items()),
        "type": list(STAKEHOLDER_TYPES.items()),
        "stakeholder": sorted(((i, n) for i, n in stakeholders.items() if i in counts["stakeholder"]),
                              key=lambda kv: kv[1].lower()),
        "country": [(c.id, c.name) for c in site.countries],   # already in name order
        "theme": [(t.id, t.name) for t in site.themes],
        "chapter": [(str(c.number), c.heading) for c in site.chapters],
        "article": [("treaty", site.treaty_page.label), ("preamble", site.preamble.label)]
                   + [(str(a.number), a.heading) for a in site.articles],   # already in number order
        "year": [(y, y) for y in sorted(counts["year"], reverse=True)],
    }
    return [FacetOptions(f, [(v, label, counts[f.key][v]) for v, label in labels[f.key] if v in counts[f.key]])
            for f in FACETS]
