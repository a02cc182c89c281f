"""The reduce step: all Articles and the Config in, one Site out, with every cross-reference resolved. Pure."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from .model import (INFERRED_METHODS, Analyst, Appearance, Article, Config, Entity, Excerpt, Mention, PlacedQuote, PlacedReport,
                    Person, Site, ThemePage)
from .slugs import slugify, unique
from .attribution.roles import is_role_word, organisation_name
from .attribution.mentions import HONORIFICS
from .attribution import lexicon, names


def assemble(articles: list[Article], config: Config) -> Site:
    articles = _unique_slugs(articles)
    articles.sort(key=lambda a: (a.published or "", a.slug), reverse=True)
    identity = _identities(articles)
    # Every person an article names goes by their one name across the corpus.
    articles = [replace(a, mentioned=tuple(_renamed(m, identity[(a.slug, m.name)]) for m in a.mentioned))
                for a in articles]
    speaking = {identity[(a.slug, name)] for a in articles for name in _speakers(a)}
    analyst_slug = _analyst_slugs(speaking)
    quotes, reports = [], []
    for article in articles:
        themes_of = {p.n: p.themes for p in article.paragraphs}
        for index, quote in enumerate(article.quotes, 1):
            themes = tuple(dict.fromkeys(t for n in quote.paragraphs for t in themes_of[n]))
            speaker = analyst_slug[identity[(article.slug, quote.speaker)]] if quote.speaker else None
            quotes.append(PlacedQuote(article.slug, index, quote, speaker, themes))
        reports += [PlacedReport(article.slug, r, analyst_slug[identity[(article.slug, r.speaker)]])
                    for r in article.reported]
    speakers_at = defaultdict(list)  # (article, paragraph) → analysts quoted there
    for q in quotes:
        for n in q.quote.paragraphs:
            if q.speaker and q.speaker not in speakers_at[(q.article, n)]:
                speakers_at[(q.article, n)].append(q.speaker)
    all_themes = config.themes + (config.catch_all,)
    theme_pages = _theme_pages(all_themes, articles, quotes, speakers_at)
    analysts = _analysts(articles, identity, analyst_slug, quotes, reports, config)
    # Place and person pages name the analysts heard in a paragraph: quoted there, or reported.
    heard_at = defaultdict(list, {where: list(quoted) for where, quoted in speakers_at.items()})
    for r in reports:
        if r.speaker not in heard_at[(r.article, r.reported.paragraph)]:
            heard_at[(r.article, r.reported.paragraph)].append(r.speaker)
    places = _entities(articles, lambda a: a.places, heard_at)
    # A person has one page: a profile if they speak anywhere in the corpus, else a people page.
    people = _entities(articles, lambda a: [m for m in a.mentioned if m.name not in speaking], heard_at)
    return Site(articles=tuple(articles), themes=theme_pages, analysts=analysts, quotes=tuple(quotes),
                places=places, people=people)


def _entities(articles: list[Article], mentions_of, heard_at) -> tuple[Entity, ...]:
    """Places or people: each one's paragraphs (newest article first), themes and the analysts heard there."""
    spans: dict[str, dict[tuple[str, int], list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, tuple[str, str]] = {}
    for article in articles:
        for mention in mentions_of(article):
            spans[mention.slug][(article.slug, mention.paragraph)].append((mention.start, mention.end))
            names.setdefault(mention.slug, (mention.name, mention.kind))
    paragraph_of = {(a.slug, p.n): p for a in articles for p in a.paragraphs}
    entities = []
    for slug, where in spans.items():
        excerpts = tuple(Excerpt(article, paragraph_of[(article, n)], tuple(sorted(set(found))),
                                 tuple(heard_at.get((article, n), ())))
                         for (article, n), found in where.items())
        themes = Counter(t for e in excerpts for t in e.paragraph.themes)
        analysts = tuple(dict.fromkeys(a for e in excerpts for a in e.speakers))
        name, kind = names[slug]
        entities.append(Entity(slug, name, kind, excerpts,
                               tuple(sorted(themes.items(), key=lambda item: (-item[1], item[0]))), analysts))
    return tuple(sorted(entities, key=lambda e: e.name.lower()))


def _unique_slugs(articles: list[Article]) -> list[Article]:
    """Two articles whose names slugify alike get distinct slugs, in file-name order, never one page."""
    taken: set[str] = set()
    out = []
    for article in sorted(articles, key=lambda a: a.source_name):
        slug = unique(article.slug, taken)
        # The same object where the slug stands, so that a build kept warm sees the article is unchanged.
        out.append(article if slug == article.slug else replace(article, slug=slug))
    return out


def _identities(articles: list[Article]) -> dict[tuple[str, str], str]:
    """(article, person as named there) → their one name across the corpus, for speakers and people alike.

    - Forms of one full name are one person ("Donald J. Trump", "Donald Trump": the same given name and
      surname), named by the form the corpus uses in most articles.
    - A surname alone ("Dalton", "Obama" from "Mr. Obama said") is the one person the corpus names in full
      with that surname, at the same organisation where it gives one, and of the sex an honorific shows;
      where several fit and it speaks, the one of them who speaks elsewhere. People who share a surname stay
      apart when the corpus has several that fit (Bill and Hillary Clinton, who both speak).
    """
    people = {(a.slug, p.name): p for a in articles for p in a.people}
    named = {(a.slug, name) for a in articles for name in _speakers(a)}
    named |= {(a.slug, m.name) for a in articles for m in a.mentioned}
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
            organisations[canonical[key_of[name]]].add((organisation_name(person.organisation) or "").lower())

    def fits(full: str, person: Person | None) -> bool:
        if person is None:
            return True
        if person.gender and names.given_name_gender(full.split()[0]) not in (None, "x", person.gender):
            return False
        organisation = (organisation_name(person.organisation) or "").lower()
        return not organisation or organisation in organisations[full]

    speaking = {canonical[key_of[name]] for a in articles for name in _speakers(a) if key_of[name]}
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


def _theme_pages(themes, articles: list[Article], quotes: list[PlacedQuote], speakers_at) -> tuple[ThemePage, ...]:
    """Every theme's page, from one pass over the paragraphs and one over the quotes."""
    excerpts: dict[str, list[Excerpt]] = {theme.slug: [] for theme in themes}
    shared: dict[str, Counter] = {theme.slug: Counter() for theme in themes}
    for article in articles:
        for paragraph in article.paragraphs:
            speakers = tuple(speakers_at.get((article.slug, paragraph.n), ()))
            for hit in paragraph.hits:
                excerpts[hit.theme].append(Excerpt(article.slug, paragraph, hit.spans, speakers, hit.rules))
                if len(paragraph.hits) > 1:
                    shared[hit.theme].update(t for t in paragraph.themes if t != hit.theme)
    on_theme: dict[str, list[PlacedQuote]] = {theme.slug: [] for theme in themes}
    for q in quotes:
        for slug in q.themes:
            on_theme[slug].append(q)
    pages = []
    for theme in themes:
        quoted = tuple(on_theme[theme.slug])
        analysts = tuple(dict.fromkeys(q.speaker for q in quoted if q.speaker))
        related = tuple(sorted(shared[theme.slug].items(), key=lambda item: (-item[1], item[0])))
        pages.append(ThemePage(theme, tuple(excerpts[theme.slug]), quoted, analysts, related))
    return tuple(pages)


def _analysts(articles, identity, analyst_slug, quotes, reports, config: Config) -> tuple[Analyst, ...]:
    overrides = dict(config.analyst_overrides)
    people: dict[str, list[tuple[Article, Person]]] = defaultdict(list)
    for article in articles:  # newest first, so the first appearance with a role is the latest
        known = {p.name: p for p in article.people}
        for name in dict.fromkeys(_speakers(article)):
            people[identity[(article.slug, name)]].append((article, known.get(name, Person(name))))
    by_article = defaultdict(set)
    for name, seen in people.items():
        for article, _ in seen:
            by_article[article.slug].add(analyst_slug[name])
    quotes_by, reports_by = defaultdict(list), defaultdict(list)
    for q in quotes:
        quotes_by[q.speaker].append(q)
    for r in reports:
        reports_by[r.speaker].append(r)
    themes_of = {(a.slug, p.n): p.themes for a in articles for p in a.paragraphs}
    analysts = []
    for name, seen in people.items():
        slug = analyst_slug[name]
        fix = overrides.get(name)
        appearances = tuple(
            Appearance(a.slug, p.role, organisation_name(p.organisation))
            for a, p in seen
        )
        role = next((x.role for x in appearances if x.role), None)
        organisation = next((x.organisation for x in appearances if x.organisation), None)
        own_quotes, own_reports = tuple(quotes_by[slug]), tuple(reports_by[slug])
        theme_counts = Counter(t for q in own_quotes for t in q.themes)
        theme_counts.update(t for r in own_reports for t in themes_of[(r.article, r.reported.paragraph)])
        colleagues = sorted({other for a in appearances for other in by_article[a.article]} - {slug})
        analysts.append(Analyst(
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
        ))
    return tuple(sorted(analysts, key=lambda a: (a.name.split()[-1].lower(), a.name.lower())))


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
