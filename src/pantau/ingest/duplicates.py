"""Duplicate articles: the same text seen twice, and near-duplicates (syndicated copies).

Part of ingestion (``iter_documents`` runs it unless ``options.keep_duplicates``); clustering the
events of different articles is ``pantau.dedup``'s.

``Deduplicator`` remembers every accepted document of a run. A document whose normalised text
(case-folded, whitespace collapsed) hashes like an earlier one is an exact duplicate; one whose
word shingles are close to an earlier document's (``near.NearDuplicateIndex``, MinHash LSH) is a
near-duplicate. Both become a ``duplicate`` rejection whose detail names the original's doc id;
rejected documents pass through untouched and are never indexed. With ``known`` (a store's
``find_copy``), a document is also checked against the documents earlier runs stored, so the same
article ingested again from another file or format is one document.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator

from ..model import Document, Rejection, content_id
from .near import THRESHOLD, NearDuplicateIndex

__all__ = ["Deduplicator", "NearDuplicateIndex", "drop_duplicates"]

_SPACE = re.compile(r"\s+")


def text_fingerprint(text: str) -> bytes:
    return hashlib.blake2b(_SPACE.sub(" ", text).strip().casefold().encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


# What a store answers about a document: the id of a stored copy and the similarity, or None.
Known = Callable[[Document], "tuple[str, float] | None"]


class Deduplicator:
    def __init__(self, threshold: float = THRESHOLD, near: bool = True, known: Known | None = None):
        self._exact: dict[bytes, str] = {}
        self._ids: set[str] = set()
        self._near = NearDuplicateIndex(threshold) if near else None
        self._known = known

    def check(self, doc: Document) -> Document:
        """``doc`` unchanged, or a copy rejected as ``duplicate`` naming the original."""
        if doc.rejected is not None:
            return doc
        where = doc.locator or doc.url or doc.doc_id
        fp = text_fingerprint(doc.text)
        original = self._exact.get(fp)
        if original is not None:
            return self._reject(doc, original, f"{where}: same text as document {original}", 1.0)
        if doc.doc_id in self._ids:
            return self._reject(doc, doc.doc_id, f"{where}: same id as an earlier document", 1.0)
        self._exact[fp] = doc.doc_id
        self._ids.add(doc.doc_id)
        if self._near is not None:
            match = self._near.check_and_add(doc.doc_id, doc.text)
            if match is not None:
                return self._reject(doc, match.original, f"{where}: near-duplicate of document "
                                    f"{match.original} (estimated Jaccard {match.similarity:.2f} >= "
                                    f"{self._near.threshold})", match.similarity)
        if self._known is not None:
            stored = self._known(doc)
            if stored is not None:
                original, similarity = stored
                kind = "same text as" if similarity >= 1.0 else f"near-duplicate (estimated Jaccard {similarity:.2f}) of"
                return self._reject(doc, original, f"{where}: {kind} document {original}, stored by an earlier run",
                                    similarity)
        return doc

    @staticmethod
    def _reject(doc: Document, original: str, detail: str, similarity: float) -> Document:
        meta = {**doc.meta, "duplicate_of": original, "similarity": round(similarity, 3)}
        changes: dict[str, object] = {}
        if doc.doc_id == original:
            # The same document seen again (same id): the rejection gets an id of its own, so a
            # store that upserts by id never replaces the original with it.
            changes["doc_id"] = content_id(doc.locator, doc.text)
            meta["own_id"] = doc.doc_id
        return doc.with_(rejected=Rejection("duplicate", detail, "dedup"), meta=meta, **changes)


def drop_duplicates(docs: Iterable[Document], *, threshold: float = THRESHOLD) -> Iterator[Document]:
    """Stream ``docs``, turning exact and near duplicates into ``duplicate`` rejections."""
    dedup = Deduplicator(threshold)
    for doc in docs:
        yield dedup.check(doc)


def drop_stored_copies(docs: Iterable[Document], known: Known) -> Iterator[Document]:
    """Documents already extracted elsewhere (``--engine dask``), with those that copy a document an
    earlier run stored turned into ``duplicate`` rejections (their events dropped)."""
    for doc in docs:
        if doc.rejected is not None:
            yield doc
            continue
        stored = known(doc)
        if stored is None:
            yield doc
            continue
        original, similarity = stored
        where = doc.locator or doc.url or doc.doc_id
        yield Deduplicator._reject(doc, original, f"{where}: copy (estimated Jaccard {similarity:.2f}) of document "
                                   f"{original}, stored by an earlier run", similarity).with_(events=())
