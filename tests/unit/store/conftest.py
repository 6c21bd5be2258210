"""Store tests run against both backends: a DuckDB file in tmp_path and the session's PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/, for pgserver
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the factory

from pantau.store import SqlStore, open_store  # noqa: E402
from pgserver import PgServer, pg_server, pg_url  # noqa: E402,F401
from webserver import free_port  # noqa: E402


@pytest.fixture(params=["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return f"duckdb:///{tmp_path}/store.duckdb"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.create_database(f"t_{abs(hash(request.node.nodeid)) % 10**9}")


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as st:
        yield st


@pytest.fixture
def mailbox() -> Iterator[tuple[int, list[Any]]]:
    """A real SMTP server (aiosmtpd) on loopback: its port and the messages it received."""
    pytest.importorskip("aiosmtpd", reason="aiosmtpd is a dev dependency: pip install -r requirements.lock")
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message as MessageHandler

    got: list[Any] = []

    class Keep(MessageHandler):  # type: ignore[misc]
        def handle_message(self, message: Any) -> None:
            got.append(message)

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, got
    controller.stop()
