"""From drafts to events: the ontology mapping (CAMEO, ACLED, quad) and confidence.

Confidence is a documented heuristic, not a probability: it starts from the trigger entry's
``confidence`` (0.6 unless the pack says otherwise), rises by 0.1 when the actor is known, by 0.1
when the frame's second argument is known (recipient, or a second actor for symmetric events), by
0.05 when a claim names its claimant and by 0.05 per merged mention; it falls by 0.2 when no actor
was found. It is capped to [0.05, 0.99].

Drafts with neither a coded actor or recipient nor a count are not emitted: such a trigger is a
generic description ("protests continued"), which ANNOTATION.md excludes; an act of people whose
identity is unknown at a place the text names ("unidentified gunmen stormed a village in Zamfara")
is emitted with no codes. A past event only named by a noun in background, with no count ("the war
between them"), is not emitted either (ANNOTATION.md: what the story reports, not what it recalls).
"""

from __future__ import annotations

from dataclasses import replace

from ..lang.loader import Pack
from ..model import Claim, Entity, Event
from ..ontology import load_ontology
from .analysis import Draft


def _anonymous(d: Draft) -> bool:
    """A material act by or against people whose identity is unknown ("gunmen stormed a prison",
    "unidentified gunmen ... in Zamfara"): an event with no codes, not a generic description."""
    return bool(d.actor or d.recipient) and load_ontology().types[d.event].quad.startswith("material")


def _state_at(d: Draft) -> list[Entity]:
    """The authorities of the country where the event happened, named by its place mention
    (ontology ``addressed_to_state``: a protest with no target named)."""
    loc = d.location
    if loc is None or not loc.country or loc.start is None or loc.end is None or loc.precision == "border":
        return []
    return [Entity(loc.text or "", loc.country, "GOV", loc.start, loc.end, None)]


def _at_home(d: Draft) -> bool:
    """Whether a state's own forces act in their own country (unknown place: assumed so). ACLED:
    a foreign state's forces taking a town overtake it like a non-state actor; they regain nothing."""
    where = d.location.country if d.location is not None else None
    state = load_ontology().acled_state_sectors
    return where is None or any(e.code == where for e in d.actor if e.sector is None or e.sector in state)


def _local_sources(d: Draft) -> list[Claim]:
    """A source the text names but does not place ("a local official said", "residents told AFP")
    speaks from where the event happened: its claim takes the country of the event's place, when
    its sentence or paragraph names one."""
    where = d.location.country if d.location is not None and d.location.text is not None else None
    out = []
    for c in d.claims:
        who = c.claimant
        if where and who is not None and not who.code:
            c = replace(c, claimant=replace(who, code=where))
        out.append(c)
    return out


def _has_needed(d: Draft) -> bool:
    """The argument the trigger's entry says it needs (``needs``) was found."""
    need = d.trigger.record.get("needs")
    return not need or bool(d.actor if need == "actor" else d.recipient)


def _background_name(d: Draft) -> bool:
    """A past event only named in background ("the war between them", "the 2020 hostilities"): a
    noun with no count of its own says what the story recalls, not an event it reports."""
    # a two-sided phrase is a noun ("the war between the neighbours", "dalam baku tembak") unless
    # its sides stand right before it as its subject ("Sudan dan Sudan Selatan berperang tahun lalu")
    named = d.frame == "symmetric" and d.voice == "literal" and not any(
        0 <= d.trigger_span.start - e.end <= 1 for e in d.actor)
    return d.modality == "historical" and not d.size and (d.frame == "nominal" or d.voice == "nominal" or named)


def _confidence(d: Draft) -> float:
    c = d.confidence
    c += 0.1 if d.actor else -0.2
    if d.recipient or (d.frame == "symmetric" and len(d.actor) > 1):
        c += 0.1
    if d.claims and d.claims[0].claimant is not None:
        c += 0.05
    return max(0.05, min(0.99, c))


INTERVENTION_SENTENCES = 1  # a dispersal or arrest told in the next sentence still meets the protest


