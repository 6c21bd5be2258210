"""Ceasefires read from the stored events: who agreed to stop firing, when, who brokered it, what
each side did, alleged and denied afterwards, and whether it holds.

A ceasefire is the set of asserted agreement events (``ontology/ceasefires.yaml``: RETREAT with
mode ceasefire) between one set of parties, within ``join_days`` of each other (the later ones
renew it). Around it: brokers (third parties that requested something of, or consulted, the
parties near the start), and the incidents, accusations, denials and collapse events between the
parties from ``lead_days`` before the start onwards, each with its claimant, on the side of the
party that acted. Its status is the first rule of the file's ``status`` list that holds. Derived
on read, never stored: every figure can be checked against the events it lists.

    >>> from pantau.store.ceasefires import list_ceasefires
    >>> list_ceasefires(store, country="ARM")       # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import StoreError
from .protocol import Store

STATUS_KEYS = frozenset({"status", "min_collapse", "min_incidents", "min_dead", "min_reported"})


@dataclass(frozen=True, slots=True)
class Rules:
    event: str
    mode: str
    modalities: tuple[str, ...]
    brokers: tuple[str, ...]
    incidents: tuple[str, ...]
    accusations: tuple[str, ...]
    denials: tuple[tuple[str, str | None, str | None], ...]
    collapse: tuple[tuple[str, str | None, str | None], ...]
    join_days: int
    lead_days: int
    status: tuple[dict[str, Any], ...]


def _matchers(raw: Any, key: str, problems: list[str]) -> tuple[tuple[str, str | None, str | None], ...]:
    out = []
    for item in raw or ():
        if not isinstance(item, dict) or "event" not in item or set(item) - {"event", "mode", "modality"}:
            problems.append(f"{key}: {item!r} is not {{event, mode?, modality?}}")
            continue
        out.append((str(item["event"]), item.get("mode"), item.get("modality")))
    return tuple(out)


@cache
def rules() -> Rules:
    """The rules of ``ontology/ceasefires.yaml``, or of the file ``PANTAU_CEASEFIRE_RULES`` names,
    checked against the ontology: one error lists every problem."""
    from ..ontology import load_ontology

    override = os.environ.get("PANTAU_CEASEFIRE_RULES")
    where = override or "pantau/ontology/ceasefires.yaml"
    text = (Path(override).read_text(encoding="utf-8") if override else
            resources.files("pantau.ontology").joinpath("ceasefires.yaml").read_text(encoding="utf-8"))
    raw = yaml.safe_load(text) or {}
    problems: list[str] = []
    types = load_ontology().types
    agreement = raw.get("agreement") or {}
    rules = Rules(str(agreement.get("event")), str(agreement.get("mode")), tuple(agreement.get("modalities") or ()),
                  tuple(raw.get("brokers") or ()), tuple(raw.get("incidents") or ()),
                  tuple(raw.get("accusations") or ()), _matchers(raw.get("denials"), "denials", problems),
                  _matchers(raw.get("collapse"), "collapse", problems), int(raw.get("join_days", 30)),
                  int(raw.get("lead_days", 7)), tuple(raw.get("status") or ()))
    named = [rules.event, *rules.brokers, *rules.incidents, *rules.accusations,
             *(m[0] for m in (*rules.denials, *rules.collapse))]
    problems += [f"{t!r} is not an event type of the ontology" for t in named if t not in types]
    for m in (*rules.denials, *rules.collapse, (rules.event, rules.mode, None)):
        if m[0] in types and m[1] is not None and m[1] not in types[m[0]].modes:
            problems.append(f"{m[1]!r} is not a mode of {m[0]}")
    for rule in rules.status:
        if not isinstance(rule, dict) or "status" not in rule or set(rule) - STATUS_KEYS:
            problems.append(f"status: {rule!r} needs `status` and may set only {', '.join(sorted(STATUS_KEYS - {'status'}))}")
    if not rules.status:
        problems.append("status: the list is empty; end it with a rule without thresholds, e.g. {status: holding}")
    if problems:
        raise StoreError(f"{where}: " + "; ".join(problems))
    return rules


def _matches(ev: dict[str, Any], matchers: Sequence[tuple[str, str | None, str | None]]) -> bool:
    return any(ev["event"] == t and (m is None or ev["mode"] == m) and (mo is None or ev["modality"] == mo)
               for t, m, mo in matchers)


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
    where = [f"e.event IN ({_marks(types)})", "e.day >= CAST(? AS DATE)"]
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


def _kind(ev: dict[str, Any], r: Rules) -> str | None:
    if _matches(ev, r.collapse):
        return "collapse"
    if ev["modality"] == "negated":
        return None
    if _matches(ev, r.denials):
        return "denial"
    if ev["event"] in r.accusations:
        return "accusation"
    if ev["event"] in r.incidents:
        return "incident"
    return None


def _status(after: list[dict[str, Any]], r: Rules) -> str:
    n = {k: sum(1 for t in after if t["kind"] == k) for k in ("collapse", "incident", "accusation")}
    dead = sum(int(t["dead"] or 0) for t in after if t["kind"] == "incident")
    for rule in r.status:
        if n["collapse"] < rule.get("min_collapse", 0) or n["incident"] < rule.get("min_incidents", 0):
            continue
        if dead < rule.get("min_dead", 0) or n["incident"] + n["accusation"] < rule.get("min_reported", 0):
            continue
        return str(rule["status"])
    return str(r.status[-1]["status"])


def _detail(store: Store, summary: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
    r = rules()
    parties = frozenset(summary["parties"])
    start = dt.date.fromisoformat(summary["start"])
    lead = start - dt.timedelta(days=r.lead_days)
    agreement_ids = {e["event_id"] for e in summary["agreements"]}
    brokers: dict[str, list[str]] = {}
    for ev in _related(store, summary["parties"], start, r.brokers, lead, start + dt.timedelta(days=r.lead_days)):
        if ev["modality"] == "negated":
            continue
        for code in _codes(ev["actor_codes"]) - parties:
            if _codes(ev["recipient_codes"]) & parties:
                brokers.setdefault(code, []).append(ev["event_id"])
    kinds = (*r.incidents, *r.accusations, *(m[0] for m in (*r.denials, *r.collapse)))
    timeline = []
    per_side: dict[str, dict[str, int]] = {p: {"incidents": 0, "accusations": 0, "denials": 0, "dead": 0}
                                           for p in summary["parties"]}
    for ev in _related(store, summary["parties"], start, tuple(dict.fromkeys(kinds)), lead, None):
        kind = _kind(ev, r)
        if ev["event_id"] in agreement_ids or kind is None:
            continue
        side = _side(ev, parties)
        others = (_codes(ev["recipient_codes"]) | _codes(ev["country"])) & parties
        if side is None or (kind in ("incident", "accusation") and not (others - {side})):
            continue  # not between the parties
        phase = "after" if ev["day"] > start else "before"  # the agreement day is still the lead-up
        timeline.append({**ev, "day": ev["day"].isoformat(), "kind": kind, "side": side, "phase": phase})
        if phase == "after" and kind != "collapse":
            per_side[side][kind + "s"] += 1
            per_side[side]["dead"] += int(ev["dead"] or 0) if kind == "incident" else 0
    after = [t for t in timeline if t["phase"] == "after"]
    violations = [t for t in after if t["kind"] in ("incident", "accusation")]
    last = max((t["day"] for t in violations), default=None)
    agreements = [{**e, "day": e["day"].isoformat()} for e in summary["agreements"]]
    return {**{k: v for k, v in summary.items() if k != "agreements"}, "status": _status(after, r),
            "agreements": agreements, "renewals": sorted({a["day"] for a in agreements if a["day"] > summary["start"]}),
            "brokers": [{"code": c, "events": ids} for c, ids in sorted(brokers.items())],
            "timeline": timeline, "per_side": per_side, "after": len(after),
            "alleged_by": sorted({t["claimant_code"] or t["side"] for t in violations}),
            "last_violation": last,
            "days_since_violation": (as_of - dt.date.fromisoformat(last)).days if last else None}


def list_ceasefires(store: Store, *, country: str | None = None, status: str | None = None,
                    as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Every ceasefire in the store (newest first), with its parties, start, brokers, status and
    per-side counts of later incidents, accusations and denials; ``country``: only those it is a
    party to; ``status``: only those with this status; ``as_of``: the day "days since the last
    violation" counts to (today)."""
    out = []
    for group in _group(_agreements(store)):
        summary = _summary(group)
        if country and country not in summary["parties"]:
            continue
        detail = _detail(store, summary, as_of or dt.date.today())
        if status and detail["status"] != status:
            continue
        detail.pop("timeline")
        detail["agreements"] = [a["event_id"] for a in detail["agreements"]]
        out.append(detail)
    return sorted(out, key=lambda c: (c["start"], c["ceasefire_id"]), reverse=True)


def statuses() -> list[str]:
    return [str(rule["status"]) for rule in rules().status]


def show_ceasefire(store: Store, ceasefire_id: str, *, as_of: dt.date | None = None) -> dict[str, Any]:
    """One ceasefire with its agreements, brokers and the timeline of what followed, per side."""
    for group in _group(_agreements(store)):
        summary = _summary(group)
        if summary["ceasefire_id"] == ceasefire_id:
            return _detail(store, summary, as_of or dt.date.today())
    raise StoreError(f"no ceasefire {ceasefire_id!r} in {store.url}; list them with `pantau ceasefires`.")
