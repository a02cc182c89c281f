"""Loads and validates the editor's data files: seeds/themes.yml and the optional seeds/overrides.yml."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import yaml

from .model import AnalystOverride, Config, QuoteOverride, Theme
from .slugs import SLUG_PATTERN

THEMES_FILE = "themes.yml"
OVERRIDES_FILE = "overrides.yml"

_TEXT = {"type": "string", "minLength": 1}
_THEME = {
    "type": "object",
    "required": ["slug", "title", "description", "terms"],
    "additionalProperties": False,
    "properties": {
        "slug": {"type": "string", "pattern": SLUG_PATTERN.pattern},
        "title": _TEXT,
        "description": _TEXT,
        # A term is a word or phrase; it must contain at least one letter or digit to match anything.
        "terms": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": r"[^\W_]"}},
    },
}
THEMES_SCHEMA = {
    "type": "object",
    "required": ["themes", "catch_all"],
    "additionalProperties": False,
    "properties": {
        "themes": {"type": "array", "minItems": 1, "items": _THEME},
        "catch_all": {**_THEME, "required": ["slug", "title", "description"],
                      "properties": {k: v for k, v in _THEME["properties"].items() if k != "terms"}},
    },
}
OVERRIDES_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "analysts": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {"name": _TEXT, "role": _TEXT, "organisation": _TEXT},
            },
        },
        "quotes": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["article", "paragraph", "speaker"],
                "properties": {
                    "article": {"type": "string", "pattern": SLUG_PATTERN.pattern},
                    "paragraph": {"type": "integer", "minimum": 1},
                    "speaker": {"type": ["string", "null"]},
                },
            },
        },
    },
}


def load_config(seed_dir: Path) -> tuple[Config | None, list[str]]:
    """The validated config and every problem found, as 'seeds/<file>: <key path>: <reason>' lines."""
    themes_path, overrides_path = seed_dir / THEMES_FILE, seed_dir / OVERRIDES_FILE
    themes_data, errors = _load(themes_path, THEMES_SCHEMA, required=True)
    overrides_data, more = _load(overrides_path, OVERRIDES_SCHEMA, required=False)
    errors += more
    if isinstance(themes_data, dict):
        errors += _duplicate_slugs(themes_data, f"{seed_dir.name}/{THEMES_FILE}")
    if errors or themes_data is None:
        return None, errors
    overrides_data = overrides_data or {}
    return Config(
        themes=tuple(_theme(t) for t in themes_data["themes"]),
        catch_all=_theme({**themes_data["catch_all"], "terms": []}),
        analyst_overrides=tuple(
            (name, AnalystOverride(**fields)) for name, fields in sorted(overrides_data.get("analysts", {}).items())
        ),
        quote_overrides=tuple(QuoteOverride(**q) for q in overrides_data.get("quotes", [])),
    ), []


def _load(path: Path, schema: dict, required: bool) -> tuple[dict | None, list[str]]:
    label = f"{path.parent.name}/{path.name}"
    if not path.exists():
        return None, [f"{label}: file is missing"] if required else []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [f"{label}: not UTF-8; re-save as UTF-8"]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return None, [f"{label}: not valid YAML{where}"]
    if data is None and not required:
        return {}, []
    validator = jsonschema.Draft202012Validator(schema)
    problems = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return data, [f"{label}: {_key_path(e.absolute_path)}: {_reason(e)}" for e in problems]


def _key_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _reason(error: jsonschema.ValidationError) -> str:
    if error.validator == "pattern" and error.schema.get("pattern") == SLUG_PATTERN.pattern:
        return f"{error.instance!r} is not a slug (lowercase letters, digits and hyphens)"
    if error.validator == "pattern":
        return f"{error.instance!r} has no letter or digit to match"
    if error.validator == "additionalProperties":
        return f"unknown key ({error.message.split('(')[-1].rstrip(')')})"
    return error.message


def _duplicate_slugs(data: dict, label: str) -> list[str]:
    seen, errors = {}, []
    themes = data.get("themes") if isinstance(data.get("themes"), list) else []
    entries = [(f"themes[{i}].slug", t) for i, t in enumerate(themes)] + [("catch_all.slug", data.get("catch_all"))]
    for where, theme in entries:
        slug = theme.get("slug") if isinstance(theme, dict) else None
        if not isinstance(slug, str):
            continue
        if slug in seen:
            errors.append(f"{label}: {where}: duplicate slug {slug!r} (also at {seen[slug]})")
        seen.setdefault(slug, where)
    return errors


def _theme(data: dict) -> Theme:
    return Theme(
        slug=data["slug"],
        title=data["title"].strip(),
        description=re.sub(r"\s+", " ", data["description"]).strip(),
        terms=tuple(t.strip() for t in data["terms"]),
    )
