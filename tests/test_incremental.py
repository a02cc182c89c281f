"""The editor's loop: a site kept warm and rebuilt after each edit is byte-identical to a clean build.

`make serve` keeps the generator warm (cached analyses, the site assembled again only where the changed articles
are, pages rendered again only when their inputs changed) and has MkDocs rebuild only the files that changed,
keeping each page's search entries. After each of a series of edits (a quote added with a new analyst, a
paragraph changed, an article added and one removed, a speaker renamed, an analyst's only quote taken out, a
theme's terms and description changed, an article's date moved across the parts of long pages) the site
assembled and the Markdown written must be what a clean build of the same seeds gives, and after all of them
every page, corpus.json and the search index; and the rebuilds must really have been partial.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from briefing.build import Generator
from briefing.serve import EditLoop, SiteBuilder
from site_build import ROOT, build_site

SEED = ROOT / "seeds" / "xi-putin-moscow.txt"
# The pages an editor has open in a browser while editing.
OPEN_PAGES = {"articles/xi-putin-moscow/index.md", "themes/sanctions/index.md"}
# Edits after which the next one comes before the rest of the rebuild is done, as serve.py then leaves it:
# before the generator's second round, or after it, before MkDocs built what it wrote.
CUT_SHORT = {"wording": "before the rest", "added": "before building the rest"}


def _tree(root: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            # The gzip header holds the time of the build; the sitemap inside it must be the same.
            files[path.relative_to(root).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return files


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


NEW_QUOTE = ("“Sanctions will bite harder in the spring than anyone in Moscow admits,” says Petra Lindahl, head of "
             "research at Arcadia Partners.")
EDITS = [
    # A quote with a speaker never seen before: a new analyst, on the article and its themes.
    ("quote", lambda seeds: _append(seeds / "note-0040.txt", NEW_QUOTE)),
    # A paragraph reworded: no page comes or goes.
    ("wording", lambda seeds: _replace(seeds / "xi-putin-moscow.txt", ("diplomatic bonhomie", "diplomatic warmth"))),
    # A paragraph changed: a place named, a theme's term dropped.
    ("paragraph", lambda seeds: _replace(seeds / "xi-putin-moscow.txt", (
        "Armenia and Kazakhstan are particular examples", "Georgia is a particular example"))),
    # An article added, the newest, and an old one removed.
    ("added", lambda seeds: (seeds / "zz-late-note.txt").write_text(
        '---\ntitle: "A late note"\npublished: "2025-01-02"\n---\nDiplomats in Beijing watched the summit.\n\n'
        "“The partnership has limits,” says Anna Brandt, senior analyst at Harrow Capital.\n", encoding="utf-8")),
    ("removed", lambda seeds: (seeds / "note-0003.txt").unlink()),
    # A speaker renamed throughout an article: one analyst gone from the site, another come, the surname
    # alone ("Dalton says") now another person's.
    ("renamed", lambda seeds: _replace(seeds / "xi-putin-moscow.txt", *[("Dalton", "Dalby")] * 4)),
    # The only quote of an analyst taken out again: the analyst and their profile gone.
    ("analyst gone", lambda seeds: _replace(seeds / "note-0040.txt", (NEW_QUOTE, ""))),
    # Themes edited: a term added and the description reworded; a rule narrowed; a title changed.
    ("theme", lambda seeds: _replace(seeds / "themes.yml", ("""terms: ['"sanctions"',""", """terms: [grain, '"sanctions"',"""),
                                     ("Western sanctions on Russia,", "Western sanctions on Russia and its trade,"),
                                     ("within: 12", "within: 3"), ("title: Regime survival", "title: Regime at risk"))),
    # An old article dated newest: it moves from the last part of every long page it is on to the first.
    ("redated", lambda seeds: _replace(seeds / "note-0050.txt", ('published: "2020-03-23"', 'published: "2025-12-30"'))),
]


def _replace(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _seeds(folder: Path) -> Path:
    from bench import write_corpus

    seeds = folder / "seeds"
    write_corpus(seeds, 90)  # long enough for pages in parts
    shutil.copy(SEED, seeds / SEED.name)
    return seeds


def test_after_each_edit_the_site_assembled_again_is_the_one_assembled_from_scratch(tmp_path):
    # The warm generator assembles per article (assemble.reassemble): after every edit, its site and the Markdown
    # it writes must be what a cold build of the same seeds makes, so that a wrong step fails where it happens.
    seeds = _seeds(tmp_path)
    generator = Generator(seeds, tmp_path / "warm")
    assert generator.run().problems == []
    for name, edit in EDITS:
        edit(seeds)
        assert generator.run().problems == [], name
        clean = Generator(seeds, tmp_path / name, warm=False)
        assert clean.run().problems == [], name
        assert generator.site == clean.site, name
        assert _tree(tmp_path / "warm") == _tree(tmp_path / name), name


@pytest.fixture(scope="module")
def warm_and_clean(tmp_path_factory):
    work = tmp_path_factory.mktemp("incremental")
    seeds = _seeds(work)
    project = work / "warm"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "overrides").symlink_to(ROOT / "overrides")
    generator = Generator(seeds, project / "docs")
    site = SiteBuilder(project / "mkdocs.yml", project / "site")
    assert generator.run().problems == []
    site.build()
    total = site.rendered
    counts = {}
    edits = EditLoop(generator, site, lambda: OPEN_PAGES)
    for name, edit in EDITS:
        edit(seeds)
        # As serve.py does it: the open pages and the new ones first, then the other pages, the data files and
        # the sitemap, unless the next edit comes first.
        outcome = edits.first()
        assert outcome.problems == [], outcome.problems
        built, kind, first, rendered = site.rendered, site.kind, outcome.written, generator.rendered
        first_built = built
        newer = iter({"before the rest": [True], "before building the rest": [False, True]}.get(
            CUT_SHORT.get(name), [False, False]))
        data = edits.rest(newer=lambda: next(newer))
        if data is not None:
            assert "data/corpus.json" in data.written
            built += site.rendered
        counts[name] = (generator.rendered if data else rendered,
                        len(outcome.written + (data.written if data else [])), built, kind, first, first_built,
                        edits.unbuilt)
    clean = build_site(seeds, work / "clean")
    return project, clean, total, counts


def test_the_generator_kept_warm_writes_what_a_clean_build_writes(warm_and_clean):
    project, clean, _, _ = warm_and_clean
    assert _tree(project / "docs") == _tree(clean.parent / "docs")


def test_the_site_rebuilt_after_edits_is_the_clean_build_byte_for_byte(warm_and_clean):
    project, clean, _, _ = warm_and_clean
    warm, cold = _tree(project / "site"), _tree(clean)
    assert sorted(warm) == sorted(cold)
    differ = [path for path in cold if warm[path] != cold[path]]
    # Pages, corpus.json, the search index (in the order a full build writes it), the sitemap: all of it.
    assert differ == []
    assert "search/search_index.json" in cold and "data/corpus.json" in cold
    # The analyst renamed has the profile of their new name alone; the analyst whose only quote went has none.
    assert "analysts/david-dalby/index.html" in cold and "analysts/david-dalton/index.html" not in cold
    assert "analysts/petra-lindahl/index.html" not in cold


def test_the_rebuilds_were_partial(warm_and_clean):
    _, _, total, counts = warm_and_clean
    # An edit inside an article renders, writes and builds again only the pages it touches. (An article
    # added or removed moves the cut of every long page it is on, and so touches more.)
    for name in ("quote", "wording", "paragraph"):
        rendered, written, built, *_ = counts[name]
        assert rendered < total / 8 and written < total / 8 and built <= written, (name, counts[name], total)
    # After the first, full build, every build is of the changed files alone, pages come or gone included.
    assert all(kind == "pages" for _, _, _, kind, *_ in counts.values())
    # The open pages that changed, and the pages that came, were built before the others: the new analyst's
    # profile with the edit that made it.
    first = counts["quote"][4]
    assert "analysts/petra-lindahl/index.md" in first and "articles/note-0040/index.md" not in first
    first = counts["wording"][4]
    assert "articles/xi-putin-moscow/index.md" in first and set(first) <= OPEN_PAGES
    # What an edit cut short left unbuilt waits for the next edit's second round, unless it is open or new:
    # the first round after the article added builds no more than the removal itself touches.
    carried = counts["added"][6]
    _, _, built, _, first, first_built, unbuilt = counts["removed"]
    assert len(carried) > 10 and first_built <= len(first) + 1 and built > len(carried) and not unbuilt, \
        (counts["added"], counts["removed"])
