"""The only code that writes: syncs docs/ to exactly the rendered files.

The whole tree is first written to a staging folder beside docs/; only when that succeeded are the
changed files renamed into docs/ (a rename is atomic) and the files the build no longer produces removed.
A file whose content is unchanged is not touched, so its modification time stays put and `mkdocs serve`
reloads only what changed. docs/ itself is never replaced, so a server watching it keeps watching.
"""

from __future__ import annotations

import os
import shutil
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
    changed = {t: data for t, data in targets.items() if not (t.is_file() and t.read_bytes() == data)}
    staging = root.parent / f".{root.name}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for target, data in changed.items():
            staged = staging / target.relative_to(root)
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
        for target in sorted(changed):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / target.relative_to(root), target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    removed = 0
    if root.exists():
        for existing in sorted(root.rglob("*"), reverse=True):
            if existing.is_file() and existing not in targets:
                existing.unlink()
                removed += 1
            elif existing.is_dir() and not any(existing.iterdir()):
                existing.rmdir()
    return len(changed), removed
