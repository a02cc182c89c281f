"""Real articles nobody here wrote: a fault in our analysis of one never takes the site down."""

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from briefing import attribution as quotes
from briefing.build import build
from site_build import ROOT, Page, mkdocs_build

POLNEAR = Path(os.environ.get("EVAL_DIR", ROOT.parent / "shared" / "eval")) / "polnear-dev"
SEED = (ROOT / "seeds" / "xi-putin-moscow.txt").read_text(encoding="utf-8")


def _build(seeds: Path, out: Path) -> tuple[list[str], list[str]]:
    """(problems, warning lines) of an in-process build."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        problems, _ = build(seeds, out)
    return problems, stderr.getvalue().splitlines()


def test_a_fault_in_attribution_publishes_the_article_whole_with_its_quotes_unattributed(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    (seeds / "xi.txt").write_text(SEED, encoding="utf-8")
    (seeds / "other.txt").write_text("Other\n\n“The sanctions are biting hard now,” says Ann Lee, an analyst at Foo.\n")

    real = quotes.extract_all

    def broken(paragraphs):
        if any("Xi" in p for p in paragraphs):
            raise KeyError("Some Name")
        return real(paragraphs)

    monkeypatch.setattr(quotes, "extract_all", broken)
    problems, warnings = _build(seeds, tmp_path / "project" / "docs")
    assert problems == []
    assert warnings == ["seeds/xi.txt: warning: attribution failed (KeyError: 'Some Name'); "
                        "its quotes are published unattributed"]
    assert mkdocs_build(tmp_path / "project").returncode == 0
    site = tmp_path / "project" / "site"
    page = Page(site / "articles" / "xi" / "index.html")
    source_paragraphs = [line for line in SEED.split("\n---\n", 1)[-1].splitlines() if line.strip()]
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    article = next(a for a in corpus["articles"] if a["slug"] == "xi")
    assert [p["text"] for p in article["paragraphs"]] == source_paragraphs[-len(article["paragraphs"]):]
    for p in article["paragraphs"]:
        assert page.text_by_id[f"p-{p['n']}"].strip().endswith(p["text"][-40:].strip())
    xi_quotes = [q for q in corpus["quotes"] if q["article"] == "xi"]
    assert len(xi_quotes) >= 9 and all(q["speaker"] is None for q in xi_quotes)
    assert all(q["attribution"]["method"] == "unattributed" for q in xi_quotes)
    # The other article is analysed as usual.
    assert [a["name"] for a in corpus["analysts"]] == ["Ann Lee"]


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="the evaluation data (../shared/eval/) is not on this machine")
def test_every_polnear_article_builds_without_a_warning(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    for path in POLNEAR.glob("*.txt"):
        (seeds / path.name).write_bytes(path.read_bytes())
    problems, warnings = _build(seeds, tmp_path / "docs")
    assert problems == [] and warnings == []
    corpus = json.loads((tmp_path / "docs" / "data" / "corpus.json").read_text(encoding="utf-8"))
    assert len(corpus["articles"]) == len(list(POLNEAR.glob("*.txt")))
