"""An outlet's name is not a party: "Jakarta, CNN Indonesia --" does not name Indonesia in a story
from Nigeria, and a dash between spaces ends the dateline rather than joining the outlet to the
first actor ("JAKARTA, KOMPAS.com - Bakamla RI mengusir ...")."""

from __future__ import annotations

import pantau


def test_an_outlet_named_after_a_country_does_not_make_the_story_that_countrys() -> None:
    text = ("Jakarta, CNN Indonesia -- Kelompok bersenjata menculik belasan petani di Negara Bagian Katsina, "
            "Nigeria, Selasa (3/2).\n\nPolisi Nigeria menyebut para petani diculik saat bekerja di ladang.\n\n"
            "Polisi mengatakan telah mengerahkan tim untuk menyisir hutan di sekitar desa itu.")
    doc = pantau.extract(text, lang="id", published="2026-02-04")
    deployments = [e for e in doc.events if e.event == "MOBILIZE"]
    assert deployments and {a.code for a in deployments[0].actor} == {"NGA"}, [(e.event, e.actor) for e in doc.events]


def test_a_spaced_dash_ends_the_dateline() -> None:
    text = ("MAKASSAR, KOMPAS.com - Badan Keamanan Laut (Bakamla) RI mengusir dua kapal ikan asing yang "
            "memasuki perairan Indonesia di Laut Sulawesi, Senin (2/2/2026).")
    doc = pantau.extract(text, lang="id", published="2026-02-03")
    assert doc.events and [a.code for a in doc.events[0].actor] == ["IDN"], [(e.event, e.actor) for e in doc.events]
