"""The people of one article: every full name and surname use, each person's gender where the text shows it,
what describes them, and who has spoken so far. The sieves (sieves.py) ask it who a mention can be.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..gazetteer import is_place
from ..model import Person
from . import lexicon, mentions, names, roles
from .cues import REPORTING_VERB
from .mentions import Mention
from .spans import Span, sentence_of, sentence_starts

_AFTER_PREPOSITION = re.compile(r"\b(?:at|in|from|for|of|with|by|(?<!according )to|on|near|about|against|into|across"
                                r"|after|before|behind|beside|like|than|over|under|including|between|among)"
                                r"\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:[A-Z][a-z]{0,3}\.\s+)?$")
# A name followed by a speech verb is that verb's subject, whatever comes before it.
_SPEAKS_AFTER = re.compile(r"\s+" + REPORTING_VERB.pattern)
_APPOSITIVE_AFTER = re.compile(r",\s+(?:a|an|the|who|whose)\b")
_VERB_AFTER = re.compile(r"\s+(?!(?:is|was|has|as|its|this|us|does|plus)\b)[a-z]+(?:ed|s)\b")

# Titles and role nouns that introduce a name right after them ("analyst Jane Doe"); not the adjectives among
# the titles ("a retired Air Force general" introduces no "Air Force").
_INTRODUCERS = (mentions.TITLES | mentions.ROLE_NOUNS) - {"senior", "junior", "former", "retired", "acting", "deputy",
                                                         "vice", "prime", "chief", "general", "head", "principal"}


def _is_title_case(text: str) -> bool:
    """A line set like a headline: most of its longer words capitalised, and not ended like a sentence."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'´\-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words) and \
        not text.rstrip(" ”\"'").endswith((".", "?", "!")) or len(words) >= 3 and all(w[0].isupper() for w in words)


def _full_names(paragraphs: tuple[str, ...], vocabulary: frozenset[str]):
    """(paragraph, start, end, mention) for each full name of a person in the article, cleaned of the words
    around it. A name whose last words are another name of the article is that name: "Crooked Hillary Clinton"
    beside "Hillary Clinton"."""
    found = []
    for n, text in enumerate(paragraphs, 1):
        if _is_title_case(text):
            continue  # a subheading or a headline: "Obama Speech", "Paul Ryan Joins Growing List"
        for start, end, mention in mentions.name_mentions(text):
            name = names.person_name(mention.name.split(), vocabulary)
            if name:
                found.append((n, start, end, replace(mention, name=name)))
    known = {mention.name for *_, mention in found}

    def canonical(name: str) -> str:
        words = name.split()
        tails = (" ".join(words[k:]) for k in range(1, len(words) - 1) if not names.is_given_name(words[0]))
        shorter = next((tail for tail in tails if tail in known), None)
        if shorter:
            return shorter
        # "Peña Nieto" where the article also writes "Enrique Peña Nieto": the name given in full.
        longer = {other for other in known if other.endswith(" " + name)}
        return longer.pop() if len(longer) == 1 and not names.is_given_name(words[0]) else name

    return [(n, start, end, replace(mention, name=canonical(mention.name))) for n, start, end, mention in found]


# A name used as a modifier, after a determiner: "the presumed Putin favorite", "a Nakagawa victory".
_AFTER_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|these|those)\s+(?:[a-z]+\s+)?$")


