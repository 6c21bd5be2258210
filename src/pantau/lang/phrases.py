"""Phrases: how pack entries and names become token sequences, and the one index that finds them.

A pack entry gives either ``words`` (a literal phrase; ``...`` is a gap of up to four tokens, not
counting the tokens of a date expression the caller marks: "agreed on Tuesday to an immediate
ceasefire" is "agreed ... ceasefire") or a
``lemma`` that the strategy the pack's ``morphology`` names inflects (``lang/morphology.py``:
``affixing``, ``tembak`` + ``me{N}`` → ``menembak``; ``inflecting``, ``attack`` → ``attacked``).
Every surface form carries a *voice* (active, passive, nominal, intransitive, participle, gerund,
literal) that the argument frames read; a gerund is active, and after a comma it shares the subject
of the clause before it ("attacked a post, killing five soldiers"). Nothing here knows a word of
any language.

``PhraseIndex`` is the one phrase index of the coder. It maps phrases (token tuples, tokenised
exactly as document text is: ``phrase_key``) to values, keyed by their first token, and answers
two questions: every match in a token list (``find_all``: the pack sections the coder matches per
sentence, gaps and voices included; ``MultiIndex`` runs several sections in one pass), and the
longest phrase starting at one position (``longest``/``scan``: the actor and place finders' names,
where a token carrying a clitic after an apostrophe, ``Armenia's``, also matches the name without
it in a language whose pack names such clitics: ``SentenceKeys``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..text.tokens import Token, tokenize
from .loader import Pack
from .morphology import STRATEGIES
from .schema import CliticsSection

GAP = "..."
GAP_MAX = 4
T = TypeVar("T")
V = TypeVar("V")
_SIMPLE = re.compile(r"^[^\W\d_]+(?:['’ ][^\W\d_]+)*$")  # no hyphen: the tokenizer may split there


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


def phrase_key(text: str, cased: bool = False) -> tuple[str, ...]:
    """The token tuple of a phrase, tokenised as document text is (lowercased unless ``cased``);
    ``...`` stays a gap marker."""
    if GAP in text:
        out: list[str] = []
        for i, part in enumerate(text.split(GAP)):
            if i:
                out.append(GAP)
            out.extend(phrase_key(part, cased))
        return tuple(out)
    parts = text.split() if _SIMPLE.match(text) else [t.text for t in tokenize(text)]
    return tuple(parts) if cased else tuple(p.lower() for p in parts)


def expand(record: dict[str, Any], pack: Pack) -> list[Form]:
    """Every surface form of one pack entry."""
    case = bool(record.get("case"))
    if "words" in record:
        return [Form(phrase_key(record["words"], case), "literal", case)]
    morphology = pack.mapping("morphology")
    lemma = record["lemma"] if case else record["lemma"].lower()
    strategy = morphology.get("strategy")  # the loader refuses a morphology section without a known one
    if strategy:
        triples = STRATEGIES[strategy].forms(lemma, record, morphology)
    else:  # a pack with no morphology section: the lemma as written is its one form
        triples = [(lemma, "active", False)]
    tail = phrase_key(record["then"], case) if record.get("then") else ()
    seen: set[tuple[str, ...]] = set()
    out = []
    for surface, voice, headline in triples:
        tokens = phrase_key(surface, case) + tail
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


# --- lookup keys ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Clitics:
    """A pack's ``clitics``: endings written after one of ``marks`` with at most ``max_tail``
    letters ("Armenia's", "Aviv’s"). A language without them strips nothing."""

    marks: tuple[str, ...] = ()
    max_tail: int = 0

    def without(self, word: str) -> str:
        """``Armenia's`` → ``Armenia``: the part of a token before a mark with a short tail."""
        for mark in self.marks:
            at = word.find(mark)
            if at > 0 and len(word) - at - 1 <= self.max_tail:
                return word[:at]
        return word


NO_CLITICS = Clitics()


def clitics_of(pack: Pack) -> Clitics:
    """The pack's clitic rule (``clitics`` section), made once."""
    def build() -> Clitics:
        rule = pack.section(CliticsSection)
        return Clitics(rule.marks or (), rule.max_tail or 0)

    return pack.cached("phrases.clitics", build)


