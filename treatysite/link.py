"""Link stage: build the id index of every entity, then resolve every reference against it.

Two small rules do the work: `unique` (one id, one entity) and `resolve` (this reference, or a message
naming its file and line). Each function returns what it built; nothing is passed through attributes.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from .countries import Country, link_countries
from .errors import Problems, did_you_mean
from .lifecycle import link_concordance, link_lifecycle
from .load import Document
from .model import Argument, Article, Chapter, Claim, Event, Objection, Quote, Source, Stakeholder, Statement, Theme
from .link_text import PROVISION_FILES, Provisions, link_provisions, link_targets
from .registry import DATA_KINDS
from .site import Site



_source = Source.of


def _with_sources(raw: dict, lists: tuple[str, ...], keys: tuple[str, ...]) -> dict:
    """A copy of a single-file document with its source mappings turned into Source objects."""
    out = dict(raw)
    for key in keys:
        if isinstance(out.get(key), dict) and "publisher" in out[key]:
            out[key] = _source(out[key])
    for name in lists:
        out[name] = [{**item, "source": _source(item.get("source"))} for item in out.get(name, [])]
    return out


def ids_defined_by(doc: Document) -> set[str]:
    """Ids a file that failed to load or validate probably defines: references to them stay silent.

    The broken file is already reported; a second message per reference would only bury the first. A file
    that could not be parsed at all silences every reference to its kind.
    """
    data = doc.data
    if not isinstance(data, dict):
        return {doc.kind, doc.stem, f"{doc.kind}-file"}
    ids = {doc.stem, str(data.get("id")), f"{doc.kind}-file"}
    if doc.kind == "chapter":
        ids.add(Chapter.id_for(data.get("number")))
    articles = [a for s in _list(data, "sections") if isinstance(s, dict) for a in _list(s, "articles")]
    ids |= {Article.id_for(a.get("number")) for a in _list(data, "articles") + articles if isinstance(a, dict)}
    for key in ("themes", "events", "claims", "defined_terms", "drafts", "objections"):
        ids |= {str(i.get("id")) for i in _list(data, key) if isinstance(i, dict)}
    return ids


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


class Linker:
    """Resolves references; each unresolved one becomes a problem naming its file and line."""

    def __init__(self, problems: Problems, broken: set[str]):
        self.problems = problems
        self.broken = broken  # kinds and ids whose files failed to load: references to them stay silent

    def resolve(self, doc: Document, path: tuple, what: str, ref, index: dict, defined_by: tuple[str, ...] = ()):
        """The entity `ref` names in index, or None after reporting it (unless its own file is broken)."""
        if ref in index:
            return index[ref]
        if not ({str(ref), Article.id_for(ref)} & self.broken or any(k in self.broken for k in defined_by)):
            self.problems.add(doc.rel, doc.line(path), f"{what} '{ref}', which does not exist{did_you_mean(ref, index)}")
        return None

    def resolve_all(self, doc: Document, path: tuple, what: str, refs: list, index: dict,
                    defined_by: tuple[str, ...] = ()) -> list:
        """Every entity a list of references names, in order; each missing one reported."""
        found = (self.resolve(doc, path + (i,), what, ref, index, defined_by) for i, ref in enumerate(refs))
        return [entity for entity in found if entity is not None]

    def unique(self, doc: Document, path: tuple, what: str, key, seen: dict) -> bool:
        """Record that `key` is defined at (doc, path); False after reporting it if it already was."""
        if key in seen:
            first, first_path = seen[key]
            self.problems.add(doc.rel, doc.line(path), f"duplicate {what} '{key}' (already used at "
                                                       f"{first.rel}:{first.line(first_path)}); each must be unique")
            return False
        seen[key] = (doc, path)
        return True

    def report(self, doc: Document, path: tuple, message: str) -> None:
        self.problems.add(doc.rel, doc.line(path), message)


def link_listed(ln: Linker, doc: Document | None, key: str, what: str, make) -> dict[str, Any]:
    """Entities listed under `key` in a single file, by id: make(index, raw) builds each; ids are unique."""
    found: dict[str, Any] = {}
    seen: dict = {}
    for i, raw in enumerate(doc.data.get(key, []) if doc else []):
        if ln.unique(doc, (key, i, "id"), what, raw["id"], seen):
            found[raw["id"]] = make(i, raw)
    return found


def link_stakeholders(ln: Linker, docs: list[Document], countries: dict) -> dict[str, Stakeholder]:
    """Stakeholders by id, countries included; a coalition's members may be either."""
    found = {d.data["id"]: Stakeholder(d.rel, id=d.data["id"], name=d.data["name"], type=d.data["type"],
                                       **{k: d.data.get(k) for k in ("short_name", "description", "base", "homepage")})
             for d in docs}
    found.update(countries)
    for doc in docs:
        coalition = found[doc.data["id"]]
        coalition.members = ln.resolve_all(doc, ("members",), "coalition lists member", doc.data.get("members", []), found)
        for member in coalition.members:
            member.coalitions.append(coalition)
    return found


