"""API load: `GET /api/events?country=…` against a real `pantau serve` on loopback.

    .venv/bin/python benchmarks/api_load.py                        # 100,000 events, DuckDB and PostgreSQL
    .venv/bin/python benchmarks/api_load.py --backends duckdb --seconds 20 --concurrency 16
    .venv/bin/python benchmarks/api_load.py --store duckdb:////tmp/big.duckdb   # an existing store

Builds a store of synthetic events (benchmarks/store_speed.py's generator: skewed types, Zipf
countries, a year of dates) unless --store names one, starts `pantau serve` on it as a separate
process, and drives it with a bounded load generator (a fixed number of keep-alive connections
for a fixed time, from this process) through the countries in turn. Reports requests/s and
latency percentiles, and the same for `GET /api/meta` (no store work) in the same run: the ratio
of the two is what compares across machines. Issue 11's target: >= 300 requests/s, p99 <= 200 ms
on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from store_speed import synthetic_documents  # noqa: E402

from pantau.store import open_store  # noqa: E402


def build(url: str, n_events: int) -> None:
    started = time.perf_counter()
    with open_store(url) as store:
        if store.count("events") >= n_events:
            print(f"{url}: {store.count('events'):,} events already stored")
            return
        store.write_documents(synthetic_documents(n_events), batch_size=2000)
        print(f"{url}: stored {store.count('events'):,} events in {time.perf_counter() - started:.1f} s")


async def _one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode())
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(status_line.split()[1])


async def _load(port: int, paths: list[str], seconds: float, concurrency: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        i = k
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            status = await _one(reader, writer, paths[i % len(paths)])
            latencies.append(time.perf_counter() - t0)
            errors += status != 200
            i += concurrency
        writer.close()

    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    return latencies, errors


def measure(port: int, paths: list[str], seconds: float, concurrency: int) -> dict[str, float]:
    asyncio.run(_load(port, paths, min(3.0, seconds), concurrency))  # warm-up: connections, caches
    started = time.perf_counter()
    latencies, errors = asyncio.run(_load(port, paths, seconds, concurrency))
    elapsed = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000, "p99_ms": q[98] * 1000}


def serve(url: str, port: int, cache: bool) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "pantau", "serve", "--store", url, "--port", str(port),
                             *(() if cache else ("--cache-size", "0"))],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    from webserver import wait_until_up

    try:
        wait_until_up(f"http://127.0.0.1:{port}", lambda: proc.poll() is None)
    except RuntimeError:
        proc.kill()
        raise SystemExit(f"pantau serve did not start on {url}") from None
    return proc


def run(url: str, args: argparse.Namespace, cache: bool) -> dict[str, Any]:
    from webserver import free_port

    port = free_port()
    proc = serve(url, port, cache)
    try:
        import httpx

        stats = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=600).json()
        countries = [r["country"] for r in stats["by_country"][:20]]
        paths = [f"/api/events?country={c}" for c in countries]
        events = measure(port, paths, args.seconds, args.concurrency)
        base = measure(port, ["/api/meta"], args.seconds, args.concurrency)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    return {"store": url.split("@")[-1], "cache": cache, "events_total": stats["total"], "countries": len(countries),
            "events": events, "meta": base, "rps_ratio_to_meta": events["rps"] / base["rps"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--backends", default="duckdb,postgresql")
    ap.add_argument("--store", help="an existing store to serve instead of building one")
    ap.add_argument("--pg-url", help="PostgreSQL database to fill (default: a throw-away server on loopback)")
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="pantau-api-load-") as tmp:
        urls = [args.store] if args.store else []
        if not urls:
            for backend in args.backends.split(","):
                if backend == "duckdb":
                    urls.append(f"duckdb:///{tmp}/load.duckdb")
                elif backend == "postgresql":
                    if args.pg_url:
                        urls.append(args.pg_url)
                    else:
                        from pgserver import shared_server

                        urls.append(shared_server().create_database(f"load_{os.getpid()}"))
            for url in urls:
                build(url, args.events)
        for url in urls:
            for cache in (True, False):
                result = run(url, args, cache)
                results.append(result)
                e, m = result["events"], result["meta"]
                print(f"{result['store']} ({'response cache' if cache else 'no cache'}): "
                      f"{result['events_total']:,} events; GET /api/events?country=… {e['rps']:.0f} req/s, "
                      f"p50 {e['p50_ms']:.1f} ms, p95 {e['p95_ms']:.1f} ms, p99 {e['p99_ms']:.1f} ms, "
                      f"{int(e['errors'])} errors; /api/meta {m['rps']:.0f} req/s "
                      f"(ratio {result['rps_ratio_to_meta']:.2f})")
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
