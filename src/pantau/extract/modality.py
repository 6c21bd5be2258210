"""Modality: negated, future, hypothetical or historical, from pack cues and from dates.

Cues come from the pack's ``modality`` section, each with a ``scope`` relative to the trigger
(``before`` / ``after`` within ``window`` tokens, the ``clause``, or the whole ``sentence``). The
nearest cue wins. A trigger record may carry its own modality (``declined to comment``). With no
cue, a date well before publication makes the event historical and one after it future.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from .analysis import Draft, SentenceView

DEFAULT_WINDOW = 3
# An event dated this many days or more before publication is background, not news: calibrated on
# the dev gold, where recalled events sit 17 days or more back and fresh ones at most a week.
HISTORICAL_DAYS = 10


def cue_modality(draft: Draft, sent: SentenceView, others: Sequence[Draft] = ()) -> str | None:
    """The modality of the nearest cue whose scope covers the trigger.

    A clause- or sentence-wide cue ("tahun lalu", "last year") marks only the event nearest to it:
    "sepakat ... sejak perang tahun lalu" recalls the war, not the agreement."""
    t0, t1 = draft.trigger.tok_start, draft.trigger.tok_end
    best: tuple[int, str] | None = None
    for cue in sent.cues:
        if (cue.record.get("scope") or "before") in ("clause", "sentence") and any(
                abs(o.trigger.tok_start - cue.tok_start) < abs(t0 - cue.tok_start) for o in others if o is not draft):
            continue
        if t0 <= cue.tok_start < t1 and cue.tok_end <= t1:
            continue  # a cue inside the trigger belongs to the trigger record, not to the sentence
        scope = cue.record.get("scope") or "before"
        window = int(cue.record.get("window") or DEFAULT_WINDOW)
        if scope == "before":
            dist = t0 - cue.tok_end
            ok = 0 <= dist <= window
        elif scope == "after":
            dist = cue.tok_start - t1
            ok = 0 <= dist <= window
        elif scope == "clause":
            lo, hi = sorted((cue.tok_start, t0))
            dist = abs(cue.tok_start - t0)
            ok = not any(i in sent.breaks for i in range(lo, hi))
        else:
            dist = abs(cue.tok_start - t0) + 100  # sentence-wide cues lose to local ones
            ok = True
        if ok and (best is None or dist < best[0]):
            best = (dist, cue.record["modality"])
    return None if best is None else best[1]


def date_modality(iso: str | None, precision: str | None, published: date | None) -> str | None:
    if not iso or published is None or precision in (None, "published"):
        return None
    parts = [int(p) for p in iso.split("-")]
    if precision == "year":
        if parts[0] < published.year:
            return "historical"
        return "future" if parts[0] > published.year else None
    if precision == "month":
        here = (published.year, published.month)
        there = (parts[0], parts[1])
        if there < here:
            return "historical"
        return "future" if there > here else None
    day = date(parts[0], parts[1], parts[2])
    if day <= published - timedelta(days=HISTORICAL_DAYS):
        return "historical"
    if day > published + timedelta(days=1):
        return "future"
    return None


def decide(draft: Draft, sent: SentenceView, published: date | None, others: Sequence[Draft] = ()) -> None:
    """Reads the trigger entry, the sentence's modality cues and the draft's date; sets ``modality``."""
    record_modality = draft.trigger.record.get("modality")
    if record_modality:
        draft.modality = record_modality
        return
    cue = cue_modality(draft, sent, others)
    if cue is not None:
        draft.modality = cue
        return
    by_date = date_modality(draft.date, draft.date_precision, published)
    if by_date is not None:
        draft.modality = by_date
