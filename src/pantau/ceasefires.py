"""Ceasefires read from the stored events: who agreed to stop firing, when, who brokered it, and what
each side did and alleged afterwards.

A ceasefire is the set of asserted agreement events (``ontology/ceasefires.yaml``: RETREAT with
mode ceasefire) between one set of parties, within ``join_days`` of each other. Around it: brokers
(third parties that requested or consulted the parties near the start), and the incidents and
accusations between the parties from ``lead_days`` before the start onwards, each with its
claimant, grouped by the side that acted. Derived on read, never stored: every figure can be
checked against the events it lists.

    >>> from pantau.ceasefires import list_ceasefires
    >>> list_ceasefires(store)       # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .errors import StoreError
from .store.protocol import Store


@dataclass(frozen=True, slots=True)
class Rules:
    event: str
    mode: str
    modalities: tuple[str, ...]
    brokers: tuple[str, ...]
    incidents: tuple[str, ...]
    accusations: tuple[str, ...]
    join_days: int
    lead_days: int


@cache
def rules() -> Rules:
    raw = yaml.safe_load(resources.files("pantau.ontology").joinpath("ceasefires.yaml").read_text(encoding="utf-8"))
    agreement = raw["agreement"]
    return Rules(agreement["event"], agreement["mode"], tuple(agreement["modalities"]), tuple(raw["brokers"]),
                 tuple(raw["incidents"]), tuple(raw["accusations"]), int(raw["join_days"]), int(raw["lead_days"]))


def _codes(*values: str | None) -> frozenset[str]:
    return frozenset(c for v in values if v for c in v.split(";") if c)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


EVENT_FIELDS = ("e.event_id, e.doc_id, e.day, e.event, e.mode, e.actor_codes, e.recipient_codes, e.claimant_code, "
                "e.country, e.modality, e.trigger_text, "
                "substr(d.text, CAST(e.sentence_start + 1 AS INTEGER), CAST(e.sentence_end - e.sentence_start "
                "AS INTEGER)) AS sentence, d.title, d.source, d.url, "
                "(SELECT k.value FROM quantities k WHERE k.event_id = e.event_id AND k.claim_ordinal = -1 "
                "AND k.key = 'dead') AS dead")


def _agreements(store: Store) -> list[dict[str, Any]]:
    r = rules()
    return store.query(f"SELECT {EVENT_FIELDS} FROM events e JOIN documents d ON d.doc_id = e.doc_id "
                       f"WHERE e.event = ? AND e.mode = ? AND e.modality IN ({_marks(r.modalities)}) "
                       "AND e.day IS NOT NULL ORDER BY e.day, e.event_id", (r.event, r.mode, *r.modalities))


def _group(agreements: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Agreements between the same parties (two or more) within ``join_days`` of the group's last."""
    gap = dt.timedelta(days=rules().join_days)
    groups: list[list[dict[str, Any]]] = []
    open_by_parties: dict[frozenset[str], list[dict[str, Any]]] = {}
    for ev in agreements:
        parties = _codes(ev["actor_codes"], ev["recipient_codes"])
        if len(parties) < 2:
            continue
        group = open_by_parties.get(parties)
        if group is not None and ev["day"] - group[-1]["day"] <= gap:
            group.append(ev)
            continue
        group = [ev]
        open_by_parties[parties] = group
        groups.append(group)
    return groups


def _summary(group: list[dict[str, Any]]) -> dict[str, Any]:
    parties = sorted(_codes(group[0]["actor_codes"], group[0]["recipient_codes"]))
    start: dt.date = group[0]["day"]
    cid = "cf-" + hashlib.sha1(f"{';'.join(parties)}|{start.isoformat()}".encode()).hexdigest()[:12]
    return {"ceasefire_id": cid, "parties": parties, "start": start.isoformat(),
            "announced_by": sorted({e["claimant_code"] for e in group if e["claimant_code"]}),
            "agreements": group}


