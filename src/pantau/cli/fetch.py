"""`pantau fetch` and `pantau watch`: articles from the web, politely, each emitted once."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import time
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..model import Document
from ..settings import Options

if TYPE_CHECKING:
    from ..ingest.fetch import FetchOptions

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """``15m``, ``30s``, ``1h``, ``90`` (seconds) → seconds."""
    m = _EVERY.match(value)
    if not m or float(m.group(1)) <= 0:
        raise click.BadParameter(f"{value!r} is not an interval; use e.g. 30s, 15m, 1h.")
    return float(m.group(1)) * _UNIT[m.group(2)]


def extracted(docs: Iterator[Document], options: Options) -> Iterator[Document]:
    """Extract each fetched document (rejections pass through)."""
    from .. import extract_many

    return extract_many(docs, options=options)


def _common(fn: Any) -> Any:
    for opt in reversed([
        click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                     help="Append JSON Lines here instead of writing to stdout."),
        click.option("--state", type=click.Path(dir_okay=False), default=None,
                     help="JSON file remembering seen items and HTTP validators between runs."),
        click.option("--no-text", is_flag=True, help="Leave the document text out of the output."),
        click.option("--lang", help="Force this language (BCP 47 tag) instead of detecting it."),
        click.option("--keep-duplicates", is_flag=True, help="Keep near-duplicate documents."),
        click.option("--timeout", type=float, default=15.0, show_default=True, help="Seconds per request."),
        click.option("--retries", type=int, default=2, show_default=True, help="Retries on network errors and 5xx."),
        click.option("--rate", type=float, default=1.0, show_default=True,
                     help="Minimum seconds between two requests to the same host."),
        click.option("--ignore-robots", is_flag=True, help="Do not read robots.txt (only for your own sites)."),
        click.option("--no-extract", is_flag=True, help="Emit the documents without extracting events."),
    ]):
        fn = opt(fn)
    return fn


def _setup(kind: str, args: tuple[str, ...], kw: dict[str, Any],
           store: str | None = None) -> tuple[Options, FetchOptions, list[str]]:
    """What `fetch`, `watch` and the monitor share: the options, the fetch options and the URLs
    (files of URLs read); the --state file's folder made."""
    from ..ingest.fetch import FetchOptions, read_list
    from .paths import output_file

    if not args:
        raise click.UsageError(f"give at least one {'URL' if kind == 'fetch' else 'feed URL or file of URLs'}.")
    options = Options.from_env(lang=kw["lang"], keep_duplicates=kw["keep_duplicates"] or None, store=store)
    if kw["no_text"]:
        options = options.with_(include_text=False)
    fopts = FetchOptions(timeout=kw["timeout"], retries=kw["retries"], min_interval=kw["rate"],
                         respect_robots=not kw["ignore_robots"])
    output_file(kw["state"], "--state", make_folder=True)
    return options, fopts, [u for a in args for u in read_list(a)]


def _run(kind: str, args: tuple[str, ...], kw: dict[str, Any], *, every: float | None = None,
         once: bool = True) -> None:
    from ..ingest.duplicates import Deduplicator
    from ..ingest.fetch import Fetcher, iter_fetch, iter_watch
    from ..ingest.state import JsonSeenState, MemoryState, SeenState
    from .extract import RunSummary, render_line, write_jsonl
    from .paths import output_file

    output_file(kw["output"], "--output")
    options, fopts, urls = _setup(kind, args, kw)
    state: SeenState = JsonSeenState(kw["state"]) if kw["state"] else MemoryState()
    summary = RunSummary()
    dedup = None if options.keep_duplicates else Deduplicator()
    target = open(kw["output"], "a", encoding="utf-8") if kw["output"] else nullcontext(sys.stdout)  # noqa: SIM115
    with Fetcher(options, fopts, state) as fetcher, target as out:
        while True:
            docs = iter_fetch(urls, fetcher) if kind == "fetch" else iter_watch(urls, fetcher)
            if dedup is not None:
                docs = (dedup.check(d) for d in docs)
            if not kw["no_extract"]:
                docs = extracted(docs, options)
            write_jsonl((render_line(d, options.include_text) for d in docs), out, summary)
            out.flush()
            if once or every is None:
                break
            click.echo(summary.line() + f"; next poll in {every:.0f} s", err=True)
            time.sleep(every)
    click.echo(summary.line(), err=True)
    if summary.reject_rate > options.max_reject_rate:
        sys.exit(1)


