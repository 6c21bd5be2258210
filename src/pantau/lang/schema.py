"""The language-pack contract: which sections a pack may have and what each entry holds.

This module is the one definition of the pack format (docs/packs.md explains it for authors). Every
section is a frozen dataclass below: a record section's entries (``EventEntry``, ``ClaimEntry``,
...), a mapping section's one value (``SyntaxSection``, ``NumbersSection``, ...). Each field says
its type and allowed values (``fld``); ``SECTIONS`` names the sections. ``validate_section``
compiles the YAML of one section into these typed entries and returns every problem it finds (a
field no matcher reads, a wrong type, a value outside its choices); the loader raises them
together as one ``PackError``. Values arrive as strings (the loader never lets YAML guess types)
and leave converted: whole numbers, booleans, tuples of strings, nested entries.

Code reads an entry by attribute (``entry.words``); code that reads every section alike (phrase
expansion, the inheritance merge) reads it as a read-only mapping of the fields it has
(``entry.get("words")``, ``"lemma" in entry``).

Adding a field is one line here (its dataclass) plus its line in docs/packs.md (a test checks
both ways).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..ontology import load_ontology
from .morphology import STRATEGIES, check_morphology

Problems = list[str]


@dataclass(frozen=True)
class F:
    """One field of an entry: its type, whether it is required, allowed values.

    Types: str | int | float | bool | strs (a list of strings) | code (ISO3-style) | date | any |
    ints (a mapping of phrase to whole number) | keyed (a mapping of whole number to names) |
    lists (a mapping of a choice to names) | records:<Section> (nested entries)."""

    type: str = "str"
    required: bool = False
    choices: Callable[[], frozenset[str]] | tuple[str, ...] | None = None


def fld(type: str = "str", required: bool = False,
        choices: Callable[[], frozenset[str]] | tuple[str, ...] | None = None) -> Any:
    """A field of a pack entry: absent (None) unless the pack gives it."""
    return field(default=None, metadata={"spec": F(type, required, choices)})


# Every entry class below is a frozen dataclass of keyword-only fields that shares the one
# __init__, __repr__ and __eq__ of ``Entry`` (init=False, repr=False, eq=False): generating them
# for each of the 37 classes cost 50 ms at every start-up.
_SPECS: dict[type, dict[str, F]] = {}


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class Entry(Mapping[str, Any]):
    """A compiled pack entry: frozen, typed fields; read as a mapping of the fields it has.

    Only the fields an entry is given are stored on it (``__init__`` refuses any other name), so its
    ``__dict__`` is that mapping; an absent field reads its class default (None), and entries stay
    small in memory and in the disk cache."""

    def __init__(self, **values: Any) -> None:
        spec = self.spec()
        unknown = [k for k in values if k not in spec]
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(map(repr, unknown))}")
        self.__dict__.update({k: v for k, v in values.items() if v is not None})

    def __getitem__(self, key: str) -> Any:
        return self.__dict__[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.__dict__)

    def __len__(self) -> int:
        return len(self.__dict__)

    def __contains__(self, key: object) -> bool:
        return key in self.__dict__

    def get(self, key: str, default: Any = None) -> Any:
        return self.__dict__.get(key, default)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self).__name__, *sorted(self.__dict__.items())))  # equal in any order

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    @classmethod
    def spec(cls) -> dict[str, F]:
        """The fields of this entry with their types (the schema as data), made once per class."""
        found = _SPECS.get(cls)
        if found is None:
            found = _SPECS[cls] = {f.name: f.metadata["spec"] for f in fields(cls)}
        return found


@dataclass(frozen=True)
class Section:
    """``records``: a list of entries; ``mapping``: one entry; ``strings``: a list of strings."""

    kind: str
    entry: type[Entry] | None = None
    one_of: tuple[str, ...] = ()  # a record needs at least one of these fields
    doc: str = ""

    @property
    def fields(self) -> dict[str, F]:
        return self.entry.spec() if self.entry is not None else {}


def _types() -> frozenset[str]:
    return frozenset(load_ontology().types)


def _contexts() -> frozenset[str]:
    return load_ontology().contexts


def _acled_subtypes() -> frozenset[str]:
    return frozenset(load_ontology().acled_subtypes or {})


def _sectors() -> frozenset[str]:
    return load_ontology().sectors


def _sector_kinds() -> frozenset[str]:
    return frozenset((load_ontology().sector_kinds or {}).values())


def _size_keys() -> frozenset[str]:
    return frozenset(load_ontology().size_keys)


def _strategies() -> frozenset[str]:
    return frozenset(STRATEGIES)


MODALITIES = ("asserted", "negated", "hypothetical", "future", "historical")
FRAMES = ("transitive", "symmetric", "subject", "nominal", "reflexive", "fronted")
# the voices of surface forms the argument frames read (extract/frames.py); `literal` is a `words` phrase's
VOICES = ("active", "passive", "nominal", "intransitive", "participle", "gerund")
SIDES = ("before", "after", "either")
Strs = tuple[str, ...]


# --- the pack's identity and morphology -------------------------------------------------------------

@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class MetaSection(Entry):
    tag: str = fld(required=True)
    name: str = fld(required=True)
    version: str = fld(required=True)
    inherit: str | None = fld()
    scripts: Strs | None = fld("strs")
    close_languages: Strs | None = fld("strs")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class CliticsSection(Entry):
    marks: Strs | None = fld("strs")
    max_tail: int | None = fld("int")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class MorphologyPattern(Entry):
    name: str = fld(required=True)
    template: str = fld(required=True)
    voice: str = fld(required=True, choices=("active", "passive", "nominal", "intransitive"))
    # a form headlines use ("KKB Tembak Mati Prajurit"): every verb gets it, matched in headlines only
    headline: bool | None = fld("bool")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class Assimilation(Entry):
    initial: str = fld(required=True)
    prefix: str = fld(required=True)
    drop: bool | None = fld("bool")
    max_syllables: int | None = fld("int")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class Inflection(Entry):
    form: str = fld(required=True)
    voice: str = fld(required=True, choices=VOICES)
    # an irregular form (other than the lemma) that ends so is this inflection ("shooting")
    ending: str | None = fld()


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class SuffixRule(Entry):
    form: str = fld(required=True)  # one of the pack's `inflections`
    when: str = fld(required=True)
    strip: str | None = fld()
    add: str = fld(required=True)


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class Irregular(Entry):
    lemma: str = fld(required=True)
    forms: Strs = fld("strs", required=True)


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class MorphologySection(Entry):
    # how a `lemma` becomes surface forms: a strategy of lang/morphology.py (affixing: id, ms;
    # inflecting: en); it names the keys below that the pack gives, and no other
    strategy: str = fld(required=True, choices=_strategies)
    # affixing
    default_affixes: Strs | None = fld("strs")
    patterns: tuple[MorphologyPattern, ...] | None = fld("records:morphology_pattern")
    assimilation: tuple[Assimilation, ...] | None = fld("records:assimilation")
    vowels: str | None = fld()  # letters of a syllable's nucleus: a run of them is one syllable (max_syllables)
    # inflecting
    inflections: tuple[Inflection, ...] | None = fld("records:inflection")  # the forms suffix rules make
    suffix_rules: tuple[SuffixRule, ...] | None = fld("records:suffix_rule")
    irregular: tuple[Irregular, ...] | None = fld("records:irregular")
    irregular_voice: str | None = fld(choices=VOICES)  # the voice of an irregular form no `ending` names
    # the words the argument frames read, whatever the strategy
    passive_auxiliaries: Strs | None = fld("strs")
    agent_markers: Strs | None = fld("strs")
    object_markers: Strs | None = fld("strs")
    subject_blockers: Strs | None = fld("strs")


# --- phrase sections ------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class Phrase(Entry):
    """How a phrase is written, shared by every section that matches text (docs/packs.md, "Phrases")."""

    words: str | None = fld()  # literal phrase; `...` stands for a gap of up to four tokens
    lemma: str | None = fld()  # a root inflected by the pack's `morphology` rules
    affixes: Strs | None = fld("strs")  # which morphology patterns to apply to `lemma`
    then: str | None = fld()  # words that must follow the inflected lemma ("tembak" + "mati")
    case: bool | None = fld("bool")  # match case-sensitively (acronyms such as "KKB")
    note: str | None = fld()  # why this entry exists


PHRASE = Phrase.spec()
PHRASE_KEYS = ("words", "lemma")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class EventEntry(Phrase):
    event: str = fld(required=True, choices=_types)
    mode: str | None = fld()
    cameo: str | None = fld()
    context: Strs | None = fld("strs", choices=_contexts)
    frame: str | None = fld(choices=FRAMES)
    count: str | None = fld(choices=_size_keys)
    modality: str | None = fld(choices=MODALITIES)
    confidence: float | None = fld("float")
    acled: str | None = fld(choices=_acled_subtypes)  # the ACLED sub-type where PLOVER has no mode for it
    # an event only when its sentence names no other event of its type ("were killed" beside "an
    # attack" is that attack's toll); alone ("Rebels kill soldier") it is the event
    weak: bool | None = fld("bool")
    # the argument without which the trigger names no event: "menolak" alone is no rejection of anyone
    needs: str | None = fld(choices=("actor", "recipient"))
    # a trigger only when an event of this type is named right after it, as its object: "claimed
    # the raid" claims responsibility; "claimed that ..." only reports
    object_event: str | None = fld(choices=_types)
    # a trigger only when a weapon of these modes (pack `weapon_words`) follows it in its clause:
    # "intercepted most of the more than 300 drones", "menembak jatuh 38 drone"
    weapon_object: Strs | None = fld("strs")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class CountEntry(Phrase):
    key: str = fld(required=True, choices=_size_keys)
    side: str | None = fld(choices=SIDES)


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class CountUnitEntry(Phrase):
    key: str | None = fld(choices=_size_keys)
    unit: str | None = fld(choices=("person", "troops", "other"))


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class ClaimEntry(Phrase):
    side: str | None = fld(choices=SIDES)
    kind: str | None = fld(choices=("said", "according_to", "quote"))


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class NotEventEntry(Phrase):
    pass


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class OffDomainEntry(Phrase):
    domain: str = fld(required=True, choices=("sport", "accident", "disaster", "market", "entertainment",
                                              "metaphor"))


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class SequelEntry(Phrase):
    days: int = fld("int", required=True)


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class WeaponWordEntry(Phrase):
    event: str = fld(required=True, choices=_types)
    mode: str | None = fld()
    context: Strs | None = fld("strs", choices=_contexts)
    overrides: bool | None = fld("bool")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class IntervalEntry(Phrase):
    unit: str = fld(required=True, choices=("day", "week", "month", "year"))
    direction: str = fld(required=True, choices=("after", "before"))
    count: int | None = fld("int")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class ModalityEntry(Phrase):
    modality: str = fld(required=True, choices=MODALITIES)
    scope: str | None = fld(choices=("before", "after", "clause", "sentence"))
    window: int | None = fld("int")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class CountryEntry(Phrase):
    code: str = fld("code", required=True)
    sector: str | None = fld(choices=_sectors)
    kind: str | None = fld(choices=("name", "demonym", "capital", "metonym"))


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class InstitutionEntry(Phrase):
    sector: str = fld(required=True, choices=_sectors)
    name: str | None = fld()
    code: str | None = fld("code")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class TitleEntry(Phrase):
    sector: str = fld(required=True, choices=_sectors)
    name: str | None = fld()
    code: str | None = fld("code")
    # office (default); of: takes code and sector from the body it heads or speaks for
    # ("spokesman", "Kepala"); rank: "Maj. Gen.", sector only as fallback
    role: str | None = fld(choices=("office", "of", "rank"))


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class GroupEntry(Phrase):
    sector: str = fld(required=True, choices=_sectors)
    code: str | None = fld("code")
    name: str | None = fld()
    unknown: bool | None = fld("bool")  # who they are is unknown ("orang tak dikenal"): no country
    protesting: bool | None = fld("bool")  # people in a protest ("protesters", "massa aksi"): their attack is a riot


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class OrganisationEntry(Phrase):
    code: str | None = fld("code")
    sector: str | None = fld(choices=_sectors)
    name: str | None = fld()


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class ActorModifier(Entry):
    words: str = fld(required=True)
    sector: str | None = fld(choices=_sectors)
    note: str | None = fld()


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class ReferenceEntry(Phrase):
    refers: str = fld(required=True, choices=("pair", "speaker", "subject", "previous", "self"))
    kinds: Strs | None = fld("strs", choices=_sector_kinds)


# --- mappings of function words ---------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class SyntaxSection(Entry):
    conjunctions: Strs | None = fld("strs")
    clause_breaks: Strs | None = fld("strs")
    complementisers: Strs | None = fld("strs")
    possessive_suffixes: Strs | None = fld("strs")
    determiners: Strs | None = fld("strs")
    modifier_position: str | None = fld(choices=("before", "after", "both"))
    reciprocal_markers: Strs | None = fld("strs")
    demonstratives: Strs | None = fld("strs")
    quote_marks: Strs | None = fld("strs")  # marks that open and close quoted speech ('"', '“', '”', '«', '»')
    labelling: Strs | None = fld("strs")  # words that give a told event a name ("called it a massacre", "sebagai")
    locatives: Strs | None = fld("strs")  # place prepositions inside a noun phrase: "the UN mission in Colombia"


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class PlaceName(Entry):
    words: str = fld(required=True)
    admin1: str | None = fld()
    code: str | None = fld("code")
    note: str | None = fld()


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class PlacesSection(Entry):
    prepositions: Strs | None = fld("strs")
    border_words: Strs | None = fld("strs")
    stop_words: Strs | None = fld("strs")
    region_words: Strs | None = fld("strs")
    locality_words: Strs | None = fld("strs")  # words that introduce a town, village or district ("desa")
    joiners: Strs | None = fld("strs")  # words joining the two sides of a border ("dan", "and")
    # natural features named with a settlement's name ("Scarborough Shoal", "the Strait of Hormuz"):
    # the name next to one is not that settlement
    feature_words: Strs | None = fld("strs")
    names: tuple[PlaceName, ...] | None = fld("records:place_name")  # names GeoNames lacks in this language


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class ActorWordsSection(Entry):
    linkers: Strs | None = fld("strs")  # words between a body and its state: "ministry of defence of Armenia"
    name_particles: Strs | None = fld("strs")  # lowercase parts of personal names: "bin", "al", "van"
    skip: Strs | None = fld("strs")  # words allowed between a title and a name ("acting")
    unknown_modifiers: Strs | None = fld("strs")  # words that make a group's identity unknown ("unidentified")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class NumbersSection(Entry):
    """Number words (text/numbers.py reads them)."""

    words: dict[str, int] | None = fld("ints")  # "two": 2, "a dozen": 12
    multipliers: dict[str, int] | None = fld("ints")  # "thousand": 1000, "ribu"
    teens: dict[str, int] | None = fld("ints")  # a word that adds ten ("belas": "tiga belas" = 13)
    connectors: Strs | None = fld("strs")  # "and" in "two hundred and fifty"
    articles: Strs | None = fld("strs")  # "a" in "a hundred"
    ordinal_prefixes: Strs | None = fld("strs")  # "ke" of "ke-12": no count
    approx_suffixes: Strs | None = fld("strs")  # "-odd", "-an" ("puluhan")
    vague: dict[str, int] | None = fld("ints")  # "dozens": 24, "puluhan"
    approximators: Strs | None = fld("strs")  # "about", "sekitar"
    lower_bounds: Strs | None = fld("strs")  # "at least", "sedikitnya"
    upper_bounds: Strs | None = fld("strs")  # "up to", "hingga"
    time_cues: Strs | None = fld("strs")  # "pukul": the number after is a time
    time_suffixes: Strs | None = fld("strs")  # "WIB", "a.m.": the number before is a time
    currency: Strs | None = fld("strs")  # "$", "Rp": no count
    year_markers: Strs | None = fld("strs")  # "tahun": the number after is a year
    none_phrases: Strs | None = fld("strs")  # "not a single", "tak seorang pun": the number is none


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class DatesSection(Entry):
    """Date expressions dateparser misses (text/dates.py explains each key)."""

    months: dict[int, Strs] | None = fld("keyed")
    ambiguous_months: Strs | None = fld("strs")
    weekdays: dict[int, Strs] | None = fld("keyed")
    capitalised: bool | None = fld("bool")
    numeric_order: str | None = fld(choices=("dmy", "mdy"))
    weekday_prefixes: Strs | None = fld("strs")
    weekday_past_before: Strs | None = fld("strs")
    weekday_past_after: Strs | None = fld("strs")
    weekday_next_before: Strs | None = fld("strs")
    weekday_next_after: Strs | None = fld("strs")
    month_cues: Strs | None = fld("strs")
    period_words: Strs | None = fld("strs")
    year_cues: Strs | None = fld("strs")
    days: dict[int, Strs] | None = fld("keyed")
    weeks: dict[int, Strs] | None = fld("keyed")
    relative_months: dict[int, Strs] | None = fld("keyed")
    relative_years: dict[int, Strs] | None = fld("keyed")
    ago: Strs | None = fld("strs")
    units: dict[str, Strs] | None = fld("lists", choices=("day", "week", "month", "year"))
    day_parts: Strs | None = fld("strs")
    ordinal_suffixes: Strs | None = fld("strs")
    day_month_links: Strs | None = fld("strs")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class BoilerplateSection(Entry):
    """Site furniture (ingest/clean.py reads it)."""

    drop_lines: Strs | None = fld("strs")  # whole lines that are furniture ("Bagikan", "ADVERTISEMENT")
    drop_prefixes: Strs | None = fld("strs")  # lines that start so ("Baca juga:")
    drop_containing: Strs | None = fld("strs")  # lines that contain these (comment-form notices)
    cut_at_lines: Strs | None = fld("strs")  # lines after which the rest is furniture ("Tinggalkan Balasan")
    author_prefixes: Strs | None = fld("strs")  # bylines ("Pewarta:", "Editor:")
    line_patterns: Strs | None = fld("strs")  # regular expressions a whole line matches; checked at load
    prefix_max_words: int | None = fld("int")  # a longer line is prose, never a prefixed furniture line (25)
    author_max_words: int | None = fld("int")  # a longer line is no byline (8)


# --- examples ---------------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class ExampleEvent(Entry):
    event: str = fld(required=True, choices=_types)
    mode: str | None = fld()
    actor: Strs | None = fld("strs")
    recipient: Strs | None = fld("strs")
    claimant: str | None = fld()
    modality: str | None = fld(choices=MODALITIES)
    date: str | None = fld()
    country: str | None = fld()
    size: Any = fld("any")


@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class Example(Entry):
    text: str = fld(required=True)
    published: str | None = fld("date")
    events: tuple[ExampleEvent, ...] = fld("records:example_event", required=True)
    # events the sentence must not yield ("mengecam serangan itu" is no attack by the condemning government)
    absent: tuple[ExampleEvent, ...] | None = fld("records:example_event")
    note: str | None = fld()


SECTIONS: dict[str, Section] = {
    "meta": Section("mapping", MetaSection,
                    doc="the pack's identity; `inherit` names a pack whose sections this one extends"),
    "abbreviations": Section("strings", doc="tokens ending in a full stop that do not end a sentence"),
    "clitics": Section("mapping", CliticsSection,
                       doc="endings written after an apostrophe that names also match without (\"Armenia's\")"),
    "morphology": Section("mapping", MorphologySection,
                          doc="how lemmas become surface forms, and the words that mark voice and arguments"),
    "morphology_pattern": Section("records", MorphologyPattern,
                                  doc="(inside morphology) `template` has `{N}` (nasalised root) or `{root}`"),
    "assimilation": Section("records", Assimilation, doc="(inside morphology) meN- / peN- nasal assimilation"),
    "inflection": Section("records", Inflection, doc="(inside morphology) a form the suffix rules make"),
    "suffix_rule": Section("records", SuffixRule, doc="(inside morphology) `when` is a regex on the lemma"),
    "irregular": Section("records", Irregular, doc="(inside morphology) irregular forms of a lemma"),
    "events": Section("records", EventEntry, PHRASE_KEYS,
                      doc="triggers: a phrase that names an event, with its type and mode"),
    "counts": Section("records", CountEntry, PHRASE_KEYS, doc="words that make a nearby number a count (`tewas` → dead)"),
    "count_units": Section("records", CountUnitEntry, PHRASE_KEYS,
                           doc="nouns counted ('people', 'orang', 'pasukan', 'km')"),
    "claims": Section("records", ClaimEntry, PHRASE_KEYS, doc="reporting verbs; `side`: where the claimant stands"),
    "not_events": Section("records", NotEventEntry, PHRASE_KEYS,
                          doc="phrases that hold a trigger's words but name no event ('assault rifles')"),
    "off_domain": Section("records", OffDomainEntry, PHRASE_KEYS,
                          doc="words of texts outside political violence ('striker', 'road accident', 'stocks'): "
                              "they silence triggers with no armed party"),
    "sequels": Section("records", SequelEntry, PHRASE_KEYS,
                       doc="phrases that date an event from the event before it ('hours later' 0, 'keesokan harinya' 1)"),
    "weapon_words": Section("records", WeaponWordEntry, PHRASE_KEYS,
                            doc="weapon nouns: an event of `event` told with one in its clause and no mode of its "
                                "own takes `mode` and `context`; `overrides` replaces a mode it has"),
    "intervals": Section("records", IntervalEntry, PHRASE_KEYS,
                         doc="'N weeks after', 'tiga pekan setelah': the event named next happened N units "
                             "before (after: `before`) the one it is measured from"),
    "modality": Section("records", ModalityEntry, PHRASE_KEYS,
                        doc="cues that make an event negated, future, hypothetical, historical"),
    "countries": Section("records", CountryEntry, PHRASE_KEYS, doc="country names and demonyms beyond CLDR's names"),
    "institutions": Section("records", InstitutionEntry, PHRASE_KEYS,
                            doc="bodies whose state comes from an adjacent country"),
    "titles": Section("records", TitleEntry, PHRASE_KEYS,
                      doc="titles that introduce a person ('Presiden', 'Defence Minister')"),
    "groups": Section("records", GroupEntry, PHRASE_KEYS,
                      doc="generic groups ('rebels', 'warga sipil'); state from context"),
    "organisations": Section("records", OrganisationEntry, PHRASE_KEYS,
                             doc="named organisations with a fixed code; no code for transnational armed groups"),
    "actor_modifiers": Section("records", ActorModifier,
                               doc="words that modify a group's head noun and join its mention ('armed', "
                                   "'student' → EDU); on the side `syntax.modifier_position` names"),
    "references": Section("records", ReferenceEntry, PHRASE_KEYS,
                          doc="pronoun-like references resolved to nearby actors"),
    "syntax": Section("mapping", SyntaxSection,
                      doc="function words the argument frames read: `and`/`dan`, clause breaks, quote marks"),
    "places": Section("mapping", PlacesSection,
                      doc="what marks a place context, and common words that are also place names"),
    "place_name": Section("records", PlaceName,
                          doc="(inside places) a place name: `admin1` as GeoNames CC.code (`ID.30`), or a country `code`"),
    "actor_words": Section("mapping", ActorWordsSection,
                           doc="small words the actor finder needs to join the parts of an actor mention"),
    "numbers": Section("mapping", NumbersSection, doc="number words, vague quantities, approximators"),
    "dates": Section("mapping", DatesSection, doc="date expressions dateparser misses"),
    "boilerplate": Section("mapping", BoilerplateSection,
                           doc="lines of site furniture removed after HTML extraction"),
    "examples": Section("records", Example, doc="sentences with the events they must yield; run as tests"),
    "example_event": Section("records", ExampleEvent, doc="(inside examples)"),
}
NESTED_ONLY = {"morphology_pattern", "assimilation", "inflection", "suffix_rule", "irregular", "example_event",
               "place_name"}


def section_of(kind: type[Entry]) -> str:
    """The name of the top-level section whose entries are ``kind``."""
    for name, section in SECTIONS.items():
        if section.entry is kind and name not in NESTED_ONLY:
            return name
    raise KeyError(f"{kind.__name__} is the entry of no top-level section")


def empty(section: str) -> Entry:
    """The value of a mapping section a pack does not give: every field absent."""
    entry = SECTIONS[section].entry
    assert entry is not None and SECTIONS[section].kind == "mapping"
    if section not in _EMPTY:
        _EMPTY[section] = entry()
    return _EMPTY[section]


_EMPTY: dict[str, Entry] = {}


def merge_mapping(base: Entry, top: Entry) -> Entry:
    """A mapping section of a pack that inherits one: the fields ``top`` gives replace ``base``'s."""
    return replace(base, **{key: getattr(top, key) for key in top})


