"""Structural checks over every pack: the `numbers` and `dates` sections build, bad entries are
reported when the pack loads (not ignored, not left to the module that reads them), and every key
the schema defines for them is documented in the module that reads it."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from pantau.errors import PackError
from pantau.lang import Pack, available_tags, load_pack
from pantau.lang.loader import load_pack_from
from pantau.lang.schema import DatesSection, Entry, NumbersSection, validate_section
from pantau.text import dates, numbers, segment
from pantau.text.tokens import tokenize


@pytest.mark.parametrize("tag", available_tags())
def test_every_pack_builds(tag: str) -> None:
    pack = load_pack(tag)
    assert isinstance(pack.mapping("numbers"), NumbersSection) and isinstance(pack.mapping("dates"), DatesSection)
    assert numbers.find_numbers(tokenize("12 and 6,500"), pack)
    segment.split_sentences("One. Two.", pack)


def _problems(section: str, value: dict[str, object]) -> str:
    problems: list[str] = []
    validate_section(section, value, f"xx/p.yaml:{section}", problems)
    return "\n".join(problems)


def test_bad_number_entries_are_reported() -> None:
    text = _problems("numbers", {
        "words": {"ten": "10", "dozen": "twelve"},
        "multipliers": {"hundred": "0"},
        "approximators": {"about": "1"},
        "vagueness": {"a few": "3"},
    })
    assert "numbers.words.dozen: 'twelve' is not a whole number" in text
    assert "numbers.multipliers.hundred: must be above zero" in text
    assert "numbers.approximators: expected a list of strings" in text
    assert "numbers: unknown field 'vagueness'" in text


def test_bad_date_entries_are_reported() -> None:
    text = _problems("dates", {
        "months": {"1": ["Jan"], "13": ["Smarch"]},
        "weekdays": {"0": ["Mon"]},
        "numeric_order": "ymd",
        "units": {"fortnight": ["fortnight"]},
        "weekday_names": ["Mon"],
    })
    assert "dates.months.13: out of range (1 to 12)" in text
    assert "no name for month(s) [2, 3" in text
    assert "no name for day(s) [1, 2" in text
    assert "dates.numeric_order: 'ymd' is not allowed" in text
    assert "dates.units: 'fortnight' is not allowed" in text
    assert "dates: unknown field 'weekday_names'" in text


def test_a_bad_section_stops_the_pack_loading(tmp_path: Path) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "meta.yaml").write_text("meta: {tag: xx, name: Test, version: '1'}\n", encoding="utf-8")
    (tmp_path / "xx" / "dates.yaml").write_text("dates:\n  weekdays: {'7': [Caturday]}\n", encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack_from(tmp_path, "xx")
    assert "xx/dates.yaml:dates.weekdays.7: out of range (0 to 6)" in str(err.value)


def test_a_pack_without_the_sections_still_works() -> None:
    pack = Pack(tag="xx", name="Test", version="1", sections={})
    assert isinstance(pack.mapping("dates"), Entry) and not pack.mapping("dates")
    assert [m.quantity.value for m in numbers.find_numbers(tokenize("12 and 6,500"), pack)] == [12, 6500]
    text = "on 17/11/2021"
    assert [d.date for d in dates.find_dates(text, 0, len(text), pack, None)] == ["2021-11-17"]


@pytest.mark.parametrize(("module", "section"), [(numbers, NumbersSection), (dates, DatesSection)])
def test_every_key_is_documented(module: ModuleType, section: type[Entry]) -> None:
    doc = module.__doc__ or ""
    for key in section.spec():
        assert f"``{key}``" in doc, f"{module.__name__} does not document the pack key {key!r}"
