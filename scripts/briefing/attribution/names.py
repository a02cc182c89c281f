"""Whether a run of capitalised words names one individual, and the name cleaned of what is not part of it.

A profile is only for a named individual: never a place ("Dallas"), an organisation ("Morning Consult"), a
group ("Analysts"), a pronoun or contraction ("I've"), a headline's words ("Obama Speech") or a fragment swept
up with a name ("Even China", "Republican Donald Trump", "CNN's Gloria Borger"). The signals, from the most
certain:
- words that are never part of a person's name: function words, days and months, group nouns, places,
  organisation words, stray markup (lexicon/ and the gazetteer);
- given names: gender-guesser's dictionary of some 40,000 first names from many countries, which also tells
  "he" from "she";
- the article's own vocabulary: a word it also writes in lower case ("even", "popular", "health") is a common
  word, not a name, unless it is a given name ("Bill", "Mark").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import lexicon
from ..gazetteer import is_place

# A token of a name: letters, with the apostrophes, hyphens and full stops names carry (O'Neill, Jean-Marc, J.).
_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’´.\-])*$")
_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.[A-Z]\.?$")
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.I)
_POSSESSIVE = re.compile(r"['’´]s?$")


@lru_cache(maxsize=1)
def _given_names():
    import gender_guesser.detector  # loaded once, when a name is first checked

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def given_name_gender(word: str, certain: bool = False) -> str | None:
    """'m', 'f', 'x' (a given name of either sex) or None (not a known given name). certain: only a name that
    is one sex's in every country the dictionary knows ("Walter"; not "Sasha", "Kim")."""
    if len(word) < 2 or word.lower() in lexicon.words("not_names.txt"):
        return None
    found = _given_names().get_gender(word)
    if certain:
        return {"male": "m", "female": "f"}.get(found)
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f", "andy": "x"}.get(found)


def surname_words(name: str) -> list[str]:
    """The words of a name without a generational suffix: the surname is the last of them."""
    words = name.split()
    return words[:-1] if len(words) > 2 and words[-1] in lexicon.words("suffixes.txt", lower=False) else words


@lru_cache(maxsize=65536)
def is_given_name(word: str) -> bool:
    """A known given name ("Jean-Baptiste" by its parts) or an initial."""
    parts = word.split("-")
    return bool(_INITIAL.match(word)) or all(given_name_gender(part) is not None for part in parts if part)


@lru_cache(maxsize=65536)
def _is_group(word: str) -> bool:
    """'Analysts', 'Critics', 'Republicans', 'Floridians': a plural of a role, a title or a group noun."""
    low = word.lower()
    if low in lexicon.words("group_nouns.txt"):
        return True
    singular = low[:-1] if low.endswith("s") else None
    return bool(singular) and (singular in lexicon.words("role_nouns.txt") or singular in lexicon.words("titles.txt")
                               or singular in lexicon.words("group_nouns.txt"))


# A capital inside a word is a name's only after these: McConnell, MacDougall, O'Neill, DuVernay, LaBelle.
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|O['’´]|D['’´]|De|Du|Da|Di|La|Le|Van|Von|St|Fitz)(?=[^\W\d_])")


def _brand_shaped(word: str) -> bool:
    """'PolitiFact', 'YouTube': a capital inside a word part, not after a name prefix, and not all capitals."""
    for part in word.rstrip(".").split("-"):
        rest = _NAME_PREFIX.sub("", part)[1:]
        if any(c.isupper() for c in rest) and not part.isupper():
            return True
    return False


@lru_cache(maxsize=65536)
def never_in_a_name(word: str) -> bool:
    """Words that cannot be part of a person's name, whatever the article: function words, organisation words,
    groups, parties, and words shaped like a brand ("PolitiFact")."""
    if _INITIAL.match(word):
        return False
    low = word.lower().rstrip(".")
    acronym = word.isupper() and len(word) > 1 and "." not in word and word not in lexicon.words("suffixes.txt", False)
    return (not _NAME_TOKEN.match(word) or _brand_shaped(word) or acronym or bool(_CONTRACTION.search(word)) or low in lexicon.words("not_names.txt")
            or low in lexicon.words("parties.txt")
            or low in lexicon.words("organisation_words.txt") or low in lexicon.words("place_words.txt")
            or _is_group(word) or low.endswith(("ians", "cans", "eans", "xans")))  # Floridians, Mexicans, Texans


@lru_cache(maxsize=65536)
def is_role(word: str) -> bool:
    """A title or role noun standing alone ("Editor", "Senator") is nobody's name."""
    low = word.lower().rstrip(".")
    return low in lexicon.words("titles.txt") or low in lexicon.words("role_nouns.txt")


@lru_cache(maxsize=65536)
def _is_glue(word: str) -> bool:
    """Words that begin a sentence before a name: 'In', 'Whether', 'Even', 'Having' ('the' begins a title)."""
    low = word.lower()
    return low != "the" and (low in lexicon.words("not_names.txt")
                             or low.endswith("ing") and not is_given_name(word) and not _is_calendar(word))


@lru_cache(maxsize=65536)
def _is_calendar(word: str) -> bool:
    """A day, a month or an ordinal: "Late Sunday", "Fifth Amendment"."""
    low = word.lower().rstrip(".")
    return low in lexicon.words("calendar.txt") or low in lexicon.words("ordinals.txt")


