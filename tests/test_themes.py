"""Theme matching: terms match whatever their case and inflection, and mark exactly what matched."""

import pytest

from briefing.model import Theme
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
