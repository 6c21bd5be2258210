"""Near-duplicate articles: MinHash LSH over word shingles.

A document's text is lower-cased and split into word tokens (``\\w+``, any script); its
*shingles* are the overlapping runs of ``SHINGLE`` tokens. Two articles whose shingle sets have a
Jaccard similarity of at least ``THRESHOLD`` are near-duplicates: syndicated copies, a wire story
republished with another headline, intro or footer.

Calibration (``tests/unit/ingest/test_ingest_dedup_calibration.py`` re-measures it on every run,
and docs/ingest.md records it): positives are the ``-syndicated`` copies of
``examples/articles.jsonl`` with their originals plus a syndication-style edit of every article
(new intro line, first and last paragraphs dropped, a footer added); negatives are all pairs of
different articles, including the groups written about the same event, which share names,
places and numbers. On 26 articles, 3-word shingles gave negatives <= 0.03 and positives >= 0.80
(2-word shingles push same-event negatives to 0.07). 0.4 sits in that gap with room for heavier
rewrites, and MinHash's error at 128 permutations (about +/- 0.05) cannot cross it. Texts with
fewer than ``MIN_SHINGLES`` shingles are too short to judge and are only compared exactly.

MinHash and the banded LSH index are written here in numpy (the scheme of Broder 1997 and of
Leskovec, Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3): the usual library pulls in
scipy to choose its bands, a second of start-up for every process.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

SHINGLE = 3
THRESHOLD = 0.4
NUM_PERM = 128
MIN_SHINGLES = 8
CHUNK_SHINGLES = 8_192  # shingles hashed at once: 128 x 8,192 values of 8 bytes, 8 MB
# A text of fewer shingles than this is a brief (an event note, a headline with a line of text):
# such texts are written to a formula ("On 27 April 2024, protesters gathered in X ..."), so shared
# wording says nothing; a brief is a copy of another only when it names no number and no name that
# the other lacks. 60 shingles is about 60 words: every note of the project's ACLED-style gold is
# under 40, every article over 150.
SHORT_SHINGLES = 60
BUCKET_SCAN = 50  # candidates taken from one LSH bucket, the most recent (see BandIndex.query)
_WORD = re.compile(r"\w+")
_SPECIFIC = re.compile(r"\d+|\b[^\W\d_][^\W_]*\b")


def specifics(text: str) -> frozenset[str]:
    """Numbers and capitalised words after the first word: the dates, counts, places and names a
    formula is filled with."""
    words = _SPECIFIC.findall(text)
    return frozenset(w for k, w in enumerate(words) if w.isdigit() or (k and w[:1].isupper()))


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def shingle_chunks(text: str, size: int = SHINGLE, chunk: int = CHUNK_SHINGLES) -> Iterator[set[str]]:
    """``shingles(text)`` a few at a time, sets of at most ``chunk`` (a shingle may come again in a
    later set): their union is the text's shingle set, which a 40 MB dump of millions of words
    never has to hold, nor its list of words."""
    window: deque[str] = deque(maxlen=size)
    out: set[str] = set()
    for word in _WORD.finditer(text.lower()):
        window.append(word.group())
        if len(window) == size:
            out.add(" ".join(window))
            if len(out) >= chunk:
                yield out
                out = set()
    if len(window) < size and window:
        out.add(" ".join(window))  # fewer words than a shingle: the words are its one shingle
    if out:
        yield out


def fewer_shingles(text: str, n: int) -> bool:
    """Whether the text has fewer than ``n`` distinct shingles (read only as far as the ``n``th)."""
    seen: set[str] = set()
    for part in shingle_chunks(text, chunk=n):
        seen |= part
        if len(seen) >= n:
            return False
    return True


def jaccard(a: str, b: str, size: int = SHINGLE) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (for calibration and tests)."""
    sa, sb = shingles(a, size), shingles(b, size)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


_PRIME = (1 << 61) - 1  # a Mersenne prime above every 32-bit shingle hash
_MAX_HASH = (1 << 32) - 1
_SEED = 1


class MinHash:
    """A document's signature: for each of ``num_perm`` random hash functions
    ``(a * h + b) mod p``, the least value over the hashes ``h`` of its shingles. The share of
    equal positions in two signatures estimates the Jaccard similarity of the shingle sets."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: np.ndarray):
        self.hashvalues = hashvalues

    @classmethod
    def of(cls, grams: set[str], num_perm: int = NUM_PERM) -> MinHash:
        return cls.of_parts((grams,), num_perm)

    @classmethod
    def of_parts(cls, parts: Iterable[set[str]], num_perm: int = NUM_PERM) -> MinHash:
        """The signature of the union of ``parts``, sets of shingles (``shingle_chunks``): each is
        hashed alone, so memory holds ``num_perm`` values per shingle of one set, never of all."""
        import numpy as np  # imported by the first signature: a run of one document never needs it

        a, b = _permutations(num_perm)
        least = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        for part in parts:
            h = np.fromiter((int.from_bytes(hashlib.sha1(g.encode("utf-8")).digest()[:4], "little") for g in part),
                            dtype=np.uint64, count=len(part))
            # uint64 arithmetic wraps; the values stay a fixed function of the shingle, which is
            # all MinHash needs
            values = np.bitwise_and((np.outer(a, h) + b[:, None]) % _PRIME, _MAX_HASH)
            np.minimum(least, values.min(axis=1), out=least)
        return cls(least)

    def jaccard(self, other: np.ndarray) -> float:
        import numpy as np

        return float(np.count_nonzero(self.hashvalues == other)) / len(self.hashvalues)


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The hash functions every signature shares, from a fixed seed: the same in every process."""
    import numpy as np

    rng = np.random.RandomState(_SEED)
    a = rng.randint(1, _PRIME, size=num_perm, dtype=np.uint64)
    b = rng.randint(0, _PRIME, size=num_perm, dtype=np.uint64)
    return a, b


