"""Phrases: how pack entries become token sequences, and how they are found in text.

A pack entry gives either ``words`` (a literal phrase; ``...`` is a gap of up to four tokens, not
counting the tokens of a date expression the caller marks: "agreed on Tuesday to an immediate
ceasefire" is "agreed ... ceasefire") or a
``lemma`` that the strategy the pack's ``morphology`` names inflects (``lang/morphology.py``:
``affixing``, ``tembak`` + ``me{N}`` → ``menembak``; ``inflecting``, ``attack`` → ``attacked``).
Every surface form carries a *voice* (active, passive, nominal, intransitive, participle, gerund,
literal) that the argument frames read; a gerund is active, and after a comma it shares the subject
of the clause before it ("attacked a post, killing five soldiers"). Nothing here knows a word of
any language.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..text.tokens import Token, tokenize
from .loader import Pack
from .morphology import STRATEGIES

GAP = "..."
GAP_MAX = 4


@dataclass(frozen=True, slots=True)
class Form:
    tokens: tuple[str, ...]  # lower-cased unless the entry is case-sensitive; GAP marks a gap
    voice: str
    case: bool
    headline: bool = False  # a form only headlines use ("KKB Tembak Mati Prajurit"): matched there only

    def __reduce__(self) -> tuple[type[Form], tuple[tuple[str, ...], str, bool, bool]]:
        return Form, (self.tokens, self.voice, self.case, self.headline)  # a third faster to unpickle

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


def expand(record: dict[str, Any], pack: Pack) -> list[Form]:
    """Every surface form of one pack entry."""
    case = bool(record.get("case"))
    if "words" in record:
        return [Form(_phrase_tokens(record["words"], case), "literal", case)]
    morphology = pack.mapping("morphology")
    lemma = record["lemma"] if case else record["lemma"].lower()
    strategy = morphology.get("strategy")  # the loader refuses a morphology section without a known one
    if strategy:
        triples = STRATEGIES[strategy].forms(lemma, record, morphology)
    else:  # a pack with no morphology section: the lemma as written is its one form
        triples = [(lemma, "active", False)]
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

    def find_all(self, tokens: list[Token], free: frozenset[int] = frozenset()) -> dict[str, list[PhraseMatch]]:
        """Every match of every section; ``free``: indexes of tokens a gap spans without counting
        them (a date expression's)."""
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
                end = _match_from(tokens, i, form.tokens, 0, form.case, free)
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


def _match_from(tokens: list[Token], i: int, want: tuple[str, ...], k: int, case: bool,
                free: frozenset[int] = frozenset()) -> int | None:
    while k < len(want):
        if want[k] == GAP:
            j, counted = i, 0
            while counted <= GAP_MAX and j <= len(tokens):
                end = _match_from(tokens, j, want, k + 1, case, free)
                if end is not None:
                    return end
                counted += j not in free
                j += 1
            return None
        if i >= len(tokens):
            return None
        tok = tokens[i]
        if (tok.text if case else tok.lower) != want[k]:
            return None
        i += 1
        k += 1
    return i
