"""A number alone in brackets is an age or a figure restated in digits, never a count; nor is one
in a phrase that says none ("tak seorang pun", "not one")."""

from __future__ import annotations

import pantau


def _sizes(text: str, lang: str) -> list[dict[str, int]]:
    doc = pantau.extract(text, lang=lang, published="2025-04-02")
    return [{k: q.value for k, q in e.size} for e in doc.events]


def test_an_age_in_brackets_is_not_a_toll() -> None:
    sizes = _sizes("Seorang tersangka berinisial ZA (41) meninggal dunia setelah baku tembak dengan polisi di "
                   "Kabupaten Aceh Timur, Senin (31/3).", "id")
    assert sizes and all(s.get("dead") != 41 for s in sizes), sizes


def test_an_age_in_brackets_is_not_an_arrest_count() -> None:
    sizes = _sizes("Polisi mengatakan pria berinisial MH (35) itu diamankan di Sigli pada Rabu (2/4).", "id")
    assert sizes and all("arrested" not in s for s in sizes), sizes
    sizes = _sizes("Police said a man named Tariq (29) was arrested in Quetta on Tuesday.", "en")
    assert sizes and all("arrested" not in s for s in sizes), sizes


def test_the_count_beside_a_bracketed_restatement_stays() -> None:
    sizes = _sizes("Polisi menangkap 5 (lima) orang tersangka pengedar narkoba di Medan, Selasa (1/4).", "id")
    assert {"arrested": 5} in sizes, sizes


def test_a_number_in_a_phrase_saying_none_is_no_count() -> None:
    for text, lang in (("Kelompok bersenjata menyerang pos TNI di Intan Jaya, Senin (31/3). Tak seorang pun prajurit "
                        "tewas, kata Kapendam.", "id"),
                       ("Kelompok bersenjata menyerang pos TNI di Intan Jaya, Senin (31/3). \"Tidak ada satu pun "
                        "pasukan kami yang gugur,\" kata juru bicara kelompok itu.", "id"),
                       ("Militants attacked an army post in Borno state on Monday. Not one soldier was killed, the "
                        "army said.", "en")):
        sizes = _sizes(text, lang)
        assert sizes and all("dead" not in s for s in sizes), (text, sizes)
    assert {"dead": 1} in _sizes("Kelompok bersenjata menyerang pos TNI di Intan Jaya, Senin (31/3). Seorang prajurit "
                                 "tewas.", "id")
