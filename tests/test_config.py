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
