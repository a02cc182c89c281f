"""The built site in a real browser: search as a reader types it, permalinks, mobile, palettes, axe-core."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import chromium, complaints, read_to_the_end, search, serve
from site_build import ROOT

QUERIES = [
    # (query, the page that must come first)
    ("drones", "Iran drones"),
    ("sanctions", "Sanctions"),
    ("Dalton", "David Dalton"),
    ("David Dalton", "David Dalton"),
    ("Lee-Saunders", "Francis Lee-Saunders"),
    ("Keleman", "Barbara Keleman"),
    ("no-limits partnership", "The China–Russia partnership"),
]
PAGE_TYPES = ["", "themes/central-asia/", "analysts/david-dalton/", "articles/xi-putin-moscow/", "places/kazakhstan/",
              "quotes/", "coverage/"]


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    assert dialogs == [], f"a dialog opened: {dialogs}"
    context.close()


@pytest.mark.parametrize("query, first", QUERIES)
def test_search_lands_on_the_right_page_first(page, base_url, query, first):
    page.goto(base_url)
    assert search(page, query)[0] == first


def test_a_place_finds_its_theme_in_the_top_three(page, base_url):
    page.goto(base_url)
    assert "Central Asia" in search(page, "Kazakhstan")[:3]


def test_the_article_does_not_crowd_out_theme_and_profile_pages(page, base_url):
    """The article holds every query word and stays findable, but below the page made for the query."""
    page.goto(base_url)
    article = "Xi in Moscow: what Putin wants from China"
    for query, first in QUERIES:
        results = search(page, query)
        assert article in results, query
        assert results.index(first) < results.index(article), query


def test_in_a_corpus_an_articles_title_finds_that_article_first(page, tmp_path_factory):
    """Thirty articles titled "Briefing note N: …", named on every profile that quotes from them: the one
    the reader names comes first, not a profile or another note."""
    from bench import write_corpus
    from site_build import build_site

    work = tmp_path_factory.mktemp("corpus")
    write_corpus(work / "seeds", 30)
    with serve(build_site(work / "seeds", work / "project")) as url:
        page.goto(url)
        for n in (7, 23):
            assert search(page, f"Briefing note {n}")[0].startswith(f"Briefing note {n}:")


def test_in_a_corpus_of_real_length_a_persons_full_name_finds_their_page_first(page, tmp_path_factory):
    """The annotated news articles (real length, about twenty paragraphs each) and the seed, plus a short
    fixture where Ted Cruz, Heidi Cruz and Teddy Goff all speak: Material appends a wildcard to every query
    word, so "Ted" also matches "Teddy". The twenty most quoted names, and those three, land on their own page."""
    import json

    from site_build import build_site, names_seeds

    work = tmp_path_factory.mktemp("names")
    site = build_site(names_seeds(work), work / "project")
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    spoken = {}
    for q in corpus["quotes"] + corpus["reported"]:
        if q["speaker"]:
            spoken[q["speaker"]] = spoken.get(q["speaker"], 0) + 1
    names = {a["slug"]: a["name"] for a in corpus["analysts"]}
    most_quoted = [names[slug] for slug in sorted(spoken, key=lambda slug: (-spoken[slug], slug))[:20]]
    with serve(site) as url:
        page.goto(url)
        missed = {name: search(page, name)[:3] for name in most_quoted + ["Ted Cruz", "Heidi Cruz", "Teddy Goff"]}
    assert {name: top for name, top in missed.items() if not top or top[0] != name} == {}


def test_clicking_a_result_opens_the_page(page, base_url):
    page.goto(base_url)
    search(page, "Keleman")
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(r"/analysts/barbara-keleman/"))
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Barbara Keleman"


def test_a_paragraph_permalink_shows_that_paragraph(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(base_url + "articles/xi-putin-moscow/#p-15")
    paragraph = page.locator("#p-15")
    assert "Barbara Keleman" in paragraph.inner_text()
    box = paragraph.bounding_box()
    assert box is not None and 0 <= box["y"] < 720
    assert page.evaluate("document.querySelector('#p-15').matches(':target')")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, {"width": 390, "height": 844}],
                         ids=["laptop", "phone"])
def test_a_theme_page_opens_on_its_first_paragraph_with_its_rules_folded(browser, base_url, site, viewport):
    """Without scrolling, a newcomer sees the first paragraph on the theme begin; the rules that chose the
    paragraphs are below them, collapsed, and open on a click."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    themes = sorted(p.parent.name for p in (site / "themes").glob("*/index.html") if p.parent.name != "other")
    assert len(themes) >= 9
    for theme in themes:
        page.goto(base_url + f"themes/{theme}/")
        first = page.locator("blockquote.excerpt").first.bounding_box()
        assert first["y"] + 50 < viewport["height"], (theme, first)  # its first line and more
        rules = page.locator("details.theme-rules li").first
        assert not rules.is_visible(), theme
        page.locator("details.theme-rules summary").click()
        rules.wait_for(state="visible", timeout=5000)  # Material opens a details block with a transition
        assert rules.bounding_box()["y"] > first["y"], theme
    context.close()


