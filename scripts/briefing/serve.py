"""`make serve`: generate, build and serve the site with live reload, rebuilding only what an edit changed.

One process; on every change to the seeds folder, in two rounds:
- first what an editor is looking at: the Generator, kept warm, analyses only the changed articles and
  renders the pages open in a browser (OpenPages) and the pages that are new (a new analyst's profile), and
  writes those whose text changed into docs/; MkDocs builds them, and the open pages reload;
- then the rest: the Generator renders the other pages whose inputs changed and the data files
  (corpus.json, the feeds), writes what changed, and MkDocs builds those and writes the search index, and
  the sitemap if pages came or went. An edit saved meanwhile cuts the rest short, and the next edit's second round does it (EditLoop).
MkDocs builds each changed page as it builds a page, with the last full build's configuration, files,
navigation and theme (its own `dirty` build would read every file and make every page again). The search
index would hold the rebuilt pages alone, so each page's search entries are kept here and the index is
written whole, in the order a full build writes it; what a file that is gone had built is deleted. A change
to mkdocs.yml or to the theme overrides rebuilds everything.

`make site` uses none of this: it stays a full, strict build from scratch. tests/test_incremental.py checks
that a site rebuilt here after edits is byte-identical to a full build of the same seeds.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, _file_sort_key, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.yaml import yaml_load

from . import search
from .build import Generator, Outcome

class SiteBuilder:
    """Builds site_dir from docs/ with MkDocs: in full, then only the files written or removed since.

    A full build is MkDocs' own. After it, the configuration, the files, the navigation and the theme's
    templates are kept, and a rebuild builds each changed page as MkDocs builds a page (read, render, write,
    with the plugins' events), copies each changed file, adds the files that came and deletes what those that
    went had built, and writes the sitemap again if any came or went. MkDocs' own `dirty` build would read every
    file and make every page and the navigation again, a second a rebuild at 3,000 pages, growing with the
    corpus; no page here depends on another page's Markdown (the navigation lists only the index pages, under
    fixed titles), so nothing else needs building. The search index is the one thing a page's rebuild leaves
    wrong (it would hold the rebuilt pages alone): _SearchByPage keeps it whole."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str | None = None):
        self.config_file, self.site_dir, self.serve_url = config_file, site_dir, serve_url
        self._pages = _SearchByPage()
        self.rendered = 0  # pages MkDocs rendered in the last build
        self.kind = ""  # the last build: "full", or "pages" (the changed files alone)
        self._sitemap_stale = False

    def build(self, changed: list[str] | None = None, pages_first: bool = False) -> None:
        """changed: the files under docs/ written or removed since the last build (everything, when None).
        pages_first: leave the search index and the sitemap, which no page shows, to the next build (writing the
        whole index takes a second at 10,000 articles)."""
        if changed is not None and self._pages.last is not None:
            self._rebuild(changed, pages_first=pages_first, **self._pages.last)
            self.kind = "pages"
            return
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        if self.serve_url:
            config.site_url = self.serve_url
        config.plugins["briefing/search-by-page"] = self._pages
        self._pages.reset()
        self._sitemap_stale = False
        mkdocs_build(config, serve_url=self.serve_url)
        self.rendered, self.kind = self._pages.rendered, "full"

    def is_built(self, src: str) -> bool:
        """Whether a file under docs/ is in the site (else it is new)."""
        return src in self._pages.built

    def _rebuild(self, changed: list[str], pages_first: bool, config, files: Files, nav, env) -> None:
        docs, built = config.docs_dir, self._pages.built
        came = [src for src in changed if src not in built and os.path.isfile(os.path.join(docs, src))]
        went = [src for src in changed if src in built and not os.path.isfile(os.path.join(docs, src))]
        warnings = CountHandler()
        warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            if came or went:
                for src in went:
                    files.remove(files.get_file_from_path(src))
                    _remove(self.site_dir, self.site_dir / built.pop(src))
                for src in came:
                    files.append(File(src, docs, config.site_dir, config.use_directory_urls))
                set_exclusions(files, config)
                files = self._pages.files(Files(sorted(files, key=lambda f: _walk_order(f, docs))))
                for src in came:
                    file = files.get_file_from_path(src)
                    built[src] = file.dest_uri
                    if file.is_documentation_page():
                        Page(None, file, config)  # as a full build makes a page that is not in the nav
            plugin = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
            if plugin:  # none where an engine's search plugin makes no lunr index
                plugin.search_index = type(plugin.search_index)(**plugin.config)  # this build's entries only
            self._pages.start()
            now = [files.get_file_from_path(src) for src in changed if src not in went]
            pages = [file for file in now if file.is_documentation_page()]
            for file in now:
                if file.is_documentation_page():
                    _populate_page(file.page, config, files)
                else:
                    file.copy_file()
            self._sitemap_stale = self._sitemap_stale or bool(came or went)
            if self._sitemap_stale and not pages_first:
                _build_theme_template("sitemap.xml", env, files, config, nav)
                self._sitemap_stale = False
            doc_files = files.documentation_pages()
            for file in pages:
                _build_page(file.page, config, doc_files, nav, env)
            for file in pages:
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            if not pages_first:  # the search plugin writes the index (all pages' entries: _SearchByPage)
                config.plugins.on_post_build(config=config)
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        self.rendered = self._pages.rendered
        if config.strict and warnings.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{n} {level.lower()}s' for level, n in warnings.get_counts())}"
                        " in strict mode!")


