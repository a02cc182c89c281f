"""Loads and validates the editor's data files: seeds/themes.yml and the optional seeds/overrides.yml."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import yaml

from .model import TERMS_RULE, AnalystOverride, Config, QuoteOverride, Rule, Theme
from .slugs import SLUG_PATTERN

THEMES_FILE = "themes.yml"
OVERRIDES_FILE = "overrides.yml"

_TEXT = {"type": "string", "minLength": 1}
# A term is a word or phrase; it must contain at least one letter or digit to match anything.
_TERM = {"type": "string", "pattern": r"[^\W_]"}
_TERMS = {"type": "array", "minItems": 1, "items": _TERM}
# A group: one term, or a list of terms any of which will do.
_GROUP = {"type": ["string", "array"], "pattern": r"[^\W_]", "minItems": 1, "items": _TERM}
_RULE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "name": _TEXT,
        "any": _TERMS,
        "all": {"type": "array", "minItems": 1, "items": _GROUP},
        "near": {"type": "array", "minItems": 2, "maxItems": 2, "items": _GROUP},
        "within": {"type": "integer", "minimum": 0},
        "none": _TERMS,
        "weak": _TERMS,
        "min": {"type": "integer", "minimum": 1},
        "article": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    },
    "anyOf": [{"required": ["any"]}, {"required": ["all"]}, {"required": ["near"]}],
    "dependentRequired": {"near": ["within"], "within": ["near"]},
}
_THEME = {
    "type": "object",
    "required": ["slug", "title", "description"],
    "additionalProperties": False,
    "properties": {
        "slug": {"type": "string", "pattern": SLUG_PATTERN.pattern},
        "title": _TEXT,
        "description": _TEXT,
        "terms": _TERMS,
        "rules": {"type": "array", "minItems": 1, "items": _RULE},
        "none": _TERMS,
    },
    "anyOf": [{"required": ["terms"]}, {"required": ["rules"]}],
}
THEMES_SCHEMA = {
    "type": "object",
    "required": ["themes", "catch_all"],
    "additionalProperties": False,
    "properties": {
        "themes": {"type": "array", "minItems": 1, "items": _THEME},
        "catch_all": {"type": "object", "required": ["slug", "title", "description"], "additionalProperties": False,
                      "properties": {k: _THEME["properties"][k] for k in ("slug", "title", "description")}},
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


def load_config(seed_dir: Path, known: dict | None = None) -> tuple[Config | None, list[str]]:
    """The validated config and every problem found, as 'seeds/<file>: <key path>: <reason>' lines.

    known: a dict kept between calls by a build kept warm: files whose bytes were loaded before are not parsed
    and validated again."""
    themes_path, overrides_path = seed_dir / THEMES_FILE, seed_dir / OVERRIDES_FILE
    if known is None:
        return _load_config(seed_dir, themes_path, overrides_path)
    key = tuple(path.read_bytes() if path.is_file() else None for path in (themes_path, overrides_path))
    if known.get("key") != key:
        known.update(key=key, loaded=_load_config(seed_dir, themes_path, overrides_path))
    return known["loaded"]


def _load_config(seed_dir: Path, themes_path: Path, overrides_path: Path) -> tuple[Config | None, list[str]]:
    themes_data, errors = _load(themes_path, THEMES_SCHEMA, required=True)
    overrides_data, more = _load(overrides_path, OVERRIDES_SCHEMA, required=False)
    errors += more
    if isinstance(themes_data, dict):
        errors += _duplicate_slugs(themes_data, f"{seed_dir.name}/{THEMES_FILE}")
        errors += _rule_problems(themes_data, f"{seed_dir.name}/{THEMES_FILE}")
    if errors or themes_data is None:
        return None, errors
    overrides_data = overrides_data or {}
    return Config(
        themes=tuple(_theme(t) for t in themes_data["themes"]),
        catch_all=_theme(themes_data["catch_all"]),
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


# What each schema keyword's failure means to an editor, where jsonschema's own message would not say.
_RULE_KEYS = "a rule needs 'any', 'all' or 'near'"
_THEME_KEYS = "a theme needs 'terms' or 'rules'"


def _reason(error: jsonschema.ValidationError) -> str:
    if error.validator == "pattern" and error.schema.get("pattern") == SLUG_PATTERN.pattern:
        return f"{error.instance!r} is not a slug (lowercase letters, digits and hyphens)"
    if error.validator == "pattern":
        return f"{error.instance!r} has no letter or digit to match"
    if error.validator == "additionalProperties":
        return f"unknown key ({error.message.split('(')[-1].rstrip(')')})"
    if error.validator == "anyOf":
        return _RULE_KEYS if {"required": ["near"]} in error.validator_value else _THEME_KEYS
    if error.validator == "dependentRequired":
        return ("'near' needs 'within': how many words may stand between its two terms" if "near" in error.instance
                else "'within' belongs with 'near'")
    if error.validator in ("minItems", "maxItems") and error.absolute_path and error.absolute_path[-1] == "near":
        return "'near' takes two groups of terms"
    if error.validator == "type" and error.schema.get("type") == ["string", "array"]:
        return f"{error.instance!r} is not a term or a list of terms"
    return error.message


def _rule_problems(data: dict, label: str) -> list[str]:
    """What the schema cannot say: a rule whose 'min' asks for more terms than it has, weak terms where they
    cannot count, an 'article' share with nothing to measure it by, two rules of a theme with one name (the pages
    tell rules apart by name)."""
    errors = []
    themes = data.get("themes") if isinstance(data.get("themes"), list) else []
    for i, theme in enumerate(themes):
        rules = theme.get("rules") if isinstance(theme, dict) and isinstance(theme.get("rules"), list) else []
        names = {TERMS_RULE: f"themes[{i}].terms"} if isinstance(theme, dict) and "terms" in theme else {}
        for j, rule in enumerate(rules):
            if not isinstance(rule, dict):
                continue
            where = f"themes[{i}].rules[{j}]"
            terms = {t for t in _rule_terms(rule) if isinstance(t, str)}
            if isinstance(rule.get("min"), int) and rule["min"] > len(terms):
                errors.append(f"{label}: {where}.min: {rule['min']} distinct terms asked for, but the rule has "
                              f"{len(terms)}")
            if "weak" in rule and rule.get("min", 1) == 1:
                errors.append(f"{label}: {where}.weak: weak terms count only towards 'min', which is 1 here")
            if "article" in rule and all(isinstance(r, dict) and "article" in r for r in rules) and "terms" not in theme:
                errors.append(f"{label}: {where}.article: the theme has no rule without 'article' to measure "
                              f"the article by")
            name = rule.get("name", _rule_name(j))
            if isinstance(name, str) and name in names:
                errors.append(f"{label}: {where}.name: two rules named {name!r} (also at {names[name]})")
            names.setdefault(name, f"{where}.name")
    return errors


def _rule_terms(rule: dict) -> list:
    """Every term a rule can count towards 'min': its any, all, near and weak terms."""
    groups = [rule.get(key) for key in ("any", "weak")] + \
        [g for key in ("all", "near") if isinstance(rule.get(key), list) for g in rule[key]]
    return [t for g in groups if g is not None for t in ([g] if isinstance(g, str) else g if isinstance(g, list) else [])]


def _rule_name(index: int) -> str:
    return f"rule {index + 1}"


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
        terms=_terms(data.get("terms")),
        rules=tuple(_rule(rule, i) for i, rule in enumerate(data.get("rules", []))),
        none_of=_terms(data.get("none")),
    )


def _rule(data: dict, index: int) -> Rule:
    return Rule(
        name=data.get("name", _rule_name(index)).strip(),
        any_of=_terms(data.get("any")),
        all_of=tuple(_terms(group) for group in data.get("all", [])),
        near=tuple(_terms(group) for group in data.get("near", [])),
        within=data.get("within", 0),
        none_of=_terms(data.get("none")),
        weak=_terms(data.get("weak")),
        min_terms=data.get("min", 1),
        article=data.get("article", 0.0),
    )


def _terms(value) -> tuple[str, ...]:
    """A term or a list of terms, as a tuple."""
    if value is None:
        return ()
    return tuple(t.strip() for t in ([value] if isinstance(value, str) else value))
