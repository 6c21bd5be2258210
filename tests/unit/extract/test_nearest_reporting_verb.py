"""Two reporting verbs in one sentence: an event takes the claim of the verb nearest to it, and
"said it ..." refers to that verb's speaker."""

from __future__ import annotations

import pantau


def test_the_second_speaker_keeps_their_own_statement() -> None:
    text = ("Canberra condemned Beijing's dangerous manoeuvres in a statement from its embassy, while New "
            "Zealand's foreign ministry said it was deeply concerned.")
    doc = pantau.extract(text, lang="en", published="2025-02-20")
    concern = [e for e in doc.events if e.event == "STATEMENT"]
    assert concern, [(e.event, e.trigger_text) for e in doc.events]
    assert [a.code for a in concern[0].actor] == ["NZL"]
    assert [c.claimant.code for c in concern[0].claims if c.claimant] == ["NZL"]


def test_a_local_source_speaks_from_where_the_event_happened() -> None:
    text = "Gunmen on motorbikes killed nine villagers in Tillaberi on Friday, a local official said."
    doc = pantau.extract(text, lang="en", published="2025-02-22")
    claims = [c for e in doc.events for c in e.claims]
    assert claims and all(c.claimant is not None and c.claimant.code == "NER" for c in claims), claims


def test_a_source_no_pack_names_still_claims() -> None:
    for text, code in (("Rebel fighters raped three women in Kishishe, Rutshuru territory, on Monday, according to a "
                        "local civil society leader.", "COD"),
                       ("Separatist fighters burned down a health centre in Mamfe, Cameroon, on Tuesday, the regional "
                        "health delegate said.", "CMR")):
        doc = pantau.extract(text, lang="en", published="2025-02-22")
        claims = [c for e in doc.events for c in e.claims]
        assert claims and claims[0].claimant is not None and claims[0].claimant.code == code, (text, claims)


def test_according_to_names_its_source_whatever_its_words() -> None:
    doc = pantau.extract("Militants attacked a checkpoint in Kidal on Monday, according to security sources.", lang="en",
                         published="2025-03-04")
    claims = [c for e in doc.events for c in e.claims]
    assert claims and claims[0].claimant is not None and claims[0].claimant.code == "MLI", claims
