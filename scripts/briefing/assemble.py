"""The reduce step: all Articles and the Config in, one Site out, with every cross-reference resolved. Pure.

The site is assembled per article. Each article gives its contribution (its quotes and reports placed, its
paragraphs as excerpts under each theme, place and person they are on, its speakers): a pure function of the
article and of who its people are across the corpus. Theme pages, analysts, places and people are those
contributions combined, in article order. Kept between builds (Assembly, `reassemble`), an assembly after an
edit makes again only the contributions of the articles that changed, or whose people's corpus names or slugs
did, and combines again only the pages those contributions are on, before and after; every other page is the
object it was, which the page memo sees at a glance. A changed config combines every page again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cache, cached_property
from itertools import chain, groupby

from .model import (INFERRED_METHODS, Analyst, Appearance, Article, Config, Entity, Excerpt, Mention, PlacedQuote,
                    PlacedReport, Person, Site, ThemePage)
from .slugs import slugify, unique
from .attribution.roles import is_role_word, organisation_name
from .attribution.mentions import HONORIFICS
from .attribution import lexicon, names

# The pages a contribution is on, by kind: a page is (kind, key), the key a theme's slug, an analyst's corpus
# name, a place's or a person's slug.
THEME, ANALYST, PLACE, PERSON = "theme", "analyst", "place", "person"


@dataclass(frozen=True, eq=False)  # compared by identity: a contribution kept is the same object
class Contribution:
    """What one article gives the site."""

    origin: Article  # as analysed: a contribution is kept while its article is this object …
    resolution: tuple[tuple[str, str | None], ...]  # … and its people have these corpus names and analyst slugs
    article: Article  # as the site shows it: its slug unique, the people it names under their corpus names
    quotes: tuple[PlacedQuote, ...]
    reports: tuple[PlacedReport, ...]
    speakers: tuple[tuple[str, Person], ...]  # (corpus name, as the article introduces them), in order of first
    # words, once per form of the name (two forms of one person are two appearances, as in the article)
    excerpts: dict[str, tuple[Excerpt, ...]]  # theme slug → the article's paragraphs on it
    quotes_on: dict[str, tuple[PlacedQuote, ...]]  # theme slug → the article's quotes on it
    shared: dict[str, Counter]  # theme slug → the other themes of its paragraphs that are on several
    places: dict[str, tuple[tuple[str, str], tuple[Excerpt, ...]]]  # slug → ((name, kind), its paragraphs)
    people: dict[str, tuple[tuple[str, str], tuple[Excerpt, ...]]]  # people named who speak nowhere

    @cached_property
    def pages(self) -> frozenset[tuple[str, str]]:
        """The pages made from this article."""
        return frozenset({(THEME, slug) for slug in chain(self.excerpts, self.quotes_on)} |
                         {(ANALYST, name) for name, _ in self.speakers} |
                {(PLACE, slug) for slug in self.places} | {(PERSON, slug) for slug in self.people})


@dataclass(frozen=True, eq=False)
class Assembly:
    """A site with what each article gave it, for the next assembly to start from (`reassemble`)."""

    site: Site
    config: Config
    contributions: dict[str, Contribution]  # by article slug
    members: dict[tuple[str, str], frozenset[str]]  # a page → the slugs of the articles it is made from
    analysts: dict[str, Analyst]  # by corpus name
    places: dict[str, Entity]  # by slug
    people: dict[str, Entity]


def assemble(articles: list[Article], config: Config) -> Site:
    return reassemble(None, articles, config).site


def reassemble(previous: Assembly | None, articles: list[Article], config: Config) -> Assembly:
    """The site of these articles, made again only where it differs from previous's (None: all of it)."""
    ordered = sorted(_unique_slugs(articles), key=lambda pair: (pair[0].published or "", pair[1]), reverse=True)
    identity = _identities(ordered)
    speaking = {identity[(slug, name)] for article, slug in ordered for name in _speakers(article)}
    analyst_slug = _analyst_slugs(speaking)
    # Contributions do not depend on the config; the pages do: with another config every page is combined again.
    base = previous if previous is not None and previous.config == config else None
    reuse = previous.contributions if previous else {}
    contributions: dict[str, Contribution] = {}
    for article, slug in ordered:
        resolution = tuple((identity[(slug, name)], analyst_slug.get(identity[(slug, name)]))
                           for name in chain(_speakers(article), (m.name for m in article.mentioned)))
        old = reuse.get(slug)
        contributions[slug] = old if old is not None and old.origin is article and old.resolution == resolution \
            else _contribution(article, slug, resolution, identity, analyst_slug)
    before = base.contributions if base else {}
    gone = [c for slug, c in before.items() if contributions.get(slug) is not c]
    fresh = [c for slug, c in contributions.items() if before.get(slug) is not c]
    # The pages to combine again: every page a changed article was on, or is on now.
    changed = set(chain.from_iterable(c.pages for c in chain(gone, fresh)))
    members = dict(base.members) if base else {}
    membership: dict[tuple[str, str], set[str]] = {page: set(members.get(page, ())) for page in changed}
    for c in gone:
        for page in c.pages:
            membership[page].discard(c.article.slug)
    for c in fresh:
        for page in c.pages:
            membership[page].add(c.article.slug)
    for page, slugs in membership.items():
        if slugs:
            members[page] = frozenset(slugs)
        else:
            members.pop(page, None)
    rank = {slug: n for n, (_, slug) in enumerate(ordered)}

    def made_from(kind: str, key: str) -> list[Contribution]:
        return [contributions[slug] for slug in sorted(members.get((kind, key), ()), key=rank.__getitem__)]

    old_themes = {page.theme.slug: page for page in base.site.themes} if base else {}
    themes = tuple(old_themes[theme.slug] if (THEME, theme.slug) not in changed and theme.slug in old_themes
                   else _theme_page(theme, old_themes.get(theme.slug), contributions, gone, fresh)
                   for theme in config.themes + (config.catch_all,))
    overrides = dict(config.analyst_overrides)
    analysts = _combined(base.analysts if base else {}, changed, members, ANALYST,
                         lambda name: _analyst(name, made_from(ANALYST, name), analyst_slug, overrides.get(name)))
    places = _combined(base.places if base else {}, changed, members, PLACE,
                       lambda slug: _entity(slug, [c.places[slug] for c in made_from(PLACE, slug)]))
    people = _combined(base.people if base else {}, changed, members, PERSON,
                       lambda slug: _entity(slug, [c.people[slug] for c in made_from(PERSON, slug)]))

    def first_words(kind: str, key: str) -> tuple[int, int]:
        """Where a page's first words are in the corpus: its newest article, and its place among that article's
        people or places, which orders pages of one name as a pass over the articles meets them."""
        slug = min(members[(kind, key)], key=rank.__getitem__)
        given = contributions[slug]
        keys = [name for name, _ in given.speakers] if kind == ANALYST else list(getattr(given, kind_field[kind]))
        return rank[slug], keys.index(key)

    kind_field = {PLACE: "places", PERSON: "people"}
    site = Site(
        articles=tuple(c.article for c in contributions.values()),
        themes=themes,
        analysts=_by_name(analysts, lambda a: (a.name.split()[-1].lower(), a.name.lower()),
                          lambda name: first_words(ANALYST, name)),
        quotes=tuple(chain.from_iterable(c.quotes for c in contributions.values())),
        places=_by_name(places, lambda e: e.name.lower(), lambda slug: first_words(PLACE, slug)),
        people=_by_name(people, lambda e: e.name.lower(), lambda slug: first_words(PERSON, slug)),
    )
    return Assembly(site, config, contributions, members, analysts, places, people)