def interventions(drafts: list[Draft]) -> dict[int, str]:
    """Protests met by force, arrests, dispersal or a curfew (ontology ``acled_interventions``, the
    first rule that fits wins) in their paragraph or the next sentence: their ACLED sub-type, and
    that of the events meeting them (ACLED codes the arrests at a protest as the protest's), by
    draft id."""
    out: dict[int, str] = {}

    def near(a: Draft, b: Draft) -> bool:
        return a.sentence.paragraph == b.sentence.paragraph or abs(a.sentence.index - b.sentence.index) <= INTERVENTION_SENTENCES

    for rule in load_ontology().acled_interventions:
        by = {tuple(pair) for pair in rule["by"]}
        sizes = rule.get("sizes")
        met = [d for d in drafts if (d.event, d.mode) in by and d.modality == "asserted"
               and (not sizes or any(k in d.size for k in sizes))]
        if not met:
            continue
        for d in drafts:
            if id(d) in out or d.event != rule["event"] or d.mode not in rule["modes"]:
                continue
            meeting = [m for m in met if near(d, m)]
            if meeting:
                out[id(d)] = str(rule["to"])
                for m in meeting:
                    out.setdefault(id(m), str(rule["to"]))
    return out


def _hand_over_dates(drafts: list[Draft], live: list[Draft]) -> None:
    """A dropped mention that owned the sentence's date ("ditembaki gas air mata bulan lalu": the
    date stands by "gas air mata", a second name of the shooting with no party of its own; "seized
    power in a coup in September 2022") hands it to the nearest kept event of its type in its
    clause that has no date of its own."""
    kept = {id(d) for d in live}
    for gone in drafts:
        if id(gone) in kept or gone.merged or not gone.date_own:
            continue
        # within one clause: in "took to the streets on Saba Saba day, the anniversary of a 1990
        # uprising" the year stays the uprising's
        heirs = [d for d in live if d.sentence.index == gone.sentence.index and d.event == gone.event
                 and not d.date_own and not any(
                     d.sentence.tokens[k].text == "," for k in range(*sorted((d.trigger.tok_start,
                                                                               gone.trigger.tok_start))))]
        if heirs:
            heir = min(heirs, key=lambda d: abs(d.trigger.tok_start - gone.trigger.tok_start))
            heir.date, heir.date_precision, heir.date_text = gone.date, gone.date_precision, gone.date_text
            heir.date_own = True


def finish(drafts: list[Draft], doc_id: str, pack: Pack, text: str) -> list[Event]:
    """Stage 7b. Reads the kept drafts; drops generic descriptions, background names and triggers
    missing the argument they need; adds the ontology mapping (mode check, contexts, CAMEO, ACLED,
    quad), a protest's implied target and the confidence; returns the events in text order."""
    onto = load_ontology()
    out = []
    # a mention with no party and no count ("protests", "the fighting" with nothing to
    # merge into) is a generic description, not an event (ANNOTATION.md); "30 people were killed in
    # a bomb attack in Kabul" has no named party but is an event
    live = sorted((d for d in drafts if not d.merged and (d.codes or d.size or _anonymous(d))
                   and not _background_name(d) and _has_needed(d)), key=lambda d: d.trigger_span.start)
    _hand_over_dates(drafts, live)
    intervened = interventions(live)
    for n, d in enumerate(live, 1):
        mode = d.mode if d.mode in onto.types[d.event].modes else None
        context = [c for c in d.context if c in onto.contexts]
        if d.embedded_by is not None:  # "accused X of violating the truce": only an attack keeps the context
            context = [c for c in context if d.event in (onto.context_types or {}).get(c, {d.event})]
        if d.event in onto.recipientless:
            d.recipient = []
        elif d.event in onto.addressed_to_state and not d.recipient:
            d.recipient = _state_at(d)
        two_sided = d.frame == "symmetric" or len({(e.code, e.sector) for e in d.actor}) > 1
        # a clash's dead are its toll: "troops clashed with RSF fighters, killing 12 people" is a battle
        civilian = not two_sided and any(r.sector in onto.unarmed_sectors for r in d.recipient)
        acled = onto.acled(d.event, mode, civilian, named=d.trigger.record.get("acled") or intervened.get(id(d)),
                           context=tuple(context), actor_sectors=frozenset(e.sector for e in d.actor if e.sector),
                           recipient_sectors=tuple(e.sector for e in d.recipient),
                           sizes=frozenset(k for k, _ in d.size.items()), two_sided=two_sided,
                           recipient_protesting=d.protested, actor_home=_at_home(d))
        out.append(Event(
            id=f"{doc_id}:{n}", event=d.event, actor=tuple(d.actor), recipient=tuple(d.recipient),
            modality=d.modality, sentence=d.sentence.span, trigger=d.trigger_span,
            trigger_text=text[d.trigger_span.start:d.trigger_span.end],
            mode=mode, context=tuple(context), cameo=onto.cameo(d.event, mode, d.cameo),
            acled=acled, quad=onto.types[d.event].quad,
            date=d.date, date_precision=d.date_precision, date_text=d.date_text, location=d.location,
            size=tuple(d.size.items()), claims=tuple(_local_sources(d)), confidence=_confidence(d)))
    return out
