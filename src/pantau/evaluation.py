"""Scoring system output against gold, as shared/spec/OUTPUT.md "Gold files and scoring" defines.

The rules, in order: system events are reduced to the gold shape; gold events that are not
``asserted`` are optional (a system event matching one is neither right nor wrong); gold and
system events are paired one-to-one, best-fitting pairs first; a pair counts when the types are
equal and (relaxed) the actor-and-recipient codes overlap or (strict) the sides are equal (the
union for ASSAULT, CONSULT and AGREE). On relaxed matches the accuracy of each field is reported.
``tests/unit/test_evaluation.py`` checks that these numbers equal the reference scorer's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SYMMETRIC = frozenset({"ASSAULT", "CONSULT", "AGREE"})
SUMMARY_KEYS = ("all", "en", "id", "ms")


@dataclass(slots=True)
class Reduced:
    event: str | None
    mode: str | None
    actor: frozenset[str]
    recipient: frozenset[str]
    date: str | None
    country: str | None
    size: dict[str, Any]
    claimant: str | None
    modality: str

    @property
    def sides(self) -> frozenset[str]:
        return self.actor | self.recipient


def _codes(items: Iterable[Any] | None) -> frozenset[str]:
    out = set()
    for item in items or []:
        code = item.get("code") if isinstance(item, Mapping) else item
        if code:
            out.add(code)
    return frozenset(out)


def reduce_event(ev: Mapping[str, Any]) -> Reduced:
    """A system event (OUTPUT.md EVENT) in the gold's shape."""
    size = {k: (v.get("value") if isinstance(v, Mapping) else v) for k, v in (ev.get("size") or {}).items()}
    claimant = None
    claims = ev.get("claims") or []
    if claims:
        who = claims[0].get("claimant") or {}
        claimant = who.get("code") if isinstance(who, Mapping) else who
    return Reduced(ev.get("event"), ev.get("mode"), _codes(ev.get("actor")), _codes(ev.get("recipient")),
                   ev.get("date"), (ev.get("location") or {}).get("country"), size, claimant,
                   ev.get("modality", "asserted"))


def same_event(gold: Mapping[str, Any], sys: Reduced, *, strict: bool) -> bool:
    if gold["event"] != sys.event:
        return False
    g_actor, g_recipient = frozenset(gold.get("actor", [])), frozenset(gold.get("recipient", []))
    g_sides = g_actor | g_recipient
    if strict:
        if gold["event"] in SYMMETRIC:
            return g_sides == sys.sides
        return g_actor == sys.actor and g_recipient == sys.recipient
    if not g_sides and not sys.sides:
        return True
    return bool(g_sides & sys.sides)


def date_agrees(gold: str, system: str | None) -> bool:
    """The system date read at the gold's precision."""
    return bool(system) and system[: len(gold)] == gold  # type: ignore[index]


def fit(gold: Mapping[str, Any], sys: Reduced) -> float | None:
    """How well a system event fits a gold event (higher is better); None when they cannot pair."""
    if not same_event(gold, sys, strict=False):
        return None
    g_sides = frozenset(gold.get("actor", [])) | frozenset(gold.get("recipient", []))
    union = g_sides | sys.sides
    score = 2.0 * same_event(gold, sys, strict=True)
    score += len(g_sides & sys.sides) / len(union) if union else 1.0
    score += 0.5 * (gold.get("modality", "asserted") == sys.modality)
    score += 0.5 * (bool(gold.get("mode")) and gold.get("mode") == sys.mode)
    score += 0.25 * (bool(gold.get("date")) and date_agrees(gold["date"], sys.date))
    score += 0.25 * ("claimant" in gold and gold["claimant"] == sys.claimant)
    given = {k for k, v in sys.size.items() if v is not None}
    score += 0.25 * len(set(gold.get("size") or {}) & given)
    return score


