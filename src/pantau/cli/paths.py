"""Output paths checked before anything runs: a one-line usage error (exit 2) naming the path and
the fix, never a traceback and never a half-written result."""

from __future__ import annotations

import os
from pathlib import Path

import click


def _parent(p: Path) -> Path:
    return p.parent if str(p.parent) else Path(".")


def output_file(path: str | Path | None, option: str, *, make_folder: bool = False) -> None:
    """``path`` can be created or overwritten as a file (``make_folder``: its folder may be created)."""
    if path is None or str(path) == "-":
        return
    p = Path(path)
    parent = _parent(p)
    if p.is_dir():
        raise click.UsageError(f"{option} {p} is a folder; give a file inside it, e.g. {p / 'out.jsonl'}.")
    if make_folder and not parent.exists():
        output_dir(parent, option)
        return
    if not parent.is_dir():
        raise click.UsageError(f"{option} {p}: the folder {parent} does not exist; create it "
                               f"(mkdir -p {parent}) or choose another path.")
    if not os.access(parent, os.W_OK | os.X_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise click.UsageError(f"{option} {p}: not writable by this user; choose a path you can write to.")


def output_dir(path: str | Path, option: str) -> None:
    """``path`` is a folder that exists and can be written, or one that can be created."""
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise click.UsageError(f"{option} {p} is a file, but a folder is written here; give a folder name "
                               f"(e.g. {p.with_suffix('')}-dir) or remove the file.")
    existing = p
    while not existing.exists():
        existing = _parent(existing)
        if existing == existing.parent and not existing.exists():
            break
    if not existing.is_dir():
        raise click.UsageError(f"{option} {p}: {existing} is a file, so the folder cannot be created; choose "
                               "another path.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise click.UsageError(f"{option} {p}: {existing} is not writable by this user; choose a path you can "
                               "write to.")
