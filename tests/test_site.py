"""The real site: generated from seeds/, built by `mkdocs build --strict`, checked as a reader would see it."""

from __future__ import annotations

import html as html_lib
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jsonschema
import pysbd
import pytest
import yaml

from briefing.reader import parse_seed
from briefing.slugs import slugify
from briefing.render import ARTICLES_PER_PART, ENTRIES_PER_PART
from site_build import ROOT, Page, build_site, generate, mkdocs_build

SEEDS = ROOT / "seeds"
SEED = SEEDS / "xi-putin-moscow.txt"


def page(site: Path, url: str) -> Page:
    return Page(site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url)


def test_the_pages_a_reader_expects(site):
    themes = yaml.safe_load((SEEDS / "themes.yml").read_text())
    theme_slugs = [t["slug"] for t in themes["themes"]] + [themes["catch_all"]["slug"]]
    assert {"sanctions", "iran-drones", "central-asia"} <= set(theme_slugs)
    for url in ["", "articles", "articles/xi-putin-moscow", "themes", "analysts"] + \
               [f"themes/{slug}" for slug in theme_slugs] + \
               [f"analysts/{slug}" for slug in ("david-dalton", "francis-lee-saunders", "barbara-keleman")]:
        assert (site / url / "index.html").is_file(), url
    home = page(site, "")
    for title in ("Sanctions", "Iran drones", "Central Asia", "David Dalton", "Barbara Keleman"):
        assert title in home.text


def test_every_paragraph_has_its_permalink_and_is_unaltered(site):
    source = parse_seed(SEED.name, SEED.read_bytes())
    article = page(site, "articles/xi-putin-moscow")
    paragraph_ids = [i for i in article.ids if re.fullmatch(r"p-\d+", i)]
    assert paragraph_ids == [f"p-{n}" for n in range(1, len(source.paragraphs) + 1)]
    for n, text in enumerate(source.paragraphs, 1):
        # The visible paragraph is its number, then the source text exactly.
        assert article.text_by_id[f"p-{n}"] == f"{n} {text}"


def test_every_source_sentence_is_on_the_article_page(site):
    body = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]
    segmenter = pysbd.Segmenter(language="en", clean=False)
    # pysbd is an independent splitter: the page must hold each sentence it finds, whatever ours does.
    sentences = [s.strip() for line in body.splitlines() if line.strip() for s in segmenter.segment(line) if s.strip()]
    assert len(sentences) >= 20
    text = page(site, "articles/xi-putin-moscow").text
    missing = [s for s in sentences if " ".join(s.split()) not in text]
    assert missing == []


def _internal_links(site: Path, url: str) -> list[tuple[str, str]]:
    """(target page url, anchor) for each link on a page that stays inside the site."""
    base = "http://site/" + url.strip("/") + ("/" if url.strip("/") else "")
    out = []
    for href in page(site, url).links:
        absolute = urlparse(urljoin(base, href))
        if absolute.netloc == "site":
            out.append((absolute.path.strip("/"), absolute.fragment))
    return out


def _broken_links(site: Path) -> list[str]:
    """Every internal link, Markdown-made (MkDocs checks those too) or raw HTML (only this checks those)."""
    pages = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    pages = ["" if p == "." else p for p in pages]
    ids = {p: set(page(site, p).ids) for p in pages}
    broken = []
    for url in pages:
        for target, anchor in _internal_links(site, url):
            if target.startswith(("assets", "search", "data")) or target.endswith((".json", ".xml", ".css")):
                if not (site / target).exists():
                    broken.append(f"{url} → {target}")
            elif target not in ids or (anchor and anchor not in ids[target]):
                broken.append(f"{url} → {target}#{anchor}")
    return broken


def test_every_internal_link_and_anchor_resolves(site):
    assert _broken_links(site) == []


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory):
    """More articles than a part holds, so that links must point into parts 2, 3 … of long pages."""
    from bench import write_corpus

    work = tmp_path_factory.mktemp("parted")
    write_corpus(work / "seeds", 2 * ARTICLES_PER_PART + 5)
    return build_site(work / "seeds", work / "project")


