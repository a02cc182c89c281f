"""`make eval`: the figures on real news annotated by others (../shared/eval/, see its README), and the themes.

Builds the generator's output for the articles of polnear-dev/ alone, with this project's themes.yml, and
prints the scorer's figures (attribution) and how many articles the build had to warn about; then for the
articles of analysis-dev/ with the saved analysis pages of ../shared/samples-html/ (profiles: precision,
recall, role, organisation, invented). Then the themes' precision and recall per theme against the hand labels
of tests/fixtures/theme-labels.yml (theme_eval.py). The evaluation data is read where it lies (copied only
into a temporary folder to build) and never into the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import theme_eval
from briefing.build import build

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("EVAL_DIR", ROOT.parent / "shared" / "eval"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list every miss")
    parser.add_argument("--themes-only", action="store_true", help="only the themes' precision and recall")
    parser.add_argument("--dir", action="append", default=[], metavar="SET=FOLDER",
                        help="read a labelled set from another folder (e.g. samples-html=texts/)")
    args = parser.parse_args(argv)
    code = 0 if args.themes_only else _attribution(args) or _profiles(args)
    report = theme_eval.score(dirs={name: Path(folder) for name, folder in (d.split("=", 1) for d in args.dir)})
    print(f"themes, against {theme_eval.LABELS.relative_to(ROOT)}:")
    print("\n".join(theme_eval.lines(report, show=args.show)))
    return code


def _attribution(args) -> int:
    articles = EVAL / "polnear-dev"
    if not articles.is_dir():
        print(f"{articles}: not found; set EVAL_DIR to the folder that holds polnear-dev/", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _built("polnear-dev", sorted(articles.glob("*.txt")), Path(tmp))
        if corpus is None:
            return 1
        score = [sys.executable, str(EVAL / "score_polnear.py"), str(corpus), "--dir", str(articles)]
        return subprocess.run(score + (["--show"] if args.show else [])).returncode


def _profiles(args) -> int:
    articles, pages = EVAL / "analysis-dev", EVAL.parent / "samples-html"
    if not (articles / "gold.json").is_file():
        print(f"{articles}: not found; set EVAL_DIR to the folder that holds analysis-dev/", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _built("analysis-dev", sorted(articles.glob("*.txt")) + sorted(pages.glob("*.html")), Path(tmp))
        if corpus is None:
            return 1
        score = [sys.executable, str(EVAL / "score_profiles.py"), str(corpus), "--gold", str(articles / "gold.json")]
        return subprocess.run(score + (["--show"] if args.show else [])).returncode


def _built(name: str, sources: list[Path], tmp: Path) -> Path | None:
    """Builds the sources with this project's themes.yml; prints the summary and warnings; corpus.json's path."""
    seeds = tmp / "seeds"
    seeds.mkdir()
    for path in sources:
        shutil.copy(path, seeds / path.name)
    shutil.copy(ROOT / "seeds" / "themes.yml", seeds / "themes.yml")
    warnings = io.StringIO()
    with contextlib.redirect_stderr(warnings):
        problems, summary = build(seeds, tmp / "docs")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return None
    lines = warnings.getvalue().splitlines()
    print(f"{name}: {summary}")
    print(f"articles with a warning: {len({line.split(':')[0] for line in lines})}")
    for line in lines:
        print(f"  {line}")
    sys.stdout.flush()
    return tmp / "docs" / "data" / "corpus.json"


if __name__ == "__main__":
    sys.exit(main())
