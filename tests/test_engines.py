"""The same docs/ and mkdocs.yml built by each engine (README: Engines): MkDocs 1.6.1 and ProperDocs 1.6.7, both
with Material, and Zensical 0.0.73. Each build is checked as a reader meets it: every page, the #p-N anchors,
every link and asset the engine emits, what its search index holds, a broken link failing the strict build, and
Zensical's own search in a real browser."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from briefing.reader import parse_seed
from browser import chromium, complaints, read_to_the_end, search, serve
from site_build import ENGINES, ROOT, Page, engine_build, generate

SEED = ROOT / "seeds" / "xi-putin-moscow.txt"
GENERATOR = {"mkdocs": "mkdocs-1.6.1, mkdocs-material-9.8.1",
             "properdocs": "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1",
             "zensical": "zensical-0.0.73"}
# Links are resolved as if the site were served below a path, as on GitHub Pages, where a link that climbs out
# of the site is broken (at a host's root, "../" too many would quietly land on the root).
BASE = "http://host/base/"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """docs/ generated once from seeds/; every engine builds this same tree."""
    project = tmp_path_factory.mktemp("engines")
    result = generate(ROOT / "seeds", project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def built(project):
    """engine → its site folder, built on first use."""
    sites: dict[str, Path] = {}

    def site(engine: str) -> Path:
        if engine not in sites:
            result = engine_build(project, engine, f"site-{engine}")
            assert result.returncode == 0, result.stdout + result.stderr
            sites[engine] = project / f"site-{engine}"
        return sites[engine]
    return site


def _pages(site: Path) -> dict[str, Page]:
    """URL path below the site root (e.g. "themes/sanctions/") → the page, for every page but the 404."""
    return {("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"): Page(p)
            for p in site.rglob("index.html")}


@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_is_built_by_the_engine(project, built, engine):
    site = built(engine)
    pages = _pages(site)
    docs = {("" if p.parent == project / "docs" else p.parent.relative_to(project / "docs").as_posix() + "/")
            for p in (project / "docs").rglob("index.md")}
    assert set(pages) == docs
    assert (site / "404.html").is_file() and (site / "data" / "corpus.json").is_file()
    meta = dict(next(attrs for tag, attrs in pages[""].elements if tag == "meta" and attrs.get("name") == "generator"))
    assert meta["content"] == GENERATOR[engine]
    home = pages[""]
    for title in ("Sanctions", "Iran drones", "Central Asia", "David Dalton", "Barbara Keleman"):
        assert title in home.text
    assert "Made with" in home.text and "Page not found" in Page(site / "404.html").text


@pytest.mark.parametrize("engine", ENGINES)
def test_every_paragraph_has_its_permalink_and_is_unaltered(built, engine):
    source = parse_seed(SEED.name, SEED.read_bytes())
    article = Page(built(engine) / "articles" / "xi-putin-moscow" / "index.html")
    assert [i for i in article.ids if re.fullmatch(r"p-\d+", i)] == [f"p-{n}" for n in range(1, 21)]
    for n, text in enumerate(source.paragraphs, 1):
        assert article.text_by_id[f"p-{n}"] == f"{n} {text}"


class _Reading(HTMLParser):
    """The text of a page's content (its <article>) in reading order, and the part of it inside a collapsed block
    (a <details> not open)."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self._pieces: list[tuple[str, bool]] = []
        self._details: list[bool] = []  # for each <details> open around here: whether it is collapsed
        self._skip = 1  # outside the <article>
        self.feed(path.read_text(encoding="utf-8"))
        self.text = " ".join("".join(piece for piece, _ in self._pieces).split())
        self.folded = " ".join("".join(piece for piece, folded in self._pieces if folded).split())

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            self._details.append("open" not in dict(attrs))
        self._skip += (tag in ("script", "style")) - (tag == "article")

    def handle_endtag(self, tag):
        if tag == "details":
            self._details.pop()
        self._skip -= (tag in ("script", "style")) - (tag == "article")

    def handle_data(self, data):
        if not self._skip:
            self._pieces.append((data, any(self._details)))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_theme_page_shows_its_paragraphs_first_and_its_rules_folded(built, engine):
    """A reader came for the paragraphs: the first comes right after the description and a line each of
    analysts, places and related themes; how paragraphs are chosen comes after them, its rules collapsed."""
    source = parse_seed(SEED.name, SEED.read_bytes()).paragraphs
    corpus = json.loads((built(engine) / "data" / "corpus.json").read_text(encoding="utf-8"))
    for theme in corpus["themes"]:
        if theme["slug"] == "other":  # no rules: what no rule matched
            continue
        page = _Reading(built(engine) / "themes" / theme["slug"] / "index.html")
        first = f"{theme['paragraphs'][0]['n']} {source[theme['paragraphs'][0]['n'] - 1]}"
        assert page.text.index(first) < page.text.index("How paragraphs are chosen"), theme["slug"]
        before = page.text[page.text.index(theme["description"]) + len(theme["description"]):page.text.index(first)]
        assert before.startswith(" Analysts quoted on this theme: ") and "Related themes: " in before, before
        assert len(before) < 600, before
        assert first not in page.folded
        for rule in (["terms"] if theme["terms"] else []) + [r["name"] for r in theme["rules"]]:
            assert f"{rule}: " in page.folded, (theme["slug"], rule)
            assert f"{rule}: " not in page.text.replace(page.folded, ""), (theme["slug"], rule)


