"""An editor corrects an attribution, a role or a name in seeds/overrides.yml, without touching code."""

import json

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
