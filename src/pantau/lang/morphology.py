"""Morphology strategies: how a pack's ``lemma`` entries become the surface forms its language writes.

A pack names its strategy (``morphology.strategy``, docs/packs.md); the strategy reads its own keys
of the pack's ``morphology`` section, and no strategy knows a word, ending or letter of any
language:

- ``affixing`` (Indonesian, Malay): ``patterns`` are templates around the root (``me{N}``,
  ``di{root}``, ``pe{N}an``), where ``{N}`` is the root after nasal ``assimilation`` by its first
  letters and, for rules with ``max_syllables``, by its syllables (runs of the pack's ``vowels``).
  An entry's ``affixes`` name its patterns (default: ``default_affixes``); a ``headline`` pattern
  is a form every verb also has, in headlines only.
- ``inflecting`` (English): ``suffix_rules`` make each of the pack's ``inflections`` (the first rule
  whose ``when`` matches the lemma), each with the voice the inflection declares; ``irregular``
  lists a lemma's forms outright, each read by the inflection ``ending`` it has (else
  ``irregular_voice``), and replaces the regular forms of that voice.

Another strategy (Arabic clitics and root patterns, Slavic cases, Romance inflection) is one more
entry in ``STRATEGIES``: the function that makes the forms, the ``morphology`` keys it reads and
the check of them the loader runs. The schema takes the strategy names from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Surface = tuple[str, str, bool]  # surface form, voice, only in headlines
Morphology = Mapping[str, Any]

# keys every strategy allows: its name, and the words the argument frames read (extract/frames.py)
COMMON_KEYS = frozenset({"strategy", "passive_auxiliaries", "agent_markers", "object_markers",
                         "subject_blockers"})


@dataclass(frozen=True)
class Strategy:
    """``forms(lemma, entry, morphology)``: every (surface, voice, headline only) of a lemma entry;
    ``keys``: the morphology keys it reads; ``check(morphology)``: its problems, as ``key: message``."""

    forms: Callable[[str, Mapping[str, Any], Morphology], list[Surface]]
    keys: frozenset[str]
    check: Callable[[Morphology], list[str]]


# --- affixing --------------------------------------------------------------------------------------

def _syllables(root: str, vowels: str) -> int:
    """Syllables of a root: its runs of the pack's vowel letters (``bom`` 1, ``tembak`` 2)."""
    count, inside = 0, False
    for ch in root:
        vowel = ch in vowels
        count += vowel and not inside
        inside = vowel
    return count


def nasalise(root: str, morphology: Morphology) -> str:
    """The root after meN-/peN- nasal assimilation (``{N}`` in a template).

    The applicable rule with a ``max_syllables`` limit wins (``bom`` → ``ngebom``), else the one
    with the longest matching ``initial``; ``drop`` removes the initial (``tembak`` → ``nembak``)."""
    syllables = _syllables(root, str(morphology.get("vowels") or ""))
    best: Mapping[str, Any] | None = None
    for rule in morphology.get("assimilation") or []:
        initial = rule["initial"]
        if not root.startswith(initial):
            continue
        limit = rule.get("max_syllables")
        if limit is not None and syllables > int(limit):
            continue
        if best is None or _rank(rule) > _rank(best):
            best = rule
    if best is None:
        return root
    rest = root[len(best["initial"]):] if best.get("drop") else root
    return str(best["prefix"]) + rest


def _rank(rule: Mapping[str, Any]) -> tuple[bool, int]:
    """A rule limited to short roots (``max_syllables``) is more specific than any initial; then the
    longest initial."""
    return (rule.get("max_syllables") is not None, len(rule["initial"]))


def affixing_forms(lemma: str, entry: Mapping[str, Any], morphology: Morphology) -> list[Surface]:
    """A form for each pattern the entry names; a verb (an entry with an active form) also gets
    every ``headline`` pattern it does not name, for headlines only."""
    affixes = entry.get("affixes") or morphology.get("default_affixes") or []
    patterns = {p["name"]: p for p in morphology.get("patterns") or []}
    # A pack with a bare-root pattern (template "{root}") emits the root only where an entry's
    # affixes name that pattern: Indonesian roots such as "aman" (safe) or "pukul" (o'clock) are
    # ordinary words on their own.
    bare = any(p["template"] == "{root}" for p in patterns.values())
    forms: list[Surface] = [] if bare else [(lemma, "active", False)]
    nasal = nasalise(lemma, morphology)

    def surface(pattern: Mapping[str, Any]) -> str:
        return str(pattern["template"]).replace("{N}", nasal).replace("{root}", lemma)

    for name in affixes:
        pattern = patterns.get(name)
        if pattern is None:
            continue
        forms.append((surface(pattern), pattern["voice"], False))
    if any(voice == "active" for _, voice, _ in forms):
        named = {f for f, _, _ in forms}
        forms += [(surface(p), p["voice"], True) for p in patterns.values()
                  if p.get("headline") and p["name"] not in affixes and surface(p) not in named]
    return forms


