"""An event noun with a demonstrative ("baku tembak tersebut", "this attack") points back at the
event told before it, however many sentences back: one event, with the later speaker's claim."""

from __future__ import annotations

import pantau

FIREFIGHT = (
    "Kontak tembak antara prajurit TNI dan kelompok bersenjata pecah di Distrik Kiwirok, Kabupaten "
    "Pegunungan Bintang, Kamis (3/7). Kepala Penerangan Kodam mengatakan prajurit diserang saat "
    "berpatroli di sekitar kampung. Prajurit kemudian membalas tembakan. Satu prajurit dievakuasi ke "
    "rumah sakit di Jayapura. Warga kampung memilih mengungsi ke gereja. Pemerintah kabupaten mengirim "
    "bahan makanan ke gereja itu. Sekolah di distrik tersebut ditutup sementara. Juru bicara kelompok "
    "bersenjata mengklaim pasukannya menewaskan dua prajurit dalam baku tembak tersebut.")


def _assaults(text: str, lang: str) -> list[pantau.Event]:
    doc = pantau.extract(text, lang=lang, published="2025-07-04")
    return [e for e in doc.events if e.event == "ASSAULT"]


def test_a_firefight_named_again_with_a_demonstrative_is_one_event() -> None:
    fights = [e for e in _assaults(FIREFIGHT, "id") if e.date == "2025-07-03"]
    triggers = [FIREFIGHT[e.trigger.start:e.trigger.end] for e in fights]
    assert "baku tembak" not in triggers, triggers
    assert fights and any(dict(e.size).get("dead") for e in fights), [(t, e.size) for t, e in zip(triggers, fights, strict=True)]


def test_this_attack_keeps_the_other_sides_figure_as_its_claim() -> None:
    text = ("Gunmen attacked a police station in Zamfara state on Monday, killing four officers. Residents fled "
            "to nearby villages. The state governor ordered schools closed. Aid groups sent food to the displaced "
            "families. Markets stayed shut on Tuesday. The local council met in emergency session. A spokesman "
            "for the bandits told reporters on Wednesday that the group had killed six officers in this attack.")
    attacks = _assaults(text, "en")
    assert len(attacks) == 1, [(text[e.trigger.start:e.trigger.end], e.size) for e in attacks]
    assert dict(attacks[0].size)["dead"].value == 4
    assert [dict(c.size)["dead"].value for c in attacks[0].claims if dict(c.size).get("dead")] == [6]
