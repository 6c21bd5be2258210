"""A speaker's statement in a later sentence, with its own verb and content, is a new statement, not
a repeat of the first; one side halting its operations is that side's ceasefire."""

from __future__ import annotations

import pantau


def test_a_second_accusation_in_a_later_sentence_is_its_own_event() -> None:
    text = ("Islamabad menuding Kabul melancarkan serangan tanpa provokasi di perbatasan, Minggu (12/10). "
            "Pakistan kemudian menutup dua pos perlintasan. Islamabad kembali menuding Kabul melindungi "
            "kelompok militan di wilayahnya.")
    doc = pantau.extract(text, lang="id", published="2025-10-13")
    accusations = [e for e in doc.events if e.event == "ACCUSE"]
    assert len(accusations) == 2, [(e.event, e.trigger_text) for e in doc.events]


def test_a_bare_repeat_of_a_statement_still_joins_it() -> None:
    text = ("Lithuania accused Belarus on Monday of sending balloons into its airspace. The accusation came "
            "after the airport in Vilnius closed twice.")
    doc = pantau.extract(text, lang="en", published="2025-10-28")
    assert len([e for e in doc.events if e.event == "ACCUSE"]) == 1, [(e.event, e.trigger_text) for e in doc.events]


def test_one_side_halting_its_operations_is_its_ceasefire() -> None:
    for text, lang in (("Pemerintah Taliban menyatakan telah menghentikan operasi militernya pada tengah malam.", "id"),
                       ("The Thai army halted its military operations along the border on Sunday.", "en")):
        doc = pantau.extract(text, lang=lang, published="2025-10-13")
        assert ("RETREAT", "ceasefire") in [(e.event, e.mode) for e in doc.events], (text, doc.events)
