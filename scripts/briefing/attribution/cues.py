"""Pass 2: each quoted span's cue, a speech verb and its subject before or after the span in its sentence;
quotes that run across paragraphs joined; and sentences of reported speech, with no quotation marks.

The verbs come from lexicon/; the subject phrase is read by mentions.py. Nothing here knows who the people
of the article are: that is pass 3 (sieves.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon, mentions
from .spans import MARK, Span, next_sentence, sentence_of, sentence_starts
from .mentions import Mention

# Verbs that introduce a direct quote, and verbs that frame a partial quote after them (lexicon/).
_SPEECH_VERBS = lexicon.alternation("speech_verbs.txt")
# "called on", "called for", "called off" … are other verbs: they frame nothing.
_PHRASAL = r"(?!\s+(?:on|for|off|in|up)\b)"
_FRAMING_VERBS = "|".join(f + _PHRASAL if f.startswith("call") else f
                          for f in lexicon.alternation("framing_verbs.txt").split("|"))
# "those claims", "his remarks", "the states": after a determiner these words are nouns, not verbs.
_DETERMINER = r"(?<!\bthe )(?<!\bthose )(?<!\bthese )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )(?<!\ba )(?<!\bsuch )(?<!\bour )(?<!\bmy )(?<!\bany )(?<!\bno )"


def _cased(alternation: str) -> str:
    """The verbs in lower case, or capitalised where a sentence or clause begins ("Asked about it, she said"):
    a capital after a word is a name's ("the United States", "Said Jalili")."""
    capitalised = "|".join(form[:1].upper() + form[1:] for form in alternation.split("|"))
    return rf"(?:{alternation}|(?<![\w,’'] )(?<![\w’'])(?:{capitalised}))"


_VERB = re.compile(rf"{_DETERMINER}\b{_cased(_SPEECH_VERBS)}\b")
LEADING_VERB = re.compile(rf"{_DETERMINER}\b{_cased(_SPEECH_VERBS + '|' + _FRAMING_VERBS)}\b")
REPORTING_VERB = re.compile(rf"\b(?:{lexicon.alternation('reporting_verbs.txt')})\b")
# A quote this short with no speech cue is a scare quote ("no-limits partnership"), not speech.
_MIN_BARE_WORDS = 6
# A partial quote this many words after its verb belongs to the writer ("says automation … a "metro-style" service").
_MAX_PARTIAL_GAP = 12
_SCARE_MARKER = re.compile(rf"\b(?:{lexicon.alternation('scare_markers.txt')})\s*$", re.I)
_CUE_REACH = 400
# A dash after the closing mark, then a name to the end of the sentence: '"…" — Sonya Herridge, a voter.'
_DASH_SIGNATURE = re.compile(r"\s*(?:—|–|―|--|-)\s*([^\W\d_][^!?\"“”]{0,120}?)[.\s]*$")
# What may follow a cue's verb when the cue is a sentence of its own: a comma, or a phrase of place or time.
_CUE_TAIL = re.compile(r"\s*(?:,|(?:in|on|at|to|during|after|before|from|with|by|of|via|while|when)\b)")
# A subject longer than this, between a quote and its verb, is a new clause, not a cue.
_MAX_SUBJECT_TOKENS = 9


@dataclass(frozen=True)
class Cue:
    mention: Mention | None
    text: str
    verb_first: bool = False


@dataclass(frozen=True)
class Unit:
    spans: tuple[Span, ...]
    cue: Cue | None
    sentence_floor: int  # where the cue's sentence starts, for pronoun binding


