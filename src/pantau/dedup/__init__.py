"""Deduplication after extraction: cross-article event clustering (``cluster.py``).

Duplicate and near-duplicate *articles* are found while ingesting (``pantau.ingest.duplicates``,
MinHash LSH in ``pantau.ingest.near``); their names are re-exported here for existing callers.
"""

from __future__ import annotations

from ..ingest.duplicates import Deduplicator, drop_duplicates
from ..ingest.near import NearDuplicateIndex

__all__ = ["Deduplicator", "NearDuplicateIndex", "drop_duplicates"]
