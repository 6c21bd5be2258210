"""The same article ingested as .jsonl, then .html, then .txt in separate runs is one document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pantau.ingest.corpus import build_example_corpus
from pantau.run import ingest
from pantau.settings import Options
from pantau.store import open_store

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("backend", ["duckdb"])
def test_one_article_three_formats_three_runs(tmp_path: Path, backend: str) -> None:
    corpus = build_example_corpus(tmp_path / "corpus")
    page = next(p for p in corpus.pages if p.path is not None and not p.article_id.endswith("syndicated"))
    record = next(json.loads(line) for line in (ROOT / "examples" / "articles.jsonl").read_text().splitlines()
                  if line.strip() and json.loads(line)["id"] == page.article_id)
    jsonl = tmp_path / "one.jsonl"
    jsonl.write_text(json.dumps(record) + "\n")
    txt = tmp_path / "one.txt"
    txt.write_text(record["text"])
    url = f"duckdb:///{tmp_path / 's.duckdb'}"
    results = []
    for source in (jsonl, page.path, txt):
        with open_store(url) as st:
            results.append(ingest(st, [str(source)], Options(), cluster=False).counts)
    assert [c.rejected for c in results] == [0, 1, 1]
    with open_store(url) as st:
        kept = st.query("SELECT doc_id FROM documents WHERE NOT rejected")
        why = [r["detail"] for r in st.query("SELECT detail FROM rejections ORDER BY detail")]
        events = st.count("events")
    assert [r["doc_id"] for r in kept] == [record["id"]]
    assert all("stored by an earlier run" in d and record["id"] in d for d in why)
    assert events == results[0].events  # counts do not double
    # re-running the first ingest is still an upsert of the same document, not a duplicate of itself
    with open_store(url) as st:
        again = ingest(st, [str(jsonl)], Options(), cluster=False).counts
    assert again.rejected == 0