def find_units(text: str, spans: list[Span], marks: re.Pattern = MARK) -> list[Unit]:
    starts = sentence_starts(text)
    found = []
    for i, span in enumerate(spans):
        previous_end = spans[i - 1].outer_end if i else 0
        # Cues sit next to their quote; bounding the regions keeps a huge unpunctuated paragraph linear.
        sentence_start = max(sentence_of(starts, span.outer_start), span.outer_start - _CUE_REACH)
        floor = max(sentence_start, previous_end)
        # A quote that ends its own sentence ('"Why now?" Ms. Ortiz said.') may have its cue in the next one.
        ends_sentence = text[span.start:span.end].rstrip(" \"'”’»").endswith((".", "!", "?", "…"))
        stop = min(next_sentence(starts, span.outer_end + ends_sentence, len(text)), span.outer_end + _CUE_REACH)
        if i + 1 < len(spans):
            stop = min(stop, spans[i + 1].outer_start)
        words = text[span.start:span.end]
        if not any(c.isalpha() for c in words):
            continue  # '"783499116076687360"', '"9/11"': numbers and markup, not speech
        if _SCARE_MARKER.search(text[max(0, span.outer_start - 20):span.outer_start]):
            continue  # 'so-called "overbuilding"', 'known as "immune amnesia"'
        cue = (_leading_cue(text, span, floor, sentence_start) if span.opened else None) or \
            _trailing_cue(text, span, stop, marks)
        if not span.opened and cue is None:
            continue  # a stray closing mark, not a quote
        sentence_like = words[:1].isupper() and words.rstrip(" ,").endswith((".", "!", "?", "…"))
        # '… had no interest in "strangling an industry" but that commitments had "plainly failed"':
        # a short quote in the same sentence as the speaker's previous one is theirs too.
        same_sentence = bool(found) and found[-1].spans[-1] == spans[i - 1] and \
            next_sentence(starts, spans[i - 1].outer_end - 1, len(text)) > span.outer_start
        if cue is None and same_sentence:
            cue = found[-1].cue
        # a scare quote; not a sentence left open to go on in the next paragraph ('… said X. “The sanctions bite')
        opens_sentence = not span.closed and words[:1].isupper() and \
            text[:span.outer_start].rstrip().endswith((".", "!", "?", "…"))
        if cue is None and len(words.split()) < _MIN_BARE_WORDS and span.outer_start > 0 and not sentence_like \
                and not opens_sentence:
            continue
        found.append(Unit((span,), cue, floor))
    return found


def join_multi_paragraph(found_by_paragraph: list[list[Unit]]) -> list[Unit]:
    """A quote left open at a paragraph's end continues in the next paragraph that opens with a quote."""
    units: list[Unit] = []
    for found in found_by_paragraph:
        for item in found:
            last = units[-1] if units else None
            span = item.spans[0]
            if (last and not last.spans[-1].closed and last.spans[-1].paragraph == span.paragraph - 1
                    and span.outer_start == 0):
                units[-1] = Unit(last.spans + item.spans, last.cue or item.cue, last.sentence_floor)
            else:
                units.append(item)
    return units


