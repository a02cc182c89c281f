"""Turns a Site into files: (path under docs/, text) pairs. Pure; templates are files in templates/.

Escaping: every value a template prints is escaped unless it is Markup. Seed text can hold HTML, Markdown
or Jinja syntax. Long text (paragraphs, quotes, excerpts) goes into raw HTML blocks, which Markdown leaves
alone, through the `h` filter (HTML escaping). Anything printed into Markdown (link texts, headings, table
cells) goes through text(), which turns every character that means something to Markdown or HTML into a
numeric character reference. Either way the browser shows exactly the source characters. Links and
anchors come from slugs.py and are Markup.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Collection

import jinja2
from markupsafe import Markup

from . import slugs
from .model import INFERRED_METHODS, UNATTRIBUTED, Analyst, Article, Entity, Rule, Site, ThemePage
from .parallel import fork_map

TEMPLATES = Path(__file__).parent / "templates"
SITE_DESCRIPTION = "Long-form news analysis as a cross-linked briefing: themes, analysts and sources."
# Characters with a meaning in Markdown, HTML or attr_list. Letters, digits, space and plain punctuation
# (, . ; ? % / and typographic quotes) pass through so that the generated Markdown stays readable.
_SPECIAL = re.compile(r"[&<>\"'`*_\[\]{}()#+\-!|~=^$:@\\]")
_LIST_MARKER = re.compile(r"^(\d+)\.")
# A theme page shows this many characters of context around the matched terms.
_SNIPPET_REACH = 90
# Long pages list at most this many articles, and at most about this many entries (excerpts, quotes), since
# one article can put a dozen paragraphs on a theme; the rest continue on further parts.
ARTICLES_PER_PART = 40
ENTRIES_PER_PART = 120
# An index page (articles, analysts, places, people) lists at most this many rows; a longer index lists its
# years and months, or its letters, each on a page of its own (cut into parts beyond this many rows too).
INDEX_ROWS = 400
# The home page shows cards for this many of the most quoted analysts; the analysts page lists them all.
HOME_ANALYSTS = 24
# In the home page's diagram, each of those analysts is linked to at most this many themes.
DIAGRAM_THEMES = 3


def text(value) -> Markup:
    """Seed text made literal for Markdown (and HTML): for link texts, headings and table cells."""
    if isinstance(value, Markup):
        return value
    return Markup(_markdown_literal(str(value)))


@lru_cache(maxsize=65536)
def _markdown_literal(value: str) -> str:
    value = _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", re.sub(r"\s+", " ", value))
    # "1. Not a list": a number and a full stop at the start would begin an ordered list.
    return _LIST_MARKER.sub(r"\1&#46;", value)


def html_text(value) -> Markup:
    """Seed text for a raw HTML block, which Markdown leaves alone: plain HTML escaping is enough, and cheap."""
    return value if isinstance(value, Markup) else Markup(_html_literal(str(value)))


@lru_cache(maxsize=65536)
def _html_literal(value: str) -> str:
    return html.escape(re.sub(r"\s+", " ", value))


def marked(value: str, spans, links=()) -> Markup:
    """Text for a raw HTML block, each (start, end) span in <mark> and each (start, end, href) link an <a>.

    Links that would cut across a mark are dropped, so the tags always nest and the text is unchanged.
    """
    if not spans and not links:
        return html_text(value)
    links = [(a, b, h) for a, b, h in links if not any(ma < b and a < mb and not (a <= ma and mb <= b)
                                                      for ma, mb in spans)]
    # Plain strings, made Markup once at the end: hrefs come from slugs.py, the text is escaped here.
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for a, b, link in links:
        opens.setdefault(a, []).append(f'<a href="{html.escape(link)}">')
        closes.setdefault(b, []).append("</a>")
    for a, b in spans:
        opens.setdefault(a, []).append("<mark>")
        closes.setdefault(b, []).insert(0, "</mark>")
    out, last = [], 0
    for at in sorted(set(opens) | set(closes)):
        out.append(_html_literal(value[last:at]))
        out += closes.get(at, []) + opens.get(at, [])
        last = at
    out.append(_html_literal(value[last:]))
    return Markup("".join(out))


def snippet(value: str, spans, links=(), reach: int = _SNIPPET_REACH) -> Markup:
    """A keyword-in-context excerpt: the words around the matched terms, marked, with … where cut."""
    if not spans:
        begin, end = 0, min(len(value), 2 * reach)
    else:
        begin, end = max(0, spans[0][0] - reach), min(len(value), spans[-1][1] + reach)
    # Widen to whole words, and keep at most the terms that fit in a few lines.
    while begin > 0 and not value[begin - 1].isspace():
        begin -= 1
    while end < len(value) and not value[end].isspace():
        end += 1
    if spans and end - begin > 4 * reach:
        end = min(len(value), spans[0][1] + reach)
        while end < len(value) and not value[end].isspace():
            end += 1
    inside = [(a - begin, b - begin) for a, b in spans if a >= begin and b <= end]
    shown = [(a - begin, b - begin, h) for a, b, h in links if a >= begin and b <= end]
    return ((Markup("… ") if begin else Markup("")) + marked(value[begin:end], inside, shown)
            + (Markup(" …") if end < len(value) else Markup("")))


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
    env.globals.update(url=_url, href=_href, INFERRED=INFERRED_METHODS, http_url=_http_url, theme_anchor=_theme_anchor,
                       paragraph_anchor=lambda n: Markup(slugs.paragraph_anchor(n)),
                       slug_anchor=_slug_anchor, paragraphs_by_theme=_paragraphs_by_theme, describe_rule=describe_rule,
                       excerpt_anchor=lambda article, n: Markup(slugs.excerpt_anchor(article, n)),
                       quote_anchor=lambda article, index: Markup(slugs.quote_anchor(article, index)),
                       feed_path=lambda kind, slug: Markup(_FEEDS[kind](slug)))
    return env


@jinja2.pass_context
def _theme_anchor(context, quote, theme: str) -> Markup:
    """The excerpt, on a theme's page, of the first paragraph of quote that is on that theme."""
    article = context["articles"][quote.article]
    n = next(n for n in quote.quote.paragraphs if theme in article.paragraphs[n - 1].themes)
    return Markup(slugs.excerpt_anchor(quote.article, n))


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


