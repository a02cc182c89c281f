"""The only code that writes: syncs docs/ to exactly the rendered files.

A file whose content is unchanged is not touched, so its modification time stays put and `mkdocs serve`
reloads only what changed. Each changed file is written to a temporary name and renamed into place, so a
reader never sees half a file. Files the build no longer produces are removed.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


class WriteError(Exception):
    """A path the writer refuses: outside the output folder, or asked for twice."""


def safe_path(root: Path, relative: str) -> Path:
    """root/relative, refusing anything that would land outside root."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise WriteError(f"refusing to write outside {root}: {relative!r}")
    return root.joinpath(*pure.parts)


def write_tree(root: Path, files: list[tuple[str, str]] | dict[str, str]) -> tuple[int, int]:
    """Make root hold exactly files; returns (files written, files removed)."""
    items = list(files.items()) if isinstance(files, dict) else list(files)
    seen: set[str] = set()
    for path, _ in items:
        if path in seen:
            raise WriteError(f"two pages want the same path: {path}")
        seen.add(path)
    targets = {safe_path(root, path): content.encode("utf-8") for path, content in items}
    written = 0
    for target, data in sorted(targets.items()):
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        written += 1
    removed = 0
    if root.exists():
        for existing in sorted(root.rglob("*"), reverse=True):
            if existing.is_file() and existing not in targets:
                existing.unlink()
                removed += 1
            elif existing.is_dir() and not any(existing.iterdir()):
                existing.rmdir()
    return written, removed
