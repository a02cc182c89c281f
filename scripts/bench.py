"""`make bench`: the site at corpus scale, built cold and kept warm while an editor works, measured in one run.

For each size N, on deterministic corpora:
- cold: the generator and `mkdocs build --strict` from scratch, each timed with its peak memory, and the
  built site's pages, page sizes and search index; and, for comparison, MkDocs on the same articles as
  plain pages (the retired baseline);
- warm: `scripts/serve.py` on the same corpus, an article open in Chromium; an edit to that article's seed
  (a quoted paragraph by an analyst never seen before) is saved, and the time until the open page shows it is
  taken, then whether the new analyst's profile is served; then an edit to one theme in themes.yml (its
  description reworded, a term added), until the open theme page shows it. Each is repeated, and the median
  and the spread (least, most) reported.

Corpora: synthetic notes of about a dozen short paragraphs (`N`), and articles of real length (`--real N`):
variants of the seed (about twenty paragraphs), each with its own title, date and analysts' names.
Prints the tables and writes them to bench/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from briefing.reader import parse_seed

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
# The seed's analysts, renamed in each variant of it.
SEED_ANALYSTS = ("Dalton", "Keleman", "Lee-Saunders")
# The warm edits: a new analyst each time, and the theme whose description and terms change.
NEW_ANALYSTS = ["Quentin Halloway", "Miriam Brightwater", "Otto Castellane", "Priya Dunsmore", "Selma Everleigh",
                "Tobias Fairbanks", "Una Greywell", "Viktor Hollins", "Wanda Ironside"]
EDITED_THEME = "regime-survival"
WAIT_MS = 300_000  # an edit not shown in five minutes is a failure


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


def _published(n: int) -> str:
    return f"20{20 + n % 5}-{1 + n % 12:02d}-{1 + n % 28:02d}"


def write_corpus(folder: Path, count: int, seed: int = 2023) -> None:
    rng = random.Random(seed)
    pool = _analysts(rng, 60)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "seeds" / "themes.yml", folder / "themes.yml")
    for n in range(1, count + 1):
        (folder / f"note-{n:04d}.txt").write_text(synthetic_article(rng, n, pool), encoding="utf-8")


def write_seed_variants(folder: Path, count: int) -> None:
    """count articles of the seed's length: the seed, each copy with its own title, date and analysts (the
    seed's three renamed from a pool of 380 surnames, so that each analyst is quoted in a few articles)."""
    _, _, body = (ROOT / "seeds" / "xi-putin-moscow.txt").read_text(encoding="utf-8").split("---\n", 2)
    surnames = [f"{a}-{b}" for a in LAST for b in LAST if a != b]
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "seeds" / "themes.yml", folder / "themes.yml")
    for n in range(1, count + 1):
        text = body
        for slot, name in enumerate(SEED_ANALYSTS):
            text = text.replace(name, surnames[(7 * n + 131 * slot) % len(surnames)])
        title = f"Xi in Moscow: what Putin wants from China ({n})"
        front = f"---\ntitle: {json.dumps(title)}\nsource: The Independent\npublished: \"{_published(n)}\"\n---\n"
        (folder / f"variant-{n:04d}.txt").write_text(front + text, encoding="utf-8")


