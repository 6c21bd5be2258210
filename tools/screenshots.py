"""Write the dashboard's screenshots for the docs: ``docs/img/dashboard.png`` (the main view) and
``docs/img/event-view.png`` (the seed article's clash with its evidence highlighted) and
``docs/img/ceasefire.png`` (the example corpus's Thailand–Cambodia truce), all at
1280 × 800.

Builds a DuckDB store from ``examples/articles.jsonl`` and the seed article
(``../shared/eval/dev/seed.jsonl``) with pantau's own ingest, serves it on loopback and shoots it
in Debian's Chromium (``apt-get install chromium``; Playwright drives it, nothing is downloaded).

    .venv/bin/python tools/screenshots.py
    .venv/bin/python tools/screenshots.py --out /tmp/img
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from dashkit import EXAMPLES, SEED, api, browser_missing, build_store, chromium, serve, wait_rendered  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="folder for the PNG files")
    args = parser.parse_args(argv)
    missing = browser_missing()
    if missing:
        parser.error(missing)
    if not SEED.is_file():
        parser.error(f"{SEED} not found; the event view shows the seed article, so ../shared must be present")
    seed_id = json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])["id"]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pantau-shots-") as tmp:
        url = build_store(Path(tmp) / "shots.duckdb", [EXAMPLES, SEED])
        with serve(url) as base, chromium() as browser:
            context = browser.new_context(viewport=VIEWPORT, locale="en-US")
            page = context.new_page()
            page.goto(base + "/")
            page.wait_for_selector("body.ready")
            wait_rendered(page)
            page.mouse.move(5, 790)
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.out / "dashboard.png"))

            clash = api(page, f"/api/events?document={quote(seed_id)}&type=ASSAULT&claimant=ARM")["events"][0]
            page.goto(f"{base}/#/event/{quote(clash['event_id'], safe='')}")
            wait_rendered(page)
            page.wait_for_selector("#view-event .doc-text .f-trigger")
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.out / "event-view.png"))

            truce = api(page, "/api/ceasefires?country=THA")["ceasefires"][0]
            page.goto(f"{base}/#/ceasefire/{quote(truce['ceasefire_id'], safe='')}")
            wait_rendered(page)
            page.wait_for_selector(".lane-chart .agreement-line", state="attached")
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.out / "ceasefire.png"))
            context.close()
    for name in ("dashboard.png", "event-view.png", "ceasefire.png"):
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
