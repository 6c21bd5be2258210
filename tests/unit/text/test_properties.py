"""Properties of numbers and dates on random text assembled from fragments: matches stay inside
their window, point at their own text, come in order and never overlap; nothing raises."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from pantau.lang import Pack
from pantau.text.dates import find_dateline, find_dates
from pantau.text.numbers import find_numbers
from pantau.text.tokens import tokenize

FRAGMENTS = [
    "sekitar", "lebih dari", "at least", "nearly", "dua", "belas", "ratus", "ribu", "hundred", "and",
    "twenty-one", "dozens", "of", "thousands", "puluhan", "ke-12", "6,500", "6.500", "2,86", "1.234,5",
    "17/11/2021", "(13/3)", "15.30", "13:05", "2021", "2002", "pada", "in", "Rabu", "Selasa", "lalu",
    "Monday", "last", "Oct", "Oct.", "13", "Maret", "March", "May", "may", "2025", "tahun", "year", "ago",
    "hari", "ini", "yesterday", "kemarin", "(", ")", ",", ".", "-", "Rp", "$", "14th", "of", "early",
    "awal", "Minggu", "minggu", "pekan", "WIB", "p.m.", "orang", "people", "Densus", "88", "©", "\n",
    "0", "00", "99/99/9999", "31", "February", "30,", "2099", "1899", "24-25", "9999999999999999",
]


def _random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 40)))


@pytest.mark.parametrize("seed", range(150))
def test_numbers_are_ordered_and_point_at_their_text(packs: dict[str, Pack], seed: int) -> None:
    rng = random.Random(seed)
    text = _random_text(rng)
    for pack in packs.values():
        tokens = tokenize(text)
        last = 0
        for m in find_numbers(tokens, pack):
            assert last <= m.tok_start < m.tok_end <= len(tokens)
            assert m.start == tokens[m.tok_start].start and m.end == tokens[m.tok_end - 1].end
            q = m.quantity
            assert q.value >= 0
            assert q.low is None or q.low <= q.value
            assert q.high is None or q.high >= q.value
            last = m.tok_end


@pytest.mark.parametrize("seed", range(150))
def test_dates_stay_in_their_window(packs: dict[str, Pack], seed: int) -> None:
    rng = random.Random(seed)
    text = _random_text(rng)
    start = rng.randint(0, len(text))
    end = rng.randint(start, len(text))
    published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
    for pack in packs.values():
        last = start
        for d in find_dates(text, start, end, pack, published):
            assert last <= d.start < d.end <= end
            assert text[d.start:d.end] == d.text
            assert d.precision in ("day", "month", "year")
            dt.date.fromisoformat(d.date + {"day": "", "month": "-01", "year": "-01-01"}[d.precision])
            last = d.end
        find_dateline(text, pack, published)
