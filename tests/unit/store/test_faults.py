"""Faults end with a StoreError that names the fix, exit code 5, and nothing half-written."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factory import corpus, document

from pantau.errors import StoreError
from pantau.store import EventQuery, SqlStore, open_store, parse_url
from pantau.store.schema import SCHEMA_VERSION, TABLES
from pgserver import PASSWORD, PgServer, free_port


def test_newer_schema_version_is_refused_untouched(store_url: str) -> None:
    with open_store(store_url) as st:
        st.write_documents(corpus(5))
        st.execute("UPDATE schema_info SET value = '99' WHERE key = 'version'")
        before = st.counts()
    with pytest.raises(StoreError, match=r"schema version 99.*upgrade pantau"):
        open_store(store_url)
    with pytest.raises(StoreError, match="upgrade pantau"):
        open_store(store_url, create=False, read_only=True)
    assert raw_counts(store_url) == before  # the refused opens changed nothing


def raw_counts(url: str) -> dict[str, int]:
    """Row counts read with the backend's own library, past pantau's version check."""
    names = [n for n in TABLES if n != "schema_info"]
    if url.startswith("duckdb"):
        import duckdb

        con = duckdb.connect(parse_url(url)[1], read_only=True)
        try:
            return {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}  # type: ignore[index]
        finally:
            con.close()
    import psycopg

    with psycopg.connect(url) as con:
        return {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}  # type: ignore[index]


def test_migrations_run_in_order_to_the_current_version(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from pantau.store import base

    with open_store(store_url) as st:
        st.write_documents(corpus(5))
    current = base.SCHEMA_VERSION
    monkeypatch.setattr(base, "SCHEMA_VERSION", current + 2)
    monkeypatch.setattr(base, "MIGRATIONS", {current: ["ALTER TABLE documents ADD COLUMN note1 TEXT"],
                                             current + 1: ["UPDATE documents SET note1 = 'migrated'"]})
    with open_store(store_url) as st:
        assert st.schema_version() == current + 2
        notes = {r["note1"] for r in st.query("SELECT note1 FROM documents")}
        assert notes == {"migrated"}


def test_a_version_1_store_gains_the_daily_counts_rollup(store_url: str) -> None:
    with open_store(store_url) as st:
        st.write_documents(corpus(60))
        want = st.daily_counts(EventQuery())
        st.execute("DROP TABLE daily_counts")
        st.execute("UPDATE schema_info SET value = '1' WHERE key = 'version'")
    with pytest.raises(StoreError, match="pantau clusters build"):  # reading does not migrate
        open_store(store_url, create=False, read_only=True)
    with open_store(store_url) as st:
        assert st.schema_version() == SCHEMA_VERSION
        assert st.daily_counts(EventQuery()) == want and want


def test_a_version_2_store_gains_the_document_keys(store_url: str) -> None:
    docs = corpus(20)
    with open_store(store_url) as st:
        st.write_documents(docs)
        st.execute("DROP TABLE doc_keys")
        st.execute("UPDATE schema_info SET value = '2' WHERE key = 'version'")
    with open_store(store_url) as st:
        assert st.schema_version() == SCHEMA_VERSION and st.count("doc_keys") == 0
        st.write_documents(docs)  # written again, the documents get their keys
        assert st.count("doc_keys") > 0
        assert st.find_copy(docs[3].with_(doc_id="another-id")) == (docs[3].doc_id, 1.0)


def test_a_version_3_store_gains_the_other_countries_of_border_events(store_url: str) -> None:
    doc = document("Shelling at the Armenia-Azerbaijan border, written for the tests.", {"country": "ARM"})
    loc = doc.events[0].location
    assert loc is not None
    border = doc.with_(events=(dataclasses.replace(doc.events[0], location=dataclasses.replace(
        loc, countries=("ARM", "AZE"))),))
    bid = border.events[0].id
    with open_store(store_url) as st:
        st.write_documents([border, *corpus(10)])
        placed = {r["event_id"] for r in st.query("SELECT event_id FROM events WHERE country = 'AZE'")}
        assert placed and bid not in placed
        assert {r["event_id"] for r in st.events(EventQuery(country="AZE"))} == placed | {bid}
        st.execute("DROP TABLE event_countries")
        st.execute("UPDATE schema_info SET value = '3' WHERE key = 'version'")
    with open_store(store_url) as st:
        assert st.schema_version() == SCHEMA_VERSION
        assert st.query("SELECT event_id, country FROM event_countries") == [{"event_id": bid, "country": "AZE"}]
        assert {r["event_id"] for r in st.events(EventQuery(country="AZE"))} == placed | {bid}
        every = st.events(EventQuery(country="AZE", newest_first=True), ("event_id", "day"))
        page = st.events(EventQuery(country="AZE", newest_first=True, limit=3), ("event_id", "place"))
        assert [r["event_id"] for r in page] == [r["event_id"] for r in every[:3]]  # the same order, paged


def test_a_failing_batch_leaves_nothing(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_documents(corpus(10))
    before = store.counts()
    real = store.upsert

    def broken(table, data, **kw):  # type: ignore[no-untyped-def]
        real(table, data, **kw)
        if table.name == "claims":
            raise StoreError("disk full (simulated)")

    monkeypatch.setattr(store, "upsert", broken)
    with pytest.raises(StoreError, match="simulated"):
        store.write_documents(corpus(30, seed=99))
    assert store.counts() == before


def test_corrupt_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.duckdb"
    junk = os.urandom(64 * 1024)
    path.write_bytes(junk)
    with pytest.raises(StoreError, match=r"not a readable DuckDB store.*Move the file aside"):
        open_store(f"duckdb:///{path}")
    assert path.read_bytes() == junk


def test_not_a_store_file_truncated(tmp_path: Path) -> None:
    path = tmp_path / "cut.duckdb"
    with open_store(f"duckdb:///{path}") as st:
        st.write_documents(corpus(20))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(StoreError), open_store(f"duckdb:///{path}") as st:
        st.counts()


def _hold(path: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(float(sys.argv[2])); c.close()", str(path),
                               str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    return holder


def test_locked_duckdb_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store another process holds: wait up to PANTAU_STORE_WAIT, then explain."""
    path = tmp_path / "busy.duckdb"
    open_store(f"duckdb:///{path}").close()
    monkeypatch.setenv("PANTAU_STORE_WAIT", "1")
    holder = _hold(path, 60)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"in use by another process.*PANTAU_STORE_WAIT.*PostgreSQL"):
            open_store(f"duckdb:///{path}")
        assert time.monotonic() - started >= 0.9
    finally:
        holder.kill()
        holder.wait()