@click.command()
@click.argument("urls", nargs=-1)
@_common
def fetch(urls: tuple[str, ...], **kw: Any) -> None:
    """Fetch article pages and extract their events (JSON Lines, like `pantau extract`).

    Each URL (or each line of a FILE of URLs) is fetched with httpx: robots.txt honoured, one
    request per --rate seconds per host, retries with backoff, a User-Agent naming pantau. With
    --state, URLs already emitted are skipped on later runs. Failures (unreachable, 404,
    redirect loops, pages over the size limit) are output lines with `rejected` set.

    \b
    Example:
      pantau fetch https://example.org/news/1 https://example.org/news/2 --state fetch-state.json

    Exit codes: 0 done, 1 more than the allowed share of documents rejected, 2 usage error.
    """
    _run("fetch", urls, kw)


@click.command()
@click.argument("feeds", nargs=-1)
@click.option("--every", default="15m", show_default=True, help="Poll interval (30s, 15m, 1h).")
@click.option("--once", is_flag=True, help="Poll once and exit (for cron).")
@click.option("--store", help="Store each poll's articles and events here (a DuckDB or PostgreSQL URL, as for "
              "`pantau ingest`), cluster them and check --alerts, instead of writing JSON Lines.")
@click.option("--alerts", "rules_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With --store: alert rules and channels (YAML; docs/alerts.md), checked after every poll.")
@_common
def watch(feeds: tuple[str, ...], every: str, once: bool, store: str | None, rules_path: Path | None,
          **kw: Any) -> None:
    """Poll RSS/Atom feeds and emit each new article once; with --store, monitor them: store,
    cluster and alert after every poll.

    FEEDS are feed URLs or files listing them. Entries with full content become documents;
    link-only entries are fetched. Feeds are requested conditionally (ETag/Last-Modified), and
    seen entries and validators are kept in --state (default .pantau/watch-state.json; with
    --store, one file per store, .pantau/watch-state-<hash of its URL>.json), so an unchanged feed
    emits nothing and a changed feed exactly its new entries.

    With --store the state is saved only after a poll's documents are stored, and sent alerts are
    recorded in the store, so a monitor killed at any point and started again loses nothing and
    sends nothing twice. SIGTERM or Ctrl-C finishes the article in hand and exits 0. One line on
    stderr per poll: feeds (failed), new documents, events, rejections, alerts, errors.

    \b
    Example:
      pantau watch https://example.org/rss.xml --every 15m -o news.jsonl
      pantau watch feeds.txt --once --state state.json
      pantau watch feeds.txt --store duckdb:///pantau.duckdb --alerts examples/alerts.yaml --every 15m

    Exit codes: 0 done (or stopped by a signal), 1 more than the allowed share of documents
    rejected (--once: some feed or alert channel failed), 2 usage error.
    """
    interval = parse_every(every)
    if store is None:
        kw["state"] = kw["state"] or ".pantau/watch-state.json"
        if rules_path is not None:
            raise click.UsageError("--alerts needs --store: alerts are checked against stored events.")
        _run("watch", feeds, kw, every=interval, once=once)
        return
    if kw["output"] or kw["no_extract"]:
        raise click.UsageError("--store keeps the articles and events in the store; drop --output / --no-extract.")
    if kw["state"] is None:  # one state per store: what went to a JSON Lines file is not in the store
        from .store import store_url

        kw["state"] = f".pantau/watch-state-{hashlib.sha1(store_url(store).encode()).hexdigest()[:10]}.json"
    _monitor(feeds, kw, store, rules_path, every=interval, once=once)


def _monitor(args: tuple[str, ...], kw: dict[str, Any], store: str, rules_path: Path | None, *, every: float,
             once: bool) -> None:
    from ..alerts import load_rules
    from ..ingest.fetch import Fetcher, iter_watch
    from ..ingest.state import JsonSeenState
    from ..monitor import DeferredState, poll
    from ..store import open_store
    from .signals import Interrupt
    from .store import store_url

    options, fopts, feeds = _setup("watch", args, kw, store)
    rules = load_rules(rules_path) if rules_path is not None else None
    url = store_url(store)
    failed = False
    with Interrupt() as interrupt:
        n = 0
        while not interrupt():
            n += 1
            state = DeferredState(JsonSeenState(kw["state"]))
            with Fetcher(options, fopts, state) as fetcher, open_store(url, create=True) as st:
                summary = poll(st, feeds, lambda: iter_watch(feeds, fetcher), options, rules=rules,
                               commit=state.commit, stop=interrupt, echo=click.echo)
            stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
            tail = "" if once or interrupt() else f"; next poll in {every:.0f} s"
            click.echo(f"pantau: poll {n} at {stamp}: {summary.line()}{tail}", err=True)
            for problem in [*summary.failed_feeds, *summary.alert_failures]:
                click.echo(f"pantau:   {problem}", err=True)
            failed = failed or summary.errors > 0
            if once:
                break
            deadline = time.monotonic() + every
            while not interrupt() and time.monotonic() < deadline:
                time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
    if interrupt():
        click.echo("pantau: stopped; start the same command again to go on (nothing is lost or repeated).",
                   err=True)
        return
    if once and failed:
        sys.exit(1)
