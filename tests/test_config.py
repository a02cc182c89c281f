"""The themes and overrides files: validated against a schema, every problem reported with its key path."""

from briefing.config import load_config

GOOD = """
themes:
  - {slug: sanctions, title: Sanctions, description: About sanctions., terms: [sanction]}
catch_all: {slug: other, title: Other, description: The rest.}
"""


def test_a_good_file_loads(tmp_path):
    (tmp_path / "themes.yml").write_text(GOOD)
    config, errors = load_config(tmp_path)
    assert errors == []
    assert [t.slug for t in config.themes] == ["sanctions"]
    assert config.catch_all.slug == "other"


def test_every_problem_is_reported_at_once(tmp_path):
    (tmp_path / "themes.yml").write_text("""
themes:
  - {slug: Bad Slug, title: X, description: D, terms: [x]}
  - {slug: ok, title: Y, terms: [y]}
  - {slug: ok, title: Z, description: D, terms: ["--"]}
catch_all: {slug: other, title: Other, description: D, colour: red}
""")
    config, errors = load_config(tmp_path)
    label = f"{tmp_path.name}/themes.yml"
    assert config is None
    assert errors == [
        f"{label}: catch_all: unknown key ('colour' was unexpected)",
        f"{label}: themes[0].slug: 'Bad Slug' is not a slug (lowercase letters, digits and hyphens)",
        f"{label}: themes[1]: 'description' is a required property",
        f"{label}: themes[2].terms[0]: '--' has no letter or digit to match",
        f"{label}: themes[2].slug: duplicate slug 'ok' (also at themes[1].slug)",
    ]


def test_invalid_yaml_and_a_missing_file(tmp_path):
    config, errors = load_config(tmp_path)
    assert errors == [f"{tmp_path.name}/themes.yml: file is missing"]
    (tmp_path / "themes.yml").write_text("themes: [\n")
    config, errors = load_config(tmp_path)
    assert errors == [f"{tmp_path.name}/themes.yml: not valid YAML at line 2, column 1"]


def test_overrides(tmp_path):
    (tmp_path / "themes.yml").write_text(GOOD)
    (tmp_path / "overrides.yml").write_text("""
analysts:
  David Dalton: {role: senior analyst}
quotes:
  - {article: xi, paragraph: 13, speaker: Barbara Keleman}
""")
    config, errors = load_config(tmp_path)
    assert errors == []
    assert dict(config.analyst_overrides)["David Dalton"].role == "senior analyst"
    assert config.quote_overrides[0].speaker == "Barbara Keleman"


def test_rules_load(tmp_path):
    (tmp_path / "themes.yml").write_text("""
themes:
  - slug: iran-drones
    title: Iran drones
    description: D
    none: [White House]
    rules:
      - {name: Iran near drones, near: [[Iran, Tehran], drone], within: 8}
      - {all: [Russia, [shadow fleet, dark fleet]], weak: [tanker], min: 3, none: [fishing]}
catch_all: {slug: other, title: Other, description: The rest.}
""")
    config, errors = load_config(tmp_path)
    assert errors == []
    theme = config.themes[0]
    assert theme.terms == () and theme.none_of == ("White House",)
    near, other = theme.rules
    assert (near.name, near.near, near.within) == ("Iran near drones", (("Iran", "Tehran"), ("drone",)), 8)
    assert (other.name, other.all_of, other.weak, other.min_terms, other.none_of) == \
        ("rule 2", (("Russia",), ("shadow fleet", "dark fleet")), ("tanker",), 3, ("fishing",))


def test_every_problem_in_rules_is_reported_at_once_with_its_key_path(tmp_path):
    (tmp_path / "themes.yml").write_text("""
themes:
  - {slug: a, title: A, description: D}
  - slug: b
    title: B
    description: D
    terms: [x]
    rules:
      - {near: [[Iran], drone]}
      - {near: [Iran], within: 3}
      - {weak: [tanker], min: 2}
      - {any: [x], within: 2}
      - {any: [x, y], min: 3, name: terms}
      - {all: [Russia, 5], nearby: 2}
      - {any: [x], name: twice}
      - {any: [y], name: twice, min: 0}
      - {any: [x], weak: [y]}
  - {slug: c, title: C, description: D, rules: [{any: [cap], article: 0.5}, {any: [list], article: 1.5}]}
catch_all: {slug: other, title: Other, description: D, rules: []}
""")
    config, errors = load_config(tmp_path)
    label = f"{tmp_path.name}/themes.yml"
    assert config is None
    assert errors == [
        f"{label}: catch_all: unknown key ('rules' was unexpected)",
        f"{label}: themes[0]: a theme needs 'terms' or 'rules'",
        f"{label}: themes[1].rules[0]: 'near' needs 'within': how many words may stand between its two terms",
        f"{label}: themes[1].rules[1].near: 'near' takes two groups of terms",
        f"{label}: themes[1].rules[2]: a rule needs 'any', 'all' or 'near'",
        f"{label}: themes[1].rules[3]: 'within' belongs with 'near'",
        f"{label}: themes[1].rules[5]: unknown key ('nearby' was unexpected)",
        f"{label}: themes[1].rules[5].all[1]: 5 is not a term or a list of terms",
        f"{label}: themes[1].rules[7].min: 0 is less than the minimum of 1",
        f"{label}: themes[2].rules[1].article: 1.5 is greater than the maximum of 1",
        f"{label}: themes[1].rules[2].min: 2 distinct terms asked for, but the rule has 1",
        f"{label}: themes[1].rules[4].min: 3 distinct terms asked for, but the rule has 2",
        f"{label}: themes[1].rules[4].name: two rules named 'terms' (also at themes[1].terms)",
        f"{label}: themes[1].rules[7].name: two rules named 'twice' (also at themes[1].rules[6].name)",
        f"{label}: themes[1].rules[8].weak: weak terms count only towards 'min', which is 1 here",
        f"{label}: themes[2].rules[0].article: the theme has no rule without 'article' to measure the article by",
        f"{label}: themes[2].rules[1].article: the theme has no rule without 'article' to measure the article by",
    ]
