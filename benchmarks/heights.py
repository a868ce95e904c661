"""How tall the main pages are, and what a visitor sees before scrolling: real Chromium on a built site.

For each page (home, Article 24, Article 6, countries, lifecycle, coalitions) at 1280 x 900 and 390 x 844 px
(a desktop and a phone), prints the page's height in px and, for each landmark a visitor looks for on it,
whether it is in the first screen ("yes"), further down (its distance from the top in px), or absent ("-").
Landmarks are found by what they say, not by our markup, so that an older build can be measured too.

    python benchmarks/heights.py SITE_DIR [SITE_DIR ...]      # e.g. ../before/site site

Needs Playwright and /usr/bin/chromium (make test installs the one, .ci/run the other).
"""
from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
SCREENS = {"1280": (1280, 900), "390": (390, 844)}
# (what the landmark is, a CSS selector of candidate elements, a regular expression their text must match).
HEADING = ("heading", ".md-content h1", ".")
PAGES = {
    "home": ("", [
        ("headline", ".md-content h1", r"objects|defends|who"),
        ("signatures", ".md-content dd, .md-content p, .md-content li", r"\d+\D{0,40}(in our records|have signed)"),
        ("instruments of 40", ".md-content dd, .md-content p, .md-content li", r"of (the )?40\b"),
        ("under way", ".md-content dd, .md-content p, .md-content li", r"under way"),
        ("open until", ".md-content dd, .md-content p, .md-content li", r"until 31 December"),
        ("balance of statements", ".md-content dd, .md-content p, .md-content td", r"\b\d+\W{0,9}object\b|Objects\W{0,3}\d+"),
        ("country lookup", "input#country-lookup, input[list]", r"^$"),
        ("link to every state", ".md-content a", r"Has my country|every state"),
    ]),
    "article-24": ("articles/article-24/", [
        HEADING, ("summary", ".md-content p", r"In our words|our summary|summary is ours"), ("counts", ".md-content p, .md-content div, .md-content li", r"Both sides|objections? in \d+"),
        ("official text", ".md-content a", r"official text|Treaty Collection|UNODC"),
        ("previous/next", ".md-content a, .md-footer a", r"^(Previous|Next|\u2190|\u2192|\u2039|\u203a)"),
    ]),
    "article-6": ("articles/article-6/", [
        HEADING, ("summary", ".md-content p", r"In our words|our summary|summary is ours"), ("counts", ".md-content p, .md-content div, .md-content li", r"Both sides|objections? in \d+"),
        ("official text", ".md-content a", r"official text|Treaty Collection|UNODC"),
    ]),
    "countries": ("countries/", [
        HEADING, ("counts", ".md-content p, .md-content li, .md-content dd", r"of (the )?40\b"), ("map", ".md-content svg", r"."), ("table of states", ".md-content table", r"."),
    ]),
    "lifecycle": ("overview/lifecycle/", [HEADING, ("outcome counts", ".md-content p, .md-content li, .md-content td", r"\b\d+\b.*addressed"),
                                          ("first entry", ".md-content h2, .md-content h3", r".")]),
    "coalitions": ("overview/coalitions/", [HEADING, ("first provision", ".md-content h2, .md-content h3", r".")]),
}
FIND = """([selector, pattern]) => {
  const re = new RegExp(pattern);
  for (const e of document.querySelectorAll(selector)) {
    const box = e.getBoundingClientRect();
    if (box.height === 0 || !re.test(e.textContent.trim())) continue;
    return Math.round(box.top + window.scrollY);
  }
  return null;
}"""


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(site: Path) -> dict:
    """{(page, screen): (height, {landmark: top or None})} for one built site."""
    from playwright.sync_api import sync_playwright
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    found = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            for screen, (width, height) in SCREENS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500,
                                              has_touch=width < 500)
                page = context.new_page()
                for name, (path, landmarks) in PAGES.items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    total = page.evaluate("document.documentElement.scrollHeight")
                    found[name, screen] = (total, {label: page.evaluate(FIND, [selector, pattern])
                                                   for label, selector, pattern in landmarks})
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return found


def where(top: int | None, screen: str) -> str:
    if top is None:
        return "-"
    return "yes" if top < SCREENS[screen][1] - 40 else f"{top} px"


def main(sites: list[str]) -> None:
    results = {site: measure(Path(site)) for site in sites}
    print("| Page | Screen | " + " | ".join(f"Height ({s})" for s in sites) + " |")
    print("|---|---|" + "---|" * len(sites))
    for name in PAGES:
        for screen in SCREENS:
            print(f"| {name} | {screen} | " + " | ".join(f"{results[s][name, screen][0]:,}" for s in sites) + " |")
    print()
    print("In the first screen (yes), further down (px from the top) or absent (-):")
    print()
    print("| Page | Landmark | Screen | " + " | ".join(sites) + " |")
    print("|---|---|---|" + "---|" * len(sites))
    for name, (_, landmarks) in PAGES.items():
        for label, _, _ in landmarks:
            for screen in SCREENS:
                print(f"| {name} | {label} | {screen} | "
                      + " | ".join(where(results[s][name, screen][1][label], screen) for s in sites) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2 or not all(Path(a, "index.html").exists() for a in sys.argv[1:]):
        sys.exit(__doc__)
    main(sys.argv[1:])
