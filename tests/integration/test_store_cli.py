"""The store commands end to end through `python -m pantau` (a real DuckDB file)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "unit" / "store"))

from factory import corpus, document  # noqa: E402


def pantau(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    docs = corpus(60) + [
        document("First outlet on the clash.", {"dead": 2}, source="one.example"),
        document("Second outlet on the clash.", {"dead": 2, "date": "2021-11-17"}, source="two.example"),
    ]
    (tmp_path / "out.jsonl").write_text("".join(json.dumps(d.to_dict()) + "\n" for d in docs))
    return tmp_path


def test_ingest_query_export_and_clusters(workdir: Path) -> None:
    proc = pantau("ingest", "--extracted", "out.jsonl", cwd=workdir)
    assert "stored 62 documents" in proc.stderr
    assert (workdir / "pantau.duckdb").exists()  # the default store

    rows = list(csv.DictReader(io.StringIO(pantau("events", "--country", "arm", "--type", "assault", "--format",
                                                  "csv", cwd=workdir).stdout)))
    assert rows and all(r["country"] == "ARM" and r["event"] == "ASSAULT" for r in rows)
    lines = pantau("events", "--since", "2021-06-01", "--until", "2021-06-30", "--format", "jsonl",
                   cwd=workdir).stdout.splitlines()
    assert lines and all("2021-06-01" <= json.loads(x)["day"] <= "2021-06-30" for x in lines)
    table = pantau("events", "--actor", "AZE", "--limit", "3", cwd=workdir).stdout.splitlines()
    assert table[0].split()[:2] == ["day", "event"] and len(table) == 4
    days = [line.split()[0] for line in table[1:]]
    assert days == sorted(days, reverse=True)  # newest first

    stats = pantau("stats", "--format", "csv", cwd=workdir)
    assert "documents 62" in stats.stderr and "rejected: empty" in stats.stderr
    assert stats.stdout.startswith("day,event,n,dead")

    listed = [json.loads(x) for x in pantau("clusters", "list", "--format", "jsonl", cwd=workdir).stdout.splitlines()]
    clash = next(c for c in listed if c["n_documents"] == 2 and c["day_first"] == "2021-11-16")
    shown = json.loads(pantau("clusters", "show", clash["cluster_id"], cwd=workdir).stdout)
    assert shown["decisions"] and shown["counts"][0]["value"] == 2
    pantau("clusters", "split", clash["cluster_id"], cwd=workdir)
    pantau("clusters", "build", cwd=workdir)
    missing = pantau("clusters", "show", clash["cluster_id"], cwd=workdir, check=False)
    assert missing.returncode == 2 and "pantau clusters list" in missing.stderr  # a usage error

    acled = pantau("export", "--format", "acled", "--clusters", cwd=workdir).stdout
    assert acled.startswith("event_id_cnty,event_date,year")
    pantau("export", "--format", "parquet", "-o", "pq", cwd=workdir)
    assert (workdir / "pq" / "events.parquet").exists()


def test_reading_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    proc = pantau("events", "--store", "duckdb:///nowhere.duckdb", cwd=tmp_path, check=False)
    assert proc.returncode == 5 and "pantau ingest" in proc.stderr
    assert not (tmp_path / "nowhere.duckdb").exists()


def test_bad_dates_are_usage_errors(tmp_path: Path) -> None:
    proc = pantau("events", "--since", "last week", cwd=tmp_path, check=False)
    assert proc.returncode == 2 and "ISO date" in proc.stderr