def _contribution(article: Article, slug: str, resolution: tuple, identity: dict, analyst_slug: dict) -> Contribution:
    mentioned = tuple(_renamed(m, identity[(slug, m.name)]) for m in article.mentioned)
    shown = article if slug == article.slug and all(a is b for a, b in zip(mentioned, article.mentioned)) \
        else replace(article, slug=slug, mentioned=mentioned)
    themes_of = {p.n: p.themes for p in article.paragraphs}
    quotes = []
    for index, quote in enumerate(article.quotes, 1):
        themes = tuple(dict.fromkeys(t for n in quote.paragraphs for t in themes_of[n]))
        speaker = analyst_slug[identity[(slug, quote.speaker)]] if quote.speaker else None
        quotes.append(PlacedQuote(slug, index, quote, speaker, themes))
    reports = tuple(PlacedReport(slug, r, analyst_slug[identity[(slug, r.speaker)]]) for r in article.reported)
    quoted_at: dict[int, list[str]] = defaultdict(list)  # paragraph → the analysts quoted in it
    for q in quotes:
        for n in q.quote.paragraphs:
            if q.speaker and q.speaker not in quoted_at[n]:
                quoted_at[n].append(q.speaker)
    excerpts: dict[str, list[Excerpt]] = defaultdict(list)
    shared: dict[str, Counter] = defaultdict(Counter)
    for paragraph in article.paragraphs:
        speakers = tuple(quoted_at.get(paragraph.n, ()))
        for hit in paragraph.hits:
            excerpts[hit.theme].append(Excerpt(slug, paragraph, hit.spans, speakers, hit.rules))
            if len(paragraph.hits) > 1:
                shared[hit.theme].update(t for t in paragraph.themes if t != hit.theme)
    quotes_on: dict[str, list[PlacedQuote]] = defaultdict(list)
    for q in quotes:
        for theme in q.themes:
            quotes_on[theme].append(q)
    # Place and person pages name the analysts heard in a paragraph: quoted there, or reported.
    heard_at = defaultdict(list, {n: list(quoted) for n, quoted in quoted_at.items()})
    for r in reports:
        if r.speaker not in heard_at[r.reported.paragraph]:
            heard_at[r.reported.paragraph].append(r.speaker)
    known = {p.name: p for p in article.people}
    return Contribution(
        origin=article, resolution=resolution, article=shown, quotes=tuple(quotes), reports=reports,
        speakers=tuple((identity[(slug, name)], known.get(name, Person(name)))
                       for name in dict.fromkeys(_speakers(article))),
        excerpts={theme: tuple(found) for theme, found in excerpts.items()},
        quotes_on={theme: tuple(found) for theme, found in quotes_on.items()},
        shared=dict(shared),
        places=_named_in(shown, shown.places, heard_at),
        # A person has one page: a profile if they speak anywhere in the corpus, else a people page.
        people=_named_in(shown, [m for m in shown.mentioned if m.name not in analyst_slug], heard_at))


