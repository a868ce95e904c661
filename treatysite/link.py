"""Link stage: build the id index of every entity, then resolve every reference against it."""
from __future__ import annotations

from .errors import Problems, did_you_mean
from .load import Document
from .model import (Article, Report, Chapter, Claim, Event, Objection, Paragraph, Provision, Quote, Site, Source,
                    Stakeholder, Statement, Target, Theme)


# Kinds of file that define provisions (a broken one silences references to its articles).
_PROVISION_KINDS = ("chapter", "treaty")


def _source(raw: dict | None) -> Source | None:
    if not raw:
        return None
    report = Report(**raw["reported_by"]) if raw.get("reported_by") else None
    return Source(**{**raw, "reported_by": report})


def _with_sources(raw: dict, lists: tuple[str, ...], keys: tuple[str, ...]) -> dict:
    """A copy of a single-file document with its source mappings turned into Source objects."""
    out = dict(raw)
    for key in keys:
        if isinstance(out.get(key), dict) and "publisher" in out[key]:
            out[key] = _source(out[key])
    for name in lists:
        out[name] = [{**item, "source": _source(item.get("source"))} for item in out.get(name, [])]
    return out


class _Linker:
    """Resolves references; each unresolved one becomes a problem naming its file and line."""

    def __init__(self, docs: list[Document], problems: Problems, data_label: str, broken: set[str]):
        self.problems = problems
        self.label = data_label
        self.broken = broken  # kinds and ids whose files failed to load: references to them stay silent
        self.by_kind: dict[str, list[Document]] = {}
        for doc in docs:
            self.by_kind.setdefault(doc.kind, []).append(doc)

    def single(self, kind: str, name: str, required: bool) -> Document | None:
        docs = self.by_kind.get(kind, [])
        if not docs and required:
            self.broken.add(kind)  # nothing defines these ids: report the missing file, not each reference
            self.problems.add(f"{self.label}/{name}", 0, f"the file is missing; create {self.label}/{name} "
                                                           f"(see schema/{kind}.schema.json)")
        return docs[0] if docs else None

    def missing(self, doc: Document, path: tuple, what: str, ref, known, defined_by: tuple[str, ...] = ()) -> None:
        """Report a reference that resolves to nothing, unless the file meant to define it is broken."""
        if {str(ref), f"art-{ref}"} & self.broken or any(kind in self.broken for kind in defined_by):
            return  # the file that would define it is already reported as broken
        self.problems.add(doc.rel, doc.line(path),
                          f"{what} '{ref}', which does not exist{did_you_mean(ref, known)}")

    def duplicate(self, doc: Document, path: tuple, what: str, ref, first: tuple[Document, tuple]) -> None:
        """`first` is (document, path) where the id was first seen: its line is only looked up here."""
        at = f"{first[0].rel}:{first[0].line(first[1])}"
        self.problems.add(doc.rel, doc.line(path), f"duplicate {what} '{ref}' (already used at {at}); "
                                                   "each must be unique")

    # -- provisions ---------------------------------------------------------------------------
    def provisions(self, treaty_doc: Document | None):
        treaty = treaty_doc.data if treaty_doc else {}
        treaty_file = treaty_doc.rel if treaty_doc else f"{self.label}/treaty.yaml"
        self.terms = {t["id"]: t for t in treaty.get("defined_terms", [])}
        treaty_page = Provision("articles/index.md", treaty_file, id="treaty", label="The convention", sort_key=(0, 0),
                                title=treaty.get("title", ""), summary=treaty.get("full_title", ""))
        preamble = Provision("articles/preamble.md", treaty_file, id="preamble", label="Preamble", sort_key=(1, 0),
                             summary=treaty.get("preamble", ""))
        chapters, articles, seen_ch, seen_art = [], {}, {}, {}
        for doc in sorted(self.by_kind.get("chapter", []), key=lambda d: d.data["number"]):
            raw = doc.data
            if raw["number"] in seen_ch:
                self.duplicate(doc, ("number",), "chapter number", raw["number"], seen_ch[raw["number"]])
                continue
            seen_ch[raw["number"]] = (doc, ("number",))
            chapter = Chapter(f"chapters/chapter-{raw['number']}.md", doc.rel, id=f"chapter-{raw['number']}",
                              number=raw["number"], sort_key=(2, raw["number"], 0), title=raw["title"], title_status=raw["title_status"],
                              summary=raw["summary"])
            chapter.label = f"Chapter {chapter.roman}"
            for i, a in enumerate(raw["articles"]):
                n = a["number"]
                if n in seen_art:
                    self.duplicate(doc, ("articles", i, "number"), "article number", n, seen_art[n])
                    continue
                seen_art[n] = (doc, ("articles", i, "number"))
                article = Article(f"articles/article-{n}.md", doc.rel, id=f"art-{n}", label=f"Article {n}",
                                  title=a["title"], summary=a["summary"], title_status=a["title_status"],
                                  status_note=a.get("status_note"), number=n, sort_key=(2, raw["number"], n), chapter=chapter,
                                  paragraphs=[Paragraph(str(p["id"]), p["summary"]) for p in a.get("paragraphs", [])])
                for j, term in enumerate(a.get("terms", [])):
                    if term in self.terms:
                        article.terms.append(self.terms[term])
                    else:
                        self.missing(doc, ("articles", i, "terms", j), "article uses the term", term, self.terms,
                                     ("treaty",))
                article.raw_related = [(doc, ("articles", i, "related", j), r) for j, r in enumerate(a.get("related", []))]
                chapter.articles.append(article)
                articles[n] = article
            chapters.append(chapter)
        for article in articles.values():
            for doc, path, number in article.raw_related:
                if number in articles:
                    article.related.append(articles[number])
                else:
                    self.missing(doc, path, "article lists related article", number, articles,
                                 _PROVISION_KINDS)
            del article.raw_related
        index: dict[str, Provision] = {"treaty": treaty_page, "preamble": preamble}
        index.update({c.id: c for c in chapters})
        index.update({f"art-{n}": a for n, a in sorted(articles.items())})
        self.index, self.articles = index, articles
        return treaty, treaty_page, preamble, chapters, [articles[n] for n in sorted(articles)]

    def targets(self, doc: Document, path: tuple, raw_targets: list, objection) -> list[Target]:
        """Resolve a list of targets; ranges expand to one target per article."""
        found = []
        for i, t in enumerate(raw_targets):
            here = path + (i,)
            pid = t["provision"]
            if pid not in self.index:
                self.missing(doc, here + ("provision",), f"{'claim' if objection is None else 'objection'} targets",
                             pid, self.index, _PROVISION_KINDS)
                continue
            provision = self.index[pid]
            if "through" in t:
                last = t["through"]
                if not isinstance(provision, Article) or "paragraph" in t:
                    self.problems.add(doc.rel, doc.line(here + ("through",)),
                                      "'through' only works with a single article in 'provision' and no 'paragraph'")
                    continue
                if last not in self.index:
                    self.missing(doc, here + ("through",), "range ends at", last, self.index, _PROVISION_KINDS)
                    continue
                end = self.index[last].number
                if end <= provision.number:
                    self.problems.add(doc.rel, doc.line(here + ("through",)),
                                      f"range {pid} through {last} runs backwards; 'through' must name a later article")
                    continue
                for n in range(provision.number, end + 1):
                    if n in self.articles:
                        found.append(Target(self.articles[n], t["basis"], objection, note=t.get("note")))
                continue
            paragraph = None
            if "paragraph" in t:
                pid_para = str(t["paragraph"])
                paragraphs = {p.id: p for p in getattr(provision, "paragraphs", [])}
                if pid_para not in paragraphs:
                    self.problems.add(doc.rel, doc.line(here + ("paragraph",)),
                                      f"{pid} has no paragraph '{pid_para}' listed under its 'paragraphs'"
                                      f"{did_you_mean(pid_para, paragraphs)}; add the paragraph to the article "
                                      "in data/chapters/ or remove 'paragraph'")
                    continue
                paragraph = paragraphs[pid_para]
            found.append(Target(provision, t["basis"], objection, paragraph=paragraph, note=t.get("note")))
        return found

    # -- everything else ----------------------------------------------------------------------
    def themes(self, doc: Document | None) -> dict[str, Theme]:
        themes: dict[str, Theme] = {}
        first: dict[str, tuple] = {}
        for i, t in enumerate(doc.data["themes"] if doc else []):
            if t["id"] in themes:
                self.duplicate(doc, ("themes", i, "id"), "theme id", t["id"], first[t["id"]])
                continue
            first[t["id"]] = (doc, ("themes", i, "id"))
            themes[t["id"]] = Theme(f"themes/{t['id']}.md", doc.rel, id=t["id"], name=t["name"],
                                    description=t["description"])
        return themes

    def stakeholders(self) -> dict[str, Stakeholder]:
        found: dict[str, Stakeholder] = {}
        docs = self.by_kind.get("stakeholder", [])
        for doc in docs:
            raw = doc.data
            found[raw["id"]] = Stakeholder(f"stakeholders/{raw['id']}.md", doc.rel, id=raw["id"], name=raw["name"],
                                           type=raw["type"], short_name=raw.get("short_name"),
                                           description=raw.get("description"), base=raw.get("base"),
                                           homepage=raw.get("homepage"))
        for doc in docs:
            for i, member in enumerate(doc.data.get("members", [])):
                if member in found:
                    found[doc.data["id"]].members.append(found[member])
                    found[member].coalitions.append(found[doc.data["id"]])
                else:
                    self.missing(doc, ("members", i), "coalition lists member", member, found)
        return found

    def events(self, doc: Document | None) -> dict[str, Event]:
        events: dict[str, Event] = {}
        first: dict[str, tuple] = {}
        for i, e in enumerate(doc.data["events"] if doc else []):
            if e["id"] in events:
                self.duplicate(doc, ("events", i, "id"), "event id", e["id"], first[e["id"]])
                continue
            first[e["id"]] = (doc, ("events", i, "id"))
            if e.get("end_date") and e["end_date"] < e["date"]:
                self.problems.add(doc.rel, doc.line(("events", i, "end_date")), "'end_date' is before 'date'")
            event = Event(e["id"], e["date"], e["title"], e["description"], e["status"],
                          [_source(s) for s in e["sources"]], end_date=e.get("end_date"))
            for j, pid in enumerate(e.get("provisions", [])):
                if pid in self.index:
                    event.provisions.append(self.index[pid])
                else:
                    self.missing(doc, ("events", i, "provisions", j), "event concerns", pid, self.index,
                                 _PROVISION_KINDS)
            events[e["id"]] = event
        return events

    def claims(self, doc: Document | None, events: dict[str, Event]) -> dict[str, Claim]:
        claims: dict[str, Claim] = {}
        first: dict[str, tuple] = {}
        for i, c in enumerate(doc.data["claims"] if doc else []):
            if c["id"] in claims:
                self.duplicate(doc, ("claims", i, "id"), "claim id", c["id"], first[c["id"]])
                continue
            first[c["id"]] = (doc, ("claims", i, "id"))
            claim = Claim(c["id"], c["text"])
            claim.targets = self.targets(doc, ("claims", i, "targets"), c["targets"], None)
            for j, eid in enumerate(c.get("events", [])):
                if eid in events:
                    claim.events.append(events[eid])
                    events[eid].claims.append(claim)
                else:
                    self.missing(doc, ("claims", i, "events", j), "claim refers to event", eid, events,
                                 ("timeline",))
            for target in claim.targets:
                target.provision.claims.append(claim)
            claims[c["id"]] = claim
        return claims

    def statements(self, stakeholders, themes, claims) -> list[Statement]:
        statements = []
        for doc in self.by_kind.get("statement", []):
            raw = doc.data
            st = Statement(f"statements/{raw['id']}.md", doc.rel, id=raw["id"], date=raw["date"], kind=raw["kind"],
                           title=raw["title"], title_kind=raw["title_kind"], source=_source(raw["source"]),
                           summary=raw["summary"], speaker=raw.get("speaker"), speaker_role=raw.get("speaker_role"),
                           date_note=raw.get("date_note"))
            for i, sid in enumerate(raw["stakeholders"]):
                if sid in stakeholders:
                    st.stakeholders.append(stakeholders[sid])
                else:
                    self.missing(doc, ("stakeholders", i), "statement is by stakeholder", sid, stakeholders)
            quotes: dict[str, Quote] = {}
            first: dict[str, tuple] = {}
            for i, q in enumerate(raw.get("quotes", [])):
                if q["id"] in quotes:
                    self.duplicate(doc, ("quotes", i, "id"), "quote id", q["id"], first[q["id"]])
                    continue
                first[q["id"]] = (doc, ("quotes", i, "id"))
                quotes[q["id"]] = Quote(q["id"], q["text"], q["provenance"], q.get("seen_at"), q.get("note"))
            st.quotes = list(quotes.values())
            seen_obj: dict[str, tuple] = {}
            for i, o in enumerate(raw["objections"]):
                path = ("objections", i)
                if o["id"] in seen_obj:
                    self.duplicate(doc, path + ("id",), "objection id", o["id"], seen_obj[o["id"]])
                    continue
                seen_obj[o["id"]] = (doc, path + ("id",))
                objection = Objection(o["id"], o["summary"], [], o["asks"], o.get("direction", "more-protection"), st)
                for j, tid in enumerate(o["themes"]):
                    if tid in themes:
                        objection.themes.append(themes[tid])
                    else:
                        self.missing(doc, path + ("themes", j), "objection has theme", tid, themes,
                                     ("themes",))
                for j, qid in enumerate(o.get("quotes", [])):
                    if qid in quotes:
                        objection.quotes.append(quotes[qid])
                    else:
                        self.missing(doc, path + ("quotes", j), "objection refers to quote", qid, quotes)
                objection.targets = self.targets(doc, path + ("targets",), o["targets"], objection)
                st.objections.append(objection)
            for i, cid in enumerate(raw.get("claims", [])):
                if cid in claims:
                    st.claims.append(claims[cid])
                else:
                    self.missing(doc, ("claims", i), "statement carries claim", cid, claims, ("claims",))
            statements.append(st)
        return statements


