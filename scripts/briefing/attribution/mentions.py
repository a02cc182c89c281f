"""Who a cue points at: person names, pronouns and descriptors, and the appositive that gives role and organisation.

Pure functions of text. Rule data sits at the top; each set says why it exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import lexicon, names, roles
from .lexicon import strip_possessive
from ..gazetteer import is_place

# The word lists are data (lexicon/, with a README); each file says why it exists.
# Honorifics carry a gender, which is all the pronoun resolver knows about a person.
HONORIFICS = {form: (None if gender == "-" else gender)
              for word, gender in lexicon.table("honorifics.txt").items() for form in (word, word + ".")}
TITLES = lexicon.words("titles.txt")
ROLE_NOUNS = lexicon.words("role_nouns.txt")
NOT_NAMES = lexicon.words("not_names.txt")
ORG_WORDS = lexicon.words("organisation_words.txt")
PARTICLES = lexicon.words("particles.txt")
AUXILIARIES = lexicon.words("auxiliaries.txt")
# Post-nominal letters and party labels: "Helen Marchbank KC", "Thomas O. Brannigan (R-Ohio)".
_SUFFIX = re.compile(rf"^(?:{lexicon.alternation('post_nominals.txt', lower=False)}|\(?[RDI]-[A-Z][\w.]*\)?)$")
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Pronouns and nouns that speak but are not people we profile.
NON_PERSON_PRONOUNS = {"they", "it", "we", "i", "you"}
# Titles that hold "of" or "for" themselves: none of it is an organisation.
_TITLE_WITH_PREPOSITION = re.compile(
    r"\b(?i:secretary|minister) of (?i:state)(?: for (?:the )?[A-Z][\w\-]*(?: (?:and |of |for )?(?:the )?[A-Z][\w\-]*)*)?"
    r"|\bChancellor of the Exchequer\b|\b[Cc]hiefs? of (?:the )?(?:[Dd]efen[cs]e )?[Ss]taff\b|\b[Ee]ditor in [Cc]hief\b"
    # "mayor of Boryspil", "President of Tajikistan": the place governed is part of the role.
    r"|\b(?i:" + lexicon.alternation("jurisdiction_titles.txt") + r") of (?:the )?(?P<governed>[A-Z][\w\-’']*(?: [A-Z][\w\-’']*)*)"
    r"(?P<territory> (?:country|state|region|province|city|republic|nation|kingdom|oblast|district|territory))?")
# Prepositions that introduce an organisation in an appositive ("analyst at Dragonfly Intelligence").
_ORG_PREPOSITION = re.compile(r"(?:^|\s)(?:at|of|from|with|for the)\s+(?:the\s+)?(?=[^\W\d_])")
# An appositive ends where a new clause begins: ", speaking at …", ", who …", ", said …".
_CLAUSE_START = re.compile(r"^(?:\w+ing|who|whom|whose|which|where|when|while|said|says|told|adding|and|but)\b")
_SMALL_WORDS = {"of", "for", "the", "and", "in", "on", "at", "de", "du", "van", "von", "der", "den", "la", "le", "&"}
_TOKEN = re.compile(r"[^\s,;:()\"“”«»]+")


@dataclass(frozen=True)
class Mention:
    """What a cue's subject says about its speaker, before it is resolved against the article's cast."""

    kind: str  # "name", "surname", "pronoun", "descriptor" or "other"
    text: str  # the subject as written
    name: str | None = None
    gender: str | None = None
    role: str | None = None
    organisation: str | None = None
    descriptor: tuple[str, ...] = ()  # content words of a descriptor: ("analyst", "dragonfly")


def _is_name_token(tok: str, first: bool) -> bool:
    word = tok.strip(".'’")
    if not word:
        return False
    if tok.lower() in PARTICLES:
        return not first
    return word[0].isupper() and not word.isdigit()


_MAX_RUN = 8


def _name_from_run(run: list[str], lead: str = "") -> Mention | None:
    """A name from a run of capitalised tokens, dropping titles and function words in front of it."""
    # No name with its titles is longer than this; a longer run is a headline or a list, and only its end can
    # hold the name ("… Labour Party Leader Jeremy Corbyn"). Bounding it keeps every step linear.
    run = run[-_MAX_RUN:]
    honorific, cut = None, 0
    for i, tok in enumerate(run):
        low = tok.lower()
        last = i == len(run) - 1  # "Charlie King", "Howard Dean": a title word that ends a name is the name's
        if (low in HONORIFICS or low.rstrip(".") in HONORIFICS) and not last:
            honorific, cut = low.rstrip("."), i + 1
        elif (low in TITLES or low.rstrip(".") in TITLES) and not last:
            cut = i + 1
        elif low in NOT_NAMES:
            cut = i + 1 if i == cut else cut
    # "Secretary of State Anthony Blinken", "Minister for Foreign Affairs Wang Yi": after a title's "of" or "for",
    # the capitalised words up to the name are the title's.
    if re.search(r"\b(?:of|for)$", lead) and cut == 0:
        while len(run) - cut > 2 and not names.is_given_name(run[cut]) or \
                len(run) - cut > 1 and names.never_in_a_name(run[cut]):
            cut += 1
    role_words = [t for t in run[:cut] if t.lower() not in NOT_NAMES and t.lower().rstrip(".") not in HONORIFICS]
    name = list(run[cut:])
    while name and name[0].lower() in PARTICLES:
        name.pop(0)
    while name and (name[-1].lower() in PARTICLES or _SUFFIX.match(name[-1])):
        name.pop()
    if not name:
        return None
    # "Mr. Holtz-Eakin." at a sentence's end: the full stop is the sentence's, not an initial's.
    name[-1] = strip_possessive(name[-1])
    if len(name[-1]) > 3 and name[-1].endswith(".") and "." not in name[-1][:-1]:
        name[-1] = name[-1][:-1]
    name = names.trim(name)
    # A single word may be the surname of someone the article has named ("Warren" is also a city): only the
    # article can tell, so it is checked when the speaker is resolved.
    plausible = names.looks_like_a_person(name) if len(name) > 1 else \
        name and not names.never_in_a_name(name[0]) and (honorific or not names.is_role(name[0]))
    if not plausible or all(t.isupper() and len(t) > 1 for t in name):
        return Mention(kind="other", text=" ".join(run))
    role, organisation = roles.split_organisation(
        roles.clean_role(" ".join(x for x in (lead, " ".join(role_words)) if x), before_name=True))
    gender = HONORIFICS.get(honorific) if honorific else None
    text = " ".join(run)
    if len(name) == 1:
        return Mention(kind="surname", text=text, name=name[0], gender=gender, role=role, organisation=organisation)
    return Mention(kind="name", text=text, name=" ".join(name), gender=gender, role=role, organisation=organisation)


def _trailing_run(tokens: list[str]) -> tuple[list[str], int]:
    """The run of name-like tokens at the end of tokens, and where it starts."""
    i = len(tokens)
    while i > 0 and _is_name_token(tokens[i - 1], first=False):
        i -= 1
    while i < len(tokens) and tokens[i].lower() in PARTICLES:
        i += 1
    return tokens[i:], i


def _leading_run(tokens: list[str]) -> list[str]:
    run = []
    for tok in tokens:
        if not _is_name_token(tok, first=not run):
            break
        run.append(tok)
    while run and run[-1].lower() in PARTICLES:
        run.pop()
    return run


def _pre_role(tokens: list[str]) -> str:
    """Role words just before a name: 'BA chairman', 'aviation analyst', 'party spokeswoman for women'."""
    words: list[str] = []
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 9), -1):
        low = tokens[i].lower()
        # "spokeswoman for women", "minister of health": a preposition right after a title belongs to the role.
        joins_title = low in ("for", "of", "on") and words and i > 0 and tokens[i - 1].lower() in TITLES
        # "Molson Coors Beverage Co. spokeswoman": an abbreviation's full stop ends no sentence.
        sentence_end = tokens[i].endswith((".", "!", "?")) and low.rstrip(".") not in lexicon.words("abbreviations.txt")
        if sentence_end or low in {"said", "says", "told", "tells", "by", "to", "from", "that"} \
                or (low in NOT_NAMES and not joins_title):
            break
        words.insert(0, tokens[i])
        # Four words make a role ("deputy head of research"); an organisation's name before it may go on
        # ("White House National Security Council spokesperson").
        if len(words) >= 4 and not any(w.lower() in ("for", "of", "on") for w in words) \
                and not (i > 0 and tokens[i - 1][:1].isupper() and tokens[i][:1].isupper()):
            break
    return " ".join(words)


def _descriptor(text: str) -> Mention | None:
    """'the analyst at Dragonfly' → descriptor words ('analyst', 'dragonfly')."""
    match = re.fullmatch(r"(?:[Tt]he|[Oo]ur|[Tt]his|[Ii]ts|[Tt]heir)\s+([a-z][\w\-]*(?:\s+[\w\-’']+){0,6})", text)
    if not match:
        return None
    words = match.group(1).split()
    # "The Tories", "the Kremlin": a capitalised head noun is an organisation, not a described person.
    head = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not head or head[0][0].isupper():
        return None
    if any(w.lower() in lexicon.words("organisation_nouns.txt") for w in head[:2]):
        return Mention(kind="other", text=text)
    return Mention(kind="descriptor", text=text, descriptor=tuple(_qualified([strip_possessive(w).lower() for w in head])))


# A phrase of time that may stand between a subject and its verb: "on Monday", "last week", "earlier this month".
_TIME_AT_END = re.compile(r"(?:,\s*)?\s+(?:(?:on|last|this|next|early|late|earlier|later|over\s+the)\s+)?(?:(?:"
                          + lexicon.alternation("calendar.txt") + r"|week|month|year|weekend)(?:\s+(?:night|morning|"
                          r"afternoon|evening))?)(?:\s+\d{1,2})?,?$", re.I)
_ENDS_IN_PREPOSITION = re.compile(r"\b(?:in|since|until|till|by|of|for|during|before|after|from|through|to|"
                                  r"between|and|or|than)\s*$", re.I)
_DASH_PAIR = re.compile(r"\s+(?:—|–|―|--|-)(?:\s+|$)|\s*[—―]\s*(?=[^\W\d_]|$)")


def subject_before_verb(text: str, loose: bool = False) -> Mention | None:
    """The subject phrase that ends right before a speech verb: '… Dalton', 'she', 'X, role,'.

    loose: a lowercase subject ('police', 'one lawmaker') still speaks, as somebody unnamed.
    """
    text = re.sub(r"\s*\([^()]*\)", "", text).rstrip()
    # "Oleksandr Starukh - the regional governor of Zaporizhzhia - said": dashes set off an appositive as commas do.
    text = _DASH_PAIR.sub(", ", text).rstrip()
    tokens = _TOKEN.findall(text)
    # "he later said", "she sarcastically wrote", "Dmitry Medvedev on Monday warning": auxiliaries, adverbs and
    # phrases of time between the subject and its verb.
    while tokens:
        time = _TIME_AT_END.search(text)
        # "who voted for him in November, said": the time belongs to the appositive's own clause
        if time and not _ENDS_IN_PREPOSITION.search(text, 0, time.start()):
            # "Jane Roe, a nurse, on Monday said": the appositive keeps its closing comma
            text = text[: time.start()].rstrip() + ("," if time.group().startswith(",") else "")
            tokens = _TOKEN.findall(text)
        elif tokens[-1] in AUXILIARIES or tokens[-1].endswith("ly") and tokens[-1].islower():
            text = text[: text.rstrip().rfind(tokens[-1])].rstrip()
            tokens.pop()
        else:
            break
    if not tokens:
        return None
    last = tokens[-1].lower()
    if last in PRONOUN_GENDER:
        return Mention(kind="pronoun", text=tokens[-1], gender=PRONOUN_GENDER[last])
    if last in NON_PERSON_PRONOUNS:
        return Mention(kind="other", text=tokens[-1])
    if text.endswith(","):
        mention = _appositive_subject(text.rstrip(","))
        if mention:
            return mention
        # "Aldersbury Hospitals NHS Trust, which runs the infirmary,": an organisation with its appositive.
        head = re.split(r",\s*", text)[0]
        if head[:1].isupper() and not re.match(r"(?:In|On|At|For|After|Before|When|While|As)\b", head):
            return Mention(kind="other", text=head)
    # "… and what its chief executive called 'x'": the subject follows "what".
    clause = re.split(r"[,;:—–―]\s+|(?:^|\s+)(?:(?:and|but|that|as|while)\s+)?(?:[Ww]hat\s+)"
                      r"|\s+(?:and|but|that|as|while)\s+", text)[-1]
    described = _descriptor(clause.strip())
    if described:
        return described
    # "what one lawmaker called …", "a senior official said": somebody unnamed, whatever names come before.
    if _UNNAMED.fullmatch(clause.strip()):
        return Mention(kind="other", text=clause.strip())
    # "Aviation analyst Nick Van den Brul of BNP Paribas": a name, then where they work.
    org_match = re.search(r"\s+(?:of|from|at)\s+((?:the\s+)?[^\W\d_][^,;:]*)$", text)
    if org_match:
        # A name never runs across a comma: "In Novi, Michigan, Trump said" is Trump.
        head_tokens = _TOKEN.findall(text[: org_match.start()].rsplit(",", 1)[-1])
        run, start = _trailing_run(head_tokens)
        if run and not _is_title(run[-1]) and not names.is_role(run[-1]):  # not "Secretary of State …"
            mention = _name_from_run(run, _pre_role(head_tokens[:start]))
            if mention and mention.kind in ("name", "surname"):
                return replace(mention, organisation=roles.clean_organisation(org_match.group(1), strict=True))
    tokens = _TOKEN.findall(text.rsplit(",", 1)[-1])
    run, start = _trailing_run(tokens)
    if run and start and not _is_title(run[0]) and (tokens[start - 1].lower() in lexicon.words("organisation_nouns.txt")
                                                    or tokens[start - 1] in ("the", "The")):
        # "state nuclear energy firm Energoatom said", "the International Red Cross denounced": an organisation.
        return Mention(kind="other", text=" ".join(tokens[start - 1:]))
    if run:
        mention = _name_from_run(run, _pre_role(tokens[:start]))
        named_as = _NAMED_AS.search(" ".join(tokens[:start]))
        if mention and mention.kind in ("name", "surname") and not mention.role and named_as:
            role, organisation = parse_appositive(named_as.group(1))  # "a Ukrainian soldier named only as Magyar"
            mention = replace(mention, role=role, organisation=mention.organisation or organisation)
        return mention
    # An organisation or other capitalised subject ("The Tories", "BA") speaks, but is nobody we profile.
    clause = clause.strip()
    if clause[:1].isupper() and len(clause.split()) <= 6:
        return Mention(kind="other", text=clause)
    if loose and tokens and tokens[-1].isalpha() and tokens[-1].islower() and tokens[-1] not in _FUNCTION_WORDS:
        return Mention(kind="other", text=" ".join(tokens[-3:]))
    return None


# An appositive that says the name before it is an organisation's: ", a data firm", ", the consultancy".
_ORGANISATION_APPOSITIVE = re.compile(
    r",\s+(?:an?|the)\s+(?:(?!(?:at|of|for|in|with|from|and)\s)[\w\-’']+\s+){0,3}?(?:"
    + lexicon.alternation("organisation_nouns.txt") + r")\b"
    # its head, not a modifier of a person's role ("a police spokeswoman", "the bank's chief economist")
    + r"(?![’']s\b)(?!\s+(?:" + lexicon.alternation("role_nouns.txt") + "|" + lexicon.alternation("titles.txt")
    + r")\b)(?!\s+[a-z]+(?:man|woman|person|ist)\b)"
    # and the last noun of its phrase: "a retired school cook" is a cook
    + r"(?=\s*(?:$|[,;:.)—–―]|(?-i:[A-Z])|(?:in|of|based|that|which|whose|with|for|from|at|on|and|or|to|by|owned|run|"
      r"founded|backed|linked|known|close|headquartered|[a-z]+ing|[a-z]+ed)\b))", re.I)
# A phrase that describes somebody: 'a spokeswoman for the company', 'the bank's chief economist'.
_DETERMINED = re.compile(r"(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ne|[Aa]nother)\s+[a-z]")
_UNNAMED = re.compile(r"(?:[Oo]ne|[Aa]n?|[Aa]nother|[Ss]ome|[Ss]everal|[Mm]any|[Tt]wo|[Tt]hree)"
                      r"(?:\s+[a-z][\w\-]*){1,4}")
_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "that", "which",
                   "what", "it", "was", "were", "is", "are", "be", "been", "by", "with", "as", "from", "had"}


_AGE = re.compile(r"(?:aged\s+)?\d{1,3}")
_EMPLOYER = re.compile(r"\s+(?:of|at|from|with)\s+(?=(?:the\s+)?[^\W\d_a-z])")


def _segment_name(segment: str) -> Mention | None:
    """A segment that is a name, give or take a leading title, and may go on with its employer: 'Jane Roe',
    'Dr Jane Roe', 'Tomas Berg of Nordhavn', 'Dan Okoro with the Transit Riders Union'."""
    employer = _EMPLOYER.search(segment)
    head = segment[: employer.start()] if employer else segment
    tokens = _TOKEN.findall(head)
    run = _leading_run(tokens)
    if not run or len(run) != len(tokens) or employer and _is_title(run[-1]):
        return None  # "U.S. Secretary of State Antony Blinken": a title's own "of", not a name's employer
    mention = _name_from_run(run)
    if not mention or mention.kind not in ("name", "surname"):
        return None
    if employer:
        organisation = roles.clean_organisation(segment[employer.end():], strict=True)
        return replace(mention, organisation=organisation) if organisation else None
    return mention


def _appositive_subject(text: str) -> Mention | None:
    """'David Dalton, senior analyst' or 'The Shadow Secretary, Theresa May': which part is the name."""
    # "Kathleen Delaney, 63, a retired flight attendant,": an age is no part of the role
    segments = [s.strip() for s in text.split(",") if not _AGE.fullmatch(s.strip())]
    for i in range(len(segments) - 1, -1, -1):
        mention = _segment_name(segments[i])
        if not mention:
            continue
        if i + 1 < len(segments) and (re.match(r"which\b", segments[i + 1]) or
                                      _ORGANISATION_APPOSITIVE.match(", " + segments[i + 1])):
            if mention.organisation:
                return mention  # "Leila Haddad of Gulfstream Energy, a consultancy,": the consultancy's appositive
            # "Severnside, which supplies 2.9 million customers, said": which, not who: no person.
            return Mention(kind="other", text=segments[i])
        if mention.organisation:
            return mention
        if i + 1 < len(segments):
            role, org = parse_appositive(", ".join(segments[i + 1:]))
        elif i > 0:
            role, org = parse_appositive(segments[i - 1])
        else:
            role, org = None, None
        return replace(mention, role=role or mention.role, organisation=org)
    tokens = _TOKEN.findall(segments[0])
    run, start = _trailing_run(tokens)
    mention = _name_from_run(run, _pre_role(tokens[:start])) if run else None
    if mention and mention.kind in ("name", "surname") and len(segments) > 1:
        if _ORGANISATION_APPOSITIVE.match(", " + segments[1]):
            return Mention(kind="other", text=segments[0])  # "A probe by Schemes, the investigative division of …"
        role, org = parse_appositive(", ".join(segments[1:]))
        return replace(mention, role=role or mention.role, organisation=org)
    return None


def introduction(text: str, start: int, end: int, name: str = "") -> tuple[str | None, str | None]:
    """(role, organisation) that introduce the name at text[start:end]: the words before it ("Kyiv mayor",
    "Pentagon spokesperson") or its appositive after it (", chief economist at Acme Bank,")."""
    before = text[max(0, start - 160):start]
    # "Secretary of State Antony Blinken": the words of the match before the name are the title's
    found = text[start:end].split()
    lead_in = found[: next((i for i, w in enumerate(found) if name.split()[:1] == [w]), 0)] if name else []
    tokens = _TOKEN.findall(before.rsplit(",", 1)[-1]) + lead_in
    role, organisation = roles.split_organisation(roles.clean_role(_pre_role(tokens), before_name=True))
    # "a Ukrainian soldier named only as Magyar", "the chairman of the Ukrainian parliament, Ruslan Stefanchuk,".
    named_as = _NAMED_AS.search(before) or _DESCRIBED_BEFORE.search(before)
    if not role and named_as:
        role, organisation = parse_appositive(named_as.group(1))
    after = re.match(r",\s+(?:(?:aged\s+)?\d{1,3},\s+)?(?:(?:a|an|the)\s+)?(?=[a-z])([^,;:.]*)", text[end:])
    if after and not role and not _ORGANISATION_APPOSITIVE.match(text, end) and not _CLAUSE_START.match(after.group(1)):
        role, organisation = parse_appositive(after.group(1))
    return role, organisation


_NAMED_AS = re.compile(r"\b(?:an?|the)\s+((?:[\w\-’']+\s+){0,3}?[a-z][\w\-]*)\s+(?:named|called|identified|known)"
                       r"(?:\s+only)?(?:\s+as)?\s*$")
_DESCRIBED_BEFORE = re.compile(r"(?:^|[,;:]\s+|\.\s+|\b(?:and|but|as|while|when)\s+)(?:[Tt]he|[Aa]n?)\s+([a-z][^,;:.]{2,80}),\s*$")


def _is_title(token: str) -> bool:
    low = token.lower()
    return low in TITLES or low.rstrip(".") in TITLES or low in HONORIFICS or low in ("late", "former")


def subject_after_verb(text: str) -> Mention | None:
    """The speaker named after the verb: 'says David Dalton, senior analyst …', 'said Mr Straw', 'said she'."""
    text = re.sub(r"\s*\([^()]*\)", "", text).strip()
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    if tokens[0].lower() in PRONOUN_GENDER:
        return Mention(kind="pronoun", text=tokens[0], gender=PRONOUN_GENDER[tokens[0].lower()])
    if tokens[0] in _FUNCTION_WORDS - {"the", "a", "an"}:
        return None  # 'said on Facebook', 'wrote in a post': no speaker after the verb
    # 'according to the Syrian Observatory …', 'said the Kremlin': a name after "the" is no person's.
    if len(tokens) > 1 and tokens[0].lower() == "the" and tokens[1][:1].isupper() and not _is_title(tokens[1]):
        return Mention(kind="other", text=re.split(r"[,;]", text)[0].strip())
    # 'said a spokeswoman for the company, Ana Ortiz': a descriptor, then the name it introduces.
    segments = [x.strip() for x in re.split(r"[,;]", text)]
    if len(segments) > 1 and _DETERMINED.match(segments[0]):
        run = _leading_run(_TOKEN.findall(segments[1]))
        if run and len(run) == len(_TOKEN.findall(segments[1])):
            mention = _name_from_run(run)
            if mention and mention.kind in ("name", "surname"):
                role, org = parse_appositive(segments[0])
                return replace(mention, role=role, organisation=org)
    described = _descriptor(re.split(r"[,;.]\s", text + " ")[0].strip().rstrip("."))
    if described:
        return described
    # The first clause: 'Astrelle chief executive Jean-Baptiste de la Roche', 'Tom Ebdon of Clean Severn Now';
    # not the listener after it ('said Ms. Lee to the committee', 'said Ms. Lee to Mr. Park').
    first_clause = re.split(r"[,;]", text)[0]
    segment = re.split(r"\s+to\s+", first_clause)[0]
    organisation = None
    # 'Tom Ebdon of Clean Severn Now', 'wrote Cameron Easley for Morning Consult'.
    org_match = re.search(r"\s+(?:of|from|at|for|with)\s+((?:the\s+)?[^\W\d_][^,;:.]*)", segment)
    title = _TITLE_WITH_PREPOSITION.search(segment)
    if org_match and title and title.start() <= org_match.start() < title.end():
        org_match = None  # "Secretary of State Antony Blinken": the title's own "of"
    if org_match:
        organisation = roles.clean_organisation(org_match.group(1), strict=True)
        segment = segment[: org_match.start()]
    head_tokens = _TOKEN.findall(segment)
    run, start = _trailing_run(head_tokens)
    if not run:
        return None
    mention = _name_from_run(run, _pre_role(head_tokens[:start]))
    if not mention or mention.kind not in ("name", "surname"):
        return mention
    rest = text[len(first_clause):]
    if organisation:
        # 'says Tomas Berg of Nordhavn, a Danish insurer': the appositive is the employer's.
        return replace(mention, organisation=organisation)
    if _ORGANISATION_APPOSITIVE.match(rest):
        return Mention(kind="other", text=first_clause.strip())  # 'reckons Kpler, a data firm
    if rest.startswith(","):
        role, org = parse_appositive(rest[1:])
        return replace(mention, role=role or mention.role, organisation=org)
    return mention


def parse_appositive(text: str) -> tuple[str | None, str | None]:
    """(role, organisation) from 'senior analyst specialising in Europe, at Dragonfly Intelligence'."""
    kept = []
    for segment in (s.strip() for s in text.strip().rstrip(".").split(",")):
        if not segment or (kept and _CLAUSE_START.match(segment)):
            break
        kept.append(segment)
    text = ", ".join(kept).strip()
    if not text:
        return None, None
    organisation = None
    possessive = re.match(r"^((?:[A-Z][\w&.\-]*\s?)+)['’]s\s+(.+)$", text)
    if possessive:
        organisation, text = possessive.group(1).strip(), possessive.group(2)
    else:
        title = _TITLE_WITH_PREPOSITION.search(text)
        if title and title.group("governed") and not title.group("territory") and not is_place(title.group("governed")) \
                and re.match(r"(?i:(?:vice\s+)?president|leader|head)\b", title.group()):
            title = None  # "president of the United Federation of Teachers" governs no place: an employer
        found = list(_ORG_PREPOSITION.finditer(text, title.end() if title else 0))
        # "head of research at Kestrel": where a role has its own "of", the employer follows "at".
        match = next((m for m in found if m.group().split()[0] == "at"), found[0] if found else None)
        if match:
            candidate = text[match.end():]
            candidate = re.split(r"\s+(?:in|on|near|based|who|which|since|until)\s+", candidate)[0]
            text = text[: match.start()]
            # "analyst at Morgan Stanley" is an employer; "the departure of Bill Bratton" is a person.
            organisation = roles.clean_organisation(candidate, strict=match.group().split()[0] != "at") or \
                roles.public_body(candidate)
        else:
            # "a spokesperson for Toronto Police Service": the body a person speaks for, where it is shaped like
            # one (not "minister for Transport")
            speaks_for = re.compile(r"\s+for\s+(?=[^\W\d_a-z])").search(text, title.end() if title else 0)
            candidate = roles.clean_organisation(text[speaks_for.end():], strict=True) if speaks_for else None
            if candidate and roles.is_organisation_shaped(candidate.split()):
                organisation, text = candidate, text[: speaks_for.start()]
    organisation = roles.organisation_name(organisation)
    return roles.split_organisation(roles.clean_role(text), organisation)


# "Mr.", "Sgt.", "Const.": the abbreviated titles (title_words.txt) that may open a name.
_ABBREVIATED_TITLES = "|".join(sorted({key.capitalize() for key in lexicon.table("title_words.txt")} | {"Mr", "Mrs", "Ms"},
                                      key=lambda key: (-len(key), key)))
_FULL_NAME = re.compile(
    r"(?<![\w’'´])((?:[A-Z]\.|(?:" + _ABBREVIATED_TITLES + r")\.|[^\W\d_a-z][\w’'´\-]*)"
    r"(?:\s+(?:[A-Z]\.|[^\W\d_a-z][\w’'´\-]*|(?:" + "|".join(sorted(PARTICLES)) + r")(?![\w’'´]))){1,7})")


def name_mentions(text: str) -> list[tuple[int, int, Mention]]:
    """(start, end, mention) for every person-like name of two or more words in text, with any title before it."""
    found = []
    for match in _FULL_NAME.finditer(text):
        mention = _name_from_run(match.group(1).split())
        if mention and mention.kind == "name":
            found.append((match.start(), match.end(), mention))
    return found


_CAPITALISED_RUN = re.compile(r"(?<![\w’'´])(?:[^\W\d_a-z][\w’'´.\-]*)(?:\s+(?:[^\W\d_a-z][\w’'´.\-]*|(?:"
                              + "|".join(sorted(PARTICLES)) + r")(?![\w’'´])))*")


def trailing_name(text: str) -> Mention | None:
    """The name or surname that ends text, if one does: 'footage of Hillary Clinton' → Hillary Clinton."""
    tokens = _TOKEN.findall(text.rsplit(",", 1)[-1])
    run, _ = _trailing_run(tokens)
    mention = _name_from_run(run) if run and not text.rstrip().endswith((",", ".", ":")) else None
    return mention if mention and mention.kind in ("name", "surname") else None


def subject_of_sentence(sentence: str) -> Mention | None:
    """The person a sentence is about, when it opens with them: 'He sounded …', 'Mr Putin made …'."""
    tokens = _TOKEN.findall(sentence)
    if tokens and tokens[0].lower() in PRONOUN_GENDER:
        return Mention(kind="pronoun", text=tokens[0], gender=PRONOUN_GENDER[tokens[0].lower()])
    named = first_person(sentence)
    return named[1] if named and not sentence[: named[0]].strip(" ,") else None


def first_person(text: str) -> tuple[int, Mention] | None:
    """(offset, mention) of the first name or surname in text: the person a sentence is about ("During a speech,
    Trump attacked Clinton …, saying …" is Trump)."""
    for match in _CAPITALISED_RUN.finditer(text):
        if _OBJECT_OF_PREPOSITION.search(text[max(0, match.start() - 12):match.start()]):
            continue  # "A senior adviser to Zelenskyy, Mykhailo Podolyak, blamed …" is Podolyak
        mention = _name_from_run(match.group().split())
        if mention and mention.kind in ("name", "surname"):
            return match.start(), mention
    return None


_OBJECT_OF_PREPOSITION = re.compile(r"\b(?:to|of|for|at|with|from|by|about|against|on)\s+$")


# What a title says a person is, so that "the senator" finds "Sen. Margaret Lindqvist".
TITLE_WORDS = lexicon.table("title_words.txt")

# Words that make another title of the one after them: a vice president is not "the president".
_QUALIFIERS = {"vice", "deputy", "assistant", "associate", "former", "acting", "co", "ex", "lieutenant", "under"}


def _qualified(words: list[str]) -> list[str]:
    """['vice', 'president'] → ['vice', 'vice-president']: the head of a qualified title stands only with its
    qualifier, so that "the president" does not describe a vice president (nor "the governor" a former one)."""
    out = []
    for i, word in enumerate(words):
        out.append(f"{words[i - 1]}-{word}" if i and words[i - 1] in _QUALIFIERS else word)
    return out


def described_words(mention: Mention) -> set[str]:
    """The lowercase words a descriptor may use for the person in mention: role, organisation and title."""
    text = " ".join(x for x in (mention.role, mention.organisation, mention.text) if x).lower()
    words = re.findall(r"[^\W_]+", text)
    words = [TITLE_WORDS.get(w.rstrip("."), w) for w in words]
    return set(_qualified(words))
