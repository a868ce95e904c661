#!/usr/bin/env python3
"""Generate a synthetic data/ tree for benchmarking the site generator.

    python benchmarks/synthetic.py --statements N --out DIR [--seed S] [--force]

Writes DIR/data with the real treaty, themes, timeline, ratifications and chapters
(copied unchanged from the project's data/) plus a few hundred synthetic stakeholders
and N synthetic statements shaped like the real ones. claims.yaml is left out: the real
claims point at real statements. The output is the same for the same N and seed.
Standard library only; YAML is written by hand, every string as a JSON string (a valid
YAML double-quoted scalar).
"""
from __future__ import annotations

import argparse
import bisect
import calendar
import itertools
import json
import re
import shutil
import sys
import time
from pathlib import Path
from random import Random

REAL_DATA = Path(__file__).resolve().parent.parent / "data"
COPIED_FILES = ("treaty.yaml", "themes.yaml", "timeline.yaml", "ratifications.yaml")
STAKEHOLDER_HEADER = "# yaml-language-server: $schema=../../schema/stakeholder.schema.json\n"
STATEMENT_HEADER = "# yaml-language-server: $schema=../../schema/statement.schema.json\n"

# -- enums (schema/*.schema.json) with the weights used here ---------------------------------
STAKEHOLDER_TYPES = [  # type, share, label used in names
    ("ngo", 0.45, "NGO"), ("coalition", 0.10, "Coalition"), ("industry", 0.20, "Industry"),
    ("un-body", 0.05, "UN Body"), ("state", 0.15, "State"), ("academic", 0.04, "Academic"),
    ("legislator", 0.01, "Legislator"),
]
KINDS = {"open-letter": 12, "joint-statement": 14, "press-release": 16, "post-on-x": 8, "post": 5, "speech": 10,
         "report": 8, "interview": 5, "submission": 7, "analysis": 9, "floor-position": 6}
STATUSES = {"verified": 70, "partly-verified": 18, "unverified": 12}
RANK_BIAS = {"ngo": 3, "coalition": 3, "un-body": 2, "industry": 1.5, "state": 1.5, "academic": 0.5,
             "legislator": 0.3}
ASKS_MORE = {"delete": 14, "amend": 22, "narrow": 26, "add-safeguard": 32, "reject-treaty": 6}

# Articles the debate concentrates on, most discussed first; the rest follow in number order.
HOT_ARTICLES = [23, 28, 2, 6, 24, 35, 29, 30, 40, 3, 14, 27, 7, 36, 25, 26, 11, 42, 44, 45, 46, 43, 8, 9, 10]
CANONICAL_RANGES = [(7, 11), (23, 25), (27, 30), (42, 46), (35, 36), (29, 30), (12, 16), (40, 41), (24, 26)]
THEME_WEIGHTS = {"surveillance-powers": 20, "safeguards": 22, "scope": 16, "cross-border-data-sharing": 14,
                 "press-freedom": 9, "data-protection": 9, "criminalisation": 8, "security-research": 6,
                 "secrecy": 5, "legitimacy": 5, "gender-equality": 3, "children": 3, "future-protocols": 3}

# -- vocabulary ---------------------------------------------------------------------------------
ACTORS = ["The organisation", "The group", "The delegation", "The statement", "The letter", "The submission",
          "The coalition", "The company", "The network", "The speaker", "The report", "The post"]
SINGULAR = ["the convention", "the draft text", "the treaty's scope", "the chapter on procedural measures",
            "the chapter on international cooperation", "the criminalisation chapter", "the definition of serious crime",
            "the human-rights clause", "the final text", "the article on search and seizure",
            "the production order regime", "the article on personal data"]
PLURAL = ["the provisions on mutual legal assistance", "the rules on real-time collection of traffic data",
          "the interception powers", "the preservation provisions", "the grounds for refusing assistance",
          "the general provisions", "the procedural powers"]
SUBJECTS = [(s, False) for s in SINGULAR] + [(s, True) for s in PLURAL]
VERBS = [("lacks", "lack"), ("fails to provide", "fail to provide"), ("does not require", "do not require"),
         ("falls short of", "fall short of"), ("omits", "omit"), ("sidesteps", "sidestep"), ("ignores", "ignore"),
         ("does not guarantee", "do not guarantee"), ("comes without", "come without")]
