"""The map step: one Source and the Config in, one complete Article out. Pure."""

from __future__ import annotations

from pathlib import PurePath

from . import quotes as quote_finder
from .gazetteer import find_places
from .model import OVERRIDE, Article, Attribution, Config, Mention, Paragraph, Quote, Source, ThemeHit
from .slugs import slugify
from .themes import ThemeMatcher


def analyse(source: Source, config: Config, matcher: ThemeMatcher) -> Article:
    stem = PurePath(source.name).stem
    title = source.get("title") or stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
    slug = slugify(source.get("slug") or stem, fallback="article")
    paragraphs = tuple(
        Paragraph(n=n, text=text, hits=matcher.match(text) or (ThemeHit(config.catch_all.slug, ()),))
        for n, text in enumerate(source.paragraphs, 1)
    )
    people, quotes, reported, named = quote_finder.extract_all(source.paragraphs)
    places = tuple(Mention(n, start, end, place.slug, place.name, place.kind)
                   for n, text in enumerate(source.paragraphs, 1) for start, end, place in find_places(text))
    mentioned = tuple(Mention(n, start, end, slugify(name, fallback="person"), name, "person")
                      for n, start, end, name in named)
    quotes = _apply_overrides(quotes, slug, config)
    return Article(
        slug=slug,
        source_name=source.name,
        title=title,
        source=source.get("source"),
        published=source.get("published"),
        url=source.get("url"),
        author=source.get("author"),
        paragraphs=paragraphs,
        people=people,
        quotes=quotes,
        reported=reported,
        places=places,
        mentioned=mentioned,
    )


def _apply_overrides(quotes: tuple[Quote, ...], slug: str, config: Config) -> tuple[Quote, ...]:
    """An editor's correction wins over the extractor for every quote that starts in the named paragraph."""
    fixes = {o.paragraph: o.speaker for o in config.quote_overrides if o.article == slug}
    return tuple(
        Quote(q.parts, fixes[q.paragraphs[0]], Attribution(OVERRIDE, "seeds/overrides.yml"))
        if q.paragraphs[0] in fixes else q
        for q in quotes
    )
