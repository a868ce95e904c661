"""What a visitor's browser sees: real Chromium on the built site (search, navigation, privacy, accessibility).

Needs /usr/bin/chromium (Debian: apt-get install -y chromium). Without it these tests are skipped with
that instruction, except under CI=true, where a missing browser is a failure.
"""
from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from sitebuild import ROOT, build_site

CHROMIUM = "/usr/bin/chromium"
BASE_PATH = "/un-cybercrime/"          # served under a sub-path, as on GitHub project pages
SHOTS = ROOT / "test-output" / "screenshots"
PAGES = {
    "home": "",
    "article": "articles/article-35/",
    "statement": "statements/open-letter-signatories-2024-reported/",
    "stakeholder": "stakeholders/hrw/",
    "theme": "themes/surveillance-powers/",
    "matrix": "overview/matrix/",
    "timeline": "overview/timeline/",
    "countries": "countries/",
    "country": "countries/azerbaijan/",
    "ratifications": "overview/ratifications/",
    "lifecycle": "overview/lifecycle/",
    "concordance": "overview/draft-numbers/",
    "explore": "explore/?stance=supports&article=24",
}


def _browser_missing() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make test installs it)"
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` to run browser tests"
    return None


_MISSING = _browser_missing()
if _MISSING and os.environ.get("CI") == "true":
    raise RuntimeError(f"browser tests cannot run under CI=true: {_MISSING}")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(_MISSING), reason=_MISSING or "")]


class NotFoundPage(SimpleHTTPRequestHandler):
    """Serves a folder quietly, with its 404.html for unknown paths, like GitHub Pages."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class SiteHandler(NotFoundPage):
    """Serves site/ under BASE_PATH, with 404.html for unknown paths."""

    def translate_path(self, path):
        path = urlparse(path).path
        if not path.startswith(BASE_PATH):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(BASE_PATH):])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    dest = tmp_path_factory.mktemp("browser")
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    url = f"http://127.0.0.1:{server.server_port}{BASE_PATH}"
    result = build_site(dest, env={"SITE_URL": url})
    assert result.returncode == 0, result.stderr
    server.RequestHandlerClass = functools.partial(SiteHandler, directory=str(dest / "site"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps"])
        yield browser
        browser.close()


class Visit:
    """A page plus every request and console error it caused."""

    def __init__(self, browser, base_url, phone=False, scheme="light"):
        size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        # No bypass_csp: the pages are driven under the Content-Security-Policy visitors get.
        self.context = browser.new_context(viewport=size, color_scheme=scheme, is_mobile=phone, has_touch=phone)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.requests, self.errors = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def go(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def third_party(self) -> list[str]:
        own = urlparse(self.base_url).netloc
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).netloc != own]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    opened = []

    def make(**kwargs) -> Visit:
        v = Visit(browser, base_url, **kwargs)
        opened.append(v)
        return v
    yield make
    for v in opened:
        v.close()


def search(v: Visit, query: str):
    """Search the way a visitor does: type into the header's search box and press Enter, which opens the
    explore page, where Pagefind lists what it found."""
    box = v.page.locator("#site-search-q")
    box.click()
    box.press_sequentially(query, delay=20)
    box.press("Enter")
    v.page.wait_for_url("**/explore/?q=*")
    v.page.wait_for_selector(".explore-result", timeout=15000)
    return v.page.locator(".explore-result")


def explore_results(v: Visit) -> list[str]:
    """The statement ids of every result listed on the explore page (after "Show more" until all are shown)."""
    v.page.wait_for_function("document.getElementById('explore-status').textContent.includes('match')")
    total = int(v.page.inner_text("#explore-status").split()[0])
    settled = ("document.querySelectorAll('.explore-result').length === %d"
               " || !document.getElementById('explore-more').hidden" % total)
    while True:
        v.page.wait_for_function(settled)
        if v.page.locator(".explore-result").count() == total:
            break
        v.page.click("#explore-more")
    hrefs = v.page.eval_on_selector_all(".explore-result__title a", "els => els.map(a => a.pathname)")
    return sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs)


@pytest.mark.parametrize("query, expected", [
    ("Interception", ("articles/article-30/", "articles/article-8/")),         # a word from an article title
    ("legal instrument of repression", ("statements/hrw-2024-08-brown-remarks/",)),  # a phrase from a quote
], ids=["article-title", "quote"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_search_finds_it(visit, phone, query, expected):
    v = visit(phone=phone)
    v.go("")
    results = search(v, query)
    hrefs = [results.nth(i).locator("a").first.get_attribute("href") for i in range(min(results.count(), 10))]
    assert any(e in h for h in hrefs for e in expected), hrefs
    assert results.first.is_visible()
    assert v.third_party() == []


def test_article_to_statement_and_back(visit):
    v = visit()
    v.go("articles/article-35/")
    v.page.locator("article a[href*='statements/hrw-2024-08-brown-remarks/']").first.click()
    v.page.wait_for_load_state()
    assert "/statements/hrw-2024-08-brown-remarks/" in v.page.url
    assert v.page.url.endswith("#objection-instrument-of-repression")
    assert v.page.locator("#objection-instrument-of-repression").is_visible()
    v.page.locator("article a[href*='articles/article-35/']").first.click()
    v.page.wait_for_load_state()
    assert v.page.url.rstrip("/").endswith("articles/article-35")
    assert v.page.locator("h1").inner_text().startswith("Article 35")
    v.page.go_back()
    assert "/statements/hrw-2024-08-brown-remarks/" in v.page.url


def test_unknown_deep_url_gets_the_404_page(visit):
    v = visit()
    response = v.go("articles/no/such/page/")
    assert response.status == 404
    assert "404" in v.page.locator("article").inner_text()
    stylesheet = v.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert stylesheet in ("sticky", "fixed"), "the 404 page lost its stylesheet on a deep URL"
    v.page.locator(".md-header a.md-logo").click()
    v.page.wait_for_load_state()
    assert v.page.url.endswith(BASE_PATH)
    assert v.third_party() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_is_private_accessible_and_fits(visit, kind, scheme):
    v = visit(scheme=scheme)
    response = v.go(PAGES[kind])
    assert response.status == 200
    SHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SHOTS / f"{kind}-{scheme}.png"))
    from axe_playwright_python.sync_playwright import Axe
    violations = [x for x in Axe().run(v.page).response["violations"] if x["impact"] in ("serious", "critical")]
    assert [(x["id"], x["impact"], [n["target"] for n in x["nodes"]][:3]) for x in violations] == []
    assert v.third_party() == []
    assert v.errors == []


@pytest.mark.parametrize("kind", list(PAGES))
def test_phone_pages_do_not_scroll_sideways(visit, kind):
    v = visit(phone=True)
    v.go(PAGES[kind])
    SHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SHOTS / f"{kind}-phone.png"), full_page=True)
    overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert v.third_party() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_open_search_is_private_and_accessible(visit, scheme, phone):
    v = visit(scheme=scheme, phone=phone)
    v.go("")
    search(v, "surveillance")
    v.page.wait_for_timeout(300)
    from axe_playwright_python.sync_playwright import Axe
    violations = [x for x in Axe().run(v.page).response["violations"] if x["impact"] in ("serious", "critical")]
    assert [(x["id"], [n["target"] for n in x["nodes"]][:3]) for x in violations] == []
    assert v.third_party() == []
    assert v.errors == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("offline")
    result = build_site(dest, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return dest / "site"


def test_offline_bundle_searches_from_disk_without_network(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("repression", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    page.keyboard.press("Escape")
    page.goto((offline_site / "explore" / "index.html").as_uri())   # no Pagefind from disk: it says so
    assert "offline copy" in page.locator("#explore-status").inner_text()
    assert page.locator("article a[href$='statements/by-stance/supports.html']").count() == 1
    page.goto((offline_site / "index.html").as_uri())
    page.locator("article a[href$='articles/index.html']").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("articles/index.html")
    context.close()
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))] == []
    assert errors == []


def test_the_map_shows_every_state_linked_and_named(visit):
    from datafiles import read
    v = visit()
    v.go(PAGES["countries"])
    countries = read("countries")
    links = v.page.eval_on_selector_all(
        ".world-map a.map-state", "els => els.map(a => [a.getAttribute('href'), a.getAttribute('aria-label'),"
        " a.getBoundingClientRect().width > 0 && a.getBoundingClientRect().height > 0])")
    assert len(links) == len(countries) >= 196
    named = {label.split(":")[0] for _, label, _ in links}
    assert named == {c["name"] for c in countries}
    assert all(visible for _, _, visible in links), [label for _, label, visible in links if not visible]
    v.page.click('.world-map a[href$="iceland/"]')
    v.page.wait_for_url("**/countries/iceland/")
    assert "Iceland" in v.page.title()


def test_the_table_of_states_filters_and_sorts(visit):
    v = visit()
    v.go(PAGES["countries"])
    rows = v.page.locator("#states-table tbody tr")
    total = rows.count()
    v.page.fill("#states-table-filter", "azerb")
    assert v.page.locator("#states-table tbody tr:not([hidden])").count() == 1
    assert v.page.text_content(".table-filter-status") == f"1 of {total} rows shown"
    v.page.fill("#states-table-filter", "")
    v.page.click("#states-table thead th:nth-child(3) button")   # Signed, earliest first
    first = v.page.text_content("#states-table tbody tr:first-child td:nth-child(3)")
    assert first.strip().endswith("2025")
    assert v.page.get_attribute("#states-table thead th:nth-child(3)", "aria-sort") == "ascending"
    assert not v.errors


def _statements_in_data(stance: str, article: int) -> list[str]:
    """Ids of the statements of a stance with an objection or supporting argument on an article, from data/."""
    from datafiles import read
    found = []
    for st in read("statements"):
        targets = [t for position in st.get("objections", []) + st.get("supporting", []) for t in position["targets"]]

        def covers(t) -> bool:
            first = t["provision"]
            if not first.startswith("art-"):
                return False
            last = t.get("through", first)
            return int(first[4:]) <= article <= int(last[4:])
        if st["stance"] == stance and any(covers(t) for t in targets):
            found.append(st["id"])
    return sorted(found)


def test_explore_filters_give_exactly_what_the_data_says(visit):
    expected = _statements_in_data("supports", 24)
    assert expected, "the data has no supporting statement on Article 24: choose another example"
    v = visit()
    v.go("explore/")
    v.page.select_option("#explore-stance", "supports")
    v.page.select_option("#explore-article", "24")
    v.page.wait_for_function("location.search.includes('article=24')")
    assert explore_results(v) == expected
    status = v.page.locator("#explore-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith(f"{len(expected)} statement")
    # The count beside each option says what it would give: the chosen article keeps all of them.
    assert v.page.locator("#explore-article option[value='24']").inner_text().endswith(f"({len(expected)})")
    # Each result lists its positions, linked to their anchors on the statement page.
    first = v.page.locator(".explore-result").first
    assert first.locator(".explore-result__positions a[href*='#support-']").count() > 0
    assert v.third_party() == []
    assert v.errors == []


def test_a_filtered_view_can_be_shared_and_reopened(visit):
    v = visit()
    v.go("explore/")
    v.page.wait_for_function("!document.getElementById('explore-form').hidden")
    v.page.locator("#explore-stance").focus()
    v.page.keyboard.type("Supports")              # the keyboard alone chooses an option
    v.page.select_option("#explore-type", "state")
    v.page.wait_for_function("location.search.includes('type=state')")
    shown = explore_results(v)
    shared = v.page.url
    assert "stance=supports" in shared and "type=state" in shared
    other = visit()
    other.page.goto(shared)
    assert other.page.input_value("#explore-stance") == "supports"
    assert other.page.input_value("#explore-type") == "state"
    assert explore_results(other) == shown
    assert other.third_party() == [] and v.third_party() == []
    assert other.errors == [] and v.errors == []


def test_filtering_and_searching_download_only_part_of_the_index(visit):
    v = visit()
    v.go("explore/?stance=objects")
    explore_results(v)
    chunks = [u for u in v.requests if "/pagefind/index/" in u]
    assert chunks == [], "a filter without words should need no word index"
    v.page.fill("#explore-q", "repression")
    v.page.press("#explore-q", "Enter")
    v.page.wait_for_function("location.search.includes('q=repression')")
    assert explore_results(v)
    loaded = {u for u in v.requests if "/pagefind/index/" in u}
    assert 0 < len(loaded) <= 2, loaded     # the chunk that holds the word, not the whole index
    assert v.third_party() == [] and v.errors == []
