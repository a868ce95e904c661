"""The Content-Security-Policy of every page (treatysite/publish_guard.py) holds in Chromium: no violation on the
pages with scripts, Pagefind searches and filters online, and the offline bundle searches from file://."""
from __future__ import annotations

import functools
import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from sitebuild import build_site
from test_browser import CHROMIUM, _MISSING, NotFoundPage

pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(_MISSING), reason=_MISSING or "")]

# Collects every violation the page reports, from the first script on.
WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));"""
PAGES = ["", "articles/article-35/", "statements/open-letter-signatories-2024-reported/", "countries/",
         "overview/matrix/", "explore/?stance=supports&article=24", "explore/?q=surveillance", "no-such-page/"]


@pytest.fixture(scope="module")
def served(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NotFoundPage, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def _open(chromium):
    context = chromium.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    return context, page, console


def test_every_page_has_a_policy_that_allows_only_the_theme_scripts(site):
    from treatysite.publish_guard import content_security_policy
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text("utf-8")
        found = re.search(r'<head[^>]*><meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert found, f"{path}: no Content-Security-Policy first in <head>"
        policy = found.group(1)
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0], path
        assert set(re.findall(r"'sha256-[^']+'", policy)) == set(re.findall(
            r"'sha256-[^']+'", content_security_policy(html.replace(found.group(0), ""))))


@pytest.mark.parametrize("path", PAGES)
def test_no_violation_and_search_works_online(chromium, served, path):
    context, page, console = _open(chromium)
    page.goto(served + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("explore/"):
        page.wait_for_selector(".explore-result", timeout=15000)   # Pagefind (WebAssembly) answered
        assert page.locator(".explore-result").count() > 0
    if path == "countries/":
        page.fill("#states-table-filter", "azerb")                 # tables.js runs
        assert page.locator("#states-table tbody tr:not([hidden])").count() == 1
    page.wait_for_timeout(200)
    violations = page.evaluate("window.__csp")
    context.close()
    assert violations == [] and console == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("offline-csp")
    result = build_site(dest, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return dest / "site"


def test_the_offline_bundle_searches_from_disk_under_its_policy(chromium, offline_site):
    assert 'http-equiv="Content-Security-Policy"' in (offline_site / "index.html").read_text("utf-8")
    context, page, console = _open(chromium)
    page.goto((offline_site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("repression", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    violations = page.evaluate("window.__csp")
    context.close()
    assert violations == [] and console == []


def test_a_script_in_the_content_is_blocked(chromium, tmp_path):
    """The policy allows the theme's scripts, not one that reached the content: built from a page whose content
    holds an inline script, Chromium refuses to run it and reports the violation."""
    from treatysite.publish_guard import with_policy
    theme = "<script>document.documentElement.dataset.theme='ran'</script>"
    content = "<script>document.documentElement.dataset.content='ran'</script>"
    html = f"<!doctype html><html><head><title>t</title>{theme}</head><body>{content}</body></html>"
    (tmp_path / "page.html").write_text(with_policy(html, content), "utf-8")
    context, page, console = _open(chromium)
    page.goto((tmp_path / "page.html").as_uri())
    ran = page.evaluate("[document.documentElement.dataset.theme, document.documentElement.dataset.content]")
    violations = page.evaluate("window.__csp")
    context.close()
    assert ran == ["ran", None]
    assert len(violations) == 1 and violations[0].startswith("script-src-elem inline")


def test_browser_automation_can_wait_on_a_page_under_its_policy(chromium, served):
    """Tests of the published pages (ours and others') poll with wait_for_function, which compiles its predicate
    in the page: the policy allows that ('unsafe-eval'), while inline scripts stay limited to the theme's hashes."""
    context, page, console = _open(chromium)
    page.goto(served)
    page.evaluate("() => setTimeout(() => { window.__later = 1 }, 300)")
    page.wait_for_function("window.__later === 1", timeout=5000)
    context.close()
    assert console == []