def _slug_anchor(slug: str) -> Markup:
    """A validated slug used as an id on the page it belongs to."""
    if not slugs.SLUG_PATTERN.match(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return Markup(slug)


_FEEDS = {"theme": slugs.theme_feed, "analyst": slugs.analyst_feed}
_INDEX_PAGES = {"home": slugs.HOME, "articles": slugs.ARTICLES, "themes": slugs.THEMES, "analysts": slugs.ANALYSTS,
                "places": slugs.PLACES, "people": slugs.PEOPLE, "data": slugs.CORPUS_JSON}
_PAGES_OF_KIND = {"place": slugs.place_page, "person": slugs.person_page, "theme": slugs.theme_page,
                  "analyst": slugs.analyst_page, "quotes": lambda _, part: slugs.quotes_page(part),
                  "coverage": lambda _, part: slugs.coverage_page(part)}


def _target(kind: str, slug: str | None, part: int) -> str:
    if kind in _INDEX_PAGES and slug is None:
        return _INDEX_PAGES[kind]
    if kind == "articles":  # the articles of one year or month
        return slugs.archive_page(slug, part)
    if kind in ("analysts", "places", "people"):  # the index under one letter
        return slugs.letter_page(kind, slug, part)
    return slugs.article_page(slug) if kind == "article" else _PAGES_OF_KIND[kind](slug, part)


@jinja2.pass_context
def _url(context, kind: str, slug: str | None = None, anchor: str | None = None, part: int = 1) -> Markup:
    """A Markdown link (which MkDocs validates) from the page being rendered to a page of the given kind."""
    return Markup(slugs.link(context["page"], _target(kind, slug, part), anchor))


@jinja2.pass_context
def _href(context, kind: str, slug: str | None = None, anchor: str | None = None, part: int = 1) -> Markup:
    """The same link for raw HTML, where MkDocs does not rewrite .md paths."""
    return Markup(slugs.href(context["page"], _target(kind, slug, part), anchor, context["directory_urls"]))


def _http_url(value: str | None) -> str | None:
    """Only http(s) URLs from front matter become links; anything else ('javascript:') stays text."""
    return value if value and re.match(r"^https?://[^\s<>\"]+$", value) else None


@dataclass(frozen=True)
class _First:
    """An analyst filed under the article they first appear in (the newest), so _by_part can place them."""

    article: str
    analyst: object


def _by_part(items, cut: list[list[str]]) -> list[list]:
    """items (each with an .article) sorted into the parts that hold their articles, in one pass."""
    index = {article: i for i, part in enumerate(cut) for article in part}
    buckets: list[list] = [[] for _ in cut]
    for item in items:
        buckets[index[item.article]].append(item)
    return buckets


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


def _parts(entries: list[str]) -> list[list[str]]:
    """The articles of entries (an article's slug for each of its excerpts, quotes …), in order of first
    appearance, cut into parts of at most ARTICLES_PER_PART articles and ENTRIES_PER_PART entries. An article
    is never split: one with more entries than that has a part of its own."""
    weight = Counter(entries)  # in order of first appearance
    parts: list[list[str]] = []
    current: list[str] = []
    load = 0
    for article, entries_of_article in weight.items():
        if current and (len(current) == ARTICLES_PER_PART or load + entries_of_article > ENTRIES_PER_PART):
            parts.append(current)
            current, load = [], 0
        current.append(article)
        load += entries_of_article
    return parts + [current] if current else parts or [[]]


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
    # Long pages come in parts; which part holds an article, so that links point straight there.
    parts = {("theme", t.theme.slug): _parts([e.article for e in t.excerpts]) for t in site.themes}
    parts.update({("analyst", a.slug): _parts([q.article for q in a.quotes] + [r.article for r in a.reported])
                  for a in site.analysts})
    parts.update({(kind, e.slug): _parts([x.article for x in e.excerpts])
                  for kind, entities in (("place", site.places), ("person", site.people)) for e in entities})
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
        part_of={(kind, slug, article): n for (kind, slug), cut in parts.items()
                 for n, part in enumerate(cut, 1) for article in part},
        **_entity_index(site), **_name_links(site))
    most_quoted = sorted(site.analysts, key=lambda a: (-len(a.quotes), a.name))[:HOME_ANALYSTS]
    home_analysts = sorted(most_quoted, key=lambda a: a.name)
    constants = dict(description=SITE_DESCRIPTION, json_ld=_json_ld, directory_urls=directory_urls)
    jobs: list[tuple[str, str, dict]] = []  # (path, template, the page's own context)

    def page(template: str, path: str, **context) -> None:
        jobs.append((path, template, context))

    # The two pages that show counts over the whole site read it whole; they are rendered every time.
    page("home", slugs.HOME, site=site, home_analysts=home_analysts, diagram=relationship_diagram(site, home_analysts))
    page("themes", slugs.THEMES, site=site)
    for path, context in _articles_index(site.articles):
        page("articles", path, **context)
    for path, context in _letter_index("analysts", site.analysts, lambda a: a.name.split()[-1]):
        page("analysts", path, **context)
    for kind, index, entities in (("place", "places", site.places), ("person", "people", site.people)):
        for path, context in _letter_index(index, entities, lambda e: e.name):
            page("entities", path, kind=kind, **context)
    # The quotes index and the coverage matrix list every article: in parts too, newest articles first. The
    # index is cut by its rows (a quote under each of its themes), the matrix by articles (a row each).
    rows = Counter(q.article for view in site.themes for q in view.quotes)
    quotes_cut = _parts([a.slug for a in site.articles for _ in range(rows[a.slug])])
    # What the quotes index and the coverage matrix show of a theme: its title, under its slug.
    titled = [Titled(view.theme.slug, view.theme.title) for view in site.themes]
    quotes_by_part = [(theme, _by_part(view.quotes, quotes_cut)) for theme, view in zip(titled, site.themes)]
    for n in range(1, len(quotes_cut) + 1):
        page("quotes", slugs.quotes_page(n), part=n, parts=len(quotes_cut),
             quotes_by_theme=[(theme, by_part[n - 1]) for theme, by_part in quotes_by_part if by_part[n - 1]])
    cut = _parts([a.slug for a in site.articles])
    all_themes = titled
    methods = Counter(q.quote.attribution.method for q in site.quotes)
    # What an editor should check, listed beside the articles it comes from: quotes nobody was found for, and
    # profiles the rules were least sure of (under the newest article that has them).
    unattributed = _by_part([q for q in site.quotes if q.quote.attribution.method == UNATTRIBUTED], cut)
    doubtful = _by_part([_First(a.appearances[0].article, a) for a in site.analysts if a.doubts], cut)
    for n, in_part in enumerate(cut, 1):
        page("coverage", slugs.coverage_page(n), part=n, parts=len(cut), all_themes=all_themes,
             methods=methods if n == 1 else {}, part_articles=[articles[slug] for slug in in_part],
             unattributed=unattributed[n - 1], doubtful=[first.analyst for first in doubtful[n - 1]])
    for kind, entities, path in (("place", site.places, slugs.place_page), ("person", site.people, slugs.person_page)):
        for entity in entities:
            cut = parts[(kind, entity.slug)]
            for n, excerpts in enumerate(_by_part(entity.excerpts, cut), 1):
                page("entity", path(entity.slug, n), kind=kind, entity=entity, part=n, parts=len(cut),
                     excerpts=excerpts)
    quotes_by, reports_by = {}, {}
    for q in site.quotes:
        quotes_by.setdefault(q.article, []).append(q)
    for analyst in site.analysts:
        for r in analyst.reported:
            reports_by.setdefault(r.article, []).append(r)
    for a in site.articles:
        page("article", slugs.article_page(a.slug), article=a,
             **_article_context(a, quotes_by.get(a.slug, []), reports_by.get(a.slug, [])))
    # Where each theme's quotes begin in the quotes index, which the theme page links to.
    quotes_part = {theme.slug: next((n for n, quotes in enumerate(by_part, 1) if quotes), 1)
                   for theme, by_part in quotes_by_part}
    for view in site.themes:
        cut = parts[("theme", view.theme.slug)]
        for n, excerpts in enumerate(_by_part(view.excerpts, cut), 1):
            page("theme", slugs.theme_page(view.theme.slug, n), view=view, part=n, parts=len(cut),
                 excerpts=excerpts, quotes_part=quotes_part[view.theme.slug])
    for analyst in site.analysts:
        cut = parts[("analyst", analyst.slug)]
        for n, (quotes, reported) in enumerate(zip(_by_part(analyst.quotes, cut), _by_part(analyst.reported, cut),
                                                   strict=True), 1):
            page("analyst", slugs.analyst_page(analyst.slug, n), analyst=analyst, part=n, parts=len(cut),
                 quotes=quotes, reported=reported)
    renderer = _PageRenderer(env, constants, tables, record=memo is not None)
    paths = [path for path, _, _ in jobs] + ([slugs.CORPUS_JSON] if data else [])
    if memo is None:
        # The data file is one more job, so that it is encoded while the other worker renders pages.
        makes = [partial(renderer, path, template, context) for path, template, context in jobs]
        texts = fork_map(_call, makes + ([partial(corpus_json, site)] if data else []), processes)
    else:
        texts = memo.render(jobs, tables, renderer, processes, first) + \
            ([corpus_json(site, memo.encoded)] if data else [])
    files = list(zip(paths, texts, strict=True))
    files.append((slugs.CORPUS_SCHEMA, (TEMPLATES / "corpus.schema.json").read_text(encoding="utf-8")))
    return files


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _cut(rows: list) -> list[list]:
    """rows in parts of at most INDEX_ROWS."""
    return [rows[i:i + INDEX_ROWS] for i in range(0, len(rows), INDEX_ROWS)] or [[]]


