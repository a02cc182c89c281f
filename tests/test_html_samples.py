"""The extraction targets on the real saved pages of ../shared/samples-html/, labelled by hand
(tests/fixtures/samples-html-labels.yml): at least 98% of body paragraphs identical, at most 3% of what is
extracted boilerplate, title, source, date and URL right."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from html_eval import LABELS, PAGES, evaluate  # noqa: E402


@pytest.mark.skipif(not PAGES.is_dir(), reason="the saved pages (../shared/samples-html/) are not on this machine")
def test_saved_pages_meet_the_extraction_targets():
    rows, totals = evaluate(PAGES, LABELS)
    assert len(rows) == 8
    assert totals["found"] / totals["body"] >= 0.98
    assert totals["boilerplate"] / totals["extracted"] <= 0.03
    assert totals["fields_right"] == totals["fields"]


PROSE = ROOT.parent / "shared" / "eval" / "polnear-dev"


@pytest.mark.skipif(not PROSE.is_dir(), reason="the evaluation articles (../shared/eval/) are not on this machine")
def test_the_rules_keep_real_text_of_other_outlets():
    from html_eval import evaluate_prose

    totals = evaluate_prose(PROSE)
    assert totals["pages"] == 84
    # 61 of the paragraphs left out are three live blogs' time stamps and separators, taken for datelines.
    assert totals["found"] / totals["body"] >= 0.96
    assert totals["boilerplate"] == 0
