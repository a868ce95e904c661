"""The preview's engine side: the engine's own live-reload server, and builds that redo only what changed.

build_site.py --serve (serve.py) regenerates docs/ and then touches a trigger file; this process (started as
`python -m treatysite.preview serve`) serves the site and, on each trigger, rebuilds it. The first build does
every page. Later builds run the same steps as the engine's `build()` (properdocs/commands/build.py; the
step list below follows it), but read and render again only the Markdown pages whose file changed (or that
name a page added or removed), keep every other page's rendering from the build before, and write the HTML
of the re-rendered pages only. Everything is built again when something that every page shows changes: the
configuration, the theme's overrides, the assets, the navigation (docs/.nav.yml, or a title shown in it).
Files the new build no longer makes are deleted, so the served site is the one a clean build would make.

The search index (the post-build step: Pagefind, overrides/hooks/pagefind.py) takes longer than the pages
at every size, so after the first build it is made again in the background, after the changed pages are
served; the server says when it is current.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .serve import snapshot

ENGINE = os.environ.get("SITE_ENGINE", "properdocs")  # SITE_ENGINE=mkdocs previews with MkDocs 1.6.1
NAV_FILE = ".nav.yml"     # the generated navigation, which mkdocs.yml inherits
ASSETS = "assets"         # docs/assets/: stylesheets and scripts every page loads
log = logging.getLogger(f"{ENGINE}.preview")


def engine():
    """The engine's modules (imported late: ProperDocs must first map `mkdocs.*` imports, as its CLI does)."""
    if ENGINE == "properdocs":
        importlib.import_module("properdocs.replacement")  # hooks import mkdocs.*: the same modules, renamed
    names = ("commands.build", "config", "livereload", "structure.files", "structure.nav", "structure.pages",
             "utils")
    return argparse.Namespace(**{n.rsplit(".", 1)[-1]: importlib.import_module(f"{ENGINE}.{n}") for n in names})


@dataclass
class Rendered:
    """What reading and rendering one Markdown page gave (Page.read_source and Page.render), to use again."""

    markdown: str
    meta: dict
    content: str
    toc: object
    title_from_render: str | None
    anchors: set | None
    links_to_anchors: dict  # target src_uri -> {anchor: link}

    @classmethod
    def of(cls, page) -> "Rendered":
        return cls(page.markdown, page.meta, page.content, page.toc, page._title_from_render,
                   page.present_anchor_ids, {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()})

    def restore(self, page, by_uri: dict) -> None:
        page.markdown, page.meta, page.content, page.toc = self.markdown, self.meta, self.content, self.toc
        page._title_from_render, page.present_anchor_ids = self.title_from_render, self.anchors
        page.links_to_anchors = {by_uri[uri]: links for uri, links in self.links_to_anchors.items() if uri in by_uri}


@dataclass
class Previous:
    """What the last successful build saw and made."""

    sources: dict[str, tuple[int, int]]      # snapshot of docs/, the configuration and the overrides
    rendered: dict[str, Rendered]            # src_uri -> its rendering
    nav: list                                # what the navigation shows: (title, url) of every item, in order
    day: str                                 # the build's date, which sitemap.xml shows
    outputs: set[str]                        # every file written into the site, by absolute path


def nav_shown(nav) -> list:
    """Every title and address the navigation shows, in order: every page shows the navigation."""
    shown = []

    def walk(items, depth):
        for item in items:
            shown.append((depth, item.title, getattr(item, "url", None)))
            walk(getattr(item, "children", None) or [], depth + 1)
    walk(nav.items, 0)
    return shown


