"""The text itself: the whole, the preamble, chapters, sections and articles; how they are read from treaty.yaml
and chapters/, how targets point into them, their pages and their open data."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, Optional

from ..document import Document
from ..errors import did_you_mean
from ..kind import DataKind, Kind, PageKind, list_at, single
from ..linker import Linker
from ..model import ROMAN, Page, StatementCount, Target, capital, count_statements, with_sources
from ..site import Site

TREATY_PAGE = PageKind("treaty", "articles/index.md", "treaty.md.j2")
PREAMBLE_PAGE = PageKind("preamble", "articles/preamble.md", "provision.md.j2")
CHAPTER_PAGE = PageKind("chapter", "chapters/chapter-{number}.md", "chapter.md.j2")
ARTICLE_PAGE = PageKind("article", "articles/article-{number}.md", "provision.md.j2")


@dataclass(eq=False)
class Provision(Page):
    """A part of the convention that objections can target."""

    page: ClassVar[PageKind] = TREATY_PAGE

    id: str = ""                         # art-7, chapter-2, preamble, treaty
    label: str = ""                      # Article 7, Chapter II, Preamble, The convention
    title: str = ""
    summary: str = ""
    title_status: str = "verified"
    status_note: Optional[str] = None
    sort_key: tuple = (0, 0)             # treaty, preamble, chapters, articles: reading order
    links: list["Target"] = field(default_factory=list)     # objections targeting it
    support: list["Target"] = field(default_factory=list)   # supporting arguments defending it
    lifecycle: list = field(default_factory=list)           # objections of the negotiations it concerns
    claims: list["Claim"] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.label}: {self.title}" if self.title else self.label

    def counts(self) -> "StatementCount":
        """The statements on this provision itself, objecting and supporting (see StatementCount)."""
        return count_statements(self.links, self.support)


    def links_by_paragraph(self) -> dict["Paragraph", list["Target"]]:
        """Objection links that name a paragraph, by paragraph, most recent first."""
        groups: dict[Paragraph, list[Target]] = {}
        for link in self.links:
            if link.paragraph is not None:
                groups.setdefault(link.paragraph, []).append(link)
        return groups


@dataclass(eq=False)
class Chapter(Provision):
    page: ClassVar[PageKind] = CHAPTER_PAGE
    number: int = 0
    articles: list["Article"] = field(default_factory=list)    # every article, sections included, in order
    sections: list["Section"] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.label = self.label or f"Chapter {self.roman}"

    @staticmethod
    def id_for(number) -> str:
        return f"chapter-{number}"

    def article_counts(self) -> StatementCount:
        """The statements on any of its articles (each statement once)."""
        return count_statements([t for a in self.articles for t in a.links], [t for a in self.articles for t in a.support])

    def all_counts(self) -> StatementCount:
        """The statements on the chapter as a whole or on any of its articles: what explore's chapter filter gives."""
        return count_statements(self.links + [t for a in self.articles for t in a.links],
                                self.support + [t for a in self.articles for t in a.support])

    @property
    def roman(self) -> str:
        return ROMAN[self.number] if self.number < len(ROMAN) else str(self.number)


@dataclass(eq=False)
class Paragraph:
    id: str
    summary: str

    @property
    def anchor(self) -> str:
        return f"paragraph-{self.id}"


@dataclass(eq=False)
class Section:
    """A division of a chapter, for texts whose chapters have sections."""

    number: str
    title: str
    chapter: Chapter
    articles: list["Article"] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"Section {self.number}: {self.title}"


@dataclass(eq=False)
class Article(Provision):
    page: ClassVar[PageKind] = ARTICLE_PAGE
    number: int = 0
    chapter: Optional[Chapter] = None      # None for an article outside any chapter
    section: Optional[Section] = None
    terms: list[dict] = field(default_factory=list)
    related: list["Article"] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    @staticmethod
    def id_for(number) -> str:
        return f"art-{number}"


@dataclass(eq=False)
class Preamble(Provision):
    page: ClassVar[PageKind] = PREAMBLE_PAGE


PROVISION_FILES = ("chapter", "treaty")  # kinds of file that define provisions


@dataclass
class Provisions:
    """The text's structure: the whole, the preamble, chapters and articles, and an index of them by id."""

    treaty_page: Provision
    preamble: Provision
    chapters: list[Chapter]
    articles: dict[int, Article]
    loose: list[Article] = field(default_factory=list)   # articles outside any chapter
    drafts: dict = field(default_factory=dict)           # earlier drafts by id, for targets in draft numbering

    @cached_property  # looked up for every target: made once, when every article is known
    def index(self) -> dict[str, Provision]:
        found: dict[str, Provision] = {"treaty": self.treaty_page, "preamble": self.preamble}
        found.update({c.id: c for c in self.chapters})
        found.update({a.id: a for _, a in sorted(self.articles.items())})
        return found


