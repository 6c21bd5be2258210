"""--jobs: worker processes give the same bytes as one process, in input order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import pantau
from pantau import parallel
from pantau.model import Document

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "articles.jsonl"


class CountingPool(ProcessPoolExecutor):
    submitted = 0

    def submit(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        CountingPool.submitted += 1
        return super().submit(*args, **kwargs)


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _lines(docs: Any) -> list[str]:
    return [json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True) for d in docs]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 3)  # many chunks even for a small corpus
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountingPool)
    CountingPool.submitted = 0


def test_two_jobs_equal_one_on_the_examples(small_chunks: None) -> None:
    records = _records(EXAMPLES)
    one = _lines(pantau.extract_many(records, jobs=1))
    two = _lines(pantau.extract_many(records, jobs=2))
    assert CountingPool.submitted >= len(records) // 3  # the workers did code them
    assert one == two
    assert sum(len(json.loads(x)["events"]) for x in one) > 50


def test_two_jobs_equal_one_on_the_dev_gold(small_chunks: None, shared: Path) -> None:
    records = [r for p in sorted((shared / "eval" / "dev").glob("*.jsonl")) for r in _records(p)]
    assert _lines(pantau.extract_many(records, jobs=2)) == _lines(pantau.extract_many(records, jobs=1))
    assert CountingPool.submitted > 5


def _coded_where(doc: Document) -> tuple[int, dict[str, Any]]:
    return os.getpid(), doc.to_dict()


def test_workers_render_what_they_coded(small_chunks: None) -> None:
    """With ``render``, the worker makes the record and only plain data crosses back."""
    records = _records(EXAMPLES)
    two = list(pantau.extract_many(records, jobs=2, render=_coded_where))
    assert {pid for pid, _ in two} - {os.getpid()} and os.getpid() not in {pid for pid, _ in two}
    assert [d for _, d in two] == [d.to_dict() for d in pantau.extract_many(records, jobs=1)]
    one = list(pantau.extract_many(records, jobs=1, render=_coded_where))
    assert {pid for pid, _ in one} == {os.getpid()} and [d for _, d in one] == [d for _, d in two]


def test_one_chunk_never_starts_workers(small_chunks: None) -> None:
    docs = [Document(doc_id="a", text="Police arrested 12 protesters in Nairobi on Monday.", lang="en")]
    out = list(parallel.extract_parallel(iter(docs), pantau.Options(), jobs=2))
    assert CountingPool.submitted == 0 and out[0].events


def test_cli_jobs_output_is_byte_identical(tmp_path: Path) -> None:
    outs = []
    for jobs in (1, 2):
        target = tmp_path / f"out{jobs}.jsonl"
        subprocess.run([sys.executable, "-m", "pantau", "extract", str(EXAMPLES), "--jobs", str(jobs), "-o",
                        str(target)], check=True, capture_output=True)
        outs.append(target.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") == len(_records(EXAMPLES))


LONG = ["Armenia and Azerbaijan agreed to a ceasefire on Tuesday after clashes on their border.",
        "Police arrested 12 protesters in Nairobi on Monday, the interior ministry said.",
        "Gunmen attacked a village in Zamfara state, killing seven people, officials said on Friday."]


def test_a_long_documents_sections_are_coded_side_by_side(small_chunks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document coded in sections has them coded by the workers, each its own task, even when it
    is the whole input; put together in order, it is the same as with one process."""
    from pantau.extract import pipeline

    monkeypatch.setattr(pipeline, "SECTION_CHARS", 2_000)
    text = "\n\n".join(LONG[i % 3] for i in range(120))
    parts = len(pipeline.sections(text))
    alone = [{"id": "long", "text": text, "lang": "en", "published": "2025-03-01"}]
    one = _lines(pantau.extract_many(alone, jobs=1))
    assert CountingPool.submitted == 0
    assert _lines(pantau.extract_many(alone, jobs=2)) == one
    assert CountingPool.submitted == parts > 4  # one task per section
    assert json.loads(one[0])["events"][-1]["id"] == f"long:{len(json.loads(one[0])['events'])}"
    mixed = _records(EXAMPLES)[:7] + alone + [{"id": "blank", "text": "  ", "lang": "en"}] + _records(EXAMPLES)[7:12]
    assert _lines(pantau.extract_many(mixed, jobs=2)) == _lines(pantau.extract_many(mixed, jobs=1))
    rendered = list(pantau.extract_many(alone, jobs=2, render=_coded_where))
    assert rendered[0][0] == os.getpid()  # put together, then rendered, here
    assert rendered[0][1]["events"] == json.loads(one[0])["events"]


def test_a_failed_section_rejects_its_document_only() -> None:
    from pantau.extract.pipeline import Plan, assemble, plan_document

    plan = plan_document(Document(doc_id="d", text="Police arrested 12 protesters in Nairobi.", lang="en"),
                         pantau.Options())
    assert isinstance(plan, Plan)
    doc = assemble(plan, RuntimeError("boom"))
    assert doc.rejected is not None and doc.rejected.reason == "parse_error" and "boom" in doc.rejected.detail
    assert not doc.events
