"""Theme matching: terms match whatever their case and inflection, and mark exactly what matched."""

import pytest

from briefing.model import Rule, Theme
from briefing.themes import ThemeMatcher

THEMES = (
    Theme("sanctions", "Sanctions", "d", ("sanction",)),
    Theme("imports", "Imports", "d", ("import",)),
    Theme("central-asia", "Central Asia", "d", ("Central Asia", "Kazakhstan")),
    Theme("partnership", "Partnership", "d", ("no-limits partnership",)),
    Theme("drones", "Drones", "d", ("drone",)),
)
MATCHER = ThemeMatcher(THEMES)


@pytest.mark.parametrize("text, themes", [
    ("Russia faces mounting sanctions.", ["sanctions"]),
    ("The bank was sanctioned last year.", ["sanctions"]),
    ("One SANCTION was lifted.", ["sanctions"]),
    ("Losing influence in central Asia.", ["central-asia"]),
    ("Armenia and Kazakhstan are examples; sanctions bite.", ["sanctions", "central-asia"]),
    ("Xi’s role in the “no-limits partnership” grew.", ["partnership"]),
    ("A no limits partnership, they said.", ["partnership"]),
    ("Shahed drones hit the city.", ["drones"]),
    ("Imports rose; one import fell.", ["imports"]),
    # Negative: a term must match whole words; "Asia" alone is not "Central Asia".
    ("Asia is large; the centre held.", []),
    ("Sanctuary cities are unrelated.", []),
    # Negative: one stem, but not an inflection ("important" is not a form of "import").
    ("It was important for trade.", []),
])
def test_theme_matching(text, themes):
    assert [hit.theme for hit in MATCHER.match(text)] == themes


def test_matched_spans_are_the_terms_as_written():
    text = "Mounting sanctions and more Sanctions in Central Asia."
    spans = {hit.theme: [text[a:b] for a, b in hit.spans] for hit in MATCHER.match(text)}
    assert spans == {"sanctions": ["sanctions", "Sanctions"], "central-asia": ["Central Asia"]}


# The query language of themes.yml: any, all, near, none, min and weak terms, and the rule that matched.
RULED = ThemeMatcher((
    Theme("iran-drones", "Iran drones", "d", ("Shahed",), rules=(
        Rule("Iran near drones", near=(("Iran", "Iranian", "Tehran"), ("drone", "UAV")), within=6),
    )),
    Theme("evasion", "Evasion", "d", (), rules=(
        Rule("fleet", any_of=("shadow fleet", "dark fleet"), none_of=("fishing",)),
        Rule("two of", any_of=("re-export", "parallel imports"), weak=("tanker", "oil", "Armenia"), min_terms=2),
        Rule("both", all_of=(("Russia", "Moscow"), ("SWIFT",))),
    )),
    Theme("summit", "Summit", "d", ("state visit",), none_of=("White House",)),
))


@pytest.mark.parametrize("text, hits", [
    ("Shahed drones hit Kyiv.", {"iran-drones": ("terms",)}),
    ("Iran has sent Russia hundreds of drones.", {"iran-drones": ("Iran near drones",)}),
    ("Iranian-made UAVs were launched at night.", {"iran-drones": ("Iran near drones",)}),
    # Negative: the two words too far apart, or only one of them.
    ("Iran, as the debate moderator reminded both men on stage, was not the only drone issue.", {}),
    ("Iran's nuclear deal dominated the debate.", {}),
    ("Drones are changing farming.", {}),
    ("Tankers of the shadow fleet carry Russian crude.", {"evasion": ("fleet",)}),
    ("The shadow fleet of fishing boats left port.", {}),  # none: excludes
    ("Re-exports through Armenia soared.", {"evasion": ("two of",)}),  # a weak term alongside a strong one
    ("Parallel imports and re-exports grew.", {"evasion": ("two of",)}),
    ("Re-exports grew.", {}),  # min 2 not reached
    ("Armenia sells oil by tanker.", {}),  # weak terms alone never match
    ("Moscow was cut off from SWIFT.", {"evasion": ("both",)}),
    ("Moscow responded with swift retaliation.", {}),  # an acronym matches only in capitals
    ("Xi's state visit to Moscow.", {"summit": ("terms",)}),
    ("Suu Kyi's state visit to the White House.", {}),  # the theme's none: excludes whatever matched
])
def test_rules(text, hits):
    assert {hit.theme: hit.rules for hit in RULED.match(text)} == hits


def test_a_paragraph_records_every_rule_that_matched_and_marks_their_terms():
    text = "A dark fleet tanker took re-exported oil."
    (hit,) = RULED.match(text)
    assert hit.rules == ("fleet", "two of")
    assert [text[a:b] for a, b in hit.spans] == ["dark fleet", "tanker", "re-exported", "oil"]


def test_a_rule_with_an_article_share_counts_only_in_an_article_mostly_on_its_theme():
    matcher = ThemeMatcher((Theme("sanctions", "Sanctions", "d", ("sanctions",), rules=(
        Rule("in a piece on sanctions", any_of=("cap",), article=0.5),)),))
    on_theme = ["Sanctions bite.", "More sanctions came.", "The cap is leaking."]
    assert [[h.rules for h in hits] for hits in matcher.match_article(on_theme)] == \
        [[("terms",)], [("terms",)], [("in a piece on sanctions",)]]
    elsewhere = ["Sanctions bite.", "The weather was mild.", "The cap is leaking."]
    assert [[h.theme for h in hits] for hits in matcher.match_article(elsewhere)] == [["sanctions"], [], []]
    assert matcher.match("The cap is leaking.") == ()


def test_exact_terms_match_only_as_written():
    matcher = ThemeMatcher((Theme("sanctions", "Sanctions", "d", ('"sanctions"',)),))
    assert [h.theme for h in matcher.match("New SANCTIONS on Iran.")] == ["sanctions"]
    assert matcher.match("Hackers sanctioned by the state.") == ()
    assert matcher.match("A sanction was lifted.") == ()
