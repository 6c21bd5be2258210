"""Clusters in a store (build, show, split, re-build) and the exports, on both backends."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from factory import corpus, document

from pantau.errors import StoreError
from pantau.export import export
from pantau.export.formats import ACLED_COLUMNS, GDELT_COLUMNS
from pantau.store import SqlStore
from pantau.store.clusters import build_clusters, list_clusters, show_cluster, split_cluster


def clash_reports() -> list:
    """Three outlets on one border clash (dead: 3, 3, and a claimant's 5), one on a protest elsewhere."""
    return [
        document("Outlet A: soldiers killed in a border clash.", {"dead": 3, "claimant": "ARM", "claim_dead": 5},
                 source="a.example"),
        document("Outlet B: the clash on the border left three dead.", {"dead": 3, "date": "2021-11-17"},
                 source="b.example"),
        document("Outlet C: fighting flared along the border.", {"date": "2021-11-16", "actors": ("ARM",),
                                                                 "recipients": ("AZE",)}, source="c.example"),
        document("Outlet D: crowds marched in the capital.", {"kind": "PROTEST", "actors": ("IDN",),
                                                              "recipients": (), "country": "IDN"}, source="d.example"),
    ]


def test_build_show_split_and_rebuild(store: SqlStore) -> None:
    docs = clash_reports()
    store.write_documents(docs)
    result = build_clusters(store)
    assert len(result.clusters) == 1
    (cid,) = result.clusters
    shown = show_cluster(store, cid)
    assert shown["n_events"] == 3 and shown["n_documents"] == 3
    assert {e["source"] for e in shown["events"]} == {"a.example", "b.example", "c.example"}
    assert len(shown["decisions"]) == 2
    assert all(d["rule"].startswith("ASSAULT:") and d["score"] > 0 for d in shown["decisions"])
    dead = next(c for c in shown["counts"] if c["key"] == "dead")
    assert (dead["value"], dead["low"], dead["high"], dead["rule"]) == (3, 3, 5, "lowest-well-supported")
    assert any(c["claimant_code"] == "ARM" and c["value"] == 5 for c in shown["claims"])

    assert len(build_clusters(store).clusters) == 1  # re-building is stable
    assert list_clusters(store)[0]["cluster_id"] == cid

    split_cluster(store, cid)
    assert store.count("clusters") == 0 and store.count("cluster_members") == 0
    assert store.query("SELECT count(*) AS n FROM merge_decisions WHERE undone")[0]["n"] == 2
    assert build_clusters(store).clusters == {}  # an undone merge stays undone
    store.write_documents(docs)  # and so does re-ingesting the same articles
    assert build_clusters(store).clusters == {}


def test_detach_one_event(store: SqlStore) -> None:
    docs = clash_reports()
    store.write_documents(docs)
    (cid, members), = build_clusters(store).clusters.items()
    odd = docs[2].events[0].id
    result = split_cluster(store, cid, odd)
    assert [sorted(m) for m in result.clusters.values()] == [sorted(m for m in members if m != odd)]
    assert odd not in {r["event_id"] for r in store.query("SELECT event_id FROM cluster_members")}


def test_split_errors_name_the_fix(store: SqlStore) -> None:
    with pytest.raises(StoreError, match="pantau clusters list"):
        split_cluster(store, "c-nope")
    with pytest.raises(StoreError, match="pantau clusters list"):
        show_cluster(store, "c-nope")


def test_new_reports_join_an_existing_cluster_and_keep_its_id(store: SqlStore) -> None:
    docs = clash_reports()
    store.write_documents(docs[:2])
    (cid,) = build_clusters(store).clusters
    store.write_documents(docs[2:])
    after = build_clusters(store).clusters
    assert cid in after or len(after) == 1 and min(after[next(iter(after))]) < min(docs[0].events[0].id,
                                                                                    docs[1].events[0].id)


def test_exports(store: SqlStore, tmp_path: Path) -> None:
    docs = clash_reports() + corpus(30)
    store.write_documents(docs)
    build_clusters(store)
    n_events = store.count("events")

    out = io.StringIO()
    assert export(store, "plover", out) == n_events
    first = json.loads(out.getvalue().splitlines()[0])
    assert {"id", "date", "event", "mode", "context", "actor", "recipient", "dead", "injured"} <= set(first)

    out = io.StringIO()
    n_records = n_events - store.count("cluster_members") + store.count("clusters")
    assert export(store, "plover", out, clusters=True) == n_records < n_events
    records = [json.loads(x) for x in out.getvalue().splitlines()]
    merged = next(r for r in records if docs[0].events[0].id in r["members"])
    assert merged["id"].startswith("c") and len(merged["members"]) == 3
    assert merged["dead"] == 3 and merged["source"] == ["a.example", "b.example", "c.example"]

    out = io.StringIO()
    export(store, "cameo", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert tuple(rows[0]) == GDELT_COLUMNS and len(rows) == n_events
    row = next(r for r in rows if r["GLOBALEVENTID"] == docs[0].events[0].id)
    assert (row["SQLDATE"], row["EventRootCode"], row["QuadClass"], row["ActionGeo_CountryCode"]) == \
        ("20211116", "19", "4", "AM")

    out = io.StringIO()
    n = export(store, "acled", out, clusters=True)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == n
    assert all(r["event_type"] for r in rows)
    clash = next(r for r in rows if r["event_id_cnty"] == merged["id"])
    assert (clash["fatalities"], clash["country"], clash["event_type"]) == ("3", "Armenia", "Battles")

    total = export(store, "parquet", tmp_path / "pq")
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.num_rows == n_events and total >= n_events
    with pytest.raises(StoreError, match="DIRECTORY"):
        export(store, "parquet", io.StringIO())


def test_scoped_builds_after_each_ingest_equal_one_full_build(store: SqlStore) -> None:
    from pantau.store.rows import day_of

    docs = corpus(200, seed=21) + clash_reports()
    docs += [document(f"Another report {i} of a clash.", {"dead": i, "date": "2021-11-17"}, source=f"s{i}.example")
             for i in range(3)]
    first, second = docs[::2], docs[1::2]

    def ingest_part(part: list) -> None:
        store.write_documents(part)
        days = [d for doc in part for e in doc.events if (d := day_of(e.date)) is not None]
        build_clusters(store, (min(days), max(days)))

    ingest_part(first)
    ingest_part(second)
    scoped = sorted(sorted(r["event_id"] for r in store.query(
        "SELECT event_id FROM cluster_members WHERE cluster_id = ?", (c["cluster_id"],))) for c in list_clusters(store))
    counts = store.query("SELECT * FROM cluster_counts ORDER BY cluster_id, key")
    full = build_clusters(store)
    assert scoped == sorted(full.clusters.values()) and len(scoped) >= 3
    assert store.query("SELECT * FROM cluster_counts ORDER BY cluster_id, key") == counts
    # a scoped build far away in time leaves every cluster alone
    import datetime as dt

    before = list_clusters(store)
    build_clusters(store, (dt.date(1990, 1, 1), dt.date(1990, 1, 2)))
    assert [c["cluster_id"] for c in list_clusters(store)] == [c["cluster_id"] for c in before]
