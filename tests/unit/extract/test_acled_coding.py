"""ACLED coding that depends on more than type and mode. State force against people in a protest
is crowd control (ontology `recodes`); the protest it meets with casualties is excessive force,
without them an intervention (`acled_interventions`, the first rule that fits wins), and the arrests
meeting a protest are the protest's. Territory taken is regained only by a state in its own land."""

from __future__ import annotations

import pantau


def _events(text: str, lang: str) -> list[pantau.Event]:
    return list(pantau.extract(text, lang=lang, published="2025-03-12").events)


def test_police_killing_protesters_is_crowd_control_with_excessive_force() -> None:
    for text, lang in (("Riot police killed four protesters in Lusaka on Tuesday, a rights group said.", "en"),
                       ("Polisi menembak mati dua demonstran di depan gedung DPRD Kabupaten Nabire, Selasa (11/3).",
                        "id")):
        force = [e for e in _events(text, lang) if e.event == "ASSAULT"]
        assert [e.mode for e in force] == ["crowd-control"], (text, [(e.event, e.mode) for e in force])
        assert force[0].acled == ("Protests", "Excessive force against protesters")


def test_shooting_into_a_protest_told_in_the_same_sentence() -> None:
    text = ("Soldiers fired live rounds at villagers protesting against a land grab in Kampong Speu on Monday, "
            "wounding six.")
    events = _events(text, "en")
    assert [e.mode for e in events if e.event == "ASSAULT"] == ["crowd-control"], [(e.event, e.mode) for e in events]
    protests = [e for e in events if e.event == "PROTEST"]
    assert protests and protests[0].acled == ("Protests", "Excessive force against protesters")


def test_dispersal_without_casualties_stays_an_intervention() -> None:
    text = ("Ratusan buruh berunjuk rasa menuntut kenaikan upah di depan Kantor Gubernur Banten, Senin (10/3). "
            "Polisi membubarkan massa dengan gas air mata.")
    protests = [e for e in _events(text, "id") if e.event == "PROTEST"]
    assert protests and protests[0].acled == ("Protests", "Protest with intervention")


def test_police_shooting_suspects_is_not_crowd_control() -> None:
    events = _events("Police shot dead two robbery suspects in Kisumu on Sunday.", "en")
    assert all(e.mode != "crowd-control" for e in events), [(e.event, e.mode) for e in events]


def test_arrests_at_a_protest_are_the_protests_intervention() -> None:
    text = ("Hundreds of nurses rallied outside the health ministry in Lagos on Monday over unpaid salaries; "
            "police detained 12 of them.")
    arrests = [e for e in _events(text, "en") if e.event == "COERCE" and e.mode == "arrest"]
    assert arrests and arrests[0].acled == ("Protests", "Protest with intervention"), [e.acled for e in arrests]


def test_protesters_arrested_with_no_protest_told() -> None:
    arrests = [e for e in _events("Police in Minsk arrested 40 protesters on Sunday.", "en") if e.event == "COERCE"]
    assert arrests and arrests[0].acled == ("Protests", "Protest with intervention"), [e.acled for e in arrests]


def test_arrests_elsewhere_stay_arrests() -> None:
    text = "Police arrested four suspected smugglers in Tawau on Sunday."
    arrests = [e for e in _events(text, "en") if e.event == "COERCE"]
    assert arrests and arrests[0].acled == ("Strategic developments", "Arrests"), [e.acled for e in arrests]


def test_a_foreign_army_taking_a_town_overtakes_it() -> None:
    # ACLED: government forces regain territory in their own country; a foreign state's forces
    # (or a non-state group) taking it overtake it
    home = _events("Malian troops retook the town of Ber from rebels on Tuesday.", "en")
    abroad = _events("Rwandan troops seized the town of Masisi in North Kivu, Congo, on Tuesday.", "en")
    assert [e.acled for e in home if e.event == "ASSAULT"] == [("Battles", "Government regains territory")]
    assert [e.acled for e in abroad if e.event == "ASSAULT"] == [("Battles", "Non-state actor overtakes territory")]