def link_site(docs: list[Document], problems: Problems, data_label: str = "data",
              broken: set[str] = frozenset()) -> Site | None:
    """Resolve every reference; return the linked Site, or None if any reference is broken."""
    linker = _Linker(docs, problems, data_label, set(broken))
    treaty_doc = linker.single("treaty", "treaty.yaml", required="treaty-file" not in broken)
    themes_doc = linker.single("themes", "themes.yaml", required="themes-file" not in broken)
    if not linker.by_kind.get("chapter") and "chapter-file" not in broken:
        problems.add(f"{data_label}/chapters/", 0, "no chapter files found; add data/chapters/<nn>.yaml")
    treaty, treaty_page, preamble, chapters, articles = linker.provisions(treaty_doc)
    themes = linker.themes(themes_doc)
    stakeholders = linker.stakeholders()
    events = linker.events(linker.single("timeline", "timeline.yaml", required=False))
    claims_doc = linker.single("claims", "claims.yaml", required=False)
    claims = linker.claims(claims_doc, events)
    statements = linker.statements(stakeholders, themes, claims)
    if problems:
        return None
    statements.sort(key=lambda s: (s.date, s.id), reverse=True)  # newest first, everywhere
    _attach_backlinks(statements)
    ratifications = linker.single("ratifications", "ratifications.yaml", required=False)
    treaty = _with_sources(treaty, ("key_dates", "symbols"), ())
    treaty["entry_into_force"] = _with_sources(treaty["entry_into_force"], (), ("source",))
    ratifications = _with_sources(ratifications.data, ("signature_counts", "states"),
                                  ("ratification_count_source",)) if ratifications else {}
    return Site(treaty=treaty, treaty_page=treaty_page, preamble=preamble, chapters=chapters, articles=articles,
                provisions=linker.index, stakeholders=sorted(stakeholders.values(), key=lambda s: s.name.lower()),
                statements=statements, themes=list(themes.values()),
                events=sorted(events.values(), key=lambda e: (e.date, e.id)), claims=list(claims.values()),
                claims_source=_source(claims_doc.data["source"]) if claims_doc else None,
                ratifications=ratifications)


def _attach_backlinks(statements: list[Statement]) -> None:
    """Give every provision, theme, stakeholder and claim the statements that point at it."""
    for st in statements:
        for stakeholder in st.stakeholders:
            stakeholder.statements.append(st)
        for claim in st.claims:
            claim.statements.append(st)
        for objection in st.objections:
            for theme in objection.themes:
                theme.objections.append(objection)
            for target in objection.targets:
                target.provision.links.append(target)