# --- conversion -------------------------------------------------------------------------------------

def _int(value: Any, where: str, problems: Problems) -> int | None:
    if not isinstance(value, str):
        problems.append(f"{where}: expected a single value, got {value!r}")
        return None
    try:
        return int(value.replace("_", ""))
    except ValueError:
        problems.append(f"{where}: {value!r} is not a whole number")
        return None


def _strs(value: Any, where: str, problems: Problems) -> Strs:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: expected a list of strings, got {value!r}")
        return ()
    return tuple(value)


def _check_choices(values: Strs, spec: F, where: str, problems: Problems) -> None:
    choices = spec.choices() if callable(spec.choices) else spec.choices
    if choices is None:
        return
    for v in values:
        if v not in choices:
            hint = ", ".join(sorted(choices)[:12])
            problems.append(f"{where}: {v!r} is not allowed (one of: {hint}{'...' if len(choices) > 12 else ''})")


def _convert(value: Any, spec: F, where: str, problems: Problems) -> Any:
    kind = spec.type
    if kind.startswith("records:"):
        return tuple(_records(value, SECTIONS[kind.split(":", 1)[1]], where, problems))
    if kind == "any":
        return value
    if kind in ("ints", "keyed", "lists"):
        if not isinstance(value, dict):
            problems.append(f"{where}: expected a mapping, got {value!r}")
            return None
        if kind == "ints":
            ints = {str(k): _int(v, f"{where}.{k}", problems) for k, v in value.items()}
            return {k: v for k, v in ints.items() if v is not None}
        if kind == "lists":
            _check_choices(tuple(value), spec, where, problems)
            return {str(k): _strs(v, f"{where}.{k}", problems) for k, v in value.items()}
        keyed: dict[int, Strs] = {}
        for k, v in value.items():
            n = _int(k, f"{where}.{k}", problems)
            if n is not None:
                keyed[n] = _strs(v, f"{where}.{k}", problems)
        return keyed
    if kind == "strs":
        out = _strs(value, where, problems)
        _check_choices(out, spec, where, problems)
        return out
    if not isinstance(value, str):
        problems.append(f"{where}: expected a single value, got {value!r}")
        return None
    if kind == "int":
        return _int(value, where, problems)
    if kind == "float":
        try:
            return float(value)
        except ValueError:
            problems.append(f"{where}: {value!r} is not a number")
            return None
    if kind == "bool":
        if value.lower() not in ("true", "false", "yes", "no"):
            problems.append(f"{where}: {value!r} is not true or false")
        return value.lower() in ("true", "yes")
    if kind == "code" and not (len(value) == 3 and value.isalpha() and value.isupper()):
        problems.append(f"{where}: {value!r} is not an ISO3-style code (three capital letters)")
    _check_choices((value,), spec, where, problems)
    return value


