"""Counts: numbers that say how many were killed, injured, arrested, captured, missing,
displaced or deployed, attached to the event they count.

A number becomes a count in two ways: next to a count word of the pack's ``counts`` section
("31 people were killed", "menewaskan 12 orang", "15 pasukan Armenia yang gugur"), or right after
a trigger that names what it counts (``events[].count``: "mengerahkan 2,000 pasukan" → deployed).
A number followed by a non-person unit ("817-km", "2,86 persen") is never a count. Each count goes
to the nearest event of a type the ontology allows for it (``size_events``); a count with no such
event in its sentence is kept as an orphan for the document-level merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Claim, Entity, Quantity
from ..ontology import load_ontology
from ..text.numbers import NumberMatch
from .actors import Mention
from .analysis import Draft, SentenceView

NUMBER_TO_WORD = 6  # "15 pasukan Armenia yang gugur": number, unit, name, relative word, verb
WORD_TO_NUMBER = 4  # "killing at least nine people", "menewaskan sedikitnya 12 orang"
TRIGGER_TO_NUMBER = 4  # "detained three men", "mengerahkan sekitar 2,000 pasukan"


@dataclass(slots=True)
class Count:
    key: str
    quantity: Quantity
    tok: int  # token index of the number
    sentence: int
    owner: Draft | None = None
    claim: Claim | None = None  # who gives the figure, when no event of its sentence holds it


def _joined(sent: SentenceView, first: NumberMatch, second: NumberMatch) -> bool:
    """``first`` and ``second`` are counts of one list: "20 students and two teachers" (a person
    unit after each, a conjunction between), not "killing 1,200 and taking 251 hostages"."""
    between = sent.tokens[first.tok_end:second.tok_start]
    units = {i for u in sent.units for i in range(u.tok_start, u.tok_end)}
    conj = sent.conjunctions
    return 1 <= len(between) <= 3 and any(t.lower in conj and t.text[:1].isalpha() for t in between) \
        and all(t.lower in conj or first.tok_end + i in units for i, t in enumerate(between)) \
        and _unit_after(sent, second.tok_end) not in (None, "other")


def _summed(sent: SentenceView, num: NumberMatch) -> Quantity:
    """"20 students and two teachers", "5 soldiers and 1 officer were killed": numbers joined by a
    conjunction under one count add up, whichever of them stands next to the count word."""
    earlier = [n for n in sent.numbers if n.tok_end <= num.tok_start]
    while earlier and _joined(sent, earlier[-1], num) and _unit_after(sent, earlier[-1].tok_end) not in (None, "other"):
        num = earlier.pop()
    q = num.quantity
    for other in sent.numbers:
        if other.tok_start <= num.tok_end:
            continue
        if not _joined(sent, num, other):
            break  # "20 students and two teachers" adds up; "killing 1,200 and taking 251 hostages" does not
        q = Quantity(q.value + other.quantity.value,
                     None if q.low is None or other.quantity.low is None else q.low + other.quantity.low,
                     None if q.high is None or other.quantity.high is None else q.high + other.quantity.high,
                     q.approx or other.quantity.approx)
        num = other
    return q


def _unit_after(sent: SentenceView, tok_end: int) -> str | None:
    for u in sent.units:
        if u.tok_start == tok_end or (u.tok_start == tok_end - 1 and u.tok_end > tok_end):
            return str(u.record.get("unit") or "person")
    return None


def _number_is_hyphen_unit(sent: SentenceView, num: NumberMatch) -> bool:
    """"817-km", "44-hari": the unit is glued to the number inside one token."""
    text = sent.tokens[num.tok_end - 1].text
    return "-" in text and not text.split("-", 1)[1][:1].isdigit()


def _bracketed(sent: SentenceView, num: NumberMatch) -> bool:
    """"pria berinisial MH (35)", "Rizal (42)", "lima (5) orang": a number standing alone in brackets
    is an age or a figure restated in digits, never a count of its own."""
    toks = sent.tokens
    return num.tok_start > 0 and num.tok_end < len(toks) \
        and toks[num.tok_start - 1].text == "(" and toks[num.tok_end].text == ")"


def find_counts(sent: SentenceView, drafts: list[Draft]) -> list[Count]:
    """Reads the sentence's numbers, count words and units and the drafts' counting triggers; adds
    nothing to the drafts yet: returns the counts (``attach`` gives them to their events)."""
    out: list[Count] = []
    used: set[int] = set()
    # 1. numbers that a trigger counts directly ("detained three men")
    for d in drafts:
        key = d.count_key or d.trigger.record.get("count")
        if not key:
            continue
        # active forms count after the verb ("detained three men"), passive ones before it
        # ("ke-12 pasukannya ditangkap", "600 orang diamankan"); a literal phrase takes the nearer
        best: tuple[int, Any] | None = None
        for num in sent.numbers:
            if _unit_after(sent, num.tok_end) == "other" or _bracketed(sent, num):
                continue
            inside = d.trigger.tok_start <= num.tok_start < d.trigger.tok_end
            after, before = num.tok_start - d.trigger.tok_end, d.trigger.tok_start - num.tok_end
            for gap, side in ((after, "active"), (before, "passive")):
                if not (0 <= gap <= TRIGGER_TO_NUMBER or inside):
                    continue
                voice = "active" if d.voice == "gerund" else d.voice
                score = 0 if inside else gap + (0 if voice in (side, "literal", "nominal") else 2)
                if best is None or score < best[0]:
                    best = (score, num)
        if best is not None:
            num = best[1]
            out.append(Count(key, _summed(sent, num), num.tok_start, sent.index, owner=d))
            used.add(num.tok_start)
    # 2. numbers next to a count word, nearest pairs first: each number and each word is used once
    pairs: list[tuple[int, int, int, str]] = []
    for n, num in enumerate(sent.numbers):
        if num.tok_start in used or _unit_after(sent, num.tok_end) == "other" or _number_is_hyphen_unit(sent, num) \
                or _bracketed(sent, num):
            continue
        for w, cw in enumerate(sent.counts):
            side = cw.record.get("side") or "either"
            if side == "either" and cw.tok_start > 0 and sent.tokens[cw.tok_start - 1].lower in sent.passive:
                side = "before"  # "one was killed and two were injured": a passive counts what precedes it
            after_gap = cw.tok_start - num.tok_end  # number before the word
            before_gap = num.tok_start - cw.tok_end  # number after the word
            if side in ("before", "either") and 0 <= after_gap <= NUMBER_TO_WORD:
                gap = after_gap
            elif side in ("after", "either") and 0 <= before_gap <= WORD_TO_NUMBER:
                gap = before_gap
            else:
                continue
            if any(i in sent.breaks for i in range(min(num.tok_end, cw.tok_end), max(num.tok_start, cw.tok_start))):
                continue
            pairs.append((gap, n, w, cw.record["key"]))
    words_used: set[int] = set()
    for _gap, n, w, key in sorted(pairs):
        num = sent.numbers[n]
        if num.tok_start in used or w in words_used:
            continue
        used.add(num.tok_start)
        words_used.add(w)
        out.append(Count(key, _summed(sent, num), num.tok_start, sent.index))
    return out


VICTIM_KEYS = frozenset({"dead", "injured", "captured", "arrested", "missing", "displaced"})


def victims(sent: SentenceView, count: Count, one_sided: bool = False) -> list[Any]:
    """The mention counted right after the number ("killing four civilians", "12 warga"); in a
    one-sided act with none, the number itself stands for the people it counts ("Car bomb kills
    four in Azaz", "arrested 43"), a group whose country is that of the place."""
    for m in sent.mentions:
        if count.tok < m.tok_start <= count.tok + 3 and m.kind != "reference":
            return [m]
    if one_sided and 0 <= count.tok < len(sent.tokens):
        t = sent.tokens[count.tok]
        return [Mention(t.start, t.end, t.text, count.tok, count.tok + 1, None, None, None, "group", generic=True)]
    return []


def attach(counts: list[Count], drafts: list[Draft], to_entity: Callable[[Any], Entity] | None = None) -> list[Count]:
    """Give each count to its event; return the orphans. ``to_entity`` codes a victim mention (the
    coder's, which gives generic groups the country of their place)."""
    allowed = load_ontology().size_events
    orphans = []
    for c in counts:
        owner = c.owner
        if owner is None:
            fitting = [d for d in drafts if d.event in allowed.get(c.key, frozenset())]
            if fitting:
                owner = min(fitting, key=lambda d: abs(d.trigger.tok_start - c.tok))
        if owner is None:
            orphans.append(c)
            continue
        c.owner = owner
        if c.key not in owner.size:
            owner.size[c.key] = c.quantity
        if c.key in VICTIM_KEYS and not owner.recipient and owner.sentence.index == c.sentence:
            # a weak trigger's figure is the toll of the event beside it ("Car bomb kills four"), or of
            # one told before ("One customer was killed"): victims only in the first case
            weak = owner.trigger.record.get("weak") and not any(
                d.event == owner.event and not d.trigger.record.get("weak") for d in drafts)
            # "clashed ..., killing 12": a two-sided event's toll names no victim side
            two_sided = any(d.event == owner.event and d.frame == "symmetric" for d in drafts)
            one_sided = not two_sided and len(owner.codes) <= 1 and not weak
            found = victims(owner.sentence, c, one_sided=one_sided)
            if found:
                m = found[0]
                owner.recipient = [to_entity(m) if to_entity else Entity(m.text, m.code, m.sector, m.start, m.end, m.name)]
    return orphans
