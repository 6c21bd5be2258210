"""'Claimed the raid', 'mengklaim penembakan tersebut': a claim whose object is an attack noun is a
claim of responsibility (pack `object_event`), and the attack claimed is the claimer's; a claim
with a clause after it only reports."""

from __future__ import annotations

import pantau


def _events(text: str, lang: str) -> list[tuple[str, str | None, tuple[str | None, ...]]]:
    doc = pantau.extract(text, lang=lang, published="2025-05-06")
    return [(e.event, e.mode, tuple(a.code for a in e.actor)) for e in doc.events]


def test_claiming_an_attack_noun_claims_responsibility() -> None:
    for text, lang, code in (("Al Shabaab claimed Monday's bombing in a statement on its radio station.", "en", "SOM"),
                             ("TPNPB mengklaim penembakan tersebut melalui siaran pers, Senin (5/5).", "id", "IDN")):
        events = _events(text, lang)
        assert ("STATEMENT", "claim-responsibility", (code,)) in events, (text, events)
        assert any(e == "ASSAULT" and actor == (code,) for e, _, actor in events), (text, events)


def test_a_claim_that_reports_a_clause_is_no_claim_of_responsibility() -> None:
    for text, lang in (("The army claimed that rebels shelled a market in the town on Sunday.", "en"),
                       ("Pemberontak M23 Klaim Telah Kuasai Kota Goma", "id")):
        events = _events(text, lang)
        assert all(mode != "claim-responsibility" for _, mode, _ in events), (text, events)
