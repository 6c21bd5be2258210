"""Numbers that could be counts, read from tokens with the pack's ``numbers`` section.

``find_numbers(tokens, pack)`` returns every expression that could be a count of people or things,
with its token and character span and a ``model.Quantity``; ``parse_number(tokens, pack)`` reads a
whole token list as one number (no context filters).

Pack keys (section ``numbers``, an open mapping; every value a string):

``words``
    word or phrase → whole value: ``twelve: "12"``, ``sebelas: "11"``, ``seorang: "1"``, ``a dozen: "12"``.
``multipliers``
    word → factor: ``hundred``, ``thousand``, ``million``; ``puluh``, ``ratus``, ``ribu``, ``juta``.
    A factor below 1000 multiplies the part of the running number below it (``dua ratus lima puluh``
    = 200 + 5 × 10); 1000 and above close a group (``two hundred thousand``). After digits it scales
    them, decimals included: ``2 juta``, ``1,5 juta``, ``12 million``.
``teens``
    word → value added to the unit before it: ``belas: "10"`` makes ``dua belas`` 12.
``connectors``
    words allowed between number words (``one hundred and twenty``), never at the edges.
``articles``
    words that mean 1 before a multiplier (``a hundred``, ``a thousand``).
``ordinal_prefixes``
    prefixes of a token whose rest is a number, read as that count: ``ke-`` in ``ke-12 pasukannya``.
``approx_suffixes``
    suffixes of a number token that make it "N or so", read as at least N like a vague quantity:
    ``-an`` in ``1.000-an orang``, ``-odd`` in ``20-odd``. A round year (``1990-an``) is a decade, not a count.
``vague``
    phrase → lowest defensible value (ANNOTATION.md): ``dozens: "24"``, ``puluhan: "20"``, ``tens of
    thousands: "20000"``. Gives ``value = low``, ``high = None``, ``approx = True``. A vague word
    followed by a multiplier scales: ``ratusan ribu`` = 200 000.
``approximators``
    phrases before a number that make it approximate (``about``, ``sekitar``): ``approx = True``,
    ``low = high = None``.
``lower_bounds``
    ``more than``, ``at least``, ``lebih dari``, ``sedikitnya``: ``low = value``, ``high = None``, approx.
``upper_bounds``
    ``nearly``, ``up to``, ``hampir``: ``low = None``, ``high = value``, approx.
``none_phrases``
    phrases that say "none" around a number word: ``not a single``, ``tak seorang pun``,
    ``tidak ada satu pun``. The number inside is no count ("Tak seorang pun prajurit tewas").
``time_cues`` / ``time_suffixes``
    words before (``pukul``) or after (``p.m.``, ``WIB``) a number that make it a clock time.
``currency``
    markers before a number that make it money (``$``, ``Rp``).
``year_markers``
    tokens that make a bare four-digit number 1800–2099 within the next three tokens a year
    (``©`` in ``COPYRIGHT © ANTARA 2025``).

Rules (what is *not* returned, so that the coder only sees numbers that could be counts):

* Decimals (``2,86``, ``2.5``) unless a multiplier makes them whole (``1,5 juta``). Digit groups
  are thousands separators when every group after the first has exactly three digits and one
  separator is used (``6,500`` and ``6.500`` are 6500); anything else is a decimal.
* Clock times and dates written with ``:`` or ``/`` (``15:30``, ``17/11/2021``) and numbers
  glued to a word by a hyphen (``44-hari``, ``5-year-old``), except ordinal prefixes.
* Years: a bare four-digit number 1800–2099 after a word of the ``dates`` section's ``year_cues``
  (``in 2022``, ``pada 2002``), after a capitalised word or a closing bracket (``Piala AFF 2026``,
  ``(UNCLOS) 1982``), or shortly after a month name; a range of two such years (``2020-2022``).
* Digits glued to letters: ``12th``, ``10am``, ``5km``, and the tail of ``Rp1,5 miliar``.
* Names: bare digits right after a capitalised word and not followed by a lower-case word
  (``Densus 88 Antiteror``, ``CCG 5402,``). ``Resolution 2334 was`` is still returned, and "in Gaza
  20 Palestinians" is lost to this rule; it is rare in news prose, where the count follows a verb
  or a bound.
* Day numbers next to a month name (``13 Maret``, ``Oct 13``; month names come from the ``dates``
  section), clock times (``time_cues``, ``time_suffixes``) and money (``currency``).
* A digit range ``20-30`` gives ``value = low = 20``, ``high = 30``, approx.

Exact numbers have ``low = high = value`` and ``approx = False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import Pack
from ..lang.schema import NumbersSection
from ..model import Quantity
from .daterules import month_names, year_cues  # the dates section names months and year cues
from .tokens import Token, looks_like_headline, tokenize

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_RANGE = re.compile(r"(\d+(?:[.,]\d{3})*)-(\d+(?:[.,]\d{3})*)")
_YEAR_MIN, _YEAR_MAX = 1800, 2099
_MAX_CHARS = 24  # "999,999,999,999,999.99": longer digit strings are identifiers, not quantities
_GROUP = 1000  # multipliers from here on close a group ("two hundred thousand")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    tok_start: int
    tok_end: int
    quantity: Quantity


Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Grammar:
    words: dict[Phrase, int]
    multipliers: dict[str, int]
    teens: dict[str, int]
    connectors: frozenset[str]
    articles: frozenset[str]
    ordinal_prefixes: tuple[str, ...]
    approx_suffixes: tuple[str, ...]
    vague: dict[Phrase, int]
    year_cues: frozenset[str]
    time_cues: frozenset[str]
    time_suffixes: frozenset[str]
    currency: frozenset[str]
    year_markers: frozenset[str]
    months: frozenset[str]
    first: frozenset[str]  # first tokens of every phrase, to skip quickly
    index: dict[str, list[tuple[Phrase, str]]]  # first token → (phrase, kind), longest first


def _phrase(text: str) -> Phrase:
    return tuple(t.lower for t in tokenize(text))


def grammar(pack: Pack) -> _Grammar:
    """The pack's number grammar, built once (and kept with the compiled pack)."""
    return pack.cached("numbers.grammar", lambda: _build_grammar(pack))


