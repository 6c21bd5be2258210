"""The browser tests' world: a real DuckDB store built by pantau's own ingest from the example
articles, the seed article (../shared, when present) and a hostile article written here; the
server in a thread on loopback; Debian's Chromium. Screenshots go to build/screenshots/."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashkit import EXAMPLES, SEED, browser_missing, build_store, chromium, serve  # noqa: E402

HOSTILE_ID = "hostile-goma-clash"

# A news-like report in our own words whose body carries markup that must stay text, with a
# sentence about a deadly clash so that it yields events with spans; the emoji before that
# sentence is outside the Basic Multilingual Plane, so UTF-16 offsets would miss the spans.
HOSTILE_TEXT = (
    "GOMA, June 3 - Fighting between the army and rebels near the town of Sake killed at least 14 people "
    "on Monday, the provincial governor said.\n\n"
    "Residents said shells \U0001f4a5 fell on the market before noon. <script>window.__xss=1</script> "
    "Aid groups asked for calm. <img src=x onerror=\"window.__xss=2\"> Local radio posted a link labelled "
    "javascript:window.__xss=3 that listeners were told not to open.\n\n"
    "The army said 20 rebels were killed in the clash near Sake, a figure the rebels denied."
)
HOSTILE = {"id": HOSTILE_ID, "lang": "en", "published": "2025-06-03", "source": "<i>wire</i>.example",
           "title": "Clashes near <b>Sake</b> kill 14", "url": "javascript:window.__xss=4", "text": HOSTILE_TEXT}


@dataclass
class Site:
    base: str
    seed_id: str | None
    hostile_id: str = HOSTILE_ID


@dataclass
class Page:
    """A Playwright page with what its console said."""

    page: Any
    console: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    missing = browser_missing()
    if missing:
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("dashboard")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    sources = [EXAMPLES, hostile]
    seed_id = None
    if SEED.is_file():
        sources.append(SEED)
        seed_id = json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])["id"]
    url = build_store(folder / "dashboard.duckdb", sources)
    with serve(url) as base:
        yield Site(base=base, seed_id=seed_id)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = browser_missing()
    if missing:
        pytest.skip(missing)
    with chromium() as b:
        yield b


def _open(browser: Any, **context: Any) -> Iterator[Page]:
    ctx = browser.new_context(locale="en-US", **context)
    page = ctx.new_page()
    out = Page(page)
    page.on("console", lambda message: out.console.append(message))
    page.on("pageerror", lambda exc: out.errors.append(str(exc)))
    try:
        yield out
    finally:
        ctx.close()


@pytest.fixture
def desk(browser: Any) -> Iterator[Page]:
    """A page at 1280 × 800."""
    yield from _open(browser, viewport={"width": 1280, "height": 800})


@pytest.fixture
def phone(browser: Any) -> Iterator[Page]:
    """A page at 390 × 844, as on a phone."""
    yield from _open(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)


@pytest.fixture
def seed(site: Site) -> str:
    if site.seed_id is None:
        pytest.skip(f"{SEED} is not present (../shared holds the seed article)")
    return site.seed_id