def _listing(index: str, key: str, label: str, rows: list, up: list) -> list[tuple[str, dict]]:
    """The pages that list rows under one key of an index (a year, a month, a letter), in parts if need be."""
    cut = _cut(rows)
    return [(_target(index, key, n), dict(heading=f"{index.capitalize()}: {label}", label=label, rows=part_rows,
                                          groups=[], up=up, key=key, part=n, parts=len(cut)))
            for n, part_rows in enumerate(cut, 1)]


def _articles_index(articles: tuple[Article, ...]) -> list[tuple[str, dict]]:
    """(path, context) of the articles index: one page, or by year and, where a year is long, by month.

    Articles are newest first, so each year's and month's articles are together and newest first too."""
    whole = dict(heading="Articles", label=None, rows=list(articles), groups=[], up=[], key=None, part=1, parts=1)
    if len(articles) <= INDEX_ROWS:
        return [(slugs.ARTICLES, whole)]
    years: dict[str, dict[str, list[Article]]] = {}
    for article in articles:
        match = re.match(r"(\d{4})(?:-(\d{2}))?", article.published or "")
        year, month = (match[1], match[2] or "undated") if match else ("undated", "undated")
        years.setdefault(year, {}).setdefault(month, []).append(article)
    top = [("articles", None, "Articles")]
    groups, pages = [], []
    for year, months in years.items():
        in_year = [a for month in months.values() for a in month]
        label = "undated" if year == "undated" else year
        if len(in_year) <= INDEX_ROWS or year == "undated":
            pages += _listing("articles", year, label, in_year, top)
            groups.append((label, year, len(in_year), []))
            continue
        up = top + [("articles", year, label)]
        month_groups = []
        for month, in_month in months.items():
            name = "month not given" if month == "undated" else _MONTHS[int(month) - 1]
            pages += _listing("articles", f"{year}-{month}", f"{name} {year}" if month != "undated"
                              else f"{year}, month not given", in_month, up)
            month_groups.append((name, f"{year}-{month}", len(in_month)))
        pages.append((slugs.archive_page(year), dict(heading=f"Articles: {label}", label=label, rows=[],
                                                     groups=[(n, k, c, []) for n, k, c in month_groups],
                                                     up=top, key=year, part=1, parts=1)))
        groups.append((label, year, len(in_year), month_groups))
    return [(slugs.ARTICLES, {**whole, "rows": [], "groups": groups})] + pages


