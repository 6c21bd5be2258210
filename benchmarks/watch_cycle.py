"""The monitor's cost: one `pantau watch --store --alerts` poll over 50 feeds of 20 articles each on
loopback, and alert evaluation over 100,000 stored events.

    .venv/bin/python benchmarks/watch_cycle.py                 # 50 feeds x 20 items, 100,000 events
    .venv/bin/python benchmarks/watch_cycle.py --feeds 10 --items 10 --events 20000

Part 1 serves 50 RSS feeds of 20 link-only entries each from a local HTTP server (each article a
page of its own: paragraphs of the example and cluster-story articles recombined, so no two are
near-duplicates), then runs one poll of the monitor (`pantau.monitor.poll`: conditional GETs,
1,000 page fetches, extraction, a DuckDB store, clustering, the alert rules of the scenario test)
into a fresh store, and a second poll (every feed answers 304: nothing new). Its baseline, in the
same run and process, is extracting the same 1,000 articles from memory (`pantau.extract_many`):
the ratio poll / extraction is what compares across machines (the fetching, storing, clustering
and alerting on top of the coder). Peak RSS is this process's (`ru_maxrss`).

Part 2 stores 100,000 synthetic events (benchmarks/store_speed.py's generator), clusters them, and
times `pantau.alerts.evaluate` with an event rule (deadly attacks), a ceasefire rule and a spike
rule; its baseline is one `store.events` page of 100 rows. Issue 12's target: evaluation under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import json
import random
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from store_speed import synthetic_documents  # noqa: E402

from pantau import extract_many  # noqa: E402
from pantau.alerts import evaluate, load_rules  # noqa: E402
from pantau.ingest.fetch import Fetcher, FetchOptions, iter_watch  # noqa: E402
from pantau.ingest.state import MemoryState  # noqa: E402
from pantau.monitor import DeferredState, poll  # noqa: E402
from pantau.settings import Options  # noqa: E402
from pantau.store import EventQuery, open_store  # noqa: E402
from pantau.store.clusters import build_clusters  # noqa: E402

RULES = """rules:
  - {name: deadly-attacks, watch: event, type: ASSAULT, min_dead: 10}
  - {name: truce, watch: ceasefire}
  - {name: protest-spike, watch: spike, type: PROTEST, country: IDN, factor: 3, min_count: 3}
channels:
  - {kind: jsonl, path: %s}
"""


def articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` articles of 3-5 paragraphs drawn from the example and cluster-story articles."""
    paths = [ROOT / "examples" / "articles.jsonl", *sorted((ROOT / "tests" / "gold" / "cluster-stories").glob(
        "*-articles.jsonl"))]
    pools: dict[str, list[str]] = {"en": [], "id": []}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            if a.get("lang") in pools:
                pools[a["lang"]] += [p for p in a["text"].split("\n\n") if len(p) > 80]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "en" if i % 2 else "id"
        out.append({"lang": lang, "title": f"Report {i}", "published": (dt.date(2026, 6, 1) + dt.timedelta(days=i % 60))
                    .isoformat(), "text": "\n\n".join(rng.sample(pools[lang], rng.randint(3, 5)))})
    return out


