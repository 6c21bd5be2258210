"""Ingestion: every input format in, clean documents out, nothing lost.

    >>> from pantau.settings import Options
    >>> docs = iter_documents(["examples/articles.jsonl"], Options())   # doctest: +SKIP

``iter_documents`` expands the sources (paths, directories, globs, ``-`` for stdin; ``.gz``
decompressed transparently), picks a reader per source from the registry
(``registry.choose_reader``: ``fmt`` overrides, else extension, else content), streams the
documents each reader yields and, unless ``options.keep_duplicates``, turns exact and near
duplicates into ``duplicate`` rejections (``duplicates.py``). Every failure is a document with
``rejected`` set and a detail that starts with its locator; a reader that breaks on bad input
ends as one ``parse_error`` rejection for the rest of that source, and the run goes on.
Events stay empty: extraction is ``pantau.extract``'s job.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..model import Document
from ..settings import Options
from .documents import make_document, reject
from .ids import canonical_url, document_id
from .registry import AUTO, Reader, choose_reader, formats, get_reader, register
from .sources import Source, expand_sources

if TYPE_CHECKING:
    from .duplicates import Known

__all__ = ["AUTO", "Reader", "Source", "canonical_url", "choose_reader", "document_id", "expand_sources",
           "formats", "get_reader", "iter_documents", "iter_source", "make_document", "register", "reject"]


def iter_source(source: Source, options: Options, fmt: str = AUTO) -> Iterator[Document]:
    """The documents of one source; an unexpected reader failure becomes a rejection, not a traceback."""
    reader = choose_reader(source, fmt)
    count = 0
    try:
        for doc in reader.load()(source, options):
            count += 1
            yield doc
    except Exception as exc:  # noqa: BLE001 - bad input must never end a batch
        yield reject("parse_error", f"{reader.name} reader stopped after {count} document(s): "
                     f"{type(exc).__name__}: {exc}", locator=source.name)


def iter_documents(sources: Sequence[str], options: Options, fmt: str = AUTO,
                   known: Known | None = None) -> Iterator[Document]:
    """Stream the documents of every source (see the module docstring); ``known`` also checks each
    document against those a store already holds (``Store.find_copy``)."""
    if fmt != AUTO:
        get_reader(fmt)  # fail fast on an unknown format, before reading anything
    resolved = expand_sources(sources, follow_symlinks=options.follow_symlinks)
    docs: Iterator[Document] = (doc for src in resolved for doc in iter_source(src, options, fmt))
    if options.fetch_links:
        from .fetch import fetch_link_only

        docs = fetch_link_only(docs, options)
    if options.keep_duplicates:
        yield from docs
        return
    from .duplicates import Deduplicator

    dedup = Deduplicator(known=known)
    for doc in docs:
        yield dedup.check(doc)
