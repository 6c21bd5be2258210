"""The store contract: what a store offers (``Store``) and what a SQL backend supplies (``Connection``).

``Store`` is everything the CLI, the exports, clustering and ``pantau.run`` use; ``open_store``
returns one. ``base.SqlStore`` implements it once, in SQL both databases accept, over a
``Connection``: ``duck.DuckDBConnection`` and ``pg.PostgresConnection`` (looked up by URL scheme in
``pantau.store.BACKENDS``). A new SQL backend is a ``Connection``; a store of another kind
implements ``Store`` itself. Statements use ``?`` placeholders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import pyarrow as pa

from ..errors import StoreError
from ..model import Document
from .schema import Table

SCHEMA_LOCK = 0x70616E01  # advisory lock keys: schema creation and migration, cluster builds, batch writes
CLUSTER_LOCK = 0x70616E02
WRITE_LOCK = 0x70616E03

Rows = tuple[list[str], list[tuple[Any, ...]]]
"""Column names and rows of a statement's result (both empty for a statement without one)."""


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters of ``pantau events``, ``stats`` and ``export`` (all optional; dates are ISO days,
    inclusive). ``modality`` None keeps every modality; ``box`` is (south, west, north, east) in
    degrees (west > east crosses the antimeridian); ``sub_event`` is an ACLED sub-event type;
    ``text`` is looked for (case-insensitively) in the evidence sentence; ``after`` is a keyset
    cursor, the (day, event_id) of the last event of the previous page in this query's order."""

    country: str | None = None
    actor: str | None = None
    event: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    modality: str | None = None
    claimant: str | None = None
    cluster: str | None = None
    doc_id: str | None = None
    min_confidence: float | None = None
    sub_event: str | None = None
    box: tuple[float, float, float, float] | None = None
    newest_first: bool = False
    mode: str | None = None
    text: str | None = None
    after: tuple[str | None, str] | None = None


@dataclass(slots=True)
class WriteCounts:
    documents: int = 0
    events: int = 0
    rejected: int = 0
    batches: int = 0
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    """The span of the written events' days (what a scoped cluster build re-clusters)."""


@dataclass(frozen=True, slots=True)
class RunInfo:
    run_id: str
    sources: tuple[str, ...]
    settings_hash: str
    pantau_version: str
    pack_versions: dict[str, str] = field(default_factory=dict)


class KeyConflict(StoreError):
    """A bulk insert of rows thought new met existing keys (another writer got there first)."""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@runtime_checkable
class Connection(Protocol):
    """One open database connection that speaks the shared SQL (``?`` placeholders).

    Errors come out as ``StoreError`` naming the fix; a key violation as ``KeyConflict``."""

    url: str
    dialect: str
    """``duckdb`` or ``postgresql``: which DDL ``schema.create_statements`` renders."""

    def run(self, sql: str, params: Sequence[Any] = ()) -> Rows: ...

    def stream(self, sql: str, size: int) -> Iterator[Rows]:
        """The result of a query in chunks of at most ``size`` rows, never all rows at once.

        Read apart from the connection's own transaction (committed rows only), so the caller may
        write while it consumes, or stop half-way."""
        ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def stage(self, table: Table, data: pa.Table) -> str:
        """Make ``data`` a relation of this transaction; returns its name."""
        ...

    def unstage(self, name: str) -> None: ...

    def insert(self, table: Table, data: pa.Table) -> None:
        """Bulk-insert rows known to be new (a key violation raises KeyConflict)."""
        ...

    def has_table(self, name: str) -> bool: ...

    def admit(self, doc: Document) -> Document:
        """The document as this backend can store it (PostgreSQL cannot store NUL characters)."""
        ...

    def lock(self, key: int) -> None:
        """Serialise one kind of work between processes until the transaction ends."""
        ...

    def retrying(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` (one batch transaction), again after a key conflict or deadlock."""
        ...

    def sibling(self) -> Connection:
        """Another connection to the same database, for a reader on another thread."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class Store(Protocol):
    """An event store: documents, events and their parts, runs, rollups and clusters."""

    url: str
    dialect: str

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

    def schema_version(self) -> int | None: ...

    # writes
    def write_documents(self, docs: Iterable[Document], *, run_id: str | None = None, batch_size: int = 500,
                        progress: Callable[[WriteCounts], None] | None = None) -> WriteCounts: ...

    def begin_run(self, info: RunInfo) -> None: ...

    def write_run(self, info: RunInfo, *, status: str, counts: WriteCounts, seconds: float,
                  finished: str | None) -> None: ...

    def upsert(self, table: Table, data: pa.Table, *, replace_docs: str | None = None,
               fresh: bool = False) -> None: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement that returns no rows."""
        ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def lock(self, key: int) -> None: ...

    def staged(self, table: Table, data: pa.Table) -> AbstractContextManager[str]:
        """``data`` as a relation (its name) for the statements of the ``with`` block."""
        ...

    # reads
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    def count(self, table: str) -> int: ...

    def counts(self) -> dict[str, int]: ...

    def events(self, q: EventQuery, columns: Sequence[str] = ...) -> list[dict[str, Any]]: ...

    def daily_counts(self, q: EventQuery) -> list[dict[str, Any]]: ...

    def event_counts(self, q: EventQuery, *, period: str = "day", clusters: bool = False) -> list[dict[str, Any]]: ...

    def find_copy(self, doc: Document) -> tuple[str, float] | None: ...

    def events_in_box(self, south: float, west: float, north: float, east: float, q: EventQuery | None = None,
                      columns: Sequence[str] = ...) -> list[dict[str, Any]]: ...

    def event_detail(self, event_id: str) -> dict[str, Any] | None: ...

    def ceasefires(self, *, country: str | None = None, status: str | None = None,
                   as_of: dt.date | None = None) -> list[dict[str, Any]]: ...

    def generation(self) -> str: ...

    def iter_table(self, name: str, *, order: bool = True, batch: int = 50_000) -> Iterator[pa.RecordBatch]: ...

    def table(self, name: str) -> pa.Table: ...
