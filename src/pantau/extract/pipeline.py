"""The extraction pipeline: one document in, its events out.

Stages (docs/architecture.md numbers them the same way):
 1. guard: empty, binary or oversized text becomes a rejection, never an exception;
 2. language: the caller's tag, else detection over the whole document;
 3. sentences and tokens, with offsets into the untouched text;
 4. per sentence: actor mentions, places, numbers, dates, and pack matches (triggers, reporting
    verbs, modality cues, count words);
 5. per trigger: a draft event with arguments from its frame (frames.py);
 6. claims, counts, dates, places and modality for each draft;
 7. within-document merging (merge.py) and the ontology mapping (finish.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from typing import Any, NamedTuple

from ..lang import available_tags, load_pack
from ..lang.loader import Pack
from ..lang.phrases import MultiIndex, PhraseIndex, PhraseMatch, SentenceKeys, select_longest
from ..model import Claim, Document, Entity, Location, Rejection, Span
from ..ontology import load_ontology
from ..settings import Options
from ..text.dates import count_word, find_dates, shift_date
from ..text.numbers import find_numbers
from ..text.tokens import looks_like_headline, tokenize
from .analysis import ClaimScope, DocState, Draft, SentenceView, pairs_of
from .claims import find_claims
from .counts import Count, attach, find_counts
from .finish import finish
from .frames import FrameWords, assign, groups, is_agency, resolve_voice
from .merge import OBJECT_EVENT_TOKENS, merge_document, speaks_of
from .modality import decide
from .rules import border_sides, furniture_spans, irrealis, reclassify, tok_of

_PARAGRAPH = re.compile(r"\n\s*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
# Share of control or replacement characters above which text is binary junk, not an article:
# real news text has none; mojibake from a wrong charset stays far below 5 %.
JUNK_RATIO = 0.05
INTERVAL_TOKENS = 5  # "five weeks after a roadside bomb killed": the event named after the phrase
COMPLEMENT_TOKENS = 6  # "accused the Congolese army and allied militias of shelling": of + verb
DATE_COMMA_PENALTY = 6  # token distance added when a comma stands between a date and its anchor
ADJACENT_DATE_TOKENS = 2  # "condemned the attack on Wednesday": a date this close after an object noun
WEAPON_OBJECT_TOKENS = 8  # "downed 21 of the 37 Shahed drones launched by Russia"
CROWD_TOKENS = 1  # "Thousands march", "Ribuan orang berunjuk rasa": the figure right before the verb
DEFINITE_TOKENS = 3  # "serangan udara itu": the trigger, one modifier, the demonstrative
DEMONSTRATIVE_TOKENS = 3  # "kedua negara Teluk itu": a demonstrative this close after a pair reference
LABEL_TOKENS = 8  # "condemned what he called \"a heinous massacre\"": the naming word this close before the noun
COORDINATED_WORDS = 3  # "and expressed deep concern": the conjunction, the verb and a modifier before the noun
# Token distance added to a date that stands before its anchor: news puts the date after the verb.
DATE_BEFORE_PENALTY = 2
POSSESSIVE_TOKENS = 3  # "Sunday's deadly car bombing": the noun a possessive date names, this close after it
# A document longer than this is coded in sections of about this size, cut between paragraphs: the
# longest news reports fit in one; a book-length text is coded with bounded memory, and a story's
# references ("both sides", "the attack") never reach further than one section.
SECTION_CHARS = 200_000
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def arm(drafts: list[Draft]) -> None:
    """"Helicopters dropped a barrel bomb containing chlorine": once mentions are merged, an event
    told with a weapon noun of the pack (``weapon_words``) in its clause takes the weapon's mode and
    context when it has no mode, or always when the weapon ``overrides`` (a chemical agent makes any
    attack a chemical one). After the merge, so that a weapon never keeps two mentions apart."""
    for d in drafts:
        sent = d.sentence
        near = [w for w in sent.weapons if w.record["event"] == d.event and not any(
            i in sent.breaks for i in range(min(w.tok_end, d.trigger.tok_end), max(w.tok_start, d.trigger.tok_start)))]
        if not near:
            continue
        w = next((w for w in near if w.record.get("overrides")), None) or min(
            near, key=lambda w: abs(w.tok_start - d.trigger.tok_start))
        if d.mode is None or w.record.get("overrides"):
            d.mode = w.record.get("mode") or d.mode
            d.context = list(dict.fromkeys(d.context + list(w.record.get("context") or [])))


def _is_noun(m: PhraseMatch) -> bool:
    """A trigger matched as a noun: a literal phrase or a nominal form ("the raid", "unjuk rasa")."""
    return m.voice in ("nominal", "literal") or m.record.get("frame") == "nominal"


def _with_objects(events: list[PhraseMatch], arms: list[PhraseMatch], breaks: set[int]) -> list[PhraseMatch]:
    """The triggers whose required object is there. ``object_event``: an event noun of that type
    right after the trigger, or for a passive form anywhere before it ("claimed the raid", "unjuk
    rasa ... dibubarkan polisi"; "M23 klaim telah kuasai kota" claims a deed of its own, no noun).
    ``weapon_object``: a weapon of those modes after it in its clause ("intercepted most of the more
    than 300 drones"); the nouns of the weapons stopped then name no attack of their own."""
    def has_event(m: PhraseMatch) -> bool:
        return any(o.record.get("event") == m.record["object_event"] and _is_noun(o)
                   and (0 <= o.tok_start - m.tok_end <= OBJECT_EVENT_TOKENS or m.voice == "passive" and o.tok_end <= m.tok_start)
                   for o in events)

    objects: set[int] = set()  # tokens of the weapons stopped
    usable = []
    for m in events:
        if m.record.get("object_event") and not has_event(m):
            continue
        if m.record.get("weapon_object"):
            aimed = [w for w in arms if w.record.get("mode") in m.record["weapon_object"]
                     and 0 <= w.tok_start - m.tok_end <= WEAPON_OBJECT_TOKENS
                     and not any(k in breaks for k in range(m.tok_end, w.tok_start))]
            if not aimed:
                continue
            objects.update(k for w in aimed for k in range(w.tok_start, w.tok_end))
        usable.append(m)
    return [m for m in usable if m.record.get("weapon_object") or not _is_noun(m)
            or not objects & set(range(m.tok_start, m.tok_end))]


def _label(sent: SentenceView, d: Draft, drafts: list[Draft], words: FrameWords, speech: frozenset[str]) -> bool:
    """A word that names what a speech act before it speaks of ("called the attack a full-fledged
    massacre", "described the strikes as self-defence", "mengecam peluncuran itu sebagai
    provokasi"): a naming word (pack ``labelling``) stands in its clause just before it, after the
    speech act's trigger, with no complementiser between ("called for an end to the fighting" asks
    for something; "sebagai balasan atas serangan" names a reason)."""
    labelling, complementisers = words.labelling, words.complementisers
    if d.event in speech:
        return False
    for k in range(d.trigger.tok_start - 1, max(-1, d.trigger.tok_start - 1 - LABEL_TOKENS), -1):
        word = sent.tokens[k].lower
        if k in sent.breaks or word in complementisers or word in words.blockers:
            return False  # "saling tuding sebagai pihak yang lebih dulu melepaskan tembakan": a deed told
        if word in labelling:
            return any(s.event in speech and s.trigger.tok_start <= k for s in drafts if s is not d)
    return False


def _reporter_before(sent: SentenceView, scopes: list[ClaimScope], tok: int) -> Entity | None:
    """The speaker of the nearest reporting verb before token ``tok`` with a comma between: the
    participle clause at ``tok`` goes on with the reporting verb's subject."""
    before = [sc for sc in scopes if sc.match.tok_end <= tok and sc.claimant is not None and sc.claimant.code
              and any(t.text == "," for t in sent.tokens[sc.match.tok_end:tok])]
    return max(before, key=lambda sc: sc.match.tok_end).claimant if before else None


def _nearest_scope(scopes: list[ClaimScope], tok: int) -> ClaimScope | None:
    """Of the claim scopes covering token ``tok``, the one whose reporting verb stands nearest it."""
    covering = [sc for sc in scopes if sc.tok_start <= tok < sc.tok_end]
    return min(covering, key=lambda sc: min(abs(sc.match.tok_start - tok), abs(sc.match.tok_end - tok)), default=None)


def _word_taken(m: PhraseMatch, others: list[PhraseMatch]) -> bool:
    """Whether a gapped match's own word belongs to another phrase reaching into its gap."""
    if m.head_end < 0:
        return False
    own = set(range(m.tok_start, m.head_end)) | set(range(max(m.tail_start, m.head_end), m.tok_end))
    return any(own & set(range(o.tok_start, o.tok_end)) and not set(range(o.tok_start, o.tok_end)) <= own
               for o in others)


class Coder:
    """Everything compiled from one pack: phrase indexes, frame words, actor and place finders."""

    def __init__(self, pack: Pack):
        from .actors import actor_finder
        from .places import place_finder

        self.pack = pack
        # one pass per sentence finds triggers, reporting verbs, modality cues and count words
        self.phrases = pack.cached("coder.phrases", lambda: MultiIndex({
            name: PhraseIndex.of(pack.records(section), pack) for name, section in (
                ("events", "events"), ("claims", "claims"), ("cues", "modality"), ("counts", "counts"),
                ("units", "count_units"), ("sequels", "sequels"), ("intervals", "intervals"), ("off", "off_domain"),
                ("arms", "weapon_words"),
                ("not", "not_events"))}))
        self.words = FrameWords.of(pack)
        self.actors = actor_finder(pack)
        self.places = place_finder(pack)

    def prepare(self) -> Coder:
        """Build now what the first sentence would otherwise build (the phrase plan, the number
        grammar, the date rules and words, the segmenter's abbreviations), so that a compiled pack
        kept on disk holds all of it and a new process codes its first document without building."""
        from ..text.daterules import load_rules
        from ..text.dates import date_words
        from ..text.numbers import grammar
        from ..text.segment import abbreviations

        self.phrases.index.plan()
        grammar(self.pack)
        load_rules(self.pack)
        date_words(self.pack)
        abbreviations(self.pack)
        return self

    # -- per sentence -------------------------------------------------------------------------
    def view(self, text: str, index: int, paragraph: int, start: int, end: int, state: DocState,
             tokens: list[Any] | None = None, keys: SentenceKeys | None = None) -> SentenceView:
        """Stage 4. Reads the sentence's text and the document's memory (``DocActors``: persons,
        main country); adds a ``SentenceView`` with tokens, actor mentions, places, numbers, dates and
        the pack's phrase matches (triggers, reporting verbs, cues, count words, sequels, off-domain
        words). ``tokens``: the sentence's tokens when the caller has them; ``keys``, their lookup
        keys."""
        if tokens is None:
            tokens = tokenize(text, start, end)
        if keys is None:  # one set of lookup keys for actors and places
            keys = SentenceKeys(tokens, clitics=self.actors.clitics)
        sent = SentenceView(index=index, paragraph=paragraph, span=Span(start, end), tokens=tokens,
                            mentions=self.actors.find(text, tokens, state.actors, keys),
                            places=self.places.find(text, tokens, state.actors.default_country,
                                                    state.actors.named, keys),
                            numbers=find_numbers(tokens, self.pack),
                            dates=find_dates(text, start, end, self.pack, state.published, tokens))
        # a date inside a phrase's gap does not use it up ("agreed on Tuesday to a ceasefire")
        dated = frozenset(i for i, t in enumerate(tokens) for d in sent.dates
                          if d.start <= t.start and t.end <= d.end) if sent.dates else frozenset()
        found = self.phrases.find_all(tokens, dated)
        stops = self.words.breaks
        breaks = {i for i, t in enumerate(tokens) if t.lower in stops}
        if any(m.headline for v in found.values() for m in v) and not looks_like_headline(tokens):
            # bare headline verbs ("Tembak", "Kuasai") are nouns elsewhere
            found = {k: [m for m in v if not m.headline] for k, v in found.items()}
        found["events"] = _with_objects(found["events"], found["arms"], breaks)
        # a longer phrase that names no event ("assault rifles") silences the trigger inside it, and
        # a gapped trigger whose own word it takes ("riot police killed" is no "riot ... killed")
        events = [m for m in found["events"] if not _word_taken(m, found["not"])]
        chosen = select_longest(events + found["not"])
        # the words of a phrase that lost only to a longer one of the same event stay that event's: no
        # other trigger starts inside them ("agreed on Saturday to an immediate halt to" over "halt to
        # all firing": "firing on land" is no attack)
        kept = {id(m) for m in chosen}
        lost: dict[int, set[str]] = {}  # token -> events whose phrase lost there to a longer one of theirs
        for m in found["events"]:
            event = m.record.get("event")
            if id(m) not in kept and any(c.record.get("event") == event and c.tok_start < m.tok_end
                                         and m.tok_start < c.tok_end for c in chosen):
                for i in range(m.tok_start, m.tok_end):
                    lost.setdefault(i, set()).add(str(event))
        sent.triggers = [m for m in chosen if "event" in m.record
                         and not lost.get(m.tok_start, set()) - {m.record["event"]}]
        taken = {i for m in sent.triggers for i in range(m.tok_start, m.tok_end)}
        sent.claims = [m for m in select_longest(found["claims"])
                       if not any(i in taken for i in range(m.tok_start, m.tok_end))]
        sent.cues = found["cues"]
        sent.counts = select_longest(found["counts"])
        sent.units = select_longest(found["units"])
        sent.sequels = select_longest(found["sequels"])
        sent.intervals = select_longest(found["intervals"])
        sent.weapons = select_longest(found["arms"])
        sent.off_domain = bool(found["off"])
        sent.breaks = breaks
        sent.conjunctions = self.words.conjunctions
        sent.passive = self.words.passive_aux
        return sent

    def entities(self, group: list[Any], state: DocState, sent: SentenceView | None = None,
                 exclude: set[str] | None = None, speaker: Entity | None = None) -> list[Entity]:
        """Mentions to entities, resolving pronoun-like references against the document."""
        out: list[Entity] = []
        for m in group:
            if m.kind != "reference":
                code = self.local_country(sent, m.start, state) or m.code if m.generic else m.code
                out.append(Entity(m.text, code, m.sector, m.start, m.end, m.name))
                continue
            if speaker is not None and speaker.code and sent is not None and m.refers != "pair" and any(
                    c.tok_end <= m.tok_start <= c.tok_end + 1 for c in sent.claims):
                # "said it was concerned", "mengatakan pihaknya": the word after a reporting verb is its speaker
                out.append(Entity(m.text, speaker.code, m.sector or speaker.sector, m.start, m.end, None))
                continue
            local = self.local_groups(sent, m.tok_start, state) if sent is not None else []
            recent = sent is not None and any(t.lower in self.words.demonstratives
                                              for t in sent.tokens[m.tok_end:m.tok_end + DEMONSTRATIVE_TOKENS])
            for code, sector in _resolve(m.refers, state, exclude or set(), speaker, local, recent, m.kinds):
                out.append(Entity(m.text, code, m.sector or sector, m.start, m.end, None))
        return out

    def other_side(self, sent: SentenceView, tok: int, state: DocState, actor: list[Entity],
                   recipient: list[Entity]) -> list[Entity]:
        """The sides of the story's conflict a mediation's sentence leaves unnamed ("a ceasefire
        mediated by Egypt, Qatar and Turkey" in a story of Israel and Hamas), each as its latest
        mention; none when the story names no two sides."""
        have = {e.code for e in recipient if e.code}
        if len(have) >= 2:
            return []
        local = self.local_groups(sent, tok, state)
        sides = _resolve("pair", state, {e.code for e in actor if e.code}, None, local)
        if len(sides) < 2:
            return []
        here: dict[str | None, Entity] = {}
        for e in (e for g in local for e in g if e.code):
            here.setdefault(e.code, e)  # the sentence's first mention of a side ("Russia and Ukraine ... prisoners")
        return [here[code] if code in here else state.history[state.named_last[code]]
                for code, _ in sides if code not in have and (code in here or code in state.named_last)]

    def victim(self, m: Any, state: DocState, sent: SentenceView) -> Entity:
        """A counted mention ("killing four civilians") as an entity, coded like any other."""
        return self.entities([m], state, sent)[0]

    @staticmethod
    def local_country(sent: SentenceView | None, at: int, state: DocState) -> str | None:
        """The country of a generic actor ("police", "workers", "gunmen"): the place its sentence
        names nearest to it, else the paragraph's last place, else the story's main country (named
        countries first, then the places named so far). A place in a country the story never names
        does not outweigh the story's country (a "Kali" river in Papua is not Cali, Colombia)."""
        main = state.main_country()
        named = state.actors.counts
        if sent is not None:
            placed = [p for p in sent.places if p.location.country and p.location.start is not None]
            if placed:
                code = min(placed, key=lambda p: abs((p.location.start or 0) - at)).location.country
                return code if not named or code in named else main
            last = state.paragraph_places.get(sent.paragraph)
            if last is not None and last.country and (not named or last.country in named):
                return last.country
        return main

    def local_groups(self, sent: SentenceView, before: int, state: DocState) -> list[list[Entity]]:
        """Resolved, non-reference groups of this sentence that end before token ``before``."""
        out = []
        for g in groups(sent, self.words):
            if g[-1].tok_end <= before and all(m.kind != "reference" for m in g):
                ents = [Entity(m.text, m.code, m.sector, m.start, m.end, m.name) for m in g if m.code]
                if ents:
                    out.append(ents)
        return out

    def run(self, text: str, doc_id: str, published: date | None) -> list[Any]:
        """Stages 3 to 7 over one document: sentences, per-sentence drafts with their claims, counts,
        dates, places and modality, claims across sentences, the domain filter, the merge, and the
        mapping to events."""
        from ..text.segment import split_sentences
        from .actors import DocActors

        doc_tokens = tokenize(text)  # once for the document: its sentences take their slices
        doc_keys = SentenceKeys(doc_tokens, clitics=self.actors.clitics)  # and of its lookup keys
        starts = [t.start for t in doc_tokens]
        state = DocState(text=text, lang=self.pack.tag, published=published,
                         actors=DocActors(text, published=published, keys=doc_keys))
        breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
        furniture = furniture_spans(text, self.pack.tag)
        drafts: list[Draft] = []
        orphans: list[Count] = []
        speech = SpeechFlow()
        for index, span in enumerate(split_sentences(text, self.pack)):
            if any(a <= span.start < b for a, b in furniture):
                continue
            paragraph = bisect.bisect_right(breaks, span.start)
            tokens, at = _slice(text, doc_tokens, starts, span.start, span.end)
            sent = self.view(text, index, paragraph, span.start, span.end, state, tokens,
                             None if at is None else doc_keys.slice(at, at + len(tokens), tokens))
            new = self.sentence_events(sent, state)
            speech.follow(sent, new, text, self.words.quotes)
            counts = find_counts(sent, new)
            for c in attach(counts, new, partial(self.victim, state=state, sent=sent)):
                # "Sedikitnya 16 orang tewas, menurut Badan Pertahanan Sipil Gaza": the figure's source
                scope = _nearest_scope(sent.scopes, c.tok)
                if scope is not None and scope.claimant is not None:
                    c.claim = Claim(scope.claimant, scope.verb, sent.span.start, sent.span.end, ((c.key, c.quantity),))
                orphans.append(c)
            drafts.extend(new)
            self.remember(sent, state)
        drafts = in_domain(drafts)
        merge_document(drafts, orphans)
        arm([d for d in drafts if not d.merged])
        return finish(drafts, doc_id, self.pack, text)

    def sentence_events(self, sent: SentenceView, state: DocState) -> list[Draft]:
        """Stages 5 and 6 for one sentence. Reads the view and the document state (history, speaker,
        dates and places so far); adds one ``Draft`` per trigger with actor and recipient (frames),
        claims, date (own or from the flow of the text), place, modality, and the ontology recodes;
        updates the state's lead and paragraph dates."""
        scopes = find_claims(sent, state, self.words, lambda g: self.entities(g, state, sent))
        claim_tokens = {i for m in sent.claims for i in range(m.tok_start, m.tok_end)}
        speech = load_ontology().speech_acts
        between = load_ontology().between_sides
        drafts: list[Draft] = []
        for trig in sent.triggers:
            rec = trig.record
            scope = _nearest_scope(scopes, trig.tok_start)
            speaker = scope.claimant if scope is not None else (scopes[0].claimant if scopes else None)
            voice = resolve_voice(sent, trig.tok_start, trig.tok_end, trig.voice, self.words)
            frame = rec.get("frame") or "transitive"
            tail = (trig.tail_start, trig.tok_end) if 0 <= trig.tail_start < trig.tok_end else (0, 0)
            actor_m, recip_m = assign(sent, trig.tok_start, trig.head, frame, voice, self.words, claim_tokens, tail)
            actor = self.entities(actor_m, state, sent, speaker=speaker)
            shared = self.shared_subject(sent, trig.tok_start, drafts, trig.voice, str(rec["event"]), scopes)
            reporter = _reporter_before(sent, scopes, trig.tok_start) if voice == "gerund" and rec["event"] in speech else None
            if reporter is not None:
                actor = [reporter]  # "X said the men bore signs of torture, accusing Russia of ...": X accuses
            elif shared is not None and voice != "passive" and frame != "nominal":
                actor = shared  # "condemned the bombing ... and vowed that": one subject, two verbs
            recipient = self.entities(recip_m, state, sent, exclude={e.code for e in actor if e.code}, speaker=speaker)
            if (rec["event"], rec.get("mode")) in between:  # a mediator is never a side
                recipient = [r for r in recipient if r.code not in {a.code for a in actor}]
                recipient += self.other_side(sent, trig.tok_start, state, actor, recipient)
            d = Draft(event=rec["event"], mode=rec.get("mode"), context=list(rec.get("context") or []),
                      cameo=rec.get("cameo"), frame=frame, sentence=sent, trigger=trig,
                      trigger_span=sent.char_span(trig.tok_start, trig.tok_end), voice=voice,
                      actor=actor, recipient=[r for r in recipient if (r.start, r.end) not in {(a.start, a.end) for a in actor}
                                              or frame == "reflexive"])
            if frame == "symmetric" and not d.actor:
                d.actor = border_sides(sent, trig.tok_end)
            d.confidence = float(rec.get("confidence") or 0.6)
            d.definite = (voice == "nominal" or frame in ("nominal", "symmetric") and voice == "literal") \
                and self.definite(sent, trig.tok_start, trig.tok_end)
            d.protesting = any(getattr(m, "protesting", False) for m in actor_m)
            d.protested = any(getattr(m, "protesting", False) for m in recip_m)
            if not d.actor:
                d.actor = self.crowd(sent, d, state)
            drafts.append(d)
        for d in drafts:
            d.label = _label(sent, d, drafts, self.words, speech)
        sent.scopes = scopes
        self.apply_claims(sent, drafts, scopes)
        for d in drafts:
            if d.event in speech and not d.actor and d.claims and d.claims[0].claimant is not None:
                d.actor = [d.claims[0].claimant]  # "X said those responsible would be brought to justice"
        owned, stated = self.assign_dates(sent, drafts)
        for i, d in enumerate(drafts):
            reclassify(d, drafts)
            own = owned.get(i)
            flow = self.sentence_date(d, sent, owned, stated, state) if own is None else None
            self.place_and_date(d, sent, state, own, flow)
            decide(d, sent, state.published, drafts)
            if state.lead_date is None and i in owned and d.modality == "asserted" and d.date_precision == "day":
                state.lead_date = owned[i]
            if i in owned and owned[i].precision == "day":  # a year or month names background, not the day
                state.paragraph_dates[sent.paragraph] = owned[i]
            if d.date and d.date_precision in ("day", "month", "year") and d.modality == "asserted":
                state.last_date = (d.date, d.date_precision)
        self.interval_dates(sent, drafts)
        irrealis(sent, drafts)
        return drafts

    def sentence_date(self, d: Draft, sent: SentenceView, owned: dict[int, Any], stated: list[Any],
                      state: DocState) -> tuple[str, str, str | None] | None:
        """The date of an event whose own sentence position gives it none, from the flow of the text:
        a speech act takes the date of the reporting verb it is said with ("said on Saturday it
        welcomed"); an event after a sequel phrase ("hours later", "keesokan harinya") the day of
        the event told before it, plus the phrase's days; another event takes the one date the
        other events of its clause were given ("beheaded ... and burned ... in a raid ... on
        Tuesday"), else the date its paragraph last stated."""
        if d.event in load_ontology().speech_acts and stated:
            m = min(stated, key=lambda m: abs(m.start - d.trigger_span.start))
            return m.date, m.precision, m.text
        sequel = next((m for m in sent.sequels if m.tok_end <= d.trigger.tok_start), None)
        if sequel is not None and state.last_date is not None:
            day, precision = state.last_date
            moved = shift_date(day, precision, "day", int(sequel.record.get("days") or 0)) if precision == "day" else None
            shifted = moved[0] if moved else day
            return shifted, precision, " ".join(t.text for t in sent.tokens[sequel.tok_start:sequel.tok_end])
        # a possessive date is its noun's alone ("issued arrest warrants over Monday's attack")
        dates = {(m.date, m.precision): m for m in owned.values()
                 if m.precision == "day" and self.possessed(sent, m) is None}
        if len(dates) == 1:
            m = next(iter(dates.values()))
            return m.date, m.precision, m.text
        m = state.paragraph_dates.get(sent.paragraph)
        if m is not None:
            return m.date, m.precision, m.text
        return None

    def interval_dates(self, sent: SentenceView, drafts: list[Draft]) -> None:
        """"The attack came five weeks after jihadists stormed a base", "terjadi tiga pekan setelah
        TPNPB menyerang": the event named right after an interval phrase (pack ``intervals``)
        happened that long before (or, for ``before``, after) the date it is measured from: the
        nearest date stated before the phrase in the sentence, else that of the nearest dated event
        before it, else of the first after its clause. A date stated after the phrase is the named
        event's own and wins. A day count keeps the day; weeks and months give the month."""
        for m in sent.intervals:
            count = m.record.get("count") or (self.number_at(sent, m.tok_start - 1) if m.tok_start else None)
            later = [d for d in drafts if m.tok_end <= d.trigger.tok_start <= m.tok_end + INTERVAL_TOKENS
                     and not any(k in sent.breaks or sent.tokens[k].text == ","
                                 for k in range(m.tok_end, d.trigger.tok_start))]
            if not count or not later:
                continue
            named = later[0]
            start, end = sent.tokens[m.tok_start].start, sent.tokens[m.tok_end - 1].end
            first = m.tok_start - (0 if m.record.get("count") else 1)
            limit = sent.span.end
            if first <= 0:  # fronted ("Two days after the attack, troops seized ..."): its clause ends at the comma
                stop = next((k for k in range(named.trigger.tok_end, len(sent.tokens))
                             if k in sent.breaks or sent.tokens[k].text == ","), len(sent.tokens))
                limit = sent.tokens[stop].start if stop < len(sent.tokens) else sent.span.end
            if any(end <= x.start < limit for x in sent.dates):
                continue  # "... a week after an air strike hit a market, on Monday (6/10)": the named event's own date
            stated = [x for x in sent.dates if x.end <= start and x.precision in ("day", "month")]
            dated = [d for d in drafts if d not in later and d.date and d.date_precision in ("day", "month")]
            before = [d for d in dated if d.trigger.tok_end <= m.tok_start]
            after = [d for d in dated if d.trigger.tok_start > named.trigger.tok_end]
            if stated:
                anchor: tuple[str, str] | None = (stated[-1].date, stated[-1].precision)
            elif before or after:
                d = before[-1] if before else after[0]
                anchor = (str(d.date), d.date_precision or "day")
                d.date_own = True  # measured from: the two events are told apart by their dates
            else:
                anchor = None
            sign = -1 if m.record["direction"] == "after" else 1
            shifted = shift_date(*anchor, str(m.record["unit"]), sign * int(count)) if anchor else None
            if shifted is not None:
                text = " ".join(t.text for t in sent.tokens[max(0, first):m.tok_end])
                for d in later:  # "after a roadside bomb killed two soldiers": the bomb and the killing
                    d.date, d.date_precision, d.date_text, d.date_own = *shifted, text, True

    def number_at(self, sent: SentenceView, tok: int) -> int | None:
        """The exact whole number the token at ``tok`` writes ("five", "tiga", "12", "a"), or None."""
        value = count_word(self.pack, sent.tokens[tok].text)
        return value if value and value < 1000 else None

    def apply_claims(self, sent: SentenceView, drafts: list[Draft], scopes: list[ClaimScope]) -> None:
        """Reads the claim scopes; adds a ``Claim`` to every draft whose trigger is in a scope (the
        scope of the reporting verb nearest to it: in "X condemned ... in a statement, while Japan
        said it was concerned" the concern is Japan's), and to the act an accusation embeds
        (``claiming`` types of the ontology)."""
        for d in drafts:
            t = d.trigger.tok_start
            sc = _nearest_scope(scopes, t)
            if sc is not None:
                d.claims.append(Claim(sc.claimant, sc.verb, sent.span.start, sent.span.end))
        # an accusation reports what it accuses of: "accused Cambodia of violating the truce"
        speech = load_ontology().speech_acts
        claiming = load_ontology().claiming or {}
        for acc in drafts:
            if acc.mode not in claiming.get(acc.event, ()) or not acc.actor:
                continue
            start = max([acc.trigger.tok_end] + [tok_of(sent, e.end) + 1 for e in acc.recipient])
            for d in drafts:
                if d is acc or d.event in speech or not (start <= d.trigger.tok_start <= start + COMPLEMENT_TOKENS):
                    continue
                if any(i in sent.breaks for i in range(acc.trigger.tok_end, d.trigger.tok_start)):
                    continue
                d.embedded_by = acc
                accused = {e.code for e in acc.recipient}
                if acc.recipient and not (accused & {e.code for e in d.actor}):
                    # "accused the army of shelling rebel positions": the accused did it
                    d.recipient = d.recipient or [e for e in d.actor if e.code not in accused]
                    d.actor = list(acc.recipient)
                if not d.claims:
                    a = acc.actor[0]
                    d.claims.append(Claim(a, self.text_of(sent, acc), sent.span.start, sent.span.end))

    def crowd(self, sent: SentenceView, d: Draft, state: DocState) -> list[Entity]:
        """"Thousands march in Belgrade", "Ribuan orang berunjuk rasa": a figure standing as the
        subject of an event the ontology lets a crowd do (``crowd_actor``) is that crowd, people of
        the country where they are."""
        rule = load_ontology().crowd_actor or {}
        if d.event not in rule.get("types", ()):
            return []
        for n in sent.numbers:
            if 0 <= d.trigger.tok_start - n.tok_end <= CROWD_TOKENS:
                code = self.local_country(sent, n.start, state)
                return [Entity(state.text[n.start:n.end], code, rule.get("sector"), n.start, n.end)] if code else []
        return []

    def definite(self, sent: SentenceView, start: int, end: int) -> bool:
        """Whether a demonstrative points an event noun back at an event told before: "dalam baku
        tembak tersebut", "serangan udara itu" (after it, within ``DEFINITE_TOKENS``), "this attack"
        (just before it). A word that is also a complementiser ("said that clashes ...") does not
        count; the caller asks only for nouns (after a verb, the demonstrative is its object's)."""
        w = self.words
        pointers = w.demonstratives - w.complementisers
        toks = sent.tokens
        if w.modifier_position in ("after", "both"):
            for k in range(end, min(len(toks), end + DEFINITE_TOKENS)):
                if k in sent.breaks:
                    break
                if toks[k].lower in pointers:
                    return True
        return w.modifier_position in ("before", "both") and start > 0 and toks[start - 1].lower in pointers

    def shared_subject(self, sent: SentenceView, tok: int, drafts: list[Draft], voice: str = "active",
                       event: str | None = None, scopes: list[ClaimScope] | None = None) -> list[Entity] | None:
        """The subject of the previous verb when this one is coordinated with it ("... and vowed").
        A speech act shares the subject of the speaker before it, not of the act that speaker
        reported ("menuding Rusia menyerang ... dan kembali mendesak": Zelensky urges; "Trump
        menyebut kedua negara melanggar ... dan meminta": Trump asks); another act shares that
        reported act's ("menuduh kapal Filipina memasuki ... dan menabrak")."""
        if tok == 0:
            return None
        before = sent.tokens[tok - 1]
        gerund_clause = before.text == "," and voice == "gerund"  # "attacked a post, killing five soldiers"
        if not gerund_clause and not self.coordinated(sent, tok):
            return None
        speech = load_ontology().speech_acts
        if event in speech:
            reported = [sc for sc in scopes or () if sc.match.tok_end <= tok and sc.claimant is not None
                        and sc.claimant.code and not any(sc.match.tok_end <= d.trigger.tok_start
                                                         and d.event in speech for d in drafts)]
            speaker = max(reported, key=lambda sc: sc.match.tok_end).claimant if reported else None
            if speaker is not None:  # the reporting verb is the last speech before this one: its speaker goes on
                return [speaker]
        if not drafts:
            return None
        for k in range(len(drafts) - 1, -1, -1):  # the previous verb, not a noun in its object ("mengutuk serangan ... dan")
            prev = drafts[k]
            if prev.frame == "nominal" or prev.voice == "nominal":
                continue
            said = {e.code for e in prev.actor}
            if event in speech and said and \
                    any(said <= {e.code for e in d.recipient} for d in drafts[:k]):
                continue  # the reported act: its doer is the object of an earlier verb
            if prev.voice == "passive" or not prev.actor:
                return None
            return list(prev.actor)
        return None

    def coordinated(self, sent: SentenceView, tok: int) -> bool:
        """A conjunction stands before the trigger at ``tok`` with only a few plain words between
        ("... and vowed", "... and expressed deep concern"): its verb shares the subject before."""
        named = {i for m in sent.mentions for i in range(m.tok_start, m.tok_end)}
        for k in range(tok - 1, max(-1, tok - 1 - COORDINATED_WORDS), -1):
            t = sent.tokens[k]
            if t.lower in self.words.conjunctions and t.text[:1].isalpha():
                return True
            if k in named or k in sent.breaks or not t.text[:1].isalpha():
                return False
        return False

    @staticmethod
    def text_of(sent: SentenceView, d: Draft) -> str:
        return " ".join(t.text for t in sent.tokens[d.trigger.tok_start:d.trigger.tok_end])

    def assign_dates(self, sent: SentenceView, drafts: list[Draft]) -> tuple[dict[int, Any], list[Any]]:
        """Each date of the sentence goes to its nearest anchor, a trigger or a reporting verb.

        A date next to "kata Rizal ..., Kamis (14/8/2025)" dates the statement, not the events
        it reports; "perang tahun lalu" dates the war, not the agreement earlier in the sentence.
        A date standing after its anchor is preferred (news writes "struck ... on Friday").
        Returns the dates owned by drafts (by draft index) and those owned by reporting verbs."""
        starts = sent.token_starts()
        anchors: list[tuple[int, int, int]] = [(d.trigger.tok_start, d.trigger.tok_end, i) for i, d in enumerate(drafts)]
        # an event noun a speech act is about leaves the date right after it to the speech act
        # ("condemned the attack on Wednesday"), not one in a clause of its own ("mengecam
        # serangan ... yang kembali terjadi pada bulan lalu")
        speech = load_ontology().speech_acts
        about = {j: i for i, d in enumerate(drafts) if d.event in speech for j, e in enumerate(drafts)
                 if e.event not in speech and _is_noun(e.trigger) and speaks_of(d, e)}
        anchors += [(m.tok_start, m.tok_end, -1) for m in sent.claims]
        # quote tags naming their speaker after them ("kata X", "ujar X") follow what they report
        # ("according to X" may also open the sentence, so it is not one of them)
        tags = {(m.tok_start, m.tok_end) for m in sent.claims
                if m.record.get("side") == "after" and m.record.get("kind") != "according_to"}
        owned: dict[int, Any] = {}
        stated: list[Any] = []

        def comma(lo: int, hi: int) -> bool:
            return any(sent.tokens[k].text == "," for k in range(lo, hi))

        for m in sent.dates:
            tok = bisect.bisect_left(starts, m.start)
            event_before = any(d.trigger.tok_end <= tok for d in drafts)
            best: tuple[int, int] | None = None
            named = anchors
            after = self.possessed(sent, m)
            if after is not None:
                # a possessive date names the noun after it ("over Monday's attack", "July's
                # election"): only a trigger there takes it, never the sentence's other events
                named = [a for a in anchors if a[2] >= 0 and 0 <= a[0] - after < POSSESSIVE_TOKENS]
            for a0, a1, owner in named:
                # A speaker after the date reports the events before it, not its own saying: a tag
                # naming its speaker after it ("... di Kota Kobo, Senin (24/2/2025), kata pejabat
                # setempat"), or any speaker past a comma when an event precedes the date ("delivered
                # food, water and medicine ... on Monday, an IOM official said"). "Arief di Jayapura,
                # Jumat, mengatakan" still dates the saying.
                if owner < 0 and tok < a1 and ((a0, a1) in tags or tok < a0 and event_before and comma(tok, a0)):
                    continue
                dist = tok - a1 if tok >= a1 else (a0 - tok) + DATE_BEFORE_PENALTY
                lo, hi = (a1, tok) if tok >= a1 else (tok, a0)
                if comma(lo, hi):
                    dist += DATE_COMMA_PENALTY  # "in El Fasher on Friday, a medical group said": the date is the event's
                if best is None or dist < best[0]:
                    best = (dist, about.get(owner, owner) if 0 <= tok - a1 <= ADJACENT_DATE_TOKENS else owner)
            if best is not None and best[1] >= 0:
                i = best[1]
                if i not in owned or abs(m.start - drafts[i].trigger_span.start) < abs(
                        owned[i].start - drafts[i].trigger_span.start):
                    owned[i] = m
            elif best is not None:
                stated.append(m)
        return owned, stated

    def possessed(self, sent: SentenceView, m: Any) -> int | None:
        """The token after a possessive date ("Monday's attack", "July's election": the date ends
        where the pack's clitic begins, inside its token), or None for any other date."""
        k = bisect.bisect_right(sent.token_starts(), m.end - 1) - 1  # the token the date ends in
        if k < 0:
            return None
        holder, clitics = sent.tokens[k], self.actors.clitics
        if holder.end > m.end and holder.text[m.end - holder.start:][:1] in clitics.marks \
                and clitics.without(holder.text) != holder.text:
            return k + 1
        return None

    def place_and_date(self, d: Draft, sent: SentenceView, state: DocState, own: Any,
                       flow: tuple[str, str, str | None] | None = None) -> None:
        """Reads the date owned by the trigger (``own``), else the date the flow of the text gives
        (``flow``), else the lead date, else publication; the sentence's places, else the
        paragraph's, else the story's country. Adds ``date*`` and ``location`` to the draft."""
        if own is not None:
            d.date, d.date_precision, d.date_text = own.date, own.precision, own.text
            d.date_own = True
        elif flow is not None:
            d.date, d.date_precision, d.date_text = flow
        elif state.lead_date is not None:
            m = state.lead_date
            d.date, d.date_precision, d.date_text = m.date, m.precision, m.text
        elif state.published is not None:
            d.date, d.date_precision = state.published.isoformat(), "published"
        center = d.trigger_span.start
        if sent.places:
            after = [p for p in sent.places if p.location.start is not None and p.location.start >= center]
            pool = after or sent.places
            best_p = min(pool, key=lambda p: abs((p.location.start or 0) - center))
            d.location = best_p.location
        elif sent.paragraph in state.paragraph_places and load_ontology().types[d.event].quad.startswith("material"):
            d.location = state.paragraph_places[sent.paragraph]  # "... di Intan Jaya. Para pelaku datang ..."
        elif load_ontology().types[d.event].quad.startswith("material") and (code := state.main_country()):
            # no place in the paragraph: the article's main country (its dateline place, else the
            # most named, else the most named in places). Marked by `text: null` and precision
            # `country`, so users can drop it.
            d.location = Location(text=None, country=code, precision="country", countries=(code,))

    def remember(self, sent: SentenceView, state: DocState) -> None:
        if sent.places:
            state.paragraph_places[sent.paragraph] = sent.places[-1].location
            state.place_counts.update(p.location.country for p in sent.places if p.location.country)
        for g in groups(sent, self.words):
            if is_agency(g[0]):
                continue
            ents = [e for e in self.entities(g, state, sent) if e.code]
            if ents:
                state.remember_group(ents, load_ontology().org_codes)


def _slice(text: str, tokens: list[Any], starts: list[int], start: int, end: int) -> tuple[list[Any], int | None]:
    """The tokens of ``text[start:end]`` from the document's: those that start inside the span, the
    same as tokenising the span alone, and the index of the first; unless a token runs over one of
    its ends (then the span is tokenised alone, and the index is None)."""
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    if (hi > lo and tokens[hi - 1].end > end) or (lo > 0 and tokens[lo - 1].end > start):
        return tokenize(text, start, end), None
    return tokens[lo:hi], lo


def sections(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of the parts of ``text`` coded one at a time: the whole text when it is at
    most ``size`` long, else pieces of at most ``size`` characters, each ending at the last
    paragraph break in it (else line break, sentence end, space; else cut at ``size``)."""
    size = size or SECTION_CHARS
    out = []
    lo = 0
    while len(text) - lo > size:
        hi = lo + size
        for cut in _CUTS:
            ends = [m.end() for m in cut.finditer(text, lo + size // 2, hi)]
            if ends:
                hi = ends[-1]
                break
        out.append((lo, hi))
        lo = hi
    out.append((lo, len(text)))
    return out


def _resolve(refers: str | None, state: DocState, exclude: set[str], speaker: Entity | None,
             local: list[list[Entity]], recent: bool = False,
             kinds: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    """Codes a reference stands for.

    pair: with a demonstrative after it ("kedua negara Teluk itu", "these two countries") the pair
    named last; else the two states most often named together ("Armenia dan Azerbaijan"), else the
    two the document mentions most (ties: the most recent), as in "kedua negara" or "both sides";
    speaker: who is speaking in this sentence, else the last speaker;
    previous, subject, self: an earlier group of this sentence, else the last speaker, else the
    latest group of the document, leaving out codes already used by the other argument and, for a
    reference that names its kinds ("kelompok itu": armed or society), actors of other kinds."""
    sector_kinds = load_ontology().sector_kinds or {}

    def fits(e: Entity) -> bool:
        return bool(e.code) and e.code not in exclude and (
            not kinds or e.sector is None or sector_kinds.get(e.sector) in kinds)

    if refers == "pair":
        # "kedua negara" means two states, never the UN; the other argument is not one of them
        bodies = load_ontology().org_codes
        orgs = bodies | exclude
        if recent:
            for g in reversed(local):
                codes = list(dict.fromkeys(e.code for e in g if e.code and e.code not in orgs))
                if len(codes) == 2:
                    return [(codes[0], None), (codes[1], None)]
            if state.last_pair is not None and not set(state.last_pair) & exclude:
                return [(state.last_pair[0], None), (state.last_pair[1], None)]
        # the document's statistics plus this sentence's groups before the reference
        here: dict[tuple[str, str], int] = {}
        for g in local:
            for pair in pairs_of(g, orgs):
                here[pair] = here.get(pair, 0) + 1
        together = [k for k in state.together if not set(k) & exclude] + [k for k in here if k not in state.together]
        if together:
            best = max(together, key=lambda k: state.together.get(k, 0) + here.get(k, 0))
            return [(best[0], None), (best[1], None)]
        counts = dict(state.named)
        last = dict(state.named_last)
        for i, e in enumerate((e for g in local for e in g), start=len(state.history)):
            if e.code and e.code not in bodies:
                counts[e.code] = counts.get(e.code, 0) + 1
                last[e.code] = i
        top = sorted((c for c in counts if c not in exclude), key=lambda c: (counts[c], last[c]), reverse=True)[:2]
        if len(top) == 2:
            return [(c, None) for c in top]
        # a conflict within one state, its sides named with two kinds of sector ("urged both sides"
        # in Myanmar), even when the speaker is of that state
        pool = top or list(counts)
        if len(pool) == 1:
            sides = {sector_kinds.get(s) for s in state.sectors_named.get(pool[0], ())}
            return [(pool[0], None)] if len(sides - {None}) >= 2 else []
        return []
    if refers == "speaker":
        who = speaker or state.last_speaker
        return [(who.code, who.sector)] if who is not None and who.code else []
    for g in reversed(local):
        ents = [e for e in g if fits(e)]
        if ents:
            return [(e.code, e.sector) for e in ents if e.code]
    who = speaker or state.last_speaker
    if who is not None and fits(who):
        return [(str(who.code), who.sector)]
    for g in reversed(state.groups):
        ents = [e for e in g if fits(e)]
        if ents:
            return [(e.code, e.sector) for e in ents if e.code]
    return []


# A document with off-domain words (sport, markets, accidents) in at least this share of its
# sentences that hold triggers is off-domain as a whole: "Skuad Garuda menggempur pertahanan Bahrain"
# has no such word itself. One in three: a match report names the game in most sentences; a
# conflict story that mentions a football match or the markets does so once.
OFF_DOMAIN_SHARE = 1 / 3


def in_domain(drafts: list[Draft]) -> list[Draft]:
    """Drop the material events of off-domain sentences (pack ``off_domain``: a derby "clash", a
    "lightning strike", tech stocks "under attack") that involve no armed party; in an off-domain
    document, every such event."""
    onto = load_ontology()
    with_triggers = {d.sentence.index for d in drafts}
    off = {d.sentence.index for d in drafts if d.sentence.off_domain}
    whole = bool(off) and len(off) >= OFF_DOMAIN_SHARE * len(with_triggers)

    def outside(d: Draft) -> bool:  # condolences for flood victims are still a statement
        return (whole or d.sentence.index in off) and onto.types[d.event].quad.startswith("material") and \
            not any(e.sector in onto.armed_sectors for e in d.actor + d.recipient)

    return [d for d in drafts if not outside(d)]


QUOTE_TAIL = 4  # tokens before a reporting verb that still close the quote before it ('" he said')


class SpeechFlow:
    """Claims that reach across sentences, read in order through a paragraph:

    - a quote over several sentences ("We were attacked at dawn. Two of our men died," the commander
      said) is one claim: events of the sentences inside it take the claimant of the reporting verb
      that closes it;
    - a reporting verb that opens its sentence right after a quote ("... died." He said) reports
      the quote before it;
    - a paragraph goes on with one speaker's account: a sentence with no reporting verb right after
      one that a claimant reported is theirs too ("The army said ... Three soldiers were wounded.")."""

    def __init__(self) -> None:
        self.paragraph = -1
        self.inside = False
        self.pending: list[Draft] = []  # unclaimed events of the open quote or of the last quote
        self.speaker: tuple[int, int, Entity, str] | None = None  # (sentence, paragraph, claimant, verb)

    def follow(self, sent: SentenceView, drafts: list[Draft], text: str, quotes: frozenset[str]) -> None:
        if sent.paragraph != self.paragraph:
            self.paragraph, self.inside, self.pending = sent.paragraph, False, []
        began_inside = self.inside
        marks = sum(text.count(q, sent.span.start, sent.span.end) for q in quotes)
        ends_inside = self.inside ^ (marks % 2 == 1)
        closing = next((sc for sc in sent.scopes if sc.claimant is not None and sc.tok_start == 0), None)
        if closing is not None and self.pending and (began_inside or closing.match.tok_start <= QUOTE_TAIL):
            for d in self.pending:
                if not d.claims:
                    d.claims.append(Claim(closing.claimant, closing.verb, sent.span.start, sent.span.end))
            self.pending = []
        quoted = ends_inside or (marks and not sent.scopes)
        self.pending = (self.pending if began_inside else []) + [d for d in drafts if not d.claims] if quoted else []
        self.inside = ends_inside
        # a paragraph that goes on with one speaker's account: the events of a sentence with no
        # reporting verb of its own, right after a sentence that one claimant reported, are theirs
        if not sent.scopes and self.speaker is not None and self.speaker[0] == sent.index - 1 and \
                sent.paragraph == self.speaker[1]:
            speech = load_ontology().speech_acts
            for d in drafts:
                if not d.claims and d.event not in speech:
                    d.claims.append(Claim(self.speaker[2], self.speaker[3], sent.span.start, sent.span.end))
            self.speaker = (sent.index, *self.speaker[1:])  # the account goes on
        else:
            claimed = next((sc for sc in sent.scopes if sc.claimant is not None), None)
            self.speaker = None
            if claimed is not None and claimed.claimant is not None:
                self.speaker = (sent.index, sent.paragraph, claimed.claimant, claimed.verb)


def _log() -> Any:
    import logging  # only when there is something to log: its import is 10 ms of every start

    return logging.getLogger(__name__)


@cache
def supported_tags() -> list[str]:
    return available_tags()


@cache
def coder_for(tag: str) -> Coder:
    """The coder of a bundled pack; what it compiles is kept on disk for the next process."""
    from ..lang.loader import save_compiled

    coder = Coder(load_pack(tag)).prepare()
    save_compiled(coder.pack)
    return coder


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def guard(doc: Document, options: Options) -> Rejection | None:
    """Why a document cannot be processed, or None."""
    text = doc.text
    # UTF-8 needs 1 to 4 bytes a character: encode only when the length alone cannot decide
    size = len(text) if len(text) * 4 <= options.max_bytes else len(text.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        return Rejection("too_large", f"{size:,} bytes is over the "
                                      f"{options.max_bytes:,}-byte limit (set PANTAU_MAX_BYTES to raise it)", "guard")
    if not text.strip():
        return Rejection("empty", "the document has no text", "guard")
    junk = len(_CONTROL.findall(text))
    if junk > JUNK_RATIO * len(text):
        return Rejection("undecodable", f"{junk} of {len(text)} characters are control or replacement characters: "
                                        "binary data or a wrong encoding", "guard")
    return None


def extract_rendered(doc: Document, options: Options, render: Callable[[Document], Any] | None) -> Any:
    """``extract_document``, then ``render`` of the result when given (``pantau.extract_many``)."""
    coded = extract_document(doc, options)
    return coded if render is None else render(coded)


class Plan(NamedTuple):
    """A document ready to be coded: its language, publication date and the sections coded one at a
    time (``sections``; one for most documents)."""

    doc: Document
    lang: str
    published: date | None
    parts: list[tuple[int, int]]

    def code(self, k: int) -> list[Any]:
        """The events of section ``k``, offsets and ids still the section's own."""
        lo, hi = self.parts[k]
        return code_section(self.doc.text[lo:hi], self.doc.doc_id, self.lang, self.published)


def code_section(text: str, doc_id: str, lang: str, published: date | None) -> list[Any]:
    """The events of one section's text (``Plan.code``; a worker is sent only the text)."""
    return coder_for(lang).run(text, doc_id, published)


def plan_document(doc: Document, options: Options) -> Document | Plan:
    """What coding ``doc`` takes (``Plan``), or the document itself when there is nothing to code
    (rejected, too large, empty, of a language without a pack)."""
    if doc.rejected is not None:
        return doc
    problem = guard(doc, options)
    if problem is not None:
        return doc.with_(rejected=problem, events=())
    lang = options.lang or doc.lang
    if not lang:
        from ..text.langid import detect_language

        lang, _ = detect_language(doc.text, supported_tags())
    tags = supported_tags()
    if lang not in tags:
        return doc.with_(lang=lang, events=(), rejected=Rejection(
            "unsupported_lang", f"language {lang or 'unknown'!r} has no pack (packs: {', '.join(tags)}); "
                                "pass --lang to force one", "language"))
    published = _iso_date(doc.published) or _iso_date(options.published)
    if published is None:
        from ..text.dates import find_dateline, lead_date

        pack = coder_for(lang).pack
        line = find_dateline(doc.text, pack) or lead_date(doc.text, pack)
        if line is not None and line.precision == "day":
            published = _iso_date(line.date)
    return Plan(doc, lang, published, sections(doc.text))


def assemble(plan: Plan, coded: list[list[Any]] | BaseException) -> Document:
    """The coded document from the events of each of its sections, in order (``Plan.code``), or
    from the failure of one: offsets and ids moved to the whole document."""
    doc, lang, published, parts = plan
    if isinstance(coded, BaseException):  # a coder bug must not stop a batch: it is recorded, counted and logged
        _log().error("extraction failed for %s", doc.doc_id, exc_info=coded)
        return doc.with_(lang=lang, events=(), rejected=Rejection(
            "parse_error", f"internal error while extracting ({type(coded).__name__}: {coded}); please report it",
            "extract"))
    if len(parts) == 1:
        events = coded[0]
    else:
        events = []
        for (lo, _), found in zip(parts, coded, strict=True):
            for e in found:
                events.append(e.shifted(lo, f"{doc.doc_id}:{len(events) + 1}"))
    meta = doc.meta
    if len(parts) > 1:
        meta = {**meta, "sections": len(parts),
                "note": f"coded in {len(parts)} sections of at most {SECTION_CHARS:,} characters"}
        _log().info("%s: %s", doc.doc_id, meta["note"])
    return doc.with_(lang=lang, published=published.isoformat() if published else doc.published,
                     events=tuple(events), meta=meta)


def extract_document(doc: Document, options: Options) -> Document:
    """Extract the events of one document; a failure becomes the document's rejection."""
    plan = plan_document(doc, options)
    if not isinstance(plan, Plan):
        return plan
    try:
        coded: list[list[Any]] | BaseException = [plan.code(k) for k in range(len(plan.parts))]
    except Exception as exc:
        coded = exc
    return assemble(plan, coded)
