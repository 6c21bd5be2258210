"""A mention dropped for naming no party hands the date standing by it to the event of its type
it names again, within one clause; a date across a comma stays where it is."""

from __future__ import annotations

import pantau


def dates(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    doc = pantau.extract(text, lang=lang, published="2026-05-06")
    return [(e.event, e.date, e.date_precision) for e in doc.events]


def test_a_second_name_of_the_act_gives_its_date() -> None:
    assert dates("Warga Morowali ditembaki gas air mata bulan lalu.", "id") == [("ASSAULT", "2026-04", "month")]
    assert dates("Militer Myanmar merebut kekuasaan melalui kudeta pada Februari 2021.", "id") == [
        ("COERCE", "2021-02", "month")]
    assert dates("The junta, which seized power in a coup in September 2022, rarely communicates about losses.",
                 "en") == [("COERCE", "2022-09", "month")]


def test_a_date_across_a_comma_is_not_handed_over() -> None:
    assert dates("Kenyan students took to the streets in Nairobi, the anniversary of a 1990 uprising, to demand "
                 "reforms.", "en") == [("PROTEST", "2026-05-06", "published")]