def _letter_index(index: str, entries, sort_name: Callable) -> list[tuple[str, dict]]:
    """(path, context) of an index of names: one page, or one page per initial letter when it is long."""
    whole = dict(heading=None, label=None, rows=list(entries), groups=[], up=[], key=None, part=1, parts=1)
    if len(entries) <= INDEX_ROWS:
        return [(_INDEX_PAGES[index], whole)]
    letters: dict[str, list] = {}
    for entry in entries:  # already in name order
        initial = slugs.slugify(sort_name(entry), fallback="0")[0]
        letters.setdefault(initial if initial.isalpha() else "0-9", []).append(entry)
    pages = []
    for letter in sorted(letters):
        label = "0–9" if letter == "0-9" else letter.upper()
        pages += _listing(index, letter, label, letters[letter], [(index, None, index.capitalize())])
    groups = [("0–9" if letter == "0-9" else letter.upper(), letter, len(letters[letter]), []) for letter in
              sorted(letters)]
    return [(_INDEX_PAGES[index], {**whole, "rows": [], "groups": groups})] + pages


class _PageRenderer:
    """Renders one page: its template, with the site's constants, the lookup tables and its own context.

    Recording (for PageMemo), every lookup in a table and every field read of a long page's header (a theme,
    an analyst, a place or person) is noted, and the page comes back as (text, what it read)."""

    def __init__(self, env: jinja2.Environment, constants: dict, tables: dict, record: bool):
        self.env, self.constants, self.tables, self.record = env, constants, tables, record

    def __call__(self, path: str, template: str, context: dict):
        tables, reads = self.tables, set()
        if self.record:
            tables = {name: _Tracked(name, table, reads) for name, table in tables.items()}
            context = {key: _Recorded(("local", key), value, reads) if isinstance(value, _HEADERS) else value
                       for key, value in context.items()}
        link_names = Linker(path, tables["link_targets"], tables["mentions"], self.constants["directory_urls"])
        text = self.env.get_template(f"{template}.md.j2").render(page=path, link_names=link_names,
                                                                **self.constants, **tables, **context)
        return (text, frozenset(reads)) if self.record else text


