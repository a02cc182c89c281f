"""The project's own seeds/themes.yml on sentences written here in the ways analysis and other news phrase things:
each card theme found where a paragraph is about it, with or without its name, and no everyday word deciding
a theme by itself ("visit", "relationship", "war", "West", "Iran")."""

from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.themes import ThemeMatcher

CONFIG, _ = load_config(Path(__file__).parents[1] / "seeds")
MATCHER = ThemeMatcher(CONFIG.themes)
CARD = {"sanctions", "iran-drones", "central-asia", "moscow-summit"}


@pytest.mark.parametrize("text, themes", [
    # Sanctions, named or not: the tools, the evasion, the enforcement.
    ("The EU agreed its 13th package of sanctions against Russia on Wednesday.", {"sanctions"}),
    ("Tankers with murky owners and no Western insurance now carry most of Russia's seaborne crude.", {"sanctions"}),
    ("A shadow fleet of some 600 ageing vessels moves the oil beyond the reach of the West.", {"sanctions"}),
    ("The G7 cap on Russian oil has leaked badly since the spring.", {"sanctions"}),
    ("Europe banned imports of Russian crude by sea in December.", {"sanctions"}),
    ("Parallel imports of iPhones and Western cars reach Russian shops through Armenia and Kazakhstan.",
     {"sanctions", "central-asia"}),
    ("Chips from Western firms keep turning up in the Russian missiles that hit Kyiv.", {"sanctions"}),
    ("Exporters re-export washing machines to Russia through Kyrgyzstan.", {"sanctions", "central-asia"}),
    ("America's Treasury this week added 300 entities to its list of designated persons.", {"sanctions"}),
    ("Chinese banks fear secondary sanctions more than they value Russian business.", {"sanctions"}),
    ("Some $300bn of the Russian central bank's reserves remain frozen in the West.", {"sanctions"}),
    ("The much-sanctioned pair are building a rail link.", {"sanctions"}),
    ("Firms found dodging export controls face fines.", {"sanctions"}),
    # ... and not: another sense of the word, or another cap, ban or embargo.
    ("The lawmaker said the hackers were sanctioned by the Russian government itself.", set()),
    ("Ofgem's price cap on energy bills rises in April.", set()),
    ("The report is embargoed until midnight on Tuesday.", set()),
    ("The NCAA imposed sanctions on the football programme.", set()),
    # Iran's drones, with or without "Iran".
    ("Russia has fired more than 4,000 Shahed drones at Ukrainian cities since September 2022.", {"iran-drones"}),
    ("The Geran-2, as Russia calls its licensed copy, is now assembled in Tatarstan.", {"iran-drones"}),
    ("Tehran at first denied sending any unmanned aerial vehicles to Moscow.", {"iran-drones"}),
    ("Iran's Revolutionary Guards supplied hundreds of Mohajer-6 drones.", {"iran-drones"}),
    ("Russian kamikaze drones struck Odesa's port overnight.", {"iran-drones"}),
    ("Amazon wants to deliver parcels by drone within five years.", set()),
    ("Iran's nuclear programme came up in the vice-presidential debate.", set()),
    # Central Asia: the five states, their cities, leaders and peoples, and the region.
    ("Russia remains the main destination for migrant workers from Tajikistan and Uzbekistan.", {"central-asia"}),
    ("Mr Tokayev has kept his distance from the war.", {"central-asia"}),
    ("Moscow is losing influence in central Asia.", {"central-asia"}),
    ("Asia is large, and the centre held.", set()),
    # The summit: Xi's and Putin's, not any visit.
    ("Putin rolled out the red carpet for Xi in the Kremlin's St George's Hall.", {"moscow-summit"}),
    ("Aung San Suu Kyi's visit to the White House was a triumph.", set()),
    ("The coal company's first trip through bankruptcy.", set()),
    ("Xi met Biden in San Francisco.", set()),
    # Everyday words that decide nothing alone.
    ("The West Virginia primary was a rout.", set()),
    ("Cruz has a rocky relationship with Trump.", set()),
    ("Both candidates oppose the Trans-Pacific Partnership.", set()),
    ("The war on drugs filled the prisons.", set()),
])
def test_the_seed_themes_on_sentences_of_their_kind(text, themes):
    assert {hit.theme for hit in MATCHER.match(text)} & CARD == themes
