"""The registry: every kind of data file and every kind of generated file, with its path, in one place.

Load, validate, link, render, export, the writer, the navigation, the field docs and the synthetic-data
tool read these tables instead of keeping lists of their own (pelican's *_URL / *_SAVE_AS settings,
expanded in one place). Adding a kind is a schema, a model class, a template and an entry here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class DataKind:
    """A kind of data file: a single file (place ends in .yaml) or a folder of one entity per file."""

    name: str                  # also names the schema: schema/<name>.schema.json
    place: str                 # treaty.yaml, or chapters (a folder of <id>.yaml)
    model: str                 # the model class (treatysite.model) its entities become
    required: bool = False     # the site cannot be made without it
    id_is_stem: bool = False   # each file's id must equal its name
    page: str | None = None    # the page kind each of its entities gets (its id names the page)
    listed: str | None = None  # for a single file listing entities with pages: the key of that list

    @property
    def folder(self) -> bool:
        return not self.place.endswith(".yaml")

    @property
    def schema(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def edit_path(self) -> str:
        """What a page made from all files of this kind names as its data file, e.g. data/statements/."""
        return f"data/{self.place}/" if self.folder else f"data/{self.place}"


DATA_KINDS: dict[str, DataKind] = {k.name: k for k in [
    DataKind("treaty", "treaty.yaml", "Provision", required=True),
    DataKind("chapter", "chapters", "Chapter", required=True),
    DataKind("stakeholder", "stakeholders", "Stakeholder", id_is_stem=True, page="stakeholder"),
    DataKind("country", "countries", "Country", id_is_stem=True, page="country"),
    DataKind("statement", "statements", "Statement", id_is_stem=True, page="statement"),
    DataKind("themes", "themes.yaml", "Theme", required=True, page="theme", listed="themes"),
    DataKind("timeline", "timeline.yaml", "Event"),
    DataKind("ratifications", "ratifications.yaml", "dict"),
    DataKind("claims", "claims.yaml", "Claim"),
    DataKind("lifecycle", "lifecycle.yaml", "LifecycleEntry"),
    DataKind("concordance", "concordance.yaml", "Draft"),
]}


def kind_of_file(parts: tuple[str, ...]) -> DataKind | None:
    """The kind of a data file from its path inside data/, or None if it has no place there."""
    if len(parts) == 1:
        return next((k for k in DATA_KINDS.values() if not k.folder and k.place == parts[0]), None)
    if len(parts) == 2 and parts[1].endswith(".yaml"):
        return next((k for k in DATA_KINDS.values() if k.folder and k.place == parts[0]), None)
    return None


@dataclass(frozen=True)
class PageKind:
    """A kind of generated file: its path pattern under docs/ (fields of the entity in braces) and template.

    Files without a template (feeds, downloads) are made by export.py; `nav` places an index page in the
    navigation as (section, label).
    """

    name: str
    path: str
    template: str | None = None
    data: str | None = None        # the data kind an index page is made from (its edit link)
    nav: tuple[str, str] | None = None
    # The page of one entity shows its own data file and files of other kinds, never another file of its own
    # kind (tests/test_preview.py checks it): the preview keeps such a page while none of those changed.
    own_file_only: bool = False

    def path_of(self, entity: Any = None) -> str:
        if isinstance(entity, dict):
            return self.path.format_map(entity)
        return self.path.format_map(_Fields(entity)) if entity is not None else self.path


class _Fields(dict):
    """Entity attributes for str.format_map."""

    def __init__(self, entity: Any):
        super().__init__()
        self.entity = entity

    def __missing__(self, key: str) -> Any:
        return getattr(self.entity, key)


PAGE_KINDS: dict[str, PageKind] = {k.name: k for k in [
    # One page per entity
    PageKind("treaty", "articles/index.md", "treaty.md.j2"),
    PageKind("preamble", "articles/preamble.md", "provision.md.j2"),
    PageKind("chapter", "chapters/chapter-{number}.md", "chapter.md.j2"),
    PageKind("article", "articles/article-{number}.md", "provision.md.j2"),
    PageKind("statement", "statements/{id}.md", "statement.md.j2", own_file_only=True),
    PageKind("period", "statements/by-date/{key}.md", "period.md.j2", "statement"),
    PageKind("stance", "statements/by-stance/{key}.md", "stance.md.j2", "statement"),
    PageKind("stakeholder", "stakeholders/{id}.md", "stakeholder.md.j2"),
    PageKind("country", "countries/{id}.md", "country.md.j2"),
    PageKind("theme", "themes/{id}.md", "theme.md.j2"),
    # Index and overview pages, in navigation order
    PageKind("home", "index.md", "home.md.j2", "treaty"),
    PageKind("chapters", "chapters/index.md", "chapters.md.j2", "chapter", ("{treaty}", "Chapters")),
    PageKind("explore", "explore/index.md", "explore.md.j2", "statement", ("Objections", "Explore and filter")),
    PageKind("statements", "statements/index.md", "statements.md.j2", "statement", ("Objections", "Statements")),
    PageKind("stakeholders", "stakeholders/index.md", "stakeholders.md.j2", "stakeholder",
             ("Objections", "Stakeholders")),
    PageKind("themes", "themes/index.md", "themes.md.j2", "themes", ("Objections", "Themes")),
    PageKind("matrix", "overview/matrix.md", "matrix.md.j2", "statement", ("Objections", "Matrix")),
    PageKind("lifecycle", "overview/lifecycle.md", "lifecycle.md.j2", "lifecycle",
             ("Objections", "What became of the objections")),
    PageKind("coalitions", "overview/coalitions.md", "coalitions.md.j2", "statement", ("Objections", "Coalitions")),
    PageKind("timeline", "overview/timeline.md", "timeline.md.j2", "timeline", ("Background", "Timeline")),
    PageKind("countries", "countries/index.md", "countries.md.j2", "country", ("Background", "Where every state stands")),
    PageKind("ratifications", "overview/ratifications.md", "ratifications.md.j2", "ratifications",
             ("Background", "Signatures and ratifications")),
    PageKind("concordance", "overview/draft-numbers.md", "concordance.md.j2", "concordance",
             ("Background", "Article numbers across drafts")),
    PageKind("claims", "overview/founding-article.md", "claims.md.j2", "claims",
             ("Background", "{founding_report}")),
    PageKind("data", "download/index.md", "data.md.j2", None, ("About", "Open data")),
    # Files made by export.py
    PageKind("dataset", "download/dataset.json"),
    PageKind("csv", "download/objections.csv"),
    PageKind("supporting-csv", "download/supporting.csv"),
    PageKind("countries-csv", "download/countries.csv"),
    PageKind("schema", "download/schema/{schema}"),
    PageKind("feed", "feeds/statements.xml"),
    PageKind("events-feed", "feeds/signatures.xml"),
    PageKind("provision-feed", "feeds/{id}.xml"),
    PageKind("nav", ".nav.yml", "nav.yml.j2"),
]}

# Hand-written pages that generated pages link to and the navigation lists (docs/, never generated).
HANDWRITTEN = {"method": "about/method.md"}
NAV_HANDWRITTEN = {"method": ("About", "About and method")}  # placed before the generated pages of its section
NAV_SECTIONS = ["{treaty}", "Objections", "Background", "About"]  # {words}: from the data (views.navigation)


def path(name: str, entity: Any = None) -> str:
    """The docs path of a page kind (for an entity) or of a hand-written page: the one way to name a path."""
    if name in HANDWRITTEN:
        return HANDWRITTEN[name]
    return PAGE_KINDS[name].path_of(entity)


def url_of(docs_path: str) -> str:
    """Site-relative URL of a Markdown page with directory URLs: articles/article-7.md -> articles/article-7/."""
    stem = docs_path[: -len(".md")]
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"


@cache  # asked once per document; the page kinds never change
def taken_names(name: str) -> dict[str, tuple[str, str]]:
    """Names an entity's id cannot take for a page kind named by one field ("statements/{id}.md"): the other
    files and folders the generator makes in that folder, e.g. "index" -> ("statements/index.md", "the
    statements page"); an entity called so would replace that page, or sit where its folder goes."""
    folder = PAGE_KINDS[name].path.rpartition("/")[0] + "/"
    taken = {}
    for kind in PAGE_KINDS.values():
        if kind.name == name or not kind.path.startswith(folder):
            continue
        first, sep, _ = kind.path[len(folder):].partition("/")
        stem = first if sep else first.rpartition(".")[0]
        if "{" not in stem:
            page = kind.path if not sep else folder + first + "/"
            taken[stem] = (page, f"the folder of the {kind.name} pages" if sep else f"the {kind.name} page")
    return taken


def generated_folders() -> tuple[str, ...]:
    """Top folders of docs/ that belong to the generator: those of every page path."""
    return tuple(dict.fromkeys(k.path.split("/")[0] for k in PAGE_KINDS.values() if "/" in k.path))


def generated_files() -> tuple[str, ...]:
    """Files at the top of docs/ that the generator writes."""
    return tuple(k.path for k in PAGE_KINDS.values() if "/" not in k.path)


def offline_bundle(treaty: dict) -> str:
    """File name of the offline copy of the site (made by `make site`, linked from the Data page)."""
    return f"{treaty['slug']}-offline.zip"
