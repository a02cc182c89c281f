"""The only code that knows seed file formats.

A text seed (*.txt) is optional YAML front matter, then one paragraph per line. A saved web page (*.html,
*.htm) is read by webpage.py: its article text and its own metadata, which a sidecar file of the same name
(<name>.yml, the same keys as front matter) can override.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import yaml

from .config import OVERRIDES_FILE, THEMES_FILE
from .model import Source
from .webpage import PageError, parse_page

FRONT_MATTER_KEYS = ("title", "source", "url", "published", "author", "slug")
TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".yml"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
# A headline: a short first line that does not end like a sentence or a quotation.
_HEADLINE_MAX_WORDS = 20
_SENTENCE_END = tuple(".:;\"”»")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# libyaml's safe loader where PyYAML was built with it (its wheels are): the same documents, five times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SeedError(Exception):
    """A seed that cannot be used; the message is the reason, shown after the file name."""


def read_seeds(seed_dir: Path, known: dict | None = None) -> tuple[list[Source], list[str]]:
    """Every article in seed_dir (text seeds and saved web pages), in name order, and one
    'seeds/<file>: <reason>' line per bad file.

    known: a dict kept between calls by a build kept warm: a text seed whose bytes were parsed before is not
    parsed again (webpage.py keeps saved pages likewise)."""
    sources, errors = [], []
    suffixes = TEXT_SUFFIXES + PAGE_SUFFIXES
    parsed = {}
    for path in sorted(p for p in seed_dir.iterdir() if p.suffix.lower() in suffixes and p.is_file()):
        try:
            if path.suffix.lower() in TEXT_SUFFIXES:
                data = path.read_bytes()
                digest = hashlib.blake2b(data, digest_size=16).digest()
                before = (known or {}).get(path.name)
                source = before[1] if before and before[0] == digest else parse_seed(path.name, data)
                parsed[path.name] = (digest, source)
                sources.append(source)
                continue
            sidecar = path.with_suffix(SIDECAR_SUFFIX)
            if sidecar.name in (THEMES_FILE, OVERRIDES_FILE):
                raise SeedError(f"its metadata file would be {sidecar.name}, which is not about this page; "
                                "rename the page")
            overrides = None
            if sidecar.is_file():
                try:
                    overrides = parse_sidecar(sidecar.read_bytes())
                except SeedError as error:
                    errors.append(f"{seed_dir.name}/{sidecar.name}: {error}")
                    continue
            sources.append(parse_web_page(path.name, path.read_bytes(), overrides))
        except SeedError as error:
            errors.append(f"{seed_dir.name}/{path.name}: {error}")
    if known is not None:
        known.clear()
        known.update(parsed)
    return sources, errors


def parse_web_page(name: str, data: bytes, overrides: dict | None = None) -> Source:
    """A saved web page: its article paragraphs and metadata, each field overridden by the sidecar's."""
    try:
        meta, paragraphs, encoding = parse_page(data)
    except PageError as error:
        raise SeedError(str(error)) from None
    for key, value in (overrides or {}).items():
        if value is None:
            meta.pop(key, None)  # "author: null" in the sidecar: the page's value is wrong, show none
        else:
            meta[key] = value
    return Source(name=name, meta=tuple(sorted(meta.items())), paragraphs=paragraphs, encoding=encoding)


def parse_sidecar(data: bytes) -> dict:
    """A page's <name>.yml: front matter keys as a YAML mapping; null removes a field the page gives."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SeedError(f"not UTF-8 (byte {error.start}); re-save as UTF-8") from None
    return _check_meta(_load_yaml(text, first_line=1), allow_null=True)


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
    return _check_meta(_load_yaml(match.group(1) or "", first_line=2)), text[match.end():]


def _load_yaml(text: str, first_line: int):
    try:
        return yaml.load(text, Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + first_line}" if mark else ""
        raise SeedError(f"front matter is not valid YAML{where}") from None


def _check_meta(meta, allow_null: bool = False) -> dict:
    if not isinstance(meta, dict):
        raise SeedError("front matter must be a mapping of keys to values")
    for key, value in meta.items():
        if key not in FRONT_MATTER_KEYS:
            raise SeedError(f"unknown front matter key '{key}' (allowed: {', '.join(FRONT_MATTER_KEYS)})")
        if isinstance(value, (dt.date, dt.datetime)):
            meta[key] = value.isoformat()
        elif value is None and allow_null:
            continue
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise SeedError(f"front matter key '{key}' must be text")
        else:
            meta[key] = str(value).strip()
    return meta


def _is_headline(line: str) -> bool:
    return len(line.split()) <= _HEADLINE_MAX_WORDS and not line.endswith(_SENTENCE_END)
