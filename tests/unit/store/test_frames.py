"""pantau.read_events / read_clusters: typed tables and DataFrames from a real DuckDB store."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import pantau
from pantau.run import ingest
from pantau.settings import Options
from pantau.store import open_store

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"duckdb:///{tmp_path_factory.mktemp('frames') / 'f.duckdb'}"
    with open_store(url) as st:
        ingest(st, [str(ROOT / "examples" / "articles.jsonl")], Options())
    return url


def test_events_table_is_typed(store: str) -> None:
    table = pantau.read_events(store)
    assert isinstance(table, pa.Table) and table.num_rows > 100
    types = {f.name: f.type for f in table.schema}
    assert types["day"] == pa.date32() and types["lat"] == pa.float64() and types["dead"] == pa.int64()
    assert types["event"] == pa.string() and types["confidence"] == pa.float64()
    assert set(table.column("modality").to_pylist()) == {"asserted"}
    every = pantau.read_events(store, modality=None)
    assert every.num_rows > table.num_rows


def test_filters_and_pandas(store: str) -> None:
    df = pantau.read_events(store, country="IDN", pandas=True, columns=("event_id", "day", "country", "dead"))
    assert len(df) > 5 and list(df.columns) == ["event_id", "day", "country", "dead"]
    assert str(df["day"].dtype).startswith("datetime64")
    with pytest.raises(TypeError, match="unknown filter"):
        pantau.read_events(store, nation="IDN")


def test_clusters_table(store: str) -> None:
    clusters = pantau.read_clusters(store, pandas=True)
    assert len(clusters) > 5 and (clusters["n_documents"] >= 2).all()
    assert clusters["dead"].dropna().gt(0).all()