def test_theme_excerpt_links_to_its_paragraph(page, base_url):
    page.goto(base_url + "themes/iran-drones/")
    page.locator("#xi-putin-moscow-p-11 a.para-n").click()
    page.wait_for_url(re.compile(r"/articles/xi-putin-moscow/#p-11$"))
    assert "Shahed drones" in page.locator("#p-11").inner_text()


def test_mobile_navigation_drawer(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "articles/xi-putin-moscow/")
    drawer = page.locator("nav.md-nav--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0
    page.locator("label.md-header__button[for='__drawer']").click()
    page.get_by_role("link", name="Analysts", exact=True).first.click()
    page.wait_for_url(re.compile(r"/analysts/$"))
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Analysts"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_diagram_is_drawn_from_the_vendored_mermaid(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto(base_url)
    # Not loaded for the first paint: only when the diagram comes into view.
    assert page.evaluate("typeof mermaid") == "undefined"
    page.locator(".briefing-diagram").scroll_into_view_if_needed()
    page.wait_for_selector(".briefing-diagram__svg svg")
    drawn = page.locator(".briefing-diagram__svg").inner_text()
    for label in ("David Dalton", "Barbara Keleman", "Francis Lee-Saunders", "Central Asia", "Russia's isolation"):
        assert label in drawn
    assert Axe().run(page).response["violations"] == []
    assert outside == []
    context.close()


def test_light_and_dark_palettes_toggle(page, base_url):
    page.goto(base_url)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    first = scheme()
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert scheme() != first
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert scheme() == first


def test_before_materials_script_runs_the_page_is_readable_in_the_readers_palette(browser, base_url):
    """Material's bundle starts after load; until then (here: never) the system's dark palette already holds."""
    context = browser.new_context(color_scheme="dark")
    context.route(re.compile(r".*/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(base_url + "articles/xi-putin-moscow/#p-15")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.locator("#p-15").is_visible() and "Keleman" in page.locator("#p-15").inner_text()
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES, ids=["home", "theme", "analyst", "article", "place", "quotes", "coverage"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(browser, base_url, path, scheme):
    # The reader's system setting picks the palette, as it does for a real visitor.
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    results = Axe().run(page)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    context.close()
    assert violations == []


# A page of every type the site has: the home page, an article, a theme, an analyst, a place, a person, and
# each index.
EVERY_PAGE_TYPE = ["", "articles/xi-putin-moscow/", "themes/sanctions/", "analysts/david-dalton/",
                   "places/kazakhstan/", "people/xi-jinping/", "articles/", "themes/", "analysts/", "places/",
                   "people/", "quotes/", "coverage/"]


@pytest.mark.parametrize("path", EVERY_PAGE_TYPE, ids=lambda path: path.strip("/") or "home")
def test_no_page_logs_an_error_or_requests_a_missing_file(browser, base_url, path):
    """Read to its end (the home page's diagram loads as it comes into view), then searched: the browser
    reports nothing against the page."""
    context = browser.new_context()
    page = context.new_page()
    found = complaints(page)
    read_to_the_end(page, base_url + path)
    assert search(page, "Dalton")[0] == "David Dalton"
    page.wait_for_load_state("networkidle")
    context.close()
    assert found == [], "\n".join(found)


def _broken_file_links(site: Path) -> list[str]:
    """Every link between pages of an unpacked offline bundle, as file:// resolves it: to a file, and to an id."""
    from site_build import Page

    # 404.html is for a web server, which serves it at any depth, so its links are absolute; file:// never shows it.
    pages = {p: Page(p) for p in site.rglob("*.html") if p.name != "404.html"}
    broken = []
    for path, page in pages.items():
        for href in page.links:
            url = urlparse(href)
            if url.scheme or href.startswith("//"):
                continue
            target = (path.parent / unquote(url.path)).resolve() if url.path else path
            if target.is_dir() or not target.exists():
                broken.append(f"{path.relative_to(site)}: {href}")
            elif url.fragment and target.suffix == ".html" and url.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {href}")
    return broken


def test_offline_bundle_searches_from_file_urls(browser, tmp_path):
    """The zip from `make offline`, unpacked and opened from file:// with every network request refused."""
    import zipfile

    from offline import build_offline
    archive = build_offline(ROOT / "seeds", tmp_path / "bundle.zip")
    zipfile.ZipFile(archive).extractall(tmp_path / "unpacked")
    assert _broken_file_links(tmp_path / "unpacked") == []
    context = browser.new_context()
    refused = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (refused.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto((tmp_path / "unpacked" / "index.html").as_uri())
    page.locator(".briefing-diagram").scroll_into_view_if_needed()
    page.wait_for_selector(".briefing-diagram__svg svg")
    assert search(page, "drones")[0] == "Iran drones"
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(r"themes/iran-drones/index\.html"))
    assert refused == []
    context.close()


def test_hostile_seed_text_runs_nothing_in_the_browser(browser, hostile_site):
    with serve(hostile_site) as url:
        context = browser.new_context()
        events = []
        page = context.new_page()
        page.on("dialog", lambda dialog: (events.append(dialog.message), dialog.dismiss()))
        for path in ["articles/evil/", "themes/sanctions/", "themes/other/", ""]:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            # Nothing from the seed became an element: no injected image, frame or inline handler.
            assert page.locator("img[src='x'], iframe, [onerror], [onclick]").count() == 0
        assert events == []
        context.close()
