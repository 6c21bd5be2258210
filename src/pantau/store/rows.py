"""Documents to columnar batches (one Arrow table per store table) and back from stored JSON.

A batch is built column by column, never row by row into the database: the backends load each
Arrow table in one bulk operation (DuckDB scans it directly; PostgreSQL receives it as CSV through
COPY).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter
from typing import Any

import pyarrow as pa

from ..ingest.duplicates import text_fingerprint
from ..ingest.near import band_keys
from ..model import Claim, Document, Entity, Event, Location, Quantity, Rejection, Span
from .schema import DOCUMENT_TABLES, Table


@lru_cache(maxsize=4096)
def day_of(date: str | None) -> dt.date | None:
    """The first day an ISO date (``2021-11-16``, ``2021-11`` or ``2021``) covers, or None."""
    if not date:
        return None
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def _codes(entities: Iterable[Entity]) -> str | None:
    codes = sorted({e.code for e in entities if e.code})
    return ";".join(codes) if codes else None


class Batch:
    """Row buffers for every document table; each row is a tuple in the column order of schema.py."""

    def __init__(self, run_id: str | None) -> None:
        self.run_id = run_id
        self.rows: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in DOCUMENT_TABLES}
        self.doc_ids: list[str] = []
        self.n_events = 0
        self.n_rejected = 0
        self.days: set[dt.date] = set()

    def __len__(self) -> int:
        return len(self.doc_ids)

    def add(self, doc: Document) -> None:
        self.doc_ids.append(doc.doc_id)
        self.rows["documents"].append((
            doc.doc_id, doc.lang, doc.published, doc.url, doc.title, doc.source, doc.locator, doc.text,
            len(doc.events), doc.rejected is not None,
            json.dumps(doc.meta, default=str, sort_keys=True) if doc.meta else None, self.run_id))
        if doc.rejected is not None:
            self.n_rejected += 1
            rej = doc.rejected
            self.rows["rejections"].append((doc.doc_id, rej.reason, rej.detail, rej.stage, self.run_id))
        for ordinal, ev in enumerate(doc.events):
            self._add_event(doc.doc_id, ordinal, ev)
        if doc.rejected is None and doc.text.strip():
            keys = self.rows["doc_keys"]
            keys.append((doc.doc_id, -1, text_fingerprint(doc.text).hex()))
            keys.extend((doc.doc_id, k, key) for k, key in enumerate(band_keys(doc.text)))

    def _add_event(self, doc_id: str, ordinal: int, ev: Event) -> None:
        self.n_events += 1
        loc = ev.location
        claimant = ev.claims[0].claimant if ev.claims else None
        acled = ev.acled or (None, None)
        eid = ev.id
        day = day_of(ev.date)
        if day is not None:
            self.days.add(day)
        self.rows["events"].append((
            eid, doc_id, ordinal, ev.event, ev.mode, ";".join(ev.context) or None, ev.cameo, acled[0], acled[1],
            ev.quad, ev.date, ev.date_precision, ev.date_text, day,
            loc.country if loc else None, loc.admin1 if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, _codes(ev.actor), _codes(ev.recipient),
            claimant.code if claimant else None, ev.modality, ev.sentence.start, ev.sentence.end,
            ev.trigger_text, ev.trigger.start, ev.trigger.end, ev.confidence))
        entities = self.rows["entities"]
        for role, ents in (("actor", ev.actor), ("recipient", ev.recipient)):
            for i, ent in enumerate(ents):
                entities.append((eid, doc_id, role, i, ent.text, ent.code, ent.sector, ent.name, ent.start, ent.end))
        quantities = self.rows["quantities"]
        for key, q in ev.size:
            quantities.append((eid, doc_id, -1, key, q.value, q.low, q.high, q.approx))
        for i, claim in enumerate(ev.claims):
            c = claim.claimant
            self.rows["claims"].append((eid, doc_id, i, c.text if c else None, c.code if c else None,
                                        c.sector if c else None, claim.verb, claim.start, claim.end))
            for key, q in claim.size:
                quantities.append((eid, doc_id, i, key, q.value, q.low, q.high, q.approx))
        if loc is not None:
            self.rows["locations"].append((
                eid, doc_id, loc.text, loc.name, loc.country, ";".join(loc.countries) or None, loc.admin1,
                loc.lat, loc.lon, loc.geonameid, loc.precision, loc.start, loc.end))
            self.rows["event_countries"].extend((eid, doc_id, c) for c in dict.fromkeys(loc.countries)
                                                if c and c != loc.country)

    def tables(self) -> dict[str, pa.Table]:
        """One Arrow table per document table, rows deduplicated on the key (last one wins)."""
        out = {}
        for table in DOCUMENT_TABLES:
            rows = _dedup(table, self.rows[table.name])
            schema = table.arrow_schema()
            if rows:
                if len(rows[0]) != len(schema):
                    raise AssertionError(f"{table.name}: rows have {len(rows[0])} values for {len(schema)} columns")
                columns = [pa.array(col, type=f.type) for col, f in zip(zip(*rows, strict=True), schema, strict=True)]
            else:
                columns = [pa.array([], type=f.type) for f in schema]
            out[table.name] = pa.Table.from_arrays(columns, schema=schema)
        return out


def _dedup(table: Table, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Keep the last row per key, sorted by key (a stable lock order for concurrent writers)."""
    key = itemgetter(*(table.names.index(k) for k in table.key))
    last = {key(row): row for row in rows}
    return [last[k] for k in sorted(last)]


