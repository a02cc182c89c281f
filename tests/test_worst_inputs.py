"""Worst inputs found by hand: no pattern may backtrack or scan quadratically.

A time budget is the only way to catch that in a test. It is counted in this process's CPU time, not the
wall clock, so that a machine busy with other work does not fail it (22 s of wall clock for 4 s of work on a
machine with three builds at once); it is 2–4 times what these inputs take, and a quadratic step took 950 s.
"""

import time

import pytest

from briefing.analyse import analyse
from briefing.assemble import assemble
from briefing.reader import parse_seed
from briefing.render import render
from test_properties import CONFIG, MATCHER

SIZE = 300_000
WORST = {
    "many attributed quotes": '"x," says Ann Lee, an analyst at Foo, ',
    "capitalised words": "Ab ",
    "opening marks": "“",
    "appositive commas": "Ann Lee, ",
    "initials": "A. ",
    "straight marks": '"',
    "markup": "<b>*_[x](y)_*</b> {{ z }} ",
    "organisation appositives": "Ab, a firm, ",
    "organisation nouns": "the firm Ab ",
    "single marks": "Ab ‘x’ said ",
}


@pytest.mark.parametrize("unit", WORST.values(), ids=WORST.keys())
def test_a_huge_single_paragraph_builds_in_seconds(unit):
    data = ("---\ntitle: Huge\n---\n" + unit * (SIZE // len(unit))).encode("utf-8")
    started = time.process_time()
    files = dict(render(assemble([analyse(parse_seed("huge.txt", data), CONFIG, MATCHER)], CONFIG)))
    assert time.process_time() - started < 15
    assert "articles/huge/index.md" in files
