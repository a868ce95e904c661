"""Render stage: Jinja templates turn the linked Site into Markdown pages (path -> text)."""
from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.compiler import CodeGenerator
from markupsafe import Markup

from .export import CSV_COLUMNS, export_jobs
from .parallel import fork_map
from .schemadoc import KINDS, fields, schema_title
from .views import CAMP_SHOWN, coalition_rows, objection_matrix
from .write import MARKER, Output
from .model import ASKS, BASIS, SITE_NAME, STAKEHOLDER_TYPES, STATUS_LABELS, Page, Site

TEMPLATES = Path(__file__).resolve().parent / "templates"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# Every ASCII character that Markdown, HTML, attr_list or a Material marker could read as syntax.
_SPACE = re.compile(r"\s+")
_NEEDS_SPACING = re.compile(r"\s\s|[^\S ]")
_SPECIALS = "!\"#$%&'()*+-./:;<=>?@[\\]^_`{|}~"
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in _SPECIALS})


@lru_cache(maxsize=262144)
def _escape_str(text: str) -> Markup:
    if _NEEDS_SPACING.search(text):
        text = _SPACE.sub(" ", text)
    return Markup(text.translate(_ENTITIES))


def escape_text(value) -> Markup:
    """Data text as inert Markdown: one line, every syntax character written as an HTML entity.

    This is the only place text from data/ is escaped; templates get it automatically (finalize).
    Collapsing whitespace means no data can start a heading, list, table, code block or fence.
    """
    return _escape_str(str(value))  # names, titles and dates repeat across pages: cached


def join(items, separator: str = "") -> Markup:
    """Jinja's join, but escaping each item for Markdown (the built-in one only escapes HTML)."""
    return escape_text(separator).join(_finalize(item) for item in items)


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if value is None:
        raise TypeError("a template printed None; guard optional fields with {% if %}")
    return escape_text(value)


def format_date(value: str) -> str:
    """2024-08-08 -> 8 August 2024; 2024-08 -> August 2024; 2024 -> 2024."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _url_target(url: str) -> str:
    # Validated addresses have no spaces or quotes; parentheses would end a Markdown link early.
    return url.replace("(", "%28").replace(")", "%29")


def link(url: str, text) -> Markup:
    """A Markdown link to an external (validated http/https/mailto) address."""
    return Markup(f"[{escape_text(text)}]({_url_target(url)})")


def yaml_string(value) -> Markup:
    """A YAML string for front matter and the nav, HTML-escaped because Material prints titles as HTML.

    (MkDocs renders theme templates without autoescaping.) A JSON string is a valid YAML scalar.
    """
    return Markup(json.dumps(html.escape(" ".join(str(value).split()), quote=True)))


@pass_context
def front_matter(context, title, description=None, search_exclude: bool = False) -> Markup:
    """A page's YAML front matter: our marker with its data file, title, edit path, search and description."""
    data_file = context["data_file"]
    lines = ["---", f"# {MARKER} from {yaml_string(data_file)}: edit that file, not this one.",
             f"title: {yaml_string(title)}",
             f"edit_path: {yaml_string(data_file if data_file.endswith('.yaml') else '')}"]
    if search_exclude:
        lines += ["search:", "  exclude: true"]
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
    method = relative(here, "about/method.md")
    text = f"[{escape_text(target.basis)}]({method}#link-basis): {escape_text(BASIS[target.basis])}"
    return Markup(text + (f" ({escape_text(target.note)})" if target.note else ""))


def anchor(value) -> Markup:
    """An id for an HTML anchor; ids come from validated slugs, so anything else is a bug."""
    text = str(value)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", text):
        raise ValueError(f"not a valid anchor: {text!r}")
    return Markup(text)


@pass_context
def url_href(context, target: Page, anchor: str | None = None) -> Markup:
    """Relative URL (not .md path) for raw HTML, which MkDocs does not rewrite: page URL to page URL."""
    here = Page(context["page_path"], "").url.rstrip("/")   # a page's URL is a folder
    return Markup(relative(here, target.url) + (f"#{anchor}" if anchor else ""))


def preformatted(text: str) -> Markup:
    """A raw HTML <pre> block (Markdown leaves its content alone, so it is HTML-escaped instead)."""
    return Markup(f'<pre class="citation"><code>{html.escape(text)}</code></pre>')


_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")


