"""Near-duplicate articles: MinHash LSH (datasketch) over word shingles.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 3
THRESHOLD = 0.4
NUM_PERM = 128
MIN_SHINGLES = 8
# A text of fewer shingles than this is a brief (an event note, a headline with a line of text):
# such texts are written to a formula ("On 27 April 2024, protesters gathered in X ..."), so shared
# wording says nothing; a brief is a copy of another only when it names no number and no name that
# the other lacks. 60 shingles is about 60 words: every note of the project's ACLED-style gold is
# under 40, every article over 150.
SHORT_SHINGLES = 60
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


def jaccard(a: str, b: str, size: int = SHINGLE) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (for calibration and tests)."""
    sa, sb = shingles(a, size), shingles(b, size)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


@cache
def _template(num_perm: int) -> MinHash:
    """A MinHash whose permutations every signature shares (generating them per document is slow)."""
    return MinHash(num_perm=num_perm)


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash | None:
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    base = _template(num_perm)
    m = MinHash(num_perm=num_perm, permutations=base.permutations, scheme=base.scheme)
    m.update_batch([g.encode("utf-8") for g in grams])
    return m


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
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, Any] = {}  # key -> the signature's hash values (numpy array)
        self._briefs: dict[str, frozenset[str]] = {}  # key -> specifics, for short texts only

    def __len__(self) -> int:
        return len(self._sigs)

    def check(self, key: str, text: str) -> tuple[Match | None, MinHash | None]:
        m = minhash(text, self.num_perm)
        if m is None:
            return None, None
        mine = specifics(text) if len(shingles(text)) < SHORT_SHINGLES else None
        best: Match | None = None
        for other in self._lsh.query(m):
            sim = float(np.count_nonzero(m.hashvalues == self._sigs[other])) / self.num_perm
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
        if m is None or key in self._sigs:
            return
        self._lsh.insert(key, m)
        self._sigs[key] = m.hashvalues.copy()
        if text and len(shingles(text)) < SHORT_SHINGLES:
            self._briefs[key] = specifics(text)

    def check_and_add(self, key: str, text: str) -> Match | None:
        match, m = self.check(key, text)
        if match is None:
            self.add(key, m, text)
        return match