def _build_grammar(pack: Pack) -> _Grammar:
    """The grammar of the pack's ``numbers`` section (``schema.NumbersSection``, checked when the
    pack loads)."""
    sec = pack.section(NumbersSection)
    words = {_phrase(k): v for k, v in (sec.words or {}).items()}
    vague = {_phrase(k): v for k, v in (sec.vague or {}).items()}
    multipliers = {k.lower(): v for k, v in (sec.multipliers or {}).items()}
    teens = {k.lower(): v for k, v in (sec.teens or {}).items()}

    def phrases(found: tuple[str, ...] | None) -> frozenset[Phrase]:
        return frozenset(_phrase(s) for s in found or ())

    def lowers(found: tuple[str, ...] | None) -> frozenset[str]:
        return frozenset(s.lower() for s in found or ())

    approximators, lower, upper = phrases(sec.approximators), phrases(sec.lower_bounds), phrases(sec.upper_bounds)
    nil = phrases(sec.none_phrases)  # "not a single", "tak seorang pun": the number in them is none
    simple = {"connectors": lowers(sec.connectors), "articles": lowers(sec.articles),
              "time_cues": lowers(sec.time_cues), "time_suffixes": lowers(sec.time_suffixes),
              "currency": lowers(sec.currency), "year_markers": lowers(sec.year_markers)}
    prefixes = tuple(s.lower() for s in sec.ordinal_prefixes or ())
    suffixes = tuple(s.lower() for s in sec.approx_suffixes or ())
    firsts = {p[0] for group in (words, vague, approximators, lower, upper, nil) for p in group if p}
    index: dict[str, list[tuple[Phrase, str]]] = {}
    for kind, group in (("word", words), ("vague", vague), ("lower", lower), ("upper", upper),
                        ("approx", approximators), ("none", nil)):
        for phrase in group:
            if phrase:
                index.setdefault(phrase[0], []).append((phrase, kind))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    g = _Grammar(
        words=words, multipliers=multipliers, teens=teens,
        connectors=simple["connectors"], articles=simple["articles"],
        ordinal_prefixes=prefixes, approx_suffixes=suffixes,
        vague=vague,
        year_cues=frozenset(year_cues(pack)), time_cues=simple["time_cues"],
        time_suffixes=simple["time_suffixes"], currency=simple["currency"],
        year_markers=simple["year_markers"], months=frozenset(month_names(pack)),
        first=frozenset(firsts), index=index,
    )
    return g


