"""The multi-user store: PostgreSQL, written with COPY into temporary staging tables and upserts.

Concurrent ingesters are safe: rows are keyed by content hashes, batches of different writers
commit one after the other (an advisory lock taken by each batch transaction; extraction runs in
parallel), rows are written in key order, and a key conflict or deadlock is retried.
"""

from __future__ import annotations

import io
import itertools
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import psycopg.errors
import pyarrow as pa
import pyarrow.csv as pacsv

from ..errors import StoreError
from ..model import Document, Rejection
from .protocol import Connection, KeyConflict, Rows
from .schema import TYPES, Table

_names = itertools.count()
CONNECT_TIMEOUT = 5  # seconds; an unreachable host should fail fast, not hang an ingester


def mask(url: str) -> str:
    """The URL with its password replaced by ***."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _explain(url: str, exc: Exception) -> StoreError:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    low = str(exc).lower()
    where = mask(url)
    if "password authentication failed" in low or "no password supplied" in low:
        return StoreError(f"PostgreSQL at {where} refused the login ({msg}). Check the user and password in the "
                          "URL (postgresql://USER:PASSWORD@HOST/DB), PGPASSWORD or ~/.pgpass.")
    if "does not exist" in low and "database" in low:
        return StoreError(f"PostgreSQL at {where}: {msg}. Create it (createdb NAME) or name an existing database "
                          "in the URL.")
    if any(s in low for s in ("connection refused", "could not connect", "timeout", "timed out",
                              "no route", "name or service not known", "could not translate host")):
        return StoreError(f"cannot reach PostgreSQL at {where} ({msg}). Check that the server is running and the "
                          "host and port in the URL are right, or use the embedded store (--store duckdb:///pantau.duckdb).")
    return StoreError(f"PostgreSQL store {where} failed: {msg}. Check the server log; nothing of the failed "
                      "batch was written.")


class PostgresConnection(Connection):
    """``protocol.Connection`` to one PostgreSQL database (autocommit outside ``transaction``)."""

    dialect = "postgresql"

    def __init__(self, url: str, *, create: bool = True, read_only: bool = False) -> None:
        # the database must exist; creating and checking its tables (create, read_only) is SqlStore's
        self.url = url
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        except psycopg.Error as exc:
            raise _explain(url, exc) from None

    def sibling(self) -> PostgresConnection:
        return PostgresConnection(self.url)

    def close(self) -> None:
        self.con.close()

    def run(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        try:
            cur = self.con.execute(sql.replace("?", "%s"), list(params) if params else None)
            if cur.description is None:
                return [], []
            return [d.name for d in cur.description], cur.fetchall()
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
            raise
        except psycopg.errors.UniqueViolation as exc:
            raise KeyConflict(str(exc)) from None
        except psycopg.Error as exc:
            raise _explain(self.url, exc) from None

    def stream(self, sql: str, size: int) -> Iterator[Rows]:
        # A server-side cursor (the server hands the result over ``size`` rows at a time) on a
        # connection of its own: it reads committed rows, and whatever the caller writes meanwhile
        # commits on its own, even if the stream is abandoned half-way.
        try:
            with psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT) as con, \
                    con.cursor(name=f"stream_{next(_names)}") as cur:
                cur.execute(sql.replace("?", "%s"))
                cols = [d.name for d in cur.description or ()]
                while rows := cur.fetchmany(size):
                    yield cols, rows
        except psycopg.Error as exc:
            raise _explain(self.url, exc) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.con.transaction():
                yield
        except psycopg.OperationalError as exc:
            raise _explain(self.url, exc) from None

    def retrying(self, fn: Callable[[], None]) -> None:
        for attempt in range(8):
            try:
                fn()
                return
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure, KeyConflict):
                if attempt == 7:
                    raise StoreError(f"PostgreSQL store {mask(self.url)}: a batch kept deadlocking with another "
                                     "writer; run the ingest again (it is idempotent).") from None
                time.sleep(0.05 * (attempt + 1))

    def admit(self, doc: Document) -> Document:
        """PostgreSQL text cannot hold NUL: such a document is stored as an ``undecodable`` rejection
        (with its text, NULs shown as U+FFFD) instead of failing the batch. Readers reject binary
        input before this; it guards JSON input that escapes NUL as \\u0000."""
        fields = (doc.text, doc.title, doc.url, doc.source, doc.locator, doc.published, doc.lang)
        if not any(f and "\x00" in f for f in fields) and not any(
                "\x00" in e.trigger_text or any("\x00" in x.text for x in e.actor + e.recipient) for e in doc.events):
            return doc
        clean = {k: (v.replace("\x00", "\ufffd") if isinstance(v, str) else v)
                 for k, v in (("text", doc.text), ("title", doc.title), ("url", doc.url), ("source", doc.source),
                              ("locator", doc.locator), ("published", doc.published), ("lang", doc.lang))}
        return doc.with_(**clean, events=(), rejected=Rejection(
            "undecodable", "text contains NUL characters, which PostgreSQL cannot store", "store"))

    def lock(self, key: int) -> None:
        self.run(f"SELECT pg_advisory_xact_lock({int(key)})")

    def stage(self, table: Table, data: pa.Table) -> str:
        name = f"stage_{table.name}_{next(_names)}"
        cols = ", ".join(f"{c} {TYPES[t][2]}" for c, t in table.columns if c in data.column_names)
        self.run(f"CREATE TEMP TABLE {name} ({cols}) ON COMMIT DROP")
        self._copy(name, data)
        return name

    def insert(self, table: Table, data: pa.Table) -> None:
        self._copy(table.name, data)

    def _copy(self, name: str, data: pa.Table) -> None:
        """COPY an Arrow table into ``name`` as CSV written by Arrow (no Python loop over rows)."""
        if not data.num_rows:
            return
        buf = io.BytesIO()
        pacsv.write_csv(data, buf, pacsv.WriteOptions(include_header=False, quoting_style="needed"))
        cols = ", ".join(data.column_names)
        try:
            with self.con.cursor() as cur, cur.copy(f"COPY {name} ({cols}) FROM STDIN (FORMAT csv)") as copy:
                view = buf.getbuffer()
                step = 1 << 20
                for i in range(0, len(view), step):
                    copy.write(view[i:i + step])
        except psycopg.errors.UniqueViolation as exc:
            raise KeyConflict(str(exc)) from None
        except psycopg.Error as exc:
            raise _explain(self.url, exc) from None

    def unstage(self, name: str) -> None:
        self.run(f"DROP TABLE IF EXISTS {name}")

    def has_table(self, name: str) -> bool:
        rows = self.run("SELECT 1 FROM information_schema.tables WHERE table_name = ? "
                         "AND table_schema = current_schema()", (name,))[1]
        return bool(rows)
