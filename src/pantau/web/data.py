"""What the API reads from a store: pages of events, one event with the spans behind its fields,
statistics for the dashboard, documents. Plain functions over ``Store``; no HTTP here."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import json
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from ..store import EventQuery, SqlStore, open_store
from ..store.base import event_filters

LIST_COLUMNS = ("event_id", "doc_id", "day", "date", "date_precision", "event", "mode", "actor_codes",
                "recipient_codes", "country", "admin1", "lat", "lon", "claimant_code", "modality", "cameo",
                "trigger_text", "confidence", "actor_names", "recipient_names", "place", "sentence", "title",
                "source", "url", "cluster", "dead")


class Stores:
    """One store opened by the server and a pool of sibling connections for reader threads; writes
    go through the first store only, one at a time (DuckDB's single writer, PostgreSQL's batches)."""

    def __init__(self, url: str, *, writable: bool) -> None:
        self.url = url
        self.writable = writable
        self.main = open_store(url, create=writable, read_only=not writable)
        self.write_lock = threading.Lock()
        self._idle: queue.SimpleQueue[SqlStore] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._watch = self.main.sibling()

    def generation(self) -> str:
        """The store's generation (``SqlStore.generation``), on a connection of its own."""
        with self._lock:
            return self._watch.generation()

    @contextmanager
    def reader(self) -> Iterator[SqlStore]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = self.main.sibling()
        try:
            yield store
        finally:
            self._idle.put(store)

    def close(self) -> None:
        self._watch.close()
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
        self.main.close()


def encode_cursor(row: dict[str, Any]) -> str:
    day = row.get("day")
    raw = json.dumps([day.isoformat() if isinstance(day, dt.date) else day, row["event_id"]])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        if day is not None:
            dt.date.fromisoformat(day)
        if not isinstance(event_id, str):
            raise ValueError(event_id)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValueError("cursor is not one this API gave out; start again without it") from None
    return day, event_id


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in row.items()}


def events_page(store: SqlStore, q: EventQuery, limit: int) -> dict[str, Any]:
    """One page of events and the cursor of the next (None on the last page)."""
    rows = store.events(dataclasses.replace(q, limit=limit + 1), LIST_COLUMNS)
    more = len(rows) > limit
    rows = rows[:limit]
    return {"events": [plain(r) for r in rows],
            "next_cursor": encode_cursor(rows[-1]) if more and rows else None}


WINDOW = 600
"""How far around its sentence a field's text is looked for (a toll often comes in the next one)."""