def citation(site: Site, page: Page, title: str) -> dict[str, str]:
    """A suggested citation of a page: plain text and BibTeX, with its permanent address."""
    url, as_of = site.absolute(page), site.treaty["as_of"]
    key = "unccc-" + re.sub(r"[^a-z0-9]+", "-", page.url.lower()).strip("-")
    bib_title = _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(title.split()))
    return {
        "plain": f"{title}. In: {SITE_NAME}, data as of {format_date(as_of)}.",
        "url": url,
        "bibtex": (f"@misc{{{key},\n  title = {{{bib_title}}},\n  howpublished = {{\\url{{{url}}}}},\n"
                   f"  note = {{{SITE_NAME}, data as of {as_of}}},\n  year = {{{as_of[:4]}}}\n}}"),
    }


def count_by(items, key) -> list[tuple[str, int]]:
    """(label, count) pairs, most frequent first, ties by label."""
    return sorted(Counter(key(i) for i in items).items(), key=lambda kv: (-kv[1], kv[0]))


# Compiled templates are reused across runs. Jinja keys its cache by template source only, so the key also
# carries this module's digest: a change to the code generator, finalize or options here recompiles them.
_CACHE_PATTERN = f"treatysite-{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]}-%s.cache"


class _CodeGenerator(CodeGenerator):
    """Compiles `{{ value }}` to finalize(value) instead of escape(finalize(value)).

    _finalize already returns Markup for every value (escaped for Markdown, which covers HTML), so
    the escape() Jinja adds around it under autoescape would only copy each string again.
    """

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is None:
            return super()._output_child_pre(node, frame, finalize)
        self.write("(" + finalize.src)


class _Environment(Environment):
    code_generator_class = _CodeGenerator


def make_environment() -> Environment:
    # autoescape makes macro output Markup; finalize escapes every other value for Markdown.
    env = _Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True,
                       auto_reload=False, bytecode_cache=FileSystemBytecodeCache(pattern=_CACHE_PATTERN),
                       finalize=_finalize, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(date=format_date, link=link, yaml=yaml_string, href=href, links=links, basis=basis, anchor=anchor,
                       join=join, url_href=url_href, pre=preformatted)
    env.globals.update(STAKEHOLDER_TYPES=STAKEHOLDER_TYPES, STATUS=STATUS_LABELS, ASKS=ASKS,
                       count_by=count_by, by_basis=lambda t: t.basis, by_year=lambda st: st.date[:4],
                       citation=citation, front_matter=front_matter, MARKER=Markup(MARKER), limit=THEME_LIMIT,
                       listed=PROVISION_LIMIT, listed_per_paragraph=PARAGRAPH_LIMIT, listed_per_row=ROW_LIMIT)
    return env


CSV_MEANINGS = list(zip(CSV_COLUMNS, [
    "Id of the statement (its page is statements/<id>/)", "Date of the statement: YYYY-MM-DD, YYYY-MM or YYYY",
    "Title: the source's own, or our description", "Ids of the stakeholders, separated by ;",
    "Their types, separated by ;", "Kind of statement", "Id of the objection within the statement",
    "The objection in our words", "Theme ids, separated by ;", "What is asked",
    "more-protection, or fewer-safeguards for objections from the opposite direction",
    "Targeted provision: art-<n>, chapter-<n>, preamble or treaty", "Targeted paragraph, if any",
    "cited (the source names the provision) or editorial (our mapping)", "Why this mapping, if noted",
    "Permanent address of the objection on this site"]))


LATEST = 50          # statements listed on the statements index
THEME_LIMIT = 100    # objections listed on a theme page
PROVISION_LIMIT = 100  # objections (statements) listed on a provision (stakeholder) page; counts cover all
PARAGRAPH_LIMIT = 20   # objections named under a paragraph of a provision page
ROW_LIMIT = 10       # objections per provision linked from a stakeholder's table


@dataclass
class Period:
    """Statements of one month (or of one year, for statements dated by year only)."""

    key: str
    statements: list

    @property
    def label(self) -> str:
        return format_date(self.key) + (" (month not known)" if len(self.key) == 4 else "")

    @property
    def path(self) -> str:
        return f"statements/by-date/{self.key}.md"

    @property
    def year(self) -> str:
        return self.key[:4]


def statement_periods(site: Site) -> list[Period]:
    """Statements grouped by month, newest first, so that no listing grows without bound."""
    periods: dict[str, Period] = {}
    for st in site.statements:
        key = st.date[:7]
        periods.setdefault(key, Period(key, [])).statements.append(st)
    return sorted(periods.values(), key=lambda p: (p.key[:4], p.key), reverse=True)