class Builder:
    """Builds the site into site_dir: everything the first time, then only what the sources changed."""

    def __init__(self, config_file: Path, site_dir: Path, search_now: bool = False):
        self.e = engine()
        self.config_file, self.site_dir = config_file.resolve(), site_dir
        self.serve_url: str | None = None   # where the server serves the site, once serve() knows it
        self.search_now = search_now   # run the post-build step (the search index) before returning
        self.previous: Previous | None = None
        self._env = None          # the theme's Jinja environment, kept while the theme does not change
        self._theme_files = None  # the theme's static files: (src_uri, theme folder), in the engine's order
        self.last: dict[str, int | bool] = {}   # what the last build did, for the log and the tests
        self._search = _Background()

    def config(self):
        config = self.e.config.load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def roots(self, config) -> list[Path]:
        """The files a build reads: docs/, the configuration, and the theme's overrides."""
        roots = [Path(config.docs_dir), self.config_file]
        custom = config.theme.custom_dir
        return roots + ([Path(custom)] if custom else [])

    def everything_changes(self, config, changed: set[str]) -> str | None:
        """Why every page must be built again (a source that every page shows changed), or None."""
        docs = Path(config.docs_dir)
        for path in sorted(changed):
            p = Path(path)
            if p == self.config_file:
                return "the configuration changed"
            if p == docs / NAV_FILE:
                return "the navigation changed"
            if docs / ASSETS in p.parents:
                return f"{p.relative_to(docs)} changed"
            if not p.is_relative_to(docs):
                return f"{p.name} (theme overrides) changed"
        return None

    def build(self) -> None:
        """One build; after an error (printed by the server, which keeps serving) the next build does everything."""
        previous, self.previous = self.previous, None
        config = self.config()
        try:
            self._build(config, previous)
        except Exception as exc:
            config.plugins.on_build_error(error=exc)
            raise

    def _build(self, config, previous: Previous | None) -> None:
        e, start = self.e, time.perf_counter()
        sources = snapshot(*self.roots(config), dirs=False)
        old = previous.sources if previous else {}
        changed = {p for p in sources.keys() | old.keys() if old.get(p) != sources.get(p)}
        why = "first build" if previous is None else self.everything_changes(config, changed)
        today = e.utils.get_build_date()
        if not why and today != previous.day:
            why = "the date changed (sitemap.xml and the pages' metadata show it)"
        docs = Path(config.docs_dir)
        docs_changed = {Path(p).relative_to(docs).as_posix() for p in changed if Path(p).is_relative_to(docs)}

        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        cleaned = bool(why)
        if cleaned:
            e.utils.clean_directory(config.site_dir)
            self._env = self._theme_files = None
        files = e.files.get_files(config)
        # The theme did not change (that would be a full build): keep its templates compiled, and its list of
        # files (the engine lists thousands of them to find a few hundred), which docs/ files still override.
        env = self._env = self._env or config.theme.get_env()
        if self._theme_files is None:
            files.add_files_from_theme(env, config)
            self._theme_files = [(f.src_uri, f.src_dir) for f in files if f.src_dir not in (config.docs_dir, None)]
        else:
            for uri, folder in self._theme_files:
                if files.get_file_from_path(uri) is None:
                    files.append(e.files.File(uri, folder, config.site_dir, config.use_directory_urls))
        files = config.plugins.on_files(files, config=config)
        e.files.set_exclusions(files, config)
        nav = e.nav.get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        inclusion = e.files.InclusionLevel.is_in_serve if self.serve_url else e.files.InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        came_or_went = {f.src_uri for f in doc_files} ^ (previous.rendered.keys() if previous else set())
        reuse = {} if why else self._reusable(previous, doc_files, docs_changed, came_or_went)
        by_uri = {f.src_uri: f for f in files}
        rendered, fresh = {}, set()
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                e.pages.Page(None, file, config)
            kept = reuse.get(file.src_uri)
            if kept is not None:
                kept.restore(file.page, by_uri)
            else:
                e.build._populate_page(file.page, config, files, False)
                fresh.add(file.src_uri)
            rendered[file.src_uri] = kept or Rendered.of(file.page)
        shown = nav_shown(nav)
        if not why and shown != previous.nav:
            why = "a title in the navigation changed"
        env = config.plugins.on_env(env, config=config, files=files)

        files.copy_static_files(dirty=not why, inclusion=inclusion)
        # The theme's own pages (404.html: the navigation; sitemap.xml: every page and the date) as they were.
        if why or came_or_went:
            for template in config.theme.static_templates:
                e.build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            e.build._build_extra_template(template, files, config, nav)
        built = 0
        for file in doc_files:
            if why or file.src_uri in fresh:
                e.build._build_page(file.page, config, doc_files, nav, env, False,
                                    excluded=file.inclusion.is_excluded())
                built += 1
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)

        outputs = {f.abs_dest_path for f in files if inclusion(f.inclusion)}
        outputs |= {os.path.join(config.site_dir, t) for t in config.theme.static_templates}
        deleted = 0 if cleaned else self._delete(previous.outputs - outputs, config.site_dir)
        self.previous = Previous(sources, rendered, shown, today, outputs)
        self.last = {"full": bool(why), "rendered": len(fresh), "built": built, "deleted": deleted,
                     "pages": len(doc_files)}
        took = time.perf_counter() - start
        log.info(f"{'Built every page' + f' ({why})' if why else 'Rebuilt'}: {built} of {len(doc_files)} pages "
                 f"written, {len(fresh)} read again, {deleted} removed, in {took:.2f} s")
        if self.search_now or previous is None:  # the first build serves a complete site, search included
            post_build(config)
        else:
            self._search.request(config)

    def _reusable(self, previous: Previous, doc_files, docs_changed: set[str],
                  came_or_went: set[str]) -> dict[str, Rendered]:
        """The renderings that this build may use again: the page's file did not change, and it names no page
        added or removed (a link to one renders differently)."""
        uris = {f.src_uri for f in doc_files}
        names = {uri.rpartition("/")[2] for uri in came_or_went}
        names |= {Path(uri).stem for uri in came_or_went if Path(uri).stem != "index"}
        reuse = {}
        for uri, kept in previous.rendered.items():
            if uri in docs_changed or uri not in uris:
                continue
            if names and any(name in kept.markdown for name in names):
                continue
            reuse[uri] = kept
        return reuse

    def _delete(self, gone: set[str], site_dir: str) -> int:
        """Remove what the build no longer makes, and the folders that leaves empty."""
        for path in gone:
            Path(path).unlink(missing_ok=True)
            parent = Path(path).parent
            while parent != Path(site_dir) and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        return len(gone)


