"""Claims: who asserts an event. Reporting verbs from the pack (``claims`` section) give a
claimant and a scope of tokens; every event whose trigger falls in the scope carries the claim.

- side ``after`` (``kata Arief``, ``said the ministry``): the claimant follows the verb; the scope
  is what precedes it (usually the quote or clause before).
- side ``before`` (``Arief mengatakan``, ``the ministry said that``): the claimant precedes; the
  scope is what follows.
- side ``either``: whichever side has a claimant next to the verb; a verb that ends its sentence
  reports what precedes it.
- kind ``according_to``: the claimant follows and the scope is the whole sentence.

A claim with no claimant next to its verb ("ujarnya", "he said") takes the last speaker of the
document when that speaker spoke within the previous three sentences.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lang.phrases import PhraseMatch
from ..model import Entity
from .analysis import ClaimScope, DocState, Group, SentenceView
from .frames import FrameWords, groups

NEAR = 3  # tokens between a reporting verb and its claimant ("said on Tuesday the ministry")
UNNAMED_TOKENS = 7  # words of a source no pack names ("a local civil society leader")
SPEAKER_MEMORY = 3  # sentences during which "ujarnya" / "he said" still points at the last speaker




def find_claims(sent: SentenceView, state: DocState, words: FrameWords,
                to_entities: Callable[[Group], list[Entity]]) -> list[ClaimScope]:
    """Claim scopes of one sentence. ``to_entities`` turns a mention group into resolved entities."""
    out: list[ClaimScope] = []
    gs = groups(sent, words)
    n = len(sent.tokens)
    for m in sent.claims:
        rec = m.record
        side = rec.get("side") or "either"
        verb = " ".join(t.text for t in sent.tokens[m.tok_start:m.tok_end])
        right = _near_right(gs, m.tok_end)
        left = _subject_of_apposition(sent, gs, _near_left(gs, m.tok_start), m.tok_start)
        claimant_group: Group = []
        scope = (0, n)
        participle = m.voice == "gerund" and m.tok_start > 0 and sent.tokens[m.tok_start - 1].text == ","
        if participle and out and out[-1].claimant is not None:
            # "the group's television reported, saying ...": the speaker of the clause before
            out.append(ClaimScope(out[-1].claimant, verb, m.tok_end, n, m))
            continue
        subject = next((g for g in gs if g[-1].tok_end <= m.tok_start), []) if participle else []
        if subject and to_entities(subject):
            # "Armenia accused Azerbaijan of ..., saying its troops fired": a participle clause
            # reports for the subject of the clause it hangs on, not for the nearest name
            claimant_group, scope = subject, (m.tok_end, n)
        elif rec.get("kind") == "according_to":
            claimant_group = right
        elif side == "after":
            claimant_group = right
            scope = (0, m.tok_start)
        elif side == "before":
            claimant_group = left
            scope = (m.tok_end, n)
        else:
            ends_sentence = n - m.tok_end <= 3 or all(t.lower in words.breaks or not t.text[0].isalnum()
                                                      for t in sent.tokens[m.tok_end:m.tok_end + 1])
            if left and not ends_sentence:
                claimant_group, scope = left, (m.tok_end, n)
            elif right and _adjacent_right(right, m.tok_end) and not any(
                    t.text == "," for t in sent.tokens[m.tok_end:right[0].tok_start]):  # "said, accusing Pakistan"
                claimant_group, scope = right, (0, m.tok_start)
            elif left:
                claimant_group, scope = left, ((0, m.tok_start) if ends_sentence else (m.tok_end, n))
            else:
                scope = (0, m.tok_start) if ends_sentence else (m.tok_end, n)
        claimant: Entity | None = None
        if claimant_group:
            ents = to_entities(claimant_group)
            claimant = ents[0] if ents else None
        elif (unnamed := _unnamed_source(sent, m, words, state.text)) is not None:
            claimant = unnamed  # "according to a civil society leader": a source the packs do not know
        elif state.last_speaker is not None and sent.index - state.last_speaker_sentence <= SPEAKER_MEMORY:
            claimant = state.last_speaker
        if claimant is not None:
            state.last_speaker = claimant
            state.last_speaker_sentence = sent.index
        out.append(ClaimScope(claimant, verb, scope[0], scope[1], m))
    return out


def _unnamed_source(sent: SentenceView, m: PhraseMatch, words: FrameWords, text: str) -> Entity | None:
    """The words of a source no pack names, closing the sentence: "..., according to security
    sources.", "..., the regional health delegate said." (at most ``UNNAMED_TOKENS`` words, no clause
    break; before a bare "said", a determiner first, so a clause's last words are not taken for a
    speaker). Uncoded: the event's place may give its country."""
    toks = sent.tokens
    n = len(toks)
    according = m.record.get("kind") == "according_to"
    if according:
        span = range(m.tok_end, n - (1 if n and not toks[-1].text[:1].isalnum() else 0))
    elif (m.record.get("side") or "either") in ("before", "either") and m.tok_start > 1 \
            and n - m.tok_end <= 1 and toks[m.tok_start - 1].text != ",":
        k = max((i for i in range(m.tok_start) if toks[i].text == ","), default=-1)
        span = range(k + 1, m.tok_start) if k >= 0 else range(0)
    else:
        return None
    if not 1 < len(span) <= UNNAMED_TOKENS or not (according or toks[span[0]].lower in words.determiners) \
            or any(i in sent.breaks or not toks[i].text[:1].isalnum() for i in span):
        return None
    first, last = toks[span[0]], toks[span[-1]]
    return Entity(text[first.start:last.end], None, None, first.start, last.end)


def _near_right(gs: list[Group], tok: int) -> Group:
    for g in gs:
        if tok <= g[0].tok_start <= tok + NEAR:
            return g
    return []


def _adjacent_right(g: Group, tok: int) -> bool:
    return bool(g[0].tok_start - tok <= NEAR)


def _subject_of_apposition(sent: SentenceView, gs: list[Group], left: Group, verb: int) -> Group:
    """"UNIFIL, the UN force in southern Lebanon, said": the nearest name before the verb stands in
    an apposition set off by commas; the speaker is the name before the opening comma."""
    if not left or verb == 0 or sent.tokens[verb - 1].text != ",":
        return left
    for k in range(left[0].tok_start - 1, -1, -1):
        if sent.tokens[k].text == ",":
            if not sent.tokens[k + 1].text[:1].islower():
                return left  # "the UN force in southern Lebanon, UNIFIL, said": the name is the apposition
            # the name may have been joined to its apposition by the comma ("UNIFIL, the UN force")
            for g in gs:
                for n, m in enumerate(g):
                    if m.tok_end == k:
                        return g[:n + 1]
            return left
        if k in sent.breaks:
            break
    return left


def _near_left(gs: list[Group], tok: int) -> Group:
    for g in reversed(gs):
        if tok - 8 <= g[-1].tok_end <= tok:
            return g
    return []
