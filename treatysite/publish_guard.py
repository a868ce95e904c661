"""MkDocs hook (mkdocs.yml `hooks:`): guards what is published.

Never build the site from a docs/ that a generation left unfinished: `mkdocs build` (and so `make site` and the
deploy workflow) stops with the reason; `mkdocs serve`, a preview that build_site.py --serve regenerates while
it runs, only warns.

Every page carries a Content-Security-Policy (GitHub Pages sends no headers, so it is a <meta http-equiv> at the
top of <head>): scripts only from the site itself and the theme's inline scripts by their sha256, computed here
from each page as built, so the policy follows the theme when it changes; nothing from other hosts.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

try:
    from treatysite.write import incomplete_site
except ImportError:  # MkDocs loads a hook as a lone file, perhaps from elsewhere: find the package beside it
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from treatysite.write import incomplete_site

log = logging.getLogger("mkdocs.hooks.publish_guard")
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    problem = incomplete_site(Path(config.docs_dir))
    if problem is None:
        return
    if _command == "serve":
        log.warning(problem)
        return
    raise PluginError(f"not building the site: {problem}")


# 'wasm-unsafe-eval': Pagefind's search runs as WebAssembly. blob: workers: Pagefind and the offline bundle's
# search start theirs that way. Styles may be inline: the theme sets them (no script can run through a style).
# 'unsafe-eval': none of the site's scripts evaluates a string, but browser automation does (Playwright's
# wait_for_function compiles its predicate in the page), and tests of the published pages, ours and others',
# must run under the policy visitors get. What the policy is for still holds: no script in a page's content
# (from data) can run, since inline scripts run only by the hash of the theme's own.
POLICY = ("default-src 'self'; script-src 'self' {hashes} 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
          "frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.I)


def content_security_policy(html: str) -> str:
    """The policy for one page: its inline scripts (not JSON data blocks) allowed by their sha256 alone."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for attributes, body in _INLINE_SCRIPT.findall(html) if not _DATA_TYPE.search(attributes)})
    return POLICY.format(hashes=" ".join(hashes))


def on_post_page(output: str, page, config) -> str:
    """Put the page's policy first in its <head>, before any script it governs. Only the theme's scripts are
    hashed: the page's content (Markdown, from data) is left out, so a script in it would never run."""
    protected = with_policy(output, page.content or "")
    if protected is None:
        raise PluginError(f"{page.file.src_uri}: the page has no <head> for its Content-Security-Policy")
    return protected


def with_policy(html: str, content: str = "") -> str | None:
    """The page with its policy first in <head>, or None if it has no <head>; scripts inside `content` (the
    page's own content) are not allowed."""
    head = re.search(r"<head[^>]*>", html, re.I)
    if head is None:
        return None
    theme = html.replace(content, "") if content else html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(theme)}">'
    return html[:head.end()] + meta + html[head.end():]


def on_post_template(output_content: str, template_name: str, config) -> str:
    """The theme's static pages (404.html) get their policy too; sitemap.xml is not a page."""
    if not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content) or output_content
