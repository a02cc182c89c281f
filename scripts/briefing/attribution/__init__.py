"""Who said what: the direct quotes and reported speech of one article, each attributed to a speaker with the
method and cue that found them.

Three passes over the paragraphs, all pure:
1. spans.py: quoted spans from the quotation marks;
2. cues.py: each span's cue, a speech verb and its subject (mentions.py) before or after the span, in the same
   sentence; and sentences of reported speech;
3. sieves.py: in reading order, who each quote points at and which person of the article (cast.py) that is,
   by ordered sieves.
Names (names.py), roles and organisations (roles.py) are read by rules whose word lists are data (lexicon/).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Person, Quote, Reported
from .cast import Cast
from .cues import find_units, join_multi_paragraph, reported_candidates
from .sieves import InView, attribute, resolve
from .spans import article_marks, quoted_spans

__all__ = ["extract", "extract_all", "article_spans"]


def extract(paragraphs: tuple[str, ...]) -> tuple[tuple[Person, ...], tuple[Quote, ...], tuple[Reported, ...]]:
    """The speakers, quotes and reported speech of an article whose paragraphs are numbered from 1."""
    people, quotes, reported, _ = extract_all(paragraphs)
    return people, quotes, reported


def article_spans(paragraphs: tuple[str, ...], marks=None) -> list[list]:
    """The quoted spans of each paragraph, with the article's own quotation marks."""
    marks = marks or article_marks(paragraphs)
    return [quoted_spans(text, n, marks) for n, text in enumerate(paragraphs, 1)]


def extract_all(paragraphs: tuple[str, ...]):
    """extract(), and the people named anywhere in the article: (paragraph, start, end, full name)."""
    marks = article_marks(paragraphs)
    spans = article_spans(paragraphs, marks)
    units = join_multi_paragraph([find_units(text, s, marks) for text, s in zip(paragraphs, spans)])
    cast = Cast(paragraphs, spans)
    units_in: dict[int, list[int]] = {}  # paragraph → indexes of the units that start there
    for i, unit in enumerate(units):
        units_in.setdefault(unit.spans[0].paragraph, []).append(i)
    quotes: list[Quote] = []
    reported: list[Reported] = []
    order: dict[str, None] = {}  # speakers in order of first speaking
    for n, text in enumerate(paragraphs, 1):
        events = [(units[i].spans[0].outer_start, 1, i) for i in units_in.get(n, ())]
        events += [(start, 0, r) for start, r in reported_candidates(text, spans[n - 1])]
        for start, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == 0:
                sentence, subject, cue_text = item
                name, _ = resolve(subject, (n, start), cast)
                if name:
                    cast.spoke(name, n)
                    reported.append(Reported(paragraph=n, text=sentence, speaker=name, cue=cue_text))
            else:
                quotes.append(attribute(InView(item, units, quotes, paragraphs), cast))
                name = quotes[-1].speaker
            if name:
                order.setdefault(name)
    spelt = _as_written(order, paragraphs)
    if spelt:  # rare: a name with an apostrophe the article writes two ways
        return (tuple(replace(cast.people[n], name=spelt.get(n, n)) for n in order),
                tuple(replace(q, speaker=spelt.get(q.speaker, q.speaker)) for q in quotes),
                tuple(replace(r, speaker=spelt.get(r.speaker, r.speaker)) for r in reported),
                tuple((p, a, b, spelt.get(n, n)) for p, a, b, n in cast.named()))
    return tuple(cast.people[name] for name in order), tuple(quotes), tuple(reported), tuple(cast.named())


_APOSTROPHE = re.compile(r"['’´ʼ]")


def _as_written(speakers, paragraphs: tuple[str, ...]) -> dict[str, str]:
    """Speakers whose name has an apostrophe, spelt with the one the article writes most in it: O'Neill where
    it writes "O'Neill" three times and "James O’Neill" once."""
    spelt = {}
    for name in speakers:
        surname = name.split()[-1]
        if not _APOSTROPHE.search(surname):
            continue
        pattern = re.compile(_APOSTROPHE.sub("(['’´ʼ])", re.escape(surname).replace("\\'", "'")))
        glyphs = Counter(m.group(1) for text in paragraphs for m in pattern.finditer(text))
        if glyphs:
            glyph = min(glyphs, key=lambda c: (-glyphs[c], c))
            spelt[name] = _APOSTROPHE.sub(glyph, name)
    return {name: other for name, other in spelt.items() if other != name}