def _integral(f: Any, lo: float, hi: float, steps: int = 64) -> float:
    """Simpson's rule: enough for the smooth curves below."""
    if hi <= lo:
        return 0.0
    h = (hi - lo) / steps
    total = f(lo) + f(hi) + sum((4 if k % 2 else 2) * f(lo + k * h) for k in range(1, steps))
    return total * h / 3


@cache
def bands_for(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands * rows <= num_perm`` whose candidate curve
    ``1 - (1 - s**rows) ** bands`` best separates similarities under and over ``threshold``: the
    least sum of the areas of false positives below it and false negatives above it."""
    best = (1.0, 1, num_perm)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            def p(s: float, r: int = rows, k: int = bands) -> float:
                return 1 - (1 - s ** r) ** k
            error = 0.5 * _integral(p, 0.0, threshold) + 0.5 * _integral(lambda s: 1 - p(s), threshold, 1.0)
            if error < best[0]:
                best = (error, bands, rows)
    return best[1], best[2]


@lru_cache(maxsize=1024)
def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash | None:
    """The text's signature, or None when it is too short to judge. Kept for the last documents:
    an ingest asks for one document's signature three times (the run's index, the store's copies,
    the keys it stores) and computes it once."""
    if fewer_shingles(text, MIN_SHINGLES):
        return None
    return MinHash.of_parts(shingle_chunks(text), num_perm)


class BandIndex:
    """Locality-sensitive hashing: a signature cut into bands of rows; two documents are
    candidates when any band is equal."""

    def __init__(self, threshold: float, num_perm: int):
        self.threshold, self.num_perm = threshold, num_perm
        self.rows = 0
        self._tables: list[dict[bytes, list[str]]] = []  # one per band, made at the first insert

    def _keys(self, m: MinHash) -> list[bytes]:
        r = self.rows
        return [m.hashvalues[k * r:(k + 1) * r].tobytes() for k in range(len(self._tables))]

    def insert(self, key: str, m: MinHash) -> None:
        if not self._tables:
            bands, self.rows = bands_for(self.threshold, self.num_perm)
            self._tables = [{} for _ in range(bands)]
        for table, band in zip(self._tables, self._keys(m), strict=True):
            table.setdefault(band, []).append(key)

    def query(self, m: MinHash) -> list[str]:
        """Documents sharing a band with ``m``: from each band's bucket the ``BUCKET_SCAN`` most
        recent. A bucket that large holds formulaic text (10,000 notes "Police arrested N
        protesters in ..."): comparing every new note with all earlier ones would make a stream
        quadratic, and a copy is found among the recent ones."""
        found: dict[str, None] = {}
        for table, band in zip(self._tables, self._keys(m), strict=True):
            for key in table.get(band, ())[-BUCKET_SCAN:]:
                found[key] = None
        return list(found)


@dataclass(frozen=True, slots=True)
class Match:
    original: str
    similarity: float


class NearDuplicateIndex:
    """Documents seen so far; ``check_and_add`` returns the best earlier near-duplicate, if any.

    Memory per document is the LSH band keys plus a compact signature (about 1.5 KB), so an
    index of 100,000 articles stays near 150 MB.
    """

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = BandIndex(threshold, num_perm)
        self._sigs: dict[str, Any] = {}  # key -> the signature's hash values (numpy array)
        self._briefs: dict[str, frozenset[str]] = {}  # key -> specifics, for short texts only
        # the first document, kept as text until a second one comes: it can copy nothing, and a
        # run of one document then never computes a signature (nor imports numpy)
        self._first: tuple[str, str] | None = None

    def __len__(self) -> int:
        self._settle()
        return len(self._sigs)

    def _settle(self) -> None:
        if self._first is not None:
            key, text = self._first
            self._first = None
            self.add(key, minhash(text, self.num_perm), text)

    def check(self, key: str, text: str) -> tuple[Match | None, MinHash | None]:
        self._settle()
        m = minhash(text, self.num_perm)
        if m is None:
            return None, None
        mine = specifics(text) if fewer_shingles(text, SHORT_SHINGLES) else None
        best: Match | None = None
        for other in self._lsh.query(m):
            sim = m.jaccard(self._sigs[other])
            theirs = self._briefs.get(other)
            if mine is not None or theirs is not None:
                # briefs: the shorter's numbers and names must all stand in the other
                a, b = mine or specifics(text), theirs if theirs is not None else frozenset()
                if not (a <= b or b <= a):
                    continue
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = Match(other, sim)
        return best, m

    def add(self, key: str, m: MinHash | None, text: str = "") -> None:
        self._settle()
        if m is None or key in self._sigs:
            return
        self._lsh.insert(key, m)
        self._sigs[key] = m.hashvalues.copy()
        if text and fewer_shingles(text, SHORT_SHINGLES):
            self._briefs[key] = specifics(text)

    def check_and_add(self, key: str, text: str) -> Match | None:
        if not self._sigs and self._first is None:
            self._first = (key, text)
            return None
        match, m = self.check(key, text)
        if match is None:
            self.add(key, m, text)
        return match


def band_keys(text: str, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> list[str]:
    """The LSH band keys of a text (hex), as ``BandIndex`` files it: what a store keeps to find
    near-duplicates of later documents. Empty for a text too short to judge."""
    m = minhash(text, num_perm)
    if m is None:
        return []
    bands, rows = bands_for(threshold, num_perm)
    return [f"{k}:{m.hashvalues[k * rows:(k + 1) * rows].tobytes().hex()}" for k in range(bands)]
