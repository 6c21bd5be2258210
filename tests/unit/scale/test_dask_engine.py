"""--engine dask on a LocalCluster of two workers: the same events as a local ingest, a Parquet
dataset by day, and a second run that redoes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from pantau import scale
from pantau.ingest.corpus import build_example_corpus
from pantau.run import ingest
from pantau.settings import Options
from pantau.store import open_store

ROOT = Path(__file__).resolve().parents[3]


def _events(url: str) -> list[tuple[object, ...]]:
    with open_store(url) as st:
        rows = st.query("SELECT event_id, event, mode, actor_codes, recipient_codes, date, country, claimant_code "
                        "FROM events ORDER BY event_id")
    return [tuple(r.values()) for r in rows]


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("sources")
    corpus = build_example_corpus(folder / "corpus")
    lines = (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    half = len(lines) // 2
    (folder / "a.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    (folder / "b.jsonl").write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    return [str(folder / "a.jsonl"), str(corpus.warc_path), str(folder / "b.jsonl")]


def test_dask_equals_local(sources: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale, "RECORDS_PER_PARTITION", 9)  # the WARC in several record ranges
    parts = scale.plan(sources)
    assert len(parts) >= 5 and sum(p.fmt == "warc" for p in parts) >= 3
    options = Options()
    local_url = f"duckdb:///{tmp_path / 'local.duckdb'}"
    with open_store(local_url) as st:
        ingest(st, sources, options, cluster=False)

    out = tmp_path / "dataset"
    result, parts = scale.ingest_dask(sources, options, out, workers=2)
    assert result.computed == result.partitions == len(parts)
    dask_url = f"duckdb:///{tmp_path / 'dask.duckdb'}"
    with open_store(dask_url) as st:
        ingest(st, sources, options, cluster=False, documents=scale.documents(parts, out, options))

    local, dask = _events(local_url), _events(dask_url)
    assert len(local) > 100
    assert dask == local
    dataset = ds.dataset(out / "events", format="parquet", partitioning="hive")
    assert dataset.count_rows() == len(local) == result.events
    assert len(list((out / "events").glob("day=*"))) > 5
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(m["pid"] for m in manifest) == sorted(p.pid for p in parts)

    again, _ = scale.ingest_dask(sources, options, out, workers=2)  # everything is in the manifest
    assert again.computed == 0 and again.events == result.events

    # into a store that already holds the JSONL articles, the WARC's copies of them are duplicates
    # of the stored documents whichever engine extracted them
    warc_parts = [p for p in parts if p.fmt == "warc"]
    urls = []
    for name in ("local2", "dask2"):
        url = f"duckdb:///{tmp_path / (name + '.duckdb')}"
        with open_store(url) as st:
            ingest(st, [sources[0]], options, cluster=False)
            ingest(st, [sources[1]], options, cluster=False,
                   documents=scale.documents(warc_parts, out, options) if name == "dask2" else None)
            rejected = st.query("SELECT count(*) AS n FROM rejections WHERE detail LIKE '%earlier run%'")[0]["n"]
        assert rejected > 0, name
        urls.append(url)
    assert _events(urls[0]) == _events(urls[1])


def test_a_warc_range_reads_only_its_records(sources: list[str]) -> None:
    from pantau.ingest import expand_sources
    from pantau.ingest.warc import read_warc, record_offsets

    warc = Path(sources[1])
    offsets = list(record_offsets(warc))
    (source,) = expand_sources([str(warc)])
    whole = [d.doc_id for d in read_warc(source, Options())]
    cut = offsets[len(offsets) // 2]
    first = [d.doc_id for d in read_warc(source, Options(), 0, cut)]
    rest = [d.doc_id for d in read_warc(source, Options(), cut, None)]
    assert first + rest == whole and first and rest


def test_local_workers_keep_no_profile_of_the_work() -> None:
    """distributed's sampling profiler keeps a call tree per second for 1,000 seconds: a worker of
    pantau's LocalCluster grew about 1 MB per partition of WARC pages with it. pantau's workers run
    without it, so their memory stays flat over an archive."""
    import time

    client = scale._client(None, 1)
    try:
        client.submit(time.sleep, 2.5, pure=False).result()
        kept = client.run(lambda dask_worker: len(dask_worker.profile_history))
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    assert list(kept.values()) == [0], kept
