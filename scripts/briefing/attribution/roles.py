"""A speaker's role and organisation as the article states them, or nothing.

An empty role is better than a wrong one. A role must name what a person does (its head is a title or a
role noun: "senator", "spokeswoman", "editor in chief", "senior analyst specialising in Eurasia"); the words
news writes around it go ("last week Vice President …", "who has four children", "R-Ky"). An organisation is
the capitalised name after "at", "of" or "for", cut where that name ends; a state, a party, a country or a
person is not an employer.
"""

from __future__ import annotations

import re

from . import lexicon, names
from ..gazetteer import is_place

_ROLE_CLAUSE = re.compile(r"\s+(?:who|whom|whose|which|that|where|when|while|after|before|because|since|until)\b"
                          r"|\s+and\s+(?:a|an|the|is|was|now|also)\b|\s+now$"
                          r"|\s*[,;:(]|\s+--?\s+|\s+[—–―]\s*")
_NOT_A_ROLE_START = re.compile(r"^(?:who|whom|whose|which|that|where|when|while|is|was|has|had|and|but|or)\b", re.I)
_LEADING_FILLER = {"a", "an", "the", "his", "her", "its", "their", "our", "this", "last", "next", "week", "year",
                   "month", "then", "now", "also", "as", "is", "was", "and", "but", "by", "said", "says"}
_PARTY_LABEL = re.compile(r"^\(?[RDI]-[A-Z][\w.\- ]*\)?$")
_MAX_ROLE_WORDS = 8
_CONNECTORS = {"of", "for", "the", "and", "&", "de", "du", "des", "la", "le", "van", "von", "der", "den", "on", "in"}


def is_role_word(word: str) -> bool:
    low = word.lower().strip(".,")
    return (low in lexicon.words("role_nouns.txt") or low in lexicon.words("titles.txt")
            or low.rstrip("s") in lexicon.words("role_nouns.txt")
            or low.endswith(("man", "woman", "person", "ist", "ian", "eer")) and len(low) > 5)


# Words of a title that qualify its head and are none themselves: "former", "deputy", "senior".
_QUALIFIERS = {"former", "senior", "junior", "retired", "acting", "deputy", "vice", "prime", "chief", "principal",
               "co", "ex", "current", "then", "outgoing", "incoming", "interim", "assistant", "associate", "executive",
               "general", "head", "lead", "managing", "special", "staff", "shadow"}


def is_role_head(word: str) -> bool:
    """A role word that can head a role: "director", not the "former" or "deputy" before it."""
    return is_role_word(word) and word.lower().strip(".,") not in _QUALIFIERS


_CLAUSE_WORDS = {"by", "to", "with", "from", "against", "like", "than", "as", "that", "who", "which", "when"}


def _ends_a_clause(word: str) -> bool:
    """A verb or preposition before a name, after which its role begins ("targeting", "by", "believes")."""
    low = word.lower()
    if not word.islower() or low in _QUALIFIERS or is_role_word(word):
        return False
    return low in _CLAUSE_WORDS or low.endswith(("ed", "ing")) and len(low) > 4 or \
        low in lexicon.words("speech_verbs.txt") or low in lexicon.words("reporting_verbs.txt")


def clean_role(text: str | None, before_name: bool = False) -> str | None:
    """The role in text, or None when the text gives none plainly.

    before_name: the words stand right before the name ("Republican vice-presidential nominee Gov."), so the
    role must end in its head; after a name ("…, a physicist who is co-director of …") it is cut at the first
    clause and may go on past its head ("head of research", "analyst specialising in Eurasia")."""
    if not text:
        return None
    text = text.strip(" ,.;:")
    if _NOT_A_ROLE_START.match(text):
        return None
    text = _ROLE_CLAUSE.split(text, maxsplit=1)[0]
    # "X, the bill's sponsor": after a name, a short phrase with an article describes the person.
    described = not before_name and bool(re.match(r"(?:an?|the)\s", text, re.I)) and len(text.split()) <= 6
    words = [w for w in text.split() if not _PARTY_LABEL.match(w)]
    expansions = lexicon.table("title_words.txt")
    # "Sen." (or "Sen", its stop taken by the sentence) → "senator".
    words = [expansions.get(w.lower().rstrip("."), w) if w.endswith(".") or w[:1].isupper() else w for w in words]
    while words and (words[0].lower() in _LEADING_FILLER or words[0].lower().rstrip(".") in lexicon.words("calendar.txt")
                     or any(c.isdigit() for c in words[0])):
        words.pop(0)
    if before_name:
        # "described Democratic presidential nominee", "statements made by former candidate": a role before a name
        # begins after the sentence's verb or preposition
        words = words[max((i + 1 for i, w in enumerate(words) if _ends_a_clause(w)), default=0):]
        if words and words[-1].lower() in _CONNECTORS:
            return None  # "U.S. Secretary of": the title runs on into the name
    digits = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w)), None)
    if digits is not None:
        # "president of the Central Asian country of 35m": after the head, the words before the figure's phrase.
        cut = digits - 1 if digits and words[digits - 1].lower() in _CONNECTORS else digits
        if before_name or not any(is_role_head(w) for w in words[:cut]):
            return None
        words = words[:cut]
        while words and words[-1].lower() in _CONNECTORS:
            words.pop()
    if not words:
        return None
    # "major general", "attorney general": the qualifier that ends a title is its head
    heads = [i for i, w in enumerate(words) if is_role_head(w) or i == len(words) - 1 and w.lower() == "general"] or \
        [i for i, w in enumerate(words) if is_role_word(w)] or ([len(words) - 1] if described else [])
    if len(words) > _MAX_ROLE_WORDS and heads and not before_name:
        words = words[: heads[0] + 1]  # the shortest faithful title: "outside adviser to the campaign on …"
    if len(words) > _MAX_ROLE_WORDS:
        return None
    # Right before a name a role ends in its head, or in a phrase of its own ("spokeswoman for transport").
    tail = words[heads[-1] + 1:] if heads else []
    if not heads or (before_name and tail and not (tail[0].lower() in ("for", "of", "on") and len(tail) <= 4)):
        return None
    return " ".join(words)


