"""Direct quotes and reported speech in one article, each attributed to a speaker with its method and cue.

Three passes over the paragraphs, all pure:
1. find quoted spans from the quotation marks (curly, straight, '' and guillemets; single quotes nest inside);
2. find each span's cue: a speech verb and its subject before or after the span, in the same sentence;
3. walk in reading order, resolving every subject against the people met so far (names, surnames,
   pronouns, descriptors) and inferring speakers for bare quotes (continuation, look-ahead).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from . import speakers
from .model import (CONTINUATION, DESCRIPTOR, EXPLICIT, LOOK_AHEAD, PRONOUN, UNATTRIBUTED, Attribution, Person,
                    Quote, QuotePart, Reported)
from .gazetteer import is_place
from .speakers import Mention

_SPEECH_VERBS = (
    "say|says|said|saying|tell|tells|told|telling|explain|explains|explained|explaining|add|adds|added|adding|"
    "warn|warns|warned|warning|argue|argues|argued|arguing|note|notes|noted|noting|insist|insists|insisted|"
    "write|writes|wrote|claim|claims|claimed|state|states|stated|declare|declares|declared|comment|comments|"
    "commented|stress|stresses|stressed|continue|continues|continued|conclude|concludes|concluded|reply|replies|"
    "replied|respond|responds|responded|ask|asks|asked|urge|urges|urged|announce|announces|announced|"
    "acknowledge|acknowledges|acknowledged|admit|admits|admitted|observe|observes|observed|recall|recalls|"
    "recalled|caution|cautions|cautioned|suggest|suggests|suggested|predict|predicts|predicted|remark|"
    "remarks|remarked|agree|agrees|agreed|counter|counters|countered|concede|concedes|conceded|maintain|"
    "maintains|maintained|point(?:s|ed)? out|went on|goes on|emphasi[sz]e[sd]?|confirm|confirms|confirmed|"
    "joke|jokes|joked|complain|complains|complained|boast|boasts|boasted|tweet|tweets|tweeted|posted|"
    "recounted|recounts|reiterated|reiterates|assured|assures|cut in|interjected|interrupted|shot back|"
    "fired back|hit back|quipped|retorted|snapped|chimed in|demanded|wondered|mused|testified|"
    "according to"
)
# Verbs that frame a partial quote in the words before it ("called the deal 'a disaster'"), never after it.
# Cognition verbs (thinks, believes) are left out: 'Burton thinks that cats are "cuties"' reports no speech.
_FRAMING_VERBS = (
    "describe|describes|described|describing|call|calls|called(?!\\s+(?:on|for|off|in|up)\\b)|"
    "calling(?!\\s+(?:on|for|off|in|up)\\b)|dismiss|dismisses|dismissed|dismissing|accuse|accuses|accused|"
    "accusing|deny|denies|denied|denying|branded|brands|branding|labelled|labelling|hailed|hailing|praised|"
    "praising|criticised|criticized|criticising|condemned|condemning|insisted|promised|promising|vowed|vowing"
)
# "those claims", "his remarks", "the states": after a determiner these words are nouns, not verbs.
_DETERMINER = r"(?<!\bthe )(?<!\bthose )(?<!\bthese )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )(?<!\ba )(?<!\bsuch )(?<!\bour )(?<!\bmy )(?<!\bany )(?<!\bno )"
_VERB = re.compile(rf"{_DETERMINER}\b(?:{_SPEECH_VERBS})\b", re.I)
_LEADING_VERB = re.compile(rf"{_DETERMINER}\b(?:{_SPEECH_VERBS}|{_FRAMING_VERBS})\b", re.I)
_REPORTING_VERB = re.compile(
    r"\b(?:says|said|tells|told|explains|explained|argues|argued|warns|warned|notes|noted|insists|insisted|"
    r"claims|claimed|adds|added|stresses|stressed|believes|believed|suggests|suggested|predicts|predicted|"
    r"denies|denied|admits|admitted|thinks|acknowledges|acknowledged|maintains|maintained)\b"
)
# Quotation marks. '' is a double mark typed as two apostrophes; single quotes are left alone so that
# apostrophes and nested quotes stay inside the quote around them.
_MARK = re.compile(r"''|[\"“”„«»]")
_OPENING_GLYPHS, _CLOSING_GLYPHS = "“„«", "”»"
_OPEN_BEFORE = set("([{—–-/‘'")
_CLOSE_AFTER = set(".,;:!?)]}—–-…’'")
# Sentence ends: punctuation, optional closing marks, space, then something that can start a sentence.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»]*\s+(?=[\"“‘'«(\[]?[^\W_a-z])")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt",
                  "det", "rev", "jr", "sr", "inc", "corp", "ltd", "co", "vs", "no", "mt", "ft", "u.s", "u.k", "e.g",
                  "i.e", "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
                  "nov", "dec"}
# A quote this short with no speech cue is a scare quote ("no-limits partnership"), not speech.
_MIN_BARE_WORDS = 6
# A partial quote this many words after its verb belongs to the writer ("says automation … a "metro-style" service").
_MAX_PARTIAL_GAP = 12
_SCARE_MARKER = re.compile(r"\b(?:so-called|known as|dubbed|nicknamed|termed|what (?:he|she|they) calls?)\s*$", re.I)
_AFTER_PREPOSITION = re.compile(r"\b(?:at|in|from|for|of|with|by|(?<!according )to|on|near|about|against|into|across)"
                                r"\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$")
# A name followed by a speech verb is that verb's subject, whatever comes before it.
_SPEAKS_AFTER = re.compile(r"\s+" + _REPORTING_VERB.pattern)
_APPOSITIVE_AFTER = re.compile(r",\s+(?:a|an|the|who|whose)\b")
_VERB_AFTER = re.compile(r"\s+(?!(?:is|was|has|as|its|this|us|does|plus)\b)[a-z]+(?:ed|s)\b")
# A sentence that hands the previous quote to a named person.
# 'That was the view of X', 'That assessment came from X', 'Those were the words of X'.
_VIEW_OF = re.compile(r"(?:That|This|Those|These|Such)(?:\s+[a-z]+){0,2}?\s+(?:was|is|were|are|came|comes)\s+"
                      r"(?:(?:the|a|an)\s+)?(?:[a-z]+\s+)?(?:of|from)\s+(?:(?:[a-z]+|Capt\.|Dr\.?)\s+)*")
_CUE_REACH = 400
# A subject longer than this, between a quote and its verb, is a new clause, not a cue.
_MAX_SUBJECT_TOKENS = 9


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


@dataclass(frozen=True)
class Cue:
    mention: Mention | None
    text: str
    verb_first: bool = False


def quoted_spans(text: str, paragraph: int) -> list[Span]:
    """The quoted spans of one paragraph, pairing marks by glyph and by the characters around them."""
    spans: list[Span] = []
    open_at: tuple[int, int] | None = None  # (mark start, mark end)
    for match in _MARK.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        can_open = (before.isspace() or before in _OPEN_BEFORE) and not after.isspace()
        can_close = not before.isspace() and (after.isspace() or after in _CLOSE_AFTER)
        glyph = match.group()
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
            open_at = (start, end)
        elif open_at is not None:
            spans.append(_span(text, paragraph, open_at, (start, end), start))
            open_at = None
        elif not spans and text[:start].strip():
            # A closing mark with no opening: the quote began at the paragraph start, mark missing.
            spans.append(Span(paragraph, 0, _trim_end(text, start), 0, end, opened=False, closed=True))
    if open_at is not None:
        spans.append(_span(text, paragraph, open_at, None, len(text)))
    return [s for s in spans if text[s.start:s.end].strip()]


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
        if text[match.start()] == "." and (token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
            continue
        starts.append(match.end())
    return tuple(starts)


def _sentence_of(starts: tuple[int, ...], offset: int) -> int:
    """The start of the sentence that holds offset."""
    return starts[bisect_right(starts, offset) - 1]


def _next_sentence(starts: tuple[int, ...], offset: int, end: int) -> int:
    """The first sentence start after offset, or end."""
    i = bisect_right(starts, offset)
    return starts[i] if i < len(starts) else end


def _trailing_cue(text: str, span: Span, stop: int) -> Cue | None:
    """A cue after the closing mark: '," Dalton says.', '," says X, role.', '," she explains.'"""
    region = text[span.outer_end:stop]
    body = region.lstrip(" ,—–-)")
    body = _MARK.split(body)[0]
    words_end = body.rstrip(" ,.;:!?")
    if not words_end:
        return None
    verb = _VERB.match(words_end)
    if verb:
        mention = speakers.subject_after_verb(words_end[verb.end():])
        return Cue(mention, _clip(words_end), verb_first=True) if mention else None
    verb = _VERB.search(words_end)
    if not verb:
        return None
    subject = words_end[: verb.start()]
    if len(subject.split()) > _MAX_SUBJECT_TOKENS and not subject.rstrip().endswith(","):
        return None
    rest = words_end[verb.end():]
    quote_text = text[span.start:span.end].rstrip()
    # '"… done." Mr Brown insisted his plans were sound': a quote that ends its own sentence is followed
    # by a new sentence, unless all that follows is a short cue ('"… done." he said.').
    if quote_text.endswith((".", "…")) and len(rest.split()) > 4:
        return None
    mention = speakers.subject_before_verb(subject)
    return Cue(mention, _clip(words_end)) if mention else None


def _leading_cue(text: str, span: Span, floor: int, sentence_start: int) -> Cue | None:
    """A cue before the opening mark in the same sentence: 'Ms Hewitt said: "', 'called it "'."""
    region = text[floor:span.outer_start]
    according = re.search(r"\b[Aa]ccording to\s+(.+?)[,:]?\s*$", region)
    if according:
        mention = speakers.subject_after_verb(according.group(1))
        return Cue(mention, according.group(0).strip(" ,:"), verb_first=True) if mention else None
    verbs = list(_LEADING_VERB.finditer(region))
    if not verbs:
        # 'Sorensen was unmoved: "…"': a colon after a short clause whose subject is a name.
        if region.rstrip().endswith(":") and len(region.split()) <= 8:
            mention = speakers.subject_after_verb(region)
            if mention and mention.kind in ("name", "surname"):
                return Cue(mention, region.strip(" :"))
        return None
    verb = verbs[-1]
    words_between = len(region[verb.end():].split())
    quote_words = len(text[span.start:span.end].split())
    # A partial quote far from its verb is the writer's phrase inside reported speech, not the speaker's.
    if words_between > _MAX_PARTIAL_GAP and not region.rstrip().endswith((":", ",")) and quote_words < _MIN_BARE_WORDS:
        return None
    subject = region[: verb.start()]
    if not subject.strip(" ,"):
        # '"…," said Tom Ebdon of Clean Severn Now, "…"': the second half of a split quote.
        mention = speakers.subject_after_verb(region[verb.end():])
        return Cue(mention, _clip(region[verb.start():]), verb_first=True) if mention else None
    # '… dismissed the claims as "fantasy" and told Radio X: "…"': a coordinated verb shares the
    # subject of the sentence's first verb, which may sit before an earlier quote.
    if re.search(r"(?:,\s*|\s)(?:and|but)\s*$", subject):
        sentence = text[sentence_start:span.outer_start]
        verb = next(_LEADING_VERB.finditer(sentence))
        subject = sentence[: verb.start()]
        region = sentence
    if verb.group().endswith("ing") and subject.rstrip().endswith(","):
        # '… Megan Fairweather was blunter, calling the record "a disgrace"': the participle's subject is
        # the person the sentence is about.
        named = speakers.name_mentions(text[sentence_start:span.outer_start])
        if named:
            return Cue(named[0][2], _clip(text[sentence_start + named[0][0]:span.outer_start]))
    mention = speakers.subject_before_verb(subject, loose=True)
    if mention is None:
        return None
    cue_start = subject.rfind(mention.text) if mention.text in subject else verb.start()
    return Cue(mention, _clip(region[cue_start:]))


def _clip(cue: str, max_words: int = 14) -> str:
    words = cue.strip(" ,:").split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")


class _Cast:
    """The people of one article: where each is mentioned, their gender where the text shows it, who spoke last."""

    def __init__(self, paragraphs: tuple[str, ...], spans: list[list[Span]]):
        self.paragraphs = paragraphs
        self.people: dict[str, Person] = {}
        self.speakers: list[str] = []  # in order of speaking, most recent last
        self.registry: list[tuple[int, int, str]] = []  # every full-name mention, quotes included
        self.gender: dict[str, str] = {}
        self.about: dict[str, set[str]] = {}  # words that describe each person: role, organisation, title
        self._by_tail: dict[str, list[tuple[int, int, str]]] = {}  # the registry, by each tail of each name
        titled, evidenced = set(), set()
        name_start: dict[tuple[int, int], int] = {}  # (paragraph, offset inside a full name) → where it starts
        for n, text in enumerate(paragraphs, 1):
            for off, end, mention in speakers.name_mentions(text):
                self.registry.append((n, off, mention.name))
                words = mention.name.split()
                for k in range(1, len(words) + 1):  # 'Dalton', 'Van den Brul', 'Ó Briain': every tail of the name
                    self._by_tail.setdefault(" ".join(words[-k:]), []).append((n, off, mention.name))
                name_start.update(((n, i), off) for i in range(off, end))
                self.about.setdefault(mention.name, set()).update(speakers.described_words(mention))
                if mention.gender:
                    self.gender.setdefault(mention.name, mention.gender)
                first = mention.text.split()[0].lower().rstrip(".")
                before = re.findall(r"([a-z]+),?\s*$", text[max(0, off - 40):off])
                # What introduces a person: a title, an appositive ("Tom Hart, who runs the depot"), a role
                # noun before the name ("chief executive Priscilla Van Houten"), or a verb right after it.
                if mention.role or first in speakers.HONORIFICS:
                    titled.add(mention.name)
                elif (_APPOSITIVE_AFTER.match(text, end) or _VERB_AFTER.match(text, end)
                      or (before and before[0] in speakers.TITLES | speakers.ROLE_NOUNS)):
                    evidenced.add(mention.name)
        self._family_name_first(paragraphs, name_start)
        self.surname_uses = self._surname_mentions(spans, name_start)
        self.mentions = [(n, start, name) for n, start, _, name, salient in self.surname_uses if salient]
        # A name is a person's if it has a title, or if it is no place and none of its words is also a
        # common word of the article: "Public Health" fails where "health" is written in lowercase.
        lowercase = {w for text in paragraphs for w in re.findall(r"\b[a-z][\w’'\-]*", text)}
        alone = {name for n, off, name in self.mentions if (n, off) not in name_start}
        self.person_like = titled | {
            name for name in evidenced | alone
            if not is_place(name) and not any(w.lower() in lowercase for w in name.split())
        }
        self._infer_gender()

    def _family_name_first(self, paragraphs, name_start) -> None:
        """'Xi Jinping' … 'Xi': where a name's first word stands alone and its last never does, the first word
        is the family name (Chinese, Korean, Hungarian order), and is looked up like a surname."""
        alone: dict[str, int] = {}
        for n, text in enumerate(paragraphs, 1):
            for match in re.finditer(r"\b[A-Z][\w’'\-]*", text):
                if (n, match.start()) not in name_start:
                    word = speakers.strip_possessive(match.group())
                    alone[word] = alone.get(word, 0) + 1
        for n, off, name in list(self.registry):
            words = name.split()
            if len(words) == 2 and alone.get(words[0], 0) >= 2 and not alone.get(words[1]) \
                    and words[0] not in self._by_tail:
                self._by_tail.setdefault(words[0], []).append((n, off, name))
        for entries in self._by_tail.values():
            entries.sort(key=lambda r: (r[0], r[1]))

    def _full_name(self, partial: str, where: tuple[int, int] | None = None) -> str | None:
        """The full name that partial ('Dalton', 'Ó Briain') ends: the latest one before where, else the first."""
        mentions = self._by_tail.get(" ".join(partial.split()), [])
        if mentions:
            # In reading order, so the latest mention before where is found by bisection.
            i = bisect_right(mentions, where, key=lambda r: (r[0], r[1])) if where else len(mentions)
            return mentions[i - 1][2] if i else mentions[0][2]
        tail = partial.split()
        return next((n for n in reversed(self.people) if n.split()[-len(tail):] == tail), None)

    def _surname_mentions(self, spans, name_start) -> list[tuple[int, int, int, str, bool]]:
        """(paragraph, start, end, full name, salient) for every use of a known name's surname.

        Salient uses are outside quotes and not the object of a preposition: only those can be the person
        a later "he" or "she" refers to ("an adviser at Fairburn Hale" is not who "he" is).
        """
        found = []
        for n, text in enumerate(self.paragraphs, 1):
            quote_starts = [s.outer_start for s in spans[n - 1]]
            for match in re.finditer(r"[^\W\d_][\w’'\-]*", text):
                word = speakers.strip_possessive(match.group())
                if word not in self._by_tail:
                    continue
                name = self._full_name(word, (n, match.start()))
                if not name:
                    continue
                i = bisect_right(quote_starts, match.start())
                inside_quote = bool(i) and match.start() < spans[n - 1][i - 1].outer_end
                start = name_start.get((n, match.start()), match.start())
                salient = not inside_quote and (not _AFTER_PREPOSITION.search(text[max(0, start - 60):start])
                                                or bool(_SPEAKS_AFTER.match(text, match.start() + len(word))))
                found.append((n, match.start(), match.start() + len(word), name, salient))
        return found

    def named(self) -> list[tuple[int, int, int, str]]:
        """(paragraph, start, end, full name) for every person named in the article, quotes included."""
        # A registry offset is where the name's run begins, title included ("Chancellor Gordon Brown").
        found = []
        for n, off, name in self.registry:
            at = self.paragraphs[n - 1].find(name, off)
            found.append((n, at if at >= 0 else off, (at if at >= 0 else off) + len(name), name))
        covered = {(n, i) for n, start, end, _ in found for i in range(start, end)}
        found += [(n, start, end, name) for n, start, end, name, _ in self.surname_uses if (n, start) not in covered]
        # A person is someone the text shows to be one (a title, an appositive, a surname used alone) or a speaker.
        return sorted({m for m in found if m[3] in self.person_like or m[3] in self.people})

    def _infer_gender(self) -> None:
        """Each he/his/him or she/her outside quotes votes for the person named last before it in its sentence."""
        votes: dict[str, list[int]] = {}
        by_paragraph: dict[int, list[tuple[int, str]]] = {}
        for n, off, name in sorted(set(self.mentions) | set(self.registry)):
            by_paragraph.setdefault(n, []).append((off, name))
        for n, named in by_paragraph.items():
            text = self.paragraphs[n - 1]
            starts = sentence_starts(text)
            for pronoun in re.finditer(r"\b(he|his|him|she|her|hers)\b", text, re.I):
                sentence = _sentence_of(starts, pronoun.start())
                before = [name for off, name in named if sentence <= off < pronoun.start()]
                if before and not _MARK.search(text[sentence:pronoun.start()]):
                    tally = votes.setdefault(before[-1], [0, 0])
                    tally[pronoun.group().lower() in ("she", "her", "hers")] += 1
        for name, (male, female) in votes.items():
            if male != female:
                self.gender.setdefault(name, "m" if male > female else "f")

    def resolve(self, mention: Mention | None, where: tuple[int, int], nearby: str = "") -> tuple[str | None, str]:
        """(speaker name or None, method) for a mention at (paragraph, offset)."""
        if mention is None or mention.kind == "other":
            return None, EXPLICIT
        if mention.kind in ("name", "surname"):
            full = self._full_name(mention.name, where)
            if full is None:
                first = mention.text.split()[0]
                honorific = first if mention.kind == "surname" and first != mention.name else ""
                full = f"{honorific} {mention.name}".strip()
            return self._meet(full, mention), EXPLICIT
        if mention.kind == "pronoun":
            return self._pronoun(mention.gender, where, nearby), PRONOUN
        return self._describe(mention.descriptor), DESCRIPTOR

    def _meet(self, name: str, mention: Mention) -> str:
        person = self.people.get(name)
        role = (person.role if person else None) or mention.role
        org = (person.organisation if person else None) or mention.organisation
        self.people[name] = Person(name=name, role=role, organisation=org)
        self.about.setdefault(name, set()).update(speakers.described_words(mention))
        if mention.gender:
            self.gender.setdefault(name, mention.gender)
        return name

    def _fits(self, name: str, gender: str | None) -> bool:
        return self.gender.get(name, gender) == gender

    def _pronoun(self, gender: str | None, where: tuple[int, int], nearby: str) -> str | None:
        # A name earlier in the same sentence binds the pronoun ("Mr Blair praised …, which he said …").
        for word in reversed(re.findall(r"[^\W\d_][\w’'\-]*", nearby)):
            full = self._full_name(speakers.strip_possessive(word), where) if word[0].isupper() else None
            if full and self._fits(full, gender):
                return self._meet(full, Mention(kind="name", text=full, name=full))
        # Otherwise the person mentioned last, outside quotes, who can be "he" or "she".
        for n, off, name in reversed(self.mentions):
            if (n, off) < where and n >= where[0] - 2 and self._fits(name, gender) and (
                    name in self.people or name in self.person_like):
                return self._meet(name, Mention(kind="name", text=name, name=name))
        for name in reversed(self.speakers):
            if self._fits(name, gender):
                return name
        return None

    def _describe(self, words: tuple[str, ...]) -> str | None:
        def fits(name: str) -> bool:
            about = self.about.get(name, set())
            return all(w in about or w.rstrip("s") in about for w in words)

        met = [name for name in self.people if fits(name)]
        if len(met) == 1:
            return met[0]
        spoken = [n for n in reversed(self.speakers) if n in met]
        if spoken:
            return spoken[0]
        introduced = list(dict.fromkeys(name for _, _, name in self.registry if fits(name)))
        if len(introduced) != 1:
            return None
        # Introduced but not yet heard: met now, so that they have a Person like every other speaker.
        return self._meet(introduced[0], Mention(kind="name", text=introduced[0], name=introduced[0]))

    def spoke(self, name: str | None) -> None:
        if name:
            if name in self.speakers:
                self.speakers.remove(name)
            self.speakers.append(name)


@dataclass(frozen=True)
class _Found:
    spans: tuple[Span, ...]
    cue: Cue | None
    sentence_floor: int  # where the cue's sentence starts, for pronoun binding


def extract(paragraphs: tuple[str, ...]) -> tuple[tuple[Person, ...], tuple[Quote, ...], tuple[Reported, ...]]:
    """The speakers, quotes and reported speech of an article whose paragraphs are numbered from 1."""
    people, quotes, reported, _ = extract_all(paragraphs)
    return people, quotes, reported


def extract_all(paragraphs: tuple[str, ...]):
    """extract(), and the people named anywhere in the article: (paragraph, start, end, full name)."""
    spans = [quoted_spans(text, n) for n, text in enumerate(paragraphs, 1)]
    units = _join_multi_paragraph([_find_quotes(text, s) for text, s in zip(paragraphs, spans)])
    cast = _Cast(paragraphs, spans)
    units_in: dict[int, list[int]] = {}  # paragraph → indexes of the units that start there
    for i, unit in enumerate(units):
        units_in.setdefault(unit.spans[0].paragraph, []).append(i)
    quotes: list[Quote] = []
    reported: list[Reported] = []
    order: dict[str, None] = {}  # speakers in order of first speaking
    for n, text in enumerate(paragraphs, 1):
        events = [(units[i].spans[0].outer_start, 1, i) for i in units_in.get(n, ())]
        events += [(start, 0, r) for start, r in _reported_candidates(text)]
        for start, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == 0:
                sentence, subject, cue_text = item
                name, _ = cast.resolve(subject, (n, start), "")
                if name:
                    cast.spoke(name)
                    reported.append(Reported(paragraph=n, text=sentence, speaker=name, cue=cue_text))
            else:
                quotes.append(_attribute(item, units, quotes, cast, paragraphs))
                name = quotes[-1].speaker
            if name:
                order.setdefault(name)
    return tuple(cast.people[name] for name in order), tuple(quotes), tuple(reported), tuple(cast.named())


def _find_quotes(text: str, spans: list[Span]) -> list[_Found]:
    starts = sentence_starts(text)
    found = []
    for i, span in enumerate(spans):
        previous_end = spans[i - 1].outer_end if i else 0
        # Cues sit next to their quote; bounding the regions keeps a huge unpunctuated paragraph linear.
        sentence_start = max(_sentence_of(starts, span.outer_start), span.outer_start - _CUE_REACH)
        floor = max(sentence_start, previous_end)
        stop = min(_next_sentence(starts, span.outer_end, len(text)), span.outer_end + _CUE_REACH)
        if i + 1 < len(spans):
            stop = min(stop, spans[i + 1].outer_start)
        words = text[span.start:span.end]
        if _SCARE_MARKER.search(text[max(0, span.outer_start - 20):span.outer_start]):
            continue  # 'so-called "overbuilding"', 'known as "immune amnesia"'
        cue = (_leading_cue(text, span, floor, sentence_start) if span.opened else None) or \
            _trailing_cue(text, span, stop)
        if not span.opened and cue is None:
            continue  # a stray closing mark, not a quote
        sentence_like = words[:1].isupper() and words.rstrip(" ,").endswith((".", "!", "?", "…"))
        # '… had no interest in "strangling an industry" but that commitments had "plainly failed"':
        # a short quote in the same sentence as the speaker's previous one is theirs too.
        same_sentence = bool(found) and found[-1].spans[-1] == spans[i - 1] and \
            _next_sentence(starts, spans[i - 1].outer_end - 1, len(text)) > span.outer_start
        if cue is None and same_sentence:
            cue = found[-1].cue
        if cue is None and len(words.split()) < _MIN_BARE_WORDS and span.outer_start > 0 and not sentence_like:
            continue  # a scare quote
        found.append(_Found((span,), cue, floor))
    return found


def _join_multi_paragraph(found_by_paragraph: list[list[_Found]]) -> list[_Found]:
    """A quote left open at a paragraph's end continues in the next paragraph that opens with a quote."""
    units: list[_Found] = []
    for found in found_by_paragraph:
        for item in found:
            last = units[-1] if units else None
            span = item.spans[0]
            if (last and not last.spans[-1].closed and last.spans[-1].paragraph == span.paragraph - 1
                    and span.outer_start == 0):
                units[-1] = _Found(last.spans + item.spans, last.cue or item.cue, last.sentence_floor)
            else:
                units.append(item)
    return units


