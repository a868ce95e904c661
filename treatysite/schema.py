"""The JSON Schemas of schema/: read once, bundled into one document per kind, and the labels of their values."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


@lru_cache(maxsize=None)
def _read(path: Path) -> dict:
    """A schema file, parsed once (never changed: _bundled builds new mappings)."""
    return json.loads(path.read_text("utf-8"))


def _bundled(node, current: str):
    """The schema with every $ref replaced by what it points to (our schemas are not recursive)."""
    if isinstance(node, list):
        return [_bundled(item, current) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        where = target or current
        resolved = _read(SCHEMA_DIR / where)
        for part in filter(None, pointer.split("/")):
            resolved = resolved[part]
        merged = {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
        return _bundled(merged, where)
    return {k: _bundled(v, current) for k, v in node.items() if k not in ("$defs", "$id", "$schema")}


@lru_cache(maxsize=None)
def bundled_schema(kind: str) -> dict:
    """The schema of one data kind as a single document, every $ref replaced (fast check, field docs)."""
    return _bundled(_read(SCHEMA_DIR / f"{kind}.schema.json"), f"{kind}.schema.json")


def with_defaults(data, node: dict):
    """Fill in, in place, the schema's default of every property absent from the data (in objects, and in the
    objects of lists): the one place a default is applied, so that the schema alone states it."""
    if isinstance(data, dict):
        for key, prop in node.get("properties", {}).items():
            if key in data:
                with_defaults(data[key], prop)
            elif "default" in prop:
                data[key] = json.loads(json.dumps(prop["default"]))   # a copy: documents never share a value
    elif isinstance(data, list) and isinstance(node.get("items"), dict):
        for item in data:
            with_defaults(item, node["items"])
    return data


@lru_cache(maxsize=None)
def defaults(kind: str) -> dict | None:
    """The part of a data kind's schema that leads to a default (for with_defaults), or None if it has none."""
    return _leading_to_default(bundled_schema(kind))


def _leading_to_default(node: dict) -> dict | None:
    found: dict = {}
    properties = {}
    for key, prop in node.get("properties", {}).items():
        branch = _leading_to_default(prop) or {}
        if "default" in prop:
            branch["default"] = prop["default"]
        if branch:
            properties[key] = branch
    if properties:
        found["properties"] = properties
    items = _leading_to_default(node["items"]) if isinstance(node.get("items"), dict) else None
    if items:
        found["items"] = items
    return found or None


def choices(kind: str, *path: str) -> dict[str, str]:
    """Value -> label of a field whose allowed values are a oneOf of const + title, e.g. choices("statement", "kind").

    path names properties, "[]" for the items of a list and "#name" for a definition, e.g.
    choices("statement", "#objection", "asks"). A value without a title is a schema error, reported here.
    """
    found = {}
    for option in options(kind, *path):
        if "title" not in option:
            raise ValueError(f"schema/{kind}.schema.json: the value {option.get('const')!r} of "
                             f"{'.'.join(path)} has no title; give it one (the label shown on the site)")
        found[option["const"]] = option["title"]
    return found


def explained(kind: str, *path: str) -> dict[str, str]:
    """Value -> what it means: its description in the schema, or else its title (the open data's documentation)."""
    return {value: option.get("description", title)
            for (value, title), option in zip(choices(kind, *path).items(), options(kind, *path))}


def options(kind: str, *path: str) -> list[dict]:
    """The oneOf options (const, title, description ...) of a field, named by a path as for choices()."""
    node = bundled_schema(kind)
    defs = _read(SCHEMA_DIR / f"{kind}.schema.json").get("$defs", {})
    for part in path:
        if part.startswith("#"):
            node = _bundled(defs[part[1:]], f"{kind}.schema.json")
        elif part == "[]":
            node = node["items"]
        else:
            node = node["properties"][part]
    return node["oneOf"]
