"""The records that flow through the pipeline: small, frozen, built once and complete."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

# How a quote found its speaker. Everything but "explicit" is an inference a reader should see marked.
EXPLICIT = "explicit"
PRONOUN = "pronoun"
DESCRIPTOR = "descriptor"
CONTINUATION = "continuation"
LOOK_AHEAD = "look-ahead"
CONTEXT = "context"
UNATTRIBUTED = "unattributed"
OVERRIDE = "override"
INFERRED_METHODS = frozenset({PRONOUN, DESCRIPTOR, CONTINUATION, LOOK_AHEAD, CONTEXT})


@dataclass(frozen=True)
class Source:
    """One seed file as read from disk: its name, front matter and paragraphs."""

    name: str  # file name inside seeds/, used in messages
    meta: tuple[tuple[str, object], ...]
    paragraphs: tuple[str, ...]
    encoding: str = "utf-8"  # "cp1252" when a legacy file was read, which the build reports

    def get(self, key: str, default=None):
        return dict(self.meta).get(key, default)


@dataclass(frozen=True)
class Rule:
    """One way into a theme (themes.yml `rules:`). It matches a paragraph when every condition holds:

    any_of: at least one of these terms; all_of: a term of every group; near: a term of the first group at most
    `within` words from a term of the second; none_of: none of these terms; and at least min_terms distinct
    terms of the rule occur, where the weak terms count too (they never satisfy the other conditions, so they
    count only alongside a strong one). A rule with an `article` share counts only in an article of which the
    theme's other rules take at least that share of the paragraphs: a paragraph of a piece on sanctions that
    speaks of "the cap" is on sanctions, the same words in other news are not."""

    name: str
    any_of: tuple[str, ...] = ()
    all_of: tuple[tuple[str, ...], ...] = ()
    near: tuple[tuple[str, ...], ...] = ()  # two groups, or none
    within: int = 0
    none_of: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    min_terms: int = 1
    article: float = 0.0  # counts only where the theme's other rules take at least this share of the article


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    description: str
    terms: tuple[str, ...]  # any one of them is enough: the rule named "terms"
    rules: tuple[Rule, ...] = ()
    none_of: tuple[str, ...] = ()  # a paragraph with any of these is never on the theme, whatever matched

    @property
    def all_rules(self) -> tuple[Rule, ...]:
        """The terms as a rule of their own, then the rules, in the order an editor wrote them."""
        return ((Rule(TERMS_RULE, any_of=self.terms),) if self.terms else ()) + self.rules


TERMS_RULE = "terms"  # the name under which a paragraph matched by a theme's plain terms list is shown


@dataclass(frozen=True)
class AnalystOverride:
    name: str | None = None
    role: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class QuoteOverride:
    article: str
    paragraph: int
    speaker: str | None  # an analyst's full name, or None for "nobody"


@dataclass(frozen=True)
class Config:
    themes: tuple[Theme, ...]
    catch_all: Theme
    analyst_overrides: tuple[tuple[str, AnalystOverride], ...] = ()  # keyed by detected name
    quote_overrides: tuple[QuoteOverride, ...] = ()


@dataclass(frozen=True)
class Person:
    """A speaker as introduced in one article."""

    name: str
    role: str | None = None
    organisation: str | None = None
    gender: str | None = None  # "m" or "f" where the article shows it (an honorific, a given name, pronouns)


@dataclass(frozen=True)
class Attribution:
    method: str
    cue: str | None


@dataclass(frozen=True)
class QuotePart:
    """The words of a quote inside one paragraph: text == paragraph[start:end]."""

    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    parts: tuple[QuotePart, ...]
    speaker: str | None  # full name of a Person in the same article
    attribution: Attribution

    @cached_property  # asked for on every page that shows the quote
    def paragraphs(self) -> tuple[int, ...]:
        return tuple(sorted({p.paragraph for p in self.parts}))

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts)


@dataclass(frozen=True)
class Reported:
    """Reported speech: a sentence in which a person says something without quotation marks."""

    paragraph: int
    text: str
    speaker: str
    cue: str


@dataclass(frozen=True)
class ThemeHit:
    """A theme matched in a paragraph: the character spans of the matched terms, and the names of the rules that
    matched (what the theme and coverage pages show, so that an editor sees why the paragraph is there)."""

    theme: str
    spans: tuple[tuple[int, int], ...]
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    n: int
    text: str
    hits: tuple[ThemeHit, ...]

    @cached_property  # asked for often, by every page that lists a paragraph's themes
    def themes(self) -> tuple[str, ...]:
        return tuple(h.theme for h in self.hits)


@dataclass(frozen=True)
class Mention:
    """A place or a person (not quoted) named in a paragraph: text[start:end] of that paragraph."""

    paragraph: int
    start: int
    end: int
    slug: str
    name: str
    kind: str  # "country", "region" or "person"


@dataclass(frozen=True)
class TextAnalysis:
    """What is found in an article's text whatever the config: speakers, quotes, places, people named. The
    build keeps it per source, so that a change to the themes does not analyse every text again."""

    people: tuple[Person, ...]
    quotes: tuple[Quote, ...]  # before the editor's overrides
    reported: tuple[Reported, ...]
    places: tuple[Mention, ...]
    mentioned: tuple[Mention, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    slug: str
    source_name: str
    title: str
    source: str | None
    published: str | None
    url: str | None
    author: str | None
    paragraphs: tuple[Paragraph, ...]
    people: tuple[Person, ...]  # speakers, in order of first appearance
    quotes: tuple[Quote, ...]
    reported: tuple[Reported, ...]
    places: tuple[Mention, ...] = ()
    mentioned: tuple[Mention, ...] = ()  # people named but not necessarily quoted; assemble drops analysts
    problems: tuple[str, ...] = ()  # faults in our own analysis of this article, which the build reports


# The assembled site: every relation a page shows, computed once across all articles.


@dataclass(frozen=True)
class PlacedQuote:
    """A quote in the corpus: its article, its 1-based index there, its speaker's analyst slug, its themes."""

    article: str
    index: int
    quote: Quote
    speaker: str | None
    themes: tuple[str, ...]


