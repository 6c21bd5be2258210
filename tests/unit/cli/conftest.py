"""A store filled from the example corpus by `pantau ingest` itself, one per test module that asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "articles.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"duckdb:///{tmp_path_factory.mktemp('store') / 's.duckdb'}"
    proc = subprocess.run([sys.executable, "-m", "pantau", "ingest", str(EXAMPLES), "--store", url, "--jobs", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return url
