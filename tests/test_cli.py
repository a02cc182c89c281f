"""The build as an editor runs it: one line per problem, exit 1, no traceback, docs/ untouched on failure."""

import subprocess
import sys

import pytest

from site_build import ROOT

THEMES = (ROOT / "seeds" / "themes.yml").read_bytes()
ARTICLE = "A headline\n\n“A quote long enough to be speech,” says Ann Lee, an analyst at Foo.\n"


def run(seeds, out):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds),
                           "--out", str(out)], capture_output=True, text=True)


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "themes.yml").write_bytes(THEMES)
    (folder / "good.txt").write_text(ARTICLE)
    return folder


def snapshot(folder):
    return {p.relative_to(folder): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_every_problem_one_line_exit_1_no_traceback_docs_untouched(seeds, tmp_path):
    out = tmp_path / "docs"
    assert run(seeds, out).returncode == 0
    before = snapshot(out)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blank.txt").write_bytes(b" \n\t\n")
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (seeds / "latin.txt").write_bytes(b"caf\x81\x8d")
    (seeds / "keys.txt").write_text("---\ncolour: red\n---\nText.\n")
    (seeds / "themes.yml").write_text(THEMES.decode() + "\n  - {slug: x}\n")
    result = run(seeds, out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "seeds/blank.txt: no text",
        "seeds/empty.txt: no text",
        "seeds/image.txt: binary data, not text",
        "seeds/keys.txt: unknown front matter key 'colour' (allowed: title, source, url, published, author, slug)",
        "seeds/latin.txt: not UTF-8 (byte 3); re-save as UTF-8",
        "seeds/themes.yml: catch_all: 'description' is a required property",
        "seeds/themes.yml: catch_all: 'title' is a required property",
        "seeds/themes.yml: catch_all: unknown key ('x' was unexpected)",
        "Build failed: 8 problems; " + str(out) + " left unchanged.",
    ] or result.stderr
    assert snapshot(out) == before


def test_removing_an_article_or_a_theme_removes_its_pages(seeds, tmp_path):
    out = tmp_path / "docs"
    (seeds / "second.txt").write_text("Second headline\n\nSanctions bite, says nobody.\n")
    assert run(seeds, out).returncode == 0
    assert (out / "articles" / "second" / "index.md").exists() and (out / "themes" / "iran-drones" / "index.md").exists()
    (seeds / "second.txt").unlink()
    (seeds / "themes.yml").write_text(THEMES.decode().replace("slug: iran-drones", "slug: drones"))
    assert run(seeds, out).returncode == 0
    assert not (out / "articles" / "second").exists()
    assert not (out / "themes" / "iran-drones").exists() and (out / "themes" / "drones" / "index.md").exists()


def test_unchanged_pages_are_not_rewritten(seeds, tmp_path):
    out = tmp_path / "docs"
    assert run(seeds, out).returncode == 0
    before = snapshot(out)
    (seeds / "other.txt").write_text("Other headline\n\nNothing here.\n")
    assert run(seeds, out).returncode == 0
    after = snapshot(out)
    good = next(p for p in after if p.parent.name == "good")
    assert after[good] == before[good]


def test_slugs_and_titles_cannot_escape_and_never_collide(seeds, tmp_path):
    out = tmp_path / "site" / "docs"
    (seeds / "a.txt").write_text("---\nslug: ../../escape\ntitle: ../../etc/passwd\n---\nOne.\n")
    (seeds / "b.txt").write_text("---\nslug: ../escape\n---\nTwo.\n")
    (seeds / "c.txt").write_text("---\ntitle: /absolute/path\nslug: Ünïcödé Slug/..\n---\nThree.\n")
    result = run(seeds, out)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (out / "articles").iterdir())
    assert written == ["escape", "escape-2", "good", "index.md", "unicode-slug"]
    assert not any(p.name == "passwd" for p in tmp_path.rglob("*"))


def test_odd_file_names_and_windows_1252(seeds, tmp_path):
    (seeds / "My article (draft) – été.txt").write_bytes("Headline\n\nCaf\u00e9 society.\n".encode("cp1252"))
    result = run(seeds, tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "articles" / "my-article-draft-ete" / "index.md").exists()
    assert result.stderr == ("seeds/My article (draft) – été.txt: warning: not UTF-8, read as Windows-1252 (cp1252); "
                             "re-save as UTF-8 to silence this\n")
