"""Indonesian pack, round two: vocabulary that decides who did what in domestic and foreign news.

Every sentence here is written for this test (not taken from an article or a gold file). Each test
names the pack entry it guards, so a failure says which part of the pack stopped working.
"""

from __future__ import annotations

from typing import Any

import pytest

import pantau
from pantau.evaluation import reduce_event

DATELINE = "Jayapura (ANTARA) - "  # a domestic dateline: generic groups take the document's country


def events(text: str) -> list[Any]:
    doc = pantau.extract(text, lang="id", published="2025-06-10")
    assert doc.rejected is None
    return [reduce_event(e.to_dict()) for e in doc.events]


def one(text: str, event: str) -> Any:
    found = [e for e in events(text) if e.event == event]
    assert found, f"no {event} in {text!r}"
    return found[0]


# (sentence, the code the subject of "mengecam" must get): acronyms, Indonesian names of foreign
# bodies, and a group whose backer stands in a relative clause
ACTORS = [
    ("KBRI Kuala Lumpur mengecam perlakuan terhadap pekerja migran.", "IDN"),
    ("Kejati Papua mengecam penyerangan terhadap jaksa.", "IDN"),
    ("Menko Polhukam mengecam penembakan terhadap warga sipil.", "IDN"),
    ("Brigade Al-Qassam mengecam serangan Israel di Khan Younis.", "PSE"),
    ("Jihad Islam mengecam serangan Israel ke Jenin.", "PSE"),
    ("Tentara Arakan mengecam serangan udara junta.", "MMR"),
    ("Polis Diraja Malaysia mengecam aksi penyelundupan itu.", "MYS"),
    ("Program Pangan Dunia mengecam blokade bantuan ke Gaza.", "UNO"),
    ("Pemberontak Houthi yang didukung Iran mengecam serangan Amerika Serikat.", "YEM"),
]


@pytest.mark.parametrize(("text", "code"), ACTORS)
def test_actor_codes(text: str, code: str) -> None:
    acc = one(text, "ACCUSE")
    assert code in acc.actor, (text, acc.actor)


def test_passive_killing_makes_the_victim_the_recipient() -> None:
    # no literal "tewas ditembak" entry: the di- passive puts the shooter after the verb
    ev = one(DATELINE + "Seorang anggota Brimob tewas ditembak KKB di Distrik Beoga.", "ASSAULT")
    assert set(ev.actor) == {"IDN"} and set(ev.recipient) == {"IDN"}
    assert ev.size.get("dead") == 1


def test_forced_dispersal_in_the_passive() -> None:
    ev = one(DATELINE + "Massa dibubarkan paksa oleh polisi di depan kantor gubernur.", "ASSAULT")
    assert ev.mode == "crowd-control"
    assert set(ev.actor) == {"IDN"} and set(ev.recipient) == {"IDN"}


def test_unknown_attackers_are_not_a_negation() -> None:
    ev = one(DATELINE + "Orang tak dikenal menembaki pos polisi di Kabupaten Puncak.", "ASSAULT")
    assert ev.modality == "asserted"


def test_protest_at_a_building_targets_its_body() -> None:
    ev = one(DATELINE + "Ratusan buruh berunjuk rasa di depan gedung DPRD Papua.", "PROTEST")
    assert set(ev.actor) == {"IDN"} and set(ev.recipient) == {"IDN"}


def test_dead_and_injured_counts_stay_apart() -> None:
    ev = one("Sedikitnya 9 warga Palestina tewas dan belasan lainnya terluka akibat serangan Israel di Gaza.",
             "ASSAULT")
    assert ev.size.get("dead") == 9
    assert ev.size.get("dead") != 11


def test_backed_by_is_no_support_event() -> None:
    got = events("Milisi yang didukung Iran menyerang pangkalan Amerika Serikat di Suriah timur.")
    assert not any(e.event == "SUPPORT" for e in got)


@pytest.mark.parametrize("text", [
    DATELINE + "Polisi menangkap tujuh orang yang diduga terlibat pembakaran kantor distrik.",
    DATELINE + "Sekelompok orang menyerang seorang petugas keamanan perusahaan di Timika.",
])
def test_unnamed_people_are_an_actor(text: str) -> None:
    got = events(text)
    assert any("IDN" in e.actor and "IDN" in e.recipient for e in got), got
