"""Link stage: every reference resolved or reported once with file:line and a hint; one id, one entity.

A table of (case, file, text, replacement, messages) on the base fixture, run in process.
"""
from __future__ import annotations

import pytest

from stages import BASE, edited, messages

CASES = [
    ('backwards-range', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-2, basis: cited}\n',
     '      - {provision: art-3, through: art-2, basis: cited}\n',
     ["data/statements/ngo-2024-08.yaml:19: range art-3 through art-2 runs backwards; 'through' must name a later article"]),
    ('duplicate-article', 'chapters/01.yaml',
     '  - {number: 9, title: Ninth, title_status: verified, summary: Another article.}\n',
     '  - {number: 3, title: Ninth, title_status: verified, summary: Another article.}\n',
     ["data/chapters/01.yaml:10: duplicate article number '3' (already used at data/chapters/01.yaml:9); each must be unique"]),
    ('duplicate-objection', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-1, paragraph: h, basis: editorial}\n',
     '      - {provision: art-1, paragraph: h, basis: editorial}\n  - id: scope\n    summary: Again.\n    themes: [scope]\n    asks: amend\n    targets: [{provision: art-3, basis: cited}]\n',
     ["data/statements/ngo-2024-08.yaml:21: duplicate objection id 'scope' (already used at data/statements/ngo-2024-08.yaml:13); each must be unique"]),
    ('unknown-article', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-2, basis: cited}\n',
     '      - {provision: art-99, basis: cited}\n',
     ["data/statements/ngo-2024-08.yaml:19: objection targets 'art-99', which does not exist; did you mean 'art-9'?"]),
    ('unknown-claim', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-1, paragraph: h, basis: editorial}\n',
     '      - {provision: art-1, paragraph: h, basis: editorial}\nclaims: [C1]\n',
     ["data/statements/ngo-2024-08.yaml:21: statement carries claim 'C1', which does not exist"]),
    ('unknown-member', 'stakeholders/ngo.yaml',
     'type: ngo\n',
     'type: ngo\nmembers: [ngo2]\n',
     ["data/stakeholders/ngo.yaml:4: coalition lists member 'ngo2', which does not exist; did you mean 'ngo'?"]),
    ('unknown-paragraph', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-1, paragraph: h, basis: editorial}\n',
     '      - {provision: art-1, paragraph: g, basis: editorial}\n',
     ["data/statements/ngo-2024-08.yaml:20: art-1 has no paragraph 'g' listed under its 'paragraphs'; add the paragraph to the article in data/chapters/ or remove 'paragraph'"]),
    ('unknown-quote', 'statements/ngo-2024-08.yaml',
     '    quotes: [q1]\n',
     '    quotes: [q2]\n',
     ["data/statements/ngo-2024-08.yaml:17: objection refers to quote 'q2', which does not exist"]),
    ('unknown-related-article', 'chapters/01.yaml',
     '  - {number: 2, title: Scope, title_status: unverified, summary: Sets the scope., related: [1]}\n',
     '  - {number: 2, title: Scope, title_status: unverified, summary: Sets the scope., related: [7]}\n',
     ["data/chapters/01.yaml:8: article lists related article '7', which does not exist"]),
    ('unknown-stakeholder', 'statements/ngo-2024-08.yaml',
     'stakeholders: [ngo]\n',
     'stakeholders: [ngp]\n',
     ["data/statements/ngo-2024-08.yaml:2: statement is by stakeholder 'ngp', which does not exist; did you mean 'ngo'?"]),
    ('unknown-term', 'chapters/01.yaml',
     '  - {number: 1, title: Use of terms, title_status: verified, summary: Defines terms., terms: [serious-crime],\n',
     '  - {number: 1, title: Use of terms, title_status: verified, summary: Defines terms., terms: [serious-crimes],\n',
     ["data/chapters/01.yaml:6: article uses the term 'serious-crimes', which does not exist; did you mean 'serious-crime'?"]),
    ('unknown-theme', 'statements/ngo-2024-08.yaml',
     '    themes: [scope]\n',
     '    themes: [scpoe]\n',
     ["data/statements/ngo-2024-08.yaml:15: objection has theme 'scpoe', which does not exist; did you mean 'scope'?"]),
    ('stance-contradicts-positions', 'statements/ngo-2024-08.yaml',
     'stance: objects\n',
     'stance: supports\n',
     ["data/statements/ngo-2024-08.yaml:9: stance is 'supports' but the statement lists objections; use stance 'mixed', or move them under 'supporting' if they defend the text"]),
    ('objects-with-supporting-arguments', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-1, paragraph: h, basis: editorial}\n',
     '      - {provision: art-1, paragraph: h, basis: editorial}\nsupporting:\n  - {id: cooperation, summary: Helps.,'
     ' themes: [scope], asks: ratify, targets: [{provision: treaty, basis: editorial}]}\n',
     ["data/statements/ngo-2024-08.yaml:9: stance is 'objects' but the statement lists supporting arguments; use stance 'mixed'"]),
    ('position-id-twice', 'statements/ngo-2024-08.yaml',
     '      - {provision: art-1, paragraph: h, basis: editorial}\n',
     '      - {provision: art-1, paragraph: h, basis: editorial}\nsupporting:\n  - {id: scope, summary: Helps.,'
     ' themes: [scope], asks: ratify, targets: [{provision: treaty, basis: editorial}]}\n',
     ["data/statements/ngo-2024-08.yaml:22: duplicate position id 'scope' (already used at data/statements/ngo-2024-08.yaml:13); each must be unique"]),
    ('unknown-country-code', 'countries/iceland.yaml',
     'code: ISL\n',
     'code: XYZ\n',
     ["data/countries/iceland.yaml:4: 'XYZ' is not an ISO 3166-1 alpha-3 code (nor EUU for the European Union); write the state's three-letter code, e.g. FRA"]),
    ('ratified-before-signing', 'countries/iceland.yaml',
     '    - {publisher: A treaty database, url: "https://example.org/signatures", status: verified}\n',
     '    - {publisher: A treaty database, url: "https://example.org/signatures", status: verified}\n'
     'ratification:\n  kind: ratification\n  deposited: 2025-01-02\n  status: verified\n  sources: [{publisher: UN, status: verified}]\n',
     ["data/countries/iceland.yaml:14: ratification deposited on 2025-01-02, before the signature on 2025-10-25; check both dates (accession needs no signature: then use kind accession and remove the signature)"]),
    ('date-after-as-of', 'countries/iceland.yaml',
     '  date: 2025-10-25\n',
     '  date: 2027-01-01\n',
     ["data/countries/iceland.yaml:7: the date 2027-01-01 is after the data's as_of date (2026-11-29 in data/treaty.yaml); correct the date, or update as_of if the data was checked later"]),
    ('same-state-twice', 'countries/iceland2.yaml', None,
     "id: iceland2\nname: Iceland again\ncode: ISL\nmembership: member-state\n",
     ["data/countries/iceland2.yaml:3: duplicate country code 'ISL' (already used at data/countries/iceland.yaml:4); each must be unique"]),
    ('count-beyond-the-records', 'ratifications.yaml', None,
     "as_of: 2026-11-29\nratification_count: 3\nratification_count_source: {publisher: A news site, status: partly-verified}\n"
     "signature_counts: []\n",
     ["data/ratifications.yaml:2: ratification_count is 3, but the country records (data/countries/) hold 0 deposited instrument(s); record each deposit under the state's 'ratification', or correct the count"]),
    ('lifecycle-unknown-provision-and-statement', 'lifecycle.yaml', None,
     "objections:\n  - id: scope\n    asked: Narrow it.\n    raised_by: An NGO.\n    drafts: Zero draft.\n"
     "    statements: [ngo-2024-09]\n    provisions: [{provision: art-99, basis: editorial}]\n    status: verified\n"
     "    verdicts: [{outcome: not-addressed, according_to: An NGO, summary: Still broad., sources: [{publisher: An NGO, status: verified}]}]\n",
     ["data/lifecycle.yaml:6: lifecycle entry names statement 'ngo-2024-09', which does not exist; did you mean 'ngo-2024-08'?",
      "data/lifecycle.yaml:7: lifecycle entry concerns 'art-99', which does not exist; did you mean 'art-9'?"]),
    ('concordance-one-draft-article-two-final', 'concordance.yaml', None,
     "drafts: [{id: zero, name: Zero draft, date: 2023-06}]\nrows:\n"
     "  - {draft: zero, draft_article: 6, final_article: 3, subject: Access, status: verified, sources: [{publisher: X, status: verified}]}\n"
     "  - {draft: zero, draft_article: 6, final_article: 9, subject: Access, status: verified, sources: [{publisher: X, status: verified}]}\n",
     ["data/concordance.yaml:4: Zero draft Article 6 is already mapped to Article 3 (line 3); if it became several final articles, mark every row for it 'split: true', otherwise correct one of the rows"]),
]