def _is_subject(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] can be the subject of its clause: not the object of a preposition
    ("an adviser at Fairburn Hale") and not a modifier ("the presumed Putin favorite")."""
    before = text[max(0, start - 60):start]
    return not _AFTER_PREPOSITION.search(before) and not _AFTER_DETERMINER.search(before)


# A capitalised word after a word or a comma: not capitalised for starting a sentence or a quote.
_INSIDE_A_SENTENCE = re.compile(r"(?<=[\w,;)]\s)[^\W\d_a-z][\w’'´\-]*")


def _proper_words(paragraphs: tuple[str, ...]) -> frozenset[str]:
    """The words the article capitalises inside a sentence: only those are known to be names ("Another said"
    and "Fuelling fears" begin sentences; "said Ihnat" and "named only as Magyar" do not)."""
    return frozenset(mentions.strip_possessive(w) for text in paragraphs for w in _INSIDE_A_SENTENCE.findall(text))


# A run of capitalised words; atomic, so that a run that is no organisation is given up at once, not tried
# again at every shorter length (a paragraph of a hundred thousand capitalised words stays linear).
_CAPITALS = r"(?>[^\W\d_a-z][\w’'´\-&.]*(?:\s+(?:of|for|and|&)?\s*[^\W\d_a-z][\w’'´\-&.]*)*)"
_CAPITALISED_RUN = re.compile(rf"(?<![\w’'´]){_CAPITALS}")


def _after_organisation_noun(text: str, start: int) -> bool:
    """Whether the word or two before text[start] are an organisation noun ("the consultancy Rystad Energy")."""
    before = text[max(0, start - 30):start]
    if not before[-1:].isspace():
        return False
    words = before.lower().split()[-2:]
    nouns = lexicon.words("organisation_nouns.txt")
    return bool(words) and (words[-1] in nouns or " ".join(words) in nouns)


def _organisations(paragraphs: tuple[str, ...]) -> set[str]:
    """Capitalised names the article calls an organisation: with an appositive whose head is an organisation
    noun, or right after one ("a data firm, Kpler"; "the consultancy Rystad Energy")."""
    found = set()
    for text in paragraphs:
        # finditer resumes after each run, so every character is read once
        names = [run.group() for run in _CAPITALISED_RUN.finditer(text)
                 if text.startswith(",", run.end()) and mentions._ORGANISATION_APPOSITIVE.match(text, run.end())
                 or _after_organisation_noun(text, run.start())]
        found.update(mentions.strip_possessive(name.strip()) for name in names if name[:1].isupper())
    return found


def _organisation_first_words(paragraphs: tuple[str, ...]) -> set[str]:
    """First words of the organisations the article names by an organisation's word ("Peabody" of "Peabody
    Energy", "Gazprom" of "Gazprom Neft"): a speaker of that one word, never named in full, is the organisation."""
    found = set()
    organisation_words = lexicon.words("organisation_words.txt")
    for text in paragraphs:
        for run in _CAPITALISED_RUN.finditer(text):
            words = run.group().split()
            # a run may go on past a full stop ("Peabody Energy. From"): any later word of it will do
            if any(mentions.strip_possessive(w.rstrip(".,")).lower() in organisation_words for w in words[1:]):
                found.add(words[0])
    return found


# Roles that speak for an organisation and name none themselves ("Vinzenz Mathys, spokesperson").
_SPEAKS_FOR = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "press officer", "press secretary"}
_CAPITALISED_WORD = re.compile(r"(?<![\w’'´\-])[^\W\d_a-z][\w’'´\-]*")
_TITLED_SURNAME = re.compile(r"\b([A-Z][a-z]+\.?) ([A-Z][\w’'´\-]+)\b(?! [A-Z])")


def _titles_before_surnames(paragraphs: tuple[str, ...]) -> dict[str, set[str]]:
    """Surname → the words of the titles the article puts before it alone ("President Obama", "Sen. Warren")."""
    found: dict[str, set[str]] = {}
    for text in paragraphs:
        for title, surname in _TITLED_SURNAME.findall(text):
            if title.lower() in mentions.TITLES:
                found.setdefault(mentions.strip_possessive(surname), set()).update(
                    mentions.described_words(Mention(kind="surname", text=title, name=surname)))
    return found


