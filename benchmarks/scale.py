"""The Dask engine on this machine: WARC in, events out, on 1 and on N local workers.

    python benchmarks/scale.py [--mb 20] [--workers 2] [--records 200] [--no-baseline] [--markup-kb 0]

Writes a WARC.gz of about ``--mb`` megabytes (the project's example pages, rendered again and again
with their own URLs; near-duplicate detection is off, so every page is coded), then runs
``pantau.scale.ingest_dask`` over it with a LocalCluster of one worker and of ``--workers``
workers, in one session. Reports documents per second for each, the parallel efficiency
(speed-up / workers), each worker's peak resident memory, and the largest worker's resident
memory after each fifth of the partitions: flat whatever the archive's size, since a worker holds
one partition's reading and one document's coding at a time. Nothing is asserted.

The example pages are light (about 6 KB of HTML). ``--markup-kb N`` gives each copy about N KB
more of what a real news page carries around its story: inline scripts and styles, a menu of
section links, a rail of other headlines, a footer of links. It is made of varied words and
numbers (a seeded random draw, the same on every run), so that it compresses about as markup does,
not to nothing; the story itself is unchanged, so the same events come out of every copy.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


_WORDS = (
    "analytics", "consent", "banner", "cookie", "slot", "refresh", "lazy", "viewport", "render", "module",
    "bundle", "vendor", "track", "event", "page", "session", "user", "region", "edition", "market", "sport",
    "culture", "weather", "video", "podcast", "opinion", "business", "science", "health", "travel",
    "newsletter", "subscribe", "login", "account", "search", "menu", "close", "open", "share", "print",
    "comment", "related", "trending", "latest", "live", "update", "gallery", "partner", "sponsored",
)  # filler for page furniture, not vocabulary the coder reads


def markup(kb: float, rng: random.Random) -> tuple[str, str, str]:
    """About ``kb`` KB of page furniture in three parts: for the head (scripts, styles), the top of
    the body (a menu) and its end (a rail of headlines, a footer)."""
    def words(n: int) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(n))

    def script() -> str:
        return (f"<script>window.{rng.choice(_WORDS)}={{id:{rng.randrange(10**9)},slots:["
                + ",".join(f"'{rng.choice(_WORDS)}-{rng.randrange(1000)}'" for _ in range(12))
                + f"],init:function(){{return '{words(8)}'}}}};</script>\n")

    def style() -> str:
        return "".join(f".{rng.choice(_WORDS)}-{rng.randrange(500)}{{margin:{rng.randrange(40)}px;"
                       f"color:#{rng.randrange(16**6):06x}}}" for _ in range(10)) + "\n"

    def link() -> str:
        return f'<li><a href="/{rng.choice(_WORDS)}/{rng.randrange(10**6)}">{words(rng.randrange(3, 11)).capitalize()}</a></li>'

    budget = kb * 1000
    head, top, end = [], [], []
    size = 0
    while size < budget:
        for part, piece in ((head, script()), (head, "<style>" + style() + "</style>\n"),
                            (top, "<ul class='menu'>" + "".join(link() for _ in range(6)) + "</ul>\n"),
                            (end, "<ol class='rail'>" + "".join(link() for _ in range(6)) + "</ol>\n")):
            part.append(piece)
            size += len(piece)
    return "".join(head), "".join(top), "".join(end)


_BODY = re.compile(r"<body\b[^>]*>")
VARIANTS = 64  # kinds of furniture drawn at random for each page: each record is compressed alone


def build_warc(path: Path, megabytes: float, markup_kb: float = 0) -> tuple[int, float]:
    """The archive's page count and mean page size in KB."""
    from dataclasses import replace

    from pantau.ingest.corpus import ARTICLES, SITES_DIR, load_articles, load_sites, render_all, write_warc

    pages = list(render_all(load_articles(ARTICLES), load_sites(SITES_DIR)))
    rng = random.Random(7)
    furniture = [markup(markup_kb, rng) for _ in range(VARIANTS)] if markup_kb else []
    n = 0
    html_bytes = 0
    with open(path, "wb") as fh:
        while fh.tell() < megabytes * 1_000_000:
            batch = []
            for p in pages:
                html = p.html
                if markup_kb:
                    head, top, end = rng.choice(furniture)
                    html = html.replace("</head>", head + "</head>", 1).replace("</body>", end + "</body>", 1)
                    body = _BODY.search(html)
                    if body is not None:
                        html = html[:body.end()] + "\n" + top + html[body.end():]
                html_bytes += len(html.encode("utf-8"))
                # its own URL makes every copy its own document (near-duplicates are kept: see run())
                batch.append(replace(p, url=f"{p.url}?copy={n}", html=html))
            write_warc(batch, fh)
            n += 1
    return n * len(pages), html_bytes / (n * len(pages)) / 1000


