"""Every field of every JSON Schema, with its description: the Data page and the docs test read this."""
from __future__ import annotations

from dataclasses import dataclass

from .schema import bundled_schema

@dataclass
class Field:
    path: str           # e.g. objections[].targets[].basis
    type: str
    description: str


_NAMES = {"string": "text", "integer": "whole number", "object": "group of fields", "boolean": "true or false",
          "array": "list"}


def _type(node: dict) -> str:
    if "enum" in node:
        return "one of: " + ", ".join(map(str, node["enum"]))
    if "oneOf" in node and all("const" in option for option in node["oneOf"]):
        return "one of: " + ", ".join(str(option["const"]) for option in node["oneOf"])
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

    def walk(node: dict, prefix: str) -> None:
        for name, prop in node.get("properties", {}).items():
            path = f"{prefix}{name}"
            if prop.get("type") == "array":
                items = prop.get("items", {})
                found.append(Field(path, f"list of {_type(items) or 'items'}", prop.get("description", "")))
                walk(items, f"{path}[].")
            else:
                found.append(Field(path, _type(prop), _described(prop)))
                walk(prop, f"{path}.")

    walk(bundled_schema(kind), "")
    return found


def _described(prop: dict) -> str:
    """A field's description, and its default, which only the schema's "default" states."""
    text = prop.get("description", "")
    return f"{text} Defaults to {prop['default']}." if "default" in prop else text


def schema_title(kind: str) -> tuple[str, str]:
    schema = bundled_schema(kind)
    return schema.get("title", kind), schema.get("description", "")
