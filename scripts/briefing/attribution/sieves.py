"""Who speaks: ordered sieves, most precise first, after CoreNLP's quote attribution (Muzny et al., 2017).

Two stages. A quote's sieves find who it points at: its own cue, or, for a bare quote, the quotes and
sentences around it. A mention's sieves find which person of the article that is: a name, a surname, a
pronoun, a descriptor. Each sieve is a small function that answers or passes; the first answer is kept, and
its method names the sieve. An answer may be "nobody we profile" (speaker None): an empty speaker is better
than a wrong one, so a later, looser sieve does not get to guess. A new cue is one sieve and its test rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from ..model import (CONTEXT, CONTINUATION, DESCRIPTOR, EXPLICIT, LOOK_AHEAD, PRONOUN, UNATTRIBUTED, Attribution,
                     Quote, QuotePart)
from . import mentions, names
from .cast import Cast
from .cues import LEADING_VERB, Unit, clip
from .mentions import Mention
from .spans import next_sentence, sentence_of, sentence_starts


@dataclass(frozen=True)
class Answer:
    speaker: str | None  # None: somebody we do not profile, or nobody who fits
    method: str
    cue: str | None


@dataclass(frozen=True)
class InView:
    """A quote with what a reader sees around it: the units of the article, the quotes attributed so far."""

    position: int
    units: tuple[Unit, ...] | list[Unit]
    done: list[Quote]
    paragraphs: tuple[str, ...]

    @property
    def unit(self) -> Unit:
        return self.units[self.position]

    @property
    def following(self) -> Unit | None:
        return self.units[self.position + 1] if self.position + 1 < len(self.units) else None

    @property
    def last_paragraph(self) -> int:
        return self.unit.spans[-1].paragraph

    def paragraph_after(self) -> str:
        return self.paragraphs[self.last_paragraph] if self.last_paragraph < len(self.paragraphs) else ""


QuoteSieve = Callable[[InView, Cast], "Answer | None"]
MentionSieve = Callable[[Mention, tuple[int, int], str, Cast], "str | None"]


def first_answer(sieves: Iterable[Callable], *args) -> Answer | str | None:
    for sieve in sieves:
        answer = sieve(*args)
        if answer is not None:
            return answer
    return None


# Stage 2: which person of the article a mention is. Each sieve takes (mention, where, nearby, cast), where is
# (paragraph, offset) of the quote or sentence, nearby the words of its sentence before it.

def full_name(mention: Mention, where, nearby, cast: Cast) -> str | None:
    """'Hillary Clinton', 'Crooked Hillary Clinton' (the article's Hillary Clinton), never 'Bill Clinton' for her."""
    if mention.kind != "name":
        return None
    words = mention.name.split()
    tails = [" ".join(words[k:]) for k in range(len(words) - 1) if k == 0 or not names.is_given_name(words[0])]
    full = next(filter(None, (cast.full_name(tail, where) for tail in tails)), None) \
        or names.person_name(words, cast.vocabulary)
    return cast.meet(full, mention) if full and full not in cast.organisations else None


def surname(mention: Mention, where, nearby, cast: Cast) -> str | None:
    """'Dalton', 'Mr. Obama' (a man, so not Michelle Obama): the full name of the article it ends."""
    if mention.kind != "surname":
        return None
    full = cast.full_name(mention.name, where, mention.gender)
    # A word the article never gives in full, and capitalises only to begin a sentence, is a name only if its
    # shape is a name's: not a verb's or an adverb's ("Fuelling fears"; but "Hollander said"). An honorific, a
    # title or a capital inside a sentence ("named only as Magyar") says it is one.
    if not full and (mention.gender or mention.role or mention.name in cast.proper
                     or not re.search(r"(?:ing|ed|ly)$", mention.name)):
        # "Peabody said" where the article writes "Peabody Energy": the company, unless a title says a person
        if mention.gender or mention.role or mention.name not in cast.organisation_first_words:
            full = names.person_name([mention.name], cast.vocabulary)
    return cast.meet(full, mention) if full and full not in cast.organisations else None


def pronoun_in_sentence(mention: Mention, where, nearby, cast: Cast) -> str | None:
    """A name earlier in the same sentence binds the pronoun ("Mr Blair praised …, which he said …")."""
    for word in reversed(re.findall(r"[^\W\d_][\w’'´\-]*", nearby)):
        full = cast.full_name(mentions.strip_possessive(word), where) if word[0].isupper() else None
        if full and cast.fits(full, mention.gender):
            return cast.meet(full, Mention(kind="name", text=full, name=full))
    return None


def pronoun_speaker_of_paragraph(mention: Mention, where, nearby, cast: Cast) -> str | None:
    """Someone quoted earlier in the same paragraph goes on speaking ('"…," Mr. Obama said, not needing to mention
    the author, Muhammad Ali. African-Americans, he said, …')."""
    if cast.speakers and cast.spoken_in.get(cast.speakers[-1]) == where[0] and cast.fits(cast.speakers[-1],
                                                                                        mention.gender):
        return cast.speakers[-1]
    return None


def pronoun_person_in_view(mention: Mention, where, nearby, cast: Cast) -> str | None:
    """The person mentioned last, outside quotes and where a subject stands, who can be "he" or "she"."""
    for n, off, name in reversed(cast.mentions):
        if (n, off) < where and n >= where[0] - 2 and cast.fits(name, mention.gender) and (
                name in cast.people or name in cast.person_like):
            return cast.meet(name, Mention(kind="name", text=name, name=name))
    return None


# How many paragraphs back the last speaker is still in view for "he said": further, an empty speaker is
# better than a wrong one.
_SPEAKER_IN_VIEW = 4


def pronoun_last_speaker(mention: Mention, where, nearby, cast: Cast) -> str | None:
    """The last speaker of the right sex, heard within the last few paragraphs."""
    return next((name for name in reversed(cast.speakers) if cast.fits(name, mention.gender)
                 and where[0] - cast.spoken_in.get(name, where[0]) <= _SPEAKER_IN_VIEW), None)


def descriptor(mention: Mention, where, nearby, cast: Cast) -> str | None:
    """'the analyst at Dragonfly': the one person whose role, organisation and title have those words."""
    def fits(name: str) -> bool:
        about = cast.about.get(name, set())
        return all(w in about or w.rstrip("s") in about for w in mention.descriptor)

    met = [name for name in cast.people if fits(name)]
    if len(met) == 1:
        return met[0]
    spoken = [n for n in reversed(cast.speakers) if n in met]
    if spoken:
        return spoken[0]
    introduced = list(dict.fromkeys(name for _, _, name in cast.registry if fits(name)))
    if len(introduced) != 1:
        return None
    # Introduced but not yet heard: met now, so that they have a Person like every other speaker.
    return cast.meet(introduced[0], Mention(kind="name", text=introduced[0], name=introduced[0]))


# Each kind of mention: its sieves in order, and the method an answer from them records.
MENTION_SIEVES: dict[str, tuple[str, tuple[MentionSieve, ...]]] = {
    "name": (EXPLICIT, (full_name,)),
    "surname": (EXPLICIT, (surname,)),
    "pronoun": (PRONOUN, (pronoun_in_sentence, pronoun_speaker_of_paragraph, pronoun_person_in_view,
                          pronoun_last_speaker)),
    "descriptor": (DESCRIPTOR, (descriptor,)),
}


def resolve(mention: Mention | None, where: tuple[int, int], cast: Cast, nearby: str = "") -> tuple[str | None, str]:
    """(speaker name or None, method) for a mention at (paragraph, offset)."""
    if mention is None or mention.kind not in MENTION_SIEVES:
        if mention is not None:
            cast.organisation_spoke(mention.text, where[0])
        return None, EXPLICIT  # somebody unnamed ("a spokeswoman"), or an organisation
    cast.now = where[0]
    method, sieves = MENTION_SIEVES[mention.kind]
    if mention.kind == "pronoun":
        # The pronoun is the subject: only names before it can be whom it stands for ('She told Trump: "…"').
        own = None
        for own in re.finditer(rf"\b{re.escape(mention.text)}\b", nearby):
            pass
        if own:  # nearby ends where the quote starts
            where, nearby = (where[0], where[1] - len(nearby) + own.start()), nearby[: own.start()]
    return first_answer(sieves, mention, where, nearby, cast), method


# Stage 1: who a quote points at. Each sieve takes (quote in view, cast).

def own_cue(view: InView, cast: Cast) -> Answer | None:
    """A cue in the quote's sentence: '"…," says X', 'X said: "…"', '"…," she said', 'according to X'."""
    unit = view.unit
    if unit.cue is None:
        return None
    first = unit.spans[0]
    text = view.paragraphs[first.paragraph - 1]
    nearby = text[unit.sentence_floor:first.outer_start] if not unit.cue.verb_first else ""
    name, method = resolve(unit.cue.mention, (first.paragraph, first.outer_start), cast, nearby)
    return Answer(name, method, unit.cue.text)


# A sentence that hands the previous quote to a named person.
# 'That was the view of X', 'That assessment came from X', 'Those were the words of X'.
_VIEW_OF = re.compile(r"(?:That|This|Those|These|Such)(?:\s+[a-z]+){0,2}?\s+(?:was|is|were|are|came|comes)\s+"
                      r"(?:(?:the|a|an)\s+)?(?:[a-z]+\s+)?(?:of|from)\s+(?:(?:[a-z]+|Capt\.|Dr\.?)\s+)*")


def view_of_next(view: InView, cast: Cast) -> Answer | None:
    """The next paragraph hands the quote over: 'That was the view of Sunita Bhattacharjee, who …'."""
    following = view.paragraph_after()
    match = _VIEW_OF.match(following)
    if not match:
        return None
    mention = mentions.subject_after_verb(following[match.end():])
    if not (mention and mention.kind in ("name", "surname")):
        return None
    name, _ = resolve(mention, (view.last_paragraph + 1, 0), cast)
    return Answer(name, LOOK_AHEAD, clip(following[: match.end()] + mention.text))


def continuation(view: InView, cast: Cast) -> Answer | None:
    """A bare quote right after a quote by a known speaker, in the same or the previous paragraph."""
    previous = view.done[-1] if view.done else None
    if previous and previous.speaker and previous.paragraphs[-1] >= view.unit.spans[0].paragraph - 1:
        return Answer(previous.speaker, CONTINUATION, previous.attribution.cue)
    return None


def cue_of_next_quote(view: InView, cast: Cast) -> Answer | None:
    """The cue sits with the next quote, in this paragraph or the next one."""
    following = view.following
    if not (following and following.cue and following.spans[0].paragraph <= view.last_paragraph + 1):
        return None
    nxt = following.spans[0]
    name, method = resolve(following.cue.mention, (nxt.paragraph, nxt.outer_start), cast)
    return Answer(name, LOOK_AHEAD, following.cue.text) if name and method == EXPLICIT else None


def cue_opening_next_paragraph(view: InView, cast: Cast) -> Answer | None:
    """The cue opens the next paragraph: 'That was how Desmond Fairweather described the bill.'"""
    following = view.following
    if view.last_paragraph >= len(view.paragraphs) or (following and following.spans[0].paragraph == view.last_paragraph + 1):
        return None
    text = view.paragraph_after()
    opening = text[: next_sentence(sentence_starts(text), 0, len(text))]
    verb = LEADING_VERB.search(opening)
    mention = mentions.subject_before_verb(opening[: verb.start()]) if verb else None
    if not (mention and mention.kind in ("name", "surname")):
        return None
    name, _ = resolve(mention, (view.last_paragraph + 1, 0), cast)
    return Answer(name, LOOK_AHEAD, clip(opening[: verb.end()]))


def context(view: InView, cast: Cast) -> Answer | None:
    """A quote paragraph right after a paragraph whose last sentence is about a person ('… Vladimir Putin made a
    lengthy appeal. He sounded uncharacteristically sympathetic.' then '"I want those …"')."""
    first = view.unit.spans[0]
    if first.outer_start != 0 or first.paragraph <= 1:
        return None
    before = view.paragraphs[first.paragraph - 2]
    last_start = sentence_of(sentence_starts(before), max(0, len(before.rstrip()) - 1))
    last_sentence = before[last_start:]
    if cast.quoted_between(first.paragraph - 1, last_start, len(before)):
        return None
    subject = mentions.subject_of_sentence(last_sentence)
    # Only someone the article has shown to be a person: "Fill in the gaps." names nobody.
    if not (subject and (subject.kind == "pronoun" or cast.knows(subject.name))):
        return None
    name, _ = resolve(subject, (first.paragraph - 1, len(before) - len(last_sentence)), cast)
    return Answer(name, CONTEXT, clip(last_sentence)) if name else None


QUOTE_SIEVES: tuple[QuoteSieve, ...] = (own_cue, view_of_next, continuation, cue_of_next_quote,
                                        cue_opening_next_paragraph, context)


def attribute(view: InView, cast: Cast) -> Quote:
    """The quote at view.position, with the first answer its sieves give, and the speaker marked as heard."""
    unit = view.unit
    parts = tuple(QuotePart(s.paragraph, s.start, s.end, view.paragraphs[s.paragraph - 1][s.start:s.end])
                  for s in unit.spans)
    answer = first_answer(QUOTE_SIEVES, view, cast) or Answer(None, UNATTRIBUTED, None)
    if answer.method in (EXPLICIT, PRONOUN, DESCRIPTOR):
        cast.spoke(answer.speaker, unit.spans[0].paragraph)
    return Quote(parts, answer.speaker, Attribution(answer.method, answer.cue))
