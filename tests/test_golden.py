"""The generated Markdown tree for a small fixture corpus, compared file by file with tests/golden/.

After a deliberate change to the output, run `make golden` and review the diff before committing.
"""

from pathlib import Path

from briefing.build import build

ROOT = Path(__file__).parents[1]
GOLDEN = ROOT / "tests" / "golden"
VERBATIM = ("data/corpus.schema.json",)  # a static file copied as it is


def test_generated_tree_matches_golden(tmp_path):
    problems, _ = build(ROOT / "tests" / "fixtures" / "golden-seeds", tmp_path)
    assert problems == []
    got = {p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8") for p in tmp_path.rglob("*")
           if p.is_file() and not p.relative_to(tmp_path).as_posix().startswith(VERBATIM)}
    want = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(got) == sorted(want), "pages added or removed; run `make golden` if intended"
    changed = [path for path in sorted(got) if got[path] != want[path]]
    assert changed == [], "generated pages differ from tests/golden; run `make golden` if intended"


def test_build_is_deterministic(tmp_path):
    for out in ("a", "b"):
        assert build(ROOT / "tests" / "fixtures" / "golden-seeds", tmp_path / out)[0] == []
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