def _entry(value: Any, section: Section, where: str, problems: Problems) -> Entry | None:
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a mapping, got {type(value).__name__}")
        return None
    specs = section.fields
    out: dict[str, Any] = {}
    for key, spec in specs.items():
        if key in value:
            out[key] = _convert(value[key], spec, f"{where}.{key}", problems)
        elif spec.required:
            problems.append(f"{where}: missing required field {key!r}")
    for key in value:
        if key not in specs:
            problems.append(f"{where}: unknown field {key!r} (allowed: {', '.join(specs)})")
    assert section.entry is not None
    return section.entry(**out)


def _records(value: Any, section: Section, where: str, problems: Problems) -> list[Entry]:
    if not isinstance(value, list):
        problems.append(f"{where}: expected a list of records, got {type(value).__name__}")
        return []
    out = []
    for i, item in enumerate(value):
        w = f"{where}[{i}]"
        rec = _entry(item, section, w, problems)
        if rec is None:
            continue
        if section.one_of and not any(k in rec for k in section.one_of):
            problems.append(f"{w}: needs one of {', '.join(section.one_of)}")
        if "lemma" in rec and "words" in rec:
            problems.append(f"{w}: give `words` or `lemma`, not both")
        out.append(rec)
    return out


def validate_section(name: str, value: Any, where: str, problems: Problems) -> Any:
    """One section of a pack file compiled into its typed entries (a list of strings, one entry, or
    a list of entries), every problem added to ``problems``."""
    section = SECTIONS.get(name)
    if section is None or name in NESTED_ONLY:
        allowed = ", ".join(sorted(k for k in SECTIONS if k not in NESTED_ONLY))
        problems.append(f"{where}: unknown section {name!r} (sections: {allowed})")
        return None
    if section.kind == "strings":
        return list(_strs(value, where, problems))
    if section.kind == "mapping":
        entry = _entry(value, section, where, problems)
        if entry is not None:
            for check in SECTION_CHECKS.get(name, ()):
                check(entry, where, problems)
        return entry
    return _records(value, section, where, problems)