def _trailing_cue(text: str, span: Span, stop: int, marks: re.Pattern) -> Cue | None:
    """A cue after the closing mark: '," Dalton says.', '," says X, role.', '," she explains.'"""
    region = text[span.outer_end:stop]
    # '"…" — Sonya Herridge': a dash and a name, and nothing else, sign the quote.
    dash = _DASH_SIGNATURE.match(region)
    if dash:
        mention = mentions.subject_after_verb(dash.group(1))
        if mention and mention.kind in ("name", "surname"):
            return Cue(mention, clip(region.strip(" .")), verb_first=True)
    body = region.lstrip(" ,—–―-)")
    body = marks.split(body)[0]
    words_end = body.rstrip(" ,.;:!?")
    if not words_end:
        return None
    verb = _VERB.match(words_end)
    if verb:
        mention = mentions.subject_after_verb(words_end[verb.end():])
        return Cue(mention, clip(words_end), verb_first=True) if mention else None
    verb = _VERB.search(words_end)
    quote_text = text[span.start:span.end].rstrip(" \"'”’»")
    if not verb:
        # "'… were ignited,' Mykolaiv mayor Oleksandr Senkevich.": a quote ending in a comma, then a name and
        # nothing else, is signed by it (the writer left out "said").
        if quote_text.endswith(",") and len(words_end.split()) <= 8 and region.rstrip().endswith("."):
            mention = mentions.subject_before_verb(words_end)
            if mention and mention.kind == "name" and words_end.rstrip().endswith(mention.name.split()[-1]):
                return Cue(mention, clip(words_end))
        return None
    subject = words_end[: verb.start()]
    if subject.rstrip().endswith(",") and not quote_text.endswith((".", "?", "!", "…")) and \
            getattr(mentions.subject_before_verb(subject), "kind", None) not in ("name", "surname", "pronoun"):
        # '… are "sacrificial lambs" that exist only to import Iranian oil, says Adam Smith of Gibson Dunn':
        # the partial quote belongs to the reported speech whose speaker follows the verb.
        mention = mentions.subject_after_verb(words_end[verb.end():])
        if mention and mention.kind in ("name", "surname", "pronoun"):
            return Cue(mention, clip(words_end[verb.start():]), verb_first=True)
    if len(subject.split()) > _MAX_SUBJECT_TOKENS and not subject.rstrip().endswith(","):
        return None
    rest = words_end[verb.end():]
    # '"… done." Mr Brown insisted his plans were sound': a quote that ends its own sentence is followed
    # by a new sentence, unless all that follows is a short cue ('"… done." he said.', '"Why?" she asked
    # in an interview.', '"No." he said, adding …').
    pronoun = subject.strip().lower() in mentions.PRONOUN_GENDER
    if quote_text.endswith((".", "…", "?", "!")) and (
            re.match(r"\s*that\b", rest)  # '"…." Raman replied that Lumora had …': a sentence of its own
            or len(rest.split()) > 4 and not _CUE_TAIL.match(rest) and not pronoun):
        return None  # but '"Why?" she asked the company's president, Gregory Asante.' is the quote's cue
    mention = mentions.subject_before_verb(subject)
    if mention is None and 0 < len(subject.split()) <= 4:
        # '"We live in Satan's kingdom," my father often said': speech, by somebody we do not profile.
        mention = Mention(kind="other", text=subject.strip())
    return Cue(mention, clip(words_end)) if mention else None


def _leading_cue(text: str, span: Span, floor: int, sentence_start: int) -> Cue | None:
    """A cue before the opening mark in the same sentence: 'Ms Hewitt said: "', 'called it "'."""
    region = text[floor:span.outer_start]
    according = re.search(_ACCORDING_TO.pattern + r"(.+?)[,:]?\s*$", region)
    if according:
        mention = mentions.subject_after_verb(according.group(1))
        return Cue(mention, according.group(0).strip(" ,:"), verb_first=True) if mention else None
    verbs = list(LEADING_VERB.finditer(region))
    if not verbs and (_VERB.match(text, span.start) or REPORTING_VERB.match(text, span.start)):
        # 'Blinken “reiterated the United States’ full support …”': the verb opens the quote, its subject before.
        named = mentions.trailing_name(region.rstrip())
        if named:
            return Cue(named, clip(region[region.rfind(named.text):] + text[span.start:span.end]))
    if not verbs:
        # 'Sorensen was unmoved: "…"': a colon after a short clause whose subject is a name.
        if region.rstrip().endswith(":") and len(region.split()) <= 8:
            named = mentions.first_person(region)
            if named and not region[: named[0]].strip(" ,"):
                return Cue(named[1], region.strip(" :"))
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
        mention = mentions.subject_after_verb(region[verb.end():])
        return Cue(mention, clip(region[verb.start():]), verb_first=True) if mention else None
    # '… dismissed the claims as "fantasy" and told Radio X: "…"': a coordinated verb shares the
    # subject of the sentence's first verb, which may sit before an earlier quote.
    if re.search(r"(?:,\s*|\s)(?:and|but)\s*$", subject):
        sentence = text[sentence_start:span.outer_start]
        verb = next(LEADING_VERB.finditer(sentence))
        subject = sentence[: verb.start()]
        region = sentence
    if verb.group().endswith("ing") and not subject.rstrip().endswith(","):
        # 'footage of Hillary Clinton asking, "…"': the participle's subject is the name right before it.
        named = mentions.trailing_name(subject)
        if named:
            return Cue(named, clip(region[subject.rfind(named.text):]))
    if verb.group().endswith("ing") and subject.rstrip().endswith(","):
        # '… Megan Fairweather was blunter, calling the record "a disgrace"': the participle's subject is
        # the person the sentence is about.
        named = mentions.first_person(text[sentence_start:span.outer_start])
        if named:
            return Cue(named[1], clip(text[sentence_start + named[0]:span.outer_start]))
    mention = mentions.subject_before_verb(subject, loose=True)
    if mention is None:
        return None
    cue_start = subject.rfind(mention.text) if mention.text in subject else verb.start()
    return Cue(mention, clip(region[cue_start:]))