def test_links_resolve_across_a_corpus_whose_pages_come_in_parts(parted_site):
    assert list(parted_site.glob("themes/*/3/index.html")) and list(parted_site.glob("places/*/2/index.html"))
    assert _broken_links(parted_site) == []


def _parts_of(site: Path, index: str) -> list[str]:
    """The URLs of an index page and its parts 2, 3 …, as its parts line links them."""
    numbered = sorted(int(p.parent.name) for p in site.glob(f"{index}/*/index.html") if p.parent.name.isdigit())
    assert numbered == list(range(2, len(numbered) + 2)), numbered
    return [index] + [f"{index}/{n}" for n in numbered]


def test_the_quotes_index_and_the_coverage_matrix_come_in_parts_and_lose_nothing(parted_site):
    corpus = json.loads((parted_site / "data/corpus.json").read_text())
    # Every article is one row of the matrix, on exactly one part, and no part holds more than a part's worth.
    coverage = _parts_of(parted_site, "coverage")
    rows = [[t for t, a in _internal_links(parted_site, url) if t.startswith("articles/") and not a] for url in coverage]
    assert len(coverage) == 3 and all(len(r) <= ARTICLES_PER_PART for r in rows)
    assert sorted(t for r in rows for t in r) == sorted(f"articles/{a['slug']}" for a in corpus["articles"])
    # Every quote is listed once under each of its themes, across the parts of the quotes index, each part
    # holding at most a part's worth of rows unless one article alone has more.
    listed = Counter()
    quotes = _parts_of(parted_site, "quotes")
    assert len(quotes) > 1
    for n, url in enumerate(quotes, 1):
        on_part = [a for t, a in _internal_links(parted_site, url) if t.startswith("analysts/") and a]
        assert len(on_part) <= ENTRIES_PER_PART
        listed.update(on_part)
        assert (f"Quotes (part {n})" if n > 1 else "Quotes") in page(parted_site, url).text
    expected = Counter(f"{q['article']}-q-{q['index']}" for q in corpus["quotes"] if q["speaker"]
                       for _ in q["themes"])
    assert listed == expected


@pytest.fixture(scope="module")
def indexed_site(tmp_path_factory):
    """A corpus whose indexes are longer than an index page holds (made short here), so they come in parts."""
    from bench import write_corpus
    from briefing.build import build
    from briefing.render import parts

    work = tmp_path_factory.mktemp("indexed")
    write_corpus(work / "seeds", 85)
    for path in (ROOT / "tests/fixtures/news").glob("*.txt"):  # undated, and naming people
        (work / "seeds" / path.name).write_bytes(path.read_bytes())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "INDEX_ROWS", 4)
        assert build(work / "seeds", work / "project" / "docs")[0] == []
    result = mkdocs_build(work / "project")
    assert result.returncode == 0, result.stderr
    return work / "project" / "site"


def _listed(site: Path, url: str, section: str) -> list[str]:
    """The entries of an index page: links into section that are not themselves index pages."""
    return [t for t, a in _internal_links(site, url) if t.startswith(section + "/") and not a
            and not re.search(r"/(archive|a-z)(/|$)|/\d+$", t)]


