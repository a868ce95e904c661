"""Escaping: the one place text from data is made inert for the Markdown and HTML of the pages.

Every value a template prints goes through `_finalize` (the environment's finalize), so text from data/ reaches
a page only as escaped Markdown: one line, every syntax character an HTML entity. Addresses (`link`), YAML front
matter (`yaml_string`), raw HTML blocks (`preformatted`) and anchors (`anchor`) each have their own function here.
Text from data must never become live HTML, a link scheme other than http(s)/mailto, or Markdown structure.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from markupsafe import Markup

from .model import SLUG

# Every ASCII character that Markdown, HTML, attr_list or a Material marker could read as syntax.
_SPACE = re.compile(r"\s+")
_SPECIALS = "!\"#$%&'()*+-./:;<=>?@[\\]^_`{|}~"
# What no page may hold, whatever the data (validation refuses it; this is the second line): control characters
# (other than whitespace, which is collapsed), direction overrides and isolates, surrogates and non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def safe(text: str) -> str:
    """Text with every character no page may hold replaced by U+FFFD (the replacement character)."""
    return text if text.isprintable() else _UNSAFE.sub("\ufffd", text)
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in _SPECIALS})


@lru_cache(maxsize=262144)
def _escape_str(text: str) -> Markup:
    text = safe(text)
    # Whitespace to collapse: two spaces, or any other whitespace character, which is never printable
    # (a test checks this over all of Unicode). Much faster than a regular expression over each text.
    if "  " in text or not text.isprintable():
        text = _SPACE.sub(" ", text)
    return Markup(text.translate(_ENTITIES))


def escape_text(value) -> Markup:
    """Data text as inert Markdown: one line, every syntax character written as an HTML entity.

    This is the only place text from data/ is escaped; templates get it automatically (finalize).
    Collapsing whitespace means no data can start a heading, list, table, code block or fence.
    """
    return _escape_str(str(value))  # names, titles and dates repeat across pages: cached


def join(items, separator: str = "") -> Markup:
    """Jinja's join, but escaping each item for Markdown (the built-in one only escapes HTML)."""
    return escape_text(separator).join(_finalize(item) for item in items)


def names(items) -> Markup:
    """Names of several entities (themes), escaped and joined by commas: cheaper than map(attribute) | join."""
    return escape_text(", ".join(item.name for item in items))


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if value is None:
        raise TypeError("a template printed None; guard optional fields with {% if %}")
    return escape_text(value)


# Characters an address keeps as they are: letters, digits, and the URL delimiters that mean nothing to Markdown,
# tables, attr_list or HTML. Anything else (' " ( ) | * [ ] { } < > ` \\ and every non-ASCII character) is
# percent-encoded, so that no address can end its link, start a title (' turned the trust labels after it into a
# tooltip), split a table row (|) or add attributes, whatever it holds.
_URL_KEEPS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&+,;=%")


def _url_target(url: str) -> str:
    """An address as the destination of a Markdown link: the one place addresses are escaped."""
    if all(c in _URL_KEEPS for c in url):
        return url
    return "".join(c if c in _URL_KEEPS else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in url)


def link(url: str, text) -> Markup:
    """A Markdown link to an external (validated http/https/mailto) address."""
    return Markup(f"[{escape_text(text)}]({_url_target(url)})")


def yaml_string(value) -> Markup:
    """A YAML string for front matter and the nav, HTML-escaped because Material prints titles as HTML.

    (MkDocs renders theme templates without autoescaping.) A JSON string is a valid YAML scalar.
    """
    return Markup(_json_string(html.escape(" ".join(safe(str(value)).split()), quote=True)))


_json_string = json.encoder.encode_basestring_ascii  # what json.dumps does with a str, without its dispatch


def preformatted(text: str) -> Markup:
    """A raw HTML <pre> block (Markdown leaves its content alone, so it is HTML-escaped instead)."""
    return Markup(f'<pre class="citation"><code>{html.escape(safe(text))}</code></pre>')


def anchor(value) -> Markup:
    """An id for an HTML anchor; ids come from validated slugs, so anything else is a bug."""
    return _anchor(str(value))


@lru_cache(maxsize=65536)
def _anchor(text: str) -> Markup:
    if not SLUG.fullmatch(text):
        raise ValueError(f"not a valid anchor: {text!r}")
    return Markup(text)
