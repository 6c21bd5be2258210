"""Within-document merging: several mentions of one event become one event.

Two drafts of the same type merge when they are compatible and one adds to the other:
- in one sentence, overlapping or adjacent triggers ("serangan ... yang menewaskan");
- across up to ``SENTENCE_SPAN`` sentences, when the later draft names no actor of its own (a count,
  a "the attack", a victim-only report), or names exactly the same actors and recipients with the
  same date.
They never merge when their claimants disagree about who acted: competing versions stay apart
(ANNOTATION.md). Orphan counts go to the nearest earlier draft that can hold them.
"""

from __future__ import annotations

import bisect

from ..model import Claim, Entity
from ..ontology import load_ontology
from .analysis import Draft
from .counts import Count

SENTENCE_SPAN = 2
SUBSET_SPAN = 5  # sentences within which a later mention naming no new party joins an earlier event
# Sentences within which a bare repeat ("the attack", "gencatan senjata itu") can still point back to
# an event: a story's own length. Bounds the search, so merging costs O(n) in a long document.
REFERENCE_SPAN = 120
ADJACENT_TOKENS = 2
OBJECT_EVENT_TOKENS = 2  # "condemned the bombing", "mengecam serangan udara itu"
ABSORB_TOKENS = 10  # "agreed on Saturday to an immediate halt to all firing": AGREE ... RETREAT


def _claimant(d: Draft) -> str | None:
    return d.claims[0].claimant.code if d.claims and d.claims[0].claimant is not None else None


def _codes(ents: list[Entity]) -> set[str]:
    return {e.code for e in ents if e.code}


def _dates_fit(a: Draft, b: Draft) -> bool:
    if not (a.date_own and b.date_own):
        return True  # an inferred date (lead date, publication) never keeps two mentions apart
    x, y = a.date or "", b.date or ""
    n = min(len(x), len(y))
    return x[:n] == y[:n]


def _different_counts(a: Draft, b: Draft) -> bool:
    """One claimant giving two different figures of one kind speaks of two events."""
    ca, cb = _claimant(a), _claimant(b)
    if ca and cb and ca != cb or b.definite:
        return False  # a disputed figure ("killed six officers in this attack"): one event, each claim its figure
    return any(k in a.size and a.size[k].value != q.value for k, q in b.size.items())


def _shared_party(x: list[Entity], y: list[Entity]) -> bool:
    """Whether a party stands in both lists: one country, and one kind of actor when both sides'
    sectors are known (ontology ``sector_kinds``: "Pos TNI diserang kelompok bersenjata" after
    "penembakan oleh TPNPB" has the army as target both times, not in both roles)."""
    kinds = load_ontology().sector_kinds or {}
    for a in x:
        for b in y:
            if a.code and a.code == b.code and (
                    a.sector is None or b.sector is None or kinds.get(a.sector, a.sector) == kinds.get(b.sector, b.sector)):
                return True
    return False


def _escalates(a: Draft, b: Draft) -> bool:
    """A protest and the riot it turned into, told in two sentences (ontology ``riots`` and the
    type's ``mode_families``): one event."""
    onto = load_ontology()
    rule = onto.riots or {}
    return a.event == rule.get("event") and rule.get("mode") in (a.mode, b.mode) and onto.same_mode(a.event, a.mode, b.mode)


def _rival_claims(a: Draft, b: Draft) -> bool:
    """Whether two claimants of one country are of different kinds (an army spokesman and a rebel
    one): their accounts of who acted are two versions, as between two countries."""
    x = a.claims[0].claimant if a.claims else None
    y = b.claims[0].claimant if b.claims else None
    if x is None or y is None or not x.code or x.code != y.code or not x.sector or not y.sector:
        return False
    kinds = load_ontology().sector_kinds or {}
    return kinds.get(x.sector, x.sector) != kinds.get(y.sector, y.sector)


def _one_subject(a: Draft, b: Draft) -> bool:
    """``b``'s actor is the very mention that is ``a``'s (a subject shared by two verbs)."""
    return bool(b.actor) and [(e.start, e.end) for e in b.actor] == [(e.start, e.end) for e in a.actor]