def _walk_order(file: File, docs_dir: str) -> tuple:
    """Where a full build has a file: the files of docs/ as os.walk gives them to MkDocs (a folder's files,
    index first, then its subfolders, each sorted), then the theme's in the order they came."""
    if file.src_dir != docs_dir:
        return (1,)
    *folders, name = file.src_uri.split("/")
    return (0,) + tuple((1, folder) for folder in folders) + ((0, _file_sort_key(name)),)


class _SearchByPage(BasePlugin):
    """Keeps each page's search entries across builds, so that the index a partial build writes is whole; and
    what a rebuild needs of the full build.

    Material's search plugin indexes a page as it renders it and writes the index after the last page. Before
    it writes, its entries become every page's, in the order of the files, which is the order of a full build:
    the pages rendered now give theirs, the others keep theirs from before. (Material's own answer to MkDocs'
    dirty builds keeps the first rendered page's new entries only.)"""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self._entries: dict[str, list] = {}
        self._order: list[str] = []
        self._seen = 0
        self.built: dict[str, str] = {}  # a file under docs/ → what it built under site_dir
        self.rendered = 0
        self.last: dict | None = None  # the full build's config, files, nav and env, once it is complete

    def start(self) -> None:
        self._seen, self.rendered = 0, 0

    def files(self, files: Files) -> Files:
        """The files from now on (some came or went)."""
        self._order = [f.src_uri for f in files.documentation_pages()]
        self.last["files"] = files
        return files

    def on_files(self, files, *, config):
        self._order = [f.src_uri for f in files.documentation_pages()]
        self.built = {f.src_uri: f.dest_uri for f in files if f.src_dir == config.docs_dir}
        self.start()
        return files

    def on_nav(self, nav, *, config, files):
        self._nav = nav
        return nav

    def on_env(self, env, *, config, files):
        self._full = dict(config=config, files=files, nav=self._nav, env=env)
        return env

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, *, page, config, nav):
        index = _search_index(config)
        if index is None:
            self.rendered += 1
            return context
        entries = index.entries
        self._entries[page.file.src_uri] = entries[self._seen:]
        self._seen = len(entries)
        self.rendered += 1
        return context

    @event_priority(100)  # before the search plugin writes the index
    def on_post_build(self, *, config):
        index = _search_index(config)
        if index is not None:
            index.entries = [entry for src in self._order for entry in self._entries.get(src, ())]
        for src in set(self._entries) - set(self._order):
            del self._entries[src]
        if self.last is None:
            self.last = self._full


def _search_index(config):
    """Material's lunr index being built; None where the search plugin makes none (disabled)."""
    return next((plugin.search_index for plugin in config.plugins.values() if hasattr(plugin, "search_index")), None)


def _remove(root: Path, target: Path) -> None:
    """Delete a file and the folders it leaves empty, up to root."""
    target.unlink(missing_ok=True)
    for folder in target.parents:
        if folder == root or not folder.is_dir() or any(folder.iterdir()):
            break
        folder.rmdir()


class Indexer:
    """Pagefind's index of the served site (README: Reading, searching, hosting), made again after each build that
    writes the search index: in a thread, so that the next edit's first round does not wait for it (Pagefind
    runs in its own process). A build while it runs asks for one more run after it; never two at once."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self._wanted, self._running = False, False
        self._lock = threading.Condition()
        self.runs = 0

    def now(self) -> None:
        """Index before returning (the first build: the site is not served before its search works)."""
        self._index()

    def request(self) -> None:
        with self._lock:
            self._wanted = True
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._loop, daemon=True).start()

    def wait(self, timeout: float = 120) -> bool:
        """Wait until no run is going or asked for; whether that came in time."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._running, timeout)

    def _loop(self) -> None:
        while True:
            with self._lock:
                if not self._wanted:
                    self._running = False
                    self._lock.notify_all()
                    return
                self._wanted = False
            try:
                self._index()
            except search.SearchError as error:
                print(error, file=sys.stderr, flush=True)

    def _index(self) -> None:
        done = search.index(self.site_dir)
        self.runs += 1
        print(f"Pagefind: indexed {done.pages} pages in {done.seconds:.2f} s", flush=True)


