"""The embedded default store: one DuckDB file, one writing process at a time."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from .base import KeyConflict, SqlStore
from .schema import Table

_names = itertools.count()


def _explain(path: str, exc: Exception) -> StoreError:
    msg = str(exc)
    low = msg.lower()
    if "lock" in low:
        return StoreError(
            f"the DuckDB store {path} is in use by another process ({msg.splitlines()[0]}). DuckDB allows one "
            "writing process: wait for it to finish, stop it, or use a PostgreSQL store "
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


class DuckDBStore(SqlStore):
    dialect = "duckdb"

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True, read_only: bool = False) -> None:
        self.path = str(path)
        self.url = "duckdb:///" + self.path
        if not create and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}; run `pantau ingest SOURCE --store {self.url}` first, "
                             "or give --store the URL of an existing store.")
        if create:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only and Path(self.path).exists())
        except duckdb.Error as exc:
            raise _explain(self.path, exc) from None
        try:
            self.ensure_schema(create=create and not read_only, migrate=not read_only)
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        try:
            cur = self.con.execute(sql, list(params))
            if cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except duckdb.ConstraintException as exc:
            raise KeyConflict(str(exc)) from None
        except duckdb.Error as exc:
            raise _explain(self.path, exc) from None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def _stage(self, table: Table, data: pa.Table) -> str:
        name = f"stage_{table.name}_{next(_names)}"
        self.con.register(name, data)
        return name

    def _unstage(self, name: str) -> None:
        self.con.unregister(name)

    def _has_table(self, name: str) -> bool:
        rows = self._run("SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'",
                         (name,))[1]
        return bool(rows)
