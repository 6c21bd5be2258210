"""Ontology rules that depend on the arguments (ontology.yaml `recodes`, irrealis heads, borders)."""

from __future__ import annotations

import pantau


def kinds(text: str, lang: str = "en") -> list[tuple[str, str | None, str]]:
    doc = pantau.extract(text, lang=lang, published="2025-07-08")
    return [(e.event, e.mode, e.modality) for e in doc.events]


def test_security_forces_blocking_roads_restrict() -> None:
    assert ("COERCE", "restrict", "asserted") in kinds("Kenyan police blocked the main roads into Nairobi on Monday.")


def test_protesters_blocking_roads_obstruct() -> None:
    assert ("PROTEST", "obstruct", "asserted") in kinds("Kenyan protesters blocked the main road into Nairobi on Monday.")


def test_captured_soldiers_are_an_abduction_with_a_captured_count() -> None:
    doc = pantau.extract("Menteri Pertahanan Armenia mengaku 12 tentara Armenia ditangkap pasukan Azerbaijan.",
                         lang="id", published="2021-11-17")
    captures = [e for e in doc.events if e.event == "ASSAULT" and e.mode == "abduct"]
    assert captures and captures[0].sizes["captured"].value == 12


def test_police_arrests_stay_arrests() -> None:
    doc = pantau.extract("Polisi menangkap tiga tersangka di Poso pada Rabu.", lang="id", published="2025-07-08")
    assert [(e.event, e.mode) for e in doc.events] == [("COERCE", "arrest")]


def test_a_requested_ceasefire_has_not_happened() -> None:
    doc = pantau.extract("Indonesia mendesak kedua negara untuk segera menyepakati gencatan senjata.", lang="id",
                         published="2025-07-08")
    assert all(e.modality == "hypothetical" for e in doc.events if e.event == "RETREAT")
    assert any(e.event == "REQUEST" for e in doc.events)


def test_a_clash_at_a_two_country_border_is_between_them() -> None:
    doc = pantau.extract("Bentrokan bersenjata pecah di perbatasan Thailand dan Kamboja pada Kamis.", lang="id",
                         published="2025-07-25")
    clashes = [e for e in doc.events if e.event == "ASSAULT"]
    assert clashes and {a.code for a in clashes[0].actor} == {"THA", "KHM"}


def test_a_force_reporting_an_arrest_made_it() -> None:
    doc = pantau.extract("Kabid Humas Polda Metro Jaya Kombes Hendra mengatakan, sebanyak 600 orang diamankan "
                         "dalam kericuhan tersebut.", lang="id", published="2025-08-29")
    arrests = [e for e in doc.events if e.event == "COERCE" and e.mode == "arrest"]
    assert arrests and arrests[0].sizes["arrested"].value == 600
    assert [a.sector for a in arrests[0].actor] == ["COP"]
