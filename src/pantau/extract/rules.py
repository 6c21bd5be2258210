"""Rules the coder applies once arguments are known: ontology rules that depend on who and what
(data in ontology.yaml), and site furniture that is not coded.

- ``reclassify``: a reported nominal accusation is the speaker's; combatants "arrested" are captured.
- ``irrealis``: what is requested, threatened or refused has not happened.
- ``border_sides``: a clash at a two-country border is between those countries.
- ``furniture_spans``: "Baca juga: ..." and comment forms are skipped, never removed.
"""

from __future__ import annotations

import bisect

from ..model import Entity
from ..ontology import load_ontology
from .analysis import Draft, SentenceView

OBJECT_PLACE_TOKENS = 2  # "seized El Fasher", "took the town of Pama": the place right after the verb
IRREALIS_TOKENS = 10  # "mengimbau kedua negara anggota ASEAN itu menahan diri serta ..." reaches this far


def tok_of(sent: SentenceView, offset: int) -> int:
    return bisect.bisect_left([t.end for t in sent.tokens], offset)


def border_sides(sent: SentenceView, after: int) -> list[Entity]:
    """"Bentrokan pecah di perbatasan Thailand dan Kamboja": a clash at a two-country border is
    between those two countries, when no side is named otherwise."""
    for p in sent.places:
        loc = p.location
        if loc.precision == "border" and len(loc.countries) >= 2 and p.tok_start >= after - 1:
            return [Entity(loc.text or "", code, None, loc.start or 0, loc.end or 0) for code in loc.countries]
    return []


def irrealis(sent: SentenceView, drafts: list[Draft]) -> None:
    """An act that is requested, threatened or refused has not happened: "menyerukan kedua negara
    untuk terus menghormati gencatan senjata" makes the ceasefire mention hypothetical, and a
    request with no mode of its own takes the one its complement implies (ontology complement_modes)."""
    onto = load_ontology()
    modes = onto.complement_modes or {}
    for head in drafts:
        if head.event not in onto.irrealis_heads:
            continue
        for d in drafts:
            if d is head or d.modality != "asserted":
                continue
            start, end = head.trigger.tok_end, d.trigger.tok_start
            if not (0 <= end - start <= IRREALIS_TOKENS) or any(i in sent.breaks for i in range(start, end)):
                continue
            if any(head.trigger_span.end <= (p.location.start or -1) < d.trigger_span.start for p in sent.places):
                continue  # "Demo Tolak Hasil Pilkada di Puncak Jaya Ricuh": a place closes what was refused
            if not head.mode and d.event in modes.get(head.event, {}):
                head.mode = modes[head.event][d.event]  # "urged both sides to respect the ceasefire": yield
            if d.event not in onto.speech_acts:
                d.modality = "hypothetical"


def reclassify(d: Draft, beside: list[Draft] | None = None) -> None:
    """Ontology rules that depend on the arguments found (data in ontology.yaml).

    - A reported nominal accusation ("... merupakan respon dari provokasi dari pasukan Armenia")
      is the speaker's: the claimant accuses, the nominal's agent is accused.
    - ``self_reported``: police reporting an arrest with no arrester named made it.
    - ``recodes``: an arrest of combatants is a capture in fighting; police blocking roads
      restrict movement rather than protest."""
    onto = load_ontology()
    if d.event in onto.speech_acts and "nominal" in (d.voice, d.frame) and d.claims and d.claims[0].claimant is not None:
        speaker = d.claims[0].claimant
        if speaker.code and speaker.code not in {e.code for e in d.actor}:
            d.recipient = d.actor or d.recipient
            d.actor = [speaker]
    rep = onto.self_reported
    who = d.claims[0].claimant if d.claims else None
    own_troops = who is not None and any(r.code == who.code and r.sector in rep.get("own_side_sectors", ())
                                         for r in d.recipient)
    if (not d.actor and d.event in rep.get("types", ()) and who is not None and not own_troops
            and who.sector in rep.get("claimant_sectors", ())):
        d.actor = [who]  # the force that reports the arrest made it; not its own soldiers "ditangkap"
    for rule in onto.recodes:
        if [d.event, d.mode] != list(rule["from"]):
            continue
        if "recipient_sectors" in rule and not (d.recipient and all(
                r.sector in rule["recipient_sectors"] for r in d.recipient)):
            continue
        if "actor_sectors" in rule and not any(a.sector in rule["actor_sectors"] for a in d.actor):
            continue
        if any(a.sector in (rule.get("unless_actor_sectors") or ()) for a in d.actor):
            continue
        if "actor_protesting" in rule and rule["actor_protesting"] != d.protesting:
            continue
        if "recipient_protesting" in rule and rule["recipient_protesting"] != d.protested:
            continue
        if "with_event" in rule and not any(o is not d and o.event == rule["with_event"] and o.modality == "asserted"
                                            for o in beside or ()):
            continue
        if rule.get("object_place") and not any(
                0 <= p.tok_start - d.trigger.tok_end <= OBJECT_PLACE_TOKENS and p.location.precision in ("point", "admin1")
                for p in d.sentence.places):
            continue
        d.event, d.mode = rule["to"][0], rule["to"][1]
        if rule.get("context") and rule["context"] not in d.context:
            d.context.append(rule["context"])
        if rule.get("count_from") and d.trigger.record.get("count") == rule["count_from"]:
            d.count_key = rule["count_to"]
        break


def furniture_spans(text: str, tag: str) -> list[tuple[int, int]]:
    """Character ranges of site furniture ("Baca juga: ...", comment forms) that are not coded.

    The text stays as it is (OUTPUT.md offsets point into it); these lines are only skipped, by
    the same pack-driven rules that clean HTML (ingest/clean.py)."""
    from ..ingest.clean import filter_for

    rules = filter_for(tag)
    out = []
    at = 0
    carry = False  # "Baca juga:" alone on its line: the headline on the next line goes with it
    for line in text.splitlines(keepends=True):
        why = rules.classify(line)
        if why == "cut":
            out.append((at, len(text)))
            break
        if why is not None or (carry and line.strip()):
            out.append((at, at + len(line)))
            carry = why == "prefix" and line.strip().endswith(":")
        at += len(line)
    return out
