"""Place names from a real gazetteer (pycountry: ISO 3166 countries and their subdivisions)."""

from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Lowercase names of every country (short, common and official) and subdivision."""
    names = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(country, attr):
                names.add(getattr(country, attr).lower())
    names.update(s.name.lower() for s in pycountry.subdivisions)
    return frozenset(names)


def is_place(name: str) -> bool:
    return name.lower() in place_names()