def _status_mb(field: str) -> float | None:
    """A memory field of /proc/self/status (Linux) in MB, or None where there is none."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """This process's own peak resident memory: VmHWM on Linux. Not ``ru_maxrss``, which a worker
    inherits from the process that started it (a LocalCluster's workers are forked from this one
    and exec'd, and Linux keeps the larger of the two peaks across exec), so it reported this
    process's size, not the worker's."""
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    now = _status_mb("VmRSS")
    return now if now is not None else float("nan")


def run(warc: Path, workers: int, out: Path) -> tuple[float, int, list[float], list[float]]:
    """Seconds, documents, each worker's peak memory, and the largest worker's resident memory after
    each fifth of the partitions (flat when a worker keeps nothing from one partition to the next)."""
    import dask
    from distributed import Client, LocalCluster

    from pantau import scale
    from pantau.settings import Options

    with dask.config.set(scale.WORKER_CONFIG):  # the workers pantau's own LocalCluster starts
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)
    client.run(lambda: __import__("pantau.extract.pipeline", fromlist=["coder_for"]).coder_for("en"))  # warm
    total = len(scale.plan([str(warc)]))
    marks = {max(1, round(total * k / 5)) for k in range(1, 6)}
    done = 0
    trace: list[float] = []

    def progress(line: str) -> None:
        nonlocal done
        if line.startswith("partition "):
            done += 1
            if done in marks:
                trace.append(max(client.run(rss_mb).values()))

    try:
        t = time.perf_counter()
        result, _ = scale.ingest_dask([str(warc)], Options(keep_duplicates=True), out,
                                      scheduler=cluster.scheduler_address, progress=progress)
        seconds = time.perf_counter() - t
        peaks = sorted(client.run(peak_rss_mb).values())
    finally:
        client.close()
        cluster.close()
    return seconds, result.documents, peaks, trace


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--records", type=int, default=200, help="WARC records per partition")
    ap.add_argument("--no-baseline", action="store_true",
                    help="skip the one-worker run (a long archive's memory trace on --workers only)")
    ap.add_argument("--markup-kb", type=float, default=0,
                    help="KB of scripts, menus and link rails added to each page (real pages are heavier)")
    args = ap.parse_args()

    from pantau import scale

    scale.RECORDS_PER_PARTITION = args.records
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        t = time.perf_counter()
        pages, page_kb = build_warc(warc, args.mb, args.markup_kb)
        built = time.perf_counter() - t
        size = warc.stat().st_size / 1e6
        baseline = None if args.no_baseline else run(warc, 1, Path(tmp) / "out1")
        many, docs2, peaks2, trace2 = run(warc, args.workers, Path(tmp) / "out2")
    print(f"WARC: {size:.1f} MB, {pages} pages of {page_kb:.1f} KB of HTML on average (written in {built:.0f} s); "
          f"partitions of {args.records} records")
    runs = [(args.workers, many, docs2, peaks2, trace2)]
    if baseline is not None:
        runs.insert(0, (1, *baseline))
    for n, seconds, docs, peaks, trace in runs:
        print(f"{n} worker(s): {seconds:7.1f} s, {docs / seconds:7.1f} documents/s, peak RSS "
              f"{', '.join(f'{p:.0f}' for p in peaks)} MB; resident memory of the largest after each fifth of "
              f"the partitions: {', '.join(f'{x:.0f}' for x in trace)} MB")
    if baseline is not None:
        speedup = baseline[0] / many
        print(f"speed-up {speedup:.2f}x, parallel efficiency {speedup / args.workers:.2f}")


if __name__ == "__main__":
    main()
