"""The surface people touch: unusable output paths and interrupts end in one line, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "articles.jsonl"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


def one_line_usage_error(proc: subprocess.CompletedProcess[str], path: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert path in proc.stderr


def test_extract_into_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "o.jsonl"
    proc = run("extract", str(EXAMPLES), "-o", str(target))
    one_line_usage_error(proc, str(target))
    assert "mkdir -p" in proc.stderr and not target.parent.exists()


def test_extract_into_a_folder_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    proc = run("extract", str(EXAMPLES), "-o", str(tmp_path / "file" / "o.jsonl"))
    one_line_usage_error(proc, "o.jsonl")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_extract_into_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    proc = run("extract", str(EXAMPLES), "-o", str(folder / "o.jsonl"))
    one_line_usage_error(proc, "not writable")


def test_export_into_a_missing_folder(store: str, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "events.csv"
    proc = run("export", "--store", store, "--format", "acled", "-o", str(target))
    one_line_usage_error(proc, str(target))


def test_parquet_export_over_an_existing_file(store: str, tmp_path: Path) -> None:
    target = tmp_path / "existing.parquet"
    target.write_text("keep me")
    proc = run("export", "--store", store, "--format", "parquet", "-o", str(target))
    one_line_usage_error(proc, str(target))
    assert target.read_text() == "keep me"


def test_parquet_export_needs_a_folder(store: str) -> None:
    proc = run("export", "--store", store, "--format", "parquet")
    one_line_usage_error(proc, "-o")


def test_watch_state_and_demo_out_on_unusable_paths(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    proc = run("watch", "http://127.0.0.1:9/feed.xml", "--once", "--state", str(tmp_path / "file" / "state.json"))
    one_line_usage_error(proc, "state.json")
    proc = run("demo", "--out", str(tmp_path / "file" / "out"))
    one_line_usage_error(proc, "out")


def test_ctrl_c_during_ingest_then_rerun(tmp_path: Path) -> None:
    """SIGINT stops after the batch in hand, says how to continue and exits 130; running the same
    command again stores everything exactly once."""
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        for k in range(12):
            for line in lines:
                rec = json.loads(line)
                rec["id"] = f"{rec['id']}-{k}"
                rec["text"] = rec["text"] + f"\n\nEdition {k}."
                fh.write(json.dumps(rec) + "\n")
    url = f"duckdb:///{tmp_path / 'int.duckdb'}"
    args = [sys.executable, "-m", "pantau", "ingest", str(big), "--store", url, "--jobs", "1", "--batch-size", "20",
            "--progress"]
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    first = proc.stderr.readline()  # the first stored batch
    assert "stored" in first, first
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "re-run" in err
    done = run("ingest", str(big), "--store", url, "--jobs", "1")
    # the copies are near-duplicates of each other, so most are stored as rejections: exit 1 says so
    assert done.returncode == 1 and "rejected" in done.stderr, done.stderr
    from pantau.store import open_store

    with open_store(url) as st:
        n_docs = st.count("documents")
        status = [r["status"] for r in st.query("SELECT status FROM runs")]
    assert n_docs == len(lines) * 12
    assert status == ["done"]  # one run id: the interrupted record became the finished one


def test_ingest_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    store = tmp_path / "x.duckdb"
    proc = run("ingest", str(tmp_path / "no" / "such.jsonl"), "--store", f"duckdb:///{store}")
    assert proc.returncode == 4 and "no such file" in proc.stderr and "Traceback" not in proc.stderr
    assert not store.exists()


def test_ingest_extracted_on_raw_input_records_no_run(tmp_path: Path) -> None:
    raw = tmp_path / "raw.jsonl"
    raw.write_text(json.dumps({"id": "a", "text": "Police arrested five protesters in Nairobi."}) + "\n")
    store = tmp_path / "x.duckdb"
    proc = run("ingest", "--extracted", str(raw), "--store", f"duckdb:///{store}")
    assert proc.returncode == 4 and "without --extracted" in proc.stderr
    assert not store.exists()


def test_published_is_validated(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Police arrested five protesters in Nairobi on Monday.",
                               "lang": "en", "published": "garbage"}) + "\n")
    proc = run("extract", str(src), "--published", "yesterday")
    one_line_usage_error(proc, "yesterday")
    proc = run("extract", str(src), "--no-text")
    doc = json.loads(proc.stdout)
    assert proc.returncode == 0 and doc["published"] is None  # the bad value is not used...
    from pantau.ingest import iter_documents
    from pantau.settings import Options

    (read,) = iter_documents([str(src)], Options())
    assert "not an ISO date" in read.meta["warnings"][0]  # ...and the document says why


def test_an_internal_error_is_one_paragraph(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    from pantau import run as run_module
    from pantau.cli import main

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Query interrupted")

    monkeypatch.setattr(run_module, "check_sources", broken)
    monkeypatch.delenv("PANTAU_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        main(["ingest", str(EXAMPLES), "--store", f"duckdb:///{tmp_path / 'x.duckdb'}"])
    err = capsys.readouterr().err
    assert stop.value.code == 1 and "internal error (RuntimeError: Query interrupted)" in err
    assert "PANTAU_DEBUG=1" in err and "Traceback" not in err
    monkeypatch.setenv("PANTAU_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["ingest", str(EXAMPLES), "--store", f"duckdb:///{tmp_path / 'x.duckdb'}"])
