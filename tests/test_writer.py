"""The writer: exactly the rendered files, unchanged files untouched, nothing outside the output folder."""

import os

import pytest

from briefing.writer import WriteError, write_tree


def test_unchanged_files_keep_their_time_and_stale_files_go(tmp_path):
    write_tree(tmp_path, {"a.md": "one", "b/c.md": "two", "old.md": "x"})
    os.utime(tmp_path / "a.md", ns=(1, 1))
    written, removed = write_tree(tmp_path, {"a.md": "one", "b/c.md": "changed"})
    assert (written, removed) == (1, 1)
    assert (tmp_path / "a.md").stat().st_mtime_ns == 1
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")) == ["a.md", "b/c.md"]


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "a/../../b.md"])
def test_refuses_paths_outside_the_folder(tmp_path, path):
    with pytest.raises(WriteError):
        write_tree(tmp_path / "out", {path: "x"})
    assert not (tmp_path / "escape.md").exists()


def test_refuses_the_same_path_twice(tmp_path):
    with pytest.raises(WriteError, match="two pages want the same path: a.md"):
        write_tree(tmp_path, [("a.md", "one"), ("a.md", "two")])
    assert list(tmp_path.iterdir()) == []