def plan_pages(site: Site) -> list[tuple[str, str, str, dict]]:
    """Every Markdown page to render: (template, docs path, data file, template context)."""
    jobs: list[tuple[str, str, str, dict]] = []

    def page(template: str, path: str, data_file: str, **context) -> None:
        jobs.append((template, path, data_file, context))

    page("treaty.md.j2", site.treaty_page.path, site.treaty_page.data_file, provision=site.treaty_page)
    page("provision.md.j2", site.preamble.path, site.preamble.data_file, provision=site.preamble)
    page("chapters.md.j2", "chapters/index.md", "data/chapters/")
    for chapter in site.chapters:
        page("chapter.md.j2", chapter.path, chapter.data_file, provision=chapter)
    for article in site.articles:
        page("provision.md.j2", article.path, article.data_file, provision=article)
    periods = statement_periods(site)
    page("statements.md.j2", "statements/index.md", "data/statements/", periods=periods, latest=LATEST)
    for period in periods:
        page("period.md.j2", period.path, "data/statements/", period=period)
    for statement in site.statements:
        page("statement.md.j2", statement.path, statement.data_file, statement=statement)
    page("stakeholders.md.j2", "stakeholders/index.md", "data/stakeholders/")
    for stakeholder in site.stakeholders:
        page("stakeholder.md.j2", stakeholder.path, stakeholder.data_file, stakeholder=stakeholder)
    page("themes.md.j2", "themes/index.md", "data/themes.yaml")
    for theme in site.themes:
        page("theme.md.j2", theme.path, theme.data_file, theme=theme)
    page("timeline.md.j2", "overview/timeline.md", "data/timeline.yaml")
    page("ratifications.md.j2", "overview/ratifications.md", "data/ratifications.yaml")
    page("claims.md.j2", "overview/founding-article.md", "data/claims.yaml")
    columns, groups = objection_matrix(site)
    page("matrix.md.j2", "overview/matrix.md", "data/statements/", columns=columns, groups=groups)
    together, opposite = coalition_rows(site)
    page("coalitions.md.j2", "overview/coalitions.md", "data/statements/", together=together, opposite=opposite,
         shown=CAMP_SHOWN)
    page("data.md.j2", "download/index.md", "schema/", kinds=KINDS, fields=fields, schema_title=schema_title,
         csv_columns=CSV_MEANINGS, feed_example=next((p for p in site.articles if p.links), None))
    return jobs


PARALLEL_FROM = 400    # files; below this, starting worker processes costs more than it saves


def _render(env: Environment, site: Site, job: tuple) -> str:
    template, path, data_file, context = job
    text = env.get_template(template).render(page_path=path, data_file=data_file, site=site, **context)
    while "\n\n\n" in text:  # blank lines left by template tags, at most one in a row (faster than re.sub)
        text = text.replace("\n\n\n", "\n\n")
    return text


def render_pages(site: Site, output: Output | None = None, workers: int | None = None) -> dict[str, Any]:
    """Every generated file, made on every core for large sites: docs-relative path -> its text.

    With an output, each worker writes the files it makes (output.put) and the values are what put()
    returns instead; output.begin() has checked every path first.
    """
    env = make_environment()
    jobs = plan_pages(site)
    for template in {job[0] for job in jobs} | {"nav.yml.j2"}:
        env.get_template(template)  # compiled once, here, before any worker starts
    # The few large files first and the many small statement pages last, so that the workers finish together.
    jobs.sort(key=lambda job: job[0] == "statement.md.j2")
    tasks = list(export_jobs(site).items())
    tasks.append((".nav.yml", partial(env.get_template("nav.yml.j2").render, site=site, page_path=".nav.yml")))
    tasks += [(job[1], partial(_render, env, site, job)) for job in jobs]
    paths = [path for path, _ in tasks]
    if output is None:
        return dict(zip(paths, fork_map(partial(_make, _text), tasks, PARALLEL_FROM, workers)))
    output.begin(paths)
    try:
        return dict(zip(paths, fork_map(partial(_make, output.put), tasks, PARALLEL_FROM, workers)))
    except BaseException:
        output.stopped()  # some files may be written: let the next run replace them
        raise


def _make(keep: Callable[[str, str], Any], task: tuple[str, Callable[[], str]]):
    path, make = task
    return keep(path, make())


def _text(path: str, text: str) -> str:
    return text
