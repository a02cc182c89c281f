"""Atom feeds, made with feedgen and written by the generator as static files under docs/feeds/, so that they
need no MkDocs plugin and any engine serves them. Pure: (path under docs/, text) pairs, like render().

- feeds/articles.xml: the newest articles, each with its first paragraph;
- feeds/themes/<slug>.xml: per article, its paragraphs on the theme, whole;
- feeds/analysts/<slug>.xml: the analyst's quotes.

Entries are newest first and carry their article's published date, which is also their `updated`; a feed's
`updated` is its newest entry's, so a rebuild without changes writes the same bytes. An article without a
published date is in no feed, since Atom needs a date and none is invented. Links are absolute under the
site's URL (SITE_URL) and point at article paragraphs (`#p-N`), which never move as the corpus grows.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict

from feedgen.feed import FeedGenerator

from . import slugs
from .model import Site

SITE_NAME = "Briefing"  # mkdocs.yml's site_name
# A feed reader wants what is new; older entries stay on the site.
FEED_ENTRIES = 20
TITLE_WORDS = 14
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
                   r"(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$", re.I)
# Characters XML 1.0 cannot carry; seed text is shown as text, so they are dropped, not escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def published_at(value) -> dt.datetime | None:
    """An article's published date as a moment: a date or a prefix of one ("2023-04") is its first day, UTC."""
    match = _DATE.match(str(value or "").strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                             int(second or 0))
    except ValueError:
        return None
    if not zone or zone.upper() == "Z":
        return moment.replace(tzinfo=dt.timezone.utc)
    digits = zone[1:].replace(":", "")
    offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment.replace(tzinfo=dt.timezone(offset if zone[0] == "+" else -offset))


def feeds(site: Site, site_url: str, directory_urls: bool = True) -> list[tuple[str, str]]:
    """Every feed: the site's, one per theme, one per analyst."""
    base = site_url.rstrip("/") + "/"

    def url(page: str, anchor: str | None = None) -> str:
        address = base + slugs.site_path(page, directory_urls)
        return f"{address}#{anchor}" if anchor else address

    when = {a.slug: published_at(a.published) for a in site.articles}
    articles = {a.slug: a for a in site.articles}
    # Newest first; articles of the same date in slug order, so the order never depends on anything else.
    dated = sorted((a for a in site.articles if when[a.slug]), key=lambda a: (-when[a.slug].timestamp(), a.slug))
    rank = {a.slug: n for n, a in enumerate(dated)}
    site_updated = when[dated[0].slug] if dated else _EPOCH

    def article_link(slug: str, n: int | None = None) -> str:
        return url(slugs.article_page(slug), slugs.paragraph_anchor(n) if n else None)

    files = []
    entries = [_Entry(id=url(slugs.article_page(a.slug)), title=a.title, link=article_link(a.slug), when=when[a.slug],
                      author=a.author, content=_paragraphs_html([a.paragraphs[0].text]), source=a.source, published=a.published)
               for a in dated[:FEED_ENTRIES]]
    files.append(_feed(slugs.SITE_FEED, f"{SITE_NAME}: new articles", "The newest articles of the briefing.",
                       url(slugs.SITE_FEED), url(slugs.HOME), entries, site_updated))

    for view in site.themes:
        theme = view.theme
        by_article: dict[str, list] = defaultdict(list)
        for excerpt in view.excerpts:
            if excerpt.article in rank:
                by_article[excerpt.article].append(excerpt.paragraph)
        slugs_in_order = sorted(by_article, key=rank.__getitem__)[:FEED_ENTRIES]
        entries = []
        for slug in slugs_in_order:
            paragraphs = sorted(by_article[slug], key=lambda p: p.n)
            article = articles[slug]
            entries.append(_Entry(
                id=f"{url(slugs.theme_page(theme.slug))}#{slug}", title=article.title,
                link=article_link(slug, paragraphs[0].n), when=when[slug], author=article.author,
                content=_paragraphs_html([p.text for p in paragraphs], article.title, article_link(slug)),
                source=article.source, published=article.published))
        files.append(_feed(slugs.theme_feed(theme.slug), f"{theme.title}: {SITE_NAME}", theme.description,
                           url(slugs.theme_feed(theme.slug)), url(slugs.theme_page(theme.slug)), entries,
                           entries[0].when if entries else site_updated))

    for analyst in site.analysts:
        quotes = sorted((q for q in analyst.quotes if q.article in rank), key=lambda q: (rank[q.article], q.index))
        entries = []
        for placed in quotes[:FEED_ENTRIES]:
            article = articles[placed.article]
            text = placed.quote.text
            words = text.split()
            title = " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")
            entries.append(_Entry(
                id=f"{url(slugs.analyst_page(analyst.slug))}#{slugs.quote_anchor(placed.article, placed.index)}",
                title=f"“{title}”", link=article_link(placed.article, placed.quote.paragraphs[0]),
                when=when[placed.article], author=analyst.name,
                content=_paragraphs_html([text], article.title, article_link(placed.article)),
                source=article.source, published=article.published))
        about = ", ".join(x for x in (analyst.role, analyst.organisation) if x)
        files.append(_feed(slugs.analyst_feed(analyst.slug), f"{analyst.name}: {SITE_NAME}",
                           f"Quotes of {analyst.name}" + (f", {about}" if about else "") + ".",
                           url(slugs.analyst_feed(analyst.slug)), url(slugs.analyst_page(analyst.slug)), entries,
                           entries[0].when if entries else site_updated))
    return files


