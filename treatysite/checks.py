"""Checks beyond the schema, for data that arrives through pull requests: characters, sizes and page names in
every file, the record's rules for every file (record_rules.py), then each kind's own rules (Kind.check: labels
of trust, look-alike names, dates, repeated quotes ...).

Run by the validate stage on every document that passed its schema; each problem names its file and line.
"""
from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterator

from .errors import Problems
from .document import Document
from .record_rules import record_problems
from .registry import DATA_KINDS, KINDS, by_data_kind, taken_names

# Fields that name or title something: shown in lists, links, feeds and the navigation, where an invisible
# or direction-changing character would make them display something else than they hold.
NAME_FIELDS = {"id", "name", "short_name", "informal_name", "title", "short_title", "header_title", "full_title", "publisher",
               "speaker", "speaker_role", "signed_by"}
LIMITS = {"name": 200, "short_name": 200, "informal_name": 200, "short_title": 200, "header_title": 60, "publisher": 200,
          "speaker": 200, "signed_by": 200, "title": 500, "full_title": 500, "speaker_role": 500}
TEXT_LIMIT = 5000        # characters of any other text: long enough for a paragraph, far from a denial of service

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}


def check_documents(docs: list[Document], problems: Problems, clean: set = frozenset()) -> None:
    """Add a problem for every value these checks refuse, in every document (already schema-valid).

    `clean` holds the id() of documents whose texts all_clean() has already passed (in the validate workers).
    """
    today = datetime.date.today().isoformat()  # the kinds' rules refuse dates after it
    for doc in docs:
        if id(doc) not in clean and not all_clean(doc.data):  # the full walk, with paths, only where needed
            for path, value in strings(doc.data):
                message = text_problem(path, value)
                if message:
                    problems.add(doc.rel, doc.line(path), message)
        for path, message in _page_name_problems(doc):
            problems.add(doc.rel, doc.line(path), message)
    for doc, path, message in record_problems(docs):  # the record's rules for every file (record_rules.py)
        problems.add(doc.rel, doc.line(path), message)
    by_kind = by_data_kind(docs)
    for kind in KINDS:  # each kind's own rules: trust labels, look-alike names, dates, repeated quotes ...
        for doc, path, message in kind.check(by_kind, today):
            problems.add(doc.rel, doc.line(path), message)


def all_clean(value, field: str = "") -> bool:
    """True if every text in the value is printable and within its length: the fast path, no paths built.

    Written as loops that test texts in place (most values are texts): it runs on every document.
    """
    if isinstance(value, str):
        return value.isprintable() and len(value) <= LIMITS.get(field, TEXT_LIMIT)
    if isinstance(value, dict):
        for k, v in value.items():
            if not (isinstance(k, str) and k.isprintable()):
                return False
            if isinstance(v, str):
                if not (v.isprintable() and len(v) <= LIMITS.get(k, TEXT_LIMIT)):
                    return False
            elif isinstance(v, (dict, list)) and not all_clean(v, k):
                return False
        return True
    if isinstance(value, list):
        limit = LIMITS.get(field, TEXT_LIMIT)
        for item in value:
            if isinstance(item, str):
                if not (item.isprintable() and len(item) <= limit):
                    return False
            elif isinstance(item, (dict, list)) and not all_clean(item, field):
                return False
        return True
    return True


def strings(value, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string in a document, keys included as the value of their path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))


def _field(path: tuple) -> str:
    return next((p for p in reversed(path) if isinstance(p, str)), "")


def text_problem(path: tuple, text: str) -> str | None:
    """What is wrong with one text value (characters, then length), or None."""
    field = _field(path)
    name = field in NAME_FIELDS
    if not text.isprintable():  # the fast path: almost every value is printable
        for index, char in enumerate(text):
            reason = None if char.isprintable() else _refused(char, name)
            if reason:
                return f"'{field}' contains {_describe(char)} at character {index + 1}; {reason}; remove it"
    limit = LIMITS.get(field, TEXT_LIMIT)
    if len(text) > limit:
        return f"'{field}' is {len(text):,} characters long, more than the {limit:,} allowed; shorten it"
    return None


def _refused(char: str, name: bool) -> str | None:
    """Why a character that is not printable cannot be in this text, or None if it can."""
    code = ord(char)
    category = unicodedata.category(char)
    if char in "\t\n\r":
        return "a name or title is one line" if name else None
    if category in ("Cc", "Cs") or (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
        return "such characters cannot be shown on a page or put in a feed"
    if char in BIDI_CONTROLS:
        return "it changes the direction in which the text around it is displayed"
    if name and category != "Zs":  # zero-width and other invisible characters; spaces such as U+00A0 are fine
        return "a name or title must display exactly what it holds"
    return None


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else " (a control or invisible character)")


def _page_name_problems(doc: Document) -> Iterator[tuple[tuple, str]]:
    """Ids that would make a file name Windows cannot check out, or a page that replaces another one."""
    kind = DATA_KINDS[doc.kind]
    if not kind.id_is_stem and doc.stem in WINDOWS_RESERVED:
        yield (), (f"the file name '{doc.stem}.yaml' is reserved by Windows for a device (CON, PRN, AUX, NUL, "
                   "COM0-COM9, LPT0-LPT9), so the repository could not be checked out there; rename the file")
    if kind.page is None:
        return
    items = [(("id",), doc.data)] if kind.listed is None else \
        [((kind.listed, i, "id"), item) for i, item in enumerate(doc.data.get(kind.listed, []))]
    rename = "choose another id (and rename the file to match)" if kind.id_is_stem else "choose another id"
    taken = taken_names(kind.page)
    for path, item in items:
        ident = item.get("id")
        if ident in WINDOWS_RESERVED:
            yield path, (f"id '{ident}' is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM0-COM9, "
                         f"LPT0-LPT9): its files could not be checked out there; {rename}")
        elif ident in taken:
            yield path, (f"id '{ident}' is taken by {taken[ident][1]} (docs/{taken[ident][0]}) in the same "
                         f"folder; {rename}")
