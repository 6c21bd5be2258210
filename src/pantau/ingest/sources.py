"""Where input comes from: paths, directories, globs and stdin, opened as byte streams.

``expand_sources`` turns the user's arguments into ``Source`` objects in a stable order
(directories are walked recursively and sorted; hidden files are skipped; globs are expanded
with ``**`` support). A path that does not exist is a usage problem, not a document, so it raises
``IngestError`` before anything is read. ``Source.open()`` gives the decompressed bytes (``.gz``
and gzip magic are handled transparently); ``Source.open_raw()`` the bytes as stored (WARC.gz is
gzipped record by record, and warcio wants it raw). ``head()`` returns the first bytes used for
format detection without consuming stdin.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import IngestError

HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
STDIN = "-"


class PrefixedStream(io.RawIOBase):
    """A read-only stream that first replays ``prefix`` and then reads from ``rest``."""

    def __init__(self, prefix: bytes, rest: BinaryIO):
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


@dataclass
class Source:
    """One input: a file path or stdin. ``name`` is what locators and rejections print."""

    name: str
    path: Path | None = None
    _stdin_head: bytes | None = field(default=None, repr=False)
    _stdin: BinaryIO | None = field(default=None, repr=False)

    @property
    def suffixes(self) -> list[str]:
        """Lower-case suffixes without a trailing ``.gz`` (``a.warc.gz`` → ``['.warc']``)."""
        if self.path is None:
            return []
        sfx = [s.lower() for s in self.path.suffixes]
        return sfx[:-1] if sfx and sfx[-1] == ".gz" else sfx

    def _stdin_stream(self) -> BinaryIO:
        if self._stdin is None:
            self._stdin = sys.stdin.buffer
        return self._stdin

    def raw_head(self) -> bytes:
        """The first bytes as stored (for stdin these are buffered and replayed later)."""
        if self.path is None:
            if self._stdin_head is None:
                self._stdin_head = self._stdin_stream().read(HEAD_BYTES)
            return self._stdin_head
        with open(self.path, "rb") as fh:
            return fh.read(HEAD_BYTES)

    def open_raw(self) -> BinaryIO:
        if self.path is None:
            head = self.raw_head()
            return io.BufferedReader(PrefixedStream(head, self._stdin_stream()))
        return open(self.path, "rb")

    @property
    def gzipped(self) -> bool:
        return self.raw_head()[:2] == GZIP_MAGIC

    def open(self) -> BinaryIO:
        """Decompressed bytes; gzip errors surface on read (as OSError/EOFError)."""
        raw = self.open_raw()
        if self.gzipped:
            return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
        return raw

    def head(self) -> bytes:
        """The first decompressed bytes; b"" when a gzip stream is already broken there."""
        if not self.gzipped:
            return self.raw_head()
        try:
            with self.open() as fh:
                return fh.read(HEAD_BYTES)
        except (OSError, EOFError, gzip.BadGzipFile):
            return b""


def _walk(folder: Path, follow_symlinks: bool = False) -> Iterator[Path]:
    """The files of a folder tree, sorted, hidden ones aside. A symbolic link (to a file or a
    folder) that leads outside the tree is skipped unless ``follow_symlinks``: a folder of articles
    must not read ``/etc/passwd`` through a stray link."""
    top = folder.resolve()

    def inside(p: Path) -> bool:
        return follow_symlinks or not p.is_symlink() or p.resolve().is_relative_to(top)

    for root, dirs, files in os.walk(folder, followlinks=follow_symlinks):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and inside(Path(root) / d))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and inside(path):
                yield path


def expand_sources(sources: Sequence[str], *, follow_symlinks: bool = False) -> list[Source]:
    """Resolve arguments to sources; raises ``IngestError`` naming every argument that matches nothing.
    A path named on the command line is read even when it is a link; inside folders, see ``_walk``."""
    out: list[Source] = []
    missing: list[str] = []
    for arg in sources:
        if arg == STDIN:
            out.append(Source("<stdin>"))
            continue
        path = Path(arg)
        if path.is_dir():
            out.extend(Source(str(p), p) for p in _walk(path, follow_symlinks))
        elif path.is_file():
            out.append(Source(str(path), path))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            for m in matches:
                if Path(m).is_dir():
                    files.extend(_walk(Path(m), follow_symlinks))
            if not files:
                missing.append(arg)
            out.extend(Source(str(p), p) for p in files)
        else:
            missing.append(arg)
    if missing:
        raise IngestError("no such file, directory or matching glob: " + ", ".join(repr(m) for m in missing)
                          + ". Check the path, or pass '-' to read standard input.")
    return out
