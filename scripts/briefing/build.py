"""The build, in order: read every seed and the config, analyse each article, assemble the site, render, write.

All data is gathered and checked before anything is written, so a failed build leaves docs/ as it was.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import sys
import time
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Collection

from . import slugs
from .attribution import names
from .analyse import analyse, analyse_text
from .assemble import Assembly, reassemble
from .config import load_config
from .feeds import feeds
from .model import Article, Config, Site, Source, TextAnalysis
from .parallel import fork_map
from .reader import read_seeds
from .render import PageMemo, corpus_json, render
from .themes import ThemeMatcher
from .writer import WriteError, write_tree


# Where the site is served, as in mkdocs.yml (site_url: !ENV [SITE_URL, …]); the feeds' links start with it.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def build(seed_dir: Path, out_dir: Path, directory_urls: bool = True,
          site_url: str = DEFAULT_SITE_URL) -> tuple[list[str], str]:
    """(problems, summary line). With any problem, nothing is written. Warnings go to stderr."""
    outcome = Generator(seed_dir, out_dir, directory_urls, site_url, warm=False).run()
    return outcome.problems, outcome.summary


@dataclass(frozen=True)
class Outcome:
    problems: list[str]
    summary: str
    written: list[str]  # paths under out_dir
    removed: list[str]


class Generator:
    """The build, run once (`build`) or kept warm between runs (`--watch`, `make serve`).

    Warm, it keeps what each run found: every seed's parse by its bytes, every article's text analysis by its
    source, every article by its source and the part of the config it depends on (theme terms, overrides),
    the assembled site with what each article gave it (assemble.Assembly), every page with what it read
    (render.PageMemo), and what it wrote. A run then analyses only the changed articles, assembles again only
    the pages they are on, renders only the pages whose inputs changed and writes only the files whose text
    changed, and it writes exactly what a cold build of the same seeds writes (tests/test_incremental.py
    checks this).
    """

    def __init__(self, seed_dir: Path, out_dir: Path, directory_urls: bool = True,
                 site_url: str = DEFAULT_SITE_URL, warm: bool = True):
        self.seed_dir, self.out_dir, self.directory_urls, self.warm = seed_dir, out_dir, directory_urls, warm
        self.site_url = site_url
        self._seeds: dict | None = {} if warm else None
        self._config: dict | None = {} if warm else None
        self._texts: dict[bytes, TextAnalysis] = {}
        self._articles: dict[tuple[bytes, bytes], Article] = {}
        self._keys: dict[int, tuple[Source, bytes]] = {}  # id of a source → (the source, its digest)
        self._assembly: Assembly | None = None  # the last run's site, with what each article gave it
        self._memo = PageMemo() if warm else None
        self._written: dict[str, str] | None = None
        self._data: set[str] = set()  # the paths of the data files written last
        self._gone: set[str] = set()  # pages a run(first=…) no longer makes, kept until finish() removes them
        self._site = None  # the site of a run whose data files are still to write
        self.rendered = 0  # pages rendered in the last run (the others were kept from the run before)
        self.site: Site | None = None  # the site the last run assembled

    def run(self, defer_data: bool = False, first: Collection[str] | None = None) -> Outcome:
        """defer_data: write the pages only, and leave the data files (corpus.json, the feeds) as they were until
        finish() writes them, so that what an editor sees comes first (serve.py).
        first: with defer_data, of the pages that exist already only these (the pages open in a browser) are
        rendered now; finish() renders the others whose inputs changed."""
        # The build makes millions of small objects and frees them by reference counting; the cycle collector
        # would only scan the growing model again and again (a quarter of the time at 1,000 articles).
        gc.disable()
        try:
            deferred = defer_data and self._written is not None
            return self._run(deferred, first if deferred else None)
        finally:
            gc.enable()

    def finish(self) -> Outcome:
        """The rest of the last run(defer_data=True): the pages it left (first=…) and the data files, corpus.json
        and the feeds, written now."""
        site, self._site = self._site, None
        if site is None:
            return Outcome([], "", [], [])
        gc.disable()
        try:
            data = [(slugs.CORPUS_JSON, corpus_json(site, self._memo.encoded))] + \
                feeds(site, self.site_url, self.directory_urls)
            files = {path: text for path, text in self._written.items()
                     if path not in self._data and path not in self._gone}
            files.update(self._memo.finish())
            files.update(data)
            written, removed = write_tree(self.out_dir, files, self._written)
        finally:
            gc.enable()
        self._written, self._data, self._gone = files, {path for path, _ in data}, set()
        return Outcome([], f"Then: {len(written)} files written, {len(removed)} removed", written, removed)

    def _run(self, defer_data: bool, first: Collection[str] | None) -> Outcome:
        started = time.perf_counter()
        seed_dir = self.seed_dir
        # Phase 1: gather and check everything.
        sources, problems = read_seeds(seed_dir, self._seeds)
        for source in sources:
            if source.encoding != "utf-8":
                print(f"{seed_dir.name}/{source.name}: warning: not UTF-8, read as Windows-1252 ({source.encoding}); "
                      "re-save as UTF-8 to silence this", file=sys.stderr)
        config, config_problems = load_config(seed_dir, self._config)
        problems += config_problems
        if not sources and not problems:
            problems.append(f"{seed_dir.name}/: no articles (*.txt or *.html files) to build")
        if problems:
            return Outcome(problems, "", [], [])
        articles = self._analyse(sources, config)
        for article in articles:
            for problem in article.problems:
                print(f"{seed_dir.name}/{article.source_name}: warning: {problem}", file=sys.stderr)
        assembly = reassemble(self._assembly, articles, config)
        if self.warm:
            self._assembly = assembly
        site = self.site = assembly.site
        files = render(site, self.directory_urls, memo=self._memo, data=not defer_data, first=first)
        self.rendered = self._memo.rendered if self._memo else len(files)
        if defer_data:  # the data files as they were, until finish()
            self._site = site
            made = {path for path, _ in files}
            files += [(path, text) for path, text in self._written.items() if path in self._data]
            # With the open pages first, the pages gone stay until finish(), with the pages that link to them.
            self._gone = {path for path in self._written if path not in made and path not in self._data} \
                if first is not None else set()
            files += [(path, self._written[path]) for path in sorted(self._gone)]
        else:
            data = feeds(site, self.site_url, self.directory_urls)
            self._data = {slugs.CORPUS_JSON} | {path for path, _ in data}
            files += data
        # Phase 2: write.
        try:
            written, removed = write_tree(self.out_dir, files, self._written)
        except WriteError as error:
            return Outcome([str(error)], "", [], [])
        if self.warm:
            self._written = dict(files)
        seconds = time.perf_counter() - started
        summary = (f"Done: {len(site.articles)} articles, {len(site.themes)} themes, {len(site.analysts)} analysts, "
                   f"{len(site.quotes)} quotes; {len(written)} files written, {len(removed)} removed in "
                   f"{self.out_dir} in {seconds:.2f} s")
        return Outcome([], summary, written, removed)

    def _analyse(self, sources: list[Source], config: Config) -> list[Article]:
        """Every article; warm, only those whose source or config changed are analysed, in parallel if many."""
        # What of the config an article depends on: how each theme matches (all but its title and description),
        # the catch-all, the quote overrides. A theme reworded or retitled leaves every article as it was.
        config_key = _digest((tuple(replace(t, title="", description="") for t in config.themes), config.catch_all,
                              config.quote_overrides))
        # read_seeds gives the same Source for the same bytes: each is hashed once, not at every run.
        keys = [self._keys[id(source)][1] if id(source) in self._keys and self._keys[id(source)][0] is source
                else _digest(source) for source in sources]
        self._keys = {id(source): (source, key) for source, key in zip(sources, keys)} if self.warm else {}
        todo = [(source, self._texts.get(key)) for source, key in zip(sources, keys)
                if (key, config_key) not in self._articles]
        if todo:
            names.preload()
        done = iter(fork_map(partial(_analysed, config=config, matcher=ThemeMatcher(config.themes)), todo))
        texts, articles = {}, {}
        for key in keys:
            if (key, config_key) not in self._articles:
                texts[key], articles[(key, config_key)] = next(done)
            else:
                texts[key], articles[(key, config_key)] = self._texts[key], self._articles[(key, config_key)]
        if self.warm:  # only what this run used, so that the caches do not grow with every edit
            self._texts, self._articles = texts, articles
        return [articles[(key, config_key)] for key in keys]


def _analysed(item: tuple[Source, TextAnalysis | None], config: Config, matcher: ThemeMatcher
              ) -> tuple[TextAnalysis, Article]:
    source, found = item
    found = found or analyse_text(source)
    return found, analyse(source, config, matcher, found)


def _digest(value) -> bytes:
    """A key for a source or a part of the config: its repr (dataclasses and tuples print every field)."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).digest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the briefing site's Markdown from seeds/.")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles and themes.yml")
    parser.add_argument("--out", type=Path, default=Path("docs"), help="folder to write the Markdown into")
    parser.add_argument("--watch", action="store_true", help="rebuild whenever a file in the seeds folder changes")
    parser.add_argument("--file-urls", action="store_true",
                        help="link pages as .html files, for a site built with use_directory_urls: false (offline)")
    args = parser.parse_args(argv)
    site_url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    if args.watch:
        return _watch(args.seeds, args.out, site_url)
    return _report(*build(args.seeds, args.out, not args.file_urls, site_url), args.out)


def _report(problems: list[str], summary: str, out_dir: Path) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"Build failed: {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
              f"{out_dir} left unchanged.", file=sys.stderr)
        return 1
    print(summary, flush=True)
    return 0


def _watch(seed_dir: Path, out_dir: Path, site_url: str = DEFAULT_SITE_URL, interval: float = 0.2) -> int:
    """Poll the seeds folder and rebuild, warm, on any change to any file in it (text seeds, saved pages and
    their sidecars, themes.yml); polling needs no extra dependency and works everywhere."""
    def snapshot():
        return sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in seed_dir.glob("*") if p.is_file())

    generator = Generator(seed_dir, out_dir, site_url=site_url)
    seen = None
    try:
        while True:
            current = snapshot()
            if current != seen:
                seen = current
                outcome = generator.run()
                _report(outcome.problems, outcome.summary, out_dir)
            time.sleep(interval)
    except KeyboardInterrupt:
        return 0
