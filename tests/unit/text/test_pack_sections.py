"""Structural checks over every pack: the `numbers` and `dates` sections build, bad entries are
reported (not ignored), and every key the code reads is documented in its module docstring."""

from __future__ import annotations

from types import ModuleType

import pytest

from pantau.lang import Pack, available_tags, load_pack
from pantau.text import daterules, dates, numbers, segment


@pytest.mark.parametrize("tag", available_tags())
def test_every_pack_builds(tag: str) -> None:
    pack = load_pack(tag)
    assert numbers.check_numbers(pack) == []
    assert dates.check_dates(pack) == []
    segment.split_sentences("One. Two.", pack)


def _pack(sections: dict[str, object]) -> Pack:
    return Pack(tag="xx", name="Test", version="1", sections=dict(sections))


def test_bad_number_entries_are_reported() -> None:
    problems = numbers.check_numbers(_pack({"numbers": {
        "words": {"ten": "10", "dozen": "twelve"},
        "multipliers": {"hundred": "0"},
        "approximators": {"about": "1"},
        "vagueness": {"a few": "3"},
    }}))
    text = "\n".join(problems)
    assert "numbers.words.dozen" in text
    assert "numbers.multipliers.hundred" in text
    assert "numbers.approximators" in text
    assert "numbers.vagueness: unknown key" in text


def test_bad_date_entries_are_reported() -> None:
    problems = dates.check_dates(_pack({"dates": {
        "months": {"1": ["Jan"], "13": ["Smarch"]},
        "weekdays": {"0": ["Mon"]},
        "numeric_order": "ymd",
        "units": {"fortnight": ["fortnight"]},
        "weekday_names": ["Mon"],
    }}))
    text = "\n".join(problems)
    assert "'smarch' has month 13" in text
    assert "no name for month(s) [2, 3" in text
    assert "no name for day(s) [1, 2" in text
    assert "numeric_order" in text
    assert "dates.units.fortnight" in text
    assert "dates.weekday_names: unknown key" in text


def test_a_pack_without_the_sections_still_works() -> None:
    pack = _pack({})
    assert numbers.check_numbers(pack) == [] and dates.check_dates(pack) == []
    from pantau.text.tokens import tokenize

    assert [m.quantity.value for m in numbers.find_numbers(tokenize("12 and 6,500"), pack)] == [12, 6500]
    text = "on 17/11/2021"
    assert [d.date for d in dates.find_dates(text, 0, len(text), pack, None)] == ["2021-11-17"]


@pytest.mark.parametrize(("module", "keys"), [(numbers, numbers._KEYS), (dates, daterules.KEYS)])
def test_every_key_is_documented(module: ModuleType, keys: tuple[str, ...]) -> None:
    doc = module.__doc__ or ""
    for key in keys:
        assert f"``{key}``" in doc, f"{module.__name__} does not document the pack key {key!r}"
