"""The page memo: each page rendered with what it read recorded, so that a build kept warm renders again only
the pages whose inputs changed."""

from __future__ import annotations

import dataclasses
import operator
from functools import partial
from typing import Callable, Collection

import jinja2

from ..model import Analyst, Entity, ThemePage
from ..parallel import fork_map
from .links import Linker


class PageRenderer:
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


class PerObject:
    """What a pure function gave for one object of the site (a theme page, an analyst, a place, an article),
    kept from one render to the next: the assembly keeps every object an edit did not touch, so that what is
    made from one of them (its parts, the links to its names) is made again only when it is new."""

    def __init__(self):
        self._last: dict = {}
        self._now: dict = {}

    def __call__(self, function: Callable, value, *more: tuple):
        """function(value, *more); more: tuples of the site's objects (an article's quotes), the same when each
        of their objects is."""
        key = (function, id(value))
        hit = self._now.get(key) or self._last.get(key)
        # The values are kept with the result, so that their ids are not reused meanwhile.
        if hit is None or hit[0] is not value or len(hit[1]) != len(more) or \
                not all(len(a) == len(b) and all(map(operator.is_, a, b)) for a, b in zip(hit[1], more)):
            hit = (value, more, function(value, *more))
        self._now[key] = hit
        return hit[2]

    def next_render(self) -> None:
        """Keep only what the last render asked for, so that what is kept does not grow with every edit."""
        self._last, self._now = self._now, {}


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
        self.per_object = PerObject()

    def render(self, jobs: list[tuple[str, str, dict]], tables: dict, renderer: PageRenderer,
               processes: int | None, first: Collection[str] | None = None) -> list[str]:
        """Every page's text. first: render only these pages and the new ones now; the others give their last
        text until finish() renders those whose inputs changed."""
        self._pending = None  # a render not finished is dropped: its pages are checked against the last tables
        if first is None:
            return self._render(jobs, tables, renderer, processes, {})
        now = [i for i, (path, _, _) in enumerate(jobs) if path in first or path not in self._pages]
        done = fork_map(call, [partial(renderer, *jobs[i]) for i in now], processes)
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

    def _render(self, jobs: list[tuple[str, str, dict]], tables: dict, renderer: PageRenderer,
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
        done = iter(fork_map(call, [partial(renderer, *jobs[i]) for i in todo], processes))
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


def call(make: Callable[[], str]) -> str:
    """What fork_map runs: one job, made with partial (a page, or corpus.json)."""
    return make()
