"""`make serve`: generate, build and serve the site with live reload, rebuilding only what an edit changed.

One process; on every change to the seeds folder:
- the Generator, kept warm, analyses only the changed articles, renders only the pages whose inputs changed
  and writes only the files whose text changed into docs/;
- MkDocs rebuilds only those files: its own `dirty` build, which renders a page only when its HTML is older
  than its Markdown (the HTML of each file written is deleted first, so that it is always rebuilt). That build
  would write a search index of the pages it rendered alone, so each page's search entries are kept here and
  the index is written whole, in the order a full build writes it; what a file that is gone had built is
  deleted. A change to mkdocs.yml or to the theme overrides rebuilds everything;
- MkDocs' livereload server then reloads the open pages.

`make site` uses none of this: it stays a full, strict build from scratch. tests/test_incremental.py checks
that a site rebuilt here after edits is byte-identical to a full build of the same seeds.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils.yaml import yaml_load

from .build import Generator

# What MkDocs' dirty build warns of: navigation and links built from pages it did not render again. Here
# no page's HTML depends on another page's Markdown (the nav lists only index pages, under fixed titles), and
# in strict mode the warning alone would fail every rebuild.
_DIRTY_WARNING = "A 'dirty' build is being performed"


class SiteBuilder:
    """Builds site_dir from docs/ with MkDocs: in full, or only the files written since the last build."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str | None = None):
        self.config_file, self.site_dir, self.serve_url = config_file, site_dir, serve_url
        self._pages = _SearchByPage()
        self._built: dict[str, str] = {}  # a file under docs/ → what it built under site_dir
        self._env = None  # the theme's templates, compiled
        self.rendered = 0  # pages MkDocs rendered in the last build

    def build(self, changed: list[str] | None = None) -> None:
        """changed: the files under docs/ written or removed since the last build (all, when None)."""
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        if self.serve_url:
            config.site_url = self.serve_url
        config.plugins["briefing/search-by-page"] = self._pages
        if changed is None:
            self._pages.reset()
            self._env = None
        else:
            # Without a page added or removed, the sitemap and the 404 page (which shows the nav alone) stay
            # as they are.
            docs = Path(config.docs_dir)
            if all(src in self._built and (docs / src).is_file() for src in changed):
                config.theme.static_templates = set()
        # The theme's templates are compiled once, not per rebuild (a change to them rebuilds in full).
        self._keep_env(config.theme)
        for src in changed or ():
            if src in self._built:
                (self.site_dir / self._built[src]).unlink(missing_ok=True)
        build_log = logging.getLogger("mkdocs.commands.build")
        quiet = _Without(_DIRTY_WARNING)
        build_log.addFilter(quiet)
        try:
            mkdocs_build(config, serve_url=self.serve_url, dirty=changed is not None)
        finally:
            build_log.removeFilter(quiet)
        self.rendered = self._pages.rendered
        for src in sorted(set(self._built) - set(self._pages.built)):
            _remove(self.site_dir, self.site_dir / self._built[src])
        self._built = dict(self._pages.built)

    def _keep_env(self, theme) -> None:
        make = theme.get_env

        def get_env():
            if self._env is None:
                self._env = make()
            return self._env

        theme.get_env = get_env


class _SearchByPage(BasePlugin):
    """Keeps each page's search entries across builds, so that the index a dirty build writes is whole.

    Material's search plugin indexes a page as it renders it and writes the index after the last page. Before
    it writes, its entries become every page's, in the order of the files, which is the order of a full build:
    the pages rendered now give theirs, the others keep theirs from before. (Material's own answer to dirty
    builds keeps the first rendered page's new entries only.)"""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self._entries: dict[str, list] = {}
        self._order: list[str] = []
        self._seen = 0
        self.built: dict[str, str] = {}
        self.rendered = 0

    def on_files(self, files, *, config):
        docs = Path(config.docs_dir)
        self._order = [f.src_uri for f in files.documentation_pages()]
        self.built = {f.src_uri: f.dest_uri for f in files if f.src_dir and Path(f.src_dir) == docs}
        self._seen, self.rendered = 0, 0
        return files

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, *, page, config, nav):
        entries = _search_index(config).entries
        self._entries[page.file.src_uri] = entries[self._seen:]
        self._seen = len(entries)
        self.rendered += 1
        return context

    @event_priority(100)  # before the search plugin writes the index
    def on_post_build(self, *, config):
        _search_index(config).entries = [entry for src in self._order for entry in self._entries.get(src, ())]
        for src in set(self._entries) - set(self._order):
            del self._entries[src]


def _search_index(config):
    return next(plugin.search_index for plugin in config.plugins.values() if hasattr(plugin, "search_index"))


class _Without(logging.Filter):
    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.prefix)


def _remove(root: Path, target: Path) -> None:
    """Delete a file and the folders it leaves empty, up to root."""
    target.unlink(missing_ok=True)
    for folder in target.parents:
        if folder == root or not folder.is_dir() or any(folder.iterdir()):
            break
        folder.rmdir()


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


def serve(seed_dir: Path, config_file: Path, dev_addr: str | None = None) -> int:
    # MkDocs checks that docs/ exists when it reads its config, so the config is read as YAML first, and docs/
    # generated; links that need the site's address (the feeds') get the address it is served at.
    with open(config_file, "rb") as file:
        raw = yaml_load(file) or {}
    docs_dir = config_file.parent / raw.get("docs_dir", "docs")
    host, port = (dev_addr or raw.get("dev_addr") or "127.0.0.1:8000").rsplit(":", 1)
    serve_url = _serve_url(host, int(port), urlsplit(raw.get("site_url") or "/").path)
    generator = Generator(seed_dir, docs_dir, site_url=serve_url)
    outcome = generator.run()
    if outcome.problems:
        print("\n".join(outcome.problems), file=sys.stderr)
        return 1
    config = load_config(str(config_file))
    watched = [config_file] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    site_dir = Path(tempfile.mkdtemp(prefix="briefing-serve-"))
    site = SiteBuilder(config_file, site_dir, serve_url)
    theme = _Snapshot(*watched)
    first_outcome = [outcome]

    def rebuild(first: bool = False) -> None:
        started = time.perf_counter()
        outcome = first_outcome.pop() if first else generator.run()
        for problem in outcome.problems:
            print(problem, file=sys.stderr)
        if outcome.problems:
            print(f"Build failed: {len(outcome.problems)} problem(s); {docs_dir} and the site left as they were.",
                  file=sys.stderr, flush=True)
            return
        generated = time.perf_counter()
        site.build(None if first or theme.changed() else outcome.written + outcome.removed)
        print(f"{outcome.summary}; MkDocs rendered {site.rendered} pages in {time.perf_counter() - generated:.2f} s "
              f"({time.perf_counter() - started:.2f} s in all)", flush=True)

    server = LiveReloadServer(builder=rebuild, host=host, port=int(port), root=str(site_dir), polling_interval=0.1)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate, build and serve the site, rebuilding what each edit changes.")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles and themes.yml")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration")
    parser.add_argument("--dev-addr", help="host:port to serve at (default: mkdocs.yml's, 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    return serve(args.seeds, args.config, args.dev_addr)
