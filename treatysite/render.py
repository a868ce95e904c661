"""Render stage: Jinja templates turn the linked Site into Markdown pages (path -> text)."""
from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import Counter
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, NamedTuple

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import answers, charts, views, wording
from .export import export_jobs
from .facets import filter_spans, positions_meta
from .kind import MARKER, url_of
from .markdown import _finalize, anchor, escape_text, join, link, names, preformatted, yaml_string
from .model import (ASKS, BASIS, COUNTRY_STATUS, DIRECTIONS, MEMBERSHIP, STANCES, STAKEHOLDER_TYPES,
                    STATUS_LABELS, SUPPORT_ASKS, Page, by_type, capital, date_in, entries, entries_by_theme, format_date,
                    statements_by_stakeholder, statements_by_type)
from .registry import DATA_KINDS, KINDS, NAV_HANDWRITTEN, NAV_ORDER, NAV_SECTIONS, PAGE_KINDS, path
from .site import Site

TEMPLATES = Path(__file__).resolve().parent / "templates"


@pass_context
def front_matter(context, title, description=None, search_exclude: bool = False, hide=()) -> Markup:
    """A page's YAML front matter: our marker with its data file, title, edit path, search, description and
    the parts of Material's layout it hides (e.g. toc, for a page whose map needs the width)."""
    data_file = context["data_file"]
    quoted_file = yaml_string(data_file)
    lines = ["---", f"# {MARKER} from {quoted_file}: edit that file, not this one.",
             f"title: {yaml_string(title)}",
             f"edit_path: {quoted_file if data_file.endswith('.yaml') else yaml_string('')}"]
    if search_exclude:
        lines += ["search:", "  exclude: true"]
    if hide:   # Material's own front matter: parts of the page layout to leave out, e.g. ("toc",)
        lines += ["hide:"] + [f"  - {yaml_string(part)}" for part in hide]
    if description is not None:
        lines.append(f"description: {yaml_string(description)}")
    return Markup("\n".join(lines) + "\n---")


@lru_cache(maxsize=65536)
def relative(from_dir: str, to_path: str) -> str:
    """posixpath.relpath for clean docs-relative paths, without its file-system calls (it is hot)."""
    here = from_dir.split("/") if from_dir else []
    there = to_path.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


@pass_context
def href(context, target, anchor: str | None = None) -> Markup:
    """Relative link from the page being rendered to another page (a Page or a docs path)."""
    path = target.path if isinstance(target, Page) else target
    rel = relative(context["page_path"].rpartition("/")[0], path)
    return Markup(rel + (f"#{anchor}" if anchor else ""))


@pass_context
def links(context, pages, label: str = "name", separator: str = ", ") -> Markup:
    """Markdown links from the page being rendered to several pages, each labelled by one of its attributes."""
    here = context["page_path"].rpartition("/")[0]
    return escape_text(separator).join(
        Markup(f"[{escape_text(getattr(p, label))}]({relative(here, p.path)})") for p in pages)


@pass_context
def basis(context, target) -> Markup:
    """An objection's link basis (cited or editorial), linked to the method page, with its meaning and note."""
    here = context["page_path"].rpartition("/")[0]
    note = (target.note or "").strip().rstrip(".")
    if target.basis == "editorial" and note.lower().startswith("our mapping"):
        # The note already says what the basis means ("Our mapping; the post names no article"): say it once.
        method = relative(here, path("method"))
        return Markup(f"[editorial]({method}#link-basis): {escape_text('o' + note[1:])}")
    text = _basis(here, target.basis)
    return Markup(f"{text} ({escape_text(note)})") if note else text


@lru_cache(maxsize=1024)
def _basis(here: str, basis: str) -> Markup:
    method = relative(here, path("method"))
    return Markup(f"[{escape_text(basis)}]({method}#link-basis): {escape_text(BASIS[basis])}")


@pass_context
def url_href(context, target, anchor: str | None = None) -> Markup:
    """Relative URL (not .md path) for raw HTML, which MkDocs does not rewrite: page URL to page URL (a Page or a
    docs path)."""
    here = url_of(context["page_path"]).rstrip("/")   # a page's URL is a folder
    there = target.url if isinstance(target, Page) else url_of(target)
    return Markup(relative(here, there) + (f"#{anchor}" if anchor else ""))


