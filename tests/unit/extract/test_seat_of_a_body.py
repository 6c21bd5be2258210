"""A country after a locative that closes a noun phrase begun by another name is where that body
sits ("the UN mission in South Sudan", "Kedutaan Besar Jepang di Myanmar"): the body is the subject,
not the country it sits in (pack ``syntax.locatives``)."""

from __future__ import annotations

import pytest

import pantau


@pytest.mark.parametrize(("lang", "text", "code"), [
    ("en", "The UN mission in South Sudan urged both sides to let aid convoys through.", "UNO"),
    ("en", "The Japanese embassy in Myanmar called on the junta to free the detained journalist.", "JPN"),
    ("id", "Kedutaan Besar Jepang di Myanmar mendesak junta membebaskan wartawan yang ditahan.", "JPN"),
    ("id", "Misi PBB di Sudan Selatan meminta kedua pihak membuka jalur bantuan.", "UNO"),
])
def test_the_body_not_its_seat_is_the_subject(lang: str, text: str, code: str) -> None:
    doc = pantau.extract(text, lang=lang, published="2026-05-04")
    requests = [e for e in doc.events if e.event == "REQUEST"]
    assert requests and [a.code for a in requests[0].actor] == [code], [(e.event, e.actor) for e in doc.events]


def test_a_country_after_a_verb_is_still_the_subject() -> None:
    """"Fighting in Sudan ... Sudan's army urged": only a name that begins the phrase holds the seat."""
    doc = pantau.extract("After weeks of shelling in the north, Sudan urged the African Union to send observers.",
                         lang="en", published="2026-05-04")
    requests = [e for e in doc.events if e.event == "REQUEST"]
    assert requests and [a.code for a in requests[0].actor] == ["SDN"], [(e.event, e.actor) for e in doc.events]
