"""The monitor: ``pantau watch --store``. Each poll reads the feeds, extracts and stores the new
articles as one recorded run, re-clusters the days they touch, and sends the alerts that are now due.

Like ``run.py`` it spans the layers (ingest, extract, store, alerts), so it lives above them and no
layer imports it.

What a kill at any point costs (the contract the tests hold it to):

- The seen-items state (``--state``) is written only after a poll's documents are committed to the
  store. A poll killed half-way is read again from the start by the next one; what it had already
  stored is stored again under the same content-hash ids (an upsert, never a second row).
- Alerts are recorded in the store one by one, right after sending, so a restart sends nothing twice
  (a kill between sending one alert and recording it is the single window for a repeat).
- SIGTERM/SIGINT (``stop``): the document in hand is finished, the poll's stored documents stay,
  the state is not saved, alerts are not evaluated; the next start picks up from there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import __version__, extract_many
from .alerts import Rules, run_alerts
from .model import Document
from .run import IngestResult, ingest, settings_hash
from .settings import Options
from .store import RunInfo, SqlStore


@dataclass(slots=True)
class PollSummary:
    """What one poll did: the line ``pantau watch`` prints after it."""

    feeds: int = 0
    failed_feeds: list[str] = field(default_factory=list)
    documents: int = 0
    """New documents stored (articles, not rejections)."""
    rejected: int = 0
    events: int = 0
    alerts: int = 0
    alert_failures: list[str] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return len(self.failed_feeds) + len(self.alert_failures)

    def line(self) -> str:
        failed = f" ({len(self.failed_feeds)} failed)" if self.failed_feeds else ""
        text = (f"{self.feeds} feeds{failed}, {self.documents} new documents, {self.events} events, "
                f"{self.rejected} rejections, {self.alerts} alerts, {self.errors} errors, {self.seconds:.1f} s")
        return text + (" (interrupted)" if self.interrupted else "")


class DeferredState:
    """A seen-items state whose ``save`` waits for ``commit``: what the fetcher marks seen reaches
    the file only once the poll's documents are stored."""

    def __init__(self, state: Any):
        self.inner = state

    def is_seen(self, key: str) -> bool:
        return bool(self.inner.is_seen(key))

    def mark_seen(self, key: str) -> None:
        self.inner.mark_seen(key)

    def validators(self, url: str) -> dict[str, str]:
        return dict(self.inner.validators(url))

    def set_validators(self, url: str, validators: dict[str, str]) -> None:
        self.inner.set_validators(url, validators)

    def save(self) -> None:
        return None

    def commit(self) -> None:
        self.inner.save()


def poll_run(feeds: Sequence[str], options: Options, started: str) -> RunInfo:
    """A run record per poll: the feeds and the poll's start time name it."""
    key = json.dumps(["watch", list(feeds), started, settings_hash(options), __version__])
    return RunInfo(run_id=hashlib.sha256(key.encode()).hexdigest()[:20], sources=tuple(feeds),
                   settings_hash=settings_hash(options), pantau_version=__version__)


def poll(store: SqlStore, feeds: Sequence[str], documents: Callable[[], Iterable[Document]], options: Options, *,
         rules: Rules | None = None, commit: Callable[[], None] = lambda: None,
         stop: Callable[[], bool] | None = None, echo: Callable[[str], None] | None = None,
         as_of: dt.date | None = None, jobs: int | None = 1) -> PollSummary:
    """One poll: ``documents()`` yields the feeds' new items (``ingest.fetch.iter_watch``); they are
    extracted, stored and clustered as one run (none when nothing is new); then ``commit`` saves the seen state and the alert
    rules are evaluated, each new alert sent and recorded."""
    from .ingest.duplicates import Deduplicator

    summary = PollSummary(feeds=len(feeds))
    began = time.perf_counter()
    feed_set = set(feeds)

    def observed(stream: Iterable[Document]) -> Iterator[Document]:
        for doc in stream:
            if doc.rejected is not None and doc.locator in feed_set:
                summary.failed_feeds.append(f"{doc.locator}: {doc.rejected.detail}")
            yield doc

    stream: Iterable[Document] = observed(documents())
    if not options.keep_duplicates:
        dedup = Deduplicator()
        stream = (dedup.check(d) for d in stream)
    items = iter(stream)
    first = next(items, None)
    if first is not None:  # a poll that finds nothing new records no run
        info = poll_run(feeds, options, dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"))
        result: IngestResult = ingest(store, info.sources, options, stop=stop, info=info,
                                      documents=extract_many(itertools.chain([first], items), options=options,
                                                             jobs=jobs))
        c = result.counts
        summary.documents, summary.rejected, summary.events = c.documents - c.rejected, c.rejected, c.events
        summary.interrupted = result.interrupted
    if not summary.interrupted:
        commit()
        if rules is not None:
            sent, failures = run_alerts(store, rules, as_of=as_of, echo=echo)
            summary.alerts, summary.alert_failures = len(sent), failures
    summary.seconds = time.perf_counter() - began
    return summary
