"""Event stores: DuckDB (embedded, the default) and PostgreSQL, behind one protocol (``Store``).

    >>> from pantau.store import open_store
    >>> with open_store("duckdb:///pantau.duckdb") as store:     # doctest: +SKIP
    ...     store.write_documents(docs)
    ...     store.events(EventQuery(country="ARM"))

URLs: ``duckdb:///relative/path.duckdb``, ``duckdb:////absolute/path.duckdb`` (SQLAlchemy's
convention), a bare file path, or ``postgresql://user:password@host:port/db``. Backends are looked up
in ``BACKENDS`` by URL scheme (one registry, no if-chain in the CLI): each names a
``protocol.Connection``, and ``SqlStore`` runs the shared SQL over it.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import StoreError
from .base import SqlStore
from .protocol import Connection, EventQuery, RunInfo, Store, WriteCounts

__all__ = ["BACKENDS", "DEFAULT_URL", "Connection", "EventQuery", "RunInfo", "SqlStore", "Store", "WriteCounts",
           "open_store", "parse_url"]

DEFAULT_URL = "duckdb:///pantau.duckdb"
BACKENDS: dict[str, str] = {
    "duckdb": "pantau.store.duck:DuckDBConnection",
    "postgresql": "pantau.store.pg:PostgresConnection",
    "postgres": "pantau.store.pg:PostgresConnection",
}


def parse_url(url: str | None) -> tuple[str, str]:
    """``(scheme, target)``: the DuckDB file path, or the PostgreSQL URL itself."""
    url = url or DEFAULT_URL
    if "://" not in url:
        return "duckdb", url
    scheme, rest = url.split("://", 1)
    scheme = scheme.split("+", 1)[0].lower()
    if scheme not in BACKENDS:
        raise StoreError(f"unknown store URL scheme {scheme!r} in {url!r}; use duckdb:///path.duckdb or "
                         "postgresql://user:password@host/db.")
    if scheme == "duckdb":
        path = rest[1:] if rest.startswith("/") else rest
        if not path:
            raise StoreError(f"{url!r} names no file; use duckdb:///pantau.duckdb (relative) or "
                             "duckdb:////abs/path.duckdb.")
        return scheme, path
    return scheme, url


def open_store(url: str | None = None, *, create: bool = True, read_only: bool = False) -> SqlStore:
    """Open (and with ``create``, create or migrate) the store at ``url``.

    Raises StoreError with a message naming the fix when the store is unreachable, locked, damaged
    or of a newer schema version.
    """
    scheme, target = parse_url(url)
    module, name = BACKENDS[scheme].split(":")
    cls: Any = getattr(importlib.import_module(module), name)
    con = cls(target, create=create, read_only=read_only)
    assert isinstance(con, Connection)
    return SqlStore(con, create=create, read_only=read_only)
