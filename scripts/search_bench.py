"""The search at corpus scale, lunr against Pagefind: `python scripts/search_bench.py --real 1000 4000`.

For each size, a corpus of articles of the seed's length (bench.py's variants of the seed) is generated once and
built twice with `mkdocs build --strict`: with Material's built-in search (lunr), and with Pagefind (the same
build with `extra.briefing_search: pagefind`, then indexed). Each site is served on loopback and opened in a
fresh Chromium page; an analyst's full name is typed into the header box at once, as a reader would, and the
time from opening the page to the first results (that analyst's page first) is taken, with the bytes the page
fetched for its search (the lunr index or Pagefind's bundle, and the worker). And the cold build: generator and
MkDocs, and Pagefind's indexing on top. Writes bench/results-search.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench import _run, write_seed_variants
from briefing import search as engines

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' static server and browser
from browser import chromium, serve  # noqa: E402
from site_build import engine_build  # noqa: E402

SEARCH_FILES = ("/search/search_index.json", "/pagefind/", "/assets/javascripts/workers/")


def first_results(site: Path, name: str, runs: int, later: str) -> list[dict]:
    """Each run: seconds from opening the home page to the first results with name's page first, and the bytes
    fetched for the search; then, on the same page, seconds from the last key of a second name to its page
    first (the index loaded: what each later query costs)."""
    out = []
    with serve(site) as url, chromium() as browser:
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            fetched: dict[str, int] = {}
            page.on("requestfinished", lambda r: fetched.__setitem__(r.url, r.sizes()["responseBodySize"]))
            started = time.perf_counter()
            page.goto(url)
            page.locator("input.md-search__input").click()
            page.locator("input.md-search__input").type(name, delay=20)
            typed = time.perf_counter()
            page.wait_for_function(
                "name => document.querySelector('.md-search-result__item h1')?.textContent === name",
                arg=name, polling=50, timeout=300_000)
            now = time.perf_counter()
            seconds, after_typing = now - started, now - typed
            page.wait_for_timeout(300)  # what the last keys fetched
            search = sum(size for u, size in fetched.items() if any(part in u for part in SEARCH_FILES))
            page.locator("input.md-search__input").fill("")
            page.locator("input.md-search__input").type(later, delay=20)
            typed = time.perf_counter()
            page.wait_for_function(
                "name => document.querySelector('.md-search-result__item h1')?.textContent === name",
                arg=later, polling=50, timeout=300_000)
            out.append({"seconds": seconds, "after_typing": after_typing, "later": time.perf_counter() - typed,
                        "search_bytes": search, "all_bytes": sum(fetched.values())})
            context.close()
    return out


def measure(work: Path, count: int, runs: int) -> dict:
    project = work / f"seed-{count}"
    seeds = project / "seeds"
    write_seed_variants(seeds, count)
    (project / "overrides").symlink_to(ROOT / "overrides")
    generator_s, _ = _run([sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds),
                           "--out", str(project / "docs")], project)
    corpus = json.loads((project / "docs" / "data" / "corpus.json").read_text(encoding="utf-8"))
    by_slug = sorted(corpus["analysts"], key=lambda a: a["slug"])
    analyst, later = by_slug[len(by_slug) // 2]["name"], by_slug[len(by_slug) // 3]["name"]
    row = {"n": count, "generator_s": generator_s, "query": analyst, "later": later, "load": os.getloadavg()[0]}
    for engine in engines.ENGINES:
        started = time.perf_counter()
        built = engine_build(project, "mkdocs", site_dir=f"site-{engine}", search=engine, index=False)
        mkdocs_s = time.perf_counter() - started
        if built.returncode != 0:
            raise SystemExit(built.stdout + built.stderr)
        if engine == "pagefind":
            indexed = engines.index(project / f"site-{engine}")
            row["index_s"], row["bundle_mb"] = indexed.seconds, indexed.bundle_bytes / 2**20
        else:
            row["lunr_mb"] = (project / f"site-{engine}" / engines.LUNR_INDEX).stat().st_size / 2**20
        row[f"{engine}_mkdocs_s"] = mkdocs_s
        row[engine] = first_results(project / f"site-{engine}", analyst, runs, later)
        print(f"  {count} articles, {engine}: MkDocs {mkdocs_s:.1f} s; first results "
              + ", ".join(f"{r['seconds']:.2f} s ({r['after_typing']:.2f} s after typing, "
                          f"{r['search_bytes'] / 1024:.0f} KB)" for r in row[engine]), flush=True)
    return row


def report(rows: list[dict]) -> str:
    median = lambda values: sorted(values)[len(values) // 2]  # noqa: E731
    lines = ["| articles (real length) | search | first results s from opening the page, median (least–most) "
             "| s after the last key | a later query s | search KB fetched | cold build s: generator + MkDocs (+ Pagefind) "
             "| build increase |",
             "|" + " --- |" * 8]
    for r in rows:
        lunr_total = r["generator_s"] + r["lunr_mkdocs_s"]
        pagefind_total = r["generator_s"] + r["pagefind_mkdocs_s"] + r["index_s"]
        for engine in engines.ENGINES:
            seconds = [run["seconds"] for run in r[engine]]
            after = median([run["after_typing"] for run in r[engine]])
            later = median([run["later"] for run in r[engine]])
            kb = median([run["search_bytes"] for run in r[engine]]) / 1024
            if engine == "lunr":
                build = f"{r['generator_s']:.1f} + {r['lunr_mkdocs_s']:.1f} = {lunr_total:.1f}"
                increase, size = "", f" (index {r['lunr_mb']:.1f} MB)"
            else:
                build = (f"{r['generator_s']:.1f} + {r['pagefind_mkdocs_s']:.1f} + {r['index_s']:.1f} "
                         f"= {pagefind_total:.1f}")
                increase = (f"{100 * (pagefind_total - lunr_total) / lunr_total:+.0f}% "
                            f"(indexing alone +{100 * r['index_s'] / lunr_total:.0f}%)")
                size = f" (bundle {r['bundle_mb']:.1f} MB)"
            lines.append(f"| {r['n']:,} | {engine}{size} | {median(seconds):.2f} ({min(seconds):.2f}–{max(seconds):.2f}) "
                         f"| {after:.2f} | {later:.2f} | {kb:,.0f} | {build} | {increase} |")
    queries = ", ".join(f"{r['n']:,}: “{r['query']}”, then “{r['later']}”" for r in rows)
    return "\n".join(lines) + (f"\n\nThe queries, analysts' full names: {queries}; that analyst's page came first "
                                "in every run (the bench waits for it). KB fetched: the search's requests (the "
                                "lunr index, or Pagefind's bundle and fragments, and the worker) until the first "
                                "name's results.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", nargs="+", type=int, default=[1000], help="sizes of the corpus of seed variants")
    parser.add_argument("--runs", type=int, default=3, help="fresh pages searched on each site")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results-search.md")
    args = parser.parse_args(argv)
    rows = []
    for count in args.real:
        with tempfile.TemporaryDirectory(prefix="search-bench-") as work:
            print(f"{count} articles (load {os.getloadavg()[0]:.1f})", flush=True)
            rows.append(measure(Path(work), count, args.runs))
    text = report(rows)
    print(text)
    loads = ", ".join(f"{r['load']:.1f}" for r in rows)
    args.out.write_text(f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, load average {loads} "
                        f"at the start of each size (`python scripts/search_bench.py --real "
                        f"{' '.join(map(str, args.real))}`).\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