# The page's own objects whose fields are recorded one by one: a part of a long page shows little of them.
_HEADERS = (ThemePage, Analyst, Entity)
_MISSING = object()


class _Tracked:
    """A lookup table that notes each key looked up, and each field read of what it holds."""

    __slots__ = ("_name", "_data", "_reads")

    def __init__(self, name: str, data: dict, reads: set):
        self._name, self._data, self._reads = name, data, reads

    def __getitem__(self, key):
        value = self._data.get(key, _MISSING)
        if value is _MISSING or not dataclasses.is_dataclass(value):
            self._reads.add(("table", self._name, key))
            if value is _MISSING:
                raise KeyError(key)
            return value
        return _Recorded(("table", self._name, key), value, self._reads)

    def get(self, key, default=None):
        if key in self._data:
            return self[key]
        self._reads.add(("table", self._name, key))
        return default

    def __contains__(self, key) -> bool:
        self._reads.add(("table", self._name, key, _PRESENT))
        return key in self._data

    def __iter__(self):
        raise TypeError(f"the {self._name} table is looked up, not listed: a page that lists it reads site")


class _Recorded:
    """A dataclass whose fields read are noted, as (where it came from …, field, field …): a field that is a
    dataclass itself is recorded likewise, so that a page showing a theme's title does not depend on its
    description."""

    __slots__ = ("_where", "_value", "_reads")

    def __init__(self, where: tuple, value, reads: set):
        object.__setattr__(self, "_where", where)
        object.__setattr__(self, "_value", value)
        object.__setattr__(self, "_reads", reads)

    def __getattr__(self, field: str):
        value = getattr(self._value, field)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return _Recorded(self._where + (field,), value, self._reads)
        self._reads.add(self._where + (field,))
        return value

    def __str__(self):
        raise TypeError(f"{'.'.join(map(str, self._where))} printed whole: print its fields")


