"""The attribution rules' word lists, loaded from the data files in lexicon/ (their README says the format).

Package data, read once per process: the lists are part of the tool, like pycountry's tables, and an editor
extends them by editing a file, never the code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).parent / "lexicon"


@lru_cache(maxsize=None)
def _lines(name: str) -> tuple[str, ...]:
    text = (FOLDER / name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[tuple[str, ...], ...]:
    """A list file: each entry with its forms, in file order."""
    return tuple(tuple(form.strip() for form in line.split(",") if form.strip()) for line in _lines(name))


@lru_cache(maxsize=None)
def words(name: str, lower: bool = True) -> frozenset[str]:
    """Every form of every entry of a list file (lowercased unless the file is case-sensitive)."""
    return frozenset(form.lower() if lower else form for entry in entries(name) for form in entry)


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """A table file: key → value, in file order."""
    pairs = (line.split("=", 1) for line in _lines(name))
    return {key.strip(): value.strip() for key, value in pairs}


@lru_cache(maxsize=None)
def alternation(name: str, lower: bool = True) -> str:
    """The forms of a list file as a regular-expression alternation, longest first, any run of spaces between
    the words of a phrase."""
    forms = sorted(words(name, lower), key=lambda form: (-len(form), form))
    return "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in forms)


def strip_possessive(word: str) -> str:
    """Dalton's → Dalton, Wales' → Wales. Called for every word of every article, so no regular expression."""
    if word.endswith(("'s", "’s", "´s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’", "´")) else word