class Cast:
    """The people of one article: where each is mentioned, their gender where the text shows it, who spoke last."""

    def __init__(self, paragraphs: tuple[str, ...], spans: list[list[Span]]):
        self.paragraphs = paragraphs
        self.spans = spans
        self.people: dict[str, Person] = {}
        self.speakers: list[str] = []  # in order of speaking, most recent last
        self.spoken_in: dict[str, int] = {}  # the paragraph where each last spoke
        self.registry: list[tuple[int, int, str]] = []  # every full-name mention, quotes included
        self.gender: dict[str, str] = {}
        self.about: dict[str, set[str]] = {}  # words that describe each person: role, organisation, title
        self.introduced: dict[str, tuple[str | None, str | None]] = {}  # role, organisation where first named
        self.last_organisation: tuple[str, int] | None = None  # the organisation that spoke last, and where
        self.now = 0  # the paragraph being attributed
        self._by_tail: dict[str, list[tuple[int, int, str]]] = {}  # the registry, by each tail of each name
        titled, evidenced, acting = set(), set(), set()
        name_start: dict[tuple[int, int], int] = {}  # (paragraph, offset inside a full name) → where it starts
        # The article's common words: a name made of them is no one's ("Election Day" where "day" is written).
        self.vocabulary = frozenset(w for text in paragraphs for w in re.findall(r"\b[a-z][\w’'´\-]*", text))
        self.proper = _proper_words(paragraphs)
        for n, off, end, mention in _full_names(paragraphs, self.vocabulary):
            text = paragraphs[n - 1]
            self.registry.append((n, off, mention.name))
            words = names.surname_words(mention.name)
            for k in range(1, len(words) + 1):  # 'Dalton', 'Van den Brul', 'Ó Briain': every tail of the name
                self._by_tail.setdefault(" ".join(words[-k:]), []).append((n, off, mention.name))
            name_start.update(((n, i), off) for i in range(off, end))
            if mention.name not in self.introduced:
                role, organisation = mentions.introduction(text, off, end, mention.name)
                self.introduced[mention.name] = (mention.role or role, mention.organisation or organisation)
            self.about.setdefault(mention.name, set()).update(mentions.described_words(mention))
            self.about[mention.name].update(w for x in self.introduced[mention.name] if x for w in x.lower().split())
            if mention.gender:
                self.gender.setdefault(mention.name, mention.gender)
            first = mention.text.split()[0].lower().rstrip(".")
            before = re.findall(r"([a-z]+),?\s*$", text[max(0, off - 40):off])
            # What introduces a person: a title, an appositive ("Tom Hart, who runs the depot"), a role
            # noun before the name ("chief executive Priscilla Van Houten"), or a verb right after it.
            if mention.role or first in mentions.HONORIFICS:
                titled.add(mention.name)
            elif before and before[0] in _INTRODUCERS:
                evidenced.add(mention.name)
            elif _APPOSITIVE_AFTER.match(text, end) or _VERB_AFTER.match(text, end):
                acting.add(mention.name)
        # What the article shows to be an organisation: "Kpler, a data firm", "state nuclear energy firm
        # Energoatom", "Homayoun Falakshahi of Kpler". A speaker of that name is nobody we profile.
        self.organisations = _organisations(paragraphs) | {o for _, o in self.introduced.values() if o}
        self.organisation_first_words = _organisation_first_words(paragraphs)
        self._titles = _titles_before_surnames(paragraphs)
        self._other_name_orders(paragraphs, name_start)
        self.surname_uses = self._surname_mentions(spans, name_start)
        self.mentions = [(n, start, name) for n, start, _, name, salient in self.surname_uses if salient]
        # A name is a person's if it has a title or a role, or if it is no place and none of its words is also
        # a common word of the article ("Public Health" fails where "health" is written in lowercase). An
        # appositive or a verb after it, or its surname used alone, is weaker: then it must also start with a
        # given name ("Goldman Sachs", "Capitol Hill, who…" and "National Guard" act in news too).
        alone = {name for n, off, name in self.mentions if (n, off) not in name_start}
        given = {name for name in acting | alone if names.is_given_name(name.split()[0])}
        self.person_like = titled | {
            name for name in evidenced | given
            if not is_place(name) and not any(w.lower() in self.vocabulary for w in name.split())
        }
        # After an honorific, a given name that is only ever one sex's ("Walter", "Michelle") tells the gender
        # more surely than the article's pronouns, which _infer_gender() counts next.
        for _, _, name in self.registry:
            gender = names.given_name_gender(name.split()[0], certain=True)
            if gender:
                self.gender.setdefault(name, gender)
        self._infer_gender()

    def _other_name_orders(self, paragraphs, name_start) -> None:
        """Names whose surname is not their last word, looked up like a surname when it stands alone:
        - family name first (Chinese, Korean, Vietnamese, Hungarian order): 'Xi Jinping' … 'Mr Xi', 'Zhao
          Weiming' … 'Zhao', where the first word stands alone and the last never does. A first word that is a
          known given name ("Mei Lin" … "Ms Lin") must stand alone twice;
        - a surname of the middle: 'Josep Borrell Fontelles' … 'Mr Borrell', 'Luiz Inácio Lula da Silva' … 'Lula'.
        Then every key also by its loose spelling (names.fold), so that 'Ihnat' finds 'Yuriy Ignat'."""
        alone: dict[str, int] = {}
        for n, text in enumerate(paragraphs, 1):
            for match in re.finditer(r"\b[^\W\d_a-z][\w’'´\-]*", text):
                if (n, match.start()) not in name_start:
                    word = mentions.strip_possessive(match.group())
                    alone[word] = alone.get(word, 0) + 1
        for n, off, name in list(self.registry):
            words = names.surname_words(name)
            first, last = words[0], words[-1]
            if 2 <= len(words) <= 3 and not alone.get(last) and first not in self._by_tail \
                    and alone.get(first, 0) >= (2 if names.is_given_name(first) and first.lower() not in
                                                lexicon.words("family_names_first.txt") else 1):
                self._by_tail.setdefault(first, []).append((n, off, name))
            for middle in words[1:-1]:
                if alone.get(middle) and middle not in self._by_tail and middle.lower() not in mentions.PARTICLES:
                    self._by_tail.setdefault(middle, []).append((n, off, name))
        for entries in self._by_tail.values():
            entries.sort(key=lambda r: (r[0], r[1]))
        self._by_spelling: dict[str, list[tuple[int, int, str]]] = {}
        for key, entries in self._by_tail.items():
            if len(key) >= 4 and " " not in key:
                self._by_spelling.setdefault(names.fold(key, loose=True), []).extend(entries)

    def full_name(self, partial: str, where: tuple[int, int] | None = None, gender: str | None = None) -> str | None:
        """The full name that partial ('Dalton', 'Ó Briain') ends: the latest one before where, else the first.
        gender: what an honorific says ("Mr. Obama" is not Michelle Obama); names of the other sex are skipped."""
        mentions = self._by_tail.get(" ".join(partial.split())) or self._by_spelling.get(names.fold(partial, True), [])
        if gender:  # rare (an honorific), so the common lookup stays a bisection of the list as it is
            mentions = [m for m in mentions if self.gender.get(m[2], gender) == gender]
        if mentions:
            # Several people with one surname ("Sen. Ted Cruz", then his wife "Heidi Cruz" and father "Rafael
            # Cruz"): a bare "Cruz" is the one introduced first, as news names the others in full.
            return mentions[0][2]
        tail = partial.split()
        return next((n for n in reversed(self.people) if n.split()[-len(tail):] == tail
                     and (not gender or self.gender.get(n, gender) == gender)), None)

    def _surname_mentions(self, spans, name_start) -> list[tuple[int, int, int, str, bool]]:
        """(paragraph, start, end, full name, salient) for every use of a known name's surname.

        Salient uses are outside quotes and can be a clause's subject: only those can be the person a later
        "he" or "she" refers to ("an adviser at Fairburn Hale", "the presumed Putin favorite" are not who "he" is).
        """
        found = []
        for n, text in enumerate(self.paragraphs, 1):
            quote_starts = [s.outer_start for s in spans[n - 1]]
            for match in _CAPITALISED_WORD.finditer(text):  # a surname is capitalised
                word = mentions.strip_possessive(match.group())
                if word not in self._by_tail and names.fold(word, True) not in self._by_spelling:
                    continue
                name = self.full_name(word, (n, match.start()))
                if not name:
                    continue
                i = bisect_right(quote_starts, match.start())
                inside_quote = bool(i) and match.start() < spans[n - 1][i - 1].outer_end
                start = name_start.get((n, match.start()), match.start())
                end = match.start() + len(word)
                salient = not inside_quote and (bool(_SPEAKS_AFTER.match(text, end)) or _is_subject(text, start, end))
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
                sentence = sentence_of(starts, pronoun.start())
                before = [name for off, name in named if sentence <= off < pronoun.start()]
                if before and not self.quoted_between(n, sentence, pronoun.start()):
                    tally = votes.setdefault(before[-1], [0, 0])
                    tally[pronoun.group().lower() in ("she", "her", "hers")] += 1
        for name, (male, female) in votes.items():
            if male != female:
                self.gender.setdefault(name, "m" if male > female else "f")

    def quoted_between(self, paragraph: int, start: int, end: int) -> bool:
        """Whether a quote of the paragraph overlaps text[start:end]."""
        return any(s.outer_start < end and s.outer_end > start for s in self.spans[paragraph - 1])

    def meet(self, name: str, mention: Mention) -> str:
        if name not in self.people:
            # "President Obama" anywhere in the article: "the president" may describe him.
            self.about.setdefault(name, set()).update(self._titles.get(names.surname_words(name)[-1], ()))
        person = self.people.get(name)
        introduced_role, introduced_org = self.introduced.get(name, (None, None))
        role = (person.role if person else None) or mention.role or introduced_role
        org = (person.organisation if person else None) or mention.organisation
        if not org and (role == introduced_role or not mention.role):
            org = introduced_org  # the organisation of the role it was introduced with, not of another
        if not org and role and role.lower() in _SPEAKS_FOR and self.last_organisation \
                and self.now - self.last_organisation[1] <= 1:
            org = self.last_organisation[0]  # '… FINMA said … "…," said Vinzenz Mathys, spokesperson'
        if org and " " not in org and any(n.split()[-1] == org for n in self.people.keys() | self.person_like):
            # "Clinton spokesman", "Trump lawyer": a person's name is who they work for, not an organisation
            role, org = roles.with_owner(role, org), None
        if mention.gender:
            self.gender.setdefault(name, mention.gender)
        self.people[name] = Person(name=name, role=role, organisation=org, gender=self.gender.get(name))
        self.about.setdefault(name, set()).update(mentions.described_words(mention))
        if mention.gender:
            self.gender.setdefault(name, mention.gender)
        return name
    def knows(self, partial: str) -> bool:
        """Whether partial names someone the article has shown to be a person (a speaker, or person-like)."""
        full = self.full_name(partial) or partial
        return full in self.people or full in self.person_like
    def fits(self, name: str, gender: str | None) -> bool:
        return self.gender.get(name, gender) == gender
    def organisation_spoke(self, text: str, paragraph: int) -> None:
        """An organisation the article names spoke ("FINMA, the Swiss regulator, said"): a spokesperson quoted next,
        with no organisation of their own, speaks for it."""
        organisation = roles.clean_organisation(text) if text[:1].isupper() else None
        self.last_organisation = (organisation, paragraph) if organisation and not is_place(organisation) else None

    def spoke(self, name: str | None, paragraph: int | None = None) -> None:
        self.last_organisation = None  # a person spoke since
        if name:
            if paragraph:
                self.spoken_in[name] = paragraph
            if name in self.speakers:
                self.speakers.remove(name)
            self.speakers.append(name)