def clean_organisation(text: str | None, strict: bool = False) -> str | None:
    """The organisation's name at the start of text ("Hoover Institution and a former ambassador" → "Hoover
    Institution"), normalised ("the Dragonfly intelligence" → "Dragonfly Intelligence"), or None.

    strict: a name that looks like a person's is one ("of Bill Bratton"); only "at" makes "Morgan Stanley" an
    employer."""
    if not text:
        return None
    words = re.split(r"\s*[,;:(]\s*", text.strip())[0].split()
    # "the", "Brussels-based", "brokerage Aton": what stands before the name.
    while words and (words[0].lower() in ("the", "a", "an") or words[0].lower().endswith("-based")
                     or words[0][:1].islower() or words[0].lower() in lexicon.words("not_names.txt")):
        words.pop(0)  # "Another RT America host": "another" is no part of the name
    kept: list[str] = []
    for i, word in enumerate(words):
        low = word.lower().strip(".")
        if word[:1].isupper() and re.search(r"['’]s?$", word) and kept:
            kept.append(re.sub(r"['’]s?$", "", word))  # "Tax Foundation's Policy Center": the owner
            break
        if word[:1].isupper() or word[:1].isdigit() and kept:
            kept.append(word)
        elif kept and low in lexicon.words("organisation_words.txt"):
            kept.append(word[0].upper() + word[1:])  # "Dragonfly intelligence"
        elif kept and low in _CONNECTORS and i + 1 < len(words) and words[i + 1][:1].isupper():
            kept.append(word)
        else:
            break
    while kept and kept[-1].lower() in _CONNECTORS:
        kept.pop()
    name = " ".join(kept).strip(" .")
    if not name or _not_an_employer(name) or all(w.lower() in lexicon.words("calendar.txt") for w in kept):
        return None
    if strict and len(kept) > 1 and names.is_given_name(kept[0]) and names.looks_like_a_person(kept) \
            and not any(w.lower() in lexicon.words("organisation_words.txt") for w in kept):
        return None
    return name


def _not_an_employer(name: str) -> bool:
    words = name.split()
    # An acronym is a place only when news uses it as one ("US", "UK"): "BA" and "IMF" employ people.
    place = name in lexicon.table("place_aliases.txt") if name.isupper() else is_place(name)
    if place or all(w.lower() in lexicon.words("parties.txt") or w.lower() == "party" for w in words):
        return True
    # "Mr. Peña Nieto", "President Bill Clinton": a person, not where one works.
    first = words[0].lower().rstrip(".")
    return name in lexicon.table("demonyms.txt") or first in lexicon.table("honorifics.txt") or (
        len(words) > 1 and first in lexicon.words("titles.txt") and names.looks_like_a_person(words[1:]))


_POSSESSIVE_OWNER = re.compile(r"^(?:the\s+)?((?:[A-Z][\w&.\-]*\s?)+)['’]s\s+(.+)$")