def link_provisions(ln: "Linker", treaty_doc: Document | None, chapter_docs: list[Document]) -> Provisions:
    treaty = treaty_doc.data if treaty_doc else {}
    treaty_file = treaty_doc.rel if treaty_doc else f"{ln.label}/treaty.yaml"
    terms = {t["id"]: t for t in treaty.get("defined_terms", [])}
    called = treaty.get("called", "")  # how the pages name the whole text (treaty.yaml), capitalised as a label
    whole = Provision(treaty_file, id="treaty", label=capital(called), sort_key=(0, 0),
                      title=treaty.get("title", ""), summary=treaty.get("full_title", ""))
    preamble = Preamble(treaty_file, id="preamble", label="Preamble", sort_key=(1, 0), summary=treaty.get("preamble", ""))
    seen_chapters: dict = {}
    text = _Text(terms)
    chapters = []
    for doc in sorted(chapter_docs, key=lambda d: d.data["number"]):
        if ln.unique(doc, ("number",), "chapter number", doc.data["number"], seen_chapters):
            chapters.append(_chapter(ln, doc, text))
    loose = [] if treaty_doc is None else _articles(ln, treaty_doc, (), None, None, text)
    for article, doc, path, numbers in text.related:  # every article is known now
        article.related = ln.resolve_all(doc, path, "article lists related article", numbers, text.articles,
                                         PROVISION_FILES, Article.id_for)
    return Provisions(whole, preamble, chapters, text.articles, loose)


@dataclass
class _Text:
    """What reading the articles gathers: defined terms to resolve against, articles by number, related refs."""

    terms: dict
    articles: dict[int, Article] = field(default_factory=dict)
    seen: dict = field(default_factory=dict)
    related: list[tuple] = field(default_factory=list)   # (article, doc, path, numbers), resolved once all are read


def _chapter(ln: "Linker", doc: Document, text: _Text) -> Chapter:
    raw = doc.data
    chapter = Chapter(doc.rel, id=Chapter.id_for(raw["number"]), number=raw["number"],
                      sort_key=(2, raw["number"], 0), title=raw["title"], title_status=raw["title_status"],
                      summary=raw["summary"], status_note=raw.get("status_note"))
    chapter.articles = _articles(ln, doc, (), chapter, None, text)
    for i, s in enumerate(raw.get("sections", [])):
        section = Section(s["number"], s["title"], chapter)
        section.articles = _articles(ln, doc, ("sections", i), chapter, section, text)
        chapter.sections.append(section)
        chapter.articles += section.articles
    if not chapter.articles:
        ln.report(doc, ("number",), "the chapter has no articles; list them under 'articles' or under 'sections'")
    return chapter


def _articles(ln: "Linker", doc: Document, at: tuple, chapter, section, text: _Text) -> list[Article]:
    """The articles listed under `at` + ("articles",) in a file, each number used once across the text."""
    found = []
    raw_list = doc.data
    for part in at:
        raw_list = raw_list[part]
    for i, a in enumerate(raw_list.get("articles", [])):
        path = at + ("articles", i)
        n = a["number"]
        if not ln.unique(doc, path + ("number",), "article number", n, text.seen):
            continue
        order = (2, chapter.number, n) if chapter else (3, n, 0)
        article = Article(doc.rel, id=Article.id_for(n), label=f"Article {n}", title=a["title"], summary=a["summary"],
                          title_status=a["title_status"], status_note=a.get("status_note"), number=n,
                          sort_key=order, chapter=chapter, section=section,
                          paragraphs=[Paragraph(str(p["id"]), p["summary"]) for p in a.get("paragraphs", [])])
        article.terms = ln.resolve_all(doc, path + ("terms",), "article uses the term", a.get("terms", []), text.terms,
                                       ("treaty",))
        text.related.append((article, doc, path + ("related",), a.get("related", [])))
        text.articles[n] = article
        found.append(article)
    return found


def link_targets(ln: "Linker", doc: Document, path: tuple, raw_targets: list, owner, what: str,
                 provisions: Provisions) -> list[Target]:
    """Resolve a list of targets; ranges expand to one target per article."""
    found = []
    for i, t in enumerate(raw_targets):
        here = path + (i,)
        provision = ln.resolve(doc, here + ("provision",), f"{what} targets", t["provision"], provisions.index,
                               PROVISION_FILES)
        if provision is None:
            continue
        draft = None
        if "draft" in t:
            d = ln.resolve(doc, here + ("draft", "draft"), "target uses the numbering of draft", t["draft"]["draft"],
                           provisions.drafts, ("concordance",))
            draft = (d, t["draft"]["article"]) if d else None
        if "through" in t:  # a range in draft numbering runs beside the final range, article for article
            found += [Target(a, t["basis"], owner, note=t.get("note"),
                             draft=(draft[0], draft[1] + a.number - provision.number) if draft else None)
                      for a in _range(ln, doc, here, t, provisions)]
            continue
        paragraph = None
        if "paragraph" in t:
            paragraph = _paragraph(ln, doc, here, provision, str(t["paragraph"]))
            if paragraph is None:
                continue
        found.append(Target(provision, t["basis"], owner, paragraph=paragraph, note=t.get("note"), draft=draft))
    return found


