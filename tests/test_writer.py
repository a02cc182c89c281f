"""The writer: exactly the rendered files, unchanged files untouched, nothing outside the output folder."""

import os

import pytest

from briefing.writer import WriteError, write_tree


def test_unchanged_files_keep_their_time_and_stale_files_go(tmp_path):
    write_tree(tmp_path, {"a.md": "one", "b/c.md": "two", "old.md": "x"})
    os.utime(tmp_path / "a.md", ns=(1, 1))
    written, removed = write_tree(tmp_path, {"a.md": "one", "b/c.md": "changed"})
    assert (written, removed) == (["b/c.md"], ["old.md"])
    assert (tmp_path / "a.md").stat().st_mtime_ns == 1
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")) == ["a.md", "b/c.md"]


def test_a_warm_writer_trusts_what_it_wrote_and_removes_what_it_no_longer_writes(tmp_path):
    first = {"a.md": "one", "b/c.md": "two", "d/e/f.md": "gone soon"}
    write_tree(tmp_path, first)
    # Told what it wrote last time, it does not read back a page whose text is that very text …
    (tmp_path / "a.md").write_text("edited by hand")
    second = {"a.md": first["a.md"], "b/c.md": "two, changed", "g.md": "new"}
    written, removed = write_tree(tmp_path, second, previous=first)
    assert (written, removed) == (["b/c.md", "g.md"], ["d/e/f.md"])
    assert (tmp_path / "a.md").read_text() == "edited by hand"
    # … and leaves no empty folder behind.
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["a.md", "b", "b/c.md", "g.md"]
    # Without it, every file is compared again.
    assert write_tree(tmp_path, second) == (["a.md"], [])


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "a/../../b.md"])
def test_refuses_paths_outside_the_folder(tmp_path, path):
    with pytest.raises(WriteError):
        write_tree(tmp_path / "out", {path: "x"})
    assert not (tmp_path / "escape.md").exists()


def test_refuses_the_same_path_twice(tmp_path):
    with pytest.raises(WriteError, match="two pages want the same path: a.md"):
        write_tree(tmp_path, [("a.md", "one"), ("a.md", "two")])
    assert list(tmp_path.iterdir()) == []