def split_organisation(role: str | None, organisation: str | None = None) -> tuple[str | None, str | None]:
    """A role that names its organisation, split: "Kremlin spokesman" → ("spokesman", "Kremlin"), "the
    Kremlin's spokesman" likewise, "retired CIA officer" → ("retired officer", "CIA"), "White House National
    Security Council spokesperson" → ("spokesperson", "White House National Security Council"). A title ("Prime
    Minister"), a demonym ("Ukrainian") or a place ("Mykolaiv mayor") is no organisation and stays."""
    if not role or organisation:
        return role, organisation
    owner = _POSSESSIVE_OWNER.match(role)
    if owner:
        found = clean_organisation(owner.group(1))
        # "Iran's foreign ministry spokesman": a place owns no job, but what follows may name the body
        return (clean_role(owner.group(2)) or role, found) if found else split_organisation(owner.group(2))
    words = role.split()
    title = lexicon.words("titles.txt")
    demonyms = lexicon.table("demonyms.txt")
    start = end = None
    for i, word in enumerate(words):
        bare = word.strip(",")
        capital = bare[:1].isupper() or bare[:1].isdigit() and start is not None
        if capital and bare.lower().rstrip(".") not in title and bare not in demonyms and not is_role_word(bare) \
                and bare.lower() not in _QUALIFIERS:
            if start is None:
                start = i
            end = i + 1
        elif start is not None and not (bare.lower() in ("&", "and", "of", "for") and i + 1 < len(words)
                                        and words[i + 1][:1].isupper()):
            break
    head = next((i for i, w in enumerate(words) if is_role_head(w) and w not in demonyms), len(words))
    if start is None:
        return _split_public_body(words, head) or (role, None)
    if start and words[start - 1] in demonyms:
        start -= 1  # "Australian Army": the demonym is part of the organisation's name
    # A title in capitals after an organisation that is one by its form: "CIA Director", "Australian Army Major
    # General"; not "Interior Minister" or "Shadow Secretary", whose capitals are the title's own.
    titled = end < len(words) and words[end][:1].isupper() and is_organisation_shaped(words[start:end]) \
        and words[end].lower() not in _PORTFOLIO_TITLES
    if end == len(words) or not (words[end][:1].islower() or titled) or start > head:
        # Only a name before the role's head is its organisation ("president of the Central Asian country" is none)
        # and there must be a role left; a title in capitals has capitalised words of its own
        # ("Shadow Secretary of State", "Interior Minister"): only a role in lower case sets off a name before it.
        return role, None
    found = clean_organisation(" ".join(words[start:end]))
    rest = words[:start] + words[end:]
    if not found or not any(is_role_word(w) for w in rest):
        return role, None
    if not is_organisation_shaped(words[start:end]) and \
            re.search(rf"\b(?:{lexicon.alternation('jurisdiction_titles.txt')})$", " ".join(rest), re.I):
        return role, None  # "Mykolaiv mayor", "Tajik President": the place governed, not an employer
    return " ".join(rest), found


# Titles whose capitalised words before them are a portfolio, not an employer: "Diaspora Affairs Minister".
_PORTFOLIO_TITLES = {"minister", "secretary", "commissioner", "chancellor", "undersecretary", "czar", "tsar"}


def is_organisation_shaped(words: list[str]) -> bool:
    """An acronym ("CIA", "FINMA") or a name ending in an organisation's word ("Australian Army")."""
    last = words[-1].strip(",.")
    # one word must be an acronym: "House Speaker" and "City Attorney" are titles
    return len(last) > 1 and last.isupper() and last.isalpha() or \
        len(words) > 1 and last.lower() in lexicon.words("organisation_words.txt")


def _split_public_body(words: list[str], head: int) -> tuple[str, str] | None:
    """"foreign ministry spokesman" → ("spokesman", "foreign ministry"): a body named in lower case before the
    role's head, with a word of its own before its noun."""
    bodies = lexicon.words("public_bodies.txt")
    body = next((k for k in range(head - 1, 0, -1) if words[k].lower() in bodies), None)
    if body is None:
        return None
    start = 0
    while start < body and (words[start].lower() in _QUALIFIERS or words[start].lower() in _LEADING_FILLER):
        start += 1
    if start >= body or not all(w[:1].islower() or w in lexicon.table("demonyms.txt") for w in words[start:body]):
        return None
    rest = words[:start] + words[body + 1:]
    return (" ".join(rest), " ".join(words[start:body + 1])) if any(is_role_head(w) for w in rest) else None


_PUBLIC_BODY = re.compile(r"(?:the\s+)?((?:[\w\-’']+\s+){1,4}?(?:" + lexicon.alternation("public_bodies.txt")
                          + r"))(?=\s*$|\s*[,;:.)]|\s+(?:in|of|for|that|which|who|since|until|and|[a-z]+ing)\b)", re.I)


def public_body(text: str) -> str | None:
    """A body that employs people named in lower case at the start of text ("the Ukrainian president's office",
    "the parliamentary committee overseeing the reforms" → "parliamentary committee"), or None."""
    match = _PUBLIC_BODY.match(text.strip())
    if not match or match.group(1)[:1].isupper() and match.group(1).split()[0] not in lexicon.table("demonyms.txt"):
        return None
    return match.group(1)


def organisation_name(text: str | None) -> str | None:
    """An organisation as clean_organisation() reads it, or a public body named in lower case."""
    return clean_organisation(text) or public_body(text or "")


def with_owner(role: str | None, owner: str) -> str | None:
    """The role as written with the person it serves put back: ("former administration official", "Obama") →
    "former Obama administration official"."""
    words = (role or "").split()
    if not words or owner in words:
        return role  # put back already, when the person was met before
    # after "former" or "senior", before the head ("Trump general": the last word is the head whatever it is)
    lead = next((i for i, w in enumerate(words[:-1]) if w.lower() not in _QUALIFIERS), len(words) - 1)
    return " ".join(words[:lead] + [owner] + words[lead:])