@pytest.mark.parametrize("case, file, old, new, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_reference_is_reported_exactly(tmp_path, case, file, old, new, expected):
    assert messages(edited(tmp_path, file, old, new)) == expected


def _site(data=BASE):
    from treatysite.build import read_site
    return read_site(data, site_url="https://x.org/")


def test_backlinks_point_both_ways():
    site = _site()
    for st in site.statements:
        for o in st.objections:
            for t in o.targets:
                assert t in t.provision.links and o in o.themes[0].objections
        for s in st.stakeholders:
            assert st in s.statements


def test_a_range_expands_to_one_target_per_article(tmp_path):
    data = edited(tmp_path, "statements/ngo-2024-08.yaml", "{provision: art-2, basis: cited}",
                  "{provision: art-1, through: art-3, basis: cited}")
    statement = _site(data).statements[0]
    labels = [t.provision.id for o in statement.objections for t in o.targets]
    assert {"art-1", "art-2", "art-3"} <= set(labels)


def test_paths_and_urls_come_from_the_registry():
    from treatysite.registry import PAGE_KINDS
    site = _site()
    article = site.articles[0]
    assert article.path == PAGE_KINDS["article"].path.format(number=article.number)
    assert article.url == article.path[:-3] + "/"
    assert site.treaty_page.url == "articles/"
