"""Pass 1: the quoted spans of a paragraph, from its quotation marks, and where its sentences begin.

Curly, straight, '' and guillemet marks are paired by glyph and by the characters around them. Most news quotes
with double marks and nests single ones inside them; British papers quote with single marks ('We will win,'
he said.) and nest double ones. An article's own marks (article_marks) say which it does: where single marks
quote, a single mark at a word's edge is a quotation mark, and inside a word an apostrophe (don't, O'Neill).
Marks of the other kind inside an open quote are part of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon

# Quotation marks. '' is a double mark typed as two apostrophes; single quotes are left alone so that
# apostrophes and nested quotes stay inside the quote around them.
MARK = re.compile(r"''|[\"“”„«»]")
# The marks of an article that quotes with single marks: a single mark before a word's first letter (or an
# editor's bracket), or after its last letter or punctuation; never between two letters.
MARK_WITH_SINGLES = re.compile(r"''|[\"“”„«»]|(?<![\w’'])['‘’](?=[^\W\d_]|\[|\.\.\.|…)|(?<=[\w.,!?…\])])['’](?![\w’'])")
_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=[A-Z])")
_SINGLE_CLOSING = re.compile(r"(?<=[.,!?…])['’](?=\s|$)")
_OPENING_GLYPHS, _CLOSING_GLYPHS = "“„«‘", "”»’"
_SINGLE_GLYPHS = "'‘’"
_OPEN_BEFORE = set("([{—–-/‘'")
_CLOSE_AFTER = set(".,;:!?)]}—–―-…’'")
# Sentence ends: punctuation, optional closing marks, space, then something that can start a sentence.
# Initials: "J." and "G.K." do not end a sentence.
_INITIALS = re.compile(r"^[^\W\d_](?:\.[^\W\d_])*$")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»]*\s+(?=[\"“‘'«(\[]?[^\W_a-z])")


@dataclass(frozen=True)
class Span:
    """A quoted span in one paragraph: the words are text[start:end]; outer covers the marks too."""

    paragraph: int
    start: int
    end: int
    outer_start: int
    outer_end: int
    opened: bool  # False when the opening mark is missing
    closed: bool  # False when the quote runs to the end of the paragraph without closing


def article_marks(paragraphs: tuple[str, ...] | list[str]) -> re.Pattern:
    """The quotation marks of an article: MARK, or MARK_WITH_SINGLES where it quotes with single marks (more
    quotes open with a single mark before a capital and close with one after punctuation than with double marks)."""
    doubles = sum(len(MARK.findall(text)) for text in paragraphs)
    openings = sum(len(_SINGLE_OPENING.findall(text)) for text in paragraphs)
    closings = sum(len(_SINGLE_CLOSING.findall(text)) for text in paragraphs)
    return MARK_WITH_SINGLES if min(openings, closings) >= 2 and openings + closings > doubles else MARK


def quoted_spans(text: str, paragraph: int, marks: re.Pattern = MARK) -> list[Span]:
    """The quoted spans of one paragraph, pairing marks by glyph and by the characters around them."""
    spans: list[Span] = []
    open_at: tuple[int, int] | None = None  # (mark start, mark end)
    single = False  # whether the open quote opened with a single mark
    for match in marks.finditer(text):
        start, end = match.span()
        glyph = match.group()
        if open_at is not None and (glyph in _SINGLE_GLYPHS) != single:
            continue  # a nested quote's mark, or an apostrophe, inside the quote
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        can_open = (before.isspace() or before in _OPEN_BEFORE) and not after.isspace()
        can_close = not before.isspace() and (after.isspace() or after in _CLOSE_AFTER)
        if glyph in _SINGLE_GLYPHS and open_at is not None and before == "s" and _possessive(text, open_at[0], end):
            continue  # "the Ukrainians' resolve": a plural possessive inside the quote
        if can_open and not can_close:
            opens = True
        elif can_close and not can_open:
            opens = False
        elif glyph in _OPENING_GLYPHS:
            opens = True
        elif glyph in _CLOSING_GLYPHS:
            opens = False
        else:
            opens = open_at is None
        if opens:
            if open_at is not None:  # a new quote opens before the last one closed: close it at the gap
                spans.append(_span(text, paragraph, open_at, None, start))
            open_at, single = (start, end), glyph in _SINGLE_GLYPHS
        elif open_at is not None:
            spans.append(_span(text, paragraph, open_at, (start, end), start))
            open_at = None
        elif not spans and text[:start].strip() and (glyph not in _SINGLE_GLYPHS or before in ".,!?…"):
            # A closing mark with no opening: the quote began at the paragraph start, mark missing.
            spans.append(Span(paragraph, 0, _trim_end(text, start), 0, end, opened=False, closed=True))
    if open_at is not None:
        spans.append(_span(text, paragraph, open_at, None, len(text)))
    return [s for s in spans if text[s.start:s.end].strip()]


def _possessive(text: str, opened: int, end: int) -> bool:
    """Whether the single mark ending at end, after an s, is a plural possessive ("the Ukrainians' resolve")
    rather than the close of the quote opened at opened: only inside a quote that opens like speech (at a
    sentence start or after a colon or comma), and before a lowercase word that is no cue ("'kamikaze drones' to
    Russia" closes a phrase)."""
    opens_like_speech = text[:opened].rstrip()[-1:] in ("", ".", ":", ",", "!", "?", "…", "(", "—", "–", "-")
    return opens_like_speech and bool(re.match(r"\s+[a-z]", text[end:end + 3])) and \
        not re.match(r"\s+(?:he|she|they|said|says|told|added|according)\b", text[end:end + 12])


def _span(text, paragraph, open_mark, close_mark, stop) -> Span:
    start = open_mark[1]
    end = _trim_end(text, stop)
    outer_end = close_mark[1] if close_mark else end
    return Span(paragraph, start, end, open_mark[0], outer_end, opened=True, closed=close_mark is not None)


def _trim_end(text: str, stop: int) -> int:
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    return stop


@lru_cache(maxsize=4096)
def sentence_starts(text: str) -> tuple[int, ...]:
    """Offsets where sentences begin, skipping abbreviations ('Mr.') and initials ('Janet L. Yellen')."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        # Only the last word before the mark matters; looking at a bounded window keeps this linear.
        word = re.search(r"([\w.]+)[.!?…]*$", text[max(0, match.start() - 40): match.start() + 1])
        token = (word.group(1) if word else "").rstrip(".").lower()
        if text[match.start()] == "." and (token in lexicon.words("abbreviations.txt") or _INITIALS.match(token)):
            continue
        starts.append(match.end())
    return tuple(starts)


def sentence_of(starts: tuple[int, ...], offset: int) -> int:
    """The start of the sentence that holds offset."""
    return starts[bisect_right(starts, offset) - 1]


def next_sentence(starts: tuple[int, ...], offset: int, end: int) -> int:
    """The first sentence start after offset, or end."""
    i = bisect_right(starts, offset)
    return starts[i] if i < len(starts) else end