def _attribute(position: int, units: list[_Found], done: list[Quote], cast: _Cast, paragraphs) -> Quote:
    unit = units[position]
    first = unit.spans[0]
    parts = tuple(QuotePart(s.paragraph, s.start, s.end, paragraphs[s.paragraph - 1][s.start:s.end])
                  for s in unit.spans)
    if unit.cue is not None:
        text = paragraphs[first.paragraph - 1]
        nearby = text[unit.sentence_floor:first.outer_start] if not unit.cue.verb_first else ""
        name, method = cast.resolve(unit.cue.mention, (first.paragraph, first.outer_start), nearby)
        cast.spoke(name)
        return Quote(parts, name, Attribution(method, unit.cue.text))
    last_paragraph = unit.spans[-1].paragraph
    following_paragraph = paragraphs[last_paragraph] if last_paragraph < len(paragraphs) else ""
    # The next paragraph hands the quote over: 'That was the view of Sunita Bhattacharjee, who …'
    view = _VIEW_OF.match(following_paragraph)
    if view:
        mention = speakers.subject_after_verb(following_paragraph[view.end():])
        if mention and mention.kind in ("name", "surname"):
            name, _ = cast.resolve(mention, (last_paragraph + 1, 0))
            return Quote(parts, name, Attribution(LOOK_AHEAD, _clip(following_paragraph[: view.end()] + mention.text)))
    previous = done[-1] if done else None
    # Continuation: a bare quote right after a quote by a known speaker, in the same or the previous paragraph.
    if previous and previous.speaker and previous.paragraphs[-1] >= first.paragraph - 1:
        return Quote(parts, previous.speaker, Attribution(CONTINUATION, previous.attribution.cue))
    # Look-ahead: the cue sits with the next quote, in this paragraph or the next one ...
    following = units[position + 1] if position + 1 < len(units) else None
    if following and following.cue and following.spans[0].paragraph <= last_paragraph + 1:
        nxt = following.spans[0]
        name, method = cast.resolve(following.cue.mention, (nxt.paragraph, nxt.outer_start))
        if name and method == EXPLICIT:
            return Quote(parts, name, Attribution(LOOK_AHEAD, following.cue.text))
    # ... or opens the next paragraph: 'That was how Desmond Fairweather described the bill.'
    if last_paragraph < len(paragraphs) and not (following and following.spans[0].paragraph == last_paragraph + 1):
        following_text = paragraphs[last_paragraph]
        opening = following_text[: _next_sentence(sentence_starts(following_text), 0, len(following_text))]
        verb = _LEADING_VERB.search(opening)
        mention = speakers.subject_before_verb(opening[: verb.start()]) if verb else None
        if mention and mention.kind in ("name", "surname"):
            name, _ = cast.resolve(mention, (last_paragraph + 1, 0))
            return Quote(parts, name, Attribution(LOOK_AHEAD, _clip(opening[: verb.end()])))
    return Quote(parts, None, Attribution(UNATTRIBUTED, None))


def _reported_candidates(text: str):
    """(offset, (sentence, subject mention, cue)) for sentences without quotation marks that report speech."""
    starts = (*sentence_starts(text), len(text))
    for begin, end in zip(starts, starts[1:], strict=False):
        sentence = text[begin:end].strip()
        if not sentence or _MARK.search(sentence):
            continue
        verb = _REPORTING_VERB.search(sentence)
        if not verb or verb.start() == 0:
            continue
        subject = speakers.subject_before_verb(sentence[: verb.start()])
        if subject is None or subject.kind == "other":
            continue
        # The subject must be the sentence's own, not a noun deep inside an earlier clause.
        if len(sentence[: verb.start()].split()) > 14 and not sentence[: verb.start()].rstrip().endswith(","):
            continue
        cue = sentence[: verb.end()].strip()
        yield begin, (sentence, subject, cue)
