"""The store over any SQL backend: schema set-up and migrations, batched upserts, runs and queries.

``SqlStore`` implements ``protocol.Store`` once for every ``protocol.Connection`` (DuckDB,
PostgreSQL): the backend supplies a connection, a transaction, a way to stage an Arrow table as a
relation and error translation; every statement here is plain SQL both databases accept, written
with ``?`` placeholders. Opening a store checks (and with ``create`` creates or migrates) its
schema, whatever the backend.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pyarrow as pa

from ..errors import StoreError
from ..model import Document
from . import rollup
from .protocol import (
    SCHEMA_LOCK,
    WRITE_LOCK,
    Connection,
    EventQuery,
    KeyConflict,
    RunInfo,
    Store,
    WriteCounts,
    now,
)
from .rows import Batch
from .schema import DOCUMENT_TABLES, MIGRATIONS, SCHEMA_VERSION, TABLES, Table, create_statements

# EventQuery, KeyConflict, RunInfo, WriteCounts and now are defined in protocol.py and re-exported here
__all__ = ["EVENT_COLUMNS", "EventQuery", "KeyConflict", "RunInfo", "SqlStore", "WriteCounts", "now"]

DOC_IDS = Table("doc_ids", (("doc_id", "text"),), ("doc_id",))

EVENT_COLUMNS = ("event_id", "doc_id", "day", "date", "date_precision", "event", "mode", "actor_codes",
                 "recipient_codes", "country", "admin1", "lat", "lon", "claimant_code", "modality",
                 "cameo", "trigger_text", "confidence")


class SqlStore(Store):
    """``protocol.Store`` over a ``protocol.Connection``."""

    def __init__(self, con: Connection, *, create: bool = True, read_only: bool = False) -> None:
        self.con = con
        self.url = con.url
        self.dialect = con.dialect
        try:
            self.ensure_schema(create=create and not read_only, migrate=not read_only)
        except BaseException:
            con.close()
            raise

    def sibling(self) -> SqlStore:
        """Another store object over a new connection to the same database (one per reader thread)."""
        return SqlStore(self.con.sibling(), create=False, read_only=True)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- statements for the store's own modules (rollup, clusters) ---------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.run(sql, params)

    def transaction(self) -> AbstractContextManager[None]:
        return self.con.transaction()

    def lock(self, key: int) -> None:
        self.con.lock(key)

    @contextmanager
    def staged(self, table: Table, data: pa.Table) -> Iterator[str]:
        name = self.con.stage(table, data)
        try:
            yield name
        finally:
            self.con.unstage(name)

    # --- schema ----------------------------------------------------------------------------------
    def schema_version(self) -> int | None:
        if not self.con.has_table("schema_info"):
            return None
        rows = self.con.run("SELECT value FROM schema_info WHERE key = 'version'")[1]
        return int(rows[0][0]) if rows else None

    def ensure_schema(self, *, create: bool = True, migrate: bool = True) -> None:
        """Create the schema (``create``) or migrate an older one (``migrate``; not when reading)."""
        version = self.schema_version()
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"the store at {self.url} has schema version {version}, newer than this pantau's "
                f"{SCHEMA_VERSION}; upgrade pantau (pip install -U pantau) to use it, or point --store at "
                "another store.")
        if version == SCHEMA_VERSION:
            return
        if version is None and not create:
            raise StoreError(f"{self.url} holds no pantau store yet; run `pantau ingest SOURCE --store "
                             f"{self.url}` first.")
        if version is not None and not migrate:
            raise StoreError(f"the store at {self.url} has schema version {version}, older than this pantau's "
                             f"{SCHEMA_VERSION}; migrate it by running one writing command on it, e.g. "
                             f"`pantau clusters build --store {self.url}`.")
        with self.transaction():
            self.lock(SCHEMA_LOCK)
            version = self.schema_version()
            if version is None:
                for stmt in create_statements(self.dialect):
                    self.execute(stmt)
                self.execute("INSERT INTO schema_info (key, value) VALUES ('version', ?)", (str(SCHEMA_VERSION),))
                self.execute("INSERT INTO schema_info (key, value) VALUES ('created', ?)", (now(),))
                return
            while version < SCHEMA_VERSION:
                for step in MIGRATIONS[version]:
                    dialect, stmt = step if isinstance(step, tuple) else (self.dialect, step)
                    if dialect == self.dialect:
                        self.execute(stmt)
                if version in MIGRATION_STEPS:
                    MIGRATION_STEPS[version](self)
                version += 1
            self.execute("UPDATE schema_info SET value = ? WHERE key = 'version'", (str(version),))

    # --- writes ----------------------------------------------------------------------------------
    def upsert(self, table: Table, data: pa.Table, *, replace_docs: str | None = None,
               fresh: bool = False) -> None:
        """Insert or update ``data`` by key.

        With ``replace_docs`` (a staged relation of doc ids), first delete this table's rows of those
        documents whose key is not in ``data``. With ``fresh`` the caller found none of the batch's
        documents in the store, so the rows are bulk-inserted without conflict handling; should a
        concurrent writer have inserted them meanwhile, the key violation makes ``write_batch``
        retry the batch as an upsert."""
        if data.num_rows == 0 and replace_docs is None:
            return
        if fresh:
            if data.num_rows:
                self.con.insert(table, data)
            return
        with self.staged(table, data) as staged:
            if replace_docs is not None and table.doc_key:
                match = " AND ".join(f"s.{k} = t.{k}" for k in table.key)
                self.execute(f"DELETE FROM {table.name} t WHERE t.{table.doc_key} IN (SELECT doc_id FROM {replace_docs})"
                             f" AND NOT EXISTS (SELECT 1 FROM {staged} s WHERE {match})")
            if data.num_rows:
                cols = ", ".join(table.names)
                sets = ", ".join(f"{c} = excluded.{c}" for c in table.names if c not in table.key)
                action = f"DO UPDATE SET {sets}" if sets else "DO NOTHING"
                self.execute(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {staged} "
                             f"ON CONFLICT ({', '.join(table.key)}) {action}")

    def write_batch(self, batch: Batch) -> None:
        """All rows of a batch of documents in one transaction (a killed run leaves none of it).

        Only documents already in the store can have stale rows (events a new extraction no longer
        finds); the batch looks them up by primary key and deletes only their stale rows. A batch
        of documents the store has never seen is bulk-inserted."""
        tables = batch.tables()
        allow_fresh = [True]

        def attempt() -> None:
            try:
                with self.transaction():
                    self._write_tables(tables, allow_fresh[0])
            except KeyConflict:
                allow_fresh[0] = False
                raise

        self.con.retrying(attempt)

    def _write_tables(self, tables: dict[str, pa.Table], allow_fresh: bool) -> None:
        # Batches of concurrent writers commit one after the other (extraction still runs in
        # parallel): what is stored, what is stale and the rollup counts are then read and
        # changed by one writer at a time. Readers never wait for it.
        self.lock(WRITE_LOCK)
        with self.staged(DOC_IDS, tables["documents"].select(["doc_id"])) as docs:
            old = [r[0] for r in self.con.run(f"SELECT d.doc_id FROM documents d JOIN {docs} s ON s.doc_id = d.doc_id")[1]]
        if not old:
            for table in DOCUMENT_TABLES:
                self.upsert(table, tables[table.name], fresh=allow_fresh)
            rollup.add_events(self, tables["events"], prune=False)
            return
        with self.staged(DOC_IDS, pa.table({"doc_id": pa.array(sorted(old), pa.string())})) as replace:
            rollup.subtract_replaced(self, replace)
            for table in DOCUMENT_TABLES:
                self.upsert(table, tables[table.name], replace_docs=replace)
            rollup.add_events(self, tables["events"], prune=True)

    def write_documents(self, docs: Iterable[Document], *, run_id: str | None = None, batch_size: int = 500,
                        progress: Callable[[WriteCounts], None] | None = None) -> WriteCounts:
        counts = WriteCounts()
        batch = Batch(run_id)
        for doc in docs:
            batch.add(self.con.admit(doc))
            if len(batch) >= batch_size:
                self._flush(batch, counts, progress)
                batch = Batch(run_id)
        if len(batch):
            self._flush(batch, counts, progress)
        return counts

    def _flush(self, batch: Batch, counts: WriteCounts, progress: Callable[[WriteCounts], None] | None) -> None:
        self.write_batch(batch)
        counts.documents += len(batch)
        counts.events += batch.n_events
        counts.rejected += batch.n_rejected
        counts.batches += 1
        if batch.days:
            lo, hi = min(batch.days), max(batch.days)
            counts.first_day = lo if counts.first_day is None else min(lo, counts.first_day)
            counts.last_day = hi if counts.last_day is None else max(hi, counts.last_day)
        if progress is not None:
            progress(counts)

    def begin_run(self, info: RunInfo) -> None:
        self.write_run(info, status="running", counts=WriteCounts(), seconds=0.0, finished=None)

    def write_run(self, info: RunInfo, *, status: str, counts: WriteCounts, seconds: float,
                  finished: str | None) -> None:
        row = {"run_id": [info.run_id], "started": [now()], "finished": [finished], "status": [status],
               "pantau_version": [info.pantau_version],
               "pack_versions": [json.dumps(info.pack_versions, sort_keys=True)],
               "settings_hash": [info.settings_hash], "sources": [json.dumps(list(info.sources))],
               "n_documents": [counts.documents], "n_events": [counts.events], "n_rejected": [counts.rejected],
               "seconds": [round(seconds, 3)]}
        table = TABLES["runs"]
        data = pa.Table.from_pydict(row, schema=table.arrow_schema())
        if finished is not None:  # keep the start time of the running record
            data = data.drop_columns(["started"])
            table = Table("runs", tuple(c for c in table.columns if c[0] != "started"), table.key)
        with self.transaction():
            self.upsert(table, data)

    # --- reads -----------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cols, rows = self.con.run(sql, params)
        return [dict(zip(cols, r)) for r in rows]  # noqa: B905 - equal lengths by construction; strict is slower

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"no table {table!r}; tables are {', '.join(TABLES)}.")
        return int(self.con.run(f"SELECT count(*) FROM {table}")[1][0][0])

    def counts(self) -> dict[str, int]:
        return {name: self.count(name) for name in TABLES if name != "schema_info"}

    def events(self, q: EventQuery, columns: Sequence[str] = EVENT_COLUMNS) -> list[dict[str, Any]]:
        """Events matching ``q``; ``columns`` are event columns or ``EXTRA_COLUMNS`` (names, place,
        sentence, URL, title, cluster). Oldest first, or newest first with ``q.newest_first``.

        With a limit and extra columns, the page is chosen first from the events table alone and
        the extra columns are computed for its rows only (a page of 50 out of 100,000 events)."""
        where, params = event_filters(q)
        order = (" ORDER BY e.day DESC NULLS LAST, e.event_id DESC" if q.newest_first
                 else " ORDER BY e.day NULLS LAST, e.event_id")
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        if q.limit and any(c in EXTRA_COLUMNS for c in columns):
            ids = [r[0] for r in self.con.run(*self._page_ids(q, order))[1]]
            if not ids:
                return []
            rows = self._select((*columns, "event_id"), f" WHERE e.event_id IN ({', '.join('?' * len(ids))})", ids,
                                "", "", key="page_key")
            by_id = {r.pop("page_key"): r for r in rows}
            return [by_id[i] for i in ids]
        return self._select(columns, clause, params, order, f" LIMIT {int(q.limit)}" if q.limit else "")

    def _page_ids(self, q: EventQuery, order: str) -> tuple[str, list[Any]]:
        """The statement choosing one page of event ids. With a country, the events placed there and
        the border events that name it are two branches, each read in index order and limited,
        then merged: an OR of the two would make either backend scan every event."""
        limit = f" LIMIT {int(q.limit or 0)}"
        if not q.country:
            where, params = event_filters(q)
            clause = (" WHERE " + " AND ".join(where)) if where else ""
            return f"SELECT e.event_id FROM events e{clause}{order}{limit}", params
        rest, rest_params = event_filters(dataclasses.replace(q, country=None))
        extra = "".join(f" AND {w}" for w in rest)
        branches = (f"(SELECT e.event_id, e.day FROM events e WHERE e.country = ?{extra}{order}{limit})",
                    f"(SELECT e.event_id, e.day FROM events e WHERE e.event_id IN (SELECT c.event_id FROM "
                    f"event_countries c WHERE c.country = ?){extra}{order}{limit})")  # never the first country
        outer = order.replace("e.day", "u.day").replace("e.event_id", "u.event_id")
        return (f"SELECT u.event_id FROM ({branches[0]} UNION ALL {branches[1]}) u{outer}{limit}",
                [q.country, *rest_params, q.country, *rest_params])

    def _select(self, columns: Sequence[str], clause: str, params: Sequence[Any], order: str, limit: str,
                key: str | None = None) -> list[dict[str, Any]]:
        """``columns`` of the events ``clause`` selects; with ``key``, the last column is named so."""
        names = [*columns[:-1], key] if key else list(columns)
        select = ", ".join(f"{EXTRA_COLUMNS[c]} AS {n}" if c in EXTRA_COLUMNS else f"e.{_column(c)} AS {n}"
                           for c, n in zip(columns, names, strict=True))
        sql = f"SELECT {select} FROM events e"
        if any(c in ("url", "title", "sentence", "source") for c in columns):
            sql += " LEFT JOIN documents d ON d.doc_id = e.doc_id"
        return self.query(sql + clause + order + limit, params)

    def find_copy(self, doc: Document) -> tuple[str, float] | None:
        """A stored document (of another id) that ``doc`` copies: the same normalised text, or a
        near-duplicate by the rule of ``ingest.near`` (candidates from the LSH band keys, then the
        MinHash estimate against each candidate's stored text). Returns (doc_id, similarity)."""
        from ..ingest.duplicates import text_fingerprint
        from ..ingest.near import NearDuplicateIndex, band_keys

        if not doc.text.strip():
            return None
        keys = [text_fingerprint(doc.text).hex(), *band_keys(doc.text)]
        marks = ", ".join("?" * len(keys))
        rows = self.query(f"SELECT doc_id, band FROM doc_keys WHERE key IN ({marks}) AND doc_id <> ?",
                          (*keys, doc.doc_id))
        exact = sorted(r["doc_id"] for r in rows if r["band"] == -1)
        if exact:
            return exact[0], 1.0
        candidates = sorted({r["doc_id"] for r in rows})
        if not candidates:
            return None
        index = NearDuplicateIndex()
        for r in self.query(f"SELECT doc_id, text FROM documents WHERE doc_id IN ({', '.join('?' * len(candidates))})",
                            candidates):
            index.check_and_add(r["doc_id"], r["text"] or "")
        match, _ = index.check(doc.doc_id, doc.text)
        return (match.original, match.similarity) if match is not None else None

    def event_counts(self, q: EventQuery, *, period: str = "day", clusters: bool = False) -> list[dict[str, Any]]:
        """Counts of matching events per period (day, week, month) and type, with their dead summed
        (each event's own figure). ``clusters``: count real-world events (clusters; an event in none
        is its own) instead of reports."""
        if period not in ("day", "week", "month"):
            raise StoreError(f"no period {period!r}; use day, week or month.")
        where, params = event_filters(q)
        where.append("e.day IS NOT NULL")
        bucket = "e.day" if period == "day" else f"CAST(date_trunc('{period}', e.day) AS DATE)"
        unit = "coalesce(m.cluster_id, e.event_id)" if clusters else "e.event_id"
        # one row per counted unit first (a cluster's dead: its largest report), then the periods
        inner = (f"SELECT {bucket} AS p, e.event AS event, {unit} AS unit, max(coalesce(k.value, 0)) AS dead "
                 "FROM events e LEFT JOIN quantities k ON k.event_id = e.event_id AND k.claim_ordinal = -1 "
                 "AND k.key = 'dead' "
                 + ("LEFT JOIN cluster_members m ON m.event_id = e.event_id " if clusters else "")
                 + f"WHERE {' AND '.join(where)} GROUP BY {bucket}, e.event, {unit}")
        return self.query(f"SELECT p AS {period}, event, CAST(count(*) AS BIGINT) AS n, CAST(sum(dead) AS BIGINT) "
                          f"AS dead FROM ({inner}) u GROUP BY p, event ORDER BY p, event", params)

    def daily_counts(self, q: EventQuery) -> list[dict[str, Any]]:
        """Events per day and type (from the ``daily_counts`` rollup; ``country`` is the location's)."""
        where: list[str] = ["n <> 0"]
        params: list[Any] = []
        _filter(where, params, "", country=q.country, event=q.event, since=q.since, until=q.until)
        return self.query(f"SELECT day, event, CAST(sum(n) AS BIGINT) AS n FROM daily_counts WHERE {' AND '.join(where)} "
                          "GROUP BY day, event ORDER BY day, event", params)

    def events_in_box(self, south: float, west: float, north: float, east: float, q: EventQuery | None = None,
                      columns: Sequence[str] = ("event_id", "day", "event", "country", "lat", "lon")
                      ) -> list[dict[str, Any]]:
        """Events located inside a bounding box (degrees; west > east crosses the antimeridian):
        ``events`` with ``EventQuery.box`` set."""
        return self.events(dataclasses.replace(q or EventQuery(), box=(south, west, north, east)), columns)

    def ceasefires(self, *, country: str | None = None, status: str | None = None,
                   as_of: dt.date | None = None) -> list[dict[str, Any]]:
        """Ceasefires read from the stored events (``store/ceasefires.py``)."""
        from .ceasefires import list_ceasefires

        return list_ceasefires(self, country=country, status=status, as_of=as_of)

    def generation(self) -> str:
        """A value that changes whenever the stored data does (a run began or ended, clusters were
        rebuilt): what a cache of query results is keyed on."""
        runs = self.con.run("SELECT count(*), max(started), max(finished) FROM runs")[1][0]
        built = self.con.run("SELECT count(*), max(built) FROM clusters")[1][0]
        return "|".join(str(v) for v in (*runs, *built))

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        """One event with its actors, location, claims, quantities and evidence text."""
        rows = self.query("SELECT e.*, substr(d.text, CAST(e.sentence_start + 1 AS INTEGER), "
                          "CAST(e.sentence_end - e.sentence_start AS INTEGER)) AS sentence_text FROM events e JOIN documents d ON d.doc_id = e.doc_id "
                          "WHERE e.event_id = ?", (event_id,))
        if not rows:
            return None
        out = rows[0]
        out["entities"] = self.query("SELECT role, ordinal, text, code, sector, name, span_start, span_end "
                                     "FROM entities WHERE event_id = ? ORDER BY role, ordinal", (event_id,))
        out["claims"] = self.query("SELECT * FROM claims WHERE event_id = ? ORDER BY ordinal", (event_id,))
        out["quantities"] = self.query("SELECT claim_ordinal, key, value, low, high, approx FROM quantities "
                                       "WHERE event_id = ? ORDER BY claim_ordinal, key", (event_id,))
        loc = self.query("SELECT * FROM locations WHERE event_id = ?", (event_id,))
        out["location"] = loc[0] if loc else None
        return out

    def iter_table(self, name: str, *, order: bool = True, batch: int = 50_000) -> Iterator[pa.RecordBatch]:
        """The rows of one table as Arrow batches of at most ``batch`` rows, fetched a batch at a time."""
        table = TABLES[name]
        sql = f"SELECT {', '.join(table.names)} FROM {name}"
        if order:
            sql += f" ORDER BY {', '.join(table.key)}"
        schema = table.arrow_schema()
        for cols, chunk in self.con.stream(sql, batch):
            yield pa.RecordBatch.from_pydict({c: [r[j] for r in chunk] for j, c in enumerate(cols)}, schema=schema)

    def table(self, name: str) -> pa.Table:
        table = TABLES[name]
        batches = list(self.iter_table(name))
        return pa.Table.from_batches(batches, schema=table.arrow_schema())


# Columns beyond the events table that ``events(columns=...)`` can add.
EXTRA_COLUMNS = {
    "actor_names": "(SELECT string_agg(n.text, '; ') FROM entities n WHERE n.event_id = e.event_id AND n.role = 'actor')",
    "recipient_names": "(SELECT string_agg(n.text, '; ') FROM entities n WHERE n.event_id = e.event_id "
                       "AND n.role = 'recipient')",
    "place": "(SELECT coalesce(l.name, l.text) FROM locations l WHERE l.event_id = e.event_id)",
    "sentence": "substr(d.text, CAST(e.sentence_start + 1 AS INTEGER), CAST(e.sentence_end - e.sentence_start AS INTEGER))",
    "url": "d.url",
    "source": "d.source",
    "title": "d.title",
    "cluster": "(SELECT m.cluster_id FROM cluster_members m WHERE m.event_id = e.event_id)",
    "dead": "(SELECT k.value FROM quantities k WHERE k.event_id = e.event_id AND k.claim_ordinal = -1 AND k.key = 'dead')",
}


def _column(name: str) -> str:
    if name not in TABLES["events"].names:
        raise StoreError(f"no event column {name!r}; columns are {', '.join(TABLES['events'].names)} and "
                         f"{', '.join(EXTRA_COLUMNS)}.")
    return name


def _fill_event_countries(store: SqlStore) -> None:
    """Migration 3 -> 4: the other countries of stored border events, from their locations."""
    from .schema import EVENT_COUNTRIES

    rows = store.query("SELECT event_id, doc_id, country, countries FROM locations WHERE countries LIKE '%;%'")
    out: dict[str, list[Any]] = {"event_id": [], "doc_id": [], "country": []}
    for r in rows:
        for code in dict.fromkeys(r["countries"].split(";")):
            if code and code != r["country"]:
                out["event_id"].append(r["event_id"])
                out["doc_id"].append(r["doc_id"])
                out["country"].append(code)
    if out["event_id"]:
        store.upsert(EVENT_COUNTRIES, pa.Table.from_pydict(out, schema=EVENT_COUNTRIES.arrow_schema()))


MIGRATION_STEPS: dict[int, Callable[[SqlStore], None]] = {3: _fill_event_countries}


def event_filters(q: EventQuery) -> tuple[list[str], list[Any]]:
    """The WHERE clauses and parameters of ``q`` over ``events e`` (values always as parameters;
    country codes compared whole, never as a pattern)."""
    where: list[str] = []
    params: list[Any] = []
    if q.country:
        # the event's country (its place's first), or another of its place's countries ("ARM;AZE" for
        # a border, kept in event_countries): whole codes compared by key, never a pattern
        where.append("(e.country = ? OR e.event_id IN (SELECT c.event_id FROM event_countries c WHERE c.country = ?))")
        params += [q.country, q.country]
    for value, table, column in ((q.actor, "entities", "code"), (q.claimant, "claims", "claimant_code"),
                                 (q.cluster, "cluster_members", "cluster_id")):
        if value:  # an event with a row of this value in a table of its parts
            where.append(f"EXISTS (SELECT 1 FROM {table} x WHERE x.event_id = e.event_id AND x.{column} = ?)")
            params.append(value)
    if q.min_confidence is not None:
        where.append("e.confidence >= ?")
        params.append(q.min_confidence)
    if q.sub_event:
        where.append("lower(e.acled_sub_event_type) = lower(?)")
        params.append(q.sub_event)
    if q.box is not None:
        south, west, north, east = q.box
        where.append("e.lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            where.append("e.lon BETWEEN ? AND ?")
            params += [west, east]
        else:
            where.append("(e.lon >= ? OR e.lon <= ?)")
            params += [west, east]
    if q.text:
        where.append("EXISTS (SELECT 1 FROM documents t WHERE t.doc_id = e.doc_id AND strpos(lower(substr(t.text, "
                     "CAST(e.sentence_start + 1 AS INTEGER), CAST(e.sentence_end - e.sentence_start AS INTEGER))), "
                     "lower(?)) > 0)")
        params.append(q.text)
    if q.after is not None:
        day, event_id = q.after
        later = "<" if q.newest_first else ">"
        if day is None:  # the previous page ended among the undated events, which come last
            where.append(f"(e.day IS NULL AND e.event_id {later} ?)")
            params.append(event_id)
        else:
            where.append(f"(e.day {later} CAST(? AS DATE) OR (e.day = CAST(? AS DATE) AND e.event_id {later} ?) "
                         "OR e.day IS NULL)")
            params += [day, day, event_id]
    _filter(where, params, "e.", event=q.event, mode=q.mode, modality=q.modality, doc_id=q.doc_id,
            since=q.since, until=q.until)
    return where, params


def _filter(where: list[str], params: list[Any], prefix: str, *, since: str | None = None,
            until: str | None = None, **equal: str | None) -> None:
    """Add the shared query filters: columns equal to a value, and an inclusive day range."""
    for col, val in equal.items():
        if val:
            where.append(f"{prefix}{col} = ?")
            params.append(val)
    if since:
        where.append(f"{prefix}day >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append(f"{prefix}day <= CAST(? AS DATE)")
        params.append(until)
