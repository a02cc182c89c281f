"""The themes against the hand labels of tests/fixtures/theme-labels.yml (theme_eval.py; `make eval` prints the
figures). The seed is always here; the sets in ../shared are scored where that folder exists."""

import pytest
import yaml

from theme_eval import LABELS, ROOT, score

REPORT = score()
CARD = REPORT.card_themes


def test_the_labels_fit_the_files_they_label():
    """Every labelled file is found and read with the paragraphs the labels expect, so nothing is scored askew."""
    assert not [note for note in REPORT.notes if "paragraphs read" in note or "not found in the text" in note]
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    for spec in labels["sets"].values():
        folder = (ROOT / spec["dir"]).resolve()
        if folder.is_dir():
            assert [f for f in spec["files"] if f.endswith(".txt") and not (folder / f).is_file()] == []


def test_the_seed_keeps_its_card_themes_exactly():
    for theme in CARD:
        tally = REPORT.tallies[("seed", theme)]
        assert (tally.fp, tally.fn) == (0, 0), (theme, [m for m in REPORT.misses if m[0] == "seed"])


def test_off_topic_news_lands_in_no_card_theme_but_its_sanctions():
    if "polnear-dev" not in REPORT.paragraphs:
        pytest.skip("../shared/eval/polnear-dev is not here")
    wrong = [m for m in REPORT.misses if m[0] in ("polnear-dev", "samples") and m[3] != "sanctions"]
    assert wrong == []
    for name in ("polnear-dev", "samples"):
        assert REPORT.tallies[(name, "sanctions")].fp == 0


def test_card_themes_precision_and_recall_on_every_labelled_set_here():
    if len(REPORT.paragraphs) == 1:
        pytest.skip("only the seed is here")
    card = REPORT.total(set(CARD))
    assert card.precision >= 0.90 and card.recall >= 0.85, (card, REPORT.misses)