class SentenceKeys:
    """Per-sentence lookup keys: lowercased tokens, their clitic-free forms, and exact texts."""

    __slots__ = ("tokens", "low", "base", "text", "base_text", "clitic", "n")

    def __init__(self, tokens: list[Token], words: list[str] | None = None, clitics: Clitics = NO_CLITICS) -> None:
        """Keys of ``tokens``; or of bare ``words`` (no offsets) when only matching matters.
        ``clitics``: the language's rule for endings after an apostrophe (``clitics_of(pack)``)."""
        self.tokens = tokens
        self.text = texts = words if words is not None else [t.text for t in tokens]
        self.n = len(texts)
        self.low = [w.lower() for w in texts] if words is not None else [t.lower for t in tokens]
        marks = clitics.marks
        joined = "\x00".join(texts) if marks else ""
        if any(m in joined for m in marks):
            self.clitic = [any(m in w for m in marks) and clitics.without(w) != w for w in texts]
        else:  # most sentences have no apostrophe at all
            self.clitic = [False] * self.n
        if any(self.clitic):
            self.base_text = [clitics.without(w) if c else w for w, c in zip(texts, self.clitic, strict=True)]
            self.base = [b.lower() for b in self.base_text]
        else:
            self.base_text = texts
            self.base = self.low

    def __len__(self) -> int:
        return self.n

    def slice(self, lo: int, hi: int, tokens: list[Token] | None = None) -> SentenceKeys:
        """The keys of tokens ``[lo, hi)``, the same as building them for those tokens alone (each
        key is its own token's): a sentence's keys taken from its document's, built once.
        ``tokens``: those tokens' list when the caller has it."""
        out = SentenceKeys.__new__(SentenceKeys)
        out.tokens = self.tokens[lo:hi] if tokens is None else tokens
        out.text = self.text[lo:hi]
        out.low = self.low[lo:hi]
        out.clitic = self.clitic[lo:hi]
        out.base_text = out.text if self.base_text is self.text else self.base_text[lo:hi]
        out.base = out.low if self.base is self.low else self.base[lo:hi]
        out.n = len(out.text)
        return out


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int  # token index
    end: int  # token index, exclusive
    values: tuple[T, ...]
    clitic: bool  # the last token carried a clitic ("Armenia's")


# --- the index ------------------------------------------------------------------------------------

Bucket = dict[tuple[str, ...], list[Any]]  # token tuple → [(value, voice, headline)]
Match = tuple[int, int, T, str, int, int, bool]


