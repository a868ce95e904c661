"""Pages across the kinds: the home page (status, balance, lookup, the grid of articles), the matrix of objections,
the coalitions, and the Data page that documents every file of open data. It reads no data file of its own."""
from __future__ import annotations


from markupsafe import Markup

from .. import answers, views
from ..kind import Kind, PageKind
from ..schemadoc import fields, schema_title
from ..signatures import signature_story, site_counts
from ..site import Site


def offline_bundle(treaty: dict) -> str:
    """File name of the offline copy of the site (made by `make site`, linked from the Data page)."""
    return f"{treaty['slug']}-offline.zip"


class Overview(Kind):
    name = "overview"
    pages = (PageKind("home", "index.md", "home.md.j2", "treaty"),
             PageKind("matrix", "overview/matrix.md", "matrix.md.j2", "statement", ("Objections", "Matrix")),
             PageKind("coalitions", "overview/coalitions.md", "coalitions.md.j2", "statement",
                      ("Objections", "Coalitions")),
             PageKind("data", "download/index.md", "data.md.j2", None, ("About", "Open data")))

    def plan(self, site: "Site"):
        yield "home", None, lambda: {"balance": views.balance(site), "counts": site_counts(site),
                                     "story": signature_story(site), "states": answers.lookup_states(site)}
        yield "matrix", None, lambda: _matrix(site)
        yield "coalitions", None, lambda: _coalitions(site)
        yield "data", None, lambda: {
            "kinds": site.data_kinds, "fields": fields, "schema_title": schema_title,
            "bundle": Markup(offline_bundle(site.treaty)),  # a slug: nothing to escape
            "csv_columns": [column for kind in site.kinds for column in kind.columns.items()],
            "feed_example": next((p for p in site.articles if p.links), None)}


def _matrix(site: "Site") -> dict:
    columns, groups = views.objection_matrix(site)
    peak = max([max(r.total, r.support) for g in groups for r in g.rows] or [1]) or 1
    return {"columns": columns, "groups": groups, "bar": lambda n: round(10 * n / peak)}


def _coalitions(site: "Site") -> dict:
    together, opposite = views.coalition_rows(site)
    return {"together": together, "opposite": opposite, "shown": views.CAMP_SHOWN, "sides": views.sides_rows(site),
            "camp_label": views.camp_label}


KIND = Overview()