class PageMemo:
    """What the pages of the last render read and gave, so that a build kept warm renders only the pages
    whose inputs changed.

    A page's inputs are its template, its own context (compared whole, but for the headers of long pages, of
    which only the fields it read are compared) and the table entries it looked up (compared field by field
    where it read fields). Pages that list the whole site (home, themes index) are rendered every time. The
    text of a page whose inputs are equal is the text it gave before: rendering is a pure function of them.
    """

    def __init__(self):
        self._pages: dict[str, tuple[str, dict, frozenset, str]] = {}  # path → (template, context, reads, text)
        self._tables: dict[str, dict] = {}
        self.rendered = 0  # pages rendered by the last render; the others gave their text from before
        self.encoded: dict = {}  # corpus_json's entries (articles, quotes, mentions), encoded
        self._read: set[tuple] = set()
        self._pending = None  # a render(first=…) whose other pages are still to check

    def render(self, jobs: list[tuple[str, str, dict]], tables: dict, renderer: _PageRenderer,
               processes: int | None, first: Collection[str] | None = None) -> list[str]:
        """Every page's text. first: render only these pages and the new ones now; the others give their last
        text until finish() renders those whose inputs changed."""
        self._pending = None  # a render not finished is dropped: its pages are checked against the last tables
        if first is None:
            return self._render(jobs, tables, renderer, processes, {})
        now = [i for i, (path, _, _) in enumerate(jobs) if path in first or path not in self._pages]
        done = fork_map(_call, [partial(renderer, *jobs[i]) for i in now], processes)
        early = {jobs[i][0]: result for i, result in zip(now, done, strict=True)}
        self._pending = (jobs, tables, renderer, processes, early)
        self.rendered = len(early)
        return [early[path][0] if path in early else self._pages[path][3] for path, _, _ in jobs]

    def finish(self) -> list[tuple[str, str]]:
        """(path, text) of every page of the last render(first=…), the other pages' now; [] if none is pending."""
        if self._pending is None:
            return []
        jobs, tables, renderer, processes, early = self._pending
        self._pending = None
        texts = self._render(jobs, tables, renderer, processes, early)
        return [(path, text) for (path, _, _), text in zip(jobs, texts, strict=True)]

    def _render(self, jobs: list[tuple[str, str, dict]], tables: dict, renderer: _PageRenderer,
                processes: int | None, early: dict[str, tuple[str, frozenset]]) -> list[str]:
        """early: the pages rendered already, by path, with what they read."""
        same = _Same()
        changed = self._changed_reads(tables, same)

        def unchanged(kept, template: str, context: dict) -> bool:
            old_template, old_context, reads, _ = kept
            if old_template != template or "site" in context or old_context.keys() != context.keys() \
                    or not reads.isdisjoint(changed):
                return False
            for key, value in context.items():
                old = old_context[key]
                if isinstance(value, _HEADERS):
                    if type(old) is not type(value):
                        return False
                elif old is not value and old != value:
                    return False
            # The fields read of a header, which its other parts read too: compared once.
            return all(same(_follow(old_context[r[1]], r[2:]), _follow(context[r[1]], r[2:]))
                       for r in reads if r[0] == "local")

        texts: list[str | None] = [None] * len(jobs)
        pages, stale = {}, []
        # A page whose inputs are those of last time gives its text from last time; the others are rendered.
        for i, (path, template, context) in enumerate(jobs):
            kept = self._pages.get(path)
            if path in early:
                stale.append(i)
            elif kept is not None and unchanged(kept, template, context):
                texts[i] = kept[3]
                pages[path] = (template, context, kept[2], kept[3])
            else:
                stale.append(i)
        todo = [i for i in stale if jobs[i][0] not in early]
        done = iter(fork_map(_call, [partial(renderer, *jobs[i]) for i in todo], processes))
        for i in stale:
            text, reads = early[jobs[i][0]] if jobs[i][0] in early else next(done)
            path, template, context = jobs[i]
            texts[i] = text
            pages[path] = (template, context, reads, text)
            # Every table read of any page, kept as it grows (one of a page gone costs a comparison, no more).
            self._read.update(r for r in reads if r[0] == "table")
        self._pages, self._tables = pages, tables
        self.rendered = len(stale)
        return texts


    def _changed_reads(self, tables: dict, same: _Same) -> set[tuple]:
        """The table reads of the last build's pages whose value is not the same in this build's tables.

        Each table is compared entry by entry first (an entry that is the same object, or an equal plain value,
        is unchanged); only the reads of the other entries are looked at, field by field."""
        dirty = set()
        for name, new in tables.items():
            old = self._tables.get(name, {})
            for key in old.keys() - new.keys():
                dirty.add((name, key))
            for key, value in new.items():
                before = old.get(key, _MISSING)
                if before is not value and (dataclasses.is_dataclass(value) or before != value):
                    dirty.add((name, key))
        return {r for r in self._read if (r[1], r[2]) in dirty and not same(_look(self._tables, r), _look(tables, r))}


