"""Use cases above the layers: ``ingest`` reads, extracts and stores, recorded as a run.

It spans every layer (``pantau.extract_sources`` reads and extracts, ``pantau.store`` writes and
clusters), so it lives here, above them, and no layer imports it; ``pantau ingest`` and
``pantau demo`` call it.

The run id is a content hash of what determines the output (sources, settings, pantau and pack
versions), so re-running the same ingest upserts the same run record, just as documents and
events upsert by their content-hash ids: a run killed half-way and started again ends with the rows
of one clean run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__, extract_sources
from .errors import IngestError
from .model import Document
from .settings import Options
from .store import RunInfo, Store, WriteCounts
from .store.clusters import build_clusters
from .store.protocol import now
from .store.rows import document_from_dict


@dataclass(frozen=True, slots=True)
class IngestResult:
    run_id: str
    counts: WriteCounts
    seconds: float
    clusters: int | None
    interrupted: bool = False


def settings_hash(options: Options) -> str:
    values = {k: v for k, v in dataclasses.asdict(options).items() if k != "store"}
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:16]


def run_info(sources: Sequence[str], options: Options, *, extracted: bool) -> RunInfo:
    packs: dict[str, str] = {}
    if not extracted:  # stored output was coded by whatever packs produced it, not by ours
        from .lang import loader

        packs = {tag: str(p.version) for tag, p in sorted(loader.load_all().items())}
    names = tuple(s if s == "-" else str(Path(s).resolve()) for s in sources)
    sh = settings_hash(options)
    key = json.dumps([names, sh, __version__, packs, extracted], sort_keys=True)
    return RunInfo(run_id=hashlib.sha256(key.encode()).hexdigest()[:20], sources=names, settings_hash=sh,
                   pantau_version=__version__, pack_versions=packs)


def iter_extracted(sources: Sequence[str]) -> Iterator[Document]:
    """Documents from files of pantau's own output (JSON Lines of ``Document.to_dict()``)."""
    for src in sources:
        handle = sys.stdin if src == "-" else None
        try:
            stream = handle or open(src, encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise IngestError(f"cannot read {src}: {exc.strerror}; check the path.") from None
        with stream:
            for n, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    yield document_from_dict(json.loads(line), locator=f"{src}:{n}")
                except (ValueError, KeyError, TypeError) as exc:
                    raise IngestError(f"{src}:{n} is not a line of pantau output ({type(exc).__name__}: {exc}); "
                                      "ingest it without --extracted to read it as raw input.") from None


def check_sources(sources: Sequence[str], *, extracted: bool) -> None:
    """Fail before any store or run is created: every source must exist, and with ``extracted``
    start with a line of pantau output."""
    from .ingest import expand_sources

    files = [s for s in sources if s != "-"]
    if files:
        expand_sources(files)  # raises IngestError naming every argument that matches nothing
    if not extracted:
        return
    for src in files:
        if Path(src).is_dir():
            raise IngestError(f"{src} is a folder; --extracted reads files of pantau output (JSON Lines).")
        with open(src, encoding="utf-8", errors="replace") as fh:
            first = next((line for line in fh if line.strip()), None)
        if first is None:
            continue
        try:
            document_from_dict(json.loads(first))
        except (ValueError, KeyError, TypeError):
            raise IngestError(f"{src}:1 is not a line of pantau output; ingest it without --extracted to read "
                              "it as raw input.") from None


def ingest(store: Store, sources: Sequence[str], options: Options, *, fmt: str = "auto",
           extracted: bool = False, batch_size: int = 500, cluster: bool = True,
           progress: Callable[[WriteCounts], None] | None = None, jobs: int | None = 1,
           documents: Iterable[Document] | None = None, stop: Callable[[], bool] | None = None,
           info: RunInfo | None = None) -> IngestResult:
    """Read, extract, store and cluster ``sources`` as one recorded run. ``documents``: the sources'
    documents already extracted elsewhere (``pantau.scale``), stored as they are. ``stop``: asked
    before each document; once it says so, the documents read so far are stored (the batch in hand
    completes), the run is recorded as ``interrupted`` and clustering is left for the next run,
    which upserts the same rows and goes on. ``info``: the run record to write (``pantau watch``
    names one per poll) instead of the one derived from ``sources``."""
    info = info or run_info(sources, options, extracted=extracted)
    started = time.perf_counter()
    store.begin_run(info)
    if documents is not None:
        from .ingest.duplicates import drop_stored_copies

        docs: Iterable[Document] = documents if options.keep_duplicates else drop_stored_copies(
            documents, store.find_copy)
    elif extracted:
        docs = iter_extracted(sources)
    else:
        docs = extract_sources(sources, options=options, fmt=fmt, jobs=jobs, known=store.find_copy)
    stopped = False
    if stop is not None:
        def until_stopped(stream: Iterable[Document]) -> Iterator[Document]:
            nonlocal stopped
            for doc in stream:
                if stop():
                    stopped = True
                    return
                yield doc

        docs = until_stopped(docs)
    counts = store.write_documents(docs, run_id=info.run_id, batch_size=batch_size, progress=progress)
    seconds = time.perf_counter() - started
    store.write_run(info, status="interrupted" if stopped else "done", counts=counts, seconds=seconds,
                    finished=now())
    if stopped:
        return IngestResult(info.run_id, counts, seconds, None, interrupted=True)
    n_clusters = None
    if cluster:
        if counts.first_day is not None and counts.last_day is not None:
            build_clusters(store, (counts.first_day, counts.last_day))
        n_clusters = store.count("clusters")
    return IngestResult(info.run_id, counts, seconds, n_clusters)
