"""Validate stage: JSON Schema per file, then checks across files."""
from __future__ import annotations

import datetime
import json
import re
from functools import lru_cache
from itertools import islice

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.validators import extend
from referencing import Registry, Resource

from .checks import all_clean, check_documents
from .errors import Problems, did_you_mean, printable, quoted
from .document import Document
from .model import date_parts
from .schema import SCHEMA_DIR, bundled_schema, defaults, with_defaults
from .parallel import fork_map
from .registry import DATA_KINDS


FORMATS = FormatChecker(formats=())


@FORMATS.checks("partial-date")
def is_partial_date(value) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists."""
    if not isinstance(value, str):
        return True
    try:
        parts = date_parts(value)
        datetime.date(*parts, *[1] * (3 - len(parts)))
    except (ValueError, TypeError):
        return False
    return True


@FORMATS.checks("web-url")
def is_web_url(value) -> bool:
    """Only http, https and mailto, with no spaces or characters that end a link."""
    if not isinstance(value, str):
        return True
    return re.fullmatch(r"(https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s<>\"`\\]*)?|mailto:[^\s<>\"`\\@]+@[^\s<>\"`\\@]+)", value) is not None


@lru_cache(maxsize=None)
def whole_value(pattern: str) -> re.Pattern:
    """A schema pattern as JSON Schema means it (ECMA-262): `$` is the end of the value.

    In Python, `$` also matches before a final newline, so "2024-07\n" passed ^[0-9]{4}(-[0-9]{2})?$ and then
    broke the pages. Every unescaped `$` outside a [set] becomes \\Z; the schema files keep `^...$`, which the
    editors (JavaScript) read the same way.
    """
    out, in_set, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[":
            in_set = True
        elif char == "]":
            in_set = False
        out.append("\\Z" if char == "$" and not in_set else char)
        i += 1
    return re.compile("".join(out))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not whole_value(pattern).search(instance):
        yield ValidationError(f"{printable(instance)[:60]!r} does not match {pattern!r}")


def _key(value):
    """A hashable stand-in for a value, equal exactly when JSON Schema calls two values equal (True is not 1)."""
    if isinstance(value, bool) or value is None:
        return (type(value).__name__, value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("list", tuple(_key(v) for v in value))
    if isinstance(value, dict):
        return ("map", frozenset((k, _key(v)) for k, v in value.items()))
    return ("text", value)


def _unique(validator, unique, instance, schema):
    """uniqueItems in linear time (jsonschema's own compares every pair once the items cannot be sorted)."""
    if unique and validator.is_type(instance, "array") and len({_key(v) for v in instance}) < len(instance):
        yield ValidationError("has non-unique elements")


_Validator = extend(Draft202012Validator, {"pattern": _pattern, "uniqueItems": _unique})


@lru_cache(maxsize=None)
def validator(kind: str) -> Draft202012Validator:
    """A cached validator for one data kind, resolving refs between schema files."""
    registry = Registry()
    for path in SCHEMA_DIR.glob("*.schema.json"):
        registry = registry.with_resource(path.name, Resource.from_contents(json.loads(path.read_text("utf-8"))))
    schema = json.loads((SCHEMA_DIR / DATA_KINDS[kind].schema).read_text("utf-8"))
    return _Validator(schema, registry=registry, format_checker=FORMATS)


@lru_cache(maxsize=None)
def fast_validator(kind: str):
    """A compiled check (fastjsonschema) used only to wave valid documents through quickly.

    jsonschema stays the authority: any document the fast check rejects is validated again by
    jsonschema, which produces the messages, and its verdict is the one that counts.
    """
    try:
        import fastjsonschema
    except ImportError:  # optional speed-up
        return None
    # Only a yes or no is wanted here: without detailed exceptions the check compiles three times faster.
    # use_default=False: never fill in defaults, the data must stay what the file says.
    check = fastjsonschema.compile(_as_enums(bundled_schema(kind)), formats={"partial-date": is_partial_date, "web-url": is_web_url},
                                   detailed_exceptions=False, use_default=False)

    def is_valid(data) -> bool:
        try:
            check(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True
    return is_valid


def _as_enums(node):
    """The schema with each oneOf of consts (values with labels) written as the enum it means, which
    fastjsonschema compiles (its const check fails to compile without detailed exceptions)."""
    if isinstance(node, list):
        return [_as_enums(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "oneOf" in node and all("const" in o for o in node["oneOf"]):
        node = {**{k: v for k, v in node.items() if k != "oneOf"}, "enum": [o["const"] for o in node["oneOf"]]}
    return {k: _as_enums(v) for k, v in node.items()}


# When one value breaks several rules, report the most useful one.
_PRIORITY = ["required", "additionalProperties", "type", "enum", "oneOf", "format", "minLength", "pattern"]
_TYPE_NAMES = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping of fields",
               "boolean": "true or false", "number": "a number"}


def _found(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _field(path) -> str:
    names = [p for p in path if isinstance(p, str)]
    return f"'{names[-1]}'" if names else "this entry"


MAX_ERRORS = 100   # schema errors collected per file


def schema_problems(doc: Document, problems: Problems) -> bool:
    """Add one message per invalid value in doc (jsonschema, the authority); True if the doc is valid."""
    errors = list(islice(validator(doc.kind).iter_errors(doc.data), MAX_ERRORS + 1))
    if not errors:
        return True
    if len(errors) > MAX_ERRORS:  # a file can hold thousands of broken items: their errors took gigabytes
        errors.pop()
        problems.add(doc.rel, 1, f"more than {MAX_ERRORS} problems in this file, the first of which are listed; "
                                 "fix them and check again")
    best: dict[tuple, object] = {}
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator in ("required", "additionalProperties"):
            path += (error.validator,)  # both can hold for one mapping: report each
        rank = _PRIORITY.index(error.validator) if error.validator in _PRIORITY else len(_PRIORITY)
        if path not in best or rank < best[path][0]:
            best[path] = (rank, error)
    for _, error in best.values():
        for line, message in _messages(doc, tuple(error.absolute_path), error):
            problems.add(doc.rel, line, message)
    return False


def _messages(doc: Document, path: tuple, error):
    """(line, message) pairs for one jsonschema error, worded for a maintainer."""
    kind, schema, value = error.validator, error.schema, error.instance
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            hint = did_you_mean(key, allowed) or f"; allowed fields here: {', '.join(allowed)}"
            yield doc.line(path + (key,)), f"unknown field {quoted(key)}{hint}"
        return
    if kind == "required":
        for name in error.validator_value:
            if name not in value:
                about = schema.get("properties", {}).get(name, {}).get("description", "")
                about = f" ({about.rstrip('.')})" if about else ""
                yield doc.line(path), f"missing required field '{name}'{about}; add it"
        return
    line, field = doc.line(path), _field(path)
    if kind == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        names = " or ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        if value is None:
            yield line, f"{field} is empty; write a value ({names}) or remove the line"
        else:
            hint = "; put it in quotes" if "string" in wanted else ""
            yield line, f"{field} must be {names}, found {_found(value)}{hint}"
    elif kind == "enum" or kind == "oneOf" and all("const" in o for o in error.validator_value):
        options = error.validator_value if kind == "enum" else [o["const"] for o in error.validator_value]
        yield line, (f"{field} is {_found(value)}, which is not allowed; expected one of: "
                     f"{', '.join(map(str, options))}{did_you_mean(value, options)}")
    elif kind == "format" and error.validator_value == "partial-date":
        yield line, f"{field} is {quoted(value)}, which is not a real date; write YYYY-MM-DD, YYYY-MM or YYYY"
    elif kind in ("format", "pattern") and schema.get("format") == "web-url":
        yield line, (f"{field} is {quoted(value)}, which is not an allowed address; only http://, https:// and "
                     "mailto: addresses without spaces are accepted")
    elif kind == "pattern" and schema.get("format") == "partial-date":
        yield line, f"{field} is {_found(value)}, which is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"
    elif kind in ("minLength", "pattern") and schema.get("pattern") == "\\S":
        yield line, f"{field} is blank; write some text or remove the line"
    elif kind == "pattern":
        about = schema.get("description", "").rstrip(".")
        yield line, f"{field} is {_found(value)}, which is not valid" + (f": {about}" if about else "")
    elif kind == "minItems":
        yield line, f"{field} needs at least {error.validator_value} item(s)"
    elif kind == "uniqueItems":
        yield line, f"{field} lists the same item twice; remove the repeat"
    elif kind in ("minimum", "maximum"):
        yield line, f"{field} is {value}, which is out of range ({kind} {error.validator_value})"
    else:
        yield line, f"{field}: {printable(error.message)[:200]}"  # jsonschema's wording quotes the whole value: cut


PARALLEL_FROM = 2000   # documents; below this, starting worker processes costs more than it saves


def validate_documents(docs: list[Document], problems: Problems) -> list[Document]:
    """The documents that pass their schema and file-name rule; problems for the rest."""
    for kind in sorted({doc.kind for doc in docs}):
        fast_validator(kind)  # compiled once, here, before any worker starts
    verdicts = fork_map(_quick_verdicts, docs, PARALLEL_FROM)  # large data sets: the quick verdicts in parallel
    valid = []
    clean = {id(doc) for doc, (_, tidy) in zip(docs, verdicts) if tidy}
    for doc, (quick, _) in zip(docs, verdicts):
        if doc.data is None or not (quick or schema_problems(doc, problems)):
            continue
        if DATA_KINDS[doc.kind].id_is_stem and doc.data["id"] != doc.stem:
            problems.add(doc.rel, doc.line(("id",)), f"id {quoted(doc.data['id'])} does not match the file name "
                                                     f"'{doc.stem}.yaml'; rename the file or change the id")
            continue
        if defaults(doc.kind):
            with_defaults(doc.data, defaults(doc.kind))
        valid.append(doc)
    check_documents(valid, problems, clean=clean)  # characters, sizes, page names, look-alike names, labels of trust
    return valid


def _quick_verdicts(doc: Document) -> tuple[bool, bool]:
    """(passes the fast schema check, every text printable and within its length): both cheap, both in workers."""
    fast = fast_validator(doc.kind)
    return (doc.data is not None and fast is not None and fast(doc.data)), doc.data is not None and all_clean(doc.data)
