"""Clustering over a store: build, list, show and split event clusters (``pantau clusters``).

A build reads every stored event, runs ``pantau.dedup.cluster.cluster_events`` with the store's
cannot-links, and replaces the cluster tables in one transaction. Decisions undone by a split are
kept (``undone`` true) as history; the split's pairs become cannot-links, so no later build redoes
them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..dedup.cluster import (
    Clustering,
    EventRecord,
    GoldEval,
    Report,
    SystemEvent,
    cluster_events,
    evaluate_gold,
    gold_mentions,
    reconcile_counts,
)
from ..errors import StoreError
from ..ontology import load_ontology
from .protocol import CLUSTER_LOCK, EventQuery, Store, now
from .rows import day_of
from .schema import TABLES, Table


def _split(codes: str | None) -> frozenset[str]:
    return frozenset(c for c in (codes or "").split(";") if c)


def load_records(store: Store, where: str = "", params: Sequence[Any] = ()) -> list[EventRecord]:
    """Stored events as clustering reads them (all, or those matching ``where`` on events ``e``)."""
    cond = f" WHERE {where}" if where else ""
    rows = store.query(
        "SELECT e.event_id, e.doc_id, e.event, e.mode, e.modality, e.actor_codes, e.recipient_codes, e.date, "
        "e.date_precision, e.country, l.countries, l.admin1, l.lat, l.lon, d.source FROM events e "
        "JOIN documents d ON d.doc_id = e.doc_id LEFT JOIN locations l ON l.event_id = e.event_id"
        f"{cond} ORDER BY e.event_id", params)
    sectors: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    kind_of = load_ontology().sector_kinds or {}
    for r in store.query("SELECT n.event_id, n.role, n.code, n.sector FROM entities n JOIN events e ON e.event_id = "
                         f"n.event_id WHERE n.code IS NOT NULL{' AND (' + where + ')' if where else ''}", params):
        sectors.setdefault(r["event_id"], set()).add(f"{r['code']}/{r['sector'] or ''}")
        if r["sector"] in kind_of and r["role"] == "actor":
            kinds.setdefault(r["event_id"], set()).add(f"{r['code']}/{kind_of[r['sector']]}")
    dead: dict[str, int] = {}
    counts: dict[str, list[tuple[str, int]]] = {}
    for r in store.query("SELECT q.event_id, q.key, q.value FROM quantities q JOIN events e ON e.event_id = q.event_id "
                         f"WHERE q.claim_ordinal = -1{' AND (' + where + ')' if where else ''}", params):
        if r["key"] == "dead":
            dead[r["event_id"]] = r["value"]
        elif r["value"] is not None:
            counts.setdefault(r["event_id"], []).append((r["key"], int(r["value"])))
    return [EventRecord(event_id=r["event_id"], doc_id=r["doc_id"], event=r["event"], dead=dead.get(r["event_id"]),
                        modality=r["modality"] or "asserted", mode=r["mode"],
                        actors=_split(r["actor_codes"]) | _split(r["recipient_codes"]),
                        initiators=_split(r["actor_codes"]), targets=_split(r["recipient_codes"]),
                        sectors=frozenset(sectors.get(r["event_id"], ())), date=r["date"],
                        initiator_kinds=frozenset(kinds.get(r["event_id"], ())),
                        counts=tuple(sorted(counts.get(r["event_id"], ()))),
                        date_precision=r["date_precision"],
                        countries=_split(r["countries"]) or _split(r["country"]), admin1=r["admin1"],
                        lat=r["lat"], lon=r["lon"], source=r["source"]) for r in rows]


def _reports(store: Store, members: dict[str, str]) -> dict[str, list[Report]]:
    """Every count claim of clustered events, one per (document, claimant, key, figure)."""
    rows = store.query(
        "SELECT q.event_id, q.doc_id, q.key, q.value, q.low, q.high, c.claimant_code, c.claimant_text "
        "FROM quantities q JOIN cluster_members m ON m.event_id = q.event_id LEFT JOIN claims c "
        "ON c.event_id = q.event_id AND c.ordinal = (CASE WHEN q.claim_ordinal < 0 THEN 0 ELSE q.claim_ordinal END) "
        "ORDER BY q.event_id, q.claim_ordinal, q.key")
    seen = set()
    out: dict[str, list[Report]] = {}
    for r in rows:
        if r["event_id"] not in members:  # a cluster outside this build's scope
            continue
        claimant = r["claimant_code"] or r["claimant_text"]
        key = (r["doc_id"], claimant, r["key"], r["value"], r["low"], r["high"])
        if key in seen:
            continue
        seen.add(key)
        out.setdefault(members[r["event_id"]], []).append(
            Report(r["key"], int(r["value"]), r["low"], r["high"], r["doc_id"], claimant))
    return out


# A scoped build reaches this far beyond the days it was asked about: wider than any date window
# that can still merge (a month, plus the slack of DATE_SLACK), so no merge crosses the scope edge.
SCOPE_MARGIN = dt.timedelta(days=40)
CLUSTER_IDS = Table("cluster_ids", (("cluster_id", "text"),), ("cluster_id",))


def build_clusters(store: Store, days: tuple[dt.date, dt.date] | None = None) -> Clustering:
    """Re-cluster stored events and replace their clusters (undone merges stay undone).

    Without ``days`` every event is re-clustered. With ``days`` (what an ingest just wrote) only
    events within SCOPE_MARGIN of those days, and every member of a cluster touching them, are
    re-clustered; clusters elsewhere stay as they are, so an ingest into a large store does not
    redo a year of clustering. Events dated only by year are re-clustered by full builds.

    One transaction, serialised between processes: two ingesters finishing at once each build
    from what is committed, one after the other."""
    with store.transaction():
        store.lock(CLUSTER_LOCK)
        return _build(store, days)


def _build(store: Store, days: tuple[dt.date, dt.date] | None = None) -> Clustering:
    if days is None:
        return _rebuild(store, load_records(store), None)
    lo, hi = days[0] - SCOPE_MARGIN, days[1] + SCOPE_MARGIN
    touched = [r["cluster_id"] for r in store.query(
        "SELECT DISTINCT m.cluster_id FROM cluster_members m JOIN events e ON e.event_id = m.event_id "
        "WHERE e.day BETWEEN ? AND ? ORDER BY m.cluster_id", (lo, hi))]
    with store.staged(CLUSTER_IDS, pa.table({"cluster_id": pa.array(touched, pa.string())})) as scope:
        records = load_records(store, "e.day BETWEEN ? AND ? OR e.event_id IN (SELECT m.event_id FROM "
                               f"cluster_members m WHERE m.cluster_id IN (SELECT cluster_id FROM {scope}))", (lo, hi))
        return _rebuild(store, records, scope)


def _rebuild(store: Store, records: list[EventRecord], scope: str | None) -> Clustering:
    cannot = [(r["event_a"], r["event_b"]) for r in store.query("SELECT event_a, event_b FROM cannot_links")]
    result = cluster_events(records, cannot)
    by_id = {r.event_id: r for r in records}
    built = now()
    cols: dict[str, dict[str, list[Any]]] = {n: {c: [] for c in TABLES[n].names}
                                             for n in ("clusters", "cluster_members", "merge_decisions")}

    def add(table: str, **values: Any) -> None:
        for c, column in cols[table].items():
            column.append(values.get(c))

    for cid, ids in result.clusters.items():
        recs = [by_id[i] for i in ids]
        days = [d for d in (day_of(r.date) for r in recs) if d is not None]
        countries = Counter(c for r in recs for c in r.countries)
        add("clusters", cluster_id=cid, event=recs[0].event, n_events=len(ids),
            n_documents=len({r.doc_id for r in recs}), day_first=min(days) if days else None,
            day_last=max(days) if days else None,
            country=countries.most_common(1)[0][0] if countries else None,
            actor_codes=";".join(sorted({a for r in recs for a in r.actors})) or None, built=built)
        for i in ids:
            add("cluster_members", event_id=i, cluster_id=cid)
        for d in result.decisions[cid]:
            add("merge_decisions", decision_id=d.decision_id, cluster_id=cid, event_a=d.event_a,
                event_b=d.event_b, rule=d.rule, score=d.score, undone=False, created=built)
    only = "" if scope is None else f" WHERE cluster_id IN (SELECT cluster_id FROM {scope})"
    for name in ("clusters", "cluster_members", "cluster_counts"):
        store.execute(f"DELETE FROM {name}{only}")
    store.execute(f"DELETE FROM merge_decisions{only or ' WHERE TRUE'} AND NOT undone")
    for name, data in cols.items():
        store.upsert(TABLES[name], pa.Table.from_pydict(data, schema=TABLES[name].arrow_schema()))
    members = {i: cid for cid, ids in result.clusters.items() for i in ids}
    counts: dict[str, list[Any]] = {c: [] for c in TABLES["cluster_counts"].names}
    for cid, reports in _reports(store, members).items():
        for key, c in reconcile_counts(reports).items():
            for col, val in (("cluster_id", cid), ("key", key), ("value", c.value), ("low", c.low),
                             ("high", c.high), ("n_reports", c.n_reports), ("n_sources", c.n_sources),
                             ("rule", c.rule)):
                counts[col].append(val)
    store.upsert(TABLES["cluster_counts"],
                 pa.Table.from_pydict(counts, schema=TABLES["cluster_counts"].arrow_schema()))
    return result


def list_clusters(store: Store, limit: int | None = None, query: EventQuery | None = None) -> list[dict[str, Any]]:
    """Clusters by first day; with ``query``, those holding at least one matching event."""
    if query is None:
        sql = "SELECT * FROM clusters ORDER BY day_first, cluster_id"
        return store.query(sql + (f" LIMIT {int(limit)}" if limit else ""))
    keep = {r["cluster"] for r in store.events(query, ("cluster",)) if r["cluster"]}
    rows = [r for r in store.query("SELECT * FROM clusters ORDER BY day_first, cluster_id") if r["cluster_id"] in keep]
    return rows[:limit] if limit else rows


def show_cluster(store: Store, cid: str) -> dict[str, Any]:
    rows = store.query("SELECT * FROM clusters WHERE cluster_id = ?", (cid,))
    if not rows:
        raise StoreError(f"no cluster {cid!r} in {store.url}; list them with `pantau clusters list`.")
    out = rows[0]
    out["events"] = store.query(
        "SELECT e.event_id, e.doc_id, d.source, d.title, e.date, e.date_precision, e.actor_codes, "
        "e.recipient_codes, e.country, e.claimant_code, e.trigger_text FROM cluster_members m "
        "JOIN events e ON e.event_id = m.event_id JOIN documents d ON d.doc_id = e.doc_id "
        "WHERE m.cluster_id = ? ORDER BY e.event_id", (cid,))
    out["decisions"] = store.query("SELECT decision_id, event_a, event_b, rule, score, undone FROM merge_decisions "
                                   "WHERE cluster_id = ? ORDER BY score DESC, decision_id", (cid,))
    out["counts"] = store.query("SELECT key, value, low, high, n_reports, n_sources, rule FROM cluster_counts "
                                "WHERE cluster_id = ? ORDER BY key", (cid,))
    out["claims"] = store.query(
        "SELECT q.event_id, q.key, q.value, q.low, q.high, c.claimant_text, c.claimant_code, c.verb "
        "FROM quantities q JOIN cluster_members m ON m.event_id = q.event_id LEFT JOIN claims c "
        "ON c.event_id = q.event_id AND c.ordinal = (CASE WHEN q.claim_ordinal < 0 THEN 0 ELSE q.claim_ordinal END) "
        "WHERE m.cluster_id = ? ORDER BY q.event_id, q.claim_ordinal, q.key", (cid,))
    return out


def split_cluster(store: Store, cid: str, event_id: str | None = None) -> Clustering:
    """Undo a cluster (or detach one event from it): its pairs become cannot-links, then rebuild."""
    ids = [r["event_id"] for r in store.query("SELECT event_id FROM cluster_members WHERE cluster_id = ? "
                                              "ORDER BY event_id", (cid,))]
    if not ids:
        raise StoreError(f"no cluster {cid!r} in {store.url}; list them with `pantau clusters list`.")
    if event_id is not None and event_id not in ids:
        raise StoreError(f"event {event_id!r} is not in cluster {cid}; `pantau clusters show {cid}` lists its events.")
    if event_id is None:
        pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    else:
        pairs = [(min(event_id, o), max(event_id, o)) for o in ids if o != event_id]
    created = now()
    data = pa.Table.from_pydict({"event_a": [a for a, _ in pairs], "event_b": [b for _, b in pairs],
                                 "reason": [f"split {cid}"] * len(pairs), "created": [created] * len(pairs)},
                                schema=TABLES["cannot_links"].arrow_schema())
    with store.transaction():
        store.lock(CLUSTER_LOCK)
        store.upsert(TABLES["cannot_links"], data)
        store.execute("UPDATE merge_decisions SET undone = TRUE WHERE cluster_id = ?", (cid,))
        return _build(store)


def score_gold(store: Store, clusters_paths: Path | Sequence[Path], event_gold: Sequence[Path]) -> GoldEval:
    """Score the store's clusters against clustering gold files (tests/gold/README.md), together."""
    paths = [clusters_paths] if isinstance(clusters_paths, Path) else list(clusters_paths)
    lines = [json.loads(x) for p in paths for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    gold_events: dict[str, list[dict[str, Any]]] = {}
    for path in event_gold:
        for x in path.read_text(encoding="utf-8").splitlines():
            if x.strip():
                doc = json.loads(x)
                gold_events[doc["id"]] = doc.get("events") or []
    texts = {r["doc_id"]: r["text"] for r in store.query("SELECT doc_id, text FROM documents")}
    clusters, negatives = gold_mentions(lines, texts, gold_events)
    events = [SystemEvent(r["event_id"], r["doc_id"], r["event"], (r["trigger_start"], r["trigger_end"]),
                          (r["sentence_start"], r["sentence_end"]))
              for r in store.query("SELECT event_id, doc_id, event, trigger_start, trigger_end, sentence_start, "
                                   "sentence_end FROM events ORDER BY event_id")]
    cluster_of = {r["event_id"]: r["cluster_id"] for r in store.query("SELECT * FROM cluster_members")}
    return evaluate_gold(clusters, negatives, events, cluster_of)
