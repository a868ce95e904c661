"""Every field of every JSON Schema, with its description: the Data page and the docs test read this."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
KINDS = ["treaty", "chapter", "stakeholder", "statement", "themes", "timeline", "ratifications", "claims"]


@dataclass
class Field:
    path: str           # e.g. objections[].targets[].basis
    type: str
    description: str


def _load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text("utf-8"))


def _resolve(node: dict, current: str) -> tuple[dict, str]:
    """Follow $ref (within a file or to another schema file) until a concrete schema is reached."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        current = target or current
        node = _load(current)
        for part in filter(None, pointer.split("/")):
            node = node[part]
    return node, current


_NAMES = {"string": "text", "integer": "whole number", "object": "group of fields", "boolean": "true or false",
          "array": "list"}


def _type(node: dict) -> str:
    if "enum" in node:
        return "one of: " + ", ".join(map(str, node["enum"]))
    kind = node.get("type", "")
    kinds = kind if isinstance(kind, list) else [kind] if kind else []
    name = " or ".join(_NAMES.get(k, k) for k in kinds)
    if node.get("format") == "partial-date":
        name = "date"
    elif node.get("format") == "web-url":
        name = "web address"
    return name


def fields(kind: str) -> list[Field]:
    """Fields of one data kind, depth first, in schema order."""
    found: list[Field] = []

    def walk(node: dict, current: str, prefix: str, depth: int) -> None:
        for name, prop in node.get("properties", {}).items():
            description = prop.get("description", "")
            resolved, where = _resolve(prop, current)
            description = description or resolved.get("description", "")
            path = f"{prefix}{name}"
            if resolved.get("type") == "array":
                items, where_items = _resolve(resolved.get("items", {}), where)
                found.append(Field(path, f"list of {_type(items) or 'items'}", description))
                if items.get("properties") and depth < 6:
                    walk(items, where_items, f"{path}[].", depth + 1)
            else:
                found.append(Field(path, _type(resolved), description))
                if resolved.get("properties") and depth < 6:
                    walk(resolved, where, f"{path}.", depth + 1)

    name = f"{kind}.schema.json"
    walk(_load(name), name, "", 0)
    return found


def schema_title(kind: str) -> tuple[str, str]:
    schema = _load(f"{kind}.schema.json")
    return schema.get("title", kind), schema.get("description", "")
