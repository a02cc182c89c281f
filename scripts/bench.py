"""`make bench`: build synthetic corpora of N articles and a plain-Markdown baseline, measure both in one run.

For each N the same deterministic articles are built four times:
- briefing: scripts/build.py (the generator), then `mkdocs build`;
- baseline: the same articles as plain Markdown pages, one per article, no generator, the same nav scheme;
- briefing pages only, baseline pages only: each of those page trees with every page cut to a heading,
  which is what MkDocs costs for that many pages before any content. Together they bound the first target:
  this site's empty pages plus the baseline's text is the least any build with these pages can cost.
Prints a table and writes it to bench/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST = ["Anna", "Boris", "Chen", "Dana", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal", "Lena",
         "Marta", "Nikolai", "Olga", "Pavel", "Quinn", "Rosa", "Stefan", "Tamara", "Umar", "Vera", "Wen", "Yusuf"]
LAST = ["Abbott", "Brandt", "Castell", "Dunmore", "Eriksen", "Fairley", "Gorski", "Halvorsen", "Ivanova", "Jacobs",
        "Kovacs", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quint", "Rahimi", "Sokolova", "Tanaka"]
ORGS = ["Dragonfly Intelligence", "Harrow Capital", "Eurasia Desk", "Kestrel Research", "Baltic Institute",
        "Meridian Analytics", "Northgate Advisory", "Crescent Partners"]
ROLES = ["senior analyst", "director of research", "chief economist", "associate fellow", "head of Eurasia"]
TOPICS = ["sanctions", "drones supplied by Iran", "trade through Kazakhstan", "the Kremlin summit",
          "the no-limits partnership", "the war in Ukraine", "the survival of the regime", "Russia's isolation",
          "the economy", "energy exports", "the grain corridor", "the rouble"]
FILLER = ["Officials in Moscow and Beijing", "Diplomats", "Markets", "Regional governments", "Observers"]
VERBS = ["watched", "debated", "played down", "questioned", "welcomed", "ignored"]


def _analysts(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    names = sorted({f"{f} {l}" for f in FIRST for l in LAST})
    return [(name, rng.choice(ROLES), rng.choice(ORGS)) for name in rng.sample(names, count)]


def synthetic_article(rng: random.Random, n: int, pool) -> str:
    """One article of about a dozen paragraphs, quoting two or three analysts in the seed's styles."""
    quoted = rng.sample(pool, rng.randint(2, 3))
    paragraphs = []
    for i in range(12):
        topic = rng.choice(TOPICS)
        paragraphs.append(f"{rng.choice(FILLER)} {rng.choice(VERBS)} {topic} on day {i + 1} of the story, "
                          f"while {rng.choice(TOPICS)} shaped the wider debate in the region.")
        if i % 4 == 1:
            name, role, org = quoted[(i // 4) % len(quoted)]
            surname = name.split()[-1]
            style = rng.randint(0, 2)
            words = f"What matters now is {topic}, and nobody in the capital can ignore it for long"
            if style == 0:
                paragraphs.append(f"“{words},” says {name}, {role} at {org}.")
            elif style == 1:
                paragraphs.append(f"{name}, {role} at {org}, says that {topic} will decide the year.")
                paragraphs.append(f"“{words},” {surname} explains.")
            else:
                paragraphs.append(f"“{words},” said {name} of {org}.")
                paragraphs.append(f"“A second thought on {topic}, for the record.”")
    month, day = 1 + n % 12, 1 + n % 28
    front = (f"---\ntitle: \"Briefing note {n}: {rng.choice(TOPICS)}\"\nsource: Synthetic Wire\n"
             f"published: \"20{20 + n % 5}-{month:02d}-{day:02d}\"\n---\n")
    return front + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 2023) -> None:
    rng = random.Random(seed)
    pool = _analysts(rng, 60)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "seeds" / "themes.yml", folder / "themes.yml")
    for n in range(1, count + 1):
        (folder / f"note-{n:04d}.txt").write_text(synthetic_article(rng, n, pool), encoding="utf-8")