VERBS_PLAIN = [("extends surveillance to", "extend surveillance to"), ("exposes", "expose"),
               ("endangers", "endanger"), ("puts at risk", "put at risk"), ("could be used against", "could be used against"),
               ("invites abuse against", "invite abuse against"), ("criminalises the work of", "criminalise the work of"),
               ("chills the work of", "chill the work of")]
OBJECTS = ["meaningful safeguards", "independent oversight", "prior judicial authorisation",
           "a clear dual-criminality requirement", "effective remedies for people affected",
           "strong data protection rules", "the principle of proportionality", "notice to the people concerned",
           "limits on data retention", "transparency about requests", "a public-interest defence",
           "explicit protection for good-faith security research", "a narrow list of cyber-dependent offences",
           "a human-rights based approach", "limits on cross-border sharing of personal data"]
PEOPLE = ["journalists", "security researchers", "human rights defenders", "whistleblowers", "activists",
          "dissidents abroad", "LGBT people", "ethical hackers", "service providers", "ordinary users",
          "civil-society organisations", "researchers", "political opponents", "minority communities"]
TAILS = ["", "", "", " in practice", " in many jurisdictions", " without prior judicial review",
         " in states with weak rule of law", " beyond the offences the treaty defines",
         " for any offence carrying four years of imprisonment", " across borders", " for years to come",
         " once the convention enters into force", " under the cover of international cooperation"]
ACTIONS = ["narrow the scope to cyber-dependent crimes", "add explicit protections for security researchers",
           "reject the convention", "require dual criminality for all cooperation", "limit data retention",
           "strengthen oversight of surveillance powers", "delete the article on real-time interception",
           "make human-rights conditions binding", "refuse requests that target protected speech",
           "bring the safeguards in line with international human rights law", "withhold their signature",
           "insist on independent judicial authorisation", "publish statistics on cross-border requests",
           "postpone ratification until safeguards are in place", "improve data protection for transferred evidence"]
MOMENTS = ["the final session of the Ad Hoc Committee", "the General Assembly vote", "signing the convention",
           "ratification", "the next round of negotiations", "the signing ceremony in Hanoi",
           "the first Conference of the States Parties", "any protocol negotiations", "implementation at home"]
RISKS = ["the powers could be used to prosecute peaceful expression",
         "cooperation requests could reach people who are not suspected of any crime",
         "personal data could flow to states with poor human-rights records",
         "requests could stay secret from the people they affect",
         "vague offences could be applied to ordinary online activity",
         "security research could be treated as a crime",
         "the broad definition of serious crime pulls in many unrelated offences",
         "companies could be compelled to hand over data without adequate review",
         "future protocols could add offences without a fresh debate",
         "states could rely on the treaty to justify domestic crackdowns"]
SUPPORT = ["It acknowledges that some improvements were made in the last draft.",
           "It welcomes the reference to international human rights law but finds it too weak.",
           "It supports stronger cooperation against ransomware but not at any cost.",
           "It notes that several delegations shared these concerns.",
           "It points to earlier warnings by UN human-rights experts.",
           "It says the evidence offered for the broad scope is thin."]
TITLE_OPENERS_OFFICIAL = ["Open letter on", "Joint statement on", "Our position on", "Comments on", "Submission on",
                          "Why we oppose", "Analysis of", "Recommendations on", "Briefing on", "Concerns about",
                          "A human-rights reading of", "Key risks in"]
TITLE_TOPICS = ["the UN cybercrime convention", "the draft cybercrime treaty", "the Hanoi Convention",
                "the UN Convention against Cybercrime", "the cybercrime treaty's final text",
                "the revised draft convention"]
TITLE_SUFFIXES = ["", "", ": scope and safeguards", ": surveillance without oversight", " and its risks for journalists",
                  ": cross-border data sharing", ": what states must fix", " ahead of the final session",
                  " before ratification", ": the case for narrowing its scope", " and the protection of researchers",
                  ": data protection gaps", " after the General Assembly vote"]
TITLE_DESCRIPTIVE = ["Remarks at a panel on", "Statement delivered at the negotiating session on",
                     "Post criticising", "Interview on", "Floor intervention on", "Letter to delegations about",
                     "Comments to the press on", "Report chapter on", "Thread on", "Written input on"]