_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
_NOT_KEY = re.compile(r"[^a-z0-9]+")


class Citation(NamedTuple):
    """A suggested citation of a page (attributes, not a dict: templates read them without a failed lookup)."""
    plain: str
    url: str
    bibtex: str


def citation(site: Site, page: Page, title: str) -> Citation:
    """A suggested citation of a page: plain text and BibTeX, with its permanent address."""
    url, as_of = site.absolute(page), site.treaty["as_of"]
    prefix = site.treaty.get("citation_key") or site.treaty["slug"]
    key = f"{prefix}-" + _NOT_KEY.sub("-", page.url.lower()).strip("-")
    bib_title = _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(title.split()))
    return Citation(
        plain=f"{title}. In: {site.site_name}, data as of {format_date(as_of)}.",
        url=url,
        bibtex=(f"@misc{{{key},\n  title = {{{bib_title}}},\n  howpublished = {{\\url{{{url}}}}},\n"
                f"  note = {{{site.site_name}, data as of {as_of}}},\n  year = {{{as_of[:4]}}}\n}}"),
    )


def count_by(items, key) -> list[tuple[str, int]]:
    """(label, count) pairs, most frequent first, ties by label."""
    return sorted(Counter(key(i) for i in items).items(), key=lambda kv: (-kv[1], kv[0]))


# Compiled templates are reused across runs. Jinja keys its cache by template source only, so the key also
# carries the digest of this module and of markdown.py (finalize): a change to finalize or the options recompiles
# them.
_CACHE_PATTERN = "treatysite-{}-%s.cache".format(hashlib.sha256(
    Path(__file__).read_bytes() + Path(__file__).with_name("markdown.py").read_bytes()).hexdigest()[:16])


class _Environment(Environment):
    def make_globals(self, d):
        """A plain dict, not Jinja's ChainMap over the environment's globals: every render copies a template's
        globals, and copying a ChainMap looks each one up in Python. Our globals are all set before loading."""
        return {**self.globals, **(d or {})}


def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept in a folder of this user's own ($XDG_CACHE_HOME or ~/.cache, then treatysite/),
    never in a shared temporary folder, where another user's folder of that name made the build fail; None
    (templates compiled on every run) if no such folder can be had safely."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    base = base if os.path.isabs(base) else os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "treatysite")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None  # a link, or a folder someone else owns or may write into: compiled code is not read from it
    return FileSystemBytecodeCache(folder, _CACHE_PATTERN)


def make_environment() -> Environment:
    # autoescape makes macro output Markup; finalize escapes every other value for Markdown.
    env = _Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True,
                       auto_reload=False, bytecode_cache=bytecode_cache(),
                       finalize=_finalize, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(names=names, date=format_date, link=link, yaml=yaml_string, href=href, links=links, basis=basis, anchor=anchor,
                       join=join, url_href=url_href, pre=preformatted, n=charts.number)
    env.globals.update(STAKEHOLDER_TYPES=STAKEHOLDER_TYPES, STATUS=STATUS_LABELS, ASKS=ASKS, SUPPORT_ASKS=SUPPORT_ASKS,
                       STANCES=STANCES, CHARTS=charts,
                       MEMBERSHIP=MEMBERSHIP, COUNTRY_STATUS=COUNTRY_STATUS,
                       count_by=count_by, by_year=lambda st: st.date[:4],
                       citation=citation, front_matter=front_matter, MARKER=Markup(MARKER), path=path,
                       filter_spans=filter_spans, positions_meta=positions_meta, statements_by_type=statements_by_type,
                       statements_by_stakeholder=statements_by_stakeholder, entries=entries,
                       entries_by_theme=entries_by_theme, by_type=by_type,
                       DIRECTIONS=DIRECTIONS, BASIS=BASIS, article_grid=views.article_grid,
                       limit=views.THEME_LIMIT, listed=views.PROVISION_LIMIT,
                       listed_per_paragraph=views.PARAGRAPH_LIMIT, listed_per_row=views.ROW_LIMIT)
    # Answers first: dates with their preposition, long lists folded, the visitor words for each verification label.
    for kind in KINDS:   # the labels a kind's templates print, e.g. the outcomes of the lifecycle
        env.globals.update(kind.template_globals)
    env.filters.update(date_in=date_in, fold=answers.fold, capital=capital)
    env.globals.update(TITLE_WORDS=wording.TITLE)
    return env


