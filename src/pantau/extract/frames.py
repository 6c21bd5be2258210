"""Argument frames: who is the actor and who the recipient of a trigger.

A frame (pack ``events[].frame``) names a pattern, and the pack's ``morphology`` and ``syntax``
sections name the function words it looks for; this module only walks tokens and mentions.

- transitive: actor = subject group to the left, recipient = object group to the right; a passive
  form (Indonesian ``di-``/``ter-``, English auxiliary + participle) swaps them and takes the actor
  after an agent marker or straight after the verb.
- symmetric: every actor group around the trigger is an actor.
- subject: the subject group only.
- nominal: a noun trigger; actor from an agent marker, a following name or a preceding demonym,
  recipient after an object marker.
- reflexive: the subject group only (``membubarkan diri``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..lang.loader import Pack
from ..lang.schema import MorphologySection, SyntaxSection
from .analysis import Group, SentenceView

WINDOW_LEFT = 14  # tokens searched for a subject: covers a title + name + "said that"
WINDOW_RIGHT = 8  # tokens searched for an object: covers "on the positions of the X"
LOCATIVE_GAP = 2  # words between a name and the locative of its seat: "UN Verification Mission in"
SEAT_TOWN_TOKENS = 3  # a town named between the locative and its country: "in Lahore, Pakistan"
NOMINAL_ADJACENT = 3  # tokens between a noun trigger and its modifier ("serangan militer Israel")


@dataclass(frozen=True, slots=True)
class FrameWords:
    passive_aux: frozenset[str]
    agent: frozenset[str]
    objects: frozenset[str]
    blockers: frozenset[str]
    conjunctions: frozenset[str]
    breaks: frozenset[str]
    complementisers: frozenset[str]
    determiners: frozenset[str]
    modifier_position: str
    reciprocal: frozenset[str]
    demonstratives: frozenset[str]
    quotes: frozenset[str] = frozenset()
    labelling: frozenset[str] = frozenset()
    locatives: frozenset[str] = frozenset()

    @classmethod
    def of(cls, pack: Pack) -> FrameWords:
        return pack.cached("frame_words", lambda: cls.build(pack))

    @classmethod
    def build(cls, pack: Pack) -> FrameWords:
        morph = pack.section(MorphologySection)
        syn = pack.section(SyntaxSection)

        def low(words: tuple[str, ...] | None) -> frozenset[str]:
            return frozenset(w.lower() for w in words or ())

        return cls(low(morph.passive_auxiliaries), low(morph.agent_markers),
                   low(morph.object_markers), low(morph.subject_blockers),
                   low(syn.conjunctions), low(syn.clause_breaks), low(syn.complementisers),
                   low(syn.determiners), syn.modifier_position or "both",
                   low(syn.reciprocal_markers), low(syn.demonstratives), low(syn.quote_marks),
                   low(syn.labelling), low(syn.locatives))


def is_agency(m: Any) -> bool:
    """A news organisation ("Reuters", "Interfax") is a claimant only, never a party (ANNOTATION.md)."""
    return bool(m.kind == "organisation" and m.sector == "JRN")


def groups(sent: SentenceView, words: FrameWords) -> list[Group]:
    """Mentions joined by conjunctions ("Egypt, Qatar and Turkey") become one group."""
    out: list[Group] = []
    for m in sent.mentions:
        if out:
            prev = out[-1][-1]
            between = sent.tokens[prev.tok_end:m.tok_start]
            if between and len(between) <= 2 and all(t.lower in words.conjunctions for t in between[:1]) and all(
                    t.lower in words.conjunctions or t.lower in words.determiners for t in between):
                # a comma or hyphen joins names of one kind ("Egypt, Qatar and Turkey",
                # "Armenia-Azerbaijan"); "civilians, Ukraine's Interior Ministry said" is two groups
                worded = any(t.text[:1].isalnum() and t.lower in words.conjunctions for t in between)
                # a dash between spaces ends a dateline ("JAKARTA, KOMPAS.com - Bakamla RI ..."); a
                # hyphen joins only what it touches ("Armenia-Azerbaijan")
                dash = len(between) == 1 and between[0].text == "-" and prev.end < between[0].start \
                    and between[0].end < m.start
                if (worded or prev.kind == m.kind) and not dash:
                    out[-1].append(m)
                    continue
        out.append([m])
    return out


def resolve_voice(sent: SentenceView, tok_start: int, tok_end: int, voice: str, words: FrameWords) -> str:
    """A participle is passive after an auxiliary ("was shot") or before an agent ("shot by")."""
    if voice != "participle":
        return voice
    before = [t.lower for t in sent.tokens[max(0, tok_start - 3):tok_start]]
    after = [t.lower for t in sent.tokens[tok_end:tok_end + 3]]
    if any(w in words.passive_aux for w in before) or any(w in words.agent for w in after[:2]):
        return "passive"
    return "active"


def _left(sent: SentenceView, gs: list[Group], tok: int, words: FrameWords,
          cross_breaks: bool = False, claims: set[int] | None = None) -> Group:
    """The nearest group ending before ``tok``, skipping relative clauses (", yang ... ,").

    Given ``claims``, the search does not cross a reporting verb ("Hendra mengatakan, 600 orang
    diamankan": the speaker is not who was arrested) unless the group is a pronoun. Passive
    recipients use this; an active verb's subject may be its speaker ("the army said ... killed")."""
    limit = max(0, tok - WINDOW_LEFT)
    for g in reversed(gs):
        end = g[-1].tok_end
        if end > tok or g[0].tok_start < limit:
            continue
        if g[0].tok_start > 0 and _inside_relative(sent, g, tok, words):
            # "Anwar, whose country chairs ASEAN this year, called it ...": the window reaches past
            # the relative clause to the name it hangs on
            limit = max(0, min(limit, g[0].tok_start - WINDOW_LEFT))
        if claims and any(i in claims for i in range(end, tok)) and not all(m.kind == "reference" for m in g):
            return []
        if end < tok and sent.tokens[end].text == "-":
            continue  # "U.S.-brokered ceasefire", "Hamas-led gunmen": a modifier, not the subject
        if not cross_breaks and any(i in sent.breaks for i in range(end, tok)):
            return []
        if _inside_relative(sent, g, tok, words):
            continue
        return _seat_holder(sent, gs, g, words) or g
    return []


def _seat_holder(sent: SentenceView, gs: list[Group], g: Group, words: FrameWords) -> Group:
    """"The UN mission in Colombia urged", "Kedutaan Besar AS di Kolombia meminta", "a court in
    Lahore, Pakistan, ordered": a country after a locative (pack ``syntax.locatives``), or after a
    town that follows one, that closes a noun phrase begun by another name is where that body sits;
    the name before it is the subject. Empty when ``g`` is not such a country."""
    start = g[0].tok_start
    if any(m.kind != "country" for m in g):
        return []
    at = start - 1
    if at > 1 and sent.tokens[at].text == ",":  # "di Lahore, Pakistan": a town, then its country
        at -= 1
        while at > 0 and start - at <= SEAT_TOWN_TOKENS + 1 and sent.tokens[at].text[:1].isupper():
            at -= 1
    if at < 1 or sent.tokens[at].lower not in words.locatives:
        return []
    prev = next((h for h in reversed(gs) if h[-1].tok_end <= at), None)
    if prev is None:
        return []
    k = prev[0].tok_start - 1  # the body opens its clause: only a capitalised name or a determiner before it
    while k >= 0 and sent.tokens[k].text[:1].isalnum() and k not in sent.breaks:
        tok = sent.tokens[k]
        if prev[0].tok_start - k > LOCATIVE_GAP + 1 or not (tok.text[:1].isupper() or tok.lower in words.determiners):
            return []  # "berdemonstrasi di depan Parlemen Nasional di Dili": a place, not a subject
        k -= 1
    end = prev[-1].tok_end
    gap = sent.tokens[end:at]
    if len(gap) > LOCATIVE_GAP or any(not t.text[:1].isalnum() or t.lower in words.breaks for t in gap) \
            or any(end <= m.tok_start < start for m in sent.triggers):
        return []
    return prev


def _far_subject(sent: SentenceView, gs: list[Group], tok: int) -> Group:
    """The clause's only group, however long the phrase that follows it ("workers of the state-owned
    spinning company in Mahalla went on strike"): no other group, trigger or clause break stands
    between it and the verb."""
    before = [g for g in gs if g[-1].tok_end <= tok]
    if len(before) != 1:
        return []
    g = before[0]
    if any(g[-1].tok_end <= m.tok_start < tok for m in sent.triggers) or \
            any(i in sent.breaks for i in range(g[-1].tok_end, tok)):
        return []
    return g


def _inside_relative(sent: SentenceView, g: list[Any], tok: int, words: FrameWords) -> bool:
    """True when the group stands inside ", which/yang ... ," and that clause closes before ``tok``."""
    start = g[0].tok_start
    for i in range(start - 1, max(-1, start - 9), -1):
        if sent.tokens[i].lower == ",":
            opens = i + 1 < start and sent.tokens[i + 1].lower in words.blockers
            return opens and any(sent.tokens[j].lower == "," for j in range(g[-1].tok_end, tok))
    return False


def _right(sent: SentenceView, gs: list[Group], tok: int, words: FrameWords,
           window: int = WINDOW_RIGHT, stop: set[int] | None = None) -> Group:
    for g in gs:
        start = g[0].tok_start
        if start < tok:
            continue
        if start - tok > window:
            return []
        if any(i in sent.breaks or (stop and i in stop) for i in range(tok, start)):
            return []
        return g
    return []


def _agent(sent: SentenceView, gs: list[Group], tok_end: int, words: FrameWords,
           direct: bool) -> Group:
    """The agent of a passive: after `by`/`oleh` within three tokens, or straight after the verb."""
    for i in range(tok_end, min(len(sent.tokens), tok_end + 4)):
        if sent.tokens[i].lower in words.agent:
            return _right(sent, gs, i + 1, words, window=3)
    if direct:
        g = _right(sent, gs, tok_end, words, window=1)
        if g:
            return g
    return []


def assign(sent: SentenceView, tok_start: int, tok_end: int, frame: str, voice: str, words: FrameWords,
           claim_tokens: set[int], tail: tuple[int, int] = (0, 0)) -> tuple[list[Any], list[Any]]:
    """(actor mentions, recipient mentions) for a trigger whose words are [tok_start, tok_end).

    Pass the end of the trigger's head (before any gap) as ``tok_end``: a mention in the gap of
    "freeing ... prisoners" is an argument, a mention that is the trigger's first word is not."""
    gs = [g for g in groups(sent, words) if not (tok_start <= g[0].tok_start < tok_end) and not is_agency(g[0])
          and not (g[-1].tok_end <= tok_start and all(m.kind == "reference" and m.refers == "self" for m in g))
          and not (g[0].tok_start > 0 and sent.tokens[g[0].tok_start - 1].lower in words.labelling)]
    # a reflexive before the trigger is the object of an earlier verb ("berusaha melarikan diri dan
    # mencoba menabrak ..."), never this trigger's subject; nor is what a naming word names ("called
    # it a first vital step")
    if frame == "fronted":  # "a charge the Afghan government denies": the actor stands in the gap
        return next((g for g in gs if tok_end <= g[0].tok_start and g[-1].tok_end <= tail[0]), []), []
    actor, recipient = _assign(sent, gs, tok_start, tok_end, frame, voice, words, claim_tokens)
    # the trigger's own last words after a gap name the actor's side ("recalled its ambassador"),
    # unless they carry another state ("mengusir dua diplomat Rusia")
    own = {m.code for m in actor}
    recipient = [m for m in recipient if not (tail[0] <= m.tok_start < tail[1]) or (m.code and m.code not in own)]
    if not recipient and frame != "symmetric":
        # the two parties the trigger's own words name are its recipient ("urged both sides",
        # "mendesak kedua negara agar ..."): the trigger's words hold no other argument
        end = max(tok_end, tail[1])
        recipient = [m for m in sent.mentions if m.refers == "pair" and tok_start < m.tok_start < end]
    return actor, recipient


def _assign(sent: SentenceView, gs: list[Group], tok_start: int, tok_end: int, frame: str, voice: str,
            words: FrameWords, claim_tokens: set[int]) -> tuple[list[Any], list[Any]]:
    if frame == "symmetric":
        # the other side follows a reciprocal word: "clashes between X and Y", "kontak tembak dengan KKB";
        # "kontak tembak itu, sekitar 300 warga mengungsi" names no side after the trigger
        right = []
        for i in range(tok_end, min(len(sent.tokens), tok_end + 3)):
            if sent.tokens[i].lower in words.reciprocal:
                right = _right(sent, gs, i + 1, words, window=3, stop=claim_tokens)
                break
        if not right and words.modifier_position in ("after", "both"):
            right = _right(sent, gs, tok_end, words, window=1, stop=claim_tokens)  # "perang Rusia-Ukraina"
        if len(right) > 1:
            return right, []  # "fighting between Israel and Hamas": both sides follow
        return _left(sent, gs, tok_start, words) + right, []
    if frame in ("subject", "reflexive"):
        left = _left(sent, gs, tok_start, words) or _far_subject(sent, gs, tok_start)
        if not left and voice in ("nominal", "literal"):
            left = _nominal_actor(sent, gs, tok_start, tok_end, words)
        return left, []
    if frame == "nominal" or voice == "nominal":
        actor = _agent(sent, gs, tok_end, words, direct=False) or _nominal_actor(sent, gs, tok_start, tok_end, words)
        recipient = _object(sent, gs, tok_end, words, claim_tokens, require_marker=True)
        if recipient and actor and recipient[0] is actor[0]:
            recipient = []
        if not actor and frame != "nominal":
            actor = _after_no_verb(sent, _left(sent, gs, tok_start, words), tok_start)
        if not actor:  # a group right before the noun is its subject or possessor in any language
            left = _after_no_verb(sent, _left(sent, gs, tok_start, words), tok_start)
            if left and left[-1].tok_end >= tok_start - 1 and all(
                    t.text[:1].isalnum() for t in sent.tokens[left[-1].tok_end:tok_start]):
                actor = left
        return actor, recipient
    if voice == "passive":
        recipient = _left(sent, gs, tok_start, words, claims=claim_tokens)
        actor = _agent(sent, gs, tok_end, words, direct=True)
        return actor, recipient
    actor = _left(sent, gs, tok_start, words) or _far_subject(sent, gs, tok_start)
    recipient = _object(sent, gs, tok_end, words, claim_tokens, require_marker=False)
    return actor, recipient


def _after_no_verb(sent: SentenceView, group: Group, tok_start: int) -> Group:
    """``group`` unless another trigger stands between it and the noun at ``tok_start``: in "mengecam
    serangan itu" the attack is the object of the verb, not an act of the verb's subject."""
    if group and any(group[-1].tok_end <= m.tok_start < tok_start for m in sent.triggers):
        return []
    return group


def _object(sent: SentenceView, gs: list[Group], tok_end: int, words: FrameWords, claim_tokens: set[int],
            require_marker: bool) -> Group:
    """The object: a group right after the verb ("accused Cambodia of"), else after an object marker."""
    if not require_marker:
        direct = _right(sent, gs, tok_end, words, window=2, stop=claim_tokens)
        if direct and not any(t.lower in words.objects or t.lower in words.agent or t.lower in words.complementisers
                              for t in sent.tokens[tok_end:direct[0].tok_start]):
            return direct
    for i in range(tok_end, min(len(sent.tokens), tok_end + WINDOW_RIGHT)):
        if i in sent.breaks or i in claim_tokens:
            break
        if sent.tokens[i].lower in words.objects:
            return _right(sent, gs, i + 1, words, window=5, stop=claim_tokens)
    if require_marker:
        return []
    return _right(sent, gs, tok_end, words, stop=claim_tokens)


def _nominal_actor(sent: SentenceView, gs: list[Group], tok_start: int, tok_end: int,
                   words: FrameWords) -> Group:
    """"serangan militer Israel" (modifier after) or "Israeli strikes" / "Russia's invasion" (before);
    the pack's ``syntax.modifier_position`` says which sides its language uses."""
    for g in gs if words.modifier_position in ("after", "both") else []:
        start = g[0].tok_start
        if tok_end <= start <= tok_end + NOMINAL_ADJACENT:
            between = sent.tokens[tok_end:start]
            if not any(t.lower in words.objects or t.lower in words.agent or i + tok_end in sent.breaks
                       or t.lower in words.demonstratives or t.lower in words.conjunctions
                       or not t.text[:1].isalnum() for i, t in enumerate(between)):
                return g
    for g in reversed(gs) if words.modifier_position in ("before", "both") else []:
        end = g[-1].tok_end
        if tok_start - 2 <= end <= tok_start:
            if any(t.text == "-" for t in sent.tokens[end:tok_start]):
                return []  # "U.S.-brokered ceasefire", "Rwanda-backed offensive": a broker, not the actor
            return _after_no_verb(sent, g, tok_start)  # "the EU condemned the attack": not the EU's
    return []
