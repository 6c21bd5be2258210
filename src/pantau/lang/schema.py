"""The language-pack contract: which sections a pack may have and what each entry holds.

This module is the one definition of the pack format (docs/packs.md explains it for authors).
``validate_pack`` returns every problem it finds; the loader raises them together as one
``PackError``. Values arrive as strings (the loader never lets YAML guess types) and leave
converted to the types below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..ontology import load_ontology
from .morphology import STRATEGIES, check_morphology

Problems = list[str]


@dataclass(frozen=True)
class F:
    """One field of a record: its type, whether it is required, allowed values."""

    type: str = "str"  # str | int | float | bool | strs | code | date | any | records:<Section>
    required: bool = False
    choices: Callable[[], frozenset[str]] | tuple[str, ...] | None = None


@dataclass(frozen=True)
class Section:
    """``records``: a list of mappings; ``mapping``: one mapping; ``strings``: a list of strings."""

    kind: str
    fields: dict[str, F] = field(default_factory=dict)
    one_of: tuple[str, ...] = ()  # a record needs at least one of these fields
    doc: str = ""
    open: bool = False  # a mapping section whose extra keys are kept unchecked (as strings)


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


MODALITIES = ("asserted", "negated", "hypothetical", "future", "historical")
FRAMES = ("transitive", "symmetric", "subject", "nominal", "reflexive", "fronted")
# the voices of surface forms the argument frames read (extract/frames.py); `literal` is a `words` phrase's
VOICES = ("active", "passive", "nominal", "intransitive", "participle", "gerund")


def _strategies() -> frozenset[str]:
    return frozenset(STRATEGIES)


# How a phrase is written, shared by every section that matches text (docs/packs.md, "Phrases").
PHRASE = {
    "words": F("str"),  # literal phrase; `...` stands for a gap of up to four tokens
    "lemma": F("str"),  # a root inflected by the pack's `morphology` rules
    "affixes": F("strs"),  # which morphology patterns to apply to `lemma` (default: the pack's default)
    "then": F("str"),  # words that must follow the inflected lemma ("tembak" + "mati")
    "case": F("bool"),  # match case-sensitively (acronyms such as "KKB")
    "note": F("str"),  # why this entry exists
}
PHRASE_KEYS = ("words", "lemma")

EVENT_FIELDS = {
    **PHRASE,
    "event": F("str", required=True, choices=_types),
    "mode": F("str"),
    "cameo": F("str"),
    "context": F("strs", choices=_contexts),
    "frame": F("str", choices=FRAMES),
    "count": F("str", choices=_size_keys),
    "modality": F("str", choices=MODALITIES),
    "confidence": F("float"),
    "acled": F("str", choices=_acled_subtypes),  # the ACLED sub-type where PLOVER has no mode for it
    # an event only when its sentence names no other event of its type ("were killed" beside "an
    # attack" is that attack's toll); alone ("Rebels kill soldier") it is the event
    "weak": F("bool"),
    # the argument without which the trigger names no event: "menolak" alone is no rejection of anyone
    "needs": F("str", choices=("actor", "recipient")),
    # a trigger only when an event of this type is named right after it, as its object: "claimed
    # the raid" claims responsibility; "claimed that ..." only reports
    "object_event": F("str", choices=_types),
    # a trigger only when a weapon of these modes (pack `weapon_words`) follows it in its clause:
    # "intercepted most of the more than 300 drones", "menembak jatuh 38 drone"
    "weapon_object": F("strs"),
}

EXAMPLE_EVENT = {
    "event": F("str", required=True, choices=_types),
    "mode": F("str"),
    "actor": F("strs"),
    "recipient": F("strs"),
    "claimant": F("str"),
    "modality": F("str", choices=MODALITIES),
    "date": F("str"),
    "country": F("str"),
    "size": F("any"),
}

SECTIONS: dict[str, Section] = {
    "meta": Section("mapping", {
        "tag": F("str", required=True), "name": F("str", required=True), "version": F("str", required=True),
        "inherit": F("str"), "scripts": F("strs"), "close_languages": F("strs"),
    }, doc="the pack's identity; `inherit` names a pack whose sections this one extends"),
    "abbreviations": Section("strings", doc="tokens ending in a full stop that do not end a sentence"),
    "clitics": Section("mapping", {"marks": F("strs"), "max_tail": F("int")},
                       doc="endings written after an apostrophe that names also match without (\"Armenia's\")"),
    "morphology": Section("mapping", {
        # how a `lemma` becomes surface forms: a strategy of lang/morphology.py (affixing: id, ms;
        # inflecting: en); it names the keys below that the pack gives, and no other
        "strategy": F("str", required=True, choices=_strategies),
        # affixing
        "default_affixes": F("strs"),
        "patterns": F("records:morphology_pattern"),
        "assimilation": F("records:assimilation"),
        "vowels": F("str"),  # letters of a syllable's nucleus: a run of them is one syllable (max_syllables)
        # inflecting
        "inflections": F("records:inflection"),  # the forms suffix rules make, each with its voice
        "suffix_rules": F("records:suffix_rule"),
        "irregular": F("records:irregular"),
        "irregular_voice": F("str", choices=VOICES),  # the voice of an irregular form no `ending` names
        # the words the argument frames read, whatever the strategy
        "passive_auxiliaries": F("strs"),
        "agent_markers": F("strs"),
        "object_markers": F("strs"),
        "subject_blockers": F("strs"),
    }, doc="how lemmas become surface forms, and the words that mark voice and arguments"),
    "morphology_pattern": Section("records", {
        "name": F("str", required=True), "template": F("str", required=True),
        "voice": F("str", required=True, choices=("active", "passive", "nominal", "intransitive")),
        # a form headlines use ("KKB Tembak Mati Prajurit"): every verb gets it, matched in headlines only
        "headline": F("bool"),
    }, doc="(inside morphology) `template` has `{N}` (nasalised root) or `{root}`: `{N}kan`, `di{root}`"),
    "assimilation": Section("records", {
        "initial": F("str", required=True), "prefix": F("str", required=True), "drop": F("bool"),
        "max_syllables": F("int"),
    }, doc="(inside morphology) meN- / peN- nasal assimilation by the root's first letters"),
    "inflection": Section("records", {
        "form": F("str", required=True), "voice": F("str", required=True, choices=VOICES),
        # an irregular form (other than the lemma) that ends so is this inflection ("shooting")
        "ending": F("str"),
    }, doc="(inside morphology) a form the suffix rules make, and the voice it carries"),
    "suffix_rule": Section("records", {
        "form": F("str", required=True),  # one of the pack's `inflections`
        "when": F("str", required=True), "strip": F("str"), "add": F("str", required=True),
    }, doc="(inside morphology) regular inflection: `when` is a regex on the lemma"),
    "irregular": Section("records", {
        "lemma": F("str", required=True), "forms": F("strs", required=True),
    }, doc="(inside morphology) irregular forms of a lemma"),
    "events": Section("records", EVENT_FIELDS, one_of=PHRASE_KEYS,
                      doc="triggers: a phrase that names an event, with its type and mode"),
    "counts": Section("records", {**PHRASE, "key": F("str", required=True, choices=_size_keys),
                                  "side": F("str", choices=("before", "after", "either"))},
                      one_of=PHRASE_KEYS, doc="words that make a nearby number a count (`tewas` → dead)"),
    "count_units": Section("records", {**PHRASE, "key": F("str", choices=_size_keys),
                                       "unit": F("str", choices=("person", "troops", "other"))},
                           one_of=PHRASE_KEYS, doc="nouns counted ('people', 'orang', 'pasukan', 'km')"),
    "claims": Section("records", {**PHRASE, "side": F("str", choices=("before", "after", "either")),
                                  "kind": F("str", choices=("said", "according_to", "quote"))},
                      one_of=PHRASE_KEYS, doc="reporting verbs; `side`: where the claimant stands"),
    "not_events": Section("records", {**PHRASE}, one_of=PHRASE_KEYS,
                          doc="phrases that hold a trigger's words but name no event ('assault rifles')"),
    "off_domain": Section("records", {**PHRASE, "domain": F("str", required=True, choices=(
        "sport", "accident", "disaster", "market", "entertainment", "metaphor"))},
        one_of=PHRASE_KEYS, doc="words of texts outside political violence ('striker', 'road accident', "
                                "'stocks'): they silence triggers with no armed party"),
    "sequels": Section("records", {**PHRASE, "days": F("int", required=True)},
                       one_of=PHRASE_KEYS, doc="phrases that date an event from the event before it "
                                               "('hours later' 0, 'the next morning' 1, 'keesokan harinya' 1)"),
    "weapon_words": Section("records", {**PHRASE, "event": F("str", required=True, choices=_types), "mode": F("str"),
                                   "context": F("strs", choices=_contexts), "overrides": F("bool")},
                       one_of=PHRASE_KEYS, doc="weapon nouns: an event of `event` told with one in its clause "
                                               "and no mode of its own takes `mode` and `context`; `overrides` "
                                               "replaces a mode it has ('a barrel bomb containing chlorine')"),
    "intervals": Section("records", {**PHRASE, "unit": F("str", required=True, choices=("day", "week", "month", "year")),
                                     "direction": F("str", required=True, choices=("after", "before")),
                                     "count": F("int")},
                         one_of=PHRASE_KEYS, doc="'N weeks after', 'tiga pekan setelah': the event named next "
                                                 "happened N units before (after: `before`) the one it is measured "
                                                 "from; `count` when the phrase holds its number ('sepekan setelah')"),
    "modality": Section("records", {**PHRASE, "modality": F("str", required=True, choices=MODALITIES),
                                    "scope": F("str", choices=("before", "after", "clause", "sentence")),
                                    "window": F("int")},
                        one_of=PHRASE_KEYS, doc="cues that make an event negated, future, hypothetical, historical"),
    "countries": Section("records", {**PHRASE, "code": F("code", required=True), "sector": F("str", choices=_sectors),
                                     "kind": F("str", choices=("name", "demonym", "capital", "metonym"))},
                         one_of=PHRASE_KEYS, doc="country names and demonyms beyond CLDR's names"),
    "institutions": Section("records", {**PHRASE, "sector": F("str", required=True, choices=_sectors),
                                        "name": F("str"), "code": F("code")},
                            one_of=PHRASE_KEYS, doc="bodies whose state comes from an adjacent country"),
    "titles": Section("records", {**PHRASE, "sector": F("str", required=True, choices=_sectors),
                                  "name": F("str"), "code": F("code"),
                                  # office (default); of: takes code and sector from the body it heads or
                                  # speaks for ("spokesman", "Kepala"); rank: "Maj. Gen.", sector only as fallback
                                  "role": F("str", choices=("office", "of", "rank"))},
                      one_of=PHRASE_KEYS, doc="titles that introduce a person ('Presiden', 'Defence Minister')"),
    "groups": Section("records", {**PHRASE, "sector": F("str", required=True, choices=_sectors),
                                  "code": F("code"), "name": F("str"),
                                  # who they are is unknown ("orang tak dikenal"): no country is given them
                                  "unknown": F("bool"),
                                  # people in a protest ("protesters", "massa aksi"): their attack is a riot
                                  "protesting": F("bool")},
                      one_of=PHRASE_KEYS, doc="generic groups ('rebels', 'warga sipil'); state from context"),
    "organisations": Section("records", {**PHRASE, "code": F("code"),
                                         "sector": F("str", choices=_sectors), "name": F("str")},
                             one_of=PHRASE_KEYS, doc="named organisations with a fixed code; no code for "
                                                     "transnational armed groups (Islamic State, al Qaeda)"),
    "actor_modifiers": Section("records", {"words": F("str", required=True), "sector": F("str", choices=_sectors),
                                           "note": F("str")},
                               doc="words that modify a group's head noun and join its mention ('armed', "
                                   "'student' → EDU); on the side `syntax.modifier_position` names"),
    "references": Section("records", {**PHRASE, "refers": F("str", required=True, choices=(
        "pair", "speaker", "subject", "previous", "self")), "kinds": F("strs", choices=_sector_kinds)},
        one_of=PHRASE_KEYS, doc="pronoun-like references resolved to nearby actors"),
    "syntax": Section("mapping", {
        "conjunctions": F("strs"), "clause_breaks": F("strs"),
        "complementisers": F("strs"), "possessive_suffixes": F("strs"), "determiners": F("strs"),
        "modifier_position": F("str", choices=("before", "after", "both")),
        "reciprocal_markers": F("strs"), "demonstratives": F("strs"),
        "quote_marks": F("strs"),  # marks that open and close quoted speech ('"', '“', '”', '«', '»')
        "labelling": F("strs"),  # words that give a told event a name ("called it a massacre", "sebagai")
    }, doc="function words the argument frames read: `and`/`dan`, clause breaks, quote marks"),
    "places": Section("mapping", {
        "prepositions": F("strs"), "border_words": F("strs"), "stop_words": F("strs"),
        "region_words": F("strs"),
        "locality_words": F("strs"),  # words that introduce a town, village or district ("desa", "village")
        "joiners": F("strs"),  # words joining the two sides of a border ("dan", "and")
        # natural features named with a settlement's name ("Scarborough Shoal", "Beting Scarborough",
        # "the Strait of Hormuz"): the name next to one is not that settlement
        "feature_words": F("strs"),
        "names": F("records:place_name"),  # names GeoNames lacks in this language ("Jawa Barat")
    }, doc="what marks a place context, and common words that are also place names"),
    "place_name": Section("records", {
        "words": F("str", required=True), "admin1": F("str"), "code": F("code"), "note": F("str"),
    }, doc="(inside places) a place name: `admin1` as GeoNames CC.code (`ID.30`), or a country `code`"),
    "actor_words": Section("mapping", {
        "linkers": F("strs"),  # words between a body and its state: "ministry of defence of Armenia"
        "name_particles": F("strs"),  # lowercase parts of personal names: "bin", "al", "van"
        "skip": F("strs"),  # words allowed between a title and a name or a state and its body ("acting")
        "unknown_modifiers": F("strs"),  # words that make a group's identity unknown ("unidentified gunmen")
    }, doc="small words the actor finder needs to join the parts of an actor mention"),
    "numbers": Section("mapping", {}, open=True, doc="number words, vague quantities, approximators"),
    "dates": Section("mapping", {}, open=True, doc="date expressions dateparser misses"),
    "boilerplate": Section("mapping", {
        "drop_lines": F("strs"),  # whole lines that are furniture ("Bagikan", "ADVERTISEMENT")
        "drop_prefixes": F("strs"),  # lines that start so ("Baca juga:")
        "drop_containing": F("strs"),  # lines that contain these (comment-form notices)
        "cut_at_lines": F("strs"),  # lines after which the rest is furniture ("Tinggalkan Balasan")
        "author_prefixes": F("strs"),  # bylines ("Pewarta:", "Editor:")
        "line_patterns": F("strs"),  # regular expressions a whole line matches; checked when the pack loads
    }, doc="lines of site furniture removed after HTML extraction (keys: src/pantau/ingest/clean.py)"),
    "examples": Section("records", {"text": F("str", required=True), "published": F("date"),
                                    "events": F("records:example_event", required=True),
                                    # events the sentence must not yield ("mengecam serangan itu" is no
                                    # attack by the condemning government)
                                    "absent": F("records:example_event"),
                                    "note": F("str")},
                        doc="sentences with the events they must yield; run as tests"),
    "example_event": Section("records", EXAMPLE_EVENT, doc="(inside examples)"),
}
# Open sections whose keys the machinery that reads them defines; their checker runs at load time,
# so a bad `numbers` or `dates` entry fails when the pack loads, like every other section.
SECTION_CHECKS = {
    "numbers": "pantau.text.numbers:check_numbers",
    "dates": "pantau.text.dates:check_dates",
}
NESTED_ONLY = {"morphology_pattern", "assimilation", "inflection", "suffix_rule", "irregular", "example_event",
               "place_name"}


def _convert(value: Any, spec: F, where: str, problems: Problems) -> Any:
    kind = spec.type
    if kind.startswith("records:"):
        return _records(value, SECTIONS[kind.split(":", 1)[1]], where, problems)
    if kind == "any":
        return value
    if kind == "strs":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where}: expected a list of strings, got {value!r}")
            return []
        out = value
    elif not isinstance(value, str):
        problems.append(f"{where}: expected a single value, got {value!r}")
        return None
    elif kind == "int":
        try:
            return int(value.replace("_", ""))
        except ValueError:
            problems.append(f"{where}: {value!r} is not a whole number")
            return None
    elif kind == "float":
        try:
            return float(value)
        except ValueError:
            problems.append(f"{where}: {value!r} is not a number")
            return None
    elif kind == "bool":
        if value.lower() not in ("true", "false", "yes", "no"):
            problems.append(f"{where}: {value!r} is not true or false")
        return value.lower() in ("true", "yes")
    elif kind == "code":
        if not (len(value) == 3 and value.isalpha() and value.isupper()):
            problems.append(f"{where}: {value!r} is not an ISO3-style code (three capital letters)")
        out = [value]
    else:
        out = [value]
    choices = spec.choices() if callable(spec.choices) else spec.choices
    if choices is not None:
        for v in out:
            if v not in choices:
                hint = ", ".join(sorted(choices)[:12])
                problems.append(f"{where}: {v!r} is not allowed (one of: {hint}{'...' if len(choices) > 12 else ''})")
    return out if kind == "strs" else out[0]


def _mapping(value: Any, section: Section, where: str, problems: Problems) -> dict[str, Any]:
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a mapping, got {type(value).__name__}")
        return {}
    out: dict[str, Any] = {}
    for key, spec in section.fields.items():
        if key in value:
            out[key] = _convert(value[key], spec, f"{where}.{key}", problems)
        elif spec.required:
            problems.append(f"{where}: missing required field {key!r}")
    for key in value:
        if key not in section.fields:
            if section.open:
                out[key] = value[key]
            else:
                problems.append(f"{where}: unknown field {key!r} (allowed: {', '.join(section.fields)})")
    return out


def _records(value: Any, section: Section, where: str, problems: Problems) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        problems.append(f"{where}: expected a list of records, got {type(value).__name__}")
        return []
    out = []
    for i, item in enumerate(value):
        w = f"{where}[{i}]"
        rec = _mapping(item, section, w, problems)
        if section.one_of and not any(k in rec for k in section.one_of):
            problems.append(f"{w}: needs one of {', '.join(section.one_of)}")
        if "lemma" in rec and "words" in rec:
            problems.append(f"{w}: give `words` or `lemma`, not both")
        out.append(rec)
    return out


def validate_section(name: str, value: Any, where: str, problems: Problems) -> Any:
    section = SECTIONS.get(name)
    if section is None or name in NESTED_ONLY:
        allowed = ", ".join(sorted(k for k in SECTIONS if k not in NESTED_ONLY))
        problems.append(f"{where}: unknown section {name!r} (sections: {allowed})")
        return None
    if section.kind == "strings":
        return _convert(value, F("strs"), where, problems)
    if section.kind == "mapping":
        return _mapping(value, section, where, problems)
    return _records(value, section, where, problems)


PHRASE_SECTIONS = ("events", "counts", "count_units", "claims", "modality", "countries", "institutions",
                   "titles", "groups", "organisations", "references", "weapon_words")


def check_phrases(sections: dict[str, Any], where: str, problems: Problems) -> None:
    """Cross-section checks on a merged pack: the morphology strategy's own check (an inherited
    morphology is checked where it is used), every affix a lemma names is a morphology pattern,
    and a gap (`...`) stands between words, never at a phrase's edge."""
    if isinstance(sections.get("morphology"), dict):
        problems.extend(f"{where}:morphology.{p}" for p in check_morphology(sections["morphology"]))
    patterns = {p["name"] for p in (sections.get("morphology") or {}).get("patterns") or []}
    defaults = (sections.get("morphology") or {}).get("default_affixes") or []
    for name in defaults:
        if patterns and name not in patterns:
            problems.append(f"{where}:morphology.default_affixes: {name!r} is not a pattern name "
                            f"(patterns: {', '.join(sorted(patterns))})")
    for section in PHRASE_SECTIONS:
        for i, rec in enumerate(sections.get(section) or []):
            if not isinstance(rec, dict):
                continue
            for name in rec.get("affixes") or []:
                if name not in patterns:
                    problems.append(f"{where}:{section}[{i}].affixes: {name!r} is not a morphology pattern "
                                    f"(patterns: {', '.join(sorted(patterns)) or 'none'})")
            words = (rec.get("words") or "").strip()
            if words.startswith("...") or words.endswith("..."):
                problems.append(f"{where}:{section}[{i}].words: {words!r} has a gap at its edge; "
                                "a gap stands between words")


def check_events(events: list[dict[str, Any]], where: str, problems: Problems) -> None:
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


def check_boilerplate(section: dict[str, Any], where: str, problems: Problems) -> None:
    """Every `line_patterns` entry is a regular expression that compiles (else a load error now,
    not a re.error when ingestion first builds the filter)."""
    for i, pattern in enumerate(section.get("line_patterns") or []):
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(f"{where}.line_patterns[{i}]: {pattern!r} is not a regular expression ({exc})")