def write_fixture_corpus(folder: Path, count: int) -> None:
    """count articles of real-world length: the annotated test articles, copied in turn, each with its own title."""
    texts = sorted((ROOT / "tests" / "fixtures").glob("news*/*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "seeds" / "themes.yml", folder / "themes.yml")
    for n in range(1, count + 1):
        headline, body = texts[(n - 1) % len(texts)].read_text(encoding="utf-8").split("\n", 1)
        front = (f"---\ntitle: {json.dumps(f'{headline} ({n})', ensure_ascii=False)}\nsource: Fixture Wire\n"
                 f"published: \"{_published(n)}\"\n---\n")
        (folder / f"fixture-{n:04d}.txt").write_text(front + body, encoding="utf-8")


CORPORA = {"synthetic": write_corpus, "seed": write_seed_variants, "fixtures": write_fixture_corpus}


def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _run(command: list[str], cwd: Path) -> tuple[float, int]:
    """(seconds, peak resident memory in MB) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss // 1024


def _site_stats(site: Path, count: int) -> dict:
    sizes = {p: p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"}
    largest = max(sizes, key=sizes.get)
    index = site / "search" / "search_index.json"
    index_bytes = index.stat().st_size if index.exists() else 0
    return {"pages": len(sizes), "mean_kb": sum(sizes.values()) / len(sizes) / 1024, "max_kb": sizes[largest] / 1024,
            "largest": largest.parent.relative_to(site).as_posix() + "/", "over_200kb": sum(s > 200 * 1024 for s in sizes.values()),
            "index_mb": index_bytes / 2**20, "index_kb_per_article": index_bytes / 1024 / count}


def _project(work: Path, corpus: str, count: int) -> tuple[Path, Path]:
    project = work / f"{corpus}-{count}"
    seeds = project / "seeds"
    CORPORA[corpus](seeds, count)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "overrides").symlink_to(ROOT / "overrides")
    return project, seeds


def write_plain(seeds: Path, docs: Path) -> None:
    """The same articles as plain Markdown pages, one per article, with an index, in mkdocs.yml's nav scheme."""
    (docs / "articles").mkdir(parents=True)
    rows = []
    for path in sorted(seeds.glob("*.txt")):
        source = parse_seed(path.name, path.read_bytes())
        title = source.get("title", path.stem)
        body = "\n\n".join(source.paragraphs)
        (docs / "articles" / f"{path.stem}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
        rows.append(f"- [{title}]({path.stem}.md)")
    (docs / "index.md").write_text("# Plain\n", encoding="utf-8")
    (docs / "articles" / "index.md").write_text("# Articles\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for section in ("themes", "analysts", "places", "people", "quotes", "coverage"):  # the nav's other entries
        (docs / section).mkdir(exist_ok=True)
        (docs / section / "index.md").write_text(f"# {section.title()}\n", encoding="utf-8")


def cold(project: Path, seeds: Path, count: int) -> dict:
    generator, gen_mb = _run([sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds),
                              "--out", str(project / "docs")], project)
    mkdocs, mk_mb = _run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    # The retired baseline, still reported: MkDocs on the articles alone, as plain pages.
    plain = project / "plain"
    plain.mkdir()
    write_plain(seeds, plain / "docs")
    shutil.copy(project / "mkdocs.yml", plain / "mkdocs.yml")
    (plain / "overrides").symlink_to(ROOT / "overrides")
    plain_s, _ = _run([sys.executable, "-m", "mkdocs", "build", "--strict"], plain)
    shutil.rmtree(plain)
    return {"generator_s": generator, "mkdocs_s": mkdocs, "total_s": generator + mkdocs, "generator_mb": gen_mb,
            "mkdocs_mb": mk_mb, "plain_s": plain_s, **_site_stats(project / "site", count)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except OSError as error:
        return getattr(error, "code", 0)


def _article_to_edit(seeds: Path) -> Path:
    return sorted(seeds.glob("*.txt"))[len(list(seeds.glob("*.txt"))) // 2]


def warm(project: Path, seeds: Path, edits: int) -> dict:
    """Edit-to-browser times while scripts/serve.py serves the corpus, an article and a theme open in Chromium."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = open(project / "serve.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--seeds", str(seeds),
                               "--config", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    result = {}
    try:
        while _fetch(base) != 200:
            if server.poll() is not None:
                raise SystemExit(f"serve.py failed; see {project / 'serve.log'}")
            time.sleep(0.2)
        result["serve_ready_s"] = time.perf_counter() - started
        print(f"  serving after {result['serve_ready_s']:.1f} s", flush=True)
        seed = _article_to_edit(seeds)
        slug = seed.stem
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu",
                                                           "--disable-background-networking"])
            page = browser.new_page()
            result["search_s"] = _search_ready(page, base)
            page.goto(f"{base}articles/{slug}/")
            seed_times, profiles = [], []
            for k in range(edits):
                name = NEW_ANALYSTS[k % len(NEW_ANALYSTS)]
                marker = f"Edit {k + 1} to this article"
                paragraph = (f"“{marker} says the markets fear the sanctions most,” says {name}, senior analyst at "
                             f"Kestrel Research.")
                text = seed.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + paragraph + "\n"
                seed_times.append(_shown_after(page, marker, seed, text))
                print(f"  seed edit {k + 1}: {seed_times[-1]:.2f} s", flush=True)
                profiles.append(_fetch(f"{base}analysts/{name.lower().replace(' ', '-')}/") == 200)
                time.sleep(1)
            page.goto(f"{base}themes/{EDITED_THEME}/")
            themes_file = seeds / "themes.yml"
            theme_times = []
            for k in range(edits):
                marker = f"Reworded description {k + 1}"
                text = themes_file.read_text(encoding="utf-8")
                start = text.index(f"slug: {EDITED_THEME}")
                end = text.index("- slug:", start) if "- slug:" in text[start:] else text.index("catch_all:", start)
                block = text[start:end]
                description = block.index("description: >") + len("description: >")
                new_block = (block[:description] + f"\n      {marker}: the Kremlin's hold on power." +
                             block[description:].replace("terms: [", f"terms: [kleptocracy{k + 1}, ", 1))
                theme_times.append(_shown_after(page, marker, themes_file, text[:start] + new_block + text[end:]))
                print(f"  theme edit {k + 1}: {theme_times[-1]:.2f} s", flush=True)
                time.sleep(1)
            browser.close()
        result.update(seed_s=seed_times, profile_found=all(profiles), theme_s=theme_times,
                      serve_peak_mb=_peak_mb(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    result["rebuilds"] = [line.strip() for line in (project / "serve.log").read_text().splitlines()
                          if line.startswith("Done:")]
    return result


def _shown_after(page, marker: str, file: Path, text: str) -> float:
    """Seconds from saving text to file until the open page shows marker (live reload, no reload by us)."""
    saved = time.perf_counter()
    file.write_text(text, encoding="utf-8")
    page.wait_for_function(f"document.body && document.body.textContent.includes({json.dumps(marker)})",
                           polling=50, timeout=WAIT_MS)
    return time.perf_counter() - saved


def _search_ready(page, base: str) -> float:
    """Seconds from opening the home page to the first results of a search typed at once: the browser fetches
    the search index and builds it (Material's lunr, in a web worker) before it can answer."""
    started = time.perf_counter()
    page.goto(base)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").type("Kremlin", delay=20)
    page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent.match(/[\\d.]+k? matching/)",
                           polling=50, timeout=WAIT_MS)
    return time.perf_counter() - started


def _peak_mb(pid: int) -> int:
    """The peak resident memory of a running process (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


def _spread(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} ({min(times):.2f}–{max(times):.2f})"


def report(rows: list[dict]) -> str:
    lines = ["Cold: a full build from scratch, the generator and `mkdocs build --strict` separately.", "",
             "| corpus | N | generator s | mkdocs s | total s | generator MB | mkdocs MB | pages | mean HTML KB "
             "| max HTML KB (page) | pages > 200 KB | search index MB | index KB / article | plain MkDocs s (×) |",
             "|" + " --- |" * 14]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['n']} | {r['generator_s']:.2f} | {r['mkdocs_s']:.2f} | {r['total_s']:.2f} "
                     f"| {r['generator_mb']} | {r['mkdocs_mb']} | {r['pages']} | {r['mean_kb']:.1f} "
                     f"| {r['max_kb']:.1f} (`{r['largest']}`) | {r['over_200kb']} | {r['index_mb']:.2f} "
                     f"| {r['index_kb_per_article']:.1f} | {r['plain_s']:.2f} ({r['total_s'] / r['plain_s']:.1f}×) |")
    warm_rows = [r for r in rows if "seed_s" in r]
    if warm_rows:
        lines += ["", "Warm: `scripts/serve.py` serving, the page open in Chromium; seconds from saving the file "
                  "to the open page showing the edit, median (least–most) of the edits.", "",
                  "| corpus | N | serve ready s | seed edit s | new analyst's page served | theme edit s | serve peak MB "
                  "| first search results s |",
                  "|" + " --- |" * 8]
        for r in warm_rows:
            lines.append(f"| {r['corpus']} | {r['n']} | {r['serve_ready_s']:.1f} | {_spread(r['seed_s'])} "
                         f"| {'yes' if r['profile_found'] else 'NO'} | {_spread(r['theme_s'])} | {r['serve_peak_mb']} "
                         f"| {r['search_s']:.1f} |")
    by = {(r["corpus"], r["n"]): r for r in rows}
    for corpus in dict.fromkeys(r["corpus"] for r in rows):
        sizes = sorted(n for c, n in by if c == corpus)
        for small, big in zip(sizes, sizes[1:]):
            a, b = by[(corpus, small)], by[(corpus, big)]
            lines.append(f"- {corpus}, {big} vs {small} articles: {b['total_s'] / a['total_s']:.2f}× the cold build "
                         f"(bound: {1.1 * big / small:.0f}×); peak memory {max(b['generator_mb'], b['mkdocs_mb'])} MB")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[], help="sizes of the synthetic corpus")
    parser.add_argument("--real", nargs="*", type=int, default=[], help="sizes of the corpus of seed variants")
    parser.add_argument("--fixtures", nargs="*", type=int, default=[],
                        help="sizes of a corpus of the annotated test articles, copied")
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind while serving (0: cold only)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    rows = []
    runs = [("synthetic", n) for n in args.sizes] + [("seed", n) for n in args.real] + \
           [("fixtures", n) for n in args.fixtures]
    for corpus, count in runs:
        # One corpus at a time, removed after: a 10,000-article tree and its site take gigabytes.
        with tempfile.TemporaryDirectory(prefix="bench-") as work:
            project, seeds = _project(Path(work), corpus, count)
            print(f"{corpus}, {count} articles (load {os.getloadavg()[0]:.1f})", flush=True)
            row = {"corpus": corpus, "n": count, "load": os.getloadavg()[0], **cold(project, seeds, count)}
            print(f"  cold: generator {row['generator_s']:.1f} s, mkdocs {row['mkdocs_s']:.1f} s", flush=True)
            if args.edits:
                shutil.rmtree(project / "site")
                row.update(warm(project, seeds, args.edits))
            rows.append(row)
            print(report([row]), flush=True)
            for line in row.get("rebuilds", [])[1:]:
                print("  serve:", line, flush=True)
    text = report(rows)
    print(text)
    loads = ", ".join(f"{r['load']:.1f}" for r in rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, load average "
                        f"{loads} at the start of each run (`make bench`).\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
