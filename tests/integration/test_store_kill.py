"""A real `pantau ingest` subprocess: killed half-way and re-run, and two at once into PostgreSQL.

Both end with exactly the rows of one clean run (the ids are content hashes, every batch is one
transaction, writes are upserts)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "unit" / "store"))

from factory import corpus  # noqa: E402

from pantau.store import open_store  # noqa: E402
from pgserver import PgServer, pg_server  # noqa: E402,F401

DATA_TABLES = ("documents", "events", "entities", "claims", "quantities", "locations", "rejections", "daily_counts",
               "clusters", "cluster_members", "merge_decisions", "cluster_counts")
N_DOCS = 1500


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "extracted.jsonl"
    with path.open("w") as out:
        for doc in corpus(N_DOCS, seed=5):
            out.write(json.dumps(doc.to_dict()) + "\n")
    return path


def command(url: str, source: Path, batch: int = 20) -> list[str]:
    return [sys.executable, "-m", "pantau", "ingest", "--extracted", str(source), "--store", url,
            "--batch-size", str(batch), "--progress"]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


def snapshot(url: str, skip: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    skip = skip | {"run_id", "built", "created"}
    with open_store(url, create=False) as st:
        out = {}
        for name in DATA_TABLES:
            rows = st.query(f"SELECT * FROM {name}")
            out[name] = sorted(tuple(sorted((k, str(v)) for k, v in r.items() if k not in skip)) for r in rows)
        runs = st.query("SELECT run_id, status, n_documents, n_events, n_rejected FROM runs")
    out["runs"] = sorted(tuple(sorted(r.items())) for r in runs)
    return out


def kill_half_way(url: str, source: Path) -> None:
    proc = subprocess.Popen(command(url, source), stderr=subprocess.PIPE, text=True, env=env())
    assert proc.stderr is not None
    try:
        for line in proc.stderr:
            if "stored" in line and int(line.split("stored ")[1].split()[0]) >= 40:
                os.kill(proc.pid, signal.SIGKILL)
                break
        else:
            pytest.fail("the ingest finished before it could be killed; make the corpus larger")
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def urls(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> tuple[str, str]:
    if kind == "duckdb":
        return f"duckdb:///{tmp_path}/killed.duckdb", f"duckdb:///{tmp_path}/clean.duckdb"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.create_database("killed"), server.create_database("clean")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_killed_run_then_rerun_equals_one_clean_run(kind: str, source: Path, tmp_path: Path,
                                                    request: pytest.FixtureRequest) -> None:
    killed, clean = urls(kind, tmp_path, request)
    kill_half_way(killed, source)
    with open_store(killed, create=False) as st:
        partial = st.count("documents")
        assert 0 < partial < N_DOCS and partial % 20 == 0  # whole batches only
        assert st.query("SELECT status FROM runs") == [{"status": "running"}]
    subprocess.run(command(killed, source, batch=50), check=True, capture_output=True, env=env(), timeout=300)
    subprocess.run(command(clean, source, batch=50), check=True, capture_output=True, env=env(), timeout=300)
    got, want = snapshot(killed), snapshot(clean)
    assert len(want["documents"]) == N_DOCS and want["clusters"]
    assert got == want


@pytest.mark.slow
@pytest.mark.postgres
def test_two_concurrent_ingesters_create_no_duplicates(source: Path, pg_server: PgServer,  # noqa: F811
                                                       tmp_path: Path) -> None:
    shared, clean = pg_server.create_database("shared"), pg_server.create_database("clean2")
    # a second, overlapping source: the last two thirds of the same documents, in reverse order
    lines = source.read_text().splitlines(keepends=True)
    other = tmp_path / "overlap.jsonl"
    other.write_text("".join(reversed(lines[N_DOCS // 3:])))
    procs = [subprocess.Popen(command(shared, source, batch=25), stderr=subprocess.PIPE, text=True, env=env()),
             subprocess.Popen(command(shared, other, batch=40), stderr=subprocess.PIPE, text=True, env=env()),
             subprocess.Popen(command(shared, source, batch=60), stderr=subprocess.PIPE, text=True, env=env())]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
    subprocess.run(command(clean, source, batch=50), check=True, capture_output=True, env=env(), timeout=300)
    # the locator says which file (and line) a document was last read from: the only column that differs
    got, want = snapshot(shared, frozenset({"locator"})), snapshot(clean, frozenset({"locator"}))
    runs = got.pop("runs")
    want.pop("runs")
    assert got == want
    assert len(runs) == 2  # one per distinct ingest (the two identical ones share their run)
