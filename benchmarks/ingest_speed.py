"""Ingestion speed and memory: HTML pages in a WARC → documents (→ events), on one core.

    .venv/bin/python benchmarks/ingest_speed.py            # >= 1,000 pages, speed table
    .venv/bin/python benchmarks/ingest_speed.py --big      # also stream a >= 1 GB WARC, peak RSS

The pages are the example articles (examples/articles.jsonl) rendered into the example site
templates (examples/sites/), repeated with distinct ids until there are ``--pages`` of them, and
packed into a WARC.gz in a temporary directory. Rows:

- trafilatura alone: ``trafilatura.extract`` with its defaults (comments included, no metadata),
  and ``trafilatura.bare_extraction`` with the settings pantau uses (metadata, dates with time
  zone, comments excluded, fast mode), each on the page's HTML string - the floor pantau builds on;
- WARC → documents: ``pantau.ingest.iter_documents`` on the WARC (streaming, decoding,
  trafilatura with metadata, boilerplate filters, ids; duplicates kept so every page counts);
- near-duplicate check: ``pantau.ingest.duplicates.Deduplicator`` over the same documents;
- WARC → events: the above plus ``pantau.extract.pipeline.extract_document`` (when present).

``--big`` writes a WARC of at least 1 GB (each page padded with an HTML comment of random
text, so the archive is big without millions of records), streams it through
``iter_documents`` in a child process (default options, duplicates detected) and reports that
process's peak RSS. The file is deleted afterwards.
"""

from __future__ import annotations

import argparse
import base64
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pantau.ingest import iter_documents
from pantau.ingest.corpus import Page, load_articles, load_sites, render_all, write_warc
from pantau.settings import Options


def make_pages(n: int) -> list[Page]:
    articles = load_articles()
    sites = load_sites()
    out: list[Page] = []
    round_ = 0
    while len(out) < n:
        copies = [{**a, "id": f"{a['id']}-r{round_}"} for a in articles]
        out.extend(render_all(copies, sites))
        round_ += 1
    return out[:n]


def timed(label: str, n: int, fn: object) -> tuple[str, int, float]:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return label, n, time.perf_counter() - start


def speed(pages: int) -> list[tuple[str, int, float]]:
    import trafilatura
    from trafilatura import bare_extraction

    from pantau.ingest.html import _DATE_PARAMS, FAST

    rows = []
    items = make_pages(pages)
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        with open(warc, "wb") as fh:
            write_warc(items, fh)
        # warm-up: imports, pack loading, language identifier
        list(iter_documents([str(warc)], Options(keep_duplicates=True)))
        rows.append(timed("trafilatura.extract alone, defaults", len(items),
                          lambda: [trafilatura.extract(p.html) for p in items]))
        rows.append(timed("trafilatura alone, as pantau calls it", len(items),
                          lambda: [bare_extraction(p.html, url=p.url, fast=FAST, with_metadata=True,
                                                   include_comments=False, date_extraction_params=_DATE_PARAMS)
                                   for p in items]))
        docs: list = []
        rows.append(timed("pantau WARC → documents", len(items), lambda: docs.extend(
            iter_documents([str(warc)], Options(keep_duplicates=True)))))

        def dedup() -> None:
            from pantau.ingest.duplicates import Deduplicator

            d = Deduplicator()
            for doc in docs:
                d.check(doc)

        rows.append(timed("near-duplicate check (MinHash LSH)", len(docs), dedup))
        try:
            from pantau.extract.pipeline import extract_document
        except ImportError:
            extract_document = None
        if extract_document is not None:
            opts = Options(keep_duplicates=True)
            extract_document(docs[0], opts)
            events = [0]

            def to_events() -> None:
                for doc in iter_documents([str(warc)], opts):
                    events[0] += len(extract_document(doc, opts).events)

            rows.append(timed("pantau WARC → events", len(items), to_events))
            print(f"(events extracted: {events[0]})")
    return rows


def write_big(path: Path, gigabytes: float) -> int:
    target = int(gigabytes * 1024 ** 3)
    pages = make_pages(200)
    n = 0
    with open(path, "wb") as fh:
        while fh.tell() < target:
            batch = []
            for p in pages:
                pad = base64.b64encode(os.urandom(750_000)).decode()
                html = p.html.replace("</body>", f"<!-- {pad} -->\n</body>")
                batch.append(Page(**{**{f: getattr(p, f) for f in Page.__slots__},
                                     "url": f"{p.url}-b{n}", "html": html}))
                n += 1
            write_warc(batch, fh)
    return n


def peak_rss_kb() -> int:
    """This process's peak RSS. VmHWM resets at exec; ru_maxrss on Linux keeps the forking
    parent's peak across exec, which would charge the child with the parent's memory."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def stream_only(path: str) -> None:
    count = 0
    start = time.perf_counter()
    for _ in iter_documents([path], Options()):
        count += 1
    peak_kb = peak_rss_kb()
    print(f"{count} {time.perf_counter() - start:.1f} {peak_kb}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1200, help="pages in the speed WARC (default 1200)")
    ap.add_argument("--big", action="store_true", help="also stream a >= 1 GB WARC and report peak RSS")
    ap.add_argument("--gigabytes", type=float, default=1.05, help="size of the --big WARC")
    ap.add_argument("--stream-only", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stream_only:
        stream_only(args.stream_only)
        return
    rows = speed(args.pages)
    print(f"\n{'stage':<42} {'pages':>6} {'seconds':>8} {'pages/s':>8}")
    for label, n, secs in rows:
        print(f"{label:<42} {n:>6} {secs:>8.2f} {n / secs:>8.1f}")
    if args.big:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "big.warc.gz"
            t0 = time.perf_counter()
            records = write_big(path, args.gigabytes)
            size = path.stat().st_size
            print(f"\nbig WARC: {size / 1024 ** 3:.2f} GB, {records} records, written in "
                  f"{time.perf_counter() - t0:.0f} s")
            out = subprocess.run([sys.executable, __file__, "--stream-only", str(path)], check=True,
                                 capture_output=True, text=True).stdout.split()
            count, secs, peak_kb = int(out[0]), float(out[1]), int(out[2])
            print(f"streamed {count} documents in {secs:.0f} s; peak RSS {peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