def _longest(g: _Grammar, tokens: list[Token], i: int, kinds: tuple[str, ...]) -> tuple[Phrase, str]:
    """The longest pack phrase of one of ``kinds`` that starts at token i: (phrase, kind), or ((), "")."""
    for phrase, kind in g.index.get(tokens[i].lower, ()):
        n = len(phrase)
        if kind in kinds and i + n <= len(tokens) and all(tokens[i + k].lower == phrase[k] for k in range(1, n)):
            return phrase, kind
    return (), ""


def parse_digits(text: str) -> int | float | None:
    """``6,500``/``6.500`` → 6500; ``2,86`` → 2.86; anything else that is not digits (or longer than
    ``_MAX_CHARS``) → None."""
    if len(text) > _MAX_CHARS or not _DIGITS.fullmatch(text):
        return None  # IDs, phone numbers and digit junk are no counts (and int() refuses huge strings)
    groups = re.split(r"[.,]", text)
    if len(groups) == 1:
        return int(text)
    seps = set(re.findall(r"[.,]", text))
    if len(seps) == 1 and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return int("".join(groups))
    if len(groups) == 2:
        return float(f"{groups[0]}.{groups[1]}")
    # "1.234,56" or "1,234.56": the last separator is the decimal one.
    last = max(text.rfind("."), text.rfind(","))
    whole = re.sub(r"[.,]", "", text[:last])
    return float(f"{whole}.{text[last + 1:]}")


@dataclass(slots=True)
class _Core:
    end: int  # token index after the number
    value: int
    low: int | None
    high: int | None
    approx: bool
    bare_digits: bool = False  # a single digit token with no separator (year candidate)


def _scale(g: _Grammar, tokens: list[Token], j: int, value: float) -> tuple[float, int]:
    """Apply multipliers after a number: ``2 juta``, ``5 ratus ribu``. Returns (value, next index)."""
    while j < len(tokens) and tokens[j].lower in g.multipliers:
        value *= g.multipliers[tokens[j].lower]
        j += 1
    return value, j


def _fits(current: int, value: int) -> bool:
    """Whether a word worth ``value`` continues ``current`` ("twenty one" yes, "two three" no)."""
    place = 10
    while place <= value:
        place *= 10
    return current % place == 0


def _words(g: _Grammar, tokens: list[Token], i: int) -> tuple[int, int] | None:
    """A run of number words from token i: (value, end index)."""
    total, current = 0, 0
    j, end, seen = i, i, False
    if tokens[i].lower in g.articles and i + 1 < len(tokens) and tokens[i + 1].lower in g.multipliers:
        current, j, seen = 1, i + 1, True  # "a hundred"
    while j < len(tokens):
        w = tokens[j].lower
        phrase, _ = _longest(g, tokens, j, ("word",))
        n = len(phrase)
        parts = w.split("-")
        if n:
            value = g.words[phrase]
            if seen and not _fits(current, value):
                break
            current += value
            j += n
        elif len(parts) > 1 and all((p,) in g.words for p in parts):
            value = sum(g.words[(p,)] for p in parts)  # twenty-one
            if seen and not _fits(current, value):
                break
            current += value
            j += 1
        elif seen and w in g.multipliers:
            m = g.multipliers[w]
            if m < _GROUP:
                current = current - current % m + (current % m or 1) * m
            else:
                total += (current or 1) * m
                current = 0
            j += 1
        elif seen and w in g.teens and current % 10:
            current += g.teens[w]
            j += 1
        elif seen and w in g.connectors and j + 1 < len(tokens) and (
                tokens[j + 1].lower in g.multipliers or (tokens[j + 1].lower,) in g.words):
            j += 1
            continue
        else:
            break
        seen, end = True, j
    if not seen or end == i:
        return None
    return total + current, end