class PhraseIndex(Generic[T]):
    """Phrases keyed by their first token, case-sensitive ones kept apart.

    A phrase without a gap is one dict entry (its token tuple → its values, each with the voice and
    headline flag of the form that made it), so a lookup at one position costs one dict lookup per
    length of the phrases sharing its first token; a phrase with a gap is kept as a ``Form`` and
    matched token by token. ``PhraseIndex()`` starts empty (``add`` names to it);
    ``PhraseIndex.of(records, pack)`` holds every surface form of a pack section's entries."""

    def __init__(self) -> None:
        self._plain: dict[str, Bucket] = {}
        self._cased: dict[str, Bucket] = {}
        self._lengths: dict[str, list[int]] = {}  # "P"/"C" + first token → lengths, longest first
        self._gapped: dict[str, list[tuple[int, Form, T]]] = {}
        self._gapped_cased: dict[str, list[tuple[int, Form, T]]] = {}
        self._order: dict[tuple[bool, tuple[str, ...]], int] = {}  # when each phrase was first added
        self._plan: tuple[dict[str, list[Any]], dict[str, list[Any]]] | None = None
        self.size = 0

    @classmethod
    def of(cls, records: list[dict[str, Any]], pack: Pack) -> PhraseIndex[dict[str, Any]]:
        """Every surface form of a pack section's entries (``expand``), each yielding its entry."""
        index: PhraseIndex[dict[str, Any]] = PhraseIndex()
        for form, rec in surface_forms(records, pack):
            index.add_form(form, rec)
        return index

    def add(self, phrase: str | tuple[str, ...], value: T, cased: bool = False) -> None:
        """A name: ``value`` for the phrase (a string, tokenised like text, or a token tuple), once."""
        key = phrase if isinstance(phrase, tuple) else phrase_key(phrase, cased)
        if key:
            self._put(key if cased else tuple(k.lower() for k in key), value, "literal", False, cased, True)

    def add_form(self, form: Form, value: T) -> None:
        """A surface form of a pack entry, with its voice; the same form of two entries yields both."""
        if GAP in form.tokens:
            table = self._gapped_cased if form.case else self._gapped
            table.setdefault(form.tokens[0], []).append((self.size, form, value))
            self.size += 1
            self._plan = None
        else:
            self._put(form.tokens, value, form.voice, form.headline, form.case, False)

    def _put(self, key: tuple[str, ...], value: T, voice: str, headline: bool, cased: bool, unique: bool) -> None:
        table = self._cased if cased else self._plain
        bucket = table.setdefault(key[0], {})
        if key not in bucket:
            self._order[(cased, key)] = self.size
        entries = bucket.setdefault(key, [])
        self._plan = None
        if unique and any(v == value for v, _, _ in entries):
            return
        entries.append((value, voice, headline))
        self.size += 1
        lengths = self._lengths.setdefault(("C" if cased else "P") + key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def __len__(self) -> int:
        return self.size

    def __contains__(self, phrase: tuple[str, ...]) -> bool:
        return bool(phrase) and phrase in self._plain.get(phrase[0], {})

    def get(self, phrase: tuple[str, ...]) -> list[T]:
        return [v for v, _, _ in self._plain.get(phrase[0], {}).get(phrase, ())] if phrase else []

    # -- every match (pack sections) --------------------------------------------------------------
    def find_all(self: PhraseIndex[dict[str, Any]], tokens: list[Token],
                 free: frozenset[int] = frozenset()) -> list[PhraseMatch]:
        """Every match of a pack section's entries, overlapping allowed, in token order (at one
        position, longest first); ``free``: indexes of tokens a gap spans without counting them (a
        date expression's)."""
        return [PhraseMatch(start, end, value, voice, head, tail, headline)
                for start, end, value, voice, head, tail, headline in self.matches(tokens, free)]

    def matches(self, tokens: list[Token], free: frozenset[int] = frozenset()) -> Iterator[Match[T]]:
        """``find_all``'s matches as plain tuples: (start, end, value, voice, head end, tail start,
        headline). At one position, forms are tried longest first, then in the order they were
        added (a gap counts as one token)."""
        plain, cased = self.plan()
        lows = [t.lower for t in tokens]
        texts = [t.text for t in tokens] if cased else lows
        present: set[str] | None = None  # the sentence's words, once a gapped form needs them
        for i in range(len(tokens)):
            first = plain.get(lows[i])
            extra = cased.get(texts[i]) if cased else None
            if first is None and extra is None:
                continue
            for steps, words in ((first, lows), (extra, texts)):
                for key, n, gap, found in steps or ():
                    if gap < 0:
                        if words[i:i + n] == key:
                            for value, voice, headline in found:
                                yield i, i + n, value, voice, i + n, -1, headline
                        continue
                    form, value, words_needed = found
                    if present is None:
                        present = set(lows) | set(texts)
                    if not words_needed <= present:
                        continue  # a word the form needs is nowhere in the sentence
                    end = _match_from(tokens, i, form.tokens, 0, form.case, free)
                    if end is not None:
                        yield i, end, value, form.voice, i + gap, end - (n - gap - 1), form.headline

    def plan(self) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
        """What ``matches`` tries, built at the first match after a change (``Coder.prepare`` builds
        it before the compiled pack is kept on disk, so that it is loaded, not rebuilt)."""
        if self._plan is None:
            self._plan = self._build_plan()
        return self._plan

    def _build_plan(self) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
        """Per first token, what ``matches`` tries: (tokens, length, gap index or -1, the values
        of a form without a gap, or the (form, value) of one with a gap), longest form first."""
        out: tuple[dict[str, list[Any]], dict[str, list[Any]]] = ({}, {})
        for plan, table, gapped, cased in ((out[0], self._plain, self._gapped, False),
                                           (out[1], self._cased, self._gapped_cased, True)):
            for first in set(table) | set(gapped):
                steps: list[tuple[Any, ...]] = [(self._order[(cased, key)], list(key), len(key), -1, found)
                                                for key, found in table.get(first, {}).items()]
                steps += [(seq, list(form.tokens), len(form.tokens), form.gap_at,
                           (form, value, frozenset(form.tokens[1:]) - {GAP}))
                          for seq, form, value in gapped.get(first, ())]
                steps.sort(key=lambda s: (-s[2], s[0]))
                plan[first] = [s[1:] for s in steps]
        return out

    def find(self: PhraseIndex[dict[str, Any]], tokens: list[Token]) -> list[PhraseMatch]:
        """Non-overlapping matches, longest first (then leftmost)."""
        return select_longest(self.find_all(tokens))

    # -- the longest name at a position (actor and place finders) --------------------------------
    def starts(self, keys: SentenceKeys, upper: bool = False) -> list[int]:
        """Token positions where a phrase may start (all others can be skipped); with ``upper``,
        also every capitalised token."""
        plain, cased, low, text, clitic = self._plain, self._cased, keys.low, keys.text, keys.clitic
        return [i for i in range(keys.n)
                if low[i] in plain or text[i] in cased or clitic[i] or (upper and text[i][:1].isupper())]

    def longest(self, keys: SentenceKeys, i: int, limit: int | None = None) -> Hit[T] | None:
        """The longest phrase without a gap starting at token ``i`` (ending at or before ``limit``)."""
        if not (keys.low[i] in self._plain or keys.text[i] in self._cased or keys.clitic[i]):
            return None
        n = keys.n if limit is None else limit
        best: Hit[T] | None = None
        clitics = keys.clitic
        for table, words, bases, tag in ((self._plain, keys.low, keys.base, "P"),
                                         (self._cased, keys.text, keys.base_text, "C")):
            firsts = (words[i], bases[i]) if clitics[i] else (words[i],)
            for first in firsts:
                bucket = table.get(first)
                if bucket is None:
                    continue
                for length in self._lengths[tag + first]:
                    end = i + length
                    if end > n or (best is not None and length <= best.end - best.start):
                        continue
                    if length == 1:
                        found = bucket.get((first,))
                        clitic = first is not words[i] and first != words[i]
                    else:
                        key = tuple(words[i:end])
                        found = bucket.get(key)
                        clitic = False
                        if not found and clitics[end - 1]:
                            found = bucket.get((*key[:-1], bases[end - 1]))
                            clitic = True
                    if found:
                        best = Hit(i, end, tuple(v for v, _, _ in found), clitic)
                        break
        return best

    def scan(self, keys: SentenceKeys, capitalised: bool = False) -> Iterator[Hit[T]]:
        """Non-overlapping longest matches, left to right (only those starting with a capital)."""
        taken = 0
        text = keys.text
        for i in self.starts(keys):
            if i < taken or (capitalised and not text[i][:1].isupper()):
                continue
            hit = self.longest(keys, i)
            if hit is not None:
                yield hit
                taken = hit.end

    def entries(self) -> Iterator[tuple[Form, T]]:
        """Every (form, value) the index holds (names as literal forms), in the order they were added
        (the values of one phrase together, where it was first added)."""
        out: list[tuple[int, Form, T]] = []
        for table, cased in ((self._plain, False), (self._cased, True)):
            for bucket in table.values():
                for key, found in bucket.items():
                    seq = self._order[(cased, key)]
                    out += [(seq, Form(key, voice, cased, headline), value) for value, voice, headline in found]
        for gapped in (self._gapped, self._gapped_cased):
            for forms in gapped.values():
                out += forms
        out.sort(key=lambda e: e[0])
        for _, form, value in out:
            yield form, value


class MultiIndex:
    """Several named pack-section indexes matched in one pass over the tokens: one ``PhraseIndex``
    whose values are (section name, entry). ``find_all(tokens)`` returns ``{name: [PhraseMatch,
    ...]}``; it is what the coder runs per sentence, so the token loop is paid once for triggers,
    reporting verbs, cues and count words."""

    def __init__(self, named: dict[str, PhraseIndex[dict[str, Any]]]):
        self.names = list(named)
        self.index: PhraseIndex[tuple[str, dict[str, Any]]] = PhraseIndex()
        for name, index in named.items():
            for form, rec in index.entries():
                self.index.add_form(form, (name, rec))

    def find_all(self, tokens: list[Token], free: frozenset[int] = frozenset()) -> dict[str, list[PhraseMatch]]:
        out: dict[str, list[PhraseMatch]] = {name: [] for name in self.names}
        for start, end, (name, rec), voice, head, tail, headline in self.index.matches(tokens, free):
            out[name].append(PhraseMatch(start, end, rec, voice, head, tail, headline))
        return out


def select_longest(matches: list[PhraseMatch]) -> list[PhraseMatch]:
    if len(matches) < 2:  # nothing to choose between (most sections of most sentences)
        return list(matches)
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
