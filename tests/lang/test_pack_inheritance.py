"""A pack that inherits another (`meta.inherit`) extends its record sections and replaces only the
mapping keys it sets: Malay extends Indonesian.

Indonesian vocabulary still works under `ms` (the Indonesian examples run under `ms` too); here,
the merged sections themselves, Malay vocabulary that must not leak into `id` (an `id` example
cannot say so: `ms` inherits it), and the `dates` and `numbers` keys Malay replaces while
Indonesian spellings are still read. Phrases are written for these tests, not taken from any
article or gold file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pantau.lang import load_pack
from pantau.lang.phrases import PhraseIndex
from pantau.text.dates import find_dates
from pantau.text.numbers import parse_number
from pantau.text.tokens import tokenize


@pytest.fixture(scope="module")
def ms() -> Any:
    return load_pack("ms")


def test_ms_inherits_indonesian(ms: Any) -> None:
    ident = load_pack("id")
    assert ms.mapping("meta")["inherit"] == "id"
    assert "id" in ms.mapping("meta")["close_languages"]
    # record sections extend the parent's: every Indonesian trigger is still there, and more
    assert len(ms.records("events")) > len(ident.records("events"))
    assert ms.records("events")[: len(ident.records("events"))] == ident.records("events")
    # mapping sections keep the parent's keys that Malay does not set
    assert ms.mapping("morphology") == ident.mapping("morphology")
    assert ms.mapping("syntax")["modifier_position"] == ident.mapping("syntax")["modifier_position"]
    assert "bahawa" in ms.mapping("syntax")["complementisers"]
    assert "bahawa" not in ident.mapping("syntax")["complementisers"]


def test_malay_words_do_not_leak_into_indonesian() -> None:
    ident = load_pack("id")
    index = PhraseIndex.of(ident.records("events"), ident)
    assert not any(m.record["event"] == "REQUEST" for m in index.find(tokenize("Malaysia menggesa China.")))


@pytest.mark.parametrize(("text", "iso"), [
    ("pada Khamis lepas", "2026-03-05"),      # published Tuesday 10 March 2026
    ("semalam", "2026-03-09"),
    ("pada 12 Ogos 2025", "2025-08-12"),
    ("pada 3 Disember 2025", "2025-12-03"),
    ("pada 17 Mac", "2026-03-17"),            # a week ahead: an announced date
    ("pada 13 Maret 2025", "2025-03-13"),     # Indonesian spelling still read
    ("pada Ahad", "2026-03-08"),
    ("tahun lepas", "2025"),
    ("bulan lepas", "2026-02"),
])
def test_malay_dates(ms: Any, text: str, iso: str) -> None:
    found = find_dates(text, 0, len(text), ms, dt.date(2026, 3, 10))
    assert [d.date for d in found] == [iso]


def test_minggu_is_a_week_in_malay(ms: Any) -> None:
    text = "Minggu lepas tentera menyerang kampung itu."
    found = find_dates(text, 0, len(text), ms, dt.date(2026, 3, 10))
    assert [(d.date, d.precision) for d in found] == [("2026-03", "month")]
    # while Indonesian reads the capitalised word as Sunday
    ident = load_pack("id")
    text_id = "Pada Minggu tentara menyerang desa itu."
    assert [d.precision for d in find_dates(text_id, 0, len(text_id), ident, dt.date(2026, 3, 10))] == ["day"]


@pytest.mark.parametrize(("text", "value", "approx"), [
    ("lapan", 8, False),
    ("delapan", 8, False),
    ("berpuluh-puluh", 20, True),
    ("lebih daripada 300", 300, True),
    ("dianggarkan 1,500", 1500, True),
    ("dua bilion", 2_000_000_000, False),
])
def test_malay_numbers(ms: Any, text: str, value: int, approx: bool) -> None:
    q = parse_number(tokenize(text), ms)
    assert q is not None and q.value == value and q.approx == approx