def _core(g: _Grammar, tokens: list[Token], i: int) -> _Core | None:
    """The number that starts at token i (digits, words, vague phrase, ordinal), if any."""
    tok = tokens[i]
    low_text = tok.lower
    phrase, _ = _longest(g, tokens, i, ("vague",))
    n = len(phrase)
    if n:
        value = g.vague[phrase]
        scaled, j = _scale(g, tokens, i + n, value)
        v = int(scaled)
        return _Core(j, v, v, None, True)
    for prefix in g.ordinal_prefixes:
        if low_text.startswith(prefix) and len(low_text) > len(prefix):
            num = parse_digits(low_text[len(prefix):])
            if isinstance(num, int):
                return _Core(i + 1, num, num, num, False)
    for suffix in g.approx_suffixes:
        if low_text.endswith(suffix) and len(low_text) > len(suffix):
            num = parse_digits(low_text[:-len(suffix)])
            if isinstance(num, int) and not (_YEAR_MIN <= num <= _YEAR_MAX and num % 10 == 0):  # not "1990-an"
                scaled, j = _scale(g, tokens, i + 1, num)
                v = int(scaled)
                return _Core(j, v, v, None, True)
    if tok.text[:1].isdigit():
        rng = _RANGE.fullmatch(tok.text)
        if rng:
            a, b = parse_digits(rng.group(1)), parse_digits(rng.group(2))
            years = all(len(x) == 4 and _YEAR_MIN <= int(x) <= _YEAR_MAX for x in rng.groups())
            if isinstance(a, int) and isinstance(b, int) and a < b and not years:  # "2020-2022" are years
                return _Core(i + 1, a, a, b, True)
            return None
        num = parse_digits(tok.text)
        if num is None:
            return None
        scaled, j = _scale(g, tokens, i + 1, num)
        if j == i + 1 and isinstance(num, float):
            return None  # a decimal is not a count
        value = round(scaled)
        if abs(scaled - value) > 1e-6:
            return None
        return _Core(j, value, value, value, False, bare_digits=(j == i + 1 and tok.text.isdigit()))
    if low_text in g.first or low_text in g.articles or "-" in low_text:
        found = _words(g, tokens, i)
        if found is not None:
            value, j = found
            return _Core(j, value, value, value, False)
    return None


def _modifier(g: _Grammar, tokens: list[Token], i: int) -> tuple[int, str]:
    """A bound or approximator phrase at token i: (length, kind) with kind lower/upper/approx."""
    phrase, kind = _longest(g, tokens, i, ("lower", "upper", "approx"))
    return len(phrase), kind


def _quantity(core: _Core, kind: str) -> Quantity:
    if kind == "lower":
        return Quantity(core.value, core.value, None, True)
    if kind == "upper":
        return Quantity(core.value, None, core.value, True)
    if kind == "approx":
        vague = core.high is None
        return Quantity(core.value, core.low if vague else None, None, True)
    return Quantity(core.value, core.low, core.high, core.approx)


def _is_month(g: _Grammar, tokens: list[Token], k: int) -> bool:
    return 0 <= k < len(tokens) and tokens[k].lower in g.months


def _glued(tokens: list[Token], a: int, b: int) -> bool:
    """Whether tokens a and b both exist and touch (no space between them)."""
    return a >= 0 and b < len(tokens) and tokens[a].end == tokens[b].start