def _nearest(spans: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    return min(spans, key=lambda s: (abs(s[0] - at), s[0]), default=None)


def _occurrences(text: str, needle: str | None, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not needle:
        return out
    at = text.find(needle, start, end)
    while at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1, end)
    return out


def _number_spans(text: str, lang: str | None, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, value) of every count the language pack reads in text[start:end]."""
    from ..lang.loader import load_pack
    from ..text.numbers import find_numbers
    from ..text.tokens import tokenize

    try:
        pack = load_pack(lang or "en")
    except Exception:  # noqa: BLE001 - a document in a language without a pack: no count spans
        return []
    return [(m.start, m.end, m.quantity.value) for m in find_numbers(tokenize(text, start, end), pack)]


def event_view(store: SqlStore, event_id: str) -> dict[str, Any] | None:
    """The event with its claims, counts, place and cluster, the source document, and the spans
    (character offsets into the document text, in code points) behind each field."""
    detail = store.event_detail(event_id)
    if detail is None:
        return None
    doc = store.query("SELECT doc_id, lang, published, url, title, source, text FROM documents WHERE doc_id = ?",
                      (detail["doc_id"],))[0]
    text = doc["text"] or ""
    s0, s1 = int(detail["sentence_start"] or 0), int(detail["sentence_end"] or 0)
    spans: list[dict[str, Any]] = [{"field": "sentence", "start": s0, "end": s1}]
    if detail.get("trigger_start") is not None:
        spans.append({"field": "trigger", "start": detail["trigger_start"], "end": detail["trigger_end"],
                      "label": detail["event"]})
    for ent in detail["entities"]:
        if ent["span_start"] is not None:
            spans.append({"field": ent["role"], "start": ent["span_start"], "end": ent["span_end"],
                          "label": ent["code"]})
    for claim in detail["claims"]:
        if claim.get("span_start") is not None:
            spans.append({"field": "claim", "start": claim["span_start"], "end": claim["span_end"],
                          "label": claim.get("claimant_code")})
    loc = detail.get("location")
    if loc and loc.get("span_start") is not None:
        spans.append({"field": "place", "start": loc["span_start"], "end": loc["span_end"],
                      "label": loc.get("name") or loc.get("text")})
    # the date and the counts are stored as values: their text is the occurrence nearest the trigger,
    # in the sentence or around it
    lo, hi = max(0, s0 - WINDOW), min(len(text), s1 + WINDOW)
    at = int(detail.get("trigger_start") or s0)
    date = _nearest(_occurrences(text, detail.get("date_text"), lo, hi), at)
    if date:
        spans.append({"field": "date", "start": date[0], "end": date[1], "label": detail.get("date")})
    numbers = _number_spans(text, doc["lang"], lo, hi)
    for value in sorted({q["value"] for q in detail["quantities"] if q["value"] is not None}):
        found = _nearest([(a, b) for a, b, v in numbers if v == value], at)
        if found:
            spans.append({"field": "count", "start": found[0], "end": found[1], "label": str(value)})
    claims = []
    for claim in detail["claims"]:
        own = [q for q in detail["quantities"] if q["claim_ordinal"] == claim["ordinal"]]
        claims.append({**plain(claim), "counts": [plain(q) for q in own]})
    cluster = None
    member = store.query("SELECT cluster_id FROM cluster_members WHERE event_id = ?", (event_id,))
    if member:
        cid = member[0]["cluster_id"]
        reports = store.query(
            "SELECT e.event_id, e.doc_id, e.day, e.event, e.claimant_code, d.title, d.source, d.url, d.lang, "
            "(SELECT k.value FROM quantities k WHERE k.event_id = e.event_id AND k.claim_ordinal = -1 "
            "AND k.key = 'dead') AS dead FROM cluster_members m JOIN events e ON e.event_id = m.event_id "
            "JOIN documents d ON d.doc_id = e.doc_id WHERE m.cluster_id = ? ORDER BY e.day, e.event_id", (cid,))
        cluster = {"cluster_id": cid, "reports": [plain(r) for r in reports]}
    event = plain({k: v for k, v in detail.items() if k not in ("entities", "claims", "quantities", "location")})
    # other versions of this event in the same article: same type and day, another claimant
    versions = [plain(r) for r in store.events(EventQuery(doc_id=detail["doc_id"], event=detail["event"]),
                                               ("event_id", "day", "claimant_code", "actor_codes", "recipient_codes",
                                                "trigger_text", "dead", "sentence", "modality"))
                if r["event_id"] != event_id and r["day"] == detail["day"]
                and (r["claimant_code"] or "") != (detail["claimant_code"] or "")]
    return {"event": event, "entities": [plain(e) for e in detail["entities"]], "claims": claims,
            "versions": versions,
            "counts": [plain(q) for q in detail["quantities"] if q["claim_ordinal"] < 0],
            "location": plain(loc) if loc else None, "cluster": cluster,
            "document": plain(doc), "spans": sorted(spans, key=lambda s: (s["start"], -s["end"]))}


def stats(store: SqlStore, q: EventQuery, top: int = 10) -> dict[str, Any]:
    """Counts by day and type, by country, top actors and places, and located points (rounded to
    a tenth of a degree) for the map."""
    where, params = event_filters(q)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    by_day = [plain(r) for r in store.event_counts(q, period="day")]
    total = store.query(f"SELECT CAST(count(*) AS BIGINT) AS n FROM events e{clause}", params)[0]["n"]
    by_country = store.query(f"SELECT e.country AS country, CAST(count(*) AS BIGINT) AS n FROM events e{clause}"
                             f"{' AND' if where else ' WHERE'} e.country IS NOT NULL GROUP BY e.country "
                             "ORDER BY n DESC, country", params)
    actors = store.query(f"SELECT n.code AS code, CAST(count(DISTINCT e.event_id) AS BIGINT) AS n FROM events e "
                         f"JOIN entities n ON n.event_id = e.event_id AND n.code IS NOT NULL{clause} "
                         f"GROUP BY n.code ORDER BY n DESC, code LIMIT {int(top)}", params)
    places = store.query(f"SELECT coalesce(l.name, l.text) AS place, l.country AS country, "
                         f"CAST(count(*) AS BIGINT) AS n FROM events e JOIN locations l ON l.event_id = e.event_id"
                         f"{clause}{' AND' if where else ' WHERE'} coalesce(l.name, l.text) IS NOT NULL "
                         f"GROUP BY coalesce(l.name, l.text), l.country ORDER BY n DESC, place LIMIT {int(top)}",
                         params)
    lat, lon = "floor(e.lat * 10 + 0.5) / 10", "floor(e.lon * 10 + 0.5) / 10"  # a tenth of a degree, both SQLs
    points = store.query(f"SELECT {lat} AS lat, {lon} AS lon, CAST(count(*) AS BIGINT) AS n "
                         f"FROM events e{clause}{' AND' if where else ' WHERE'} e.lat IS NOT NULL AND e.lon IS NOT NULL "
                         f"GROUP BY {lat}, {lon} ORDER BY n DESC LIMIT 5000", params)
    return {"total": total, "by_day": by_day, "by_country": by_country, "top_actors": actors,
            "top_places": places, "points": points}


def document(store: SqlStore, doc_id: str) -> dict[str, Any] | None:
    rows = store.query("SELECT doc_id, lang, published, url, title, source, text, n_events, rejected, run_id "
                       "FROM documents WHERE doc_id = ?", (doc_id,))
    if not rows:
        return None
    out = plain(rows[0])
    out["events"] = [plain(r) for r in store.events(EventQuery(doc_id=doc_id), LIST_COLUMNS[:18])]
    rejection = store.query("SELECT reason, detail, stage FROM rejections WHERE doc_id = ?", (doc_id,))
    out["rejection"] = rejection[0] if rejection else None
    return out


def clusters(store: SqlStore, q: EventQuery, limit: int, offset: int) -> list[dict[str, Any]]:
    """Clusters holding at least one event that matches ``q``, latest first."""
    where, params = event_filters(q)
    inner = "SELECT m.cluster_id FROM cluster_members m JOIN events e ON e.event_id = m.event_id"
    if where:
        inner += " WHERE " + " AND ".join(where)
    rows = store.query(f"SELECT * FROM clusters WHERE cluster_id IN ({inner}) ORDER BY day_last DESC NULLS LAST, "
                       f"cluster_id LIMIT {int(limit)} OFFSET {int(offset)}", params)
    return [plain(r) for r in rows]


def cluster(store: SqlStore, cid: str) -> dict[str, Any] | None:
    from ..store.clusters import show_cluster

    try:
        found = show_cluster(store, cid)
    except StoreError:
        return None
    return {k: [plain(r) for r in v] if isinstance(v, list) else _plain(v) for k, v in found.items()}
