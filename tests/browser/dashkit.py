"""What the browser tests, ``tools/screenshots.py`` and ``benchmarks/dashboard_render.py`` share:
a DuckDB store built by pantau's own ingest, ``pantau serve``'s app in a thread, and Debian's
Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "articles.jsonl"
SEED = SHARED / "eval" / "dev" / "seed.jsonl"
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY = "body.ready"


def browser_missing() -> str | None:
    """Why the browser cannot run here, or None."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} not found: apt-get install chromium (Playwright drives Debian's Chromium, never a download)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing: pip install -e '.[dev]'; the browser comes from apt-get install chromium"
    return None


def build_store(path: Path, sources: Sequence[Path]) -> str:
    """A DuckDB store at path holding what ``pantau ingest`` makes of sources; its URL."""
    from pantau.run import ingest
    from pantau.settings import Options
    from pantau.store import open_store

    url = f"duckdb:///{path.resolve()}"
    store = open_store(url, create=True)
    try:
        ingest(store, [str(s) for s in sources], Options.from_env(store=url))
    finally:
        store.close()
    return url


def serve(url: str, timeout: float = 30.0) -> Any:
    """Serves the store at url on a free loopback port (``tests/webserver.py``); yields the base address."""
    sys.path.insert(0, str(ROOT / "tests"))
    from webserver import live_server

    return live_server(url, start_timeout=timeout)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (/usr/bin/chromium) under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def first_render(page: Any, base: str, path: str = "/", timeout: float = 30_000) -> float:
    """Seconds from navigation to the map's first marker being visible."""
    started = time.perf_counter()
    page.goto(base + path)
    page.locator("#map .marker").first.wait_for(state="visible", timeout=timeout)
    return time.perf_counter() - started


def wait_rendered(page: Any, timeout: float = 15_000) -> None:
    """Waits until the dashboard shows what its address asks for (app.js sets body[data-rendered])."""
    page.wait_for_function("() => document.body.dataset.rendered === (location.hash || '#/')", timeout=timeout)


def shot(page: Any, name: str, full_page: bool = False) -> Path:
    """Saves a screenshot as build/screenshots/<name>.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def api(page: Any, path: str) -> Any:
    """GET path from inside the page (same origin as the dashboard), as JSON."""
    return page.evaluate("async (p) => (await fetch(p)).json()", path)
