"""Store speed: load N synthetic events into DuckDB and PostgreSQL, then time the dashboard's queries.

    .venv/bin/python benchmarks/store_speed.py                      # 1,000,000 events, both backends
    .venv/bin/python benchmarks/store_speed.py --events 100000 --backends duckdb
    .venv/bin/python benchmarks/store_speed.py --pg-url postgresql://u:p@host/db

Without --pg-url a throw-away PostgreSQL server is started on loopback (tests/pgserver.py). The
events follow a skewed but plausible distribution: event types weighted like news (statements,
consultations and accusations common; assaults and protests frequent; sanctions rare), countries
Zipf-weighted, dates over one year with bursts, 70 % geocoded around a country's centre, counts and
claims on a share of events. Targets (issue 4): load <= 60 s DuckDB, <= 120 s PostgreSQL, p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from pantau.model import Claim, Document, Entity, Event, Location, Quantity, Span  # noqa: E402
from pantau.store import EventQuery, SqlStore, open_store  # noqa: E402

TYPES = {"STATEMENT": 14, "CONSULT": 14, "ACCUSE": 10, "ASSAULT": 15, "PROTEST": 10, "REQUEST": 8, "COERCE": 7,
         "AGREE": 5, "SUPPORT": 4, "COOPERATE": 3, "AID": 3, "THREATEN": 2, "MOBILIZE": 2, "RETREAT": 1,
         "REJECT": 1, "SANCTION": 0.6, "CONCEDE": 0.4}
CENTRES = {"UKR": (49.0, 32.0), "RUS": (55.7, 37.6), "IDN": (-2.5, 118.0), "ISR": (31.5, 34.9),
           "PSE": (31.9, 35.2), "SDN": (15.5, 32.5), "MMR": (19.7, 96.1), "SYR": (35.0, 38.5), "IRN": (32.4, 53.7),
           "USA": (38.9, -77.0), "CHN": (35.0, 105.0), "IND": (22.0, 79.0), "PAK": (30.4, 69.3), "AFG": (34.5, 69.2),
           "NGA": (9.1, 8.7), "ETH": (9.1, 40.5), "COD": (-4.0, 21.8), "MLI": (17.6, -4.0), "BFA": (12.2, -1.6),
           "SOM": (5.2, 46.2), "YEM": (15.6, 48.5), "IRQ": (33.2, 43.7), "LBN": (33.9, 35.9), "TUR": (39.0, 35.2),
           "ARM": (40.1, 45.0), "AZE": (40.1, 47.6), "PHL": (12.9, 121.8), "THA": (15.9, 101.0),
           "MEX": (23.6, -102.5), "COL": (4.6, -74.1), "VEN": (6.4, -66.6), "BRA": (-14.2, -51.9),
           "KEN": (-0.02, 37.9), "HTI": (18.9, -72.3), "LBY": (26.3, 17.2), "TWN": (23.7, 121.0),
           "PRK": (40.3, 127.5), "KOR": (36.5, 127.9), "FRA": (46.2, 2.2), "DEU": (51.2, 10.4)}
SECTORS = ("GOV", "MIL", "COP", "REB", "CVL", "UAF", "OPP", "LEG")
YEAR = 2024


def synthetic_documents(n_events: int, seed: int = 1) -> Iterator[Document]:
    rng = random.Random(seed)
    types, tw = list(TYPES), list(TYPES.values())
    countries = list(CENTRES)
    cw = [1 / (i + 1) ** 0.9 for i in range(len(countries))]
    bursts = [rng.randrange(366) for _ in range(6)]
    text = "x" * 600
    made = 0
    d = 0
    while made < n_events:
        doc_id = f"{rng.getrandbits(128):032x}"
        k = min(n_events - made, rng.choice((1, 2, 3, 4, 5, 5, 6, 8)))
        published = dt.date(YEAR, 1, 1) + dt.timedelta(days=min(365, int(rng.random() ** 0.9 * 366)))
        events = []
        for i in range(k):
            kind = rng.choices(types, tw)[0]
            country = rng.choices(countries, cw)[0]
            day = (dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.choice(bursts) + rng.randint(-3, 3))
                   if rng.random() < 0.15 else published - dt.timedelta(days=rng.randint(0, 2)))
            day = min(max(day, dt.date(YEAR, 1, 1)), dt.date(YEAR, 12, 31))
            lat = lon = None
            if rng.random() < 0.7:
                clat, clon = CENTRES[country]
                lat, lon = clat + rng.gauss(0, 1.5), clon + rng.gauss(0, 1.5)
            actor = Entity("the forces", rng.choices(countries, cw)[0], rng.choice(SECTORS), 10, 20)
            recipient = Entity("the residents", country, rng.choice(SECTORS), 40, 53)
            size: tuple[tuple[str, Quantity], ...] = ()
            if kind in ("ASSAULT", "PROTEST", "COERCE") and rng.random() < 0.5:
                n = rng.randint(1, 40)
                size = (("dead" if kind == "ASSAULT" else "arrested", Quantity(n, n, n)),)
            claims = ()
            if rng.random() < 0.4:
                claims = (Claim(Entity("a spokesman", country, "GOV", 0, 11), "said", 0, 120, size),)
            events.append(Event(
                id=f"{doc_id}:{i}", event=kind, actor=(actor,), recipient=(recipient,), modality="asserted",
                sentence=Span(i * 100, i * 100 + 90), trigger=Span(i * 100 + 25, i * 100 + 33),
                trigger_text="attacked", cameo="190", quad="material conflict", date=day.isoformat(),
                date_precision="day", location=Location("the town", country, "point" if lat is not None else "country",
                                                        countries=(country,), lat=lat, lon=lon),
                size=size, claims=claims, confidence=0.6))
        made += k
        d += 1
        yield Document(doc_id=doc_id, text=text, lang="en", published=published.isoformat(),
                       source=f"outlet{rng.randint(1, 300)}.example", events=tuple(events))


def p95(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times[max(0, int(round(0.95 * len(times))) - 1)], statistics.median(times)


# Documents per transaction. DuckDB writes a batch of >= one row group (122,880 rows) straight to
# its data file instead of the WAL, so large batches load about twice as fast (measured: 100k
# events in 4.8 s with 25,000-document batches, 10.3 s with 5,000).
BATCH = {"duckdb": 25_000, "postgresql": 10_000}


def bench(name: str, url: str, docs: list[Document], runs: int) -> dict[str, Any]:
    with open_store(url) as store:
        t = time.perf_counter()
        counts = store.write_documents(docs, batch_size=BATCH[name])
        load = time.perf_counter() - t
        t = time.perf_counter()
        prepare(store)
        analyze = time.perf_counter() - t
        ids = [r["event_id"] for r in store.query("SELECT event_id FROM events ORDER BY event_id LIMIT 1000")]
        rng = random.Random(3)
        countries = list(CENTRES)[:12]

        def daily() -> Any:
            return store.daily_counts(EventQuery(country=rng.choice(countries), since=f"{YEAR}-01-01",
                                                 until=f"{YEAR}-12-31"))

        def box() -> Any:
            lat, lon = CENTRES[rng.choice(countries)]
            return store.events_in_box(lat - 1, lon - 1, lat + 1, lon + 1)

        def detail() -> Any:
            return store.event_detail(rng.choice(ids))

        out: dict[str, Any] = {"backend": name, "events": counts.events, "documents": counts.documents,
                               "load_s": round(load, 1), "analyze_s": round(analyze, 1),
                               "rows": sum(store.counts().values())}
        out["box_rows"] = len(box())
        out["daily_rows"] = len(daily())
        for label, fn in (("daily_counts", daily), ("bbox", box), ("event_detail", detail)):
            p, med = p95(fn, runs)
            out[f"{label}_p95_ms"] = round(p, 1)
            out[f"{label}_median_ms"] = round(med, 1)
        return out


def prepare(store: SqlStore) -> None:
    """Refresh planner statistics after a bulk load (autovacuum does this on a live server)."""
    if store.dialect == "postgresql":
        store.execute("VACUUM ANALYZE")
    else:
        store.execute("CHECKPOINT")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--backends", default="duckdb,postgresql")
    ap.add_argument("--pg-url")
    ap.add_argument("--runs", type=int, default=50, help="timed repetitions per query")
    args = ap.parse_args()
    t = time.perf_counter()
    docs = list(synthetic_documents(args.events))
    print(f"generated {sum(len(d.events) for d in docs):,} events in {len(docs):,} documents "
          f"in {time.perf_counter() - t:.1f} s", flush=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            server = None
            if backend == "duckdb":
                url = f"duckdb:///{tmp}/bench.duckdb"
            else:
                url = args.pg_url
                if url is None:
                    from pgserver import start_server

                    server = start_server()
                    url = server.url
            try:
                results.append(bench(backend, url, docs, args.runs))
            finally:
                if server is not None:
                    server.stop()
            print(results[-1], flush=True)
    print("\n| backend | events | load s | daily counts p95 ms | bbox p95 ms | event detail p95 ms |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['backend']} | {r['events']:,} | {r['load_s']} | {r['daily_counts_p95_ms']} | "
              f"{r['bbox_p95_ms']} | {r['event_detail_p95_ms']} |")


if __name__ == "__main__":
    main()