def link_event(ln: Linker, doc: Document, i: int, e: dict, provisions: Provisions) -> Event:
    if e.get("end_date") and e["end_date"] < e["date"]:
        ln.report(doc, ("events", i, "end_date"), "'end_date' is before 'date'")
    event = Event(e["id"], e["date"], e["title"], e["description"], e["status"], [_source(s) for s in e["sources"]],
                  end_date=e.get("end_date"))
    event.provisions = ln.resolve_all(doc, ("events", i, "provisions"), "event concerns", e.get("provisions", []),
                                      provisions.index, PROVISION_FILES)
    return event


def link_claim(ln: Linker, doc: Document, i: int, c: dict, provisions: Provisions, events: dict) -> Claim:
    claim = Claim(c["id"], c["text"])
    claim.targets = link_targets(ln, doc, ("claims", i, "targets"), c["targets"], None, "claim", provisions)
    claim.events = ln.resolve_all(doc, ("claims", i, "events"), "claim refers to event", c.get("events", []), events,
                                  ("timeline",))
    for event in claim.events:
        event.claims.append(claim)
    for target in claim.targets:
        target.provision.claims.append(claim)
    return claim


def link_statement(ln: Linker, doc: Document, index: dict, provisions: Provisions) -> Statement:
    """One statement: its stakeholders, quotes, objections (themes, quotes, targets) and claims resolved."""
    raw = doc.data
    st = Statement(doc.rel, id=raw["id"], date=raw["date"], kind=raw["kind"], title=raw["title"],
                   title_kind=raw["title_kind"], source=_source(raw["source"]), summary=raw["summary"],
                   speaker=raw.get("speaker"), speaker_role=raw.get("speaker_role"), date_note=raw.get("date_note"),
                   mixture=raw.get("mixture"))
    st.stakeholders = ln.resolve_all(doc, ("stakeholders",), "statement is by stakeholder", raw["stakeholders"],
                                     index["stakeholders"])
    quotes = link_listed(ln, doc, "quotes", "quote id", lambda i, q: Quote(q["id"], q["text"], q["provenance"],
                                                                           q.get("seen_at"), q.get("note"),
                                                                           q.get("said_by"), q.get("status")))
    st.quotes = list(quotes.values())
    st.stance = raw.get("stance", "objects")
    seen: dict = {}
    for i, o in enumerate(raw["objections"]):
        path = ("objections", i)
        if not ln.unique(doc, path + ("id",), "objection id", o["id"], seen):
            continue
        objection = Objection(o["id"], o["summary"], [], o["asks"], st, direction=o.get("direction", "more-protection"))
        objection.themes = ln.resolve_all(doc, path + ("themes",), "objection has theme", o["themes"], index["themes"],
                                          ("themes",))
        objection.quotes = ln.resolve_all(doc, path + ("quotes",), "objection refers to quote", o.get("quotes", []),
                                          quotes)
        objection.targets = link_targets(ln, doc, path + ("targets",), o["targets"], objection, "objection", provisions)
        st.objections.append(objection)
    for i, a in enumerate(raw.get("supporting", [])):
        path = ("supporting", i)
        if not ln.unique(doc, path + ("id",), "position id", a["id"], seen):
            continue
        argument = Argument(a["id"], a["summary"], [], a["asks"], st)
        argument.themes = ln.resolve_all(doc, path + ("themes",), "supporting argument has theme", a["themes"],
                                         index["themes"], ("themes",))
        argument.quotes = ln.resolve_all(doc, path + ("quotes",), "supporting argument refers to quote",
                                         a.get("quotes", []), quotes)
        argument.targets = link_targets(ln, doc, path + ("targets",), a["targets"], argument, "supporting argument",
                                        provisions)
        st.supporting.append(argument)
    _check_stance(ln, doc, st)
    st.claims = ln.resolve_all(doc, ("claims",), "statement carries claim", raw.get("claims", []), index["claims"],
                               ("claims",))
    return st


def _check_stance(ln: Linker, doc: Document, st: Statement) -> None:
    """The stance must agree with the positions: supports has no objection, objects no supporting argument."""
    if "stance" not in doc.data:
        return
    if st.stance == "supports" and st.objections:
        ln.report(doc, ("stance",), "stance is 'supports' but the statement lists objections; use stance 'mixed', "
                                    "or move them under 'supporting' if they defend the text")
    elif st.stance == "objects" and st.supporting:
        ln.report(doc, ("stance",), "stance is 'objects' but the statement lists supporting arguments; use stance "
                                    "'mixed'")


