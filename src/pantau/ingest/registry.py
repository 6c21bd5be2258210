"""The one registry of input readers (STYLE rule 6).

A ``Reader`` names a format, the file extensions that announce it, a content sniffer and the
function that reads a ``Source`` into documents (``"module:function"``, imported only when used,
so reading plain text never imports trafilatura). ``choose_reader`` picks a reader for a
source: an explicit format wins; with ``auto`` a known extension decides, then the first
sniffer (in registry order) that recognises the first bytes, then plain text.

Adding a format is one ``register(Reader(...))`` call; the CLI lists ``formats()`` for
``--format``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import IngestError
from ..model import Document
from ..settings import Options
from .sources import Source

ReadFunction = Callable[[Source, Options], Iterator[Document]]
AUTO = "auto"


@dataclass(frozen=True, slots=True)
class Reader:
    name: str
    target: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    help: str

    def load(self) -> ReadFunction:
        module, attr = self.target.split(":")
        fn: ReadFunction = getattr(importlib.import_module(module), attr)
        return fn


def _start(head: bytes, size: int = 2048) -> bytes:
    return head[:size].lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def sniff_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/")


def sniff_feed(head: bytes) -> bool:
    start = _start(head)
    if start.startswith((b"<!doctype html", b"<html")):
        return False
    return any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def sniff_html(head: bytes) -> bool:
    start = _start(head, 4096)
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")) or \
        (start.startswith(b"<") and (b"<body" in start or b"<html" in start))


def sniff_jsonl(head: bytes) -> bool:
    return _start(head, 64).startswith(b"{")


def sniff_text(head: bytes) -> bool:
    return True


_REGISTRY: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    """Add a reader; a name already registered is replaced (tests use this for stubs)."""
    _REGISTRY[reader.name] = reader


def formats() -> list[str]:
    return [AUTO, *_REGISTRY]


def get_reader(name: str) -> Reader:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise IngestError(f"unknown input format {name!r}; use one of: {', '.join(formats())}") from None


def choose_reader(source: Source, fmt: str = AUTO) -> Reader:
    if fmt != AUTO:
        return get_reader(fmt)
    suffixes = source.suffixes
    if suffixes:
        last = suffixes[-1]
        for reader in _REGISTRY.values():
            if last in reader.extensions:
                return reader
    head = source.head()
    for reader in _REGISTRY.values():
        if reader.sniff(head):
            return reader
    return get_reader("text")


for _reader in (
    Reader("warc", "pantau.ingest.warc:read_warc", (".warc", ".arc"), sniff_warc,
           "WARC/WARC.gz web archives, streamed record by record (response records with HTML)"),
    Reader("rss", "pantau.ingest.feeds:read_feed", (".rss", ".atom", ".xml"), sniff_feed,
           "RSS 2.0 / Atom feeds: entries with full content become documents"),
    Reader("html", "pantau.ingest.html:read_html", (".html", ".htm", ".xhtml"), sniff_html,
           "saved HTML pages: article body and metadata via trafilatura, boilerplate removed"),
    Reader("jsonl", "pantau.ingest.plain:read_jsonl", (".jsonl", ".ndjson", ".json"), sniff_jsonl,
           "JSON Lines: id, text, lang?, published?, title?, url?, source? per line"),
    Reader("csv", "pantau.ingest.tables:read_table", (".csv", ".tsv"), lambda head: False,
           "CSV/TSV with a header row: one document per row (--text-column, --id-column, --date-column)"),
    Reader("text", "pantau.ingest.plain:read_text", (".txt", ".text", ".md"), sniff_text,
           "plain text: one document per file"),
):
    register(_reader)
