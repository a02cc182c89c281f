"""Turns a Site into files: {path under docs/: text}. Pure; templates are files in templates/.

Escaping: every value a template prints is escaped unless it is Markup. Seed text can hold HTML, Markdown
or Jinja syntax, so text() turns every character that means something to Markdown or HTML into a numeric
character reference. The same escaped string is safe in Markdown, in raw HTML and in a quoted attribute,
and the browser shows exactly the source characters. Links and anchors come from slugs.py and are Markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import slugs
from .model import INFERRED_METHODS, Article, Site

TEMPLATES = Path(__file__).parent / "templates"
SITE_DESCRIPTION = "Long-form news analysis as a cross-linked briefing: themes, analysts and sources."
# Characters with a meaning in Markdown, HTML or attr_list. Letters, digits, space and plain punctuation
# (, . ; ? % / and typographic quotes) pass through so that the generated Markdown stays readable.
_SPECIAL = re.compile(r"[&<>\"'`*_\[\]{}()#+\-!|~=^$:@\\]")
_LIST_MARKER = re.compile(r"^(\d+)\.")


def text(value) -> Markup:
    """Seed text made literal for Markdown and HTML alike."""
    if isinstance(value, Markup):
        return value
    value = _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", re.sub(r"\s+", " ", str(value)))
    # "1. Not a list": a number and a full stop at the start would begin an ordered list.
    return Markup(_LIST_MARKER.sub(r"\1&#46;", value))


def marked(value: str, spans) -> Markup:
    """Text with each (start, end) span wrapped in <mark>, everything else escaped."""
    out, last = [], 0
    for start, end in spans:
        out += [text(value[last:start]), Markup("<mark>"), text(value[start:end]), Markup("</mark>")]
        last = end
    out.append(text(value[last:]))
    return Markup("").join(out)


def _finalize(value):
    if value is None:
        raise ValueError("a template printed None; guard optional values with {% if %}")
    return value if isinstance(value, Markup) else text(value)


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
    env.filters["marked"] = marked
    env.filters["count"] = lambda n, noun: f"{n} {noun}{'' if n == 1 else 's'}"
    env.filters["yaml_string"] = lambda value: Markup(json.dumps(str(text(value))))
    env.globals.update(
        url=_url, INFERRED=INFERRED_METHODS, http_url=_http_url, theme_anchor=_theme_anchor,
        paragraph_anchor=lambda n: Markup(slugs.paragraph_anchor(n)),
        excerpt_anchor=lambda article, n: Markup(slugs.excerpt_anchor(article, n)),
        quote_anchor=lambda article, index: Markup(slugs.quote_anchor(article, index)),
    )
    return env


@jinja2.pass_context
def _theme_anchor(context, quote, theme: str) -> Markup:
    """The excerpt, on a theme's page, of the first paragraph of quote that is on that theme."""
    article = context["articles"][quote.article]
    n = next(n for n in quote.quote.paragraphs if theme in article.paragraphs[n - 1].themes)
    return Markup(slugs.excerpt_anchor(quote.article, n))


@jinja2.pass_context
def _url(context, kind: str, slug: str | None = None, anchor: str | None = None) -> Markup:
    """A relative link from the page being rendered to a page of the given kind."""
    target = {
        "home": lambda: slugs.HOME,
        "articles": lambda: slugs.ARTICLES,
        "themes": lambda: slugs.THEMES,
        "analysts": lambda: slugs.ANALYSTS,
        "article": lambda: slugs.article_page(slug),
        "theme": lambda: slugs.theme_page(slug),
        "analyst": lambda: slugs.analyst_page(slug),
        "data": lambda: slugs.CORPUS_JSON,
    }[kind]()
    return Markup(slugs.link(context["page"], target, anchor))


def _http_url(value: str | None) -> str | None:
    """Only http(s) URLs from front matter become links; anything else ('javascript:') stays text."""
    return value if value and re.match(r"^https?://[^\s<>\"]+$", value) else None


def render(site: Site) -> dict[str, str]:
    env = _environment()
    themes = {t.theme.slug: t for t in site.themes}
    analysts = {a.slug: a for a in site.analysts}
    articles = {a.slug: a for a in site.articles}
    shared = dict(site=site, themes=themes, analysts=analysts, articles=articles, description=SITE_DESCRIPTION)

    def page(template: str, path: str, **context) -> tuple[str, str]:
        return path, env.get_template(template).render(page=path, **shared, **context)

    pages = [
        page("home.md.j2", slugs.HOME),
        page("articles.md.j2", slugs.ARTICLES),
        page("themes.md.j2", slugs.THEMES),
        page("analysts.md.j2", slugs.ANALYSTS),
    ]
    quotes_by, reports_by = {}, {}
    for q in site.quotes:
        quotes_by.setdefault(q.article, []).append(q)
    for analyst in site.analysts:
        for r in analyst.reported:
            reports_by.setdefault(r.article, []).append(r)
    pages += [page("article.md.j2", slugs.article_page(a.slug), article=a,
                   **_article_context(a, quotes_by.get(a.slug, []), reports_by.get(a.slug, [])))
              for a in site.articles]
    pages += [page("theme.md.j2", slugs.theme_page(t.theme.slug), view=t) for t in site.themes]
    pages += [page("analyst.md.j2", slugs.analyst_page(a.slug), analyst=a) for a in site.analysts]
    pages.append((slugs.CORPUS_JSON, corpus_json(site)))
    pages.append((slugs.CORPUS_SCHEMA, (TEMPLATES / "corpus.schema.json").read_text(encoding="utf-8")))
    pages.append(("assets/briefing.css", (TEMPLATES / "briefing.css").read_text(encoding="utf-8")))
    files: dict[str, str] = {}
    for path, content in pages:
        if path in files:
            raise ValueError(f"two pages want the same path: {path}")
        files[path] = content
    return files


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
    return dict(quotes_at=quotes_at, reports_at=reports_at, article_analysts=speakers, article_themes=themes)


def corpus_json(site: Site) -> str:
    """Everything extracted, as data: the fields of corpus.schema.json."""
    data = {
        "articles": [
            {
                "slug": a.slug, "title": a.title, "source": a.source, "published": a.published, "url": a.url,
                "author": a.author, "file": a.source_name,
                "paragraphs": [{"n": p.n, "text": p.text, "themes": list(p.themes)} for p in a.paragraphs],
            }
            for a in site.articles
        ],
        "themes": [
            {"slug": t.theme.slug, "title": t.theme.title, "description": t.theme.description,
             "terms": list(t.theme.terms),
             "paragraphs": [{"article": e.article, "n": e.paragraph.n} for e in t.excerpts]}
            for t in site.themes
        ],
        "analysts": [
            {"slug": a.slug, "name": a.name, "role": a.role, "organisation": a.organisation,
             "appearances": [{"article": x.article, "role": x.role, "organisation": x.organisation}
                             for x in a.appearances]}
            for a in site.analysts
        ],
        "quotes": [
            {"article": q.article, "index": q.index, "paragraphs": list(q.quote.paragraphs), "text": q.quote.text,
             "speaker": q.speaker, "themes": list(q.themes),
             "attribution": {"method": q.quote.attribution.method, "cue": q.quote.attribution.cue,
                             "inferred": q.quote.attribution.method in INFERRED_METHODS}}
            for q in site.quotes
        ],
        "reported": [
            {"article": r.article, "paragraph": r.reported.paragraph, "text": r.reported.text,
             "speaker": r.speaker, "cue": r.reported.cue}
            for a in site.analysts for r in a.reported
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
