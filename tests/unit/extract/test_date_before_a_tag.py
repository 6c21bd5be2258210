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
