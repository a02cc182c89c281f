"""Theme matching: a theme's terms are found in a paragraph by word stems, ignoring case and inflection."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from .model import Theme, ThemeHit

# Words are runs of letters and digits; apostrophes and hyphens split them, so "Russia's" holds "Russia"
# and the term "no-limits partnership" matches "no-limits partnership" and "no limits partnership".
_WORD = re.compile(r"[^\W_]+")
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def words(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) for every word of text."""
    return [(_stem(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


# Snowball also strips derivational endings ("important" → "import"); a theme term should match only
# its inflections, so two words with one stem must differ by one of these endings.
_INFLECTIONS = frozenset({"", "s", "es", "ed", "d", "ing", "e", "y", "ies", "ied", "ying"})


@lru_cache(maxsize=65536)
def inflects(a: str, b: str) -> bool:
    """Whether a and b (lowercase) are inflections of one word: sanction/sanctioned, ally/allies, ban/banned."""
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    rest_a, rest_b = a[common:], b[common:]
    for rest in (rest_a, rest_b):
        if len(rest) > 1 and rest[0] == a[common - 1:common]:  # doubled consonant: ban → banned
            rest = rest[1:]
        if rest not in _INFLECTIONS:
            return False
    return True


class ThemeMatcher:
    """Compiled once per config: a map from each term's first stem to the terms that start with it."""

    def __init__(self, themes: tuple[Theme, ...]):
        self._themes = themes
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for theme in themes:
            for term in theme.terms:
                found = [(s, term[a:b].lower()) for s, a, b in words(term)]
                self._by_first.setdefault(found[0][0], []).append((theme.slug, tuple(found)))

    def match(self, text: str) -> tuple[ThemeHit, ...]:
        """The themes whose terms occur in text, in config order, each with the spans it matched."""
        tokens = words(text)
        lower = text.lower()
        spans: dict[str, list[tuple[int, int]]] = {}
        for i, (stem, _, _) in enumerate(tokens):
            for theme, term in self._by_first.get(stem, ()):
                window = tokens[i:i + len(term)]
                if len(window) == len(term) and all(
                        s == term_stem and inflects(lower[a:b], surface)
                        for (s, a, b), (term_stem, surface) in zip(window, term)):
                    spans.setdefault(theme, []).append((window[0][1], window[-1][2]))
        return tuple(
            ThemeHit(theme=t.slug, spans=_merge(spans[t.slug])) for t in self._themes if t.slug in spans
        )


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with overlaps joined, so a marked term is never marked twice."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