def _named_in(article: Article, mentions, heard_at) -> dict[str, tuple[tuple[str, str], tuple[Excerpt, ...]]]:
    """Each place or person of mentions: its name and kind as first named, and the article's paragraphs that name
    it, the names marked."""
    spans: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    named: dict[str, tuple[str, str]] = {}
    for mention in mentions:
        spans[mention.slug][mention.paragraph].append((mention.start, mention.end))
        named.setdefault(mention.slug, (mention.name, mention.kind))
    paragraph_of = {p.n: p for p in article.paragraphs}
    return {slug: (named[slug], tuple(Excerpt(article.slug, paragraph_of[n], tuple(sorted(set(found))),
                                              tuple(heard_at.get(n, ()))) for n, found in where.items()))
            for slug, where in spans.items()}


def _combined(old: dict, changed: set, members: dict, kind: str, make) -> dict:
    """The pages of one kind by key: those made from changed articles made again (or gone), the others kept."""
    pages = dict(old)
    for page_kind, key in changed:
        if page_kind != kind:
            continue
        if (kind, key) in members:
            pages[key] = make(key)
        else:
            pages.pop(key, None)
    return pages


def _by_name(pages: dict, name, first_words) -> tuple:
    """The pages in order of name; pages of one name in the order the corpus first names them (first_words of
    their key), rarely needed, so found only for them."""
    ordered = sorted(pages.items(), key=lambda item: name(item[1]))
    out = []
    for _, alike in groupby(ordered, key=lambda item: name(item[1])):
        alike = list(alike)
        if len(alike) > 1:
            alike.sort(key=lambda item: first_words(item[0]))
        out += [page for _, page in alike]
    return tuple(out)


