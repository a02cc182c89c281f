"""Places, people, the quotes index, structured data and the coverage page, on the real built site."""

import json
import re

import jsonschema

from site_build import Page
from test_site import _internal_links

PLACES = ["iran", "kazakhstan", "armenia", "belarus", "north-korea", "russia", "china", "ukraine", "central-asia"]


def page(site, url):
    return Page(site / url / "index.html")


def test_place_pages_show_paragraphs_themes_and_analysts(site):
    for slug in PLACES:
        assert (site / "places" / slug / "index.html").is_file(), slug
    kazakhstan = _internal_links(site, "places/kazakhstan")
    assert ("articles/xi-putin-moscow", "p-12") in kazakhstan
    assert ("themes/central-asia", "") in kazakhstan and ("analysts/david-dalton", "") in kazakhstan
    html = (site / "places/kazakhstan/index.html").read_text()
    assert re.findall(r"<mark>(.*?)</mark>", html) == ["Kazakhstan"]
    assert "(region)" in page(site, "places").text  # Central Asia is listed as a region


def test_people_named_but_not_quoted_and_analysts_not_duplicated(site):
    people = sorted(p.name for p in (site / "people").iterdir() if p.is_dir())
    assert people == ["vladimir-putin", "xi-jinping"]
    xi = _internal_links(site, "people/xi-jinping")
    # "Xi’s" and "Xi" alone resolve to the full name introduced in the first paragraph.
    assert {a for t, a in xi if t == "articles/xi-putin-moscow"} >= {"p-1", "p-2", "p-8", "p-9", "p-14", "p-16"}


def test_linked_both_ways_with_articles_themes_and_analysts(site):
    article = set(_internal_links(site, "articles/xi-putin-moscow"))
    assert {("places/kazakhstan", ""), ("people/vladimir-putin", "")} <= article
    assert ("places/kazakhstan", "") in set(_internal_links(site, "themes/central-asia"))
    assert ("places/kazakhstan", "") in set(_internal_links(site, "analysts/david-dalton"))


def test_quotes_index_lists_every_quote_by_theme(site):
    quotes = page(site, "quotes")
    corpus = json.loads((site / "data/corpus.json").read_text())
    for theme in {t for q in corpus["quotes"] for t in q["themes"]}:
        assert theme in quotes.ids
    links = _internal_links(site, "quotes")
    quoted = {(q["speaker"], f"xi-putin-moscow-q-{q['index']}") for q in corpus["quotes"]}
    assert {(t.split("/")[1], a) for t, a in links if t.startswith("analysts/")} == quoted


def _json_ld(site, url):
    html = (site / url / "index.html").read_text()
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def test_structured_data(site):
    (dalton,) = _json_ld(site, "analysts/david-dalton")
    person, *quotations = dalton["@graph"]
    assert dalton["@context"] == "https://schema.org"
    assert person == {"@type": "Person", "name": "David Dalton",
                      "jobTitle": "senior analyst specialising in Europe and Eurasia",
                      "worksFor": {"@type": "Organization", "name": "Dragonfly Intelligence"}}
    assert len(quotations) == 6 and all(q["@type"] == "Quotation" and q["creator"]["name"] == "David Dalton"
                                        and q["text"] for q in quotations)
    (article,) = _json_ld(site, "articles/xi-putin-moscow")
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Xi in Moscow: what Putin wants from China"
    assert article["datePublished"] == "2023-04"
    assert article["publisher"] == {"@type": "Organization", "name": "The Independent"}
    assert "isBasedOn" not in article  # no URL is known for the seed


def test_coverage_page_counts_methods_and_maps_paragraphs(site):
    coverage = page(site, "coverage")
    for method, count in {"explicit": 5, "pronoun": 1, "descriptor": 1, "continuation": 1, "look-ahead": 1}.items():
        assert f"{method} {count} " in coverage.text
    links = set(_internal_links(site, "coverage"))
    assert {("articles/xi-putin-moscow", f"p-{n}") for n in range(1, 21)} <= links
    # Each theme's cell names the rule that put each paragraph there, before the paragraph numbers.
    corpus = json.loads((site / "data/corpus.json").read_text())
    for theme in corpus["themes"]:
        for paragraph in theme["paragraphs"]:
            assert re.search(rf"{re.escape(paragraph['rules'][0])}( \d+)*? {paragraph['n']}\b", coverage.text), \
                (theme["slug"], paragraph)


def test_corpus_json_has_places_and_people(site):
    corpus = json.loads((site / "data/corpus.json").read_text())
    jsonschema.validate(corpus, json.loads((site / "data/corpus.schema.json").read_text()))
    assert {p["slug"] for p in corpus["places"]} >= set(PLACES)
    putin = next(p for p in corpus["people"] if p["slug"] == "vladimir-putin")
    assert putin["kind"] == "person" and len(putin["mentions"]) >= 10


def test_names_in_excerpts_link_once_per_page_without_changing_the_text(site):
    html = (site / "themes/central-asia/index.html").read_text()
    excerpts = re.findall(r'<blockquote class="excerpt"[^>]*><p>(.*?)</p></blockquote>', html)
    links = [re.findall(r'<a href="([^"]+)">', e) for e in excerpts]
    assert "../../places/russia/" in links[0]
    assert "../../places/russia/" not in links[1]  # first occurrence only
    assert "../../places/armenia/" in links[1]
    # The words are the paragraph's own: removing the markup gives back a piece of the source.
    source = json.loads((site / "data/corpus.json").read_text())["articles"][0]["paragraphs"][11]["text"]
    plain = re.sub(r"<[^>]+>", "", excerpts[1]).replace("&#x27;", "'")
    assert plain == f"12 {source}"  # the paragraph whole, after its number


def test_a_place_is_found_before_either_possessive():
    from briefing.gazetteer import find_places

    text = "Russia’s army, the Philippines’ coast and Kazakhstan's grain"
    found = [(text[a:b], place.name) for a, b, place in find_places(text)]
    assert found == [("Russia", "Russia"), ("Philippines", "Philippines"), ("Kazakhstan", "Kazakhstan")]
