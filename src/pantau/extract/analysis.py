"""What the coder knows about one sentence and one document while it works.

The pipeline fills a ``SentenceView`` per sentence (tokens, actor mentions, places, numbers,
dates, trigger/claim/modality matches) and keeps a ``DocState`` across sentences (who spoke last,
which actors were mentioned, the last date and place of each paragraph).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..lang.phrases import PhraseMatch
from ..model import Claim, Entity, Location, Quantity, Span
from ..text.dates import DateMatch
from ..text.numbers import NumberMatch
from ..text.tokens import Token

if TYPE_CHECKING:
    from .actors import DocActors, Mention
    from .places import PlaceMatch


Group = list["Mention"]  # coordinated actor mentions ("Egypt, Qatar and Turkey")


@dataclass(slots=True)
class SentenceView:
    index: int
    paragraph: int
    span: Span
    tokens: list[Token]
    mentions: list[Mention]
    places: list[PlaceMatch]
    numbers: list[NumberMatch]
    dates: list[DateMatch]
    triggers: list[PhraseMatch] = field(default_factory=list)
    claims: list[PhraseMatch] = field(default_factory=list)
    cues: list[PhraseMatch] = field(default_factory=list)
    counts: list[PhraseMatch] = field(default_factory=list)
    units: list[PhraseMatch] = field(default_factory=list)
    sequels: list[PhraseMatch] = field(default_factory=list)  # "hours later", "keesokan harinya"
    intervals: list[PhraseMatch] = field(default_factory=list)  # "five weeks after", "tiga pekan setelah"
    scopes: list[ClaimScope] = field(default_factory=list)  # who reports what
    weapons: list[PhraseMatch] = field(default_factory=list)  # weapon nouns of the pack (``weapon_words``)
    off_domain: bool = False  # the sentence has words of sport, markets, accidents (pack off_domain)
    breaks: set[int] = field(default_factory=set)  # token indices that end a clause
    conjunctions: frozenset[str] = frozenset()  # the pack's conjunctions (syntax)
    passive: frozenset[str] = frozenset()  # the pack's passive auxiliaries (morphology)
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def char_span(self, tok_start: int, tok_end: int) -> Span:
        return Span(self.tokens[tok_start].start, self.tokens[tok_end - 1].end)

    def token_starts(self) -> list[int]:
        """The tokens' start offsets, for bisecting an offset to its token: made at the first
        question (a sentence with a date), then kept."""
        if self._starts is None:
            self._starts = [t.start for t in self.tokens]
        return self._starts


@dataclass(slots=True)
class ClaimScope:
    """A reporting verb's claimant and the tokens whose events its claim covers."""

    claimant: Entity | None
    verb: str
    tok_start: int
    tok_end: int
    match: PhraseMatch


@dataclass(slots=True)
class Draft:
    """An event under construction; becomes a model.Event at the end."""

    event: str
    mode: str | None
    context: list[str]
    cameo: str | None
    frame: str
    sentence: SentenceView
    trigger: PhraseMatch
    trigger_span: Span
    voice: str
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    modality: str = "asserted"
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_own: bool = False  # the date stands next to this trigger (not the lead date or publication)
    location: Location | None = None
    size: dict[str, Quantity] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    confidence: float = 0.5
    count_key: str | None = None
    embedded_by: Draft | None = None  # an ACCUSE/claim trigger whose complement holds this event
    definite: bool = False  # a demonstrative points it back at an event told before ("the attack ... this")
    label: bool = False  # a name a speech act gives an event ("called the attack a massacre")
    protesting: bool = False  # its actor is people in a protest ("protesters stormed ..."): ontology recodes
    protested: bool = False  # its recipient is people in a protest ("fired on protesters"): ontology recodes
    merged: bool = False
    merged_into: Draft | None = None

    @property
    def codes(self) -> set[str]:
        return {e.code for e in self.actor + self.recipient if e.code}


@dataclass(slots=True)
class DocState:
    text: str
    lang: str
    published: date | None
    actors: DocActors
    history: list[Entity] = field(default_factory=list)  # resolved actor mentions in reading order
    groups: list[list[Entity]] = field(default_factory=list)  # coordinated groups in reading order
    last_speaker: Entity | None = None
    last_speaker_sentence: int = -10
    paragraph_places: dict[int, Location] = field(default_factory=dict)  # the last place each paragraph named
    lead_date: DateMatch | None = None  # the first fresh, day-precision event date: undated events happened then
    place_counts: Counter[str] = field(default_factory=Counter)  # countries of the places named so far
    paragraph_dates: dict[int, DateMatch] = field(default_factory=dict)  # the last event date each paragraph stated
    last_date: tuple[str, str] | None = None  # (date, precision) of the last event dated from the text
    # kept as groups are remembered, so that "both sides" resolves in constant time however long the
    # document: how often each pair of states was named together, how often each state was named
    # and where last (its index in ``history``), and the last group that named exactly two states
    together: dict[tuple[str, str], int] = field(default_factory=dict)
    named: dict[str, int] = field(default_factory=dict)
    named_last: dict[str, int] = field(default_factory=dict)
    last_pair: tuple[str, str] | None = None
    sectors_named: dict[str, set[str]] = field(default_factory=dict)  # state -> sectors its mentions had

    def remember_group(self, ents: list[Entity], orgs: frozenset[str]) -> None:
        """Append a coordinated group of resolved entities and update the pair statistics."""
        self.groups.append(ents)
        for e in ents:
            if e.code and e.code not in orgs:
                self.named[e.code] = self.named.get(e.code, 0) + 1
                self.named_last[e.code] = len(self.history)
                if e.sector:
                    self.sectors_named.setdefault(e.code, set()).add(e.sector)
            self.history.append(e)
        for pair in pairs_of(ents, orgs):
            self.together[pair] = self.together.get(pair, 0) + 1
        two = list(dict.fromkeys(e.code for e in ents if e.code and e.code not in orgs))
        if len(two) == 2:
            self.last_pair = (two[0], two[1])

    def main_country(self) -> str | None:
        """The story's country: the most named state (``DocActors``), else the most named place's."""
        named = self.actors.default_country
        if named is not None or not self.place_counts:
            return named
        return self.place_counts.most_common(1)[0][0]


def pairs_of(ents: list[Entity], orgs: frozenset[str]) -> list[tuple[str, str]]:
    """Every pair of distinct states a group names, each pair sorted."""
    codes = sorted({e.code for e in ents if e.code and e.code not in orgs})
    return [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]