def test_a_reader_waits_for_the_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "busy.duckdb"
    with open_store(f"duckdb:///{path}") as st:
        st.write_documents(corpus(5))
    monkeypatch.setenv("PANTAU_STORE_WAIT", "30")
    holder = _hold(path, 2)
    try:
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "pantau", "stats", "--store", f"duckdb:///{path}"],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert "waiting" in proc.stderr and "documents 5" in proc.stderr
        assert time.monotonic() - started >= 1.5
    finally:
        holder.kill()
        holder.wait()


def test_missing_store_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "nothing.duckdb"
    with pytest.raises(StoreError, match="pantau ingest"):
        open_store(f"duckdb:///{path}", create=False, read_only=True)
    assert not path.exists()


def test_urls() -> None:
    assert parse_url("duckdb:///pantau.duckdb") == ("duckdb", "pantau.duckdb")
    assert parse_url("duckdb:////tmp/x.duckdb") == ("duckdb", "/tmp/x.duckdb")
    assert parse_url("some/file.duckdb") == ("duckdb", "some/file.duckdb")
    assert parse_url("postgresql://u:p@h/db")[0] == "postgresql"
    with pytest.raises(StoreError, match="unknown store URL scheme"):
        parse_url("mysql://x")


@pytest.mark.postgres
def test_wrong_password(pg_server: PgServer) -> None:
    url = pg_server.url.replace(PASSWORD, "not-the-password")
    with pytest.raises(StoreError, match=r"refused the login.*password") as info:
        open_store(url)
    assert "not-the-password" not in str(info.value)


@pytest.mark.postgres
def test_unreachable_server() -> None:
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"cannot reach PostgreSQL.*server is running"):
        open_store(f"postgresql://pantau:x@127.0.0.1:{free_port()}/pantau")
    assert time.monotonic() - started < 10


@pytest.mark.postgres
def test_missing_database(pg_server: PgServer) -> None:
    with pytest.raises(StoreError, match="createdb"):
        open_store(pg_server.database_url("no_such_db"))


def test_cli_exits_5_with_the_message(tmp_path: Path) -> None:
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 1000)
    proc = subprocess.run([sys.executable, "-m", "pantau", "events", "--store", f"duckdb:///{path}"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 5
    assert "Move the file aside" in proc.stderr and "Traceback" not in proc.stderr


def test_every_table_has_a_key() -> None:
    assert all(t.key for t in TABLES.values())
