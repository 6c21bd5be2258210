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
    ("id", "Kedutaan Besar Jepang di Yangon, Myanmar, mendesak junta membebaskan wartawan yang ditahan.", "JPN"),
    ("en", "The Japanese embassy in Yangon, Myanmar, called on the junta to free the detained journalist.", "JPN"),
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


def test_a_body_inside_a_place_phrase_is_not_the_subject() -> None:
    """"Students rallied in front of the National Parliament in Dili, Timor-Leste, rejecting ...":
    the parliament is where they stood; the rejection is the protest's demand, not parliament's."""
    doc = pantau.extract("Ratusan mahasiswa berdemonstrasi di depan Parlemen Nasional di Dili, Timor-Leste, Senin "
                         "(15/9/2025), menolak rencana pengadaan mobil dinas baru bagi anggota parlemen.",
                         lang="id", published="2025-09-16")
    assert not [e for e in doc.events if e.event == "REJECT" and any(a.sector == "LEG" for a in e.actor)], \
        [(e.event, e.actor) for e in doc.events]