def compatible(a: Draft, b: Draft) -> bool:
    same_sentence = a.sentence.index == b.sentence.index
    if _different_counts(a, b):
        return False
    if a.event != b.event or a.modality != b.modality:
        return False
    if a.mode and b.mode and a.mode != b.mode and not same_sentence and not _escalates(a, b):
        return False
    if not _dates_fit(a, b):
        return False
    ca, cb = _claimant(a), _claimant(b)
    if same_sentence:
        if b.voice == "gerund" and _one_subject(a, b) and (not ca or not cb or ca == cb):
            return True  # the participle clause goes on with its subject: "attacked a post ... on Tuesday, killing three"
        # one clause, one event: "fighting ... involving artillery, rockets and air strikes"
        if any(i in a.sentence.breaks for i in range(a.trigger.tok_end, b.trigger.tok_start)) \
                and b.trigger.tok_start - a.trigger.tok_end > ADJACENT_TOKENS:
            return False
        if ca and cb and ca != cb:
            return False
        if a.mode and b.mode and a.mode != b.mode and _codes(b.actor) \
                and b.trigger.tok_start - a.trigger.tok_end > ADJACENT_TOKENS:
            return False  # "menarik duta besarnya ... mengusir duta besar": recall and expulsion
        if _codes(a.recipient) and _codes(b.recipient) and not _codes(a.recipient) & _codes(b.recipient):
            return False  # "mendesak Israel ... dan meminta DK PBB": two addressees, two requests
        if _one_subject(a, b):
            return True  # one subject, one clause: "attacked a post, killing five soldiers"
        return not _codes(b.actor) or _codes(b.actor) <= _codes(a.actor) | _codes(a.recipient) \
            and not _codes(a.actor) & _codes(b.recipient)
    if not _codes(b.actor) and not _codes(b.recipient) and b.voice != "passive":
        return True  # a bare repeat ("the ceasefire", "the fighting") is the event named before
    if b.event in load_ontology().speech_acts and not refers_back(b):
        return False  # "Islamabad kembali menuding Kabul ...": a speaker's new sentence is a new statement
    nominal = b.frame == "nominal" or b.voice == "nominal" or b.definite
    if nominal and b.mode in (None, a.mode) and _codes(b.actor) | _codes(b.recipient) <= _codes(a.actor) | _codes(a.recipient):
        return True  # "serangan Rusia", "the attack": a noun naming no new party refers back
    if ca and cb and ca != cb and _codes(b.actor) and _codes(b.actor) != _codes(a.actor):
        return False  # competing versions of who acted stay apart
    if _rival_claims(a, b) and b.actor and not _shared_party(b.actor, a.actor):
        return False  # the army's account and the rebels' of one country's fighting stay apart too
    if _escalates(a, b) and b.sentence.index - a.sentence.index <= SUBSET_SPAN:
        return True  # "a protest by villagers turned violent" ... "protesters pelted officers with rocks"
    if (b.sentence.index - a.sentence.index <= SUBSET_SPAN and b.mode in (None, a.mode)
            and _codes(b.actor) | _codes(b.recipient) <= _codes(a.actor) | _codes(a.recipient)
            and not (_shared_party(a.actor, b.recipient) if b.voice == "passive" or not _codes(b.actor)
                     else _codes(a.actor) & _codes(b.recipient))):
        return True  # "gencatan senjata akan dilakukan di perbatasan Armenia" after the agreement
    if b.sentence.index - a.sentence.index > SENTENCE_SPAN:
        return False
    if not _codes(b.actor):
        victims = _codes(b.recipient)
        return not victims or bool(victims & (_codes(a.recipient) | _codes(a.actor)))
    if ca and cb and ca != cb:
        return False
    return _codes(a.actor) == _codes(b.actor) and _codes(a.recipient) == _codes(b.recipient)


def refers_back(b: Draft) -> bool:
    """A mention that may join an event told more than ``SUBSET_SPAN`` sentences before it: a bare
    repeat or an event noun naming no party of its own (see ``compatible``)."""
    return (not _codes(b.actor) and not _codes(b.recipient)) or b.frame == "nominal" or b.voice == "nominal" \
        or b.definite


