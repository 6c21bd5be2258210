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

from .ontology import load_ontology

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
        if gold["event"] in load_ontology().symmetric:
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
    errors: list[dict[str, Any]] = []
    acled = AcledTally()
    for doc in gold_docs:
        out = by_id.get(str(doc["id"]))
        missing += out is None
        events = (out or {}).get("events", [])
        system = [reduce_event(e) for e in events]
        gold = doc["events"]
        pairing = pair_events(gold, system)
        acled.add(gold, events, pairing)
        for g_at, s_at in pairing.items():
            if gold[g_at].get("modality", "asserted") == "asserted":
                errors.extend(field_errors(doc, gold[g_at], system[s_at], events[s_at]))
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
    result["errors"] = errors
    if acled.notes:
        result["acled"] = acled.summary()
    return result


def field_errors(doc: Mapping[str, Any], g: Mapping[str, Any], s: Reduced, ev: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The wrong fields of one matched pair, each with the sentence it came from and what was expected."""
    wrong: list[tuple[str, Any, Any]] = []
    if g.get("mode") and s.mode != g["mode"]:
        wrong.append(("mode", g["mode"], s.mode))
    if g.get("date") and not date_agrees(g["date"], s.date):
        wrong.append(("date", g["date"], s.date))
    if g.get("country") and s.country != g["country"]:
        wrong.append(("country", g["country"], s.country))
    for key, value in (g.get("size") or {}).items():
        if s.size.get(key) != value:
            wrong.append(("size." + key, value, s.size.get(key)))
    if "claimant" in g and s.claimant != g["claimant"]:
        wrong.append(("claimant", g["claimant"], s.claimant))
    if not wrong:
        return []
    text = str(doc.get("text") or "")
    span = (ev.get("evidence") or {}).get("sentence") or {}
    sentence = text[span.get("start", 0):span.get("end", 0)] if text and span else ""
    return [{"doc": doc["id"], "field": f, "expected": want, "got": got, "event": g["event"],
             "evidence": g.get("evidence"), "sentence": sentence.strip()} for f, want, got in wrong]


class AcledTally:
    """ACLED-style scoring of short single-event texts whose gold events carry ``acled``.

    Per note, the gold's first event with an ``acled`` classification is the note's event; the
    system's answer is the event paired with it, else the system's first event that maps to an ACLED
    type. Reported: the share of notes with no typed prediction, event-type and sub-event-type
    accuracy over all notes, and fatalities exact where the gold's dead count is above zero."""

    def __init__(self) -> None:
        self.notes = self.untyped = self.type_ok = self.sub_ok = self.dead_n = self.dead_ok = 0
        self.confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, gold: list[Mapping[str, Any]], events: list[Mapping[str, Any]], pairing: dict[int, int]) -> None:
        gi = next((i for i, g in enumerate(gold) if g.get("acled")), None)
        if gi is None:
            return
        want = gold[gi]["acled"]
        self.notes += 1
        chosen: Mapping[str, Any] | None = None
        if gi in pairing and events[pairing[gi]].get("acled"):
            chosen = events[pairing[gi]]
        else:
            chosen = next((e for e in events if e.get("acled")), None)
        got = (chosen or {}).get("acled") or {}
        self.untyped += chosen is None
        self.type_ok += got.get("event_type") == want.get("event_type")
        self.sub_ok += got.get("sub_event_type") == want.get("sub_event_type")
        self.confusion[str(want.get("sub_event_type"))][str(got.get("sub_event_type"))] += 1
        dead = (gold[gi].get("size") or {}).get("dead")
        if dead:
            self.dead_n += 1
            size = ((chosen or {}).get("size") or {}).get("dead")
            value = size.get("value") if isinstance(size, Mapping) else size
            self.dead_ok += value == dead

    def summary(self) -> dict[str, Any]:
        n = self.notes
        return {"notes": n, "untyped": round(self.untyped / n, 3), "event_type": round(self.type_ok / n, 3),
                "sub_event_type": round(self.sub_ok / n, 3),
                "fatalities": round(self.dead_ok / self.dead_n, 3) if self.dead_n else None,
                "fatalities_n": self.dead_n,
                "sub_types": {k: {"n": sum(v.values()), "ok": v.get(k, 0)} for k, v in sorted(self.confusion.items())}}


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
    if result.get("acled"):
        a = result["acled"]
        lines.append(f"acled notes={a['notes']}: untyped={a['untyped']} event_type={a['event_type']} "
                     f"sub_event_type={a['sub_event_type']} fatalities={a['fatalities']} (n={a['fatalities_n']})")
        for key, v in a["sub_types"].items():
            lines.append(f"  {key:40} {v['ok']}/{v['n']}")
    lines.append(f"docs={result['docs']} missing={result['missing_docs']}")
    return "\n".join(lines)


def format_errors(errors: Sequence[Mapping[str, Any]]) -> str:
    """Wrong fields on matched events, grouped by field (``pantau eval --errors``)."""
    by_field: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for e in errors:
        by_field[str(e["field"])].append(e)
    lines = []
    for field_name in sorted(by_field):
        items = by_field[field_name]
        lines.append(f"{field_name}: {len(items)} wrong")
        for e in items:
            lines.append(f"  {e['doc']} {e['event']} expected={e['expected']!r} got={e['got']!r} "
                         f"[{e['evidence']}] {e['sentence'][:160]!r}")
    return "\n".join(lines)
