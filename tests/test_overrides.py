"""An editor corrects an attribution, a role or a name in seeds/overrides.yml, without touching code."""

import html
import json
import re

from briefing.build import build
from site_build import ROOT


def test_overrides_change_attribution_and_profile(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("themes.yml", "xi-putin-moscow.txt"):
        (seeds / name).write_bytes((ROOT / "seeds" / name).read_bytes())
    (seeds / "overrides.yml").write_text(
        "analysts:\n"
        "  Francis Lee-Saunders: {role: independent analyst, organisation: Eurasia Desk}\n"
        "quotes:\n"
        "  - {article: xi-putin-moscow, paragraph: 13, speaker: Barbara Keleman}\n"
    )
    assert build(seeds, tmp_path / "docs")[0] == []
    corpus = json.loads((tmp_path / "docs" / "data" / "corpus.json").read_text())
    quote = next(q for q in corpus["quotes"] if q["paragraphs"] == [13])
    assert (quote["speaker"], quote["attribution"]["method"]) == ("barbara-keleman", "override")
    analyst = next(a for a in corpus["analysts"] if a["slug"] == "francis-lee-saunders")
    assert (analyst["role"], analyst["organisation"]) == ("independent analyst", "Eurasia Desk")
    profile = (tmp_path / "docs" / "analysts" / "barbara-keleman" / "index.md").read_text()
    assert "xi-putin-moscow-q-5" in profile


ARTICLE = ("---\ntitle: Museum\npublished: 2016-09-25\n---\n"
           "“Hopefully this museum can help us talk to each other and listen to each other,” Obama said.\n"
           "The crowd waited in the sun for hours.\n"
           "“A bare quote paragraph that nobody in the article introduces.”\n")


def _to_check(docs):
    """The overrides lines the coverage page shows, by kind."""
    page = (docs / "coverage" / "index.md").read_text()
    lines = re.findall(r"<code>(.*?)</code>", page)
    return [html.unescape(line) for line in lines if line.startswith("- {")], \
        [html.unescape(line) for line in lines if not line.startswith("- {")]


def test_the_coverage_page_lists_what_to_check_and_the_override_that_fixes_it(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    (seeds / "museum.txt").write_text(ARTICLE)
    assert build(seeds, tmp_path / "docs")[0] == []
    quotes, profiles = _to_check(tmp_path / "docs")
    assert quotes == ['- {article: museum, paragraph: 3, speaker: "…"}']
    assert profiles == ['"Obama": {name: "…", role: "…", organisation: "…"}']
    # The editor fills in the lines the page shows; the rebuilt page has nothing left to check.
    (seeds / "overrides.yml").write_text(
        "analysts:\n  " + profiles[0].replace('name: "…"', 'name: "Barack Obama"').replace(', role: "…"', "")
        .replace(', organisation: "…"', "") + "\nquotes:\n  " + quotes[0].replace('"…"', '"Obama"') + "\n")
    assert build(seeds, tmp_path / "docs")[0] == []
    assert _to_check(tmp_path / "docs") == ([], [])
    corpus = json.loads((tmp_path / "docs" / "data" / "corpus.json").read_text())
    assert [a["name"] for a in corpus["analysts"]] == ["Barack Obama"]
    assert [q["speaker"] for q in corpus["quotes"]] == ["obama", "obama"]
