"""The large-site search (Pagefind, README: Reading, searching, hosting): which engine a build uses, what Pagefind
indexes, and in Chromium, in Material's own header box: names and theme titles first, "/" to focus, the arrow
keys and Enter, no console error and no failed request, only small parts of the index fetched; and `make serve`
indexing an edit again."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from briefing import search as engines
from browser import chromium, search, serve
from site_build import ROOT, build_site, names_seeds
from test_browser import QUERIES
from test_serve import _project, fetch, free_port, wait_for

# The names and titles each must find first, on the names corpus below (its quotes and the seed's).
EXTRA_NAMES = ["Ted Cruz", "Heidi Cruz", "Teddy Goff"]
THEME_TITLES = ["Sanctions", "Iran drones", "Central Asia", "The China–Russia partnership"]


@pytest.mark.parametrize("setting, articles, engine", [
    ("lunr", 10_000, "lunr"),
    ("pagefind", 1, "pagefind"),
    ("auto", engines.PAGEFIND_FROM - 1, "lunr"),
    ("auto", engines.PAGEFIND_FROM, "pagefind"),
    ("auto", 0, "lunr"),
])
def test_the_engine_for_a_setting_and_a_corpus(setting, articles, engine):
    assert engines.choose(setting, articles) == engine


def test_an_unknown_setting_says_what_to_choose():
    with pytest.raises(engines.SearchError, match=r"^SEARCH=elastic: choose lunr, pagefind, auto$"):
        engines.choose("elastic", 5)


def test_the_articles_counted_are_the_seeds_and_saved_pages(tmp_path):
    for name in ("a.txt", "b.html", "c.HTM", "b.yml", "themes.yml", "notes.md"):
        (tmp_path / name).write_text("x")
    (tmp_path / "folder.txt").mkdir()
    assert engines.count_articles(tmp_path) == 3


def test_make_site_chooses_the_search_by_the_corpus():
    run = lambda setting: subprocess.run(  # noqa: E731
        [sys.executable, str(ROOT / "scripts" / "search.py"), "choose", setting, "--seeds", str(ROOT / "seeds")],
        capture_output=True, text=True)
    assert run("auto").stdout == "lunr\n"  # the seed: a few articles
    assert run("pagefind").stdout == "pagefind\n"
    failed = run("solr")
    assert failed.returncode == 1 and failed.stderr == "SEARCH=solr: choose lunr, pagefind, auto\n"


@pytest.fixture(scope="module")
def names_site(tmp_path_factory):
    """Real-length articles (the annotated news and the seed) and the fixture where Ted Cruz, Heidi Cruz and Teddy
    Goff speak, built with Pagefind; and the twenty people quoted most in it."""
    work = tmp_path_factory.mktemp("pagefind-names")
    site = build_site(names_seeds(work), work / "project", search="pagefind")
    from search_eval import most_quoted

    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    return site, most_quoted(corpus)


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def watched(browser, names_site):
    """A fresh page on the served site, and what went wrong in it: console errors and warnings, uncaught errors,
    failed requests and responses over 400; and the bytes each response brought."""
    site, _ = names_site
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        problems, fetched = [], {}
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: problems.append(f"{r.status}: {r.url}")
                if r.status >= 400 else None)
        page.on("requestfinished", lambda r: fetched.__setitem__(r.url, r.sizes()["responseBodySize"]))
        page.on("worker", lambda worker: worker.on(
            "console", lambda m: problems.append(f"worker {m.type}: {m.text}") if m.type in ("error", "warning") else None))
        yield page, url, problems, fetched
        context.close()


def test_pagefind_indexes_the_pages_lunr_indexes_and_empties_lunrs(names_site):
    site, _ = names_site
    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(marked)
    # A page lunr leaves out (front matter `search: exclude`) is left out of Pagefind's too.
    assert "data-pagefind-body" not in (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in (site / "analysts" / "david-dalton" / "index.html").read_text(encoding="utf-8")
    lunr = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert lunr["docs"] == [] and lunr["config"]["lang"] == ["en"]
    # Material's configuration still names its worker; the script after it names ours, before Material starts.
    html = (site / "index.html").read_text(encoding="utf-8")
    assert html.index('id="__config"') < html.index('worker.searchParams.set("engine", "pagefind")')


def test_a_full_name_finds_that_persons_page_first(watched, names_site):
    page, url, problems, fetched = watched
    _, most_quoted = names_site
    page.goto(url)
    missed = {name: search(page, name)[:3] for name in most_quoted + EXTRA_NAMES}
    assert len(most_quoted) == 20
    assert {name: top for name, top in missed.items() if not top or top[0] != name} == {}
    assert problems == []


@pytest.mark.parametrize("query, first", QUERIES + [(title, title) for title in THEME_TITLES])
def test_the_seeds_queries_and_theme_titles_land_first(watched, query, first):
    page, url, problems, _ = watched
    page.goto(url)
    assert search(page, query)[0] == first
    assert problems == []


def test_a_search_on_a_fresh_page_fetches_little(watched):
    """lunr's index would be fetched whole (6.8 KB an article); Pagefind's parts for the query alone."""
    page, url, problems, fetched = watched
    page.goto(url)
    page.wait_for_load_state("networkidle")
    before = set(fetched)
    assert search(page, "Teddy Goff")[0] == "Teddy Goff"
    query = {u: size for u, size in fetched.items() if u not in before}
    assert any("/pagefind/fragment/" in u for u in query) and any("/pagefind/index/" in u for u in query)
    lunr = [size for u, size in fetched.items() if u.endswith("/search/search_index.json")]
    assert lunr and lunr[0] < 1024
    assert sum(query.values()) < 1_000_000
    assert problems == []


def test_slash_focuses_the_box_arrows_move_and_enter_opens(watched):
    page, url, problems, _ = watched
    page.goto(url + "articles/")
    page.wait_for_function("document.querySelector('[data-md-component=search-query]') && window.component$")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("Ted Cruz", delay=20)
    page.wait_for_function("document.querySelector('.md-search-result__item h1')?.textContent === 'Ted Cruz'")
    page.wait_for_timeout(500)
    first, second = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.slice(0, 2).map(link => link.getAttribute('href'))")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == second
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/analysts/ted-cruz/"))
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Ted Cruz"
    # Enter in the box opens the best result.
    page.keyboard.press("/")
    page.keyboard.type("Teddy Goff", delay=20)
    page.wait_for_function("document.querySelector('.md-search-result__item h1')?.textContent === 'Teddy Goff'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/analysts/teddy-goff/"))
    assert problems == []


def test_the_search_dialog_stays_accessible(watched):
    from axe_playwright_python.sync_playwright import Axe

    page, url, problems, _ = watched
    page.goto(url)
    search(page, "David Dalton")
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    assert problems == []


@pytest.mark.parametrize("engine", ["properdocs"])
def test_another_engine_indexes_and_finds_with_pagefind(browser, tmp_path, engine):
    site = build_site(ROOT / "seeds", tmp_path / engine, engine=engine, search="pagefind")
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    with serve(site) as url:
        page = browser.new_page()
        page.goto(url)
        assert search(page, "David Dalton")[0] == "David Dalton"
        assert search(page, "Iran drones")[0] == "Iran drones"
        page.close()


def test_make_serve_indexes_an_edit_again(tmp_path, browser):
    """`serve.py --search pagefind`: an edit's new analyst is found by the search a little after the page shows."""
    seeds = _project(tmp_path)
    article = seeds / "live.txt"
    article.write_text("Live headline\n\nThe first version of the text, about sanctions.\n")
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--seeds", str(seeds),
                               "--config", str(tmp_path / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}",
                               "--search", "pagefind"],
                              cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=log,
                              stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "The first version of the text" in fetch(base + "articles/live/"))
        assert 'worker.searchParams.set("engine", "pagefind")' in fetch(base)
        article.write_text("Live headline\n\nThe second version.\n\n“Sanctions are the whole story,” says Hilda "
                           "Marchetti, senior analyst at Kestrel Research.\n")
        assert wait_for(lambda: "Hilda Marchetti" in fetch(base + "analysts/hilda-marchetti/"))
        assert wait_for(lambda: (tmp_path / "serve.log").read_text().count("Pagefind: indexed") >= 2)

        def first_result() -> str:
            page = browser.new_page()
            page.goto(base)
            found = search(page, "Hilda Marchetti")
            page.close()
            return found[0] if found else ""
        assert wait_for(lambda: first_result() == "Hilda Marchetti", seconds=60)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _crowded_seeds(folder):
    """A name that a dozen long articles repeat, in their headlines too, quoted once (a short profile), and one whose first name begins
    another's (Bill Carver; Billy Joel, of the Carver Foundation), so that each engine's own ranking puts an article or the wrong person
    first: what the worker's names-first step is for."""
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "themes.yml", folder / "themes.yml")
    crowd = " ".join(["Dana Whitfield's plan for the port was debated again, and Dana Whitfield's critics spoke."] * 12)
    for n in range(1, 13):
        body = [f"Coverage of the port, part {n}. {crowd}", f"Officials weighed the sanctions in week {n}. {crowd}"]
        if n == 1:
            body.append("“The port will open on time,” said Dana Whitfield, director of the Harbour Trust.")
        if n == 2:
            body.append("“The bridge is the priority,” said Bill Carver, an engineer at Northgate Advisory.")
        body.append(f"“The ferries matter more,” said Billy Joel, director of the Carver Foundation, in week {n}.")
        (folder / f"port-{n:02d}.txt").write_text(f"Dana Whitfield and the port, part {n}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("engine", engines.ENGINES)
def test_a_name_lands_on_its_page_however_many_articles_repeat_it(browser, tmp_path, engine):
    site = build_site(_crowded_seeds(tmp_path / "seeds"), tmp_path / "project", search=engine)
    with serve(site) as url:
        page = browser.new_page()
        page.goto(url)
        found = {name: search(page, name, quiet_ms=600)[:3] for name in ("Dana Whitfield", "Bill Carver", "Billy Joel")}
        page.close()
    assert {name: top[0] if top else None for name, top in found.items()} == {
        "Dana Whitfield": "Dana Whitfield", "Bill Carver": "Bill Carver", "Billy Joel": "Billy Joel"}, found
