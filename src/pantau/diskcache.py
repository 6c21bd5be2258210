"""Compiled data kept between processes: ``$XDG_CACHE_HOME/pantau`` (``~/.cache/pantau``).

Building the packs' indexes and the city table takes seconds; loading them back takes a fraction
of that. Each entry is one pickle file named by what it holds and a key that changes whenever its
inputs change (file contents, pantau's version, the Python version), so a stale entry is never
read: it is simply not found, and a new one is written beside it. Writes go to a temporary file
renamed into place, so processes starting together never read a half-written entry; a cache that
cannot be written (a read-only home) only means building every time. ``PANTAU_CACHE=0`` turns
the cache off; ``PANTAU_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .version import __version__

STALE_SECONDS = 24 * 3600


def enabled() -> bool:
    return os.environ.get("PANTAU_CACHE", "1").strip().lower() not in ("0", "no", "off", "false")


def root() -> Path:
    where = os.environ.get("PANTAU_CACHE_DIR")
    if where:
        return Path(where)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pantau"


def key_of(files: Iterable[Path], *extra: str) -> str:
    """A short hash of the files' contents (in the order given) and ``extra``, with pantau's and
    Python's versions: an entry compiled from other inputs or by other code has another key."""
    h = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}|{'|'.join(extra)}".encode())
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


def stat_key(files: Iterable[Path], *extra: str) -> str:
    """Like ``key_of`` from each file's name, size and modification time instead of its bytes: a
    stat per file, for inputs that are many files (the packs and the code that compiles them). An
    edit changes the time; a checkout that only touches times costs one rebuild."""
    h = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}|{'|'.join(extra)}".encode())
    for path in files:
        st = path.stat()
        h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def path_of(name: str, key: str) -> Path:
    return root() / f"{name}-{key}.pickle"


def load(name: str, key: str) -> Any | None:
    """The entry, or None when it is absent, damaged or the cache is off."""
    if not enabled():
        return None
    path = path_of(name, key)
    if not path.is_file():
        return None
    was = gc.isenabled()
    gc.disable()  # many small objects: the collector would run over them again and again
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)  # noqa: S301 - our own cache file, named by a content hash
    except Exception:  # noqa: BLE001 - a damaged or incompatible entry is rebuilt, never fatal
        return None
    finally:
        if was:
            gc.enable()
    # What was loaded lives as long as the process; left in the youngest generation, its hundreds
    # of thousands of objects would all be walked by the next collections, a pause of tens of
    # milliseconds at the first sentence. Frozen, the collector never walks them again.
    gc.freeze()
    return value


def save(name: str, key: str, value: Any) -> None:
    """Write an entry atomically; best effort."""
    if not enabled():
        return
    path = path_of(name, key)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    # entries of inputs that have changed since, unused for a day (another checkout sharing the
    # folder keeps its own entries meanwhile)
    stale = time.time() - STALE_SECONDS
    for old in path.parent.glob(f"{name}-*.pickle"):
        with contextlib.suppress(OSError):
            if old != path and len(old.stem) == len(path.stem) and old.stat().st_atime < stale \
                    and old.stat().st_mtime < stale:
                old.unlink()
