"""Phrases: how pack entries become token sequences, and how they are found in text.

A pack entry gives either ``words`` (a literal phrase; ``...`` is a gap of up to four tokens) or a
``lemma`` that the pack's ``morphology`` inflects: Indonesian-style ``patterns`` with nasal
``assimilation`` (``tembak`` + ``me{N}`` → ``menembak``), or English-style ``suffix_rules`` and
``irregular`` forms. Every surface form carries a *voice* (active, passive, nominal, intransitive,
participle, gerund, literal) that the argument frames read; a gerund is active, and after a comma
it shares the subject of the clause before it ("attacked a post, killing five soldiers"). Nothing here knows a word of any language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..text.tokens import Token, tokenize
from .loader import Pack

GAP = "..."
GAP_MAX = 4
_VOWELS = re.compile(r"[aeiou]+")


@dataclass(frozen=True, slots=True)
class Form:
    tokens: tuple[str, ...]  # lower-cased unless the entry is case-sensitive; GAP marks a gap
    voice: str
    case: bool
    headline: bool = False  # a form only headlines use ("KKB Tembak Mati Prajurit"): matched there only

    @property
    def gap_at(self) -> int:
        """Index of the first gap, or -1."""
        return self.tokens.index(GAP) if GAP in self.tokens else -1


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    tok_start: int
    tok_end: int  # exclusive
    record: dict[str, Any]
    voice: str
    head_end: int = -1  # end of the tokens before the first gap (arguments may stand in the gap)
    tail_start: int = -1  # start of the trigger's own words after the gap ("recalled ... ambassador")
    headline: bool = False  # matched by a headline-only form

    @property
    def head(self) -> int:
        return self.tok_end if self.head_end < 0 else self.head_end

    @property
    def length(self) -> int:
        return self.tok_end - self.tok_start


def _phrase_tokens(words: str, case: bool) -> tuple[str, ...]:
    out: list[str] = []
    for i, part in enumerate(words.split(GAP)):
        if i:
            out.append(GAP)
        out.extend(t.text if case else t.lower for t in tokenize(part))
    return tuple(out)


def nasalise(root: str, morphology: dict[str, Any]) -> str:
    """The root after meN-/peN- nasal assimilation (``{N}`` in a template).

    The applicable rule with a ``max_syllables`` limit wins (``bom`` → ``ngebom``), else the one
    with the longest matching ``initial``; ``drop`` removes the initial (``tembak`` → ``nembak``)."""
    syllables = len(_VOWELS.findall(root))
    best: dict[str, Any] | None = None
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
    return best["prefix"] + rest


def _rank(rule: dict[str, Any]) -> tuple[bool, int]:
    """A rule limited to short roots (``max_syllables``) is more specific than any initial; then longest initial."""
    return (rule.get("max_syllables") is not None, len(rule["initial"]))


def _english_forms(lemma: str, morphology: dict[str, Any]) -> list[tuple[str, str]]:
    """(form, voice) pairs for an English-style lemma: base, -s, -ing, -ed/participles."""
    irregular = {r["lemma"]: r["forms"] for r in morphology.get("irregular") or []}
    forms: list[tuple[str, str]] = [(lemma, "active")]
    done: set[str] = set()
    for rule in morphology.get("suffix_rules") or []:
        kind = rule["form"]
        if kind in done or not re.search(rule["when"], lemma):
            continue
        done.add(kind)
        strip = rule.get("strip") or ""
        stem = lemma[: len(lemma) - len(strip)] if strip and lemma.endswith(strip) else lemma
        voice = {"s": "active", "ing": "gerund"}.get(kind, "participle")
        forms.append((stem + rule["add"], voice))
    if lemma in irregular:
        forms = [f for f in forms if f[1] != "participle"]
        if lemma in irregular[lemma]:  # "hit", "cut", "put": the base form is also the participle
            forms[0] = (lemma, "participle")
        for form in irregular[lemma]:
            if form.endswith("ing"):
                forms.append((form, "gerund"))
            elif form.endswith("s") and not lemma.endswith("s"):
                forms.append((form, "active"))
            else:
                forms.append((form, "participle"))
    return forms


def _patterned_forms(lemma: str, affixes: list[str], morphology: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(surface, voice, headline only) for each pattern an entry names; a verb (an entry with an
    active form) also gets every `headline` pattern it does not name, for headlines only."""
    patterns = {p["name"]: p for p in morphology.get("patterns") or []}
    # A pack with a bare-root pattern (template "{root}") emits the root only where an entry's
    # affixes name that pattern: Indonesian roots such as "aman" (safe) or "pukul" (o'clock) are
    # ordinary words on their own.
    bare = any(p["template"] == "{root}" for p in patterns.values())
    forms = [] if bare else [(lemma, "active", False)]
    nasal = nasalise(lemma, morphology)

    def surface(pattern: dict[str, Any]) -> str:
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


def expand(record: dict[str, Any], pack: Pack) -> list[Form]:
    """Every surface form of one pack entry."""
    case = bool(record.get("case"))
    if "words" in record:
        return [Form(_phrase_tokens(record["words"], case), "literal", case)]
    morphology = pack.mapping("morphology")
    lemma = record["lemma"] if case else record["lemma"].lower()
    if morphology.get("patterns"):
        affixes = record.get("affixes") or morphology.get("default_affixes") or []
        triples = _patterned_forms(lemma, affixes, morphology)
    else:
        triples = [(surface, voice, False) for surface, voice in _english_forms(lemma, morphology)]
    tail = _phrase_tokens(record["then"], case) if record.get("then") else ()
    seen: set[tuple[str, ...]] = set()
    out = []
    for surface, voice, headline in triples:
        tokens = _phrase_tokens(surface, case) + tail
        if tokens not in seen:
            seen.add(tokens)
            out.append(Form(tokens, voice, case, headline))
    return out