def absorb(a: Draft, b: Draft) -> None:
    """Fold draft ``b`` into ``a``: fill what ``a`` lacks, keep every claim."""
    if b.actor and (not a.actor or (a.frame == "symmetric" and len(_codes(a.actor)) < 2)):
        # one entry per side: "Sudanese troops clashed with RSF fighters" keeps both sides of one state
        a.actor = list({(e.code, e.sector): e for e in a.actor + b.actor}.values())
    if not a.recipient and b.recipient:
        a.recipient = b.recipient
    if a.event == b.event:  # an act folded into an event of another type lends it no mode
        a.mode = b.mode if _escalates(a, b) and b.mode == (load_ontology().riots or {}).get("mode") else a.mode or b.mode
    a.context = list(dict.fromkeys(a.context + b.context))
    for key, q in b.size.items():
        if key not in a.size:
            a.size[key] = q
    seen = {(c.claimant.code if c.claimant else None) for c in a.claims}
    for c in b.claims:
        code = c.claimant.code if c.claimant else None
        if code not in seen:
            a.claims.append(Claim(c.claimant, c.verb, c.start, c.end, tuple(b.size.items())))
            seen.add(code)
    if b.date_own and not a.date_own and a.event == b.event:  # a folded demand's "1990 uprising" is not the protest's
        a.date, a.date_precision, a.date_text, a.date_own = b.date, b.date_precision, b.date_text, True
    if a.location is None:
        a.location = b.location
    a.confidence = min(1.0, max(a.confidence, b.confidence) + 0.05)
    b.merged = True
    b.merged_into = a


def attach_orphans(drafts: list[Draft], orphans: list[Count]) -> None:
    """A count with no event in its sentence belongs to the nearest earlier event that can hold it
    within a few sentences ("... two people were missing"), else to the article's first reported
    event of a fitting type ("IOM said 5,000 people had been displaced" paragraphs later)."""
    allowed = load_ontology().size_events
    kept = sorted((d for d in drafts if not d.merged), key=lambda d: (d.sentence.index, d.trigger.tok_start))
    starts = [d.sentence.index for d in kept]
    first: dict[str, Draft] = {}  # the first asserted event of each type
    for d in kept:
        if d.modality == "asserted":
            first.setdefault(d.event, d)
    for c in orphans:
        fits = allowed.get(c.key, frozenset())
        owner = None
        for k in range(bisect.bisect_right(starts, c.sentence) - 1, -1, -1):
            d = kept[k]
            if c.sentence - d.sentence.index > SUBSET_SPAN:
                break
            if d.event in fits:
                owner = d
                break
        if owner is None:
            leads = [first[e] for e in fits if e in first and first[e].sentence.index <= c.sentence]
            if not leads:
                continue
            owner = min(leads, key=lambda d: (d.sentence.index, d.trigger.tok_start))
        if c.key not in owner.size:
            owner.size[c.key] = c.quantity
            if c.claim is not None and not any(x.claimant is not None and c.claim.claimant is not None
                                               and x.claimant.code == c.claim.claimant.code for x in owner.claims):
                # the source of the figures an event is told with claims it (ANNOTATION.md, claimant),
                # ahead of claims that only mentions of it brought
                owner.claims.insert(0 if owner.sentence.index != c.sentence and not _own_claim(owner) else len(owner.claims), c.claim)


def _own_claim(d: Draft) -> bool:
    """Whether the draft's first claim was made in its own sentence."""
    return bool(d.claims) and d.sentence.span.start <= d.claims[0].start < d.sentence.span.end


def by_sentence(drafts: list[Draft]) -> dict[int, list[Draft]]:
    out: dict[int, list[Draft]] = {}
    for d in drafts:
        out.setdefault(d.sentence.index, []).append(d)
    return out


def absorb_adjacent(drafts: list[Draft], sentences: dict[int, list[Draft]]) -> None:
    """"agreed to a ceasefire": the RETREAT absorbs the AGREE just before it (ontology ``absorbs``)."""
    absorbs = load_ontology().absorbs
    for big in drafts:
        kinds = absorbs.get(big.event)
        if not kinds:
            continue
        for small in sentences[big.sentence.index]:
            if small.merged or small.event not in kinds:
                continue
            gap = big.trigger.tok_start - small.trigger.tok_end
            if 0 <= gap <= ABSORB_TOKENS and not any(
                    i in big.sentence.breaks for i in range(small.trigger.tok_end, big.trigger.tok_start)):
                absorb(big, small)
                if small.actor and not big.actor:
                    big.actor = small.actor