PHRASE_SECTIONS = ("events", "counts", "count_units", "claims", "modality", "countries", "institutions",
                   "titles", "groups", "organisations", "references", "weapon_words")


# --- checks across fields ---------------------------------------------------------------------------

def check_numbers(numbers: Entry, where: str, problems: Problems) -> None:
    """A multiplier or a vague quantity is above zero ("dozens" is 24, never 0)."""
    for key in ("multipliers", "vague"):
        for phrase, n in (numbers.get(key) or {}).items():
            if n <= 0:
                problems.append(f"{where}.{key}.{phrase}: must be above zero")


def check_dates(dates: Entry, where: str, problems: Problems) -> None:
    """Months are 1 to 12 and weekdays 0 (Monday) to 6, each with a name when any is named."""
    for key, first, last, what in (("months", 1, 12, "month(s)"), ("weekdays", 0, 6, "day(s)")):
        named = dates.get(key) or {}
        for n in named:
            if not first <= n <= last:
                problems.append(f"{where}.{key}.{n}: out of range ({first} to {last})")
        missing = sorted(set(range(first, last + 1)) - set(named))
        if named and missing:
            problems.append(f"{where}.{key}: no name for {what} {missing}"
                            + (" (0 is Monday)" if key == "weekdays" else ""))


def check_boilerplate(section: Entry, where: str, problems: Problems) -> None:
    """Every `line_patterns` entry is a regular expression that compiles (else a load error now,
    not a re.error when ingestion first builds the filter)."""
    for i, pattern in enumerate(section.get("line_patterns") or []):
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(f"{where}.line_patterns[{i}]: {pattern!r} is not a regular expression ({exc})")


