"""The build, in order: read every seed and the config, analyse each article, assemble the site, render, write.

All data is gathered and checked before anything is written, so a failed build leaves docs/ as it was.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from functools import partial
from pathlib import Path

from . import names
from .analyse import analyse
from .assemble import assemble
from .config import load_config
from .feeds import feeds
from .parallel import fork_map
from .reader import read_seeds
from .render import render
from .themes import ThemeMatcher
from .writer import WriteError, write_tree


# Where the site is served, as in mkdocs.yml (site_url: !ENV [SITE_URL, …]); the feeds' links start with it.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def build(seed_dir: Path, out_dir: Path, directory_urls: bool = True,
          site_url: str = DEFAULT_SITE_URL) -> tuple[list[str], str]:
    """(problems, summary line). With any problem, nothing is written. Warnings go to stderr."""
    # The build makes millions of small objects and frees them by reference counting; the cycle collector
    # would only scan the growing model again and again (a quarter of the time at 1,000 articles).
    gc.disable()
    try:
        return _build(seed_dir, out_dir, directory_urls, site_url)
    finally:
        gc.enable()


def _build(seed_dir: Path, out_dir: Path, directory_urls: bool, site_url: str) -> tuple[list[str], str]:
    started = time.perf_counter()
    # Phase 1: gather and check everything.
    sources, problems = read_seeds(seed_dir)
    for source in sources:
        if source.encoding != "utf-8":
            print(f"{seed_dir.name}/{source.name}: warning: not UTF-8, read as Windows-1252 ({source.encoding}); "
                  "re-save as UTF-8 to silence this", file=sys.stderr)
    config, config_problems = load_config(seed_dir)
    problems += config_problems
    if not sources and not problems:
        problems.append(f"{seed_dir.name}/: no articles (*.txt or *.html files) to build")
    if problems:
        return problems, ""
    matcher = ThemeMatcher(config.themes)
    names.preload()
    articles = fork_map(partial(analyse, config=config, matcher=matcher), sources)
    for article in articles:
        for problem in article.problems:
            print(f"{seed_dir.name}/{article.source_name}: warning: {problem}",
                  file=sys.stderr)
    site = assemble(articles, config)
    files = render(site, directory_urls) + feeds(site, site_url, directory_urls)
    # Phase 2: write.
    try:
        written, removed = write_tree(out_dir, files)
    except WriteError as error:
        return [str(error)], ""
    seconds = time.perf_counter() - started
    summary = (f"Done: {len(site.articles)} articles, {len(site.themes)} themes, {len(site.analysts)} analysts, "
               f"{len(site.quotes)} quotes; {written} files written, {removed} removed in {out_dir} "
               f"in {seconds:.2f} s")
    return [], summary


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


def _watch(seed_dir: Path, out_dir: Path, site_url: str = DEFAULT_SITE_URL, interval: float = 0.5) -> int:
    """Poll the seeds folder and rebuild on any change to any file in it (text seeds, saved pages and their
    sidecars, themes.yml); polling needs no extra dependency and works everywhere."""
    def snapshot():
        return sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in seed_dir.glob("*") if p.is_file())

    seen = None
    try:
        while True:
            current = snapshot()
            if current != seen:
                seen = current
                _report(*build(seed_dir, out_dir, site_url=site_url), out_dir)
            time.sleep(interval)
    except KeyboardInterrupt:
        return 0
