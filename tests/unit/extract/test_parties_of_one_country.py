"""Inside one country the parties are told apart by their kind of actor (ontology `sector_kinds`):
the army attacked by a rebel group is a target both times it is named, not a role reversal; the
army's and the rebels' accounts stay two versions; "the group" never stands for the army."""

from __future__ import annotations

import pantau


def _assaults(text: str, lang: str) -> list[pantau.Event]:
    return [e for e in pantau.extract(text, lang=lang, published="2026-04-16").events if e.event == "ASSAULT"]


def test_one_attack_told_from_the_attacker_then_the_target() -> None:
    text = ("Jumlah prajurit TNI yang gugur akibat penembakan oleh TPNPB di Kabupaten Puncak, Papua Tengah, "
            "bertambah menjadi tiga orang. Satu prajurit meninggal saat dirawat di rumah sakit, Rabu (15/4) malam.\n\n"
            "Pos TNI di Distrik Gome diserang kelompok bersenjata sekitar pukul 05.00 WIT.")
    assert len(_assaults(text, "id")) == 1, [(e.trigger_text, e.actor, e.recipient) for e in _assaults(text, "id")]


def test_the_army_and_the_rebels_keep_their_own_versions() -> None:
    text = ("M23 rebels said on Tuesday that government drones had bombed their positions near Minembwe, a rebel "
            "spokesman said. The army's spokesman said the rebels had launched an offensive on army positions at dawn.")
    triggers = [e.trigger_text for e in _assaults(text, "en")]
    assert len(triggers) == 2, triggers


def test_the_group_is_not_the_army_named_before() -> None:
    text = ("ELN mengklaim serangan itu sebagai respons atas operasi militer di Catatumbo. Kelompok itu juga "
            "menuduh tentara Kolombia bekerja sama dengan kelompok pembangkang.")
    doc = pantau.extract(text, lang="id", published="2026-03-03")
    accusations = [e for e in doc.events if e.event == "ACCUSE"]
    assert accusations and [a.sector for a in accusations[0].actor] == ["REB"], [(e.event, e.actor) for e in doc.events]