SECTION_CHECKS: dict[str, tuple[Callable[[Entry, str, Problems], None], ...]] = {
    "numbers": (check_numbers,), "dates": (check_dates,), "boilerplate": (check_boilerplate,),
}


def check_phrases(sections: dict[str, Any], where: str, problems: Problems) -> None:
    """Cross-section checks on a merged pack: the morphology strategy's own check (an inherited
    morphology is checked where it is used), every affix a lemma names is a morphology pattern,
    and a gap (`...`) stands between words, never at a phrase's edge."""
    if isinstance(sections.get("morphology"), Entry):
        problems.extend(f"{where}:morphology.{p}" for p in check_morphology(sections["morphology"]))
    patterns = {p["name"] for p in (sections.get("morphology") or {}).get("patterns") or []}
    defaults = (sections.get("morphology") or {}).get("default_affixes") or []
    for name in defaults:
        if patterns and name not in patterns:
            problems.append(f"{where}:morphology.default_affixes: {name!r} is not a pattern name "
                            f"(patterns: {', '.join(sorted(patterns))})")
    for section in PHRASE_SECTIONS:
        for i, rec in enumerate(sections.get(section) or []):
            if not isinstance(rec, Entry):
                continue
            for name in rec.get("affixes") or []:
                if name not in patterns:
                    problems.append(f"{where}:{section}[{i}].affixes: {name!r} is not a morphology pattern "
                                    f"(patterns: {', '.join(sorted(patterns)) or 'none'})")
            words = (rec.get("words") or "").strip()
            if words.startswith("...") or words.endswith("..."):
                problems.append(f"{where}:{section}[{i}].words: {words!r} has a gap at its edge; "
                                "a gap stands between words")


def check_events(events: list[Entry], where: str, problems: Problems) -> None:
    """Cross-field checks the per-field types cannot express: a mode must belong to its type."""
    onto = load_ontology()
    seen: dict[tuple[Any, ...], int] = {}
    for i, rec in enumerate(events):
        key = (rec.get("words"), rec.get("lemma"), rec.get("then"), tuple(rec.get("affixes") or ()), rec.get("case"))
        if key in seen:
            problems.append(f"{where}[{i}]: the same phrase as entry {seen[key]}; the matcher never reaches "
                            "a second entry (merge the two)")
        seen.setdefault(key, i)
        et = onto.types.get(rec.get("event", ""))
        mode = rec.get("mode")
        if et is not None and mode and mode not in et.modes:
            problems.append(f"{where}[{i}].mode: {mode!r} is not a mode of {et.name} "
                            f"(modes: {', '.join(et.modes) or 'none'})")