def _is_name_part(tok: Token, g: _Grammar) -> bool:
    """A capitalised word that is not itself part of a number expression."""
    return tok.text[:1].isupper() and tok.text.replace("-", "").isalpha() and tok.lower not in g.first \
        and tok.lower not in g.articles


def _not_a_count(g: _Grammar, tokens: list[Token], i: int, core: _Core, headline: bool = False) -> bool:
    tok = tokens[i]
    prev = tokens[i - 1].lower if i > 0 else ""
    nxt = tokens[core.end].lower if core.end < len(tokens) else ""
    if tok.text[:1].isdigit():
        if prev in g.currency or prev in g.time_cues or nxt in g.time_suffixes:
            return True
        if _glued(tokens, i, i + 1) and tokens[i + 1].text[:1].isalpha():
            return True  # "12th", "10am", "5km"
        if i >= 2 and tokens[i - 1].text in ",." and _glued(tokens, i - 1, i) and _glued(tokens, i - 2, i - 1) \
                and tokens[i - 2].text[-1:].isdigit():
            return True  # the tail of a glued token: "Rp1,5 miliar" is "Rp1" "," "5 miliar"
        if core.bare_digits or core.end == i + 1:
            if _is_month(g, tokens, i - 1) or _is_month(g, tokens, core.end) or (
                    i >= 2 and tokens[i - 1].text == "." and _is_month(g, tokens, i - 2)):
                return True
            if core.bare_digits and _YEAR_MIN <= core.value <= _YEAR_MAX and len(tok.text) == 4 and (
                    prev in g.year_cues or prev == ")" or (i > 1 and _is_name_part(tokens[i - 1], g))
                    or (i == 1 and tokens[0].text.isupper() and len(tokens[0].text) > 1)
                    or any(_is_month(g, tokens, k) or tokens[k].lower in g.year_markers
                           for k in range(max(0, i - 3), i))):
                return True  # "in 2022", "AFF 2026", "(UNCLOS) 1982", "Maret ... 2025"
            if core.bare_digits and i > 0 and _is_name_part(tokens[i - 1], g) and not headline and not (
                    core.end < len(tokens) and tokens[core.end].text[:1].islower()):
                return True  # "Densus 88"; in a title-case headline every word is capitalised
    return False


def find_numbers(tokens: list[Token], pack: Pack) -> list[NumberMatch]:
    """Every expression in ``tokens`` that could be a count, left to right, not overlapping."""
    g = grammar(pack)
    out: list[NumberMatch] = []
    headline = looks_like_headline(tokens)
    first, articles = g.first, g.articles
    i = 0
    while i < len(tokens):
        low = tokens[i].lower
        if (low.isalpha() or len(low) == 1 and not low.isdigit()) and low not in first and low not in articles:
            i += 1  # a plain word or a punctuation mark that starts no number phrase: no count starts here
            continue
        nil, _ = _longest(g, tokens, i, ("none",))
        if nil:
            i += len(nil)  # "tidak ada satu pun", "not a single": no count
            continue
        n, kind = _modifier(g, tokens, i)
        j = i + n
        core = _core(g, tokens, j) if j < len(tokens) else None
        if core is None and n:
            j, kind = i, ""
            core = _core(g, tokens, i)
        if core is None:
            i += 1
            continue
        if _not_a_count(g, tokens, j, core, headline):
            i = core.end
            continue
        out.append(NumberMatch(tokens[i].start, tokens[core.end - 1].end, i, core.end, _quantity(core, kind)))
        i = core.end
    return out


def parse_number(tokens: list[Token], pack: Pack) -> Quantity | None:
    """The whole token list read as one number (with any leading bound), or None."""
    if not tokens:
        return None
    g = grammar(pack)
    n, kind = _modifier(g, tokens, 0)
    core = _core(g, tokens, n) if n < len(tokens) else None
    if core is None and n:
        n, kind = 0, ""
        core = _core(g, tokens, 0)
    if core is None or core.end != len(tokens):
        return None
    return _quantity(core, kind)
