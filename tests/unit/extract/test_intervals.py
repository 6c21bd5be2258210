"""Interval phrases (pack `intervals`): the event named right after "five weeks after" or "tiga
pekan setelah" is dated that long before the date it is measured from."""

from __future__ import annotations

import pantau


def dated(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    doc = pantau.extract(text, lang=lang, published="2026-05-06")
    return [(doc.text[e.trigger.start:e.trigger.end], e.date, e.date_precision) for e in doc.events]


def test_weeks_after_give_the_month_of_the_earlier_event() -> None:
    assert dated("Two paramilitary rangers were killed on Monday, two weeks after a roadside bomb killed two soldiers "
                 "in Rueso.", "en") == [("killed", "2026-05-04", "day"), ("roadside bomb", "2026-04", "month")]
    got = dated("Serangan di Ilaga pada Selasa (5/5) terjadi tiga pekan setelah TPNPB menyerang pos TNI di Sugapa.",
                "id")
    assert ("menyerang", "2026-04", "month") in got


def test_days_after_keep_the_day_and_a_stated_date_wins() -> None:
    assert ("stormed", "2026-05-02", "day") in dated(
        "Police said the attack on Tuesday came three days after gunmen stormed a prison in Zamfara.", "en")
    assert ("stormed", "2026-04-20", "day") in dated(
        "Police said the attack on Tuesday came three days after gunmen stormed a prison in Zamfara on April 20.", "en")


def test_a_phrase_at_the_start_measures_from_the_clause_after_it() -> None:
    """"Two days after that attack, AA troops seized a junta base on Monday": the attack is two days
    before the seizure, so the two are not one event."""
    got = dated("Dua hari setelah serangan itu, pasukan AA merebut sebuah pangkalan junta pada Senin (4/5).", "id")
    assert ("merebut sebuah pangkalan", "2026-05-04", "day") in got


def test_a_date_later_in_the_named_clause_is_its_own() -> None:
    got = dated("Protes itu digelar sepekan setelah polisi menangkap 12 mahasiswa di Makassar, Sulawesi Selatan, "
                "pada Senin (27/4).", "id")
    assert ("menangkap", "2026-04-27", "day") in got
