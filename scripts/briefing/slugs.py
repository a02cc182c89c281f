"""The one place where slugs, page paths, anchors and links are made.

Invariants:
- a slug is lowercase ASCII letters, digits and single hyphens, never empty;
- a page path is relative to docs/, uses "/" and is a folder's "index.md" (a/b/index.md is served at /a/b/):
  its file sits where its URL does, so a relative href in raw HTML means the same to MkDocs, which leaves it
  alone, and to Zensical, which reads it relative to the Markdown file and rebases it to the page's URL;
- an anchor is the HTML id inside a page, without "#";
- a link is a relative path from one page path to another (plus "#anchor"), as MkDocs validates it;
- an href is the same link as a URL, for raw HTML, which no engine validates (our link tests check them).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from slugify import slugify as _slugify

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

HOME = "index.md"
ARTICLES = "articles/index.md"
THEMES = "themes/index.md"
ANALYSTS = "analysts/index.md"
PLACES = "places/index.md"
PEOPLE = "people/index.md"
QUOTES = "quotes/index.md"
COVERAGE = "coverage/index.md"
CORPUS_JSON = "data/corpus.json"
CORPUS_SCHEMA = "data/corpus.schema.json"
# Atom feeds: static files beside the pages (feeds.py), linked from every page's head (overrides/main.html).
SITE_FEED = "feeds/articles.xml"


@lru_cache(maxsize=65536)
def slugify(text: str, fallback: str = "untitled") -> str:
    """Lowercase ASCII slug; unicode is transliterated, anything else dropped."""
    slug = _slugify(text or "", max_length=80, word_boundary=True)
    return slug or fallback


def unique(slug: str, taken: set[str]) -> str:
    """slug, or slug-2, slug-3 … whichever is not yet taken; adds it to taken."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


def _in_part(page: str, part: int) -> str:
    """Part n of a long page: a/b/index.md continues on a/b/2/index.md, so that no page grows with the corpus."""
    if part == 1:
        return page
    return f"{_folder(page)}{part}/index.md"


def quotes_page(part: int = 1) -> str:
    return _in_part(QUOTES, part)


def coverage_page(part: int = 1) -> str:
    return _in_part(COVERAGE, part)


def archive_page(period: str, part: int = 1) -> str:
    """The articles index for one year or month ("2023", "2023-04", "undated", "2023-undated"), when the index
    is too long for one page: articles/archive/2023/index.md, articles/archive/2023/04/index.md. An article whose
    slug is "archive" has its page at articles/archive/index.md, and never parts, so the two cannot meet."""
    return _in_part("articles/archive/" + period.replace("-", "/", 1) + "/index.md", part)


def letter_page(index: str, letter: str, part: int = 1) -> str:
    """An index (analysts, places, people) under one letter ("k", or "0-9"), when the index is too long for
    one page: analysts/a-z/k/index.md. The parts of an entry whose slug is "a-z" are numbered, never letters."""
    return _in_part(f"{index}/a-z/{letter}/index.md", part)


def article_page(slug: str) -> str:
    return f"articles/{slug}/index.md"


def theme_page(slug: str, part: int = 1) -> str:
    return _in_part(f"themes/{slug}/index.md", part)


def analyst_page(slug: str, part: int = 1) -> str:
    return _in_part(f"analysts/{slug}/index.md", part)


def place_page(slug: str, part: int = 1) -> str:
    return _in_part(f"places/{slug}/index.md", part)


def person_page(slug: str, part: int = 1) -> str:
    return _in_part(f"people/{slug}/index.md", part)


def theme_feed(slug: str) -> str:
    return f"feeds/themes/{slug}.xml"


def analyst_feed(slug: str) -> str:
    return f"feeds/analysts/{slug}.xml"


def paragraph_anchor(n: int) -> str:
    """The id of paragraph n on its article page: p-1, p-2, …"""
    return f"p-{n}"


def excerpt_anchor(article: str, n: int) -> str:
    """The id of paragraph n of an article where it is excerpted on a theme page."""
    return f"{article}-p-{n}"


def quote_anchor(article: str, index: int) -> str:
    """The id of an article's index-th quote (1-based) on its speaker's profile."""
    return f"{article}-q-{index}"


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    rel = _relative(posixpath.dirname(from_page), to_page)
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=65536)
def _relative(from_dir: str, to_page: str) -> str:
    """to_page relative to from_dir; both are clean relative paths, so no file system is asked."""
    start = from_dir.split("/") if from_dir else []
    target = to_page.split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def _folder(page: str) -> str:
    """The page's folder, which is also its directory URL: a/b/index.md → a/b/, index.md → ''."""
    return page[: -len("index.md")]


def site_path(page: str, directory_urls: bool = True) -> str:
    """Where a page (a/b/index.md) or a file (feeds/x.xml) is served, relative to the site's root: a/b/, or
    a/b/index.html without directory URLs."""
    if not page.endswith(".md"):
        return page
    return _folder(page) if directory_urls else page[: -len(".md")] + ".html"


def href(from_page: str, to_page: str, anchor: str | None = None, directory_urls: bool = True) -> str:
    """A link for raw HTML, where MkDocs does not rewrite .md paths.

    With directory URLs (the served site) a/b/index.md is a/b/; without them (the offline bundle, opened from
    file://) it is a/b/index.html, the file itself.
    """
    rel = _page_href(from_page, to_page, directory_urls)
    return f"{rel}#{anchor}" if anchor else rel


# Cached without the anchor: a page links to the same few pages at many anchors.
@lru_cache(maxsize=65536)
def _page_href(from_page: str, to_page: str, directory_urls: bool) -> str:
    if directory_urls:
        # A directory URL is a folder: "a/b/" from "c/" is "../a/b/" (the empty last part keeps the slash).
        return _relative(_folder(from_page).rstrip("/"), _folder(to_page)) or "./"
    return _relative(posixpath.dirname(from_page), to_page[: -len(".md")] + ".html")