class Site:
    def __init__(self, feeds: int, items: int, docs: list[dict[str, str]]) -> None:
        self.feeds, self.items, self.docs = feeds, items, docs
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once, as from a real web server

            def log_message(self, *args: object) -> None:
                pass

            def reply(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                parts = self.path.strip("/").split("/")
                if parts[0] == "feed":
                    etag = f'"feed-{parts[1]}"'
                    if self.headers.get("If-None-Match") == etag:
                        return self.reply(304, b"", "application/rss+xml", etag)
                    return self.reply(200, site.feed(int(parts[1])), "application/rss+xml", etag)
                if parts[0] == "article":
                    return self.reply(200, site.page(int(parts[1])), "text/html; charset=utf-8")
                return self.reply(404, b"", "text/plain")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self, f: int) -> bytes:
        items = []
        for k in range(f * self.items, (f + 1) * self.items):
            day = dt.date.fromisoformat(self.docs[k]["published"])
            items.append(f"<item><title>Report {k}</title><link>{self.base}/article/{k}</link><guid>a{k}</guid>"
                         f"<pubDate>{email.utils.format_datetime(dt.datetime.combine(day, dt.time(8), dt.UTC))}"
                         "</pubDate></item>")
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>{"".join(items)}'
                "</channel></rss>").encode()

    def page(self, k: int) -> bytes:
        d = self.docs[k]
        body = "".join(f"<p>{p}</p>" for p in d["text"].split("\n\n"))
        return (f"<html lang='{d['lang']}'><head><title>{d['title']}</title><meta property='article:published_time' "
                f"content='{d['published']}T08:00:00Z'></head><body><article><h1>{d['title']}</h1>{body}</article>"
                "</body></html>").encode()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cycle(feeds: int, items: int, tmp: Path) -> None:
    docs = articles(feeds * items)
    site = Site(feeds, items, docs)
    urls = [f"{site.base}/feed/{f}" for f in range(feeds)]
    options = Options()
    rules = tmp / "rules.yaml"
    rules.write_text(RULES % (tmp / "alerts.jsonl"), encoding="utf-8")
    loaded = load_rules(rules)

    started = time.perf_counter()
    extracted = sum(len(d.events) for d in extract_many(docs, options=options))
    baseline = time.perf_counter() - started
    print(f"baseline: extract {len(docs)} articles from memory: {baseline:.2f} s ({extracted} events)")

    state = DeferredState(MemoryState())
    fopts = FetchOptions(min_interval=0.0, retries=0, respect_robots=False)
    with open_store(f"duckdb:///{tmp}/watch.duckdb") as store, Fetcher(options, fopts, state) as fetcher:
        for label in ("first poll (everything new)", "second poll (nothing new)"):
            began = time.perf_counter()
            summary = poll(store, urls, lambda: iter_watch(urls, fetcher), options, rules=loaded, commit=state.commit,
                           echo=lambda _: None)
            took = time.perf_counter() - began
            print(f"{label}: {summary.line()}; {took:.2f} s = {took / baseline:.2f} x extraction; "
                  f"peak RSS {peak_mb():.0f} MB")
        clusters = store.count("clusters")
    print(f"store: {clusters} clusters")
    site.server.shutdown()


def alerts_over(n_events: int, tmp: Path) -> None:
    url = f"duckdb:///{tmp}/alerts.duckdb"
    with open_store(url) as store:
        began = time.perf_counter()
        store.write_documents(synthetic_documents(n_events), batch_size=2000)
        build_clusters(store)
        print(f"stored and clustered {store.count('events'):,} events in {time.perf_counter() - began:.1f} s "
              f"({store.count('clusters'):,} clusters)")
        rules = tmp / "rules.yaml"
        rules.write_text(RULES % (tmp / "alerts.jsonl"), encoding="utf-8")
        loaded = load_rules(rules)
        as_of = dt.date(2024, 12, 31)
        base, evals = [], []
        for _ in range(3):
            t = time.perf_counter()
            store.events(EventQuery(limit=100), ("event_id", "day", "event"))
            base.append(time.perf_counter() - t)
            t = time.perf_counter()
            found = evaluate(store, loaded, as_of=as_of)
            evals.append(time.perf_counter() - t)
        b, e = min(base), min(evals)
        print(f"baseline: one page of 100 events {b * 1000:.1f} ms")
        print(f"alert evaluation over {n_events:,} events: {e:.3f} s (best of 3) = {e / b:.0f} x the page; "
              f"{len(found)} alerts due; target < 1 s: {'met' if e < 1 else 'NOT met'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="pantau-watch-") as tmp:
        cycle(args.feeds, args.items, Path(tmp))
        alerts_over(args.events, Path(tmp))


if __name__ == "__main__":
    main()
