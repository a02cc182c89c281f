"""Names land on their page first, on real news: `python scripts/search_eval.py [--search lunr pagefind]`.

Builds the articles of ../shared/eval/polnear-dev/ (US politics, 2016; read where they lie, copied only into a
temporary folder) with this project's themes.yml, once per search engine, serves each site on loopback and
types into the header search box, as a reader does in Chromium:
- the full names of the 20 most quoted people (quotes and reported speech): their own page must come first;
- every name whose first name begins another person's longer one (Bill and Billy): the first result must not
  be that other person.
Prints the count for each engine and every miss; exits 1 on a miss. `--copies 10` builds each article ten times
(840 articles, the size of the corpus of the issue), where a name's articles outweigh its page more.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("EVAL_DIR", ROOT.parent / "shared" / "eval"))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' helpers: the build as `make site` runs it, the browser

from browser import chromium, search, serve  # noqa: E402
from site_build import engine_build, generate  # noqa: E402

TOP = 20
# How long the result list must stay unchanged to be read: at 840 articles on a busy machine the answer to the
# last key can come a second after the one before it.
QUIET_MS = 1500


def most_quoted(corpus: dict, count: int = TOP) -> list[str]:
    """The names of the count people quoted most (quotes and reported speech), most first."""
    spoken: dict[str, int] = {}
    for q in corpus["quotes"] + corpus["reported"]:
        if q["speaker"]:
            spoken[q["speaker"]] = spoken.get(q["speaker"], 0) + 1
    names = {a["slug"]: a["name"] for a in corpus["analysts"]}
    return [names[slug] for slug in sorted(spoken, key=lambda slug: (-spoken[slug], slug))[:count]]


def longer_first_names(names: list[str]) -> dict[str, list[str]]:
    """Each name whose first name is the start of another person's longer first name: Bill → [Billy Joel]."""
    first = {name: name.split()[0] for name in names if " " in name}
    return {name: sorted(other for other in first if first[other] != given and first[other].startswith(given))
            for name, given in first.items()
            if any(first[other] != given and first[other].startswith(given) for other in first)}


def evaluate(site: Path, names: list[str], namesakes: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """(names not first, names whose first result is a person with a longer first name)."""
    missed, wrong = [], []
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url)
        for name in dict.fromkeys(names + list(namesakes)):
            top = search(page, name, quiet_ms=QUIET_MS)[:3]
            if name in names and (not top or top[0] != name):
                missed.append(f"{name}: {top}")
            if top and top[0] in namesakes.get(name, ()):
                wrong.append(f"{name}: {top}")
    return missed, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", nargs="+", default=["lunr", "pagefind"], choices=["lunr", "pagefind"])
    parser.add_argument("--copies", type=int, default=1,
                        help="each article this many times, each copy under its own headline (10: 840 articles, "
                             "the size of the real corpus whose names missed)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (to look into a miss)")
    args = parser.parse_args(argv)
    articles = EVAL / "polnear-dev"
    if not articles.is_dir():
        print(f"{articles}: not found; set EVAL_DIR to the folder that holds polnear-dev/", file=sys.stderr)
        return 1
    code = 0
    with (contextlib.nullcontext(str(args.keep)) if args.keep else tempfile.TemporaryDirectory(prefix="search-eval-")) as tmp:
        project, seeds = Path(tmp), Path(tmp) / "seeds"
        seeds.mkdir()
        for path in sorted(articles.glob("*.txt")):
            for copy in range(1, args.copies + 1):
                if args.copies == 1:
                    shutil.copy(path, seeds / path.name)
                    continue
                headline, body = path.read_text(encoding="utf-8").split("\n", 1)
                (seeds / f"{path.stem}-{copy}.txt").write_text(f"{headline} ({copy})\n{body}", encoding="utf-8")
        shutil.copy(ROOT / "seeds" / "themes.yml", seeds / "themes.yml")
        generated = generate(seeds, project)
        if generated.returncode != 0:
            print(generated.stdout + generated.stderr, file=sys.stderr)
            return 1
        corpus = json.loads((project / "docs" / "data" / "corpus.json").read_text(encoding="utf-8"))
        names = most_quoted(corpus)
        namesakes = longer_first_names([a["name"] for a in corpus["analysts"]])
        print(f"polnear-dev: {len(corpus['articles'])} articles, {len(corpus['analysts'])} people quoted; "
              f"{len(namesakes)} names whose first name begins a longer one")
        for engine in args.search:
            built = engine_build(project, "mkdocs", site_dir=f"site-{engine}", search=engine)
            if built.returncode != 0:
                print(built.stdout + built.stderr, file=sys.stderr)
                return 1
            missed, wrong = evaluate(project / f"site-{engine}", names, namesakes)
            print(f"{engine}: {len(names) - len(missed)} of the {len(names)} most quoted names land on their page "
                  f"first; {len(wrong)} of {len(namesakes)} names land on a person with a longer first name")
            for line in missed:
                print(f"  not first: {line}")
            for line in wrong:
                print(f"  longer first name: {line}")
            code = code or int(bool(missed or wrong))
    return code


if __name__ == "__main__":
    sys.exit(main())
