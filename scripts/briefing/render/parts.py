"""Long pages in parts, and long indexes by year, month or letter: which part holds which article."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from .. import slugs
from ..model import Article
from .links import INDEX_PAGES, target_path

# Long pages list at most this many articles, and at most about this many entries (excerpts, quotes), since
# one article can put a dozen paragraphs on a theme; the rest continue on further parts.
ARTICLES_PER_PART = 40
ENTRIES_PER_PART = 120
# An index page (articles, analysts, places, people) lists at most this many rows; a longer index lists its
# years and months, or its letters, each on a page of its own (cut into parts beyond this many rows too).
INDEX_ROWS = 400


@dataclass(frozen=True)
class First:
    """An analyst filed under the article they first appear in (the newest), so into_parts can place them."""

    article: str
    analyst: object


def into_parts(items, cut: list[list[str]]) -> list[list]:
    """items (each with an .article) sorted into the parts that hold their articles, in one pass."""
    index = {article: i for i, part in enumerate(cut) for article in part}
    buckets: list[list] = [[] for _ in cut]
    for item in items:
        buckets[index[item.article]].append(item)
    return buckets


def article_parts(entries: list[str]) -> list[list[str]]:
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


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _cut(rows: list) -> list[list]:
    """rows in parts of at most INDEX_ROWS."""
    return [rows[i:i + INDEX_ROWS] for i in range(0, len(rows), INDEX_ROWS)] or [[]]


def _listing(index: str, key: str, label: str, rows: list, up: list) -> list[tuple[str, dict]]:
    """The pages that list rows under one key of an index (a year, a month, a letter), in parts if need be."""
    cut = _cut(rows)
    heading = f"{index.capitalize()}: {label}"
    return [(target_path(index, key, n), dict(heading=heading, label=label, rows=part_rows, groups=[], up=up,
                                               key=key, part=n, parts=len(cut)))
            for n, part_rows in enumerate(cut, 1)]


def articles_index(articles: tuple[Article, ...]) -> list[tuple[str, dict]]:
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


def letter_index(index: str, entries, sort_name: Callable) -> list[tuple[str, dict]]:
    """(path, context) of an index of names: one page, or one page per initial letter when it is long."""
    whole = dict(heading=None, label=None, rows=list(entries), groups=[], up=[], key=None, part=1, parts=1)
    if len(entries) <= INDEX_ROWS:
        return [(INDEX_PAGES[index], whole)]
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
    return [(INDEX_PAGES[index], {**whole, "rows": [], "groups": groups})] + pages
