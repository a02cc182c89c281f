"""The only code that knows the seed file format: optional YAML front matter, then one paragraph per line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .model import Source

FRONT_MATTER_KEYS = ("title", "source", "url", "published", "author", "slug")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
# A headline: a short first line that does not end like a sentence or a quotation.
_HEADLINE_MAX_WORDS = 20
_SENTENCE_END = tuple(".:;\"”»")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# libyaml's safe loader where PyYAML was built with it (its wheels are): the same documents, five times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SeedError(Exception):
    """A seed that cannot be used; the message is the reason, shown after the file name."""


def read_seeds(seed_dir: Path) -> tuple[list[Source], list[str]]:
    """Every *.txt article in seed_dir, in name order, and one 'seeds/<file>: <reason>' line per bad file."""
    sources, errors = [], []
    for path in sorted(seed_dir.glob("*.txt")):
        try:
            sources.append(parse_seed(path.name, path.read_bytes()))
        except SeedError as error:
            errors.append(f"{seed_dir.name}/{path.name}: {error}")
    return sources, errors


def parse_seed(name: str, data: bytes) -> Source:
    if b"\x00" in data:
        raise SeedError("binary data, not text")
    encoding = "utf-8"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Old editors save Windows-1252; it decodes unambiguously where UTF-8 fails, so read it and warn.
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise SeedError(f"not UTF-8 (byte {error.start}); re-save as UTF-8") from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise SeedError("binary data, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters cannot be shown on a page (HTML drops or rejects them); only tab is kept.
    text = _CONTROL.sub("", text)
    meta, body = _split_front_matter(text)
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if "title" not in meta and len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        meta["title"] = paragraphs.pop(0)
    if not paragraphs:
        raise SeedError("no text" if not text.strip() else "front matter but no paragraphs")
    return Source(name=name, meta=tuple(sorted(meta.items())), paragraphs=tuple(paragraphs), encoding=encoding)


def _split_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1) or "", Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise SeedError(f"front matter is not valid YAML{where}") from None
    if not isinstance(meta, dict):
        raise SeedError("front matter must be a mapping of keys to values")
    for key, value in meta.items():
        if key not in FRONT_MATTER_KEYS:
            raise SeedError(f"unknown front matter key '{key}' (allowed: {', '.join(FRONT_MATTER_KEYS)})")
        if isinstance(value, (dt.date, dt.datetime)):
            meta[key] = value.isoformat()
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise SeedError(f"front matter key '{key}' must be text")
        else:
            meta[key] = str(value).strip()
    return meta, text[match.end():]


def _is_headline(line: str) -> bool:
    return len(line.split()) <= _HEADLINE_MAX_WORDS and not line.endswith(_SENTENCE_END)