DESCRIPTION_BODIES = {
    "ngo": ["Non-profit organisation that defends {x} online.", "Advocacy group working on {x} and digital rights.",
            "Civil-society organisation campaigning for {x} in technology policy."],
    "coalition": ["Group of civil-society and industry organisations that coordinated positions on {x}.",
                  "Alliance of digital-rights groups that issued joint letters on {x}."],
    "industry": ["Technology company whose services are affected by rules on {x}.",
                 "Industry association representing providers concerned with {x}."],
    "un-body": ["United Nations office or mechanism that reports on {x}.",
                "UN expert mandate whose work covers {x}."],
    "state": ["Government delegation that took part in the negotiations and spoke on {x}.",
              "Regional organisation of states that coordinated positions on {x}."],
    "academic": ["Research group that studies {x} and cybercrime law.", "University scholar writing on {x}."],
    "legislator": ["Member of parliament who has questioned the government on {x}."],
}
DESCRIPTION_TOPICS = ["privacy and free expression", "surveillance and data protection", "human rights in cyberspace",
                      "cross-border access to electronic evidence", "press freedom and the safety of journalists",
                      "security research and vulnerability disclosure", "the rule of law in criminal cooperation"]
CITIES = ["Geneva, Switzerland", "Brussels, Belgium", "New York, United States", "Nairobi, Kenya", "Berlin, Germany",
          "São Paulo, Brazil", "Manila, Philippines", "London, United Kingdom", "Montréal, Canada",
          "Tunis, Tunisia", "Vienna, Austria", "Jakarta, Indonesia", "Zürich, Switzerland", "Mexico City, Mexico"]
FIRST_NAMES = ["Amina", "Lucas", "Priya", "Mateo", "Sofia", "Kwame", "Elena", "Jonas", "Aiko", "Rafael", "Leïla",
               "Tomás", "Nadia", "Oluwaseun", "Ingrid", "Chen", "Zoë", "Dmitri", "Fatima", "Henrik"]
LAST_NAMES = ["Okafor", "Silva", "Nguyen", "Müller", "Haddad", "Kowalski", "Tanaka", "García", "Mensah", "Novak",
              "Rahman", "Dubois", "Ivanova", "Jensen", "Costa", "Park", "Andersson", "Mbeki", "Rossi", "Yılmaz"]
ROLES = ["Executive Director", "Policy Director", "Senior Legal Adviser", "Head of Delegation", "Special Rapporteur",
         "Researcher", "Chief Privacy Officer", "Member of Parliament", "Programme Lead", "General Counsel"]
OUTLETS = ["Synthetic Policy Review", "Example Times", "The Example Record", "Digital Rights Wire",
           "Example Newswire", "Cyber Policy Weekly"]
SOURCE_NOTES = ["The original page has been moved since publication; the text was checked against an archived copy.",
                "The publisher later edited the page; the summary follows the version seen first.",
                "Only the executive summary was available; the full report is behind a registration form.",
                "The date comes from the page metadata, as the text itself is undated.",
                "The list of signatories grew after publication; the summary covers the text, not the list.",
                "The statement was also published in French and Spanish; the English version was used.",
                "Reported with slightly different wording by several outlets; the primary text was preferred."]
DATE_NOTES = ["Day not given in the source", "Month inferred from press coverage", "Undated; year from context",
              "Published late in the evening, dated the next day elsewhere", "Approximate date"]
TARGET_NOTES = {
    "cited": ["The source cites draft numbering, which maps to this article in the final text.",
              "The source cites the provision by its title rather than its number.",
              "The source discusses this together with the neighbouring articles."],
    "editorial": ["Our mapping; the source criticises the powers in general terms.",
                  "Mapped from the source's description of the provision.",
                  "Our mapping; the source names no article."],
}
QUOTE_NOTES = ["Translated by the publisher.", "Emphasis in the original removed."]