def page_inputs(docs, salt: str) -> dict[str, str]:
    """Docs path -> a digest of everything the page can show, for the pages of kinds that show only their own
    data file and files of other kinds (PageKind.own_file_only): that file, every file of the other kinds, the
    templates and `salt` (the settings). The same digest means the same page."""
    templates = hashlib.sha256()
    for template in sorted(TEMPLATES.rglob("*")):
        if template.is_file():
            templates.update(template.name.encode() + b"\0" + template.read_bytes())
    found = {}
    for kind in DATA_KINDS.values():
        page = PAGE_KINDS.get(kind.page or "")
        if page is None or not page.own_file_only or not kind.id_is_stem:
            continue
        others = hashlib.sha256(templates.digest() + salt.encode())
        for doc in docs:
            if doc.kind != kind.name:
                others.update(f"{doc.rel}\0{doc.text}\0".encode())
        for doc in docs:
            if doc.kind == kind.name and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
                own = others.copy()
                own.update(doc.text.encode())
                found[page.path_of(doc.data)] = own.hexdigest()
    return found


def plan_site(site: Site, env: Environment | None = None) -> dict[str, Callable[[], str]]:
    """Every generated file: docs path -> a function that makes its text (nothing is made yet).

    Each kind plans its pages; an index page made from a data kind with no file is not made. The pages of one
    entity come last, after the few large index pages, so that workers finish together.
    """
    env = env or make_environment()
    pages = [page for kind in KINDS for page in kind.plan(site) if page[1] is not None or _has_data(site, page[0])]
    made = frozenset(kind for kind, _, _ in pages)
    pages.append(("nav", None, lambda: {"sections": navigation(site, made)}))
    plan = export_jobs(site)
    for kind, entity, context in sorted(pages, key=lambda page: page[1] is not None):
        page = PAGE_KINDS[kind]
        if entity is not None:
            where, data_file = entity.path, entity.data_file
        else:
            where = page.path
            data_file = DATA_KINDS[page.data].edit_path(site.label) if page.data else "schema/"
        plan[where] = partial(_render, env.get_template(page.template), where, data_file, site, made, context)
    return plan


def _has_data(site: Site, page_kind: str) -> bool:
    data = PAGE_KINDS[page_kind].data
    return data is None or data in site.present


def navigation(site: Site, made: frozenset[str]) -> list[tuple[str | None, object]]:
    """The site navigation as (label, docs path or list of entries); a None label lets MkDocs use the title.

    Index pages with a place in the navigation that are made this time, in NAV_ORDER, within their section."""
    sections: dict[str, list] = {name: [] for name in NAV_SECTIONS}
    report = site.treaty.get("founding_report", {}).get("name", "the founding report")  # the labels' {words}
    words = {"treaty": site.treaty_page.label, "founding_report": capital(report)}
    for name, (section, label) in NAV_HANDWRITTEN.items():
        sections[section].append((label, path(name)))
    placed = [k for k in PAGE_KINDS.values() if k.nav and k.name in made]
    for kind in sorted(placed, key=lambda k: NAV_ORDER.index(k.name) if k.name in NAV_ORDER else len(NAV_ORDER)):
        sections[kind.nav[0]].append((kind.nav[1].format_map(words), kind.path))
    text = [(None, site.treaty_page.path)] + sections[NAV_SECTIONS[0]] + [(site.preamble.label, site.preamble.path)]
    # The chapter's own page takes its title (None), its full heading, so that its heading names the chapter.
    text += [(c.heading, [(None, c.path)] + [(a.heading, a.path) for a in c.articles])
             for c in site.chapters]
    sections[NAV_SECTIONS[0]] = text + [(a.heading, a.path) for a in site.loose_articles]
    return [("Home", path("home"))] + [(name.format_map(words), entries) for name, entries in sections.items()
                                      if entries]


def _render(template, page_path: str, data_file: str, site: Site, made: frozenset[str],
            context: dict | Callable[[], dict]) -> str:
    text = template.render(page_path=page_path, data_file=data_file, site=site, made=made,
                           **(context() if callable(context) else context))
    while "\n\n\n" in text:  # blank lines left by template tags, at most one in a row (faster than re.sub)
        text = text.replace("\n\n\n", "\n\n")
    return text
