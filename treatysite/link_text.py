"""Linking the text itself: the whole, the preamble, chapters, sections and articles, and targets that point into it."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .errors import did_you_mean
from .load import Document
from .model import Article, Chapter, Paragraph, Preamble, Provision, Section, Target

if TYPE_CHECKING:
    from .link import Linker

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


def link_provisions(ln: "Linker", treaty_doc: Document | None, chapter_docs: list[Document], label: str) -> Provisions:
    treaty = treaty_doc.data if treaty_doc else {}
    treaty_file = treaty_doc.rel if treaty_doc else f"{label}/treaty.yaml"
    terms = {t["id"]: t for t in treaty.get("defined_terms", [])}
    called = treaty.get("called", "")  # how the pages name the whole text (treaty.yaml), capitalised as a label
    whole = Provision(treaty_file, id="treaty", label=called[:1].upper() + called[1:], sort_key=(0, 0),
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
                                         PROVISION_FILES)
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
                                              "in data/chapters/ or remove 'paragraph'")
        return None
    return paragraphs[pid]