# --- stored pantau output (JSON Lines of Document.to_dict()) back to Documents ---------------------

def _entity(d: dict[str, Any]) -> Entity:
    return Entity(text=d.get("text") or "", code=d.get("code"), sector=d.get("sector"),
                  start=int(d.get("start") or 0), end=int(d.get("end") or 0), name=d.get("name"))


def _size(d: dict[str, Any] | None) -> tuple[tuple[str, Quantity], ...]:
    return tuple((k, Quantity(value=int(q["value"]), low=q.get("low"), high=q.get("high"),
                              approx=bool(q.get("approx")))) for k, q in (d or {}).items())


def event_from_dict(d: dict[str, Any]) -> Event:
    loc = d.get("location")
    evidence = d.get("evidence") or {}
    sentence = evidence.get("sentence") or {"start": 0, "end": 0}
    trigger = evidence.get("trigger") or {"start": 0, "end": 0, "text": ""}
    acled = d.get("acled")
    return Event(
        id=str(d["id"]), event=str(d["event"]), actor=tuple(_entity(a) for a in d.get("actor") or ()),
        recipient=tuple(_entity(a) for a in d.get("recipient") or ()), modality=d.get("modality") or "asserted",
        sentence=Span(int(sentence["start"]), int(sentence["end"])),
        trigger=Span(int(trigger["start"]), int(trigger["end"])), trigger_text=trigger.get("text") or "",
        mode=d.get("mode"), context=tuple(d.get("context") or ()), cameo=d.get("cameo"),
        acled=None if not acled else (acled["event_type"], acled["sub_event_type"]), quad=d.get("quad"),
        date=d.get("date"), date_precision=d.get("date_precision"), date_text=d.get("date_text"),
        location=None if not loc else Location(
            text=loc.get("text"), country=loc.get("country"), precision=loc.get("precision") or "unknown",
            name=loc.get("name"), countries=tuple(loc.get("countries") or ()), admin1=loc.get("admin1"),
            lat=loc.get("lat"), lon=loc.get("lon"), geonameid=loc.get("geonameid"),
            start=loc.get("start"), end=loc.get("end")),
        size=_size(d.get("size")),
        claims=tuple(Claim(claimant=None if not c.get("claimant") else _entity(c["claimant"]), verb=c.get("verb"),
                           start=int(c.get("start") or 0), end=int(c.get("end") or 0), size=_size(c.get("size")))
                     for c in d.get("claims") or ()),
        confidence=float(d.get("confidence") or 0.0) if d.get("confidence") is not None else 0.5,
    )


def document_from_dict(d: dict[str, Any], *, locator: str | None = None) -> Document:
    """A Document from one object of pantau's output (OUTPUT.md)."""
    rej = d.get("rejected")
    return Document(doc_id=str(d["doc_id"]), text=d.get("text") or "", lang=d.get("lang"),
                    published=d.get("published"), url=d.get("url"), title=d.get("title"), source=d.get("source"),
                    events=tuple(event_from_dict(e) for e in d.get("events") or ()),
                    rejected=None if not rej else Rejection(rej["reason"], rej.get("detail") or ""),
                    locator=locator)