def test_violence_told_with_a_protest_makes_it_a_riot() -> None:
    for text, lang in (("In Kolda on Friday, students angry over unpaid grants blocked the main road and set fire to "
                        "the regional education office.", "en"),
                       ("Unjuk rasa ratusan buruh di depan kantor Bupati Morowali, Senin (10/3), berujung ricuh "
                        "setelah massa melempari kantor itu dengan batu.", "id")):
        events = _events(text, lang)
        protests = [e for e in events if e.event == "PROTEST"]
        assert [e.mode for e in protests] == ["riot"], (text, [(e.event, e.mode) for e in events])
        assert protests[0].acled == ("Riots", "Violent demonstration")


def test_a_protest_and_the_riot_it_turned_into_are_one_event() -> None:
    text = ("Hundreds of farmers held a protest outside the governor's office in Kisumu on Monday. Police said "
            "the crowd later pelted officers with stones and turned the rally into a riot.")
    protests = [e for e in _events(text, "en") if e.event == "PROTEST"]
    assert [e.mode for e in protests] == ["riot"], [(e.trigger_text, e.mode) for e in protests]


def test_a_state_attack_beside_a_protest_is_no_riot() -> None:
    text = "Ribuan warga Gaza berhimpun di Khan Younis setelah serangan Israel menewaskan 12 orang, Senin (10/3)."
    assert ("PROTEST", "riot") not in [(e.event, e.mode) for e in _events(text, "id")]


def test_a_curfew_is_a_strategic_development() -> None:
    curfews = [e for e in _events("Authorities imposed a night curfew in Jos on Monday after clashes.", "en")
               if (e.event, e.mode) == ("COERCE", "curfew")]
    assert curfews and curfews[0].acled == ("Strategic developments", "Other")


def test_a_protest_dispersed_is_met_by_an_intervention() -> None:
    text = "Unjuk rasa buruh pabrik di depan kantor bupati, Selasa (11/3/2025), dibubarkan polisi."
    events = _events(text, "id")
    assert ("COERCE", "restrict") in [(e.event, e.mode) for e in events], [(e.event, e.trigger_text) for e in events]
    protests = [e for e in events if e.event == "PROTEST"]
    assert protests and protests[0].acled == ("Protests", "Protest with intervention")
    # dissolving an organisation is no dispersal
    assert not _events("Pemerintah membubarkan ormas itu pada 2017.", "id")


def test_a_dispersal_by_force_is_that_force() -> None:
    text = "Police fired tear gas to disperse hundreds of traders protesting in Harare on Monday."
    events = _events(text, "en")
    assert ("ASSAULT", "crowd-control") in [(e.event, e.mode) for e in events]
    assert ("COERCE", "restrict") not in [(e.event, e.mode) for e in events], [(e.event, e.trigger_text) for e in events]


def test_a_crowd_named_by_its_size_protests() -> None:
    for text, lang, code in (("Thousands march in Tbilisi against the foreign agents law", "en", "GEO"),
                             ("Ratusan berunjuk rasa di depan kantor Gubernur Papua di Jayapura, Senin (3/3).", "id", "IDN")):
        protests = [e for e in _events(text, lang) if e.event == "PROTEST"]
        assert protests and [(a.code, a.sector) for a in protests[0].actor] == [(code, "CVL")], (text, protests)


def test_a_peace_agreement_signed_is_an_agreement() -> None:
    for text, lang in (("The governments of Sudan and South Sudan signed a peace agreement in Juba on Friday.", "en"),
                       ("Pemerintah Filipina dan MILF menandatangani perjanjian damai di Kuala Lumpur, Jumat.", "id")):
        signed = [e for e in _events(text, lang) if e.event == "SUPPORT"]
        assert signed and signed[0].acled == ("Strategic developments", "Agreement"), (text, signed)
    assert not _events("The president signed a decree on Monday.", "en")
