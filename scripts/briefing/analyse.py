"""The map step: one Source and the Config in, one complete Article out. Pure.

A fault in our own analysis of one article must not take the site down: each step that reads the text
is guarded, falls back to what cannot fail (the paragraphs themselves, quotes without speakers, nothing), and
records the fault on the article for the build to report.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Callable, TypeVar

from . import attribution as quote_finder
from .gazetteer import find_places
from .model import (OVERRIDE, UNATTRIBUTED, Article, Attribution, Config, Mention, Paragraph, Quote, QuotePart,
                    Source, TextAnalysis, ThemeHit)
from .slugs import slugify
from .themes import ThemeMatcher

Result = TypeVar("Result")


def analyse(source: Source, config: Config, matcher: ThemeMatcher, found: TextAnalysis | None = None) -> Article:
    """found: analyse_text(source), when the caller kept it from an earlier build with another config."""
    stem = PurePath(source.name).stem
    title = source.get("title") or stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
    slug = slugify(source.get("slug") or stem, fallback="article")
    found = found or analyse_text(source)
    problems: list[str] = []
    catch_all = (ThemeHit(config.catch_all.slug, ()),)
    # Matched as a whole article: a rule may count only where its theme holds much of the article.
    hits = _guarded(problems, "theme matching", lambda: matcher.match_article(source.paragraphs),
                    lambda: [() for _ in source.paragraphs], f"its paragraphs are listed under {config.catch_all.title}")
    paragraphs = tuple(Paragraph(n=n, text=text, hits=matched or catch_all)
                       for n, (text, matched) in enumerate(zip(source.paragraphs, hits, strict=True), 1))
    return Article(
        slug=slug,
        source_name=source.name,
        title=title,
        source=source.get("source"),
        published=source.get("published"),
        url=source.get("url"),
        author=source.get("author"),
        paragraphs=paragraphs,
        people=found.people,
        quotes=_apply_overrides(found.quotes, slug, config),
        reported=found.reported,
        places=found.places,
        mentioned=found.mentioned,
        problems=tuple(problems) + found.problems,
    )


def analyse_text(source: Source) -> TextAnalysis:
    """What the text holds whatever the config: speakers and quotes, places, people named. Pure."""
    problems: list[str] = []
    people, quotes, reported, named = _guarded(
        problems, "attribution", lambda: quote_finder.extract_all(source.paragraphs),
        lambda: ((), _unattributed(source.paragraphs), (), ()), "its quotes are published unattributed")
    places = _guarded(problems, "place finding", lambda: tuple(
        Mention(n, start, end, place.slug, place.name, place.kind)
        for n, text in enumerate(source.paragraphs, 1) for start, end, place in find_places(text)), tuple,
        "no places are linked")
    mentioned = tuple(Mention(n, start, end, slugify(name, fallback="person"), name, "person")
                      for n, start, end, name in named)
    return TextAnalysis(people, quotes, reported, places, mentioned, tuple(problems))


def _guarded(problems: list[str], step: str, run: Callable[[], Result], fallback: Callable[[], Result],
             consequence: str) -> Result:
    try:
        return run()
    except Exception as error:  # noqa: BLE001 - any fault of ours is reported, never raised
        problems.append(f"{step} failed ({type(error).__name__}: {error}); {consequence}")
        return fallback()


def _unattributed(paragraphs: tuple[str, ...]) -> tuple[Quote, ...]:
    """The quoted spans alone, with no speaker: what is left when attribution fails (or nothing, if that fails)."""
    try:
        spans = [s for found in quote_finder.article_spans(paragraphs) for s in found]
    except Exception:  # noqa: BLE001
        return ()
    return tuple(Quote((QuotePart(s.paragraph, s.start, s.end, paragraphs[s.paragraph - 1][s.start:s.end]),),
                       None, Attribution(UNATTRIBUTED, None)) for s in spans)


def _apply_overrides(quotes: tuple[Quote, ...], slug: str, config: Config) -> tuple[Quote, ...]:
    """An editor's correction wins over the extractor for every quote that starts in the named paragraph."""
    fixes = {o.paragraph: o.speaker for o in config.quote_overrides if o.article == slug}
    return tuple(
        Quote(q.parts, fixes[q.paragraphs[0]], Attribution(OVERRIDE, "seeds/overrides.yml"))
        if q.paragraphs[0] in fixes else q
        for q in quotes
    )