def test_properdocs_builds_what_mkdocs_builds(built):
    """ProperDocs runs Material unchanged: every file of its site is MkDocs' but for the generator tag."""
    mkdocs, properdocs = built("mkdocs"), built("properdocs")
    files = sorted(p.relative_to(mkdocs) for p in mkdocs.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs) for p in properdocs.rglob("*") if p.is_file())
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    differ = [f for f in files
              if generator.sub(b"", (mkdocs / f).read_bytes()) != generator.sub(b"", (properdocs / f).read_bytes())]
    assert differ == []


def _broken(site: Path) -> tuple[list[str], int]:
    """Every link, stylesheet, script and image a page names, resolved below BASE: (broken ones, how many)."""
    pages = _pages(site)
    broken, count = [], 0
    for url, page in pages.items():
        for tag, attrs in page.elements:
            target = {"a": attrs.get("href"), "link": attrs.get("href"), "script": attrs.get("src"),
                      "img": attrs.get("src")}.get(tag)
            if not target or target.startswith(("javascript:", "mailto:")):
                continue
            resolved = urlparse(urljoin(BASE + url, target))
            if resolved.netloc != "host":
                continue  # another site, or an absolute link to where the site is hosted (the 404 page's)
            count += 1
            if not resolved.path.startswith("/base/"):
                broken.append(f"{url}: {target} climbs out of the site")
                continue
            path = unquote(resolved.path.removeprefix("/base/"))
            if path == "" or path.endswith("/"):
                if path not in pages or (resolved.fragment and resolved.fragment not in pages[path].ids):
                    broken.append(f"{url}: {target}")
            elif not (site / path).is_file():
                broken.append(f"{url}: {target}")
    return broken, count


@pytest.mark.parametrize("engine", ENGINES)
def test_every_link_and_asset_the_engine_emits_resolves(built, engine):
    """Markdown links (which each engine rewrites and validates), raw HTML links (which Zensical rewrites and no
    engine validates), the engine's own navigation, stylesheets and scripts."""
    broken, count = _broken(built(engine))
    assert broken == []
    assert count > 1000  # the walk found the pages' links at all


def _search_index(site: Path) -> dict[str, dict]:
    """location → entry: Material's lunr index (search/search_index.json) or Zensical's own (search.json)."""
    if (site / "search.json").exists():
        entries = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    else:
        entries = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {entry["location"]: entry for entry in entries}