def _range(ln: "Linker", doc: Document, here: tuple, t: dict, provisions: Provisions) -> list[Article]:
    first = provisions.index[t["provision"]]
    if not isinstance(first, Article) or "paragraph" in t:
        ln.report(doc, here + ("through",), "'through' only works with a single article in 'provision' and no 'paragraph'")
        return []
    last = ln.resolve(doc, here + ("through",), "range ends at", t["through"], provisions.index, PROVISION_FILES)
    if last is None:
        return []
    if last.number <= first.number:
        ln.report(doc, here + ("through",), f"range {t['provision']} through {t['through']} runs backwards; "
                                            "'through' must name a later article")
        return []
    return [provisions.articles[n] for n in range(first.number, last.number + 1) if n in provisions.articles]


def _paragraph(ln: "Linker", doc: Document, here: tuple, provision: Provision, pid: str) -> Paragraph | None:
    paragraphs = {p.id: p for p in getattr(provision, "paragraphs", [])}
    if pid not in paragraphs:
        ln.report(doc, here + ("paragraph",), f"{provision.id} has no paragraph '{pid}' listed under its 'paragraphs'"
                                              f"{did_you_mean(pid, paragraphs)}; add the paragraph to the article "
                                              f"in {ln.label}/chapters/ or remove 'paragraph'")
        return None
    return paragraphs[pid]


def _neighbours(items: list, i: int, before=None) -> tuple:
    """(previous, next) of the i-th item in reading order; `before` precedes the first."""
    return (items[i - 1] if i else before), (items[i + 1] if i + 1 < len(items) else None)


class Text(Kind):
    """The treaty's text: treaty.yaml (the whole, the preamble, defined terms, articles outside the chapters) and
    one file per chapter."""

    name = "text"
    data = (DataKind("treaty", "treaty.yaml", required=True, lists=("defined_terms",)),
            DataKind("chapter", "chapters", required=True))
    pages = (TREATY_PAGE, PREAMBLE_PAGE, CHAPTER_PAGE, ARTICLE_PAGE,
             PageKind("chapters", "chapters/index.md", "chapters.md.j2", "chapter", ("{treaty}", "Chapters")))

    def link(self, ln: "Linker", docs: dict, found: dict) -> dict:
        treaty_doc = single(docs, "treaty")
        provisions = link_provisions(ln, treaty_doc, docs["chapter"])
        treaty = {}
        if treaty_doc is not None:
            treaty = with_sources(treaty_doc.data, ("key_dates", "symbols"))
            treaty["entry_into_force"] = with_sources(treaty_doc.data["entry_into_force"], (), ("source",))
        return {"text": provisions, "treaty": treaty, "treaty_page": provisions.treaty_page,
                "preamble": provisions.preamble, "chapters": provisions.chapters,
                "articles": [provisions.articles[n] for n in sorted(provisions.articles)],
                "loose_articles": provisions.loose}

    def defines(self, data: dict) -> set[str]:
        ids = super().defines(data)
        if "number" in data:
            ids.add(Chapter.id_for(data.get("number")))
        sections = [a for s in list_at(data, "sections") if isinstance(s, dict) for a in list_at(s, "articles")]
        return ids | {Article.id_for(a.get("number")) for a in list_at(data, "articles") + sections
                      if isinstance(a, dict)}

    def plan(self, site: "Site"):
        articles, chapters = site.articles, site.chapters
        yield "treaty", site.treaty_page, {"provision": site.treaty_page}
        yield "preamble", site.preamble, {"provision": site.preamble, "pager": (None, articles[0] if articles else None)}
        yield "chapters", None, {}
        yield from (("chapter", c, {"provision": c, "pager": _neighbours(chapters, i)}) for i, c in enumerate(chapters))
        yield from (("article", a, {"provision": a, "pager": _neighbours(articles, i, site.preamble)})
                    for i, a in enumerate(articles))

    def dataset(self, site: "Site") -> dict:
        return {
            "treaty": {k: v for k, v in site.treaty.items() if k not in ("key_dates", "symbols", "entry_into_force")},
            "chapters": [{"number": c.number, "title": c.title, "title_status": c.title_status, "summary": c.summary,
                          "articles": [a.number for a in c.articles]} for c in site.chapters],
            "articles": [{"id": a.id, "number": a.number, "chapter": a.chapter.number if a.chapter else None,
                          "title": a.title, "title_status": a.title_status, "summary": a.summary,
                          "url": site.absolute(a), "terms": [t["id"] for t in a.terms],
                          "related": [r.number for r in a.related],
                          "paragraphs": [{"id": p.id, "summary": p.summary} for p in a.paragraphs]}
                         for a in site.articles],
        }


KIND = Text()