def test_long_indexes_come_by_year_and_month_and_by_letter_and_lose_nothing(indexed_site):
    corpus = json.loads((indexed_site / "data/corpus.json").read_text())
    assert _broken_links(indexed_site) == []
    # Articles: the index lists years, each year its months; every article is on exactly one month's page,
    # or on the page of undated articles.
    years = [t for t, _ in _internal_links(indexed_site, "articles") if re.fullmatch(r"articles/archive/\w+", t)]
    assert years == [f"articles/archive/{y}" for y in ("2024", "2023", "2022", "2021", "2020", "undated")]
    months = sorted(p.parent.relative_to(indexed_site).as_posix()
                    for p in indexed_site.glob("articles/archive/*/*/index.html"))
    assert len([m for m in months if "undated" not in m]) == 60 and "articles/archive/undated/2" in months
    listed = [t for month in months + ["articles/archive/undated"] for t in _listed(indexed_site, month, "articles")]
    assert sorted(listed) == sorted(f"articles/{a['slug']}" for a in corpus["articles"])
    april = page(indexed_site, "articles/archive/2021/04")
    assert "Articles: April 2021" in april.text and ("articles/archive/2021", "") in _internal_links(
        indexed_site, "articles/archive/2021/04")
    # Analysts, places, people: by letter, a long letter in parts, everyone once, under their initial.
    for section, key in (("analysts", "surname"), ("places", "name"), ("people", "name")):
        entries = corpus[section] if section != "analysts" else corpus["analysts"]
        letters = sorted(p.parent.relative_to(indexed_site).as_posix()
                         for p in indexed_site.glob(f"{section}/a-z/*/index.html"))
        parts = sorted(p.parent.relative_to(indexed_site).as_posix()
                       for p in indexed_site.glob(f"{section}/a-z/*/*/index.html"))
        assert letters and (parts or section != "analysts")  # seven analysts under T, four a page
        shown = {}
        for url in letters + parts:
            letter = url.split("/")[2]
            for target in _listed(indexed_site, url, section):
                shown.setdefault(target, []).append(letter)
        assert sorted(shown) == sorted(f"{section}/{e['slug']}" for e in entries)
        names = {f"{section}/{e['slug']}": e["name"] for e in entries}
        for target, under in shown.items():
            name = names[target].split()[-1] if key == "surname" else names[target]
            assert under == [slugify(name)[0]], (target, under)  # "Ó Briain" under O


def test_themes_and_paragraphs_link_both_ways(site):
    article_links = set(_internal_links(site, "articles/xi-putin-moscow"))
    for theme in ("sanctions", "iran-drones", "central-asia"):
        to_article = [a for t, a in _internal_links(site, f"themes/{theme}") if t == "articles/xi-putin-moscow" and a]
        assert to_article, theme
        for anchor in to_article:
            n = anchor.removeprefix("p-")
            # The paragraph links back to its excerpt on the theme page.
            assert (f"themes/{theme}", f"xi-putin-moscow-p-{n}") in article_links, (theme, anchor)


def test_analysts_and_paragraphs_link_both_ways(site):
    article_links = set(_internal_links(site, "articles/xi-putin-moscow"))
    for analyst in ("david-dalton", "francis-lee-saunders", "barbara-keleman"):
        links = _internal_links(site, f"analysts/{analyst}")
        quoted = [a for t, a in links if t == "articles/xi-putin-moscow" and a]
        assert quoted
        assert any(t == f"analysts/{analyst}" for t, _ in article_links)
        assert any(t.startswith("themes/") for t, _ in links)


def test_theme_pages_mark_the_matched_terms(site):
    central_asia = page(site, "themes/central-asia")
    marked = [central_asia.text_by_id.get(i, "") for i in central_asia.ids if i.startswith("xi-putin-moscow-p-")]
    html = (site / "themes/central-asia/index.html").read_text()
    assert re.findall(r"<mark>(.*?)</mark>", html) == ["central Asia", "Kazakhstan"]
    assert len(marked) == 2
    assert "Dragonfly" in page(site, "themes/sanctions").text  # the quotes on the theme, with speakers


def test_theme_pages_show_each_of_their_paragraphs_whole(site):
    """A theme page reads as the article's section on that theme: every paragraph on the theme, in full and in
    article order, its number linking to the paragraph, each quote in it with its speaker."""
    source = parse_seed(SEED.name, SEED.read_bytes()).paragraphs
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    for theme in corpus["themes"]:
        on_page = page(site, f"themes/{theme['slug']}")
        numbers = [p["n"] for p in theme["paragraphs"]]
        assert numbers or theme["slug"] == "other", theme["slug"]
        shown = [i for i in on_page.ids if i.startswith("xi-putin-moscow-p-")]
        assert shown == [f"xi-putin-moscow-p-{n}" for n in numbers]
        for n in numbers:
            assert on_page.text_by_id[f"xi-putin-moscow-p-{n}"] == f"{n} {source[n - 1]}", (theme["slug"], n)
        links = set(_internal_links(site, f"themes/{theme['slug']}"))
        assert all(("articles/xi-putin-moscow", f"p-{n}") in links for n in numbers)
        # Under each paragraph, the rules that put it on the theme, which the page lists.
        html = (site / "themes" / theme["slug"] / "index.html").read_text(encoding="utf-8")
        why = [html_lib.unescape(w) for w in re.findall(r"<p data-search-exclude>Matched by: (.*?)(?: · |</p>)", html)]
        assert why == [", ".join(p["rules"]) for p in theme["paragraphs"]], theme["slug"]
        for rule in {r for p in theme["paragraphs"] for r in p["rules"]}:
            assert re.search(rf"{re.escape(rule)} ?: ", on_page.text), rule
    quoted = page(site, "themes/sanctions")
    assert "Quote: David Dalton (inferred: descriptor)" in quoted.text
    assert ("analysts/david-dalton", "xi-putin-moscow-q-4") in _internal_links(site, "themes/sanctions")


