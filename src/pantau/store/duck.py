"""The embedded default store: one DuckDB file, one writing process at a time."""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..model import Document
from .protocol import Connection, KeyConflict, Rows
from .schema import Table

_names = itertools.count()
log = logging.getLogger(__name__)


def _wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("PANTAU_STORE_WAIT", "30")))
    except ValueError:
        return 30.0


def _explain(path: str, exc: Exception) -> StoreError:
    msg = str(exc)
    low = msg.lower()
    if "lock" in low:
        return StoreError(
            f"the DuckDB store {path} is in use by another process ({msg.splitlines()[0]}), still after "
            f"{_wait_seconds():.0f} s (PANTAU_STORE_WAIT). DuckDB allows one process at a time while one writes: "
            "wait for it to finish, stop it, or use a PostgreSQL store "
            "(--store postgresql://...) for concurrent writers and readers.")
    if "not a valid duckdb" in low or "corrupt" in low or "checksum" in low or "magic" in low \
            or "serializ" in low or "version" in low and "storage" in low:
        return StoreError(
            f"{path} is not a readable DuckDB store ({msg.splitlines()[0]}). Move the file aside and run "
            "`pantau ingest` again to rebuild it, or point --store at another file.")
    if "permission" in low or "read-only" in low or "no such file" in low:
        return StoreError(f"cannot open the DuckDB store {path}: {msg.splitlines()[0]}. Check the path and its "
                          "permissions, or point --store at another file.")
    return StoreError(f"DuckDB store {path} failed: {msg.splitlines()[0]}. If the file is damaged, move it aside "
                      "and run `pantau ingest` again.")


class DuckDBConnection(Connection):
    """``protocol.Connection`` to one DuckDB file."""

    dialect = "duckdb"

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True, read_only: bool = False) -> None:
        self.path = str(path)
        self.url = "duckdb:///" + self.path
        if not create and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}; run `pantau ingest SOURCE --store {self.url}` first, "
                             "or give --store the URL of an existing store.")
        if create:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = self._connect(read_only and Path(self.path).exists())

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        """Open the file; while another process holds it (DuckDB's one writer), wait up to
        ``PANTAU_STORE_WAIT`` seconds (default 30), saying so once, then explain."""
        deadline = time.monotonic() + _wait_seconds()
        pause, told = 0.1, False
        while True:
            try:
                return duckdb.connect(self.path, read_only=read_only)
            except duckdb.Error as exc:
                left = deadline - time.monotonic()
                if "lock" not in str(exc).lower() or left <= 0:
                    raise _explain(self.path, exc) from None
                if not told:
                    log.warning("pantau: the store %s is in use by another process; waiting up to %.0f s for it "
                                "(PANTAU_STORE_WAIT sets how long)", self.path, _wait_seconds())
                    told = True
                time.sleep(min(pause, left))
                pause = min(1.0, pause * 2)

    def sibling(self) -> DuckDBConnection:
        # a cursor is a connection of its own to the same database instance (DuckDB allows one
        # process per file, any number of connections within it)
        sib = DuckDBConnection.__new__(DuckDBConnection)
        sib.path, sib.url, sib.con = self.path, self.url, self.con.cursor()
        return sib

    def close(self) -> None:
        self.con.close()

    def run(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        try:
            cur = self.con.execute(sql, list(params))
            if cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except duckdb.ConstraintException as exc:
            raise KeyConflict(str(exc)) from None
        except duckdb.Error as exc:
            raise _explain(self.path, exc) from None

    def stream(self, sql: str, size: int) -> Iterator[Rows]:
        # A cursor of its own (DuckDB fetches a chunk at a time): it reads committed rows, and the
        # statements the caller runs meanwhile neither end the result nor join its transaction.
        cur = self.con.cursor()
        try:
            cur.execute(sql)
            cols = [d[0] for d in cur.description or ()]
            while rows := cur.fetchmany(size):
                yield cols, rows
        except duckdb.Error as exc:
            raise _explain(self.path, exc) from None
        finally:
            cur.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def stage(self, table: Table, data: pa.Table) -> str:
        name = f"stage_{table.name}_{next(_names)}"
        self.con.register(name, data)
        return name

    def unstage(self, name: str) -> None:
        self.con.unregister(name)

    def insert(self, table: Table, data: pa.Table) -> None:
        name = self.stage(table, data)
        try:
            cols = ", ".join(data.column_names)
            self.run(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self.unstage(name)

    def has_table(self, name: str) -> bool:
        rows = self.run("SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'",
                        (name,))[1]
        return bool(rows)

    def admit(self, doc: Document) -> Document:
        return doc

    def lock(self, key: int) -> None:
        """Nothing to do: DuckDB allows one writing process."""

    def retrying(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except KeyConflict:
            fn()
