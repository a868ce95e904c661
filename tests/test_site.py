"""End to end: the real data through the real pipeline and a strict MkDocs build, checked in the HTML."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from datafiles import documents, one
from sitebuild import ROOT, build_site
from treatysite.build import generate


class Links(HTMLParser):
    """Collects hrefs and ids of a page's main content (not the navigation)."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.depth, self.text = [], set(), 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if self.depth and tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def parse(site: Path, url: str) -> Links:
    page = Links()
    page.feed((site / url.lstrip("/") / "index.html").read_text("utf-8"))
    return page


def internal_targets(page_url: str, page: Links) -> set[tuple[str, str]]:
    """(page url, fragment) for every link from page_url to another page of the site."""
    found = set()
    for href in page.hrefs:
        parsed = urlparse(urljoin("http://site/" + page_url, href))
        if parsed.netloc == "site":
            found.add((parsed.path.lstrip("/"), parsed.fragment))
    return found


def test_every_article_has_a_page(site):
    for n in range(1, 69):
        page = parse(site, f"articles/article-{n}/")
        assert f"Article {n}:" in (site / f"articles/article-{n}/index.html").read_text("utf-8")
        assert "summary" in page.ids


def test_counts(site):
    """A page for each statement and stakeholder the loader reads, no other, and the counts the pages give."""
    from datafiles import read
    from treatysite.registry import taken_names

    def pages(folder: str, kind: str) -> list[str]:   # the entity pages: not the kind's index and listing folders
        return sorted(p.name for p in (site / folder).iterdir() if p.is_dir() and p.name not in taken_names(kind))
    statements = sorted(st["id"] for st in read("statements"))
    assert pages("statements", "statement") == statements
    assert pages("stakeholders", "stakeholder") == sorted(s["id"] for s in read("stakeholders"))
    stances = {stance: sum(st["stance"] == stance for st in read("statements")) for stance in ("objects", "supports", "mixed")}
    home = " ".join(re.sub(r"<[^>]+>", " ", (site / "index.html").read_text("utf-8")).split())
    assert (f"the site holds {len(statements)} statements: {stances['objects']} object, {stances['supports']} support "
            f"and {stances['mixed']} are mixed") in home
    assert f"{len(statements)} statements, newest first" in (site / "statements/index.html").read_text("utf-8")


def test_statement_to_article_links_are_reciprocated(site):
    pairs = 0
    for folder in sorted((site / "statements").iterdir()):
        if not folder.is_dir() or folder.name in ("by-date", "by-stance"):
            continue
        url = f"statements/{folder.name}/"
        page = parse(site, url)
        for target, fragment in internal_targets(url, page):
            if not re.fullmatch(r"articles/article-\d+/|chapters/chapter-\d+/|articles/preamble/|articles/", target):
                continue
            back = internal_targets(target, parse(site, target))
            assert any(t == url for t, _ in back), f"{target} does not link back to {url}"
            if fragment:
                assert fragment in parse(site, target).ids, f"{url} links to missing #{fragment} on {target}"
            pairs += 1
    assert pairs > 50


def test_article_to_statement_links_land_on_the_objection(site):
    for n in range(1, 69):
        url = f"articles/article-{n}/"
        for target, fragment in internal_targets(url, parse(site, url)):
            if target.startswith("statements/") and target != "statements/":
                statement = parse(site, target)
                assert fragment in statement.ids, f"{url} -> {target}#{fragment}"
                assert any(t == url for t, _ in internal_targets(target, statement))


def test_every_seed_claim_is_on_the_site_with_its_source(site):
    html = (site / "overview/founding-article/index.html").read_text("utf-8")
    ids = [c["id"] for c in one("claims.yaml")["claims"]]
    assert len(ids) >= 10
    for cid in ids:
        assert f'id="claim-{cid.lower()}"' in html
    assert "A news report, August 2024" in html and "August 2024, August 2024" not in html  # audit B-14


def test_no_third_party_assets(site):
    for path in site.rglob("*.html"):
        html = path.read_text("utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", html):
            if re.search(r'rel="(canonical|alternate|next|prev)"', tag):
                continue  # addresses, not requests
            if re.search(r'(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)', tag):
                pytest.fail(f"{path}: loads a third-party asset: {tag}")


def test_generation_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    documents()   # fails at once, with the build's messages, if the build refuses data/
    generate(ROOT / "data", first)
    generate(ROOT / "data", second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_site_is_byte_identical_with_source_date_epoch(tmp_path):
    sites = []
    for name in ("one", "two"):
        dest = tmp_path / name
        dest.mkdir()
        result = build_site(dest, env={"SOURCE_DATE_EPOCH": "1764374400"})
        assert result.returncode == 0, result.stderr
        sites.append(dest / "site")
    files = [sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file() and _stable(p.relative_to(site)))
             for site in sites]
    assert files[0] == files[1]
    different = [str(rel) for rel in files[0] if (sites[0] / rel).read_bytes() != (sites[1] / rel).read_bytes()]
    assert different == []


def _stable(rel: Path) -> bool:
    """Everything but Pagefind's filter and metadata indexes, which Pagefind 1.5 does not write byte-stable
    (named by a hash of their content: upstream issue 638); its page fragments and word index are stable."""
    return rel.parts[0] != "pagefind" or rel.parts[1] in ("fragment", "index") or rel.suffix == ".js"