def _check_affixing(morphology: Morphology) -> list[str]:
    problems = []
    if not morphology.get("patterns"):
        problems.append("patterns: the affixing strategy needs at least one pattern "
                        "({name, template, voice})")
    if not morphology.get("vowels") and any(r.get("max_syllables") is not None
                                            for r in morphology.get("assimilation") or []):
        problems.append("vowels: assimilation rules with max_syllables count syllables by the pack's "
                        "vowel letters; give them (vowels: aeiou)")
    return problems


# --- inflecting -------------------------------------------------------------------------------------

def inflecting_forms(lemma: str, entry: Mapping[str, Any], morphology: Morphology) -> list[Surface]:
    """The lemma, one form per inflection (its first matching suffix rule), and irregular forms."""
    inflections = morphology.get("inflections") or []
    voices = {i["form"]: i["voice"] for i in inflections}
    forms: list[tuple[str, str]] = [(lemma, "active")]
    done: set[str] = set()
    for rule in morphology.get("suffix_rules") or []:
        kind = rule["form"]
        if kind in done or not re.search(rule["when"], lemma):
            continue
        done.add(kind)
        strip = rule.get("strip") or ""
        stem = lemma[: len(lemma) - len(strip)] if strip and lemma.endswith(strip) else lemma
        forms.append((stem + rule["add"], voices[kind]))
    irregular = {r["lemma"]: r["forms"] for r in morphology.get("irregular") or []}
    if lemma in irregular:
        fallback = morphology["irregular_voice"]
        forms = [f for f in forms if f[1] != fallback]  # the listed forms replace the regular ones
        if lemma in irregular[lemma]:  # "hit", "cut", "put": the lemma is also a form of that voice
            forms[0] = (lemma, fallback)
        endings = [(i["ending"], i["voice"]) for i in inflections if i.get("ending")]
        for form in irregular[lemma]:
            voice = next((v for ending, v in endings if form != lemma and form.endswith(ending)), fallback)
            forms.append((form, voice))
    return [(surface, voice, False) for surface, voice in forms]


def _check_inflecting(morphology: Morphology) -> list[str]:
    problems = []
    declared = {i["form"] for i in morphology.get("inflections") or []}
    for i, rule in enumerate(morphology.get("suffix_rules") or []):
        if rule["form"] not in declared:
            problems.append(f"suffix_rules[{i}].form: {rule['form']!r} is not one of the pack's inflections "
                            f"({', '.join(sorted(declared)) or 'none: declare them under inflections'})")
        try:
            re.compile(rule["when"])
        except re.error as exc:
            problems.append(f"suffix_rules[{i}].when: {rule['when']!r} is not a valid regex ({exc})")
    if morphology.get("irregular") and not morphology.get("irregular_voice"):
        problems.append("irregular_voice: irregular forms that no inflection ending names need a voice "
                        "(English: participle)")
    return problems


STRATEGIES: dict[str, Strategy] = {
    "affixing": Strategy(affixing_forms, frozenset({"patterns", "assimilation", "vowels", "default_affixes"}),
                         _check_affixing),
    "inflecting": Strategy(inflecting_forms, frozenset({"inflections", "suffix_rules", "irregular",
                                                         "irregular_voice"}), _check_inflecting),
}


def check_morphology(morphology: Morphology) -> list[str]:
    """Problems of a pack's morphology section, as ``key: message``: its strategy's own check, and
    keys its strategy does not read (no matcher would use them)."""
    strategy = STRATEGIES.get(str(morphology.get("strategy") or ""))
    if strategy is None:
        return []  # a missing or unknown name is a field problem the schema reports
    problems = strategy.check(morphology)
    for key in morphology:
        if key not in strategy.keys | COMMON_KEYS:
            problems.append(f"{key}: the {morphology['strategy']} strategy does not read it "
                            f"(it reads {', '.join(sorted(strategy.keys))})")
    return problems