def _check_reported_count(ln: Linker, doc: Document | None, countries: dict) -> None:
    """A total of ratifications typed into ratifications.yaml may not claim more than the country records hold."""
    claimed = doc.data.get("ratification_count") if doc else None
    held = sum(c.status == "ratified" for c in countries.values())
    if claimed is not None and claimed > held:
        ln.report(doc, ("ratification_count",), f"ratification_count is {claimed}, but the country records "
                                                 f"(data/countries/) hold {held} deposited instrument(s); record each "
                                                 "deposit under the state's 'ratification', or correct the count")


def link_site(docs: list[Document], problems: Problems, label: str = "data", failed: list[Document] = (),
              site_url: str = "", site_name: str = "") -> Site | None:
    """Resolve every reference; return the linked Site, or None if any reference is broken."""
    ln = Linker(problems, set().union(*(ids_defined_by(d) for d in failed)))
    by_kind: dict[str, list[Document]] = {kind: [] for kind in DATA_KINDS}
    for doc in docs:
        by_kind[doc.kind].append(doc)
    for kind in DATA_KINDS.values():
        if kind.required and not by_kind[kind.name] and f"{kind.name}-file" not in ln.broken:
            ln.broken.add(kind.name)  # nothing defines these ids: report the missing file, not each reference
            where = f"{label}/{kind.place}/" if kind.folder else f"{label}/{kind.place}"
            problems.add(where, 0, f"no {kind.name} files found; add {label}/{kind.place}/<id>.yaml" if kind.folder
                         else f"the file is missing; create {where} (see schema/{kind.schema})")
    single = {k: (v[0] if v else None) for k, v in by_kind.items()}
    provisions = link_provisions(ln, single["treaty"], by_kind["chapter"], label)
    themes = link_listed(ln, single["themes"], "themes", "theme id", lambda i, t: Theme(
        single["themes"].rel, id=t["id"], name=t["name"], description=t["description"]))
    events = link_listed(ln, single["timeline"], "events", "event id",
                         lambda i, e: link_event(ln, single["timeline"], i, e, provisions))
    claims = link_listed(ln, single["claims"], "claims", "claim id",
                         lambda i, c: link_claim(ln, single["claims"], i, c, provisions, events))
    as_of = single["treaty"].data["as_of"] if single["treaty"] else "9999"
    countries = link_countries(ln, by_kind["country"], {d.data["id"] for d in by_kind["stakeholder"]}, as_of)
    index = {"stakeholders": link_stakeholders(ln, by_kind["stakeholder"], countries), "themes": themes,
             "claims": claims, "countries": countries}
    provisions = replace(provisions, drafts={d.id: d for d in link_concordance(ln, single["concordance"], provisions)})
    statements = [link_statement(ln, doc, index, provisions) for doc in by_kind["statement"]]
    lifecycle = link_lifecycle(ln, single["lifecycle"], provisions, index, {st.id: st for st in statements})
    _check_reported_count(ln, single["ratifications"], countries)
    if problems:
        return None
    statements.sort(key=lambda s: (s.date, s.id), reverse=True)  # newest first, everywhere
    _attach_backlinks(statements)
    return _site(single, provisions, index, statements, events, lifecycle, site_url, site_name)


def _site(single: dict, provisions: Provisions, index: dict, statements: list[Statement], events: dict,
          lifecycle: list, site_url: str, site_name: str) -> Site:
    treaty = single["treaty"].data
    ratifications = single["ratifications"]
    claims_doc = single["claims"]
    site_treaty = _with_sources(treaty, ("key_dates", "symbols"), ())
    site_treaty["entry_into_force"] = _with_sources(treaty["entry_into_force"], (), ("source",))
    return Site(treaty=site_treaty, treaty_page=provisions.treaty_page, preamble=provisions.preamble,
                chapters=provisions.chapters, articles=[provisions.articles[n] for n in sorted(provisions.articles)],
                loose_articles=provisions.loose, provisions=provisions.index,
                stakeholders=sorted((s for s in index["stakeholders"].values()
                                     if not isinstance(s, Country) or s.statements), key=lambda s: s.name.lower()),
                countries=sorted(index["countries"].values(), key=lambda c: c.name.lower()),
                statements=statements, themes=list(index["themes"].values()),
                events=sorted(events.values(), key=lambda e: (e.date, e.id)), claims=list(index["claims"].values()),
                claims_source=_source(claims_doc.data["source"]) if claims_doc else None,
                claims_about=claims_doc.data.get("about") if claims_doc else None,
                ratifications=_with_sources(ratifications.data, ("signature_counts", "states"),
                                            ("ratification_count_source",)) if ratifications else {},
                lifecycle=lifecycle, drafts=list(provisions.drafts.values()), site_url=site_url, site_name=site_name)


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
        for argument in st.supporting:
            for target in argument.targets:
                target.provision.support.append(target)