def surface_forms(records: list[dict[str, Any]], pack: Pack) -> list[tuple[Form, dict[str, Any]]]:
    """Every form the matcher indexes, with its entry. A headline-only form belongs to the first
    entry that makes it, and to none when another entry writes it out in full ("tembaki")."""
    expanded = [(form, rec) for rec in records for form in expand(rec, pack) if form.tokens]
    written = {form.tokens for form, _ in expanded if not form.headline}
    seen: set[tuple[str, ...]] = set()
    out = []
    for form, rec in expanded:
        if form.headline:
            if form.tokens in written or form.tokens in seen:
                continue
            seen.add(form.tokens)
        out.append((form, rec))
    return out


class PhraseIndex:
    """All forms of a list of entries, indexed by first token, matched over a token list."""

    def __init__(self, records: list[dict[str, Any]], pack: Pack):
        self.records = records
        self._by_first: dict[str, list[tuple[Form, dict[str, Any]]]] = defaultdict(list)
        self._cased: dict[str, list[tuple[Form, dict[str, Any]]]] = defaultdict(list)
        for form, rec in surface_forms(records, pack):
            target = self._cased if form.case else self._by_first
            target[form.tokens[0]].append((form, rec))
        for table in (self._by_first, self._cased):
            for forms in table.values():
                forms.sort(key=lambda fr: -len(fr[0].tokens))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values()) + sum(len(v) for v in self._cased.values())

    def find_all(self, tokens: list[Token]) -> list[PhraseMatch]:
        """Every match, overlapping allowed, in token order."""
        out: list[PhraseMatch] = []
        for i, tok in enumerate(tokens):
            candidates = self._by_first.get(tok.lower, [])
            cased = self._cased.get(tok.text, [])
            for form, rec in (candidates + cased) if cased else candidates:
                end = _match_at(tokens, i, form)
                if end is not None:
                    head = i + (form.tokens.index(GAP) if GAP in form.tokens else end - i)
                    out.append(PhraseMatch(i, end, rec, form.voice, head, headline=form.headline))
        return out

    def find(self, tokens: list[Token]) -> list[PhraseMatch]:
        """Non-overlapping matches, longest first (then leftmost)."""
        return select_longest(self.find_all(tokens))


class MultiIndex:
    """Several named PhraseIndexes matched in one pass over the tokens.

    ``find_all(tokens)`` returns ``{name: [PhraseMatch, ...]}``; it is what the coder runs per
    sentence, so the token loop is paid once for triggers, reporting verbs, cues and count words."""

    def __init__(self, named: dict[str, PhraseIndex]):
        self.names = list(named)
        Entry = tuple[Form, dict[str, Any], str, list[str], int]
        self._by_first: dict[str, list[Entry]] = defaultdict(list)
        self._cased: dict[str, list[Entry]] = defaultdict(list)
        for name, index in named.items():
            for key, forms in index._by_first.items():
                self._by_first[key].extend((f, r, name, list(f.tokens), f.gap_at) for f, r in forms)
            for key, forms in index._cased.items():
                self._cased[key].extend((f, r, name, list(f.tokens), f.gap_at) for f, r in forms)

    def find_all(self, tokens: list[Token]) -> dict[str, list[PhraseMatch]]:
        out: dict[str, list[PhraseMatch]] = {name: [] for name in self.names}
        by_first, cased = self._by_first, self._cased
        lows = [t.lower for t in tokens]
        texts: list[str] | None = None
        for i, low in enumerate(lows):
            candidates = by_first.get(low)
            extra = cased.get(tokens[i].text) if cased else None
            if candidates is None and extra is None:
                continue
            for form, rec, name, plain, gap in (candidates or []) + (extra or []):
                if gap < 0:  # the common case: compare one slice
                    n = len(plain)
                    if form.case:
                        texts = texts if texts is not None else [t.text for t in tokens]
                        hit = texts[i:i + n] == plain
                    else:
                        hit = lows[i:i + n] == plain
                    if hit:
                        out[name].append(PhraseMatch(i, i + n, rec, form.voice, i + n, headline=form.headline))
                    continue
                end = _match_at(tokens, i, form)
                if end is not None:
                    tail = len(form.tokens) - gap - 1
                    out[name].append(PhraseMatch(i, end, rec, form.voice, i + gap, end - tail, form.headline))
        return out


def select_longest(matches: list[PhraseMatch]) -> list[PhraseMatch]:
    taken: set[int] = set()
    out = []
    for m in sorted(matches, key=lambda m: (-m.length, m.tok_start)):
        span = range(m.tok_start, m.tok_end)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        out.append(m)
    return sorted(out, key=lambda m: m.tok_start)


def _match_at(tokens: list[Token], i: int, form: Form) -> int | None:
    """Token index just past the match of ``form`` starting at ``i``, or None."""
    return _match_from(tokens, i, form.tokens, 0, form.case)


def _match_from(tokens: list[Token], i: int, want: tuple[str, ...], k: int, case: bool) -> int | None:
    while k < len(want):
        if want[k] == GAP:
            for skip in range(GAP_MAX + 1):
                end = _match_from(tokens, i + skip, want, k + 1, case)
                if end is not None:
                    return end
            return None
        if i >= len(tokens):
            return None
        tok = tokens[i]
        if (tok.text if case else tok.lower) != want[k]:
            return None
        i += 1
        k += 1
    return i