class _Entry:
    __slots__ = ("id", "title", "link", "when", "author", "content", "source", "published")

    def __init__(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)


def _xml(value) -> str:
    return _NOT_XML.sub("", " ".join(str(value).split()))


def _paragraphs_html(texts: list[str], title: str | None = None, link: str | None = None) -> str:
    """HTML for an entry's content: each text escaped, so a reader shows it as text."""
    out = "".join(f"<p>{html.escape(_xml(text), quote=False)}</p>" for text in texts)
    if title and link:
        out += f'<p>From <a href="{html.escape(link)}">{html.escape(_xml(title), quote=False)}</a></p>'
    return out


# A build kept warm (`make serve`) makes every feed again on each edit, and feedgen takes a millisecond or two a
# feed (one per analyst): a feed whose every field is as before is not made again in the same process.
_MADE: dict[tuple, str] = {}
_MADE_MAX = 1 << 15


def _feed(path: str, title: str, subtitle: str, self_url: str, page_url: str, entries: list[_Entry],
          updated: dt.datetime) -> tuple[str, str]:
    key = (path, title, subtitle, self_url, page_url, updated, tuple(
        (e.id, e.title, e.link, e.when, e.author, e.content, e.source, e.published) for e in entries))
    if key not in _MADE:
        if len(_MADE) >= _MADE_MAX:
            del _MADE[next(iter(_MADE))]
        _MADE[key] = _atom(title, subtitle, self_url, page_url, entries, updated)
    return path, _MADE[key]


def _atom(title: str, subtitle: str, self_url: str, page_url: str, entries: list[_Entry],
          updated: dt.datetime) -> str:
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(_xml(title))
    feed.subtitle(_xml(subtitle) or _xml(title))
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.author({"name": SITE_NAME})
    feed.language("en")
    feed.updated(updated)  # from the data: feedgen would otherwise write the time of the build
    for item in entries:
        entry = feed.add_entry(order="append")
        entry.id(item.id)
        entry.title(_xml(item.title))
        entry.link(href=item.link, rel="alternate", type="text/html")
        entry.published(item.when)
        entry.updated(item.when)
        if item.author:
            entry.author({"name": _xml(item.author)})
        entry.content(item.content, type="html")
        about = " · ".join(_xml(x) for x in (item.source, item.published) if x)
        if about:
            entry.summary(about)
    return feed.atom_str(pretty=True).decode("utf-8")
