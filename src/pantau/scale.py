"""Many machines: ``pantau ingest SOURCES --engine dask``.

The sources are cut into partitions: one per file, and one per range of records of a WARC
archive (``RECORDS_PER_PARTITION`` records, found by a scan of the record headers). Dask workers
(a ``LocalCluster`` on this machine, or an existing cluster given by ``--scheduler``) each read and
extract one partition at a time and write its documents, as pantau output, to
``OUTPUT/parts/<partition>.jsonl.gz``; memory per worker is one partition's reading and one
document's coding. A failed partition is retried (``RETRIES``); a finished one is listed in
``OUTPUT/manifest.jsonl`` and never redone when the same command runs again.

When every partition is done, this process reads the parts back in the order of the sources,
turns near-duplicates across partitions into ``duplicate`` rejections exactly as a local run does
(the same stream in the same order), and writes:
- ``OUTPUT/events/day=YYYY-MM-DD/*.parquet``: the events as a Parquet dataset partitioned by day
  (the store's ``events`` columns), and ``OUTPUT/documents/*.parquet``;
- with a store, every document into it through one writer (DuckDB's rule; PostgreSQL loads each
  batch with COPY), then the clusters.
So the events are the same as those of ``pantau ingest`` without ``--engine``. Paths must be
readable by every worker and the output folder writable by all of them (one machine, or a shared
file system); ``docs/scale.md`` says how to run it on a cluster.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import IngestError
from .model import Document
from .settings import Options

RECORDS_PER_PARTITION = 500  # WARC records per partition: a few minutes of one core's work
RETRIES = 2
DOCS_PER_FILE = 2_000  # documents per Parquet file of the finished dataset


@dataclass(frozen=True, slots=True)
class Partition:
    """A file, or the records of a WARC file that start in ``[start, end)`` (``end`` None: to the end)."""

    source: str
    fmt: str
    start: int = 0
    end: int | None = None

    @property
    def pid(self) -> str:
        key = json.dumps([self.source, self.fmt, self.start, self.end])
        return hashlib.sha256(key.encode()).hexdigest()[:16]


def plan(sources: Sequence[str], fmt: str = "auto", records: int | None = None, *,
         follow_symlinks: bool = False) -> list[Partition]:
    """The partitions of ``sources``, in the order a local run reads them."""
    records = records or RECORDS_PER_PARTITION
    from .ingest import choose_reader, expand_sources
    from .ingest.warc import record_offsets

    out: list[Partition] = []
    for src in expand_sources(sources, follow_symlinks=follow_symlinks):
        if src.path is None:
            raise IngestError("--engine dask reads files, not standard input; save the input to a file first.")
        reader = choose_reader(src, fmt).name
        if reader != "warc":
            out.append(Partition(str(src.path.resolve()), reader))
            continue
        offsets = list(record_offsets(src.path))
        cuts = offsets[::records] or [0]
        for k, start in enumerate(cuts):
            end = cuts[k + 1] if k + 1 < len(cuts) else None
            out.append(Partition(str(src.path.resolve()), reader, 0 if k == 0 else start, end))
    return out


def _documents(part: Partition, options: Options) -> Iterator[Document]:
    from .ingest import expand_sources, iter_source

    (source,) = expand_sources([part.source])
    if part.fmt == "warc":
        from .ingest.warc import read_warc

        yield from read_warc(source, options, part.start, part.end)
    else:
        yield from iter_source(source, options, part.fmt)


def run_partition(part: Partition, options: dict[str, Any], output: str) -> dict[str, Any]:
    """On a worker: read, extract and write one partition; the file appears only when complete."""
    from .extract.pipeline import extract_document

    opts = Options(**{**options, "keep_duplicates": True})
    target = Path(output) / "parts" / f"{part.pid}.jsonl.gz"
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    target.parent.mkdir(parents=True, exist_ok=True)
    documents = events = 0
    with gzip.open(tmp, "wt", encoding="utf-8") as out:
        for doc in _documents(part, opts):
            doc = extract_document(doc, opts)
            out.write(json.dumps(_line(doc), ensure_ascii=False, default=str) + "\n")
            documents += 1
            events += len(doc.events)
    tmp.replace(target)
    return {"pid": part.pid, "source": part.source, "start": part.start, "end": part.end,
            "documents": documents, "events": events}


def _line(doc: Document) -> dict[str, Any]:
    """pantau output plus what a store keeps beyond it (locator, reader facts, rejection stage)."""
    return {**doc.to_dict(), "_locator": doc.locator, "_meta": doc.meta,
            "_stage": doc.rejected.stage if doc.rejected is not None else None}


def _from_line(d: dict[str, Any]) -> Document:
    from .model import Rejection
    from .store.rows import document_from_dict

    doc = document_from_dict(d, locator=d.get("_locator"))
    if doc.rejected is not None and d.get("_stage"):
        doc = doc.with_(rejected=Rejection(doc.rejected.reason, doc.rejected.detail, d["_stage"]))
    return doc.with_(meta=d.get("_meta") or {})


def _manifest(output: Path) -> dict[str, dict[str, Any]]:
    path = output / "manifest.jsonl"
    done: dict[str, dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue  # a line cut by a crash: its partition is simply done again
            if (output / "parts" / f"{row.get('pid')}.jsonl.gz").is_file():
                done[row["pid"]] = row
    return done


@dataclass(slots=True)
class DaskResult:
    partitions: int
    computed: int
    documents: int
    events: int
    rejected: int
    output: Path


# The workers of a LocalCluster do without distributed's sampling profiler: it keeps a call tree per
# second for the last 1,000 seconds, which grew a worker coding WARC pages by about 1 MB per
# partition of 200 pages (docs/scale.md says how to turn it off on an existing cluster).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def _client(scheduler: str | None, workers: int | None) -> Any:
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s")
    from .parallel import default_jobs

    # distributed's own log lines (a worker's heartbeat that meets a closing scheduler logs a
    # traceback) are not the user's business: failures reach pantau through the futures and are
    # reported, retried and recorded in the manifest in its own words
    with dask.config.set(WORKER_CONFIG):
        cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.CRITICAL)
    return Client(cluster)


def _finished(parts: list[Partition], output: Path, options: Options) -> Iterator[Document]:
    """Every document of the parts, in plan order, with duplicates across partitions rejected."""
    from .ingest.duplicates import Deduplicator

    dedup = None if options.keep_duplicates else Deduplicator()
    for part in parts:
        with gzip.open(output / "parts" / f"{part.pid}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = _from_line(json.loads(line))
                if dedup is not None:
                    checked = dedup.check(doc)
                    if checked.rejected is not None and doc.rejected is None:
                        checked = checked.with_(events=())  # a copy of an earlier document: not coded
                    doc = checked
                yield doc


def write_dataset(docs: Iterator[Document], output: Path, on_doc: Callable[[Document], None]) -> None:
    """The events as a Parquet dataset partitioned by day, and the documents beside them."""
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    from .store.rows import Batch

    for name in ("events", "documents"):
        shutil.rmtree(output / name, ignore_errors=True)
    (output / "documents").mkdir(parents=True)
    batch = Batch(None)
    k = 0

    def flush() -> None:
        nonlocal batch, k
        tables = batch.tables()
        events = tables["events"]
        if events.num_rows:
            ds.write_dataset(events, output / "events", format="parquet", partitioning=["day"],
                             partitioning_flavor="hive", basename_template=f"part-{k:05d}-{{i}}.parquet",
                             existing_data_behavior="overwrite_or_ignore")
        pq.write_table(tables["documents"].drop_columns(["text"]), output / "documents" / f"part-{k:05d}.parquet")
        batch, k = Batch(None), k + 1

    for doc in docs:
        batch.add(doc)
        on_doc(doc)
        if len(batch) >= DOCS_PER_FILE:
            flush()
    if len(batch):
        flush()


def ingest_dask(sources: Sequence[str], options: Options, output: Path, *, fmt: str = "auto",
                scheduler: str | None = None, workers: int | None = None,
                progress: Callable[[str], None] | None = None) -> tuple[DaskResult, list[Partition]]:
    """Extract ``sources`` on a Dask cluster into ``output`` (see the module docstring). Returns the
    counts and the partitions, whose documents ``documents(parts, output, options)`` streams."""
    from distributed import as_completed

    output.mkdir(parents=True, exist_ok=True)
    parts = plan(sources, fmt, follow_symlinks=options.follow_symlinks)
    done = _manifest(output)
    todo = [p for p in parts if p.pid not in done]
    say = progress or (lambda _: None)
    say(f"{len(parts)} partitions, {len(parts) - len(todo)} already done")
    if todo:
        client = _client(scheduler, workers)
        try:
            opts = {k: v for k, v in asdict(options).items() if k != "store"}
            futures = [client.submit(run_partition, p, opts, str(output.resolve()), retries=RETRIES, pure=False)
                       for p in todo]
            with open(output / "manifest.jsonl", "a", encoding="utf-8") as manifest:
                for fut in as_completed(futures):
                    row = fut.result()
                    manifest.write(json.dumps(row) + "\n")
                    manifest.flush()
                    done[row["pid"]] = row
                    say(f"partition {row['pid']} done: {row['documents']} documents, {row['events']} events")
        finally:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None and not scheduler:
                cluster.close()
    counts = {"documents": 0, "events": 0, "rejected": 0}

    def count(doc: Document) -> None:
        counts["documents"] += 1
        counts["events"] += len(doc.events)
        counts["rejected"] += doc.rejected is not None

    write_dataset(_finished(parts, output, options), output, count)
    return DaskResult(len(parts), len(todo), counts["documents"], counts["events"], counts["rejected"], output), parts


def documents(parts: list[Partition], output: Path, options: Options) -> Iterator[Document]:
    """The finished documents of a Dask run, in order, duplicates rejected: what a store loads."""
    return _finished(parts, output, options)
