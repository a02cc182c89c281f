"""The site's search: Material's built-in lunr index, or Pagefind's for a large site (README: Reading, searching,
hosting).

lunr is fetched whole and built in the browser before the first results: about 1 s at 2.8 MB of index, some
400 articles of real length (6.8 KB each), and 0.3–0.45 s more per MB beyond. Pagefind splits its index into
fragments that a query fetches on demand, so its first results take about the same time at any size. `auto`
keeps lunr below PAGEFIND_FROM articles, where it is fast and needs no step after the build, and uses
Pagefind from there on.

With Pagefind, the pages are built with `extra.briefing_search: pagefind` (mkdocs.yml, from BRIEFING_SEARCH):
their content is marked for Pagefind and the site's search worker (overrides/assets/javascripts/workers/
briefing-search.js) answers from Pagefind. `index()` runs Pagefind over the built site and replaces the lunr index, which Material's
script still fetches, by its configuration alone, no documents (a few hundred bytes). Material's search plugin
still makes the lunr index in the build: disabled, it would take the search box away too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .reader import PAGE_SUFFIXES, TEXT_SUFFIXES

ENGINES = ("lunr", "pagefind")
SETTINGS = ENGINES + ("auto",)
# From this many articles `auto` uses Pagefind (bench/results-search.md: lunr's first results pass 1 s at about
# 400 articles of real length).
PAGEFIND_FROM = 400
ENV = "BRIEFING_SEARCH"  # read by mkdocs.yml (extra.briefing_search)
# What Material's script needs of the lunr index when Pagefind answers: the language (for the worker) and the
# separator (for highlighting the words on the page a result opens), as Material's search plugin writes them.
LUNR_CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
               "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}
BUNDLE = "pagefind"  # Pagefind's files, under the site
LUNR_INDEX = Path("search") / "search_index.json"
# What lunr leaves out, Pagefind leaves out too: the parts the generator marks data-search-exclude (the
# paragraphs and quotes a theme or profile repeats from the articles, link lines, rules and terms), and the
# heading permalinks' "¶".
EXCLUDE_SELECTORS = ("[data-search-exclude]", ".headerlink")


class SearchError(Exception):
    """Raised by choose() for an unknown setting, and by index() when Pagefind fails; the message says why."""


@dataclass(frozen=True)
class Indexed:
    pages: int
    seconds: float
    bundle_bytes: int


def count_articles(seeds: Path) -> int:
    """The articles a seeds folder holds: its text seeds and saved pages (sidecars and YAML files are not)."""
    suffixes = TEXT_SUFFIXES + PAGE_SUFFIXES
    return sum(1 for path in seeds.iterdir() if path.suffix.lower() in suffixes and path.is_file())


def choose(setting: str, articles: int) -> str:
    """The engine for a setting (lunr, pagefind or auto) and a corpus of that many articles."""
    if setting not in SETTINGS:
        raise SearchError(f"SEARCH={setting}: choose {', '.join(SETTINGS)}")
    if setting == "auto":
        return "pagefind" if articles >= PAGEFIND_FROM else "lunr"
    return setting


def environment(engine: str) -> dict[str, str]:
    """The variables a build with this engine runs with (mkdocs.yml reads them)."""
    return {ENV: engine}


def index(site: Path) -> Indexed:
    """Index a site built with `extra.briefing_search: pagefind`: Pagefind's bundle in site/pagefind/, written
    beside it first and swapped in (a server may be serving the old one), and the lunr index emptied."""
    started = time.perf_counter()
    fresh, old = site / f".{BUNDLE}.new", site / f".{BUNDLE}.old"
    for folder in (fresh, old):
        shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(fresh), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchError(f"pagefind failed on {site}:\n{result.stdout}{result.stderr}")
    bundle = site / BUNDLE
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
    _write_empty_lunr_index(site)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(language["page_count"] for language in entry["languages"].values())
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
    return Indexed(pages=pages, seconds=time.perf_counter() - started, bundle_bytes=size)


def _write_empty_lunr_index(site: Path) -> None:
    """Material's script fetches search/search_index.json (MkDocs, ProperDocs); with Pagefind it needs only the
    configuration from it. Zensical's search is its own (search.json): nothing to write there."""
    if not (site / "search.json").is_file():
        (site / LUNR_INDEX).parent.mkdir(exist_ok=True)
        (site / LUNR_INDEX).write_text(json.dumps({"config": LUNR_CONFIG, "docs": []}, separators=(",", ":")),
                                       encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="The site's search engine: choose it, or index a built site.")
    commands = parser.add_subparsers(dest="command", required=True)
    which = commands.add_parser("choose", help="print the engine (lunr or pagefind) for a setting and a corpus")
    which.add_argument("setting", help=", ".join(SETTINGS))
    which.add_argument("--seeds", type=Path, default=Path("seeds"))
    which.add_argument("--env", action="store_true", help="print the variables the build runs with instead")
    build = commands.add_parser("index", help="index a built site with Pagefind (nothing to do for lunr)")
    build.add_argument("site", type=Path)
    build.add_argument("--engine", choices=ENGINES, default="pagefind")
    args = parser.parse_args(argv)
    try:
        if args.command == "choose":
            engine = choose(args.setting, count_articles(args.seeds))
            print(" ".join(f"{k}={v}" for k, v in environment(engine).items()) if args.env else engine)
        elif args.engine == "pagefind":
            done = index(args.site)
            print(f"Pagefind: indexed {done.pages} pages in {done.seconds:.2f} s "
                  f"({done.bundle_bytes / 2**20:.1f} MB in {args.site / BUNDLE})")
    except SearchError as error:
        print(error, file=sys.stderr)
        return 1
    return 0
