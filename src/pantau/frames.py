"""Stored events and clusters as typed tables for analysis (``pantau.read_events``, ``read_clusters``).

    >>> events = pantau.read_events("duckdb:///pantau.duckdb", country="IDN", since="2025-01-01")  # doctest: +SKIP
    >>> df = events.to_pandas()                                                                     # doctest: +SKIP

Each returns a ``pyarrow.Table`` whose columns carry the store's types (``day`` a date, ``lat`` a
float, codes as text), or a pandas DataFrame with ``pandas=True``. Filters are those of
``pantau events`` (``EventQuery``'s fields); like the command, only asserted events unless
``modality`` says otherwise (``modality=None``: every modality). ``docs/analysis.md`` walks
through an analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .store import EventQuery, Store

DEFAULT_COLUMNS = ("event_id", "doc_id", "day", "date", "date_precision", "event", "mode", "acled_event_type",
                   "acled_sub_event_type", "actor_codes", "recipient_codes", "actor_names", "recipient_names",
                   "country", "admin1", "place", "lat", "lon", "claimant_code", "modality", "dead", "cluster",
                   "confidence", "url", "title", "sentence")
_EXTRA_TYPES = {"dead": "int64", "lat": "float64", "lon": "float64", "confidence": "float64"}


def _open(store: str | Store | None) -> tuple[Store, bool]:
    if store is None or isinstance(store, str):
        from .store import open_store

        return open_store(store, create=False, read_only=True), True
    return store, False


def _query(filters: dict[str, Any]) -> EventQuery:
    fields = set(EventQuery.__dataclass_fields__)
    unknown = sorted(set(filters) - fields)
    if unknown:
        raise TypeError(f"unknown filter(s) {', '.join(unknown)}; filters are {', '.join(sorted(fields))}")
    filters.setdefault("modality", "asserted")
    return EventQuery(**filters)


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> Any:
    import pyarrow as pa

    from .store.schema import TABLES

    known = {f.name: f.type for f in TABLES["events"].arrow_schema()} | {
        f.name: f.type for f in TABLES["clusters"].arrow_schema()}
    schema = pa.schema([(c, known.get(c) or pa.type_for_alias(_EXTRA_TYPES.get(c, "string"))) for c in columns])
    return pa.Table.from_pylist(rows, schema=schema)


def read_events(store: str | Store | None = None, *, columns: Sequence[str] = DEFAULT_COLUMNS,
                pandas: bool = False, **filters: Any) -> Any:
    """Matching events (newest first with ``newest_first=True``, else oldest first) as a typed table."""
    st, owned = _open(store)
    try:
        rows = st.events(_query(filters), tuple(columns))
    finally:
        if owned:
            st.close()
    table = _table(rows, columns)
    return table.to_pandas(date_as_object=False) if pandas else table


def read_clusters(store: str | Store | None = None, *, pandas: bool = False, **filters: Any) -> Any:
    """Clusters holding at least one matching event, with their first and last day, size and the
    reconciled dead (``cluster_counts``)."""
    from .store.clusters import list_clusters

    st, owned = _open(store)
    try:
        rows = list_clusters(st, None, _query(filters))
        dead = {r["cluster_id"]: r["value"] for r in st.query(
            "SELECT cluster_id, value FROM cluster_counts WHERE key = 'dead'")}
    finally:
        if owned:
            st.close()
    for r in rows:
        r["dead"] = dead.get(r["cluster_id"])
    columns = ["cluster_id", "event", "n_events", "n_documents", "day_first", "day_last", "country", "actor_codes",
               "dead"]
    table = _table([{c: r.get(c) for c in columns} for r in rows], columns)
    return table.to_pandas(date_as_object=False) if pandas else table