def claimed_actors(drafts: list[Draft], sentences: dict[int, list[Draft]]) -> None:
    """"al Shabaab claimed responsibility": the attack nearest before the claim, if it has no
    actor, was the claimer's (modes and types from the ontology's ``claimed_by``). One pass in
    sentence order: the actorless attacks told so far wait, nearest last, for a claim."""
    onto = load_ontology()
    waiting: list[tuple[int, int, int]] = []  # (sentence, token, draft index), sorted
    position = {id(d): k for k, d in enumerate(drafts)}
    for index in sorted(sentences):
        here = sentences[index]
        for d in here:
            if not d.merged and d.event in onto.claimable and not d.actor:
                bisect.insort(waiting, (index, d.trigger.tok_start, position[id(d)]))
        for claim in here:
            if (claim.event, claim.mode) != onto.responsibility or not claim.actor:
                continue
            if claim.trigger.record.get("object_event"):
                # "claimed the raid": the attack named as the object is the one claimed
                named = [d for d in here if d.event == claim.trigger.record["object_event"]
                         and 0 <= d.trigger.tok_start - claim.trigger.tok_end <= OBJECT_EVENT_TOKENS]
                if named:
                    target = named[0]
                    while target.merged_into is not None:
                        target = target.merged_into
                    if not target.actor:
                        target.actor = list(claim.actor)
                    continue
            if not waiting:
                continue
            *_, k = waiting.pop()
            drafts[k].actor = list(claim.actor)


def speaks_of(d: Draft, e: Draft) -> bool:
    """Whether event ``e`` stands as the object of speech act ``d`` ("condemned the bombing",
    "mengecam serangan udara itu"): right after the speech act's verb."""
    return 0 <= e.trigger.tok_start - d.trigger.head <= OBJECT_EVENT_TOKENS


def referred_recipients(drafts: list[Draft], sentences: dict[int, list[Draft]]) -> None:
    """"condemned the attack", "mengecam serangan udara itu": a speech act whose object is an event
    noun is aimed at that event's actor (followed through merges), not at a party named after the
    noun ("... itu sebagai agresi militer")."""
    speech = load_ontology().speech_acts
    for d in drafts:
        if d.event not in speech:
            continue
        for e in sentences[d.sentence.index]:
            if e.event in speech:
                continue
            if speaks_of(d, e):
                if d.recipient and min(r.start for r in d.recipient) < e.trigger_span.start:
                    break  # "accused Thailand of the attack": the party comes first
                target = e
                while target.merged_into is not None:
                    target = target.merged_into
                aimed = [a for a in target.actor if a.code not in {x.code for x in d.actor} or a.sector != d.actor[0].sector] if d.actor else list(target.actor)
                d.recipient = aimed or d.recipient
                break


def absorb_weak(drafts: list[Draft], sentences: dict[int, list[Draft]]) -> None:
    """A weak trigger ("were killed") beside another trigger of its type in its sentence ("in an
    attack") is that event's toll, not an event of its own."""
    for weak in drafts:
        if weak.merged or not weak.trigger.record.get("weak"):
            continue
        strong = [d for d in sentences[weak.sentence.index] if d is not weak and not d.merged
                  and d.event == weak.event and not d.trigger.record.get("weak") and _dates_fit(d, weak)]
        if strong:
            owner = min(strong, key=lambda d: abs(d.trigger.tok_start - weak.trigger.tok_start))
            absorb(owner, weak)


def labels(drafts: list[Draft]) -> None:
    """"It called the attack a full-fledged massacre": a name a speech act gives an event told in an
    earlier sentence is that event (the nearest one of its type), adding nothing to it; a name with
    nothing told before it ("protested against what it called a water cannon attack") is the
    event's first report and stays."""
    last: dict[str, Draft] = {}
    for d in drafts:  # drafts are in reading order
        if d.label and not d.merged:
            a = last.get(d.event)
            if a is not None and a.sentence.index < d.sentence.index and \
                    d.sentence.index - a.sentence.index <= REFERENCE_SPAN:
                while a.merged_into is not None:
                    a = a.merged_into
                d.merged, d.merged_into = True, a
                continue
        if not d.merged:
            last[d.event] = d


