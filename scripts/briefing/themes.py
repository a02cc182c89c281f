"""Theme matching: a theme's terms and rules are found in a paragraph by word stems, ignoring case and inflection.

Every term of every theme is looked for in one pass over the paragraph's words; then each theme's rules are
checked against what was found (themes.yml says what each kind of rule means; model.Rule too).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from .model import Rule, Theme, ThemeHit

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


# A word of a term written in capitals ("SWIFT", "UAV", "IRGC") is an acronym: it matches only where the text
# writes it in capitals too, so that "SWIFT" is not "a swift response".
def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


# A term in quotation marks matches only as written, case aside: '"sanctions"' is the noun, not "sanctioned by
# the government", which means approved.
_EXACT = re.compile(r'^\s*"(.*)"\s*$')

# (stem, lowercase surface, the capitals an acronym must match or None, whether only the surface itself will do)
_Word = tuple[str, str, str | None, bool]


class _Rule:
    """A Rule with its terms replaced by their numbers in the matcher's table."""

    def __init__(self, rule: Rule, number):
        self.name = rule.name
        self.any_of = tuple(number(t) for t in rule.any_of)
        self.all_of = tuple(tuple(number(t) for t in group) for group in rule.all_of)
        self.near = tuple(tuple(number(t) for t in group) for group in rule.near)
        self.within = rule.within
        self.none_of = tuple(number(t) for t in rule.none_of)
        self.weak = tuple(number(t) for t in rule.weak)
        self.min_terms = rule.min_terms
        self.article = rule.article
        self.strong = tuple(dict.fromkeys(self.any_of + sum(self.all_of, ()) + sum(self.near, ())))
        # As sets, for the checks below: a paragraph is tested against every rule, so they must be cheap.
        self._any, self._none = frozenset(self.any_of), frozenset(self.none_of)
        self._groups = tuple(frozenset(group) for group in self.all_of + self.near)
        self._counted = frozenset(self.strong + self.weak)

    def matches(self, found: dict[int, list[tuple[int, int, int, int]]]) -> bool:
        present = found.keys()
        if not self._none.isdisjoint(present):
            return False
        if self._any and self._any.isdisjoint(present):
            return False
        if any(group.isdisjoint(present) for group in self._groups):
            return False
        if self.near and not self._near(found):
            return False
        return self.min_terms == 1 or len(self._counted.intersection(present)) >= self.min_terms

    def _near(self, found) -> bool:
        first = [o for t in self.near[0] for o in found.get(t, ())]
        second = [o for t in self.near[1] for o in found.get(t, ())]
        # Words between the two: 0 when they are next to each other (or overlap).
        return any(max(b[0] - a[1], a[0] - b[1]) <= self.within for a in first for b in second)


class ThemeMatcher:
    """Compiled once per config: every term of every theme, numbered once, indexed by the stem of its first word."""

    def __init__(self, themes: tuple[Theme, ...]):
        self._terms: dict[tuple[_Word, ...], int] = {}
        self._by_first: dict[str, list[tuple[int, tuple[_Word, ...]]]] = {}
        self._themes = [_Theme(theme, self._number) for theme in themes]

    def _number(self, term: str) -> int:
        exact = _EXACT.match(term)
        term = exact.group(1) if exact else term
        key = tuple((s, term[a:b].lower(), term[a:b] if _is_acronym(term[a:b]) else None, bool(exact))
                    for s, a, b in words(term))
        if key not in self._terms:
            self._terms[key] = len(self._terms)
            self._by_first.setdefault(key[0][0], []).append((self._terms[key], key))
        return self._terms[key]

    def _find(self, text: str) -> dict[int, list[tuple[int, int, int, int]]]:
        """term number → where it occurs: (first word, end word, start character, end character)."""
        tokens = words(text)
        lower = text.lower()
        found: dict[int, list[tuple[int, int, int, int]]] = {}
        for i, (stem, _, _) in enumerate(tokens):
            for number, term in self._by_first.get(stem, ()):
                window = tokens[i:i + len(term)]
                if len(window) == len(term) and all(
                        s == term_stem and (lower[a:b] == surface if exact else inflects(lower[a:b], surface))
                        and (caps is None or text.startswith(caps, a))
                        for (s, a, b), (term_stem, surface, caps, exact) in zip(window, term)):
                    found.setdefault(number, []).append((i, i + len(term), window[0][1], window[-1][2]))
        return found

    def match(self, text: str) -> tuple[ThemeHit, ...]:
        """The themes of text read alone (an article of one paragraph)."""
        return self.match_article([text])[0]

    def match_article(self, texts) -> list[tuple[ThemeHit, ...]]:
        """For each paragraph of an article, the themes whose rules match it, in config order, each with the rules
        that matched and the spans of their terms. Rules with an `article` share are checked last, against the
        share of the article's paragraphs that the theme's other rules took."""
        found = [self._find(text) for text in texts]
        matched = [[theme.direct_matches(f) for theme in self._themes] for f in found]
        for t, theme in enumerate(self._themes):
            share = sum(1 for m in matched if m[t]) / max(1, len(texts))
            for rule in theme.in_article:
                if share >= rule.article:
                    for f, m in zip(found, matched):
                        if not theme.excluded(f) and rule.matches(f):
                            m[t].append(rule)
        return [self._hits(f, m) for f, m in zip(found, matched)]

    def _hits(self, found, matched) -> tuple[ThemeHit, ...]:
        hits = []
        for theme, on in zip(self._themes, matched):
            if on:
                on = [rule for rule in theme.rules if rule in on]  # in the order the editor wrote them
                terms = dict.fromkeys(t for rule in on for t in rule.strong + rule.weak)
                spans = [(a, b) for t in terms for _, _, a, b in found.get(t, ())]
                hits.append(ThemeHit(theme=theme.slug, spans=_merge(spans), rules=tuple(r.name for r in on)))
        return tuple(hits)


class _Theme:
    """A theme's rules, compiled: those that stand alone, those that need an article on the theme, and the terms
    without which none of the former can match (most paragraphs are on few themes, so most are skipped)."""

    def __init__(self, theme: Theme, number):
        self.slug = theme.slug
        self.rules = tuple(_Rule(rule, number) for rule in theme.all_rules)
        self.direct = tuple(rule for rule in self.rules if not rule.article)
        self.in_article = tuple(rule for rule in self.rules if rule.article)
        self._none = frozenset(number(t) for t in theme.none_of)
        self._cues = frozenset(t for rule in self.direct for t in rule.strong)

    def excluded(self, found) -> bool:
        return not self._none.isdisjoint(found.keys())

    def direct_matches(self, found) -> list[_Rule]:
        if self._cues.isdisjoint(found.keys()) or self.excluded(found):
            return []
        return [rule for rule in self.direct if rule.matches(found)]


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with overlaps joined, so a marked term is never marked twice."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
