"""MkDocs hook: after every build (make site, make serve, the tests), index the built pages with Pagefind.

Pagefind (pagefind-bin, pinned in requirements.txt) writes a split index into <site>/pagefind/: a visitor
downloads only the chunks a search or filter needs, never the whole index. Only pages that carry
data-pagefind-body (overrides/main.html) are indexed, and statement pages carry the explore page's filters.
The offline bundle keeps Material's own search instead (Pagefind cannot load from file://), so when
Material's search plugin is enabled this hook does nothing.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

# Pagefind 1.5.2 asks for the word-index chunks of the search term before every search. A filter-only search
# (term null, as on the explore page without words) has the term "", which every chunk matches, so it would
# download the whole word index (megabytes at 10,000 statements) although the filter-only search reads only the
# filter index. This one change skips that request when there is no term; the build fails if it does not apply.
UNNEEDED_CHUNKS = ("let index_resp=this.backend.request_indexes(ptr,term)",
                   'let index_resp=filter_only?"[]":this.backend.request_indexes(ptr,term)')
PATCHED = ("pagefind.js", "pagefind-worker.js")


def on_post_build(config, **kwargs) -> None:
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        return
    from pagefind_bin import get_executable
    result = subprocess.run([str(get_executable()), "--site", config.site_dir, "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index {config.site_dir}:\n{result.stdout}{result.stderr}")
    for name in PATCHED:
        script = Path(config.site_dir) / "pagefind" / name
        text = script.read_text("utf-8")
        if text.count(UNNEEDED_CHUNKS[0]) != 1:
            raise PluginError(f"{script}: Pagefind's filter-only search changed (not the pinned 1.5.2?); "
                              "check whether it still loads every word chunk, then update UNNEEDED_CHUNKS")
        script.write_text(text.replace(*UNNEEDED_CHUNKS), "utf-8")
