"""A reflexive before a trigger is the object of an earlier verb, never the trigger's subject."""

from __future__ import annotations

import pantau


def test_reflexive_object_is_not_the_next_subject() -> None:
    doc = pantau.extract("Kapal-kapal nelayan Vietnam itu berusaha melarikan diri dan mencoba menabrak kapal patroli "
                         "Indonesia di perairan Natuna, Senin (3/3/2025).", lang="id", published="2025-03-04")
    (attack,) = [e for e in doc.events if e.event == "ASSAULT"]
    assert [(a.text, a.code) for a in attack.actor] == [("nelayan Vietnam", "VNM")]
    assert [r.code for r in attack.recipient] == ["IDN"]


def test_a_reflexive_after_its_verb_still_counts() -> None:
    """"anggota KKB menyerahkan diri": the reflexive frame keeps its subject."""
    doc = pantau.extract("Dua anggota KKB menyerahkan diri kepada aparat di Timika, Papua, Selasa (4/3/2025).",
                         lang="id", published="2025-03-05")
    assert any(e.event == "RETREAT" and e.actor for e in doc.events)