def _related(store: Store, parties: list[str], start: dt.date, types: Sequence[str],
             since: dt.date, until: dt.date | None) -> list[dict[str, Any]]:
    where = [f"e.event IN ({_marks(types)})", "e.day >= CAST(? AS DATE)", "e.modality <> 'negated'"]
    params: list[Any] = [*types, since.isoformat()]
    if until is not None:
        where.append("e.day <= CAST(? AS DATE)")
        params.append(until.isoformat())
    party_match = " OR ".join("position(? IN ';' || coalesce(e.actor_codes, '') || ';' || "
                              "coalesce(e.recipient_codes, '') || ';') > 0" for _ in parties)
    where.append(f"({party_match})")
    params += [f";{p};" for p in parties]
    return store.query(f"SELECT {EVENT_FIELDS} FROM events e JOIN documents d ON d.doc_id = e.doc_id "
                       f"WHERE {' AND '.join(where)} ORDER BY e.day, e.event_id", params)


def _side(ev: dict[str, Any], parties: frozenset[str]) -> str | None:
    """The party that acted (for an accusation: the accuser); None when no party did."""
    actors = _codes(ev["actor_codes"]) & parties
    if actors:
        return sorted(actors)[0]
    claimant = ev["claimant_code"]
    return claimant if claimant in parties else None


def _detail(store: Store, summary: dict[str, Any]) -> dict[str, Any]:
    r = rules()
    parties = frozenset(summary["parties"])
    start = dt.date.fromisoformat(summary["start"])
    lead = start - dt.timedelta(days=r.lead_days)
    agreement_ids = {e["event_id"] for e in summary["agreements"]}
    brokers: dict[str, list[str]] = {}
    for ev in _related(store, summary["parties"], start, r.brokers, lead, start + dt.timedelta(days=r.lead_days)):
        for code in _codes(ev["actor_codes"]) - parties:
            if _codes(ev["recipient_codes"]) & parties:
                brokers.setdefault(code, []).append(ev["event_id"])
    timeline = []
    per_side: dict[str, dict[str, int]] = {p: {"incidents": 0, "accusations": 0, "dead": 0} for p in summary["parties"]}
    for ev in _related(store, summary["parties"], start, (*r.incidents, *r.accusations), lead, None):
        if ev["event_id"] in agreement_ids:
            continue
        others = (_codes(ev["recipient_codes"]) | _codes(ev["country"])) & parties
        side = _side(ev, parties)
        if side is None or not (others - {side}):
            continue  # not between the parties
        kind = "accusation" if ev["event"] in r.accusations else "incident"
        phase = "before" if ev["day"] < start else "after"
        timeline.append({**ev, "day": ev["day"].isoformat(), "kind": kind, "side": side, "phase": phase})
        if phase == "after":
            per_side[side][kind + "s"] += 1
            per_side[side]["dead"] += int(ev["dead"] or 0) if kind == "incident" else 0
    agreements = [{**e, "day": e["day"].isoformat()} for e in summary["agreements"]]
    return {**{k: v for k, v in summary.items() if k != "agreements"}, "agreements": agreements,
            "brokers": [{"code": c, "events": ids} for c, ids in sorted(brokers.items())],
            "timeline": timeline, "per_side": per_side,
            "after": sum(1 for t in timeline if t["phase"] == "after")}


def list_ceasefires(store: Store, *, country: str | None = None) -> list[dict[str, Any]]:
    """Every ceasefire in the store (newest first), with its parties, start, brokers and per-side
    counts of later incidents and accusations; ``country``: only those it is a party to."""
    out = []
    for group in _group(_agreements(store)):
        summary = _summary(group)
        if country and country not in summary["parties"]:
            continue
        detail = _detail(store, summary)
        detail.pop("timeline")
        detail["agreements"] = [a["event_id"] for a in detail["agreements"]]
        out.append(detail)
    return sorted(out, key=lambda c: (c["start"], c["ceasefire_id"]), reverse=True)


def show_ceasefire(store: Store, ceasefire_id: str) -> dict[str, Any]:
    """One ceasefire with its agreements, brokers and the timeline of incidents and accusations."""
    for group in _group(_agreements(store)):
        summary = _summary(group)
        if summary["ceasefire_id"] == ceasefire_id:
            return _detail(store, summary)
    raise StoreError(f"no ceasefire {ceasefire_id!r}; list them with GET /api/ceasefires.")
