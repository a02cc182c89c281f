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


def write_tree(root: Path, files: list[tuple[str, str]] | dict[str, str],
               previous: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """Make root hold exactly files; returns (paths written, paths removed), relative to root.

    previous: what this writer last wrote into root ({path: text}), from a build kept warm between runs. A
    file whose text is the one written last time is not read back to compare, and only the files written
    last time are candidates for removal; without it every file in root is compared, and any other removed.
    """
    items = list(files.items()) if isinstance(files, dict) else list(files)
    seen: set[str] = set()
    for path, _ in items:
        if path in seen:
            raise WriteError(f"two pages want the same path: {path}")
        seen.add(path)
    # Every path is checked before anything is written (those written last time were checked then).
    targets = {path: safe_path(root, path) for path, _ in items if previous is None or path not in previous}
    changed = {}
    for path, content in items:
        if previous is not None and previous.get(path) is content:
            continue  # the very text written last time (a page that was not rendered again)
        target = targets.get(path) or root / path
        data = content.encode("utf-8")
        if not (target.is_file() and target.read_bytes() == data):
            changed[path] = data
            targets[path] = target
    staging = root.parent / f".{root.name}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for path, data in changed.items():
            staged = staging / path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
        for path in sorted(changed):
            targets[path].parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / path, targets[path])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    removed = []
    if previous is not None:
        for path in sorted(set(previous) - seen):
            target = safe_path(root, path)
            if target.is_file():
                target.unlink()
                removed.append(path)
            for folder in target.parents:  # the folders it leaves empty
                if folder == root or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()
    elif root.exists():
        for existing in sorted(root.rglob("*"), reverse=True):
            if existing.is_file() and existing.relative_to(root).as_posix() not in seen:
                existing.unlink()
                removed.append(existing.relative_to(root).as_posix())
            elif existing.is_dir() and not any(existing.iterdir()):
                existing.rmdir()
    return sorted(changed), sorted(removed)