@dataclass(frozen=True)
class PlacedReport:
    article: str
    reported: Reported
    speaker: str


@dataclass(frozen=True)
class Excerpt:
    article: str
    paragraph: Paragraph
    spans: tuple[tuple[int, int], ...]  # the matched terms to mark
    speakers: tuple[str, ...]  # analysts quoted in this paragraph
    rules: tuple[str, ...] = ()  # on a theme page: the theme's rules that matched the paragraph


@dataclass(frozen=True)
class ThemePage:
    theme: Theme
    excerpts: tuple[Excerpt, ...]
    quotes: tuple[PlacedQuote, ...]
    analysts: tuple[str, ...]
    related: tuple[tuple[str, int], ...]  # (theme slug, paragraphs shared), most shared first


@dataclass(frozen=True)
class Appearance:
    """How an analyst was introduced in one article."""

    article: str
    role: str | None
    organisation: str | None


@dataclass(frozen=True)
class Analyst:
    slug: str
    name: str
    role: str | None  # from the latest article that gives one
    organisation: str | None
    appearances: tuple[Appearance, ...]
    quotes: tuple[PlacedQuote, ...]
    reported: tuple[PlacedReport, ...]
    themes: tuple[tuple[str, int], ...]  # (theme slug, quotes and reports on it)
    colleagues: tuple[str, ...]  # other analysts quoted in the same articles
    doubts: tuple[str, ...] = ()  # why an editor should check this profile; none once seeds/overrides.yml has it


@dataclass(frozen=True)
class Entity:
    """A place, or a person named but not quoted, across the corpus."""

    slug: str
    name: str
    kind: str  # "country", "region" or "person"
    excerpts: tuple[Excerpt, ...]  # the paragraphs that name it, newest article first; spans mark the name
    themes: tuple[tuple[str, int], ...]  # (theme slug, paragraphs), most first
    analysts: tuple[str, ...]  # analysts quoted or reported in those paragraphs


@dataclass(frozen=True)
class Site:
    articles: tuple[Article, ...]  # newest first
    themes: tuple[ThemePage, ...]  # config order, catch-all last
    analysts: tuple[Analyst, ...]  # by name
    quotes: tuple[PlacedQuote, ...]
    places: tuple[Entity, ...] = ()  # by name
    people: tuple[Entity, ...] = ()  # by name