def pair_events(gold: list[Mapping[str, Any]], system: list[Reduced]) -> dict[int, int]:
    """One-to-one pairing, best fits first (ties by gold order, then system order)."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            value = fit(g, s)
            if value is not None:
                candidates.append((-value, gi, si))
    candidates.sort()
    paired: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, si in candidates:
        if gi not in paired and si not in used:
            paired[gi] = si
            used.add(si)
    return paired


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def summary(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def score(gold_docs: Sequence[Mapping[str, Any]], system_docs: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Score system documents (OUTPUT.md objects) against gold documents."""
    by_id = {str(d.get("doc_id") or d.get("id")): d for d in system_docs}
    tallies: dict[str, dict[str, Counts]] = {"strict": defaultdict(Counts), "relaxed": defaultdict(Counts)}
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missing = 0
    misses: list[dict[str, Any]] = []
    for doc in gold_docs:
        out = by_id.get(str(doc["id"]))
        missing += out is None
        system = [reduce_event(e) for e in (out or {}).get("events", [])]
        gold = doc["events"]
        pairing = pair_events(gold, system)
        for mode in ("strict", "relaxed"):
            strict = mode == "strict"
            counted: set[int] = set()
            for gi, g in enumerate(gold):
                required = g.get("modality", "asserted") == "asserted"
                si = pairing.get(gi)
                if si is not None and strict and not same_event(g, system[si], strict=True):
                    si = None
                keys = ("all", doc["lang"], g["event"])
                if si is None:
                    if required:
                        for k in keys:
                            tallies[mode][k].fn += 1
                        if not strict:
                            misses.append({"doc": doc["id"], "kind": "missed", "gold": dict(g)})
                    continue
                counted.add(si)
                if required:
                    for k in keys:
                        tallies[mode][k].tp += 1
                if not strict:
                    _field_accuracy(fields, g, system[si], required)
            optional_hits = set(pairing.values())
            for si, s in enumerate(system):
                if si in counted or (not strict and si in optional_hits):
                    continue
                for k in ("all", doc["lang"], s.event or "?"):
                    tallies[mode][k].fp += 1
                if not strict:
                    ev = (out or {}).get("events", [])[si]
                    misses.append({"doc": doc["id"], "kind": "spurious", "system": _brief(ev)})
    result: dict[str, Any] = {m: {k: c.summary() for k, c in sorted(t.items())} for m, t in tallies.items()}
    result["fields"] = {k: {"acc": round(a / n, 3) if n else None, "n": n} for k, (a, n) in sorted(fields.items())}
    result["docs"] = len(gold_docs)
    result["missing_docs"] = missing
    result["misses"] = misses
    return result


def _field_accuracy(fields: dict[str, list[int]], g: Mapping[str, Any], s: Reduced, required: bool) -> None:
    def tally(name: str, ok: bool) -> None:
        fields[name][0] += ok
        fields[name][1] += 1

    if not required:
        tally("modality(optional)", s.modality == g["modality"])
        return
    if g.get("mode"):
        tally("mode", s.mode == g["mode"])
    if g.get("date"):
        tally("date", date_agrees(g["date"], s.date))
    if g.get("country"):
        tally("country", s.country == g["country"])
    for key, value in (g.get("size") or {}).items():
        tally("size." + key, s.size.get(key) == value)
    if "claimant" in g:
        tally("claimant", s.claimant == g["claimant"])


def _brief(ev: Mapping[str, Any]) -> dict[str, Any]:
    r = reduce_event(ev)
    trig = (ev.get("evidence") or {}).get("trigger") or {}
    return {"event": r.event, "mode": r.mode, "actor": sorted(r.actor), "recipient": sorted(r.recipient),
            "trigger": trig.get("text"), "claimant": r.claimant, "modality": r.modality}


def format_table(result: Mapping[str, Any]) -> str:
    """The human-readable report of ``pantau eval``."""
    lines = []
    for mode in ("relaxed", "strict"):
        lines.append(f"{mode}:")
        for key, v in result[mode].items():
            if key in SUMMARY_KEYS or key == key.lower():
                lines.append(f"  {key:10} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f} "
                             f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})")
    lines.append("per type (relaxed):")
    for key, v in result["relaxed"].items():
        if key.isupper():
            lines.append(f"  {key:10} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f} "
                         f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})")
    lines.append("fields on relaxed matches:")
    for key, v in result["fields"].items():
        lines.append(f"  {key:20} acc={v['acc']} n={v['n']}")
    lines.append(f"docs={result['docs']} missing={result['missing_docs']}")
    return "\n".join(lines)
