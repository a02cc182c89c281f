"""Seed text made safe to print: for Markdown, for raw HTML blocks, marked up, cut into snippets, in JSON-LD.

Seed text can hold HTML, Markdown or Jinja syntax. Long text (paragraphs, quotes, excerpts) goes into raw HTML
blocks, which Markdown leaves alone, through html_text() (the `h` filter: HTML escaping). Anything printed into
Markdown (link texts, headings, table cells) goes through text(), which turns every character that means
something to Markdown or HTML into a numeric character reference. Either way the browser shows exactly the
source characters.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from markupsafe import Markup

# Characters with a meaning in Markdown, HTML or attr_list. Letters, digits, space and plain punctuation
# (, . ; ? % / and typographic quotes) pass through so that the generated Markdown stays readable.
_SPECIAL = re.compile(r"[&<>\"'`*_\[\]{}()#+\-!|~=^$:@\\]")
_LIST_MARKER = re.compile(r"^(\d+)\.")
# A theme page shows this many characters of context around the matched terms.
_SNIPPET_REACH = 90


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


def json_ld(data: dict) -> Markup:
    """A schema.org JSON-LD block. Its strings are seed text, so '<' is escaped: '</script>' cannot end it."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, sort_keys=True)
    return Markup('<script type="application/ld+json">' + text.replace("<", "\\u003c") + "</script>")


def http_url(value: str | None) -> str | None:
    """Only http(s) URLs from front matter become links; anything else ('javascript:') stays text."""
    return value if value and re.match(r"^https?://[^\s<>\"]+$", value) else None