def test_links_inside_text_go_only_to_places_people_and_analysts(site):
    """Never a common word turned into a link to a theme ("lone figure" is not Russia's isolation)."""
    for html_page in [*site.glob("themes/*/index.html"), *site.glob("places/*/index.html"),
                      *site.glob("people/*/index.html")]:
        html = html_page.read_text(encoding="utf-8")
        base = "http://site/" + html_page.parent.relative_to(site).as_posix() + "/"
        for excerpt in re.findall(r'<blockquote class="excerpt"[^>]*><p>(.*?)</p></blockquote>', html):
            targets = [urljoin(base, href) for href in re.findall(r'<a (?:class="para-n" )?href="([^"]+)"', excerpt)]
            assert all(re.fullmatch(r"http://site/((places|people|analysts)/[^#]*|articles/[^#]+#p-\d+)", t)
                       for t in targets), (html_page, targets)


def test_profiles_show_role_quotes_and_inferred_attributions(site):
    dalton = page(site, "analysts/david-dalton")
    assert "senior analyst specialising in Europe and Eurasia" in dalton.text
    assert "Dragonfly Intelligence" in dalton.text
    assert "inferred (continuation)" in dalton.text and "inferred (look-ahead)" in dalton.text
    assert "Dalton explains that while China did not promise" in dalton.text  # reported speech
    keleman = page(site, "analysts/barbara-keleman")
    assert "inferred (pronoun)" in keleman.text
    # The organisation is normalised; the cue, quoted from the source, keeps the source's spelling.
    assert "Organisation: Dragonfly Intelligence" in keleman.text
    for other in ("David Dalton", "Francis Lee-Saunders"):
        assert other in keleman.text


def test_corpus_json_is_valid_against_its_schema(site):
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "corpus.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(corpus)
    speakers = [(q["paragraphs"], q["speaker"], q["attribution"]["method"]) for q in corpus["quotes"]]
    assert speakers[0] == ([5], "david-dalton", "explicit")
    assert ([17], "barbara-keleman", "pronoun") in speakers
    assert {a["slug"] for a in corpus["analysts"]} == {"david-dalton", "francis-lee-saunders", "barbara-keleman"}
    article = corpus["articles"][0]
    assert article["source"] == "The Independent" and len(article["paragraphs"]) == 20
    assert all(p["themes"] for p in article["paragraphs"])


def test_a_broken_anchor_fails_the_strict_build(tmp_path):
    assert generate(SEEDS, tmp_path).returncode == 0
    page_md = tmp_path / "docs" / "themes" / "sanctions" / "index.md"
    page_md.write_text(page_md.read_text() + "\n[broken](../../articles/xi-putin-moscow/index.md#p-999)\n")
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0
    assert "p-999" in result.stdout + result.stderr


def test_other_articles_build_without_code_changes(tmp_path):
    """The annotated news fixtures, dropped in beside the seed, build into a valid site."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in [SEED, SEEDS / "themes.yml", *(ROOT / "tests/fixtures/news").glob("*.txt")]:
        (seeds / path.name).write_bytes(path.read_bytes())
    site = build_site(seeds, tmp_path / "project")
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    assert len(corpus["articles"]) == 13
    assert len(corpus["analysts"]) > 40
    rail = page(site, "articles/rail-strike-automation")
    assert "Rail union" in rail.text or "rail" in rail.text.lower()
    # Each article gets a title from its headline and every paragraph its permalink.
    titles = {a["slug"]: a["title"] for a in corpus["articles"]}
    assert all(t and not t.endswith(".") for t in titles.values())
