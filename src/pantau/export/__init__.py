"""Exports of a store: PLOVER JSON Lines, a GDELT-style CAMEO table, ACLED-style CSV, Parquet.

    >>> from pantau.export import export
    >>> export(store, "acled", sys.stdout, clusters=True)     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from ..errors import StoreError
from ..store.protocol import EventQuery, Store
from .formats import FORMATS, TEXT_FORMATS, write_parquet
from .records import ExportRecord, iter_records

__all__ = ["FORMATS", "ExportRecord", "export", "iter_records"]


def export(store: Store, fmt: str, out: TextIO | Path, *, clusters: bool = False,
           query: EventQuery | None = None, progress: Callable[[int], None] | None = None) -> int:
    """Write ``store`` in ``fmt``; returns the number of records (rows of every table for parquet).
    ``progress`` is called with the number of records read so far, as they stream."""
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise StoreError("parquet export writes one file per table: give --output DIRECTORY.")
        return sum(write_parquet(store, out).values())
    if fmt not in TEXT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    records = iter_records(store, clusters=clusters, query=query)
    if progress is not None:
        def counted(rs: Iterator[ExportRecord]) -> Iterator[ExportRecord]:
            for n, r in enumerate(rs, 1):
                progress(n)
                yield r

        records = counted(records)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return TEXT_FORMATS[fmt](records, handle)
    return TEXT_FORMATS[fmt](records, out)
