"""What the home page answers first beside the signature story (signatures.py): the states to look up; and the
folding of long lists behind "Show all n" (a template filter)."""
from __future__ import annotations

import re

from markupsafe import Markup
from .site import Site


def lookup_states(site: Site) -> list:
    """Every participant for the home page's "has my country signed?" lookup, by name."""
    return sorted(site.countries, key=lambda c: c.name)


FOLD_AFTER = 10   # list items shown before the rest fold behind "Show all n"
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.) ")


def fold(block: str, keep: int = FOLD_AFTER) -> Markup:
    """A rendered Markdown list of more than about `keep` items with the rest folded behind "Show all n" (a
    <details> block, which opens without JavaScript and in print). Text before the first item stays as it is."""
    head, items = [], []
    for line in str(block).split("\n"):
        if _LIST_ITEM.match(line):
            items.append([line])
        elif items:
            items[-1].append(line)
        else:
            head.append(line)
    if len(items) <= keep + 2:   # folding one or two items would save nothing
        return Markup(block)
    shown = "\n".join(head + [line for item in items[:keep] for line in item]).rstrip("\n")
    rest = "\n".join(line for item in items[keep:] for line in item).strip("\n")
    return Markup(f'{shown}\n\n<details class="show-all" markdown="1">\n<summary>Show all {len(items)}</summary>\n\n'
                  f"{rest}\n\n</details>\n")
