"""Every core: documents extracted by worker processes, results in input order.

``extract_parallel(docs, options, jobs)`` is ``extract_document`` over a stream, run by ``jobs``
worker processes. Documents go to the workers in chunks (a few dozen documents, or about
``CHUNK_CHARS`` characters); at most ``2 * jobs`` chunks are out at a time, so memory stays bounded
however long the stream, and chunks come back in the order they went out, so the output is the
same, byte for byte, as with one process. A worker loads its packs once (from the disk cache,
``pantau.diskcache``) and keeps them for every chunk it codes.

``render``: a function of a coded document (``Document.to_dict``, or the JSON line `pantau extract`
writes) that the workers apply before sending the result back. The caller then receives plain data,
which crosses the pipe several times cheaper than a tree of model objects: on two cores, the
process that reads and writes is no longer the one that holds the workers back.

A document long enough to be coded in sections (over ``SECTION_CHARS``) is planned here (language,
date, sections) and its sections go to the workers as tasks of their own, only their text crossing
the pipe; it is put together (and rendered) here, as ``extract_document`` would: one long file uses
every core, with the same output.

Small inputs never pay for workers: the pool starts only when the stream holds more than one chunk
of documents, or a long one. Workers ignore Ctrl-C; the caller's process receives it, cancels what is queued and
stops the workers. Reading, near-duplicate detection and writing stay in the calling process: a
store keeps its one writer.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import chain
from typing import Any

from .model import Document
from .settings import Options

CHUNK_DOCS = 32  # documents per chunk at most: short notes travel together
CHUNK_CHARS = 60_000  # characters per chunk at most: about ten articles
IN_FLIGHT = 2  # chunks queued per worker: one coding, one waiting


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _chunks(docs: Iterable[Document]) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.text)
        if len(chunk) >= CHUNK_DOCS or size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


_OPTIONS: Options | None = None


def _start_worker(options: Options) -> None:
    global _OPTIONS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    _OPTIONS = options


def _code_chunk(chunk: list[Document], render: Callable[[Document], Any] | None = None) -> list[Any]:
    from .extract.pipeline import extract_rendered

    options = _OPTIONS or Options()
    return [extract_rendered(doc, options, render) for doc in chunk]


def _is_long(doc: Document) -> bool:
    from .extract.pipeline import SECTION_CHARS

    return doc.rejected is None and len(doc.text) > SECTION_CHARS


def _runs(chunk: list[Document]) -> Iterator[list[Document] | Document]:
    """A chunk as runs of ordinary documents and, alone, each long one (coded a section per task)."""
    run: list[Document] = []
    for doc in chunk:
        if _is_long(doc):
            if run:
                yield run
                run = []
            yield doc
        else:
            run.append(doc)
    if run:
        yield run


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: workers fork from a clean process that has imported the
    coder, never from a caller holding threads or an open store; spawn elsewhere."""
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["pantau.extract.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def extract_parallel(docs: Iterable[Document], options: Options, jobs: int | None = None,
                     render: Callable[[Document], Any] | None = None) -> Iterator[Any]:
    """Extract every document with ``jobs`` processes (default: every core), in input order; with
    ``render``, yield ``render(document)`` instead, computed by the worker (it must be picklable: a
    module-level function or a ``functools.partial`` of one). A document long enough to be coded in
    sections (``extract.pipeline.sections``) has its sections coded by the workers side by side, and
    is put together (and rendered) here: one long file uses every core too."""
    from .extract.pipeline import extract_rendered

    jobs = default_jobs() if jobs is None else jobs
    chunks = _chunks(docs)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if jobs <= 1 or (second is None and not any(_is_long(d) for d in first)):
        # one chunk of ordinary documents: workers would cost more than they save
        for doc in chain(first, *([second] if second else []), chain.from_iterable(chunks)):
            yield extract_rendered(doc, options, render)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_start_worker,
                               initargs=(options,))
    pending: deque[Callable[[], list[Any]]] = deque()  # results of the chunks out, in input order
    try:
        for chunk in chain([first], [second] if second else [], chunks):
            for run in _runs(chunk):
                pending.append(_submit(pool, run, options, render))
                while len(pending) >= IN_FLIGHT * jobs:
                    yield from pending.popleft()()
        while pending:
            yield from pending.popleft()()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, run: list[Document] | Document, options: Options,
            render: Callable[[Document], Any] | None) -> Callable[[], list[Any]]:
    """Send a run of documents (one task), or a long document's sections (one task each), to the
    workers; return what waits for the result."""
    from .extract.pipeline import Plan, assemble, code_section, plan_document

    if isinstance(run, list):
        future = pool.submit(_code_chunk, run, render)
        return future.result
    plan = plan_document(run, options)
    if not isinstance(plan, Plan):
        return lambda: [plan if render is None else render(plan)]
    text, doc_id = plan.doc.text, plan.doc.doc_id
    futures = [pool.submit(code_section, text[lo:hi], doc_id, plan.lang, plan.published) for lo, hi in plan.parts]

    def result() -> list[Any]:
        try:
            coded: list[list[Any]] | BaseException = [f.result() for f in futures]
        except Exception as exc:  # as extract_document: the document's rejection, not the run's end
            coded = exc
            for f in futures:
                f.cancel()
        doc = assemble(plan, coded)
        return [doc if render is None else render(doc)]

    return result