def _theme_page(theme, old: ThemePage | None, contributions: dict[str, Contribution], gone, fresh) -> ThemePage:
    """A theme's page: nearly every article can be on a theme, so its paragraphs and quotes are the articles' in
    one pass over them in order, and the count of paragraphs it shares with each other theme is the last count
    with the changed articles' taken off and put on again."""
    slug = theme.slug
    quoted = tuple(chain.from_iterable(c.quotes_on.get(slug, ()) for c in contributions.values()))
    shared = Counter(dict(old.related)) if old else Counter()
    for c in gone:
        shared.subtract(c.shared.get(slug, {}))
    for c in fresh:
        shared.update(c.shared.get(slug, {}))
    return ThemePage(theme, tuple(chain.from_iterable(c.excerpts.get(slug, ()) for c in contributions.values())),
                     quoted, tuple(dict.fromkeys(q.speaker for q in quoted if q.speaker)),
                     tuple(sorted(((other, n) for other, n in shared.items() if n > 0),
                                  key=lambda item: (-item[1], item[0]))))


def _analyst(name: str, given: list[Contribution], analyst_slug: dict, fix) -> Analyst:
    """An analyst from the articles they speak in, newest first, so the first appearance with a role is the latest."""
    slug = analyst_slug[name]
    appearances = tuple(Appearance(c.article.slug, p.role, _organisation(p.organisation))
                        for c in given for spoken, p in c.speakers if spoken == name)
    role = next((x.role for x in appearances if x.role), None)
    organisation = next((x.organisation for x in appearances if x.organisation), None)
    own_quotes = tuple(q for c in given for q in c.quotes if q.speaker == slug)
    own_reports = tuple(r for c in given for r in c.reports if r.speaker == slug)
    theme_counts = Counter(t for q in own_quotes for t in q.themes)
    paragraphs = {c.article.slug: c.article.paragraphs for c in given}
    theme_counts.update(t for r in own_reports for t in paragraphs[r.article][r.reported.paragraph - 1].themes)
    colleagues = sorted({analyst_slug[spoken] for c in given for spoken, _ in c.speakers} - {slug})
    return Analyst(
        slug=slug,
        name=(fix.name if fix and fix.name else name),
        role=(fix.role if fix and fix.role else role),
        organisation=(fix.organisation if fix and fix.organisation else organisation),
        appearances=appearances,
        quotes=own_quotes,
        reported=own_reports,
        themes=tuple(sorted(theme_counts.items(), key=lambda item: (-item[1], item[0]))),
        colleagues=tuple(colleagues),
        doubts=() if fix else _doubts(name, role, own_quotes, own_reports),
    )


def _entity(slug: str, given: list[tuple[tuple[str, str], tuple[Excerpt, ...]]]) -> Entity:
    """A place or person from the articles that name it, newest first: named as the newest names it."""
    (name, kind), _ = given[0]
    excerpts = tuple(chain.from_iterable(found for _, found in given))
    themes = Counter(t for e in excerpts for t in e.paragraph.themes)
    return Entity(slug, name, kind, excerpts, tuple(sorted(themes.items(), key=lambda item: (-item[1], item[0]))),
                  tuple(dict.fromkeys(a for e in excerpts for a in e.speakers)))


@cache  # a pure function of the words, asked for each appearance of each analyst in every assembly
def _organisation(stated: str | None) -> str | None:
    return organisation_name(stated)


def _unique_slugs(articles: list[Article]) -> list[tuple[Article, str]]:
    """Two articles whose names slugify alike get distinct slugs, in file-name order, never one page."""
    taken: set[str] = set()
    return [(article, unique(article.slug, taken)) for article in sorted(articles, key=lambda a: a.source_name)]