def clip(cue: str, max_words: int = 14) -> str:
    words = cue.strip(" ,:").split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")


# A passive before the verb: its subject is spoken to or about ("was accused", "had been told").
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:[a-z]+ly\s+)?$")
# "according to X", "according to estimates by X", "according to a statement from X", "in the words of X":
# X is who says it.
_ACCORDING_TO = re.compile(r"\b(?:[Aa]ccording to|[Ii]n the words of)\s+(?:(?:an?|the|his|her|their)\s+)?(?:(?:[a-z][\w\-]*\s+){1,3}(?:by|from|of)\s+)?")


def reported_candidates(text: str, spans: list[Span]):
    """(offset, (sentence, subject mention, cue)) for sentences without quotation marks that report speech."""
    starts = (*sentence_starts(text), len(text))
    for begin, end in zip(starts, starts[1:], strict=False):
        sentence = text[begin:end].strip()
        if not sentence or any(s.outer_start < end and s.outer_end > begin for s in spans):
            continue
        according = _ACCORDING_TO.search(sentence)
        if according:
            # 'Nineteen people were rescued, according to Kyrylo Tymoshenko, a senior official …'
            subject = mentions.subject_after_verb(sentence[according.end():].strip(" ."))
            if subject and subject.kind in ("name", "surname"):
                yield begin, (sentence, subject, clip(sentence[according.start():]))
                continue
        verb = REPORTING_VERB.search(sentence)
        if not verb or verb.start() == 0:
            continue
        if sentence[: verb.start()].rstrip().endswith(","):
            # '…, says Emil Avdaliani, a Georgian think-tanker.': the speaker after the verb.
            subject = mentions.subject_after_verb(sentence[verb.end():].strip(" ."))
            if subject and subject.kind in ("name", "surname"):
                yield begin, (sentence, subject, clip(sentence[verb.start():]))
                continue
        before = sentence[: verb.start()]
        if re.search(r"\s(?:and|but)\s+$", before):
            # "Putin spoke with Japarov and Rahmon and called on both sides …": the sentence's subject.
            named = mentions.first_person(before)
            if named and not before[: named[0]].strip(" ,") and not _PASSIVE.search(before):
                yield begin, (sentence, named[1], clip(before[named[0]:] + verb.group()))
            continue
        if _PASSIVE.search(before):
            continue  # "He was accused of fraud", "Smith has been told to leave": spoken to or of, not speaking
        subject = mentions.subject_before_verb(before)
        if subject is None or subject.kind == "other" and not subject.text[:1].isupper():
            continue  # an organisation that speaks is kept: its spokesperson may be quoted next
        # The subject must be the sentence's own, not a noun deep inside an earlier clause: its clause is short.
        if len(re.split(r"[,;:]\s", before.rstrip(" ,"))[-1].split()) > 14 and not before.rstrip().endswith(","):
            continue
        cue = sentence[: verb.end()].strip()
        yield begin, (sentence, subject, cue)