_PRESENT = "in"  # a read of whether a key is in a table (no field is called "in": it is a keyword)


def _look(tables: dict, read: tuple):
    """What a table read gave: the entry, a field of it (or of a field of it …), or whether the key is there."""
    value = tables.get(read[1], {}).get(read[2], _MISSING)
    if read[3:] == (_PRESENT,):
        return value is not _MISSING
    return _follow(value, read[3:])


def _follow(value, fields: tuple):
    for field in fields:
        if value is _MISSING:
            break
        value = getattr(value, field, _MISSING)
    return value


class _Same:
    """Equality between the last build and this one, remembered per pair of objects: the fields of a long
    page's header (a place's every excerpt) are compared once for all its parts. Both objects are kept, so that
    their ids cannot be reused meanwhile."""

    def __init__(self):
        self._known: dict[tuple[int, int], tuple[bool, object, object]] = {}

    def __call__(self, old, new) -> bool:
        if old is new:
            return True
        known = self._known.get((id(old), id(new)))
        if known is None:
            known = self._known[(id(old), id(new))] = (old == new, old, new)
        return known[0]


def _call(make: Callable[[], str]) -> str:
    return make()


def _article_context(article: Article, placed: list, reports: list) -> dict:
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


def _entity_index(site: Site) -> dict:
    """Per article, the places and people it names; per theme and analyst, the places they come with."""
    of_article: dict[str, dict[str, list]] = {}
    of_theme: dict[str, list] = {}
    of_analyst: dict[str, list] = {}
    for kind, entities in (("place", site.places), ("person", site.people)):
        for entity in entities:
            named = Named(entity.slug, entity.name)
            for article in dict.fromkeys(e.article for e in entity.excerpts):
                of_article.setdefault(article, {"place": [], "person": []})[kind].append(named)
            if kind == "place":
                for theme, _ in entity.themes:
                    of_theme.setdefault(theme, []).append(named)
                for analyst in entity.analysts:
                    of_analyst.setdefault(analyst, []).append(named)
    return {"entities_of_article": {a: NamedIn(tuple(n["place"]), tuple(n["person"])) for a, n in of_article.items()},
            "places_of_theme": {t: tuple(n) for t, n in of_theme.items()},
            "places_of_analyst": {a: tuple(n) for a, n in of_analyst.items()}}


def _name_links(site: Site) -> dict:
    """What a name in an excerpt links to (a place, a person, or an analyst's profile), and the names in each
    paragraph, for Linker."""
    analyst_by_name = {a.name: a.slug for a in site.analysts}
    people = {e.slug for e in site.people}
    targets, mentions = {}, {}
    for article in site.articles:
        for m in article.places + article.mentioned:
            mentions.setdefault((article.slug, m.paragraph), []).append(m)
            if m.kind != "person":
                targets[(False, m.slug, m.name)] = slugs.place_page(m.slug)
            elif m.name in analyst_by_name:
                targets[(True, m.slug, m.name)] = slugs.analyst_page(analyst_by_name[m.name])
            elif m.slug in people:
                targets[(True, m.slug, m.name)] = slugs.person_page(m.slug)
    return {"link_targets": targets,
            "mentions": {where: tuple(sorted(found, key=lambda m: m.start)) for where, found in mentions.items()}}


