"""Dashboard first render: navigation to the map's markers being visible, in Chromium, over a
given store; the median of several loads, each in a fresh browser context (nothing cached).

    .venv/bin/python benchmarks/dashboard_render.py --store duckdb:////path/big.duckdb
    .venv/bin/python benchmarks/dashboard_render.py --store duckdb:////path/big.duckdb --loads 9 --path '/#/?type=ASSAULT'

The server is pantau's own app (``pantau serve``) in a thread on loopback, reading the store; the
browser is Debian's Chromium (``apt-get install chromium``) driven by Playwright. Besides the
median it prints, per load, how long each API call of the first screen took in the browser.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from dashkit import browser_missing, chromium, serve  # noqa: E402

RESOURCES = ("performance.getEntriesByType('resource').filter(r => r.name.includes('/api/'))"
             ".map(r => [new URL(r.name).pathname, Math.round(r.duration)])")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="store URL, e.g. duckdb:////data/pantau.duckdb")
    parser.add_argument("--loads", type=int, default=5, help="page loads to time (default 5)")
    parser.add_argument("--path", default="/", help="dashboard address to load (default /)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for one load")
    args = parser.parse_args(argv)
    missing = browser_missing()
    if missing:
        parser.error(missing)
    times: list[float] = []
    with serve(args.store, timeout=args.timeout) as base, chromium() as browser:
        for n in range(1, args.loads + 1):
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base + args.path)
            page.locator("#map .marker").first.wait_for(state="visible", timeout=args.timeout * 1000)
            elapsed = time.perf_counter() - started
            times.append(elapsed)
            calls = ", ".join(f"{path} {ms} ms" for path, ms in page.evaluate(RESOURCES))
            print(f"load {n}: {elapsed * 1000:.0f} ms  ({calls})", flush=True)
            context.close()
    print(f"first render (navigation to visible markers), median of {len(times)}: "
          f"{statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
