"""Turns a Site into files: (path under docs/, text) pairs. Pure; templates are files in templates/.

Every value a template prints is escaped unless it is Markup (escape.py); links and anchors come from slugs.py
and are Markup (links.py).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Collection

import jinja2
from markupsafe import Markup

from .. import slugs
from ..model import INFERRED_METHODS, UNATTRIBUTED, Article, Rule, Site
from ..parallel import fork_map
from .data import corpus_json
from .escape import html_text, http_url, json_ld, marked, snippet, text
from .links import FEEDS, href, name_links, slug_anchor, theme_anchor, url
from .memo import PageMemo, PageRenderer, PerObject, call
from .parts import First, article_parts, articles_index, into_parts, letter_index

TEMPLATES = Path(__file__).parent.parent / "templates"
SITE_DESCRIPTION = "Long-form news analysis as a cross-linked briefing: themes, analysts and sources."

# The home page shows cards for this many of the most quoted analysts; the analysts page lists them all.
HOME_ANALYSTS = 24
# In the home page's diagram, each of those analysts is linked to at most this many themes.
DIAGRAM_THEMES = 3


def _finalize(value):
    if value is None:
        raise ValueError("a template printed None; guard optional values with {% if %}")
    # A number needs no escaping (paragraph numbers and counts are most of what templates print).
    return value if type(value) is int else text(value)


@lru_cache(maxsize=1)  # templates compiled once per process (a build kept warm renders many times)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        marked=marked, snippet=snippet, h=html_text, pre=lambda value: Markup(html.escape(value)),
        yaml_string=lambda value: Markup(json.dumps(str(html_text(value)))),
        count=lambda n, noun: f"{n} {noun}{'' if n == 1 else 's'}",
        words=lambda value, n: value if len(value.split()) <= n else " ".join(value.split()[:n]) + " …",
    )
    env.globals.update(url=url, href=href, INFERRED=INFERRED_METHODS, http_url=http_url, theme_anchor=theme_anchor,
                       paragraph_anchor=lambda n: Markup(slugs.paragraph_anchor(n)),
                       slug_anchor=slug_anchor, paragraphs_by_theme=_paragraphs_by_theme, describe_rule=describe_rule,
                       excerpt_anchor=lambda article, n: Markup(slugs.excerpt_anchor(article, n)),
                       quote_anchor=lambda article, index: Markup(slugs.quote_anchor(article, index)),
                       feed_path=lambda kind, slug: Markup(FEEDS[kind](slug)))
    return env


def _paragraphs_by_theme(article: Article) -> dict[str, list[tuple[str | None, list[int]]]]:
    """theme slug → (rule, numbers of the article's paragraphs it put on the theme), rules in order of first use,
    each paragraph under the first of its rules; in one pass over the paragraphs."""
    by_theme: dict[str, dict[str | None, list[int]]] = {}
    for paragraph in article.paragraphs:
        for hit in paragraph.hits:
            rule = hit.rules[0] if hit.rules else None
            by_theme.setdefault(hit.theme, {}).setdefault(rule, []).append(paragraph.n)
    return {theme: list(rules.items()) for theme, rules in by_theme.items()}


def describe_rule(rule: Rule) -> str:
    """A rule of themes.yml in words, for the theme page: what a paragraph must hold to match it."""
    def one_of(group) -> str:
        return group[0] if len(group) == 1 else f"one of {', '.join(group)}"

    def listed(group, joiner: str) -> str:
        return group[0] if len(group) == 1 else f"{', '.join(group[:-1])} {joiner} {group[-1]}"

    clauses = ([f"any of {', '.join(rule.any_of)}" if len(rule.any_of) > 1 else rule.any_of[0]] if rule.any_of else [])
    clauses += [one_of(group) for group in rule.all_of]
    if rule.near:
        clauses.append(f"{one_of(rule.near[0])} at most {rule.within} word{'' if rule.within == 1 else 's'} from "
                       f"{one_of(rule.near[1])}")
    text = " and ".join(clauses)
    if rule.min_terms > 1:
        text += f", with at least {rule.min_terms} different terms" + \
            (f" ({listed(rule.weak, 'and')} count too)" if rule.weak else "")
    if rule.none_of:
        text += f"; never with {listed(rule.none_of, 'or')}"
    if rule.article:
        text += f"; only in an article the other rules put at least {rule.article:.0%} on this theme"
    return text


def relationship_diagram(site: Site, analysts) -> str:
    """Mermaid source for the home page: each analyst linked to the themes they speak on most."""
    def label(value: str) -> str:
        # Mermaid labels are seed text: keep letters, digits and a little punctuation, nothing it could parse.
        return re.sub(r"\s+", " ", re.sub(r"[^\w .’'\-–]", " ", value)).strip() or "?"

    titles = {t.theme.slug: t.theme.title for t in site.themes}
    lines = ["graph LR", "  accTitle: Analysts and the themes they speak on",
             "  accDescr: Each analyst is linked to the themes of their quotes, most quoted first"]
    used = set()
    for analyst in analysts:
        for theme, _ in analyst.themes[:DIAGRAM_THEMES]:
            lines.append(f'  a_{analyst.slug.replace("-", "_")}["{label(analyst.name)}"] --- '
                         f't_{theme.replace("-", "_")}["{label(titles[theme])}"]')
            used.add(theme)
    return "\n".join(lines) if used else ""


def render(site: Site, directory_urls: bool = True, processes: int | None = None,
           memo: PageMemo | None = None, data: bool = True, first: Collection[str] | None = None
           ) -> list[tuple[str, str]]:
    """(path under docs/, text) for every file; the writer refuses a path that comes twice.

    directory_urls: as in mkdocs.yml; False for the offline bundle, whose raw HTML links name .html files.
    processes: how many to render in (parallel.fork_map); the output is the same for any number.
    memo: what the previous render kept, in a build kept warm: pages whose inputs did not change are not
    rendered again.
    data: whether to make corpus.json too (a build kept warm makes it after the pages: `data_files`).
    first: with memo, render only these pages and the new ones now, each other page keeping its last text
    until memo.finish() renders what changed of them (`make serve`: the open pages first)."""
    env = _environment()
    # What is made from one theme page, analyst, place or person alone is kept with it while it is unchanged.
    per = memo.per_object if memo is not None else PerObject()
    per.next_render()
    # Long pages come in parts; which part holds an article, so that links point straight there.
    cuts = {("theme", t.theme.slug): per(_theme_cut, t) for t in site.themes}
    cuts.update({("analyst", a.slug): per(_analyst_cut, a) for a in site.analysts})
    cuts.update({("place", e.slug): per(_place_cut, e) for e in site.places})
    cuts.update({("person", e.slug): per(_person_cut, e) for e in site.people})
    part_of: dict[tuple[str, str, str], int] = {}
    for cut in cuts.values():
        part_of.update(cut.part_of)
    articles = {a.slug: a for a in site.articles}
    # (article, paragraph) → the quotes in it whose speaker is known, which a theme page names under the paragraph
    quotes_in: dict[tuple[str, int], list] = {}
    for q in site.quotes:
        for n in q.quote.paragraphs if q.speaker else ():
            quotes_in.setdefault((q.article, n), []).append(q)
    # What pages look up about other pages. A page is rendered again only when what it looked up changed
    # (PageMemo), so these are looked up by key, and what a page reads of an entry is noted field by field.
    tables = dict(
        themes={t.theme.slug: t for t in site.themes}, analysts={a.slug: a for a in site.analysts},
        articles=articles, quotes_in=quotes_in,
        part_of=part_of, **_entity_index(site, per), **name_links(site, per))
    most_quoted = sorted(site.analysts, key=lambda a: (-len(a.quotes), a.name))[:HOME_ANALYSTS]
    home_analysts = sorted(most_quoted, key=lambda a: a.name)
    constants = dict(description=SITE_DESCRIPTION, json_ld=json_ld, directory_urls=directory_urls)
    jobs: list[tuple[str, str, dict]] = []  # (path, template, the page's own context)

    def page(template: str, path: str, **context) -> None:
        jobs.append((path, template, context))

    # The two pages that show counts over the whole site read it whole; they are rendered every time.
    page("home", slugs.HOME, site=site, home_analysts=home_analysts, diagram=relationship_diagram(site, home_analysts))
    page("themes", slugs.THEMES, site=site)
    for path, context in articles_index(site.articles):
        page("articles", path, **context)
    for path, context in letter_index("analysts", site.analysts, lambda a: a.name.split()[-1]):
        page("analysts", path, **context)
    for kind, index, entities in (("place", "places", site.places), ("person", "people", site.people)):
        for path, context in letter_index(index, entities, lambda e: e.name):
            page("entities", path, kind=kind, **context)
    # The quotes index and the coverage matrix list every article: in parts too, newest articles first. The
    # index is cut by its rows (a quote under each of its themes), the matrix by articles (a row each).
    rows = Counter(q.article for view in site.themes for q in view.quotes)
    quotes_cut = article_parts([a.slug for a in site.articles for _ in range(rows[a.slug])])
    # What the quotes index and the coverage matrix show of a theme: its title, under its slug.
    titled = [Titled(view.theme.slug, view.theme.title) for view in site.themes]
    quotes_by_part = [(theme, into_parts(view.quotes, quotes_cut)) for theme, view in zip(titled, site.themes)]
    for n in range(1, len(quotes_cut) + 1):
        page("quotes", slugs.quotes_page(n), part=n, parts=len(quotes_cut),
             quotes_by_theme=[(theme, by_part[n - 1]) for theme, by_part in quotes_by_part if by_part[n - 1]])
    cut = article_parts([a.slug for a in site.articles])
    all_themes = titled
    methods = Counter(q.quote.attribution.method for q in site.quotes)
    # What an editor should check, listed beside the articles it comes from: quotes nobody was found for, and
    # profiles the rules were least sure of (under the newest article that has them).
    unattributed = into_parts([q for q in site.quotes if q.quote.attribution.method == UNATTRIBUTED], cut)
    doubtful = into_parts([First(a.appearances[0].article, a) for a in site.analysts if a.doubts], cut)
    for n, in_part in enumerate(cut, 1):
        page("coverage", slugs.coverage_page(n), part=n, parts=len(cut), all_themes=all_themes,
             methods=methods if n == 1 else {}, part_articles=[articles[slug] for slug in in_part],
             unattributed=unattributed[n - 1], doubtful=[first.analyst for first in doubtful[n - 1]])
    for kind, entities, path in (("place", site.places, slugs.place_page), ("person", site.people, slugs.person_page)):
        for entity in entities:
            cut = cuts[(kind, entity.slug)]
            for n, (excerpts,) in enumerate(cut.entries, 1):
                page("entity", path(entity.slug, n), kind=kind, entity=entity, part=n, parts=len(cut.articles),
                     excerpts=excerpts)
    quotes_by, reports_by = {}, {}
    for q in site.quotes:
        quotes_by.setdefault(q.article, []).append(q)
    for analyst in site.analysts:
        for r in analyst.reported:
            reports_by.setdefault(r.article, []).append(r)
    for a in site.articles:
        page("article", slugs.article_page(a.slug), article=a,
             **per(_article_context, a, tuple(quotes_by.get(a.slug, ())), tuple(reports_by.get(a.slug, ()))))
    # Where each theme's quotes begin in the quotes index, which the theme page links to.
    quotes_part = {theme.slug: next((n for n, quotes in enumerate(by_part, 1) if quotes), 1)
                   for theme, by_part in quotes_by_part}
    for view in site.themes:
        cut = cuts[("theme", view.theme.slug)]
        for n, (excerpts,) in enumerate(cut.entries, 1):
            page("theme", slugs.theme_page(view.theme.slug, n), view=view, part=n, parts=len(cut.articles),
                 excerpts=excerpts, quotes_part=quotes_part[view.theme.slug])
    for analyst in site.analysts:
        cut = cuts[("analyst", analyst.slug)]
        for n, (quotes, reported) in enumerate(cut.entries, 1):
            page("analyst", slugs.analyst_page(analyst.slug, n), analyst=analyst, part=n, parts=len(cut.articles),
                 quotes=quotes, reported=reported)
    renderer = PageRenderer(env, constants, tables, record=memo is not None)
    paths = [path for path, _, _ in jobs] + ([slugs.CORPUS_JSON] if data else [])
    if memo is None:
        # The data file is one more job, so that it is encoded while the other worker renders pages.
        makes = [partial(renderer, path, template, context) for path, template, context in jobs]
        texts = fork_map(call, makes + ([partial(corpus_json, site)] if data else []), processes)
    else:
        texts = memo.render(jobs, tables, renderer, processes, first) + \
            ([corpus_json(site, memo.encoded)] if data else [])
    files = list(zip(paths, texts, strict=True))
    files.append((slugs.CORPUS_SCHEMA, (TEMPLATES / "corpus.schema.json").read_text(encoding="utf-8")))
    return files


def _article_context(article: Article, placed: tuple, reports: tuple) -> dict:
    """Per paragraph: the quotes that touch it and the analysts reported in it."""
    quotes_at: dict[int, list] = {}
    for q in placed:
        for n in q.quote.paragraphs:
            quotes_at.setdefault(n, []).append(q)
    reports_at: dict[int, list] = {}
    for r in sorted(reports, key=lambda r: r.reported.paragraph):
        reports_at.setdefault(r.reported.paragraph, []).append(r)
    speakers = list(dict.fromkeys([q.speaker for q in placed if q.speaker] +
                                  [r.speaker for rs in reports_at.values() for r in rs]))
    themes = list(dict.fromkeys(t for p in article.paragraphs for t in p.themes))
    return {"quotes_at": quotes_at, "reports_at": reports_at, "article_analysts": speakers,
            "article_themes": themes}


@dataclass(frozen=True)
class Named:
    """What a page shows of a place or person it links to: the name, and the slug of its page."""

    slug: str
    name: str


@dataclass(frozen=True)
class Titled:
    """What the quotes index and the coverage matrix show of a theme."""

    slug: str
    title: str


@dataclass(frozen=True)
class NamedIn:
    """The places and people an article names."""

    place: tuple[Named, ...] = ()
    person: tuple[Named, ...] = ()


@dataclass(frozen=True)
class Cut:
    """A long page in parts: the articles of each part, which part holds each article (the part_of table's
    entries), and the page's entries (excerpts; an analyst's quotes, then reports) in each part."""

    articles: list[list[str]]
    part_of: dict[tuple[str, str, str], int]
    entries: list[tuple[list, ...]]  # per part, the page's entries there of each kind


def _cut(kind: str, slug: str, articles: list[str], *entries) -> Cut:
    cut = article_parts(articles)
    part_of = {(kind, slug, article): n for n, part in enumerate(cut, 1) for article in part}
    return Cut(cut, part_of, list(zip(*(into_parts(listed, cut) for listed in entries), strict=True)))


def _theme_cut(view) -> Cut:
    return _cut("theme", view.theme.slug, [e.article for e in view.excerpts], view.excerpts)


def _analyst_cut(analyst) -> Cut:
    return _cut("analyst", analyst.slug, [q.article for q in analyst.quotes] + [r.article for r in analyst.reported],
                analyst.quotes, analyst.reported)


def _place_cut(entity) -> Cut:
    return _cut("place", entity.slug, [x.article for x in entity.excerpts], entity.excerpts)


def _person_cut(entity) -> Cut:
    return _cut("person", entity.slug, [x.article for x in entity.excerpts], entity.excerpts)


def _entity_articles(entity) -> tuple[Named, tuple[str, ...]]:
    """What a page shows of a place or person, and the articles that name it."""
    return Named(entity.slug, entity.name), tuple(dict.fromkeys(e.article for e in entity.excerpts))


def _entity_index(site: Site, per: PerObject) -> dict:
    """Per article, the places and people it names; per theme and analyst, the places they come with."""
    of_article: dict[str, dict[str, list]] = {}
    of_theme: dict[str, list] = {}
    of_analyst: dict[str, list] = {}
    for kind, entities in (("place", site.places), ("person", site.people)):
        for entity in entities:
            named, articles = per(_entity_articles, entity)
            for article in articles:
                of_article.setdefault(article, {"place": [], "person": []})[kind].append(named)
            if kind == "place":
                for theme, _ in entity.themes:
                    of_theme.setdefault(theme, []).append(named)
                for analyst in entity.analysts:
                    of_analyst.setdefault(analyst, []).append(named)
    return {"entities_of_article": {a: NamedIn(tuple(n["place"]), tuple(n["person"])) for a, n in of_article.items()},
            "places_of_theme": {t: tuple(n) for t, n in of_theme.items()},
            "places_of_analyst": {a: tuple(n) for a, n in of_analyst.items()}}