def _json_ld(data: dict) -> Markup:
    """A schema.org JSON-LD block. Its strings are seed text, so '<' is escaped: '</script>' cannot end it."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, sort_keys=True)
    return Markup('<script type="application/ld+json">' + text.replace("<", "\\u003c") + "</script>")


def corpus_json(site: Site, encoded: dict | None = None) -> str:
    """Everything extracted, as data: the fields of corpus.schema.json.

    encoded: a dict kept between the builds of a warm generator, of the entries encoded last time (articles,
    quotes, mentions), so that only the changed ones are encoded again."""
    known = dict(encoded or {})
    fresh: dict = {}

    def cached(key, make: Callable[[], object], keep=None) -> str:
        """The entry encoded, by a key made of its values and of objects kept alive with it (their ids)."""
        hit = known.get(key)
        if hit is None:
            hit = (keep, _json(make()))
        fresh[key] = hit
        return hit[1]

    def listed(texts) -> str:
        return "[" + ",".join(texts) + "]"

    def entity(e) -> str:  # its keys in sorted order, as sort_keys writes them
        mentions = listed(cached(("mention", x.article, x.paragraph.n, x.spans), lambda x=x: {
            "article": x.article, "paragraph": x.paragraph.n, "spans": [list(span) for span in x.spans]})
            for x in e.excerpts)
        return f'{{"kind":{_json(e.kind)},"mentions":{mentions},"name":{_json(e.name)},"slug":{_json(e.slug)}}}'

    sections = {
        "articles": listed(cached(("article", id(a)), lambda a=a: {
            "slug": a.slug, "title": a.title, "source": a.source, "published": a.published, "url": a.url,
            "author": a.author, "file": a.source_name,
            "paragraphs": [{"n": p.n, "text": p.text, "themes": list(p.themes)} for p in a.paragraphs],
        }, keep=a) for a in site.articles),
        "themes": _json([
            {"slug": t.theme.slug, "title": t.theme.title, "description": t.theme.description,
             "terms": list(t.theme.terms), "none": list(t.theme.none_of),
             "rules": [{"name": r.name, "any": list(r.any_of), "all": [list(g) for g in r.all_of],
                        "near": [list(g) for g in r.near], "within": r.within, "none": list(r.none_of),
                        "weak": list(r.weak), "min": r.min_terms, "article": r.article} for r in t.theme.rules],
             "paragraphs": [{"article": e.article, "n": e.paragraph.n, "rules": list(e.rules)} for e in t.excerpts]}
            for t in site.themes
        ]),
        "analysts": _json([
            {"slug": a.slug, "name": a.name, "role": a.role, "organisation": a.organisation,
             "appearances": [{"article": x.article, "role": x.role, "organisation": x.organisation}
                             for x in a.appearances]}
            for a in site.analysts
        ]),
        "quotes": listed(cached(("quote", id(q.quote), q.article, q.index, q.speaker, q.themes), lambda q=q: {
            "article": q.article, "index": q.index, "paragraphs": list(q.quote.paragraphs), "text": q.quote.text,
            "speaker": q.speaker, "themes": list(q.themes),
            "attribution": {"method": q.quote.attribution.method, "cue": q.quote.attribution.cue,
                            "inferred": q.quote.attribution.method in INFERRED_METHODS}}, keep=q.quote)
            for q in site.quotes),
        "reported": _json([
            {"article": r.article, "paragraph": r.reported.paragraph, "text": r.reported.text,
             "speaker": r.speaker, "cue": r.reported.cue}
            for a in site.analysts for r in a.reported
        ]),
        "places": listed(entity(e) for e in site.places),
        "people": listed(entity(e) for e in site.people),
    }
    if encoded is not None:
        encoded.clear()
        encoded.update(fresh)
    # The keys in order, as json's sort_keys writes them, each value encoded alone: the same bytes as one dump.
    return "{" + ",".join(f"{_json(key)}:{sections[key]}" for key in sorted(sections)) + "}\n"


def _json(value) -> str:
    # Compact: without indent, json uses its C encoder, five times faster on a large corpus.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