@pytest.mark.parametrize("engine", ENGINES)
def test_the_search_index_keeps_out_what_the_pages_exclude(built, engine):
    index = _search_index(built(engine))
    profile = index["analysts/david-dalton/"]
    assert "senior analyst specialising in Europe and Eurasia" in profile["text"]
    # `{ data-search-exclude }` and data-search-exclude: the quotes are on the profile page, not in its entry.
    assert "fairly dire performance" in Page(built(engine) / "analysts/david-dalton/index.html").text
    assert "fairly dire performance" not in profile["text"] and "Places:" not in profile["text"]
    # The rules a theme page folds away are on the page, not in its entry.
    theme = "".join(entry["text"] for location, entry in index.items() if location.startswith("themes/sanctions/"))
    assert "sanctions-busting" in Page(built(engine) / "themes/sanctions/index.html").text
    assert "sanctions-busting" not in theme and "How paragraphs are chosen" not in theme
    # `search: exclude: true` in the front matter: the quotes index and the coverage page are not searched.
    assert not [location for location in index if location.startswith(("quotes/", "coverage/"))]
    assert {"articles/xi-putin-moscow/", "themes/sanctions/", "places/kazakhstan/"} <= set(index)
    # `search: boost:` reaches Material's index; Zensical has no boosts (README: Engines).
    assert profile.get("boost") == (None if engine == "zensical" else 2)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_link_fails_the_strict_build(project, tmp_path, engine):
    shutil.copytree(project / "docs", tmp_path / "docs")
    theme = tmp_path / "docs" / "themes" / "sanctions" / "index.md"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n[broken](../../articles/xi-putin-moscow/index.md#p-999)\n",
                     encoding="utf-8")
    result = engine_build(tmp_path, engine)
    assert result.returncode != 0
    assert "p-999" in result.stdout + result.stderr or "anchor does not exist" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def zensical_url(built):
    with serve(built("zensical")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def zensical_search(page, query: str) -> list[str]:
    """Open Zensical's search dialog from the header, type query as a reader does; the result titles, in order."""
    page.locator(".md-search__button").click()
    box = page.get_by_role("combobox", name="Search")
    box.fill("")
    box.type(query, delay=20)
    # The dialog lives in an open shadow root, which Playwright's locators enter.
    status = page.locator("[role=status]").filter(has_text=re.compile(r"\d+ results?|No results"))
    status.wait_for()
    titles = page.locator("[role=listbox] [role=option] h2")
    shown, settled = titles.all_inner_texts(), 0
    for _ in range(40):
        page.wait_for_timeout(150)
        now = titles.all_inner_texts()
        settled = settled + 1 if now == shown else 0
        if settled == 2:
            break
        shown = now
    return shown


@pytest.mark.parametrize("path", ["", "themes/central-asia/", "analysts/david-dalton/", "articles/xi-putin-moscow/"])
def test_zensical_pages_pass_axe(browser, zensical_url, path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(zensical_url + path)
    results = Axe().run(page)
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]] == []


@pytest.mark.parametrize("query, name, slug", [("Dalton", "David Dalton", "david-dalton"),
                                                ("Lee-Saunders", "Francis Lee-Saunders", "francis-lee-saunders"),
                                                ("Keleman", "Barbara Keleman", "barbara-keleman")])
def test_zensical_search_finds_the_analyst_and_opens_the_profile(browser, zensical_url, query, name, slug):
    context = browser.new_context()
    page = context.new_page()
    page.goto(zensical_url)
    assert zensical_search(page, query)[0] == name
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/analysts/{slug}/"))
    assert page.locator("h1").first.inner_text().rstrip("¶") == name
    context.close()


@pytest.mark.parametrize("path", ["", "articles/xi-putin-moscow/", "themes/sanctions/", "analysts/david-dalton/",
                                  "places/kazakhstan/", "people/xi-jinping/", "analysts/"],
                         ids=lambda path: path.strip("/") or "home")
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_no_page_logs_an_error_or_requests_a_missing_file(browser, built, engine, path):
    """As test_browser.py checks MkDocs' site: each page type read to its end and searched with the engine's own
    search, and nothing reported against the page."""
    with serve(built(engine)) as url:
        context = browser.new_context()
        page = context.new_page()
        found = complaints(page)
        read_to_the_end(page, url + path)
        assert (zensical_search if engine == "zensical" else search)(page, "Dalton")[0] == "David Dalton"
        page.wait_for_load_state("networkidle")
        context.close()
    assert found == [], "\n".join(found)
