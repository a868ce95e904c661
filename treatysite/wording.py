"""Visitor words for the verification labels: the one place that says, in plain words, how sure we are.

The labels themselves are the titles of common.schema.json's status values (model.STATUS_LABELS), shown as
badges; these are the words a visitor reads beside them where a badge alone would not say what is unsure
(the title of an article or chapter). A status without wording here fails at import, so a new value cannot
reach a page unexplained.
"""
from __future__ import annotations

from .model import STATUS_LABELS

# How sure we are of the title of an article or chapter.
TITLE = {
    "verified": "title checked against the official text",
    "partly-verified": "title not yet checked against the official text",
    "conflicting": "sources give different titles; not yet checked against the official text",
    "unverified": "title not yet checked against the official text",
}

if set(TITLE) != set(STATUS_LABELS):
    raise RuntimeError(f"treatysite/wording.py: give visitor words for exactly the statuses of "
                       f"schema/common.schema.json ({', '.join(STATUS_LABELS)})")
