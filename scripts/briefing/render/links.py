"""Links and anchors from the page being rendered: to a page of a kind (Markdown and raw HTML), to a feed, and
the Linker, which links the names in a page's excerpts. Every link and anchor comes from slugs.py and is Markup.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from .. import slugs
from ..model import Site


FEEDS = {"theme": slugs.theme_feed, "analyst": slugs.analyst_feed}
INDEX_PAGES = {"home": slugs.HOME, "articles": slugs.ARTICLES, "themes": slugs.THEMES, "analysts": slugs.ANALYSTS,
               "places": slugs.PLACES, "people": slugs.PEOPLE, "data": slugs.CORPUS_JSON}
_PAGES_OF_KIND = {"place": slugs.place_page, "person": slugs.person_page, "theme": slugs.theme_page,
                  "analyst": slugs.analyst_page, "quotes": lambda _, part: slugs.quotes_page(part),
                  "coverage": lambda _, part: slugs.coverage_page(part)}


def target_path(kind: str, slug: str | None, part: int) -> str:
    """The path of the page a link of this kind points at: an index, a part of one, or a page of its own."""
    if kind in INDEX_PAGES and slug is None:
        return INDEX_PAGES[kind]
    if kind == "articles":  # the articles of one year or month
        return slugs.archive_page(slug, part)
    if kind in ("analysts", "places", "people"):  # the index under one letter
        return slugs.letter_page(kind, slug, part)
    return slugs.article_page(slug) if kind == "article" else _PAGES_OF_KIND[kind](slug, part)


@jinja2.pass_context
def url(context, kind: str, slug: str | None = None, anchor: str | None = None, part: int = 1) -> Markup:
    """A Markdown link (which MkDocs validates) from the page being rendered to a page of the given kind."""
    return Markup(slugs.link(context["page"], target_path(kind, slug, part), anchor))


@jinja2.pass_context
def href(context, kind: str, slug: str | None = None, anchor: str | None = None, part: int = 1) -> Markup:
    """The same link for raw HTML, where MkDocs does not rewrite .md paths."""
    return Markup(slugs.href(context["page"], target_path(kind, slug, part), anchor, context["directory_urls"]))


@jinja2.pass_context
def theme_anchor(context, quote, theme: str) -> Markup:
    """The excerpt, on a theme's page, of the first paragraph of quote that is on that theme."""
    article = context["articles"][quote.article]
    n = next(n for n in quote.quote.paragraphs if theme in article.paragraphs[n - 1].themes)
    return Markup(slugs.excerpt_anchor(quote.article, n))


def slug_anchor(slug: str) -> Markup:
    """A validated slug used as an id on the page it belongs to."""
    if not slugs.SLUG_PATTERN.match(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return Markup(slug)


class Linker:
    """Per page: links the first occurrence of each place, person or analyst named in its excerpts. Only names
    are linked: a theme is never linked from a word of the text, which a reader would take for an error."""

    def __init__(self, page: str, targets: dict, mentions: dict, directory_urls: bool = True):
        self.page, self.targets, self.mentions, self.seen = page, targets, mentions, set()
        self.directory_urls = directory_urls

    def __call__(self, excerpt) -> list[tuple[int, int, str]]:
        links, used = [], []
        for m in self.mentions.get((excerpt.article, excerpt.paragraph.n), ()):  # sorted by start
            target = self.targets.get((m.kind == "person", m.slug, m.name))
            if target and target not in self.seen and target != self.page and \
                    not any(a < m.end and m.start < b for a, b in used):
                self.seen.add(target)
                used.append((m.start, m.end))
                links.append((m.start, m.end, slugs.href(self.page, target, None, self.directory_urls)))
        return links


def name_links(site: Site, per) -> dict:
    """What a name in an excerpt links to (a place, a person, or an analyst's profile), and the names in each
    paragraph, for Linker. per: a PerObject, which keeps each unchanged article's names from the last render."""
    analyst_by_name = {a.name: a.slug for a in site.analysts}
    people = {e.slug for e in site.people}
    targets, mentions, named = {}, {}, set()
    for article in site.articles:
        in_paragraphs, places, persons = per(_names_in, article)
        mentions.update(in_paragraphs)
        targets.update(places)
        named.update(persons)
    for key in named:
        _, slug, name = key
        if name in analyst_by_name:
            targets[key] = slugs.analyst_page(analyst_by_name[name])
        elif slug in people:
            targets[key] = slugs.person_page(slug)
    return {"link_targets": targets, "mentions": mentions}


def _names_in(article) -> tuple[dict, dict, set]:
    """An article's names by paragraph, sorted by start; the pages of the places it names; the people it names,
    as link_targets keys, whose pages depend on the whole site."""
    mentions, places, persons = {}, {}, set()
    for m in article.places + article.mentioned:
        mentions.setdefault((article.slug, m.paragraph), []).append(m)
        if m.kind != "person":
            places[(False, m.slug, m.name)] = slugs.place_page(m.slug)
        else:
            persons.add((True, m.slug, m.name))
    return {where: tuple(sorted(found, key=lambda m: m.start)) for where, found in mentions.items()}, places, persons
