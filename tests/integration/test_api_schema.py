"""Schemathesis, run against /openapi.json of a live server on loopback: no 5xx, no response that
violates the schema (status codes, content types and bodies as documented)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for webserver

from pantau.run import ingest  # noqa: E402
from pantau.settings import Options  # noqa: E402
from pantau.store import open_store  # noqa: E402
from webserver import live_server  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"


@pytest.mark.slow
def test_api_keeps_to_its_schema(tmp_path: Path) -> None:
    st = shutil.which("st", path=str(Path(sys.executable).parent))
    if st is None:
        pytest.skip("schemathesis is a dev dependency: pip install -r requirements.lock")
    url = f"duckdb:///{tmp_path}/store.duckdb"
    with open_store(url) as store:
        ingest(store, [str(REPO / "examples" / "articles.jsonl")], Options.from_env(store=url))
    with live_server(url, token="schema-token") as base:  # noqa: S106 - a test secret
        run = subprocess.run([st, "run", base + "/openapi.json", "--checks", CHECKS, "--max-examples", "30",
                              "--seed", "7", "--generation-deterministic", "--request-timeout", "30",
                              "--suppress-health-check", "all"],
                             capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
