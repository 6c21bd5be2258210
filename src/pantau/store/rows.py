"""Documents to columnar batches (one Arrow table per store table) and back from stored JSON.

A batch is built column by column, never row by row into the database: the backends load each
Arrow table in one bulk operation (DuckDB scans it directly; PostgreSQL receives it as CSV through
COPY).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from ..model import Claim, Document, Entity, Event, Location, Quantity, Rejection, Span
from .schema import DOCUMENT_TABLES, Table


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
    """Column buffers for every document table."""

    def __init__(self, run_id: str | None) -> None:
        self.run_id = run_id
        self.cols: dict[str, dict[str, list[Any]]] = {t.name: {c: [] for c in t.names} for t in DOCUMENT_TABLES}
        self.doc_ids: list[str] = []
        self.n_events = 0
        self.n_rejected = 0

    def __len__(self) -> int:
        return len(self.doc_ids)

    def _add(self, table: str, **values: Any) -> None:
        cols = self.cols[table]
        for name, column in cols.items():
            column.append(values.get(name))

    def add(self, doc: Document) -> None:
        self.doc_ids.append(doc.doc_id)
        self._add("documents", doc_id=doc.doc_id, lang=doc.lang, published=doc.published, url=doc.url,
                  title=doc.title, source=doc.source, locator=doc.locator, text=doc.text,
                  n_events=len(doc.events), rejected=doc.rejected is not None,
                  meta=json.dumps(doc.meta, default=str, sort_keys=True) if doc.meta else None,
                  run_id=self.run_id)
        if doc.rejected is not None:
            self.n_rejected += 1
            self._add("rejections", doc_id=doc.doc_id, reason=doc.rejected.reason, detail=doc.rejected.detail,
                      stage=doc.rejected.stage, run_id=self.run_id)
        for ordinal, ev in enumerate(doc.events):
            self._add_event(doc.doc_id, ordinal, ev)

    def _add_event(self, doc_id: str, ordinal: int, ev: Event) -> None:
        self.n_events += 1
        loc = ev.location
        claimant = ev.claims[0].claimant if ev.claims else None
        self._add("events", event_id=ev.id, doc_id=doc_id, ordinal=ordinal, event=ev.event, mode=ev.mode,
                  context=";".join(ev.context) or None, cameo=ev.cameo,
                  acled_event_type=ev.acled[0] if ev.acled else None,
                  acled_sub_event_type=ev.acled[1] if ev.acled else None, quad=ev.quad, date=ev.date,
                  date_precision=ev.date_precision, date_text=ev.date_text, day=day_of(ev.date),
                  country=loc.country if loc else None, admin1=loc.admin1 if loc else None,
                  lat=loc.lat if loc else None, lon=loc.lon if loc else None,
                  actor_codes=_codes(ev.actor), recipient_codes=_codes(ev.recipient),
                  claimant_code=claimant.code if claimant else None, modality=ev.modality,
                  sentence_start=ev.sentence.start, sentence_end=ev.sentence.end,
                  trigger_text=ev.trigger_text, trigger_start=ev.trigger.start, trigger_end=ev.trigger.end,
                  confidence=ev.confidence)
        for role, ents in (("actor", ev.actor), ("recipient", ev.recipient)):
            for i, ent in enumerate(ents):
                self._add("entities", event_id=ev.id, doc_id=doc_id, role=role, ordinal=i, text=ent.text,
                          code=ent.code, sector=ent.sector, name=ent.name, span_start=ent.start,
                          span_end=ent.end)
        for key, q in ev.size:
            self._add_quantity(ev.id, doc_id, -1, key, q)
        for i, claim in enumerate(ev.claims):
            c = claim.claimant
            self._add("claims", event_id=ev.id, doc_id=doc_id, ordinal=i, claimant_text=c.text if c else None,
                      claimant_code=c.code if c else None, claimant_sector=c.sector if c else None,
                      verb=claim.verb, span_start=claim.start, span_end=claim.end)
            for key, q in claim.size:
                self._add_quantity(ev.id, doc_id, i, key, q)
        if loc is not None:
            self._add("locations", event_id=ev.id, doc_id=doc_id, text=loc.text, name=loc.name,
                      country=loc.country, countries=";".join(loc.countries) or None, admin1=loc.admin1,
                      lat=loc.lat, lon=loc.lon, geonameid=loc.geonameid, precision=loc.precision,
                      span_start=loc.start, span_end=loc.end)

    def _add_quantity(self, event_id: str, doc_id: str, claim: int, key: str, q: Quantity) -> None:
        self._add("quantities", event_id=event_id, doc_id=doc_id, claim_ordinal=claim, key=key, value=q.value,
                  low=q.low, high=q.high, approx=q.approx)

    def tables(self) -> dict[str, pa.Table]:
        """One Arrow table per document table, rows deduplicated on the key (last one wins)."""
        out = {}
        for table in DOCUMENT_TABLES:
            data = _dedup(table, self.cols[table.name])
            out[table.name] = pa.Table.from_pydict(data, schema=table.arrow_schema())
        return out


def _dedup(table: Table, cols: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Keep the last row per key, sorted by key (a stable lock order for concurrent writers)."""
    keys = list(zip(*(cols[k] for k in table.key), strict=True))
    last: dict[tuple[Any, ...], int] = {}
    for i, k in enumerate(keys):
        last[k] = i
    if len(last) == len(keys) and keys == sorted(keys):
        return cols
    order = [last[k] for k in sorted(last)]
    return {name: [column[i] for i in order] for name, column in cols.items()}


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
