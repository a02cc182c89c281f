"""The extractor against hand-annotated news articles: the targets the issue sets, on text we wrote."""

import pytest

from quote_eval import NEWS, score_all

SETS = [NEWS, NEWS.parent / "news-holdout"]


@pytest.mark.parametrize("folder", [s for s in SETS if s.exists()], ids=lambda p: p.name)
def test_quote_recall_precision_and_speakers(folder):
    score = score_all(folder)
    report = "\n".join(score.problems)
    assert score.gold >= 50, "too few annotated quotes to mean anything"
    assert score.recall >= 0.90, report
    assert score.precision >= 0.90, report
    assert score.speaker_accuracy >= 0.92, report
