"""A reporting participle after a comma (", saying ...") reports for the subject of the clause it
hangs on, or for the speaker of the reporting verb before it, never for the nearest name."""

from __future__ import annotations

import pantau


def claimants(event: pantau.Event) -> list[str | None]:
    return [c.claimant.code if c.claimant else None for c in event.claims]


def test_the_accuser_claims_what_its_participle_clause_says() -> None:
    doc = pantau.extract("Armenia accused Azerbaijan on Wednesday of violating the ceasefire, saying Azerbaijani "
                         "troops had fired on Armenian positions overnight.", published="2026-12-03")
    (attack,) = [e for e in doc.events if e.event == "ASSAULT"]
    assert [a.code for a in attack.actor] == ["AZE"] and claimants(attack) == ["ARM"]


def test_the_subject_keeps_its_own_words_after_the_comma() -> None:
    doc = pantau.extract("Germany rejected calls by Belarus for economic aid, saying it was withholding the money "
                         "until a new government takes office.", published="2026-01-05")
    (held,) = [e for e in doc.events if e.event == "COERCE"]
    assert [a.code for a in held.actor] == ["DEU"] and claimants(held) == ["DEU"]


def test_a_participle_after_a_reporting_verb_keeps_its_speaker() -> None:
    doc = pantau.extract("Israeli troops shot dead two Palestinian men in Jenin on Monday, the Palestinian health "
                         "ministry reported, saying soldiers had also arrested three men in the camp.",
                         published="2026-01-06")
    (arrest,) = [e for e in doc.events if e.event == "COERCE"]
    assert claimants(arrest) == ["PSE"]  # the ministry's words, not the sentence's first name (Israel)


def test_a_participle_clause_goes_on_with_its_event() -> None:
    """"attacked a military post ... on Tuesday, killing three soldiers": one attack with its toll,
    not a second event, however far the participle stands from the verb."""
    doc = pantau.extract("Separatist gunmen attacked a military post in Indonesia's restive Papua region before dawn on "
                         "Tuesday, killing three soldiers, an army spokesman said.", published="2026-04-14")
    (attack,) = [e for e in doc.events if e.event == "ASSAULT"]
    assert dict(attack.size)["dead"].value == 3