def _identities(articles: list[tuple[Article, str]]) -> dict[tuple[str, str], str]:
    """(article's slug, person as named there) → their one name across the corpus, for speakers and people alike.

    - Forms of one full name are one person ("Donald J. Trump", "Donald Trump": the same given name and
      surname), named by the form the corpus uses in most articles.
    - A surname alone ("Dalton", "Obama" from "Mr. Obama said") is the one person the corpus names in full
      with that surname, at the same organisation where it gives one, and of the sex an honorific shows;
      where several fit and it speaks, the one of them who speaks elsewhere. People who share a surname stay
      apart when the corpus has several that fit (Bill and Hillary Clinton, who both speak).
    """
    people = {(slug, p.name): p for a, slug in articles for p in a.people}
    named = {(slug, name) for a, slug in articles for name in _speakers(a)}
    named |= {(slug, m.name) for a, slug in articles for m in a.mentioned}
    key_of = {name: _full_name_key(name) for name in {name for _, name in named} | {name for _, name in people}}
    forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for _, name in named:
        if key_of[name]:
            forms[key_of[name]][name] += 1
    canonical = {key: min(counts, key=lambda form: (-counts[form], len(form), form)) for key, counts in forms.items()}
    # "Suu Kyi", "Peña Nieto": surnames of more than one word, whose one longer form elsewhere is the name.
    for key, name in canonical.items():
        if not names.is_given_name(name.split()[0]):
            longer = {other for other in canonical.values() if other.endswith(" " + name)}
            if len(longer) == 1:
                canonical[key] = longer.pop()
    by_surname: dict[str, set[str]] = defaultdict(set)
    for key, name in canonical.items():
        by_surname[key[1]].add(name)
    organisations: dict[str, set[str]] = defaultdict(set)
    for (_, name), person in people.items():
        if person.organisation and key_of[name]:
            organisations[canonical[key_of[name]]].add((_organisation(person.organisation) or "").lower())

    def fits(full: str, person: Person | None) -> bool:
        if person is None:
            return True
        if person.gender and names.given_name_gender(full.split()[0]) not in (None, "x", person.gender):
            return False
        organisation = (_organisation(person.organisation) or "").lower()
        return not organisation or organisation in organisations[full]

    speaking = {canonical[key_of[name]] for a, _ in articles for name in _speakers(a) if key_of[name]}
    identity = {}
    for slug, name in named:
        key = key_of[name]
        if key:
            identity[(slug, name)] = canonical[key]
            continue
        same = [full for full in by_surname.get(names.fold(_surname(name)), ()) if fits(full, people.get((slug, name)))]
        if len(same) > 1 and (slug, name) in people:
            # A bare "Obama" who speaks, where Barack speaks in other articles and Michelle is only named.
            same = [full for full in same if full in speaking]
        identity[(slug, name)] = same[0] if len(same) == 1 else name
    return identity


def _surname(name: str) -> str:
    return names.surname_words(name)[-1]


@cache  # a pure function of the name, asked for every name of every article in every assembly
def _full_name_key(name: str) -> tuple[str, str] | None:
    """(given name, surname), lowercase, of a name given in full, the given name in its full form ("Len" is
    Leonard); None for a surname alone."""
    words = names.surname_words(name)
    if len(words) < 2 or words[0].lower().rstrip(".") in HONORIFICS:
        return None
    given = words[0].lower()
    return names.fold(lexicon.table("nicknames.txt").get(given, given)), names.fold(words[-1])


def _renamed(mention: Mention, name: str) -> Mention:
    return mention if mention.name == name else replace(mention, name=name, slug=slugify(name, fallback="person"))


def _analyst_slugs(speaking: set[str]) -> dict[str, str]:
    """Analyst name → slug, unique across the site."""
    taken: set[str] = set()
    return {name: unique(slugify(name, fallback="analyst"), taken) for name in sorted(speaking)}


def _speakers(article: Article) -> list[str]:
    return [q.speaker for q in article.quotes if q.speaker] + [r.speaker for r in article.reported]


def _doubts(name: str, role: str | None, quotes, reports) -> tuple[str, ...]:
    """What makes a profile worth an editor's look: the rules were least sure of these."""
    words = name.split()
    doubts = []
    if len(words) == 1:
        doubts.append("a single-word name, never given in full")
    elif not names.is_given_name(words[0]):
        doubts.append("its first word is no given name we know")
    if role and not any(is_role_word(w) for w in role.split()):
        doubts.append("its role has no title or role noun")
    if not reports and quotes and all(q.quote.attribution.method in INFERRED_METHODS for q in quotes):
        doubts.append("every quote is inferred, none named in a cue")
    return tuple(doubts)