class Weighted:
    """Fast repeated weighted choice (cumulative weights + bisect)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, rng: Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def zipf(items, s: float = 1.0) -> Weighted:
    return Weighted(items, [1.0 / (rank + 1) ** s for rank in range(len(items))])


def pick(rng: Random, table: dict) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


# -- real data, read without a YAML library -------------------------------------------------
def read_provisions(data: Path) -> tuple[list[int], list[int], dict[int, list]]:
    """Chapter numbers, article numbers and {article: paragraph ids} from data/chapters/*.yaml."""
    chapters, articles, paragraphs = [], [], {}
    for path in sorted((data / "chapters").glob("*.yaml")):
        current, in_paragraphs = None, False
        for line in path.read_text("utf-8").splitlines():
            if m := re.match(r"number:\s*(\d+)\s*$", line):
                chapters.append(int(m.group(1)))
            elif m := re.match(r"  - number:\s*(\d+)\s*$", line):
                current, in_paragraphs = int(m.group(1)), False
                articles.append(current)
            elif re.match(r"    paragraphs:\s*$", line):
                in_paragraphs = True
            elif re.match(r"    \S", line):
                in_paragraphs = False
            elif in_paragraphs and (m := re.match(r"      - id:\s*\"?([0-9a-z]{1,4})\"?\s*$", line)):
                pid = m.group(1)
                paragraphs.setdefault(current, []).append(int(pid) if pid.isdigit() else pid)
    if not articles:
        sys.exit(f"error: no articles found in {data / 'chapters'}")
    return sorted(chapters), sorted(articles), paragraphs


def read_theme_ids(data: Path) -> list[str]:
    ids = re.findall(r"^  - id:\s*\"?([a-z0-9-]+)\"?\s*$", (data / "themes.yaml").read_text("utf-8"), re.M)
    if not ids:
        sys.exit(f"error: no themes found in {data / 'themes.yaml'}")
    return ids


# -- YAML writing ------------------------------------------------------------------------------
def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def emit(value, indent: int, out: list[str]) -> None:
    """Block-style YAML for a mapping (keys are plain words) whose values are scalars, lists or mappings."""
    pad = " " * indent
    for key, item in value.items():
        if isinstance(item, dict):
            out.append(f"{pad}{key}:\n")
            emit(item, indent + 2, out)
        elif isinstance(item, list):
            out.append(f"{pad}{key}:\n")
            for element in item:
                if isinstance(element, dict):
                    inner: list[str] = []
                    emit(element, indent + 4, inner)
                    first = inner[0]
                    inner[0] = f"{pad}  - {first[indent + 4:]}"
                    out.extend(inner)
                else:
                    out.append(f"{pad}  - {scalar(element)}\n")
        else:
            out.append(f"{pad}{key}: {scalar(item)}\n")


def to_yaml(header: str, doc: dict) -> str:
    out = [header]
    emit(doc, 0, out)
    return "".join(out)


# -- text ----------------------------------------------------------------------------------------
def clip(text: str, hi: int) -> str:
    """Cut text to at most hi characters at a word boundary, ending with a full stop."""
    if len(text) <= hi:
        return text
    cut = text[: hi - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    for stop in (" and", " or", " the", " of", " to", " a", " for", " on", " in", " with", " that"):
        if cut.endswith(stop):
            cut = cut[: -len(stop)]
    return cut.rstrip(" ,;:-") + "."


def fit(rng: Random, make, lo: int, hi: int, tries: int = 12) -> str:
    """A single generated piece of text between lo and hi characters."""
    best = ""
    for _ in range(tries):
        text = make(rng)
        if lo <= len(text) <= hi:
            return text
        if len(text) > len(best):
            best = text
    text = clip(best, hi)
    while len(text) < lo:
        text = text.rstrip(".") + ", " + rng.choice(PEOPLE) + " included."
        text = clip(text, hi)
    return text


def prose(rng: Random, lo: int, hi: int, sentence) -> str:
    """Several sentences, between lo and hi characters in all."""
    target = rng.randint(lo, hi)
    parts: list[str] = []
    length = -1
    while length < target:
        s = sentence(rng)
        if s in parts:
            continue
        parts.append(s)
        length += len(s) + 1
    while len(parts) > 1 and length > hi and length - len(parts[-1]) - 1 >= lo:
        length -= len(parts.pop()) + 1
    text = clip(" ".join(parts), hi)
    while len(text) < lo:  # a clipped text came out short: add a short sentence and clip again
        text = clip(text + " " + rng.choice(SUPPORT), hi)
    return text


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def clause(rng: Random, verbs) -> str:
    """'<subject> <verb>' with the verb agreeing in number."""
    subject, plural = rng.choice(SUBJECTS)
    return f"{subject} {rng.choice(verbs)[plural]}"


def claim_sentence(rng: Random) -> str:
    r = rng.random()
    if r < 0.30:
        return f"{rng.choice(ACTORS)} argues that {clause(rng, VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."
    if r < 0.50:
        return f"It warns that {rng.choice(RISKS)}."
    if r < 0.68:
        return f"It calls on states to {rng.choice(ACTIONS)} before {rng.choice(MOMENTS)}."
    if r < 0.85:
        return f"{cap(clause(rng, VERBS_PLAIN))} {rng.choice(PEOPLE)}{rng.choice(TAILS)}."
    return rng.choice(SUPPORT)


def objection_line(rng: Random) -> str:
    if rng.random() < 0.55:
        return f"{cap(clause(rng, VERBS))} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."
    return f"{cap(clause(rng, VERBS_PLAIN))} {rng.choice(PEOPLE)}{rng.choice(TAILS)}."


def fewer_line(rng: Random) -> str:
    return rng.choice([
        f"The safeguards in {rng.choice(SUBJECTS)[0]} would slow down investigations{rng.choice(TAILS)}.",
        f"Conditions on cooperation let states refuse help too easily{rng.choice(TAILS)}.",
        f"The human-rights conditions go further than {rng.choice(['existing treaties', 'domestic law', 'the Budapest Convention'])} and hamper cooperation.",
    ])


def quote_text(rng: Random) -> str:
    return rng.choice([
        f"This treaty {rng.choice(VERBS_PLAIN)[0]} {rng.choice(PEOPLE)}{rng.choice(TAILS)}.",
        f"We urge states to {rng.choice(ACTIONS)}.",
        f"Without {rng.choice(OBJECTS)}, this convention is a surveillance treaty.",
        f"The text {rng.choice(VERBS)[0]} {rng.choice(OBJECTS)}, and that is not a detail.",
        f"States should {rng.choice(ACTIONS)} before {rng.choice(MOMENTS)}; anything less puts {rng.choice(PEOPLE)} at risk.",
    ])


def official_title(rng: Random) -> str:
    return f"{rng.choice(TITLE_OPENERS_OFFICIAL)} {rng.choice(TITLE_TOPICS)}{rng.choice(TITLE_SUFFIXES)}"


def descriptive_title(rng: Random) -> str:
    topic = rng.choice([rng.choice(TITLE_TOPICS), rng.choice(SUBJECTS)[0], f"risks for {rng.choice(PEOPLE)}"])
    return f"{rng.choice(TITLE_DESCRIPTIVE)} {topic}"


def person(rng: Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


# -- stakeholders --------------------------------------------------------------------------------
def type_counts(total: int) -> dict[str, int]:
    counts = {t: max(1, int(share * total)) for t, share, _ in STAKEHOLDER_TYPES}
    counts["ngo"] += total - sum(counts.values())
    return counts


def make_stakeholders(rng: Random, total: int) -> list[dict]:
    labels = {t: label for t, _, label in STAKEHOLDER_TYPES}
    people: list[dict] = []
    for kind, count in type_counts(total).items():
        for n in range(1, count + 1):
            sid = f"{kind}-{n:04d}"
            doc = {"id": sid, "name": f"Synthetic {labels[kind]} {n}"}
            if rng.random() < 0.3:
                doc["short_name"] = f"S{labels[kind].replace(' ', '')[:3].upper()}{n}"
            doc["type"] = kind
            body = rng.choice(DESCRIPTION_BODIES[kind]).format(x=rng.choice(DESCRIPTION_TOPICS))
            if rng.random() < 0.5:
                body = body.rstrip(".") + f", active in the cybercrime treaty debate since {rng.randint(2017, 2024)}."
            doc["description"] = body
            if rng.random() < 0.6:
                doc["base"] = rng.choice(CITIES)
            if rng.random() < 0.5:
                doc["homepage"] = f"https://example.com/{sid}"
            people.append(doc)
    plain = [d["id"] for d in people if d["type"] != "coalition"]
    for doc in people:
        if doc["type"] == "coalition" and rng.random() < 0.6:
            doc["members"] = sorted(rng.sample(plain, min(len(plain), rng.randint(2, 14))))
    return people


# -- statements ----------------------------------------------------------------------------------
YEARS = Weighted([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026], [2, 2, 4, 8, 14, 30, 22, 10])


def make_date(rng: Random) -> str:
    year = YEARS(rng)
    month = rng.randint(1, 10 if year == 2026 else 12)
    r = rng.random()
    if r < 0.70:
        return f"{year}-{month:02d}-{rng.randint(1, calendar.monthrange(year, month)[1]):02d}"
    if r < 0.90:
        return f"{year}-{month:02d}"
    return str(year)


class StatementMaker:
    def __init__(self, rng: Random, stakeholders: list[dict], chapters, articles, paragraphs, themes):
        self.rng = rng
        # Popularity rank: a weighted shuffle (Efraimidis-Spirakis) so NGOs and coalitions tend to rank high.
        keyed = [(rng.random() ** (1.0 / RANK_BIAS[d["type"]]), d["id"]) for d in stakeholders]
        order = [sid for _, sid in sorted(keyed, reverse=True)]
        self.names = {d["id"]: d["name"] for d in stakeholders}
        self.stakeholder = zipf(order, 0.9)
        self.articles = set(articles)
        hot = [a for a in HOT_ARTICLES if a in self.articles]
        self.article = zipf(hot + [a for a in articles if a not in hot], 1.0)
        self.ranges = [(a, b) for a, b in CANONICAL_RANGES if a in self.articles and b in self.articles]
        self.chapter = Weighted(chapters, [{2: 5, 4: 8, 5: 6}.get(c, 1) for c in chapters])
        self.paragraphs = paragraphs
        self.theme = Weighted(themes, [THEME_WEIGHTS.get(t, 3) for t in themes])

    def target(self) -> dict:
        rng, r = self.rng, self.rng.random()
        if r < 0.01:
            t = {"provision": "preamble"}
        elif r < 0.03:
            t = {"provision": "treaty"}  # reject-treaty objections add more treaty targets
        elif r < 0.11:
            t = {"provision": f"chapter-{self.chapter(rng)}"}
        elif r < 0.21:
            if self.ranges and rng.random() < 0.5:
                a, b = rng.choice(self.ranges)
            else:
                while True:
                    a = self.article(rng)
                    b = a + rng.randint(1, 5)
                    if all(n in self.articles for n in range(a, b + 1)):
                        break
            t = {"provision": f"art-{a}", "through": f"art-{b}"}
        else:
            n = self.article(rng)
            t = {"provision": f"art-{n}"}
            if n in self.paragraphs and rng.random() < 0.4:
                t["paragraph"] = rng.choice(self.paragraphs[n])
        t["basis"] = "cited" if rng.random() < 0.25 else "editorial"
        if rng.random() < 0.12:
            t["note"] = rng.choice(TARGET_NOTES[t["basis"]])
        return t

    def objections(self, quote_ids: list[str]) -> list[dict]:
        rng = self.rng
        found, used = [], {}
        for _ in range(rng.choices([1, 2, 3, 4], weights=[45, 33, 14, 8])[0]):
            themes: list[str] = []
            for _ in range(rng.choices([1, 2, 3], weights=[55, 33, 12])[0]):
                theme = self.theme(rng)
                if theme not in themes:
                    themes.append(theme)
            slug = themes[0]
            used[slug] = used.get(slug, 0) + 1
            if used[slug] > 1:
                slug = f"{slug}-{used[slug]}"
            o = {"id": slug}
            fewer = rng.random() < 0.05
            if fewer:
                o["summary"] = fit(rng, fewer_line, 60, 160)
                o["themes"] = themes
                o["asks"] = "remove-safeguard"
                o["direction"] = "fewer-safeguards"
            else:
                o["summary"] = fit(rng, objection_line, 60, 160)
                o["themes"] = themes
                o["asks"] = pick(rng, ASKS_MORE)
                if rng.random() < 0.1:
                    o["direction"] = "more-protection"
            if quote_ids and rng.random() < 0.5:
                o["quotes"] = quote_ids[:] if len(quote_ids) > 1 and rng.random() < 0.3 else [rng.choice(quote_ids)]
            if o["asks"] == "reject-treaty":
                targets = [{"provision": "treaty", "basis": "editorial"}]
            else:
                targets, seen = [], []
                for _ in range(rng.choices([1, 2, 3, 4], weights=[55, 28, 11, 6])[0]):
                    t = self.target()
                    key = (t["provision"], t.get("through"), t.get("paragraph"))
                    if key not in seen:
                        seen.append(key)
                        targets.append(t)
            o["targets"] = targets
            found.append(o)
        return found

    def statement(self, sid: str) -> dict:
        rng = self.rng
        who: list[str] = []
        for _ in range(rng.choices([1, 2, 3], weights=[82, 13, 5])[0]):
            s = self.stakeholder(rng)
            if s not in who:
                who.append(s)
        doc: dict = {"id": sid, "stakeholders": who}
        if rng.random() < 0.25:
            doc["speaker"] = person(rng)
            if rng.random() < 0.7:
                doc["speaker_role"] = rng.choice(ROLES)
        doc["date"] = date = make_date(rng)
        if rng.random() < (0.03 if len(date) == 10 else 0.15):
            doc["date_note"] = rng.choice(DATE_NOTES)
        doc["kind"] = pick(rng, KINDS)
        official = rng.random() < 0.6
        doc["title"] = fit(rng, official_title if official else descriptive_title, 40, 110)
        doc["title_kind"] = "official" if official else "descriptive"
        source: dict = {"publisher": self.names[who[0]] if rng.random() < 0.85 else rng.choice(OUTLETS)}
        if official:
            source["title"] = doc["title"]
        if rng.random() < 0.7:
            source["url"] = f"https://example.org/{sid}"
        if rng.random() < 0.2:
            source["seen_at"] = [f"https://example.net/mirror/{sid}/{i}" for i in range(1, rng.randint(1, 2) + 1)]
        if rng.random() < 0.05:
            report = {"publisher": rng.choice(OUTLETS)}
            if rng.random() < 0.7:
                report["url"] = f"https://example.net/news/{sid}"
            report["date"] = date
            source["reported_by"] = report
        source["status"] = pick(rng, STATUSES)
        if rng.random() < 0.3:
            source["note"] = prose(rng, 80, 250, lambda r: r.choice(SOURCE_NOTES))
        doc["source"] = source
        doc["summary"] = prose(rng, 150, 450, claim_sentence)
        quotes = []
        for i in range(1, rng.choices([0, 1, 2], weights=[50, 35, 15])[0] + 1):
            q = {"id": f"q{i}", "text": fit(rng, quote_text, 30, 200),
                 "provenance": "reported" if rng.random() < 0.3 else "verbatim"}
            if rng.random() < 0.15:
                q["seen_at"] = f"https://example.net/quotes/{sid}/q{i}"
            if rng.random() < 0.03:
                q["note"] = rng.choice(QUOTE_NOTES)
            quotes.append(q)
        if quotes:
            doc["quotes"] = quotes
        doc["objections"] = self.objections([q["id"] for q in quotes])
        return doc


# -- main ----------------------------------------------------------------------------------------
def prepare(out: Path, force: bool) -> Path:
    data = out / "data"
    if data.is_symlink() or data.is_file():
        if not force:
            sys.exit(_refuse(data))
        data.unlink()
    elif data.is_dir() and any(data.iterdir()):
        if not force:
            sys.exit(_refuse(data))
        shutil.rmtree(data)
    data.mkdir(parents=True, exist_ok=True)
    return data


def _refuse(data: Path) -> int:
    print(f"error: {data} already exists and is not empty; pass --force to replace it", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, required=True, metavar="N", help="number of statements to write")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder in which to create data/")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--force", action="store_true", help="replace DIR/data if it exists")
    args = parser.parse_args(argv)
    if args.statements < 0:
        parser.error("--statements must be 0 or more")
    if not REAL_DATA.is_dir():
        print(f"error: the project's data folder {REAL_DATA} is missing", file=sys.stderr)
        return 2
    start = time.perf_counter()
    data = prepare(args.out, args.force)
    for name in COPIED_FILES:
        shutil.copy2(REAL_DATA / name, data / name)
    shutil.copytree(REAL_DATA / "chapters", data / "chapters")

    rng = Random(args.seed)
    chapters, articles, paragraphs = read_provisions(REAL_DATA)
    themes = read_theme_ids(REAL_DATA)

    stakeholders = make_stakeholders(rng, max(30, min(400, args.statements // 25)))
    folder = data / "stakeholders"
    folder.mkdir()
    for doc in stakeholders:
        (folder / f"{doc['id']}.yaml").write_text(to_yaml(STAKEHOLDER_HEADER, doc), "utf-8")

    maker = StatementMaker(rng, stakeholders, chapters, articles, paragraphs, themes)
    folder = data / "statements"
    folder.mkdir()
    width = max(6, len(str(args.statements)))
    for n in range(1, args.statements + 1):
        sid = f"syn-{n:0{width}d}"
        (folder / f"{sid}.yaml").write_text(to_yaml(STATEMENT_HEADER, maker.statement(sid)), "utf-8")

    print(f"wrote {len(stakeholders)} stakeholders and {args.statements} statements to {data} "
          f"({time.perf_counter() - start:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