def purposes(drafts: list[Draft], sentences: dict[int, list[Draft]]) -> None:
    """"Police fired tear gas to disperse the crowd": the dispersal is the force that did it;
    "rallied outside parliament, demanding a wage rise": the demand is the protest's (ontology
    ``purposes``), folded into it."""
    kinds = load_ontology().sector_kinds or {}

    def fits(d: Draft, event: str, mode: str | None) -> bool:
        return not d.merged and d.event == event and (mode is None or d.mode == mode)

    def kind(e: Entity) -> str | None:  # a country named alone is its state
        return kinds.get(e.sector) if e.sector else "state" if e.code else None

    def by(d: Draft, allowed: list[str] | None) -> bool:
        return allowed is None or all(kind(e) in (None, *allowed) for e in d.actor)

    for here in sentences.values():
        for rule in load_ontology().purposes:
            event, *mode = rule["into"]
            into = [d for d in here if fits(d, event, mode[0] if mode else None) and by(d, rule.get("by_kinds"))]
            for d in here:
                if not into or not fits(d, rule["event"], rule.get("mode")):
                    continue
                owner = min(into, key=lambda f: abs(f.trigger.tok_start - d.trigger.tok_start))
                if not rule.get("same_party") or not _codes(d.actor) or _shared_party(d.actor, owner.actor):
                    absorb(owner, d)


def riots(drafts: list[Draft], sentences: dict[int, list[Draft]]) -> None:
    """"Youths set fire to a police post and blocked roads with burning tyres": a protest whose
    sentence tells violence by people who are neither the state's forces nor an armed group is one
    riot (ontology ``riots``); the protest first named takes the riot mode and absorbs the other
    protests of its sentence."""
    rule = load_ontology().riots
    if not rule:
        return
    kinds = load_ontology().sector_kinds or {}
    unless = set(rule.get("unless_kinds") or ())
    joins = {event: set(modes) for event, modes in (rule.get("joins") or {}).items()}
    for here in sentences.values():
        live = [d for d in here if not d.merged and d.modality == "asserted"]
        protests = [d for d in live if d.event == rule["event"]]
        if not protests:
            continue
        # a country named alone ("serangan Israel") is its state
        violent = [d for d in live if d.mode in joins.get(d.event, ())
                   and not any((kinds.get(e.sector) if e.sector else "state" if e.code else None) in unless
                               for e in d.actor)]
        if not violent and all(d.mode != rule["mode"] for d in protests):
            continue
        target = min(protests, key=lambda d: d.trigger.tok_start)  # the protest as first named
        target.mode = rule["mode"]
        for d in protests:  # the attacks stay events of their own: "torched two cars" is told apart too
            if d is not target:
                absorb(target, d)


def merge_document(drafts: list[Draft], orphans: list[Count]) -> None:
    """Stage 7a. Reads every draft of the document; marks the drafts folded into another
    (``merged``), fills what the kept one lacked, gives orphan counts an owner, names the attacker a
    claim of responsibility points at and the target of "condemned the attack"."""
    sentences = by_sentence(drafts)  # one grouping serves every step: drafts keep their sentence
    absorb_weak(drafts, sentences)
    absorb_adjacent(drafts, sentences)
    purposes(drafts, sentences)
    riots(drafts, sentences)
    labels(drafts)
    # only drafts of one type and modality can merge; a later draft looks back over its own kind,
    # nearest first, and no further than a mention of its shape can reach
    kinds: dict[tuple[str, str], list[Draft]] = {}
    for b in drafts:
        if b.merged:
            continue
        earlier = kinds.setdefault((b.event, b.modality), [])
        reach = REFERENCE_SPAN if refers_back(b) else SUBSET_SPAN
        fits = []
        for a in reversed(earlier):
            if b.sentence.index - a.sentence.index > reach:
                break
            if compatible(a, b):
                fits.append(a)
                if not b.date_own:
                    break
        if fits:
            # a mention with its own date ("condemned Sunday's attack") is the event told with that
            # date, before a nearer one whose date was only inferred ("the next morning, killed")
            absorb(next((a for a in fits if a.date_own and a.date == b.date), fits[0]), b)
        if not b.merged:
            earlier.append(b)
    attach_orphans(drafts, orphans)
    claimed_actors(drafts, sentences)
    referred_recipients(drafts, sentences)
