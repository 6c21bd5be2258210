"""A date standing before a quote tag that names its speaker after it ("..., Kamis (9/1/2025), menewaskan
tiga anggota, kata juru bicara") dates the events the tag reports, not the saying; a date right
before a verb whose speaker stands before it ("Arief di Jayapura, Jumat, mengatakan") dates the saying."""

from __future__ import annotations

import pantau


def test_the_date_before_kata_is_the_events() -> None:
    text = ("Milisi bersenjata menjarah gudang bantuan pangan milik sebuah lembaga kemanusiaan di Kota Dessie, "
            "Wilayah Amhara, Ethiopia, Senin (24/2/2025), kata pejabat setempat.")
    doc = pantau.extract(text, lang="id", published="2025-02-26")
    assert doc.events and doc.events[0].date == "2025-02-24", [(e.trigger_text, e.date) for e in doc.events]


def test_the_date_right_before_mengatakan_is_the_sayings() -> None:
    text = ("Kelompok bersenjata menembak mati dua pekerja di Distrik Sugapa, Intan Jaya, Kamis (13/3). Kepala Satgas "
            "Humas Arief di Jayapura, Jumat, mengatakan penembakan terjadi saat para korban beristirahat.")
    doc = pantau.extract(text, lang="id", published="2025-03-14")
    attacks = [e for e in doc.events if e.event == "ASSAULT"]
    assert [e.date for e in attacks] == ["2025-03-13"], [(e.trigger_text, e.date) for e in attacks]


def test_a_speaker_named_after_a_comma_leaves_the_date_before_it_to_the_event() -> None:
    """"... to the displaced families on Monday, an agency official said": the speaker after the
    comma reports the delivery; the Monday is the delivery's, however long the clause before it."""
    text = ("The World Food Programme delivered food, cooking oil and blankets to the displaced families in "
            "Maungdaw on Monday, an agency official said.")
    doc = pantau.extract(text, lang="en", published="2026-03-11")
    assert [e.date for e in doc.events] == ["2026-03-09"], [(e.trigger_text, e.date) for e in doc.events]
    text = ("Pasukan keamanan menahan belasan pemuda yang membawa senjata tajam dan bom molotov di sebuah pos "
            "pemeriksaan di Kota Wamena, Kamis (5/3/2026), menurut keterangan kepolisian setempat.")
    doc = pantau.extract(text, lang="id", published="2026-03-07")
    assert [e.date for e in doc.events] == ["2026-03-05"], [(e.trigger_text, e.date) for e in doc.events]
