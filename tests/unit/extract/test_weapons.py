"""Weapon nouns are a class in the packs (`weapons`): an attack told with one in its clause takes its
mode, and a chemical agent makes any attack a chemical one."""

from __future__ import annotations

import pantau


def _assaults(text: str, lang: str) -> list[pantau.Event]:
    return [e for e in pantau.extract(text, lang=lang, published="2025-03-24").events if e.event == "ASSAULT"]


def test_a_weapon_in_the_clause_gives_a_modeless_attack_its_mode() -> None:
    for text, lang, mode in (("Assailants attacked a bus station in Kananga with machetes on Sunday, killing four.", "en",
                              "primitive"),
                             ("Kelompok bersenjata menyerang pos polisi di Kiwirok dengan mortir, Minggu (23/3).", "id",
                              "heavy-weapons")):
        assert [e.mode for e in _assaults(text, lang)] == [mode], (text, [(e.trigger_text, e.mode) for e in _assaults(text, lang)])


def test_a_chemical_agent_makes_an_air_strike_a_chemical_attack() -> None:
    for text, lang in (("Army helicopters dropped a barrel bomb containing chlorine on a village near Idlib on Friday.", "en"),
                       ("Bom berisi gas beracun yang dijatuhkan jet tempur militer jatuh di sebuah desa di Sagaing, "
                        "Jumat (21/3).", "id")):
        attacks = _assaults(text, lang)
        assert attacks and attacks[0].mode == "unconventional" and "cbrn" in attacks[0].context, (text, attacks)
        assert attacks[0].acled == ("Explosions/Remote violence", "Chemical weapon")


def test_a_weapon_beyond_a_clause_break_is_not_the_attacks() -> None:
    text = "Gunmen attacked a village in Zamfara on Monday, while the army moved artillery to the border."
    assert [e.mode for e in _assaults(text, "en")][:1] != ["heavy-weapons"]


def test_weapons_stopped_before_they_struck() -> None:
    for text, lang in (("Ukrainian air defences downed 30 of the 41 drones launched by Russia overnight, the air force said.",
                        "en"),
                       ("Sistem pertahanan udara Israel mencegat sebagian besar dari sekitar 30 roket yang ditembakkan "
                        "dari Lebanon, Minggu.", "id")):
        acled = [e.acled for e in _assaults(text, lang)]
        assert ("Strategic developments", "Disrupted weapons use") in acled, (text, acled)
    assert not _assaults("The navy intercepted a ship carrying migrants off Lampedusa on Monday.", "en")