@lru_cache(maxsize=65536)
def _is_modifier(word: str) -> bool:
    """A word that can stand before a name without being part of it: a party, a demonym, a place, a group."""
    low = word.lower()
    return not is_given_name(word) and (low in lexicon.words("parties.txt") or word in lexicon.table("demonyms.txt")
                                        or is_place(word) or _is_group(word))


def trim(tokens: list[str]) -> list[str]:
    """The tokens of a name without what news writes around it: 'Republican Donald Trump' → Donald Trump,
    "CNN's Gloria Borger" → Gloria Borger, "Rand Paul's Kentucky" → Rand Paul, 'Whether Clinton' → Clinton.
    Context-free; looks_like_a_person() then says whether what is left can be a name."""
    tokens = list(tokens)
    # A possessive inside the run ends one name and starts another: keep the side that is a person.
    for i, token in enumerate(tokens[:-1]):
        if _POSSESSIVE.search(token):
            before, after = tokens[:i] + [_POSSESSIVE.sub("", token)], trim(tokens[i + 1:])
            return after if looks_like_a_person(after) else trim(before)
    while len(tokens) > 1 and (_is_glue(tokens[0]) or _is_modifier(tokens[0]) or not _NAME_TOKEN.match(tokens[0])
                               or never_in_a_name(tokens[0]) and is_given_name(tokens[1])):
        tokens.pop(0)
    while len(tokens) > 1 and _is_calendar(tokens[-1]):  # "Netflix Friday"; but "Dragonfly Intelligence" is a firm
        tokens.pop()
    return tokens


def looks_like_a_person(tokens: list[str]) -> bool:
    """Whether tokens (already trimmed) can name an individual, without knowing the article: no word that is
    never in a name ("The Hill"), no day or month but a given name first ("Morning Consult"; but "April Ryan"),
    not a place ("Dallas", "New York"), and no place after a word that is no given name ("Say Mexico"; but
    "Jim Jordan")."""
    if not tokens or any(never_in_a_name(t) for t in tokens) or is_place(" ".join(tokens)):
        return False
    if len(tokens) == 1 and is_role(tokens[0]):
        return False
    if any(_is_calendar(t) and not (i == 0 and len(tokens) > 1 and is_given_name(t)) for i, t in enumerate(tokens)):
        return False
    given = is_given_name(tokens[0]) and not _INITIAL.match(tokens[0])  # "Jim Jordan"; but "N. Korea"
    return len(tokens) == 1 or given or not is_place(tokens[-1])


def person_name(tokens: list[str], vocabulary: frozenset[str] = frozenset()) -> str | None:
    """The name of the individual tokens name in an article whose lowercase words are vocabulary, or None.

    A name that starts with a given name or an initial is a person's whatever follows ("Tim Cook", "Mike
    Pence"), and common words before it are dropped ("Crooked Hillary Clinton", "Universe Alicia Machado").
    Otherwise a word the article also writes in lower case is a common word, and means no person ("Obama
    Speech", "Election Day", "Wall Street")."""
    tokens = trim(tokens)
    while len(tokens) > 2 and tokens[0].lower() in vocabulary and not is_given_name(tokens[0]) \
            and is_given_name(tokens[1]):
        tokens = tokens[1:]
    if not looks_like_a_person(tokens) or (len(tokens) > 1 and _INITIAL.match(tokens[-1])):  # "Robert C."
        return None
    particles = lexicon.words("particles.txt")
    common = [t.lower() in vocabulary and t.lower() not in particles and not is_given_name(t) for t in tokens]
    if any(common) and not is_given_name(tokens[0]):
        return None
    if any(common[1:-1]):  # "Chris Christie Calls Hillary Clinton": a verb inside is no middle name
        return None
    return " ".join(tokens)


_APOSTROPHES = str.maketrans({"’": "'", "´": "'", "ʼ": "'", "`": "'", "‘": "'"})
# Looser, for one article, where a surname alone must be some full name of it: a romanised name written several
# ways (Zelensky, Zelenskyy, Zelenskiy; Andrii, Andriy; Ukrainian h for Russian g: Ihnat, Ignat; kh or h; ye or
# e; doubled letters).
_ENDING_Y = re.compile(r"(?:iy|ii|yy|yi|y)$")
_LOOSE = ((re.compile(r"kh"), "h"), (re.compile(r"g"), "h"), (re.compile(r"(?<=[aeiou])y(?=[aeiou])|j"), "i"),
          (re.compile(r"ye"), "e"), (re.compile(r"w"), "v"), (re.compile(r"ks"), "x"), (re.compile(r"(.)\1"), r"\1"))


@lru_cache(maxsize=65536)
def fold(word: str, loose: bool = False) -> str:
    """A name word as a key its other spellings share: in any case, with any apostrophe (O'Neill, O’Neill).
    loose: also without accents, and the spellings of one name romanised several ways. Only an article uses
    the loose key: across the corpus two spellings may be two people."""
    plain = word.lower().translate(_APOSTROPHES)
    if not loose:
        return plain
    plain = "".join(c for c in unicodedata.normalize("NFKD", plain) if c.isalnum() or c == "-")
    plain = "-".join(_ENDING_Y.sub("i", part) for part in plain.split("-"))
    for pattern, replacement in _LOOSE:
        plain = pattern.sub(replacement, plain)
    return plain


def preload() -> None:
    """Load the given names and the gazetteer now: before the build forks its workers, so that they share
    one copy instead of each reading the files again."""
    given_name_gender("Ann")
    is_place("Dallas")
