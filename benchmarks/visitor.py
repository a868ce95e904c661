"""What a visitor downloads: real Chromium on a built site, every response counted as it travels gzip-compressed.

Three visits, each in a fresh browser (empty cache), to the site served from disk under a sub-path:
- first page view: the home page and a statement page; the larger counts (the explore page is not in it:
  opening it runs a first filter, which is counted below);
- first search: the explore page opened by the header search with one word (explore/?q=...), until the
  results are listed;
- first filter: the explore page with two filters and no words, until the results are listed.
Each response body is counted as its gzip size (level 6, what a web server sends); Pagefind's index files
are gzip files already and count as they are. Needs Playwright and /usr/bin/chromium (make test installs the
one, .ci/run the other); without them the figures are left out and the table says so.

    python benchmarks/visitor.py SITE_DIR
"""
from __future__ import annotations

import functools
import gzip
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM = "/usr/bin/chromium"
BASE = "/site/"
SEARCH = "explore/?q=surveillance"
FILTER = "explore/?type=ngo&article=24"


class _Handler(SimpleHTTPRequestHandler):
    def translate_path(self, path):
        path = unquote(urlparse(path).path)
        return super().translate_path("/" + path[len(BASE):] if path.startswith(BASE) else "/__outside__")

    def log_message(self, *args):
        pass


def _wire_size(body: bytes) -> int:
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6))


def _visit(browser, url: str, ready: str | None) -> int:
    """Bytes (gzip) of everything one fresh visit to url downloads until it is idle (and `ready` holds)."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(_wire_size(r.body())) if r.ok else None)
    page.goto(url)
    if ready:
        page.wait_for_function(ready, timeout=120000)
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(sizes)


def visitor_bytes(site: Path, statement: str) -> dict[str, float]:
    """KB (gzip) of a first page view, a first search and a first filter on the built site."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    if not Path(CHROMIUM).exists():
        return {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}{BASE}"
    listed = "document.querySelectorAll('.explore-result').length > 0"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            first = max(_visit(browser, base + path, None) for path in ("", f"statements/{statement}/"))
            found = _visit(browser, base + SEARCH, listed)
            filtered = _visit(browser, base + FILTER, listed)
            browser.close()
    finally:
        server.shutdown()
    return {"first page KB": first / 1e3, "first search KB": found / 1e3, "first filter KB": filtered / 1e3}


if __name__ == "__main__":
    site = Path(sys.argv[1])
    some = next(p.parent.name for p in (site / "statements").glob("*/index.html"))
    print(visitor_bytes(site, some))
