"""`pantau serve` as a real process on loopback, beside an ingester: DuckDB allows one process per
file (the second waits, then explains and names PostgreSQL), PostgreSQL serves while another
process writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for pgserver and webserver

from pgserver import PgServer, pg_server  # noqa: E402,F401
from webserver import free_port, wait_until_up  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "articles.jsonl"
LATER = REPO / "tests" / "unit" / "web" / "articles.jsonl"


def pantau(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@contextmanager
def serving(url: str, env: dict[str, str] | None = None) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pantau", "serve", "--store", url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_up(base, lambda: proc.poll() is None)
        except RuntimeError:
            raise AssertionError(f"pantau serve did not start: {proc.stdout.read() if proc.stdout else ''}") from None
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def total(base: str) -> int:
    return int(httpx.get(base + "/api/stats", params={"modality": "all"}, timeout=30).json()["total"])


def test_duckdb_server_holds_the_file_and_ingest_explains(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path}/store.duckdb"
    assert pantau("ingest", str(EXAMPLES), "--store", url).returncode == 0
    with serving(url) as base:
        before = total(base)
        run = pantau("ingest", str(LATER), "--store", url, env={"PANTAU_STORE_WAIT": "1"})
        assert run.returncode == 5, run.stderr
        assert "PostgreSQL" in run.stderr and "Traceback" not in run.stderr
        assert total(base) == before  # the server is unaffected
    assert pantau("ingest", str(LATER), "--store", url).returncode == 0  # once it stops, the file is free


def test_duckdb_server_with_a_token_takes_writes_itself(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path}/store.duckdb"
    assert pantau("ingest", str(EXAMPLES), "--store", url).returncode == 0
    with serving(url, env={"PANTAU_API_TOKEN": "t0ken-for-test"}) as base:
        before = total(base)
        text = LATER.read_text(encoding="utf-8").splitlines()[1]
        import json

        r = httpx.post(base + "/api/documents", json={"text": json.loads(text)["text"], "published": "2024-03-09"},
                       headers={"authorization": "Bearer t0ken-for-test"}, timeout=120)
        assert r.status_code == 201, r.text
        assert total(base) == before + r.json()["events"] > before


@pytest.mark.postgres
def test_postgres_server_sees_another_process_write(pg_server: PgServer) -> None:  # noqa: F811
    url = pg_server.create_database("serve_pg")
    assert pantau("ingest", str(EXAMPLES), "--store", url).returncode == 0
    with serving(url) as base:
        before = total(base)
        run = pantau("ingest", str(LATER), "--store", url)
        assert run.returncode == 0, run.stderr
        assert total(base) > before


def test_serve_on_a_missing_store_is_one_line(tmp_path: Path) -> None:
    run = pantau("serve", "--store", f"duckdb:///{tmp_path}/none.duckdb", timeout=60)
    assert run.returncode == 5 and "pantau ingest" in run.stderr and "Traceback" not in run.stderr