def write_fixture_corpus(folder: Path, count: int) -> None:
    """count articles of real-world length: the annotated test articles, copied in turn, each with its own title."""
    texts = sorted((ROOT / "tests" / "fixtures").glob("news*/*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "seeds" / "themes.yml", folder / "themes.yml")
    for n in range(1, count + 1):
        headline, body = texts[(n - 1) % len(texts)].read_text(encoding="utf-8").split("\n", 1)
        front = (f"---\ntitle: {json.dumps(f'{headline} ({n})', ensure_ascii=False)}\nsource: Fixture Wire\n"
                 f"published: \"20{20 + n % 5}-{1 + n % 12:02d}-{1 + n % 28:02d}\"\n---\n")
        (folder / f"fixture-{n:04d}.txt").write_text(front + body, encoding="utf-8")


def write_baseline(seeds: Path, docs: Path) -> None:
    """The same articles as plain Markdown pages, with an index, in the nav scheme of mkdocs.yml."""
    (docs / "articles").mkdir(parents=True)
    rows = []
    for path in sorted(seeds.glob("*.txt")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        title = front.split("title: ", 1)[1].split("\n", 1)[0].strip('"')
        (docs / "articles" / f"{path.stem}.md").write_text(f"# {title}\n\n{body}", encoding="utf-8")
        rows.append(f"- [{title}]({path.stem}.md)")
    (docs / "index.md").write_text("# Baseline\n", encoding="utf-8")
    (docs / "articles" / "index.md").write_text("# Articles\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    # The nav's other entries, empty: the baseline keeps the nav scheme without the generated pages.
    for section in ("themes", "analysts", "places", "people", "quotes", "coverage"):
        (docs / section).mkdir(exist_ok=True)
        (docs / section / "index.md").write_text(f"# {section.title()}\n", encoding="utf-8")


def write_pages_only(docs: Path, out: Path) -> None:
    """The same page tree as docs/, every page a heading and nothing else."""
    for page in docs.rglob("*.md"):
        target = out / page.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# Page\n", encoding="utf-8")


def _run(command: list[str], cwd: Path) -> tuple[float, int]:
    """(seconds, peak resident memory in MB) of one command."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss // 1024


def _site_stats(site: Path) -> dict:
    sizes = [p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"]
    index = site / "search" / "search_index.json"
    return {"pages": len(sizes), "mean_kb": sum(sizes) / len(sizes) / 1024, "max_kb": max(sizes) / 1024,
            "index_mb": index.stat().st_size / 2**20 if index.exists() else 0.0}


def measure(count: int, work: Path, fixtures: bool = False) -> list[dict]:
    project = work / f"n{count}"
    seeds = project / "seeds"
    (write_fixture_corpus if fixtures else write_corpus)(seeds, count)
    results = []
    for kind in ("briefing", "baseline", "briefing pages only", "baseline pages only"):
        folder = project / kind.replace(" ", "-")
        folder.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        (folder / "overrides").symlink_to(ROOT / "overrides")
        if kind == "briefing":
            generator, gen_mb = _run([sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds),
                                      "--out", str(folder / "docs")], folder)
        else:
            started = time.perf_counter()
            if kind == "baseline":
                write_baseline(seeds, folder / "docs")
            else:
                tree = kind.removesuffix(" pages only")
                write_pages_only(project / tree / "docs", folder / "docs")
            generator, gen_mb = time.perf_counter() - started, 0
        mkdocs, mk_mb = _run([sys.executable, "-m", "mkdocs", "build", "--strict"], folder)
        results.append({"n": count, "kind": kind, "generator_s": generator, "mkdocs_s": mkdocs,
                        "total_s": generator + mkdocs, "peak_mb": max(gen_mb, mk_mb), **_site_stats(folder / "site")})
    return results


def table(rows: list[dict]) -> str:
    head = ("| N | build | generator s | mkdocs s | total s | pages | mean HTML KB | max HTML KB "
            "| search index MB | index KB / article | peak MB |")
    lines = [head, "|" + " --- |" * 11]
    for r in rows:
        lines.append(f"| {r['n']} | {r['kind']} | {r['generator_s']:.2f} | {r['mkdocs_s']:.2f} | {r['total_s']:.2f} "
                     f"| {r['pages']} | {r['mean_kb']:.1f} | {r['max_kb']:.1f} | {r['index_mb']:.2f} "
                     f"| {r['index_mb'] * 1024 / r['n']:.1f} | {r['peak_mb']} |")
    return "\n".join(lines)


def ratios(rows: list[dict]) -> str:
    get = {(r["n"], r["kind"]): r for r in rows}
    big, small = max(r["n"] for r in rows), sorted({r["n"] for r in rows})[-2]
    briefing, baseline, before = get[(big, "briefing")], get[(big, "baseline")], get[(small, "briefing")]
    pages, text = get[(big, "briefing pages only")], baseline["total_s"] - get[(big, "baseline pages only")]["total_s"]
    least = (pages["total_s"] + text) / baseline["total_s"]
    return "\n".join([
        f"- full build of {big} vs the baseline: {briefing['total_s'] / baseline['total_s']:.2f}× (target ≤ 1.5)",
        f"  - the least a build with these pages can cost: MkDocs on the briefing's {pages['pages']} pages, each "
        f"only a heading, plus what the baseline's text costs it: {least:.2f}× the baseline, before the "
        f"generator and anything beyond the text",
        f"- {big} vs {small} articles: {briefing['total_s'] / before['total_s']:.2f}× the time "
        f"(target ≤ {1.1 * big / small:.0f})",
        f"- mean HTML page at {big} vs {small}: {briefing['mean_kb'] / before['mean_kb']:.2f}× (target ≤ 1.25)",
        f"- generator share of the build at {big}: {100 * briefing['generator_s'] / briefing['total_s']:.1f}% "
        f"(target ≤ 10%)",
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--fixtures", action="store_true",
                        help="articles of real-world length (the annotated test articles, copied) instead of synthetic")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for count in args.sizes:
            rows += measure(count, Path(work), args.fixtures)
            print(table([r for r in rows if r["n"] == count]).split("\n", 2)[2], flush=True)
    report = f"{table(rows)}\n\n{ratios(rows)}\n" if len(args.sizes) > 1 else table(rows) + "\n"
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores "
                        f"(`make bench`).\n\n{report}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
