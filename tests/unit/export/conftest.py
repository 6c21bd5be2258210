"""A small real DuckDB store of the hand-built reports of export_reports.py, clustered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_reports import reports

from pantau.store import SqlStore, open_store
from pantau.store.clusters import build_clusters


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    with open_store(f"duckdb:///{tmp_path}/exports.duckdb") as st:
        st.write_documents(reports())
        build_clusters(st)
        yield st
