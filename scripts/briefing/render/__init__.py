"""Turns a Site into files: (path under docs/, text) pairs. Pure; templates are files in ../templates/.

- escape.py: seed text made safe for Markdown, raw HTML blocks, marked terms, snippets and JSON-LD;
- links.py: links and anchors to pages of each kind, and the Linker, which links the names in excerpts;
- parts.py: long pages in parts, long indexes by year, month or letter;
- memo.py: each page rendered with what it read noted, and the memo that renders only changed pages;
- data.py: corpus.json;
- pages.py: render(), every page's template and context.
"""

from .data import corpus_json
from .escape import html_text, text
from .memo import PageMemo
from .pages import render
from .parts import ARTICLES_PER_PART, ENTRIES_PER_PART

__all__ = ["ARTICLES_PER_PART", "ENTRIES_PER_PART", "PageMemo", "corpus_json", "html_text", "render", "text"]