class _Snapshot:
    """Whether any file under some paths changed since the last look (mkdocs.yml, the theme overrides)."""

    def __init__(self, *paths: Path):
        self.paths = paths
        self._last = self._take()

    def _take(self):
        found = []
        for path in self.paths:
            for file in ([path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []):
                if file.is_file():
                    stat = file.stat()
                    found.append((str(file), stat.st_mtime_ns, stat.st_size))
        return found

    def changed(self) -> bool:
        now = self._take()
        changed, self._last = now != self._last, now
        return changed


class OpenPages:
    """The pages open in a browser. Each open page's live-reload script asks the server, at least once a minute,
    whether the site changed, with the page's address as its Referer (MkDocs 1.6); a page asked for in the last
    two minutes is open."""

    def __init__(self, mount_path: str = "/", seconds: float = 120):
        self.mount_path, self.seconds = mount_path, seconds
        self._seen: dict[str, float] = {}  # a page's source under docs/ → when it last asked
        self._lock = threading.Condition()

    def app(self, serve_request):
        """The server's WSGI app, noting the page behind each live-reload request."""
        def noting(environ, start_response):
            if environ.get("PATH_INFO", "").startswith("/livereload/") and environ.get("HTTP_REFERER"):
                self.asked(environ["HTTP_REFERER"])
            return serve_request(environ, start_response)
        return noting

    def asked(self, url: str) -> None:
        path = urlsplit(url).path
        if not path.startswith(self.mount_path):
            return
        path = path[len(self.mount_path):]
        if path == "" or path.endswith("/"):
            src = path + "index.md"
        elif path.endswith(".html"):
            src = path[:-5] + ".md"
        else:
            return
        with self._lock:
            self._seen[src] = time.monotonic()
            self._lock.notify_all()

    def sources(self) -> set[str]:
        since = time.monotonic() - self.seconds
        with self._lock:
            return {src for src, when in self._seen.items() if when >= since}

    def wait_reloaded(self, since: float, timeout: float = 1.0) -> bool:
        """Wait until an open page has asked again after `since` (time.monotonic()): it reloaded, as its script
        runs once the page has loaded. At most timeout seconds (a page left since does not ask again); whether
        one did, or none was open."""
        with self._lock:
            if not any(when >= since - self.seconds for when in self._seen.values()):
                return True
            return self._lock.wait_for(lambda: any(when > since for when in self._seen.values()), timeout)


class EditLoop:
    """An edit's two rounds: the pages open in a browser and the new pages first (generated, written, built),
    then the rest. A newer edit cuts the rest short: what it left unbuilt is carried to the next edit, whose
    first round builds of it only what is open or new."""

    def __init__(self, generator: Generator, site: SiteBuilder, open_pages: Callable[[], set[str]]):
        self.generator, self.site, self.open_pages = generator, site, open_pages
        self._carried: list[str] = []  # files written under docs/ and not built yet

    def first(self, full: bool = False) -> Outcome:
        """Round one; full: MkDocs builds everything (its configuration or theme changed)."""
        opened = self.open_pages()
        outcome = self.generator.run(defer_data=True, first=opened)
        if outcome.problems:
            return outcome
        now = outcome.written + outcome.removed
        carried, self._carried = self._carried, []
        if full:
            self.site.build(None, pages_first=True)
            return outcome
        urgent = set(now) | {src for src in carried if src in opened or not self.site.is_built(src)}
        self._carried = [src for src in carried if src not in urgent]
        self.site.build([src for src in dict.fromkeys(now + carried) if src in urgent], pages_first=True)
        return outcome

    @property
    def unbuilt(self) -> list[str]:
        """The files written and not built yet, carried to the next edit."""
        return list(self._carried)

    def rest(self, newer: Callable[[], bool]) -> Outcome | None:
        """Round two: the other pages and the data files; None when a newer edit came first (newer())."""
        if newer():
            return None
        data = self.generator.finish()
        later = list(dict.fromkeys(self._carried + data.written + data.removed))
        if newer():
            self._carried = later
            return None
        self._carried = []
        self.site.build(later)
        return data


def serve(seed_dir: Path, config_file: Path, dev_addr: str | None = None, search_setting: str = "lunr") -> int:
    # MkDocs asks the environment for SOURCE_DATE_EPOCH for every page of every build, and a missing variable
    # costs a raised KeyError each time (a few tenths of a second a rebuild at 3,000 pages): the server's start
    # is the build date, as it would be without it.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
    # MkDocs checks that docs/ exists when it reads its config, so the config is read as YAML first, and docs/
    # generated; links that need the site's address (the feeds') get the address it is served at.
    with open(config_file, "rb") as file:
        raw = yaml_load(file) or {}
    docs_dir = config_file.parent / raw.get("docs_dir", "docs")
    host, port = (dev_addr or raw.get("dev_addr") or "127.0.0.1:8000").rsplit(":", 1)
    serve_url = _serve_url(host, int(port), urlsplit(raw.get("site_url") or "/").path)
    try:
        engine = search.choose(search_setting, search.count_articles(seed_dir))
    except search.SearchError as error:
        print(error, file=sys.stderr)
        return 1
    os.environ.update(search.environment(engine))  # read by mkdocs.yml at each load_config
    generator = Generator(seed_dir, docs_dir, site_url=serve_url)
    outcome = generator.run()
    if outcome.problems:
        print("\n".join(outcome.problems), file=sys.stderr)
        return 1
    config = load_config(str(config_file))
    watched = [config_file] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    site_dir = Path(tempfile.mkdtemp(prefix="briefing-serve-"))
    site = SiteBuilder(config_file, site_dir, serve_url)
    indexer = Indexer(site_dir) if engine == "pagefind" else None
    theme = _Snapshot(*watched)
    first_outcome = [outcome]

    def rebuild(first: bool = False) -> None:
        started = time.perf_counter()
        if first:
            outcome = first_outcome.pop()
            site.build()
        else:
            outcome = edits.first(full=theme.changed())
        for problem in outcome.problems:
            print(problem, file=sys.stderr)
        if outcome.problems:
            print(f"Build failed: {len(outcome.problems)} problem(s); {docs_dir} and the site left as they were.",
                  file=sys.stderr, flush=True)
            return
        print(f"{outcome.summary}; MkDocs rendered {site.rendered} pages ({site.kind}), "
              f"{time.perf_counter() - started:.2f} s in all", flush=True)
        if first and indexer:
            indexer.now()
        if site.kind == "full":
            # Millions of objects now live as long as the server: the collector need not scan them again.
            gc.collect()
            gc.freeze()
        if first:
            return
        reloaded = time.monotonic()
        _reload_now(server)
        # The rest waits until the open page has loaded again, so that it does not slow it down (the server and
        # the build share one interpreter).
        open_pages.wait_reloaded(reloaded)
        data = edits.rest(newer=lambda: server._want_rebuild)
        if indexer and (data is not None or site.kind == "full"):
            indexer.request()  # the pages and the lunr index are all written now
        if data is not None:
            print(f"{data.summary}, built in {time.perf_counter() - started:.2f} s from the start", flush=True)

    # The seeds folder is polled (MkDocs' watcher), every file of it each time: often for a few thousand files,
    # less often beyond, where a look at every file takes tens of milliseconds.
    polling = 0.1 if sum(1 for _ in seed_dir.iterdir()) <= 2000 else 0.5
    server = LiveReloadServer(builder=rebuild, host=host, port=int(port), root=str(site_dir), polling_interval=polling)
    open_pages = OpenPages(urlsplit(serve_url).path)
    server.set_app(open_pages.app(server.serve_request))
    edits = EditLoop(generator, site, open_pages.sources)
    server.error_handler = lambda code: (site_dir / "404.html").read_bytes() \
        if code == 404 and (site_dir / "404.html").is_file() else None
    try:
        rebuild(first=True)
        if not (site_dir / "index.html").is_file():
            return 1
        for path in [seed_dir] + watched:
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _reload_now(server: LiveReloadServer) -> None:
    """Reload the open pages now, before the builder returns: what LiveReloadServer does when it returns (MkDocs
    1.6, its last release). Requests are served again from here on; the files still to come are not pages."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate, build and serve the site, rebuilding what each edit changes.")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles and themes.yml")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration")
    parser.add_argument("--dev-addr", help="host:port to serve at (default: mkdocs.yml's, 127.0.0.1:8000)")
    parser.add_argument("--search", default="lunr", choices=search.SETTINGS,
                        help="the site's search: Material's lunr, Pagefind, or auto by the corpus' size")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    return serve(args.seeds, args.config, args.dev_addr, args.search)
