"""Helpers for tests that build the real site: generate docs/, build it with an engine (`mkdocs build --strict` by
default), read the HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from briefing.search import environment  # noqa: E402


def generate(seeds: Path, project: Path) -> subprocess.CompletedProcess:
    """Run the generator as a user does, writing project/docs from seeds."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds),
                           "--out", str(project / "docs")], capture_output=True, text=True)


# Each engine as `make site ENGINE=…` runs it, from the environment the Makefile installs it in. Zensical takes
# the output folder only from mkdocs.yml (site_dir: !ENV SITE_DIR), and only inside the project.
ENGINES = {
    "mkdocs": lambda site_dir: ([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir], {}),
    "properdocs": lambda site_dir: ([str(ROOT / ".venv-properdocs" / "bin" / "properdocs"), "build", "--strict",
                                     "--config-file", "mkdocs.yml", "--site-dir", site_dir], {}),
    "zensical": lambda site_dir: ([str(ROOT / ".venv-zensical" / "bin" / "zensical"), "build", "--strict",
                                   "--config-file", "mkdocs.yml"], {"SITE_DIR": site_dir}),
}


def engine_build(project: Path, engine: str, site_dir: str = "site", search: str = "lunr",
                 index: bool = True) -> subprocess.CompletedProcess:
    """One engine's strict build of project/docs with the project's mkdocs.yml, into project/site_dir; with
    search="pagefind", then indexed by Pagefind as `make site SEARCH=pagefind` does (unless index=False)."""
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if not (project / "overrides").exists():
        (project / "overrides").symlink_to(ROOT / "overrides")
    command, env = ENGINES[engine](site_dir)
    built = subprocess.run(command, cwd=project, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment(search), **env})
    if built.returncode != 0 or search == "lunr" or not index:
        return built
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "search.py"), "index", str(project / site_dir),
                           "--engine", search], capture_output=True, text=True)


def mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` with the project's mkdocs.yml, in project/ (which holds docs/), into project/site."""
    return engine_build(project, "mkdocs")


def names_seeds(work: Path) -> Path:
    """A seeds folder of real-length articles: the annotated news, the fixture where Ted Cruz, Heidi Cruz and Teddy
    Goff speak, and the project's seeds."""
    seeds = work / "seeds"
    seeds.mkdir()
    for folder in ("news", "news-holdout", "search-names"):
        for path in (ROOT / "tests" / "fixtures" / folder).glob("*.txt"):
            shutil.copy(path, seeds / path.name)
    for path in (ROOT / "seeds").glob("*"):
        shutil.copy(path, seeds / path.name)
    return seeds


def build_site(seeds: Path, project: Path, engine: str = "mkdocs", search: str = "lunr") -> Path:
    """Generate and build (and index, for search="pagefind"); fail loudly with the tools' own output. Returns
    project/site."""
    project.mkdir(parents=True, exist_ok=True)
    for step in (lambda: generate(seeds, project), lambda: engine_build(project, engine, search=search)):
        result = step()
        assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


class Page(HTMLParser):
    """What a test needs from one built page: ids, links, the text of elements by id, visible text."""

    def __init__(self, path: Path | None = None, html: str | None = None):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.elements: list[tuple[str, dict]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self._chunks: dict[str, list[str]] = {}
        self.text_parts: list[str] = []
        self._skip = 0
        self.feed(html if html is not None else path.read_text(encoding="utf-8"))

    @classmethod
    def from_html(cls, html: str) -> "Page":
        return cls(html=html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag in ("script", "style"):
            self._skip += 1
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        self._open.append((tag, attrs.get("id")))
        if attrs.get("id"):
            self._chunks[attrs["id"]] = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        while self._open:
            open_tag, open_id = self._open.pop()
            if open_id is not None:
                self.text_by_id[open_id] = "".join(self._chunks.pop(open_id)).strip()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._skip:
            return
        self.text_parts.append(data)
        for _, open_id in self._open:
            if open_id is not None:
                self._chunks[open_id].append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())