def post_build(config) -> None:
    """The engine's post-build step (the search index), as on a clean site: Pagefind adds to an index it finds
    and never removes a page from it, so the index of the build before is removed first."""
    shutil.rmtree(Path(config.site_dir) / "pagefind", ignore_errors=True)
    config.plugins.on_post_build(config=config)


class _Background:
    """The post-build step (the search index), one run at a time, after the pages are served.

    A build during a run asks for another, which starts when that run ends: the last run starts after the
    last build, so the index ends up matching the pages (a run that read a page while it was written is
    followed by one that reads it whole).
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.pending = None
        self.running = False

    def request(self, config) -> None:
        with self.lock:
            self.pending = config
            if not self.running:
                self.running = True
                threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while True:
            with self.lock:
                config, self.pending = self.pending, None
                if config is None:
                    self.running = False
                    return
            start = time.perf_counter()
            try:
                post_build(config)
                log.info(f"Search index updated in {time.perf_counter() - start:.2f} s")
            except Exception as exc:  # the pages are served; say why search is out of date
                log.error(f"The search index could not be updated: {exc}")


def serve(config_file: Path, address: str, trigger: Path) -> int:
    """Serve with live reload: build everything, then build again each time `trigger` or a watched path changes."""
    e = engine()
    host, _, port = address.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="preview-"))
    builder = Builder(config_file, site_dir)
    config = builder.config()
    mount_path = urlsplit(config.site_url or "/").path
    builder.serve_url = config.site_url = e.livereload._serve_url(host, int(port), mount_path)
    server = e.livereload.LiveReloadServer(builder=builder.build, host=host, port=int(port), root=str(site_dir),
                                           mount_path=mount_path, polling_interval=0.1)

    def error_page(code):
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None
    server.error_handler = error_page
    try:
        config.plugins.on_startup(command="serve", dirty=False)
        builder.build()
        for path in [trigger, *hand_written(config, builder.config_file)]:
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def hand_written(config, config_file: Path) -> list[Path]:
    """What a maintainer may edit by hand that the preview shows: the configuration, the overrides, and every
    part of docs/ that the generator does not own (the generator's own files change only through the trigger)."""
    from .write import GENERATED_FILES, GENERATED_FOLDERS
    docs = Path(config.docs_dir)
    found = [config_file] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    if docs.is_dir():
        found += sorted(p for p in docs.iterdir() if p.name not in GENERATED_FOLDERS and p.name not in GENERATED_FILES)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="serve the site, rebuilding what changed (started by "
                                                 "build_site.py --serve)")
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    parser.add_argument("--trigger", type=Path, required=True, help="file touched after each generation")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s -  %(message)s")
    return serve(args.config_file, args.dev_addr, args.trigger)


if __name__ == "__main__":
    sys.exit(main())
