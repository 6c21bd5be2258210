"""Language identification: whole documents, and the Indonesian/Malay pair decided by lingua."""

from __future__ import annotations

import pytest

from pantau.text.langid import detect_language

ID_DOC = ("Ratusan warga memadati halaman kantor bupati pada Selasa pagi untuk menuntut perbaikan jalan "
          "desa yang rusak parah sejak musim hujan tahun lalu. Kepala desa mengatakan pemerintah daerah "
          "sudah berjanji akan memperbaiki jalan itu, tetapi hingga kini belum ada alat berat yang datang. "
          "Polisi berjaga di sekitar lokasi dan aksi berlangsung tertib hingga sore hari.")
MS_DOC = ("Kerajaan negeri memutuskan untuk membina semula jambatan yang runtuh minggu lepas selepas "
          "mesyuarat exco semalam. Menteri Besar berkata kerja-kerja pembinaan dijangka bermula bulan "
          "hadapan dan penduduk kampung boleh menggunakan laluan alternatif buat sementara waktu. "
          "Pihak berkuasa tempatan turut menasihatkan orang ramai supaya berhati-hati ketika memandu.")
EN_DOC = ("Hundreds of residents gathered outside the district office on Tuesday morning to demand repairs "
          "to a village road that has been badly damaged since last year's rainy season. The village head "
          "said the local government had promised to fix the road, but no heavy equipment had arrived. "
          "Police stood guard nearby and the protest ended peacefully in the afternoon.")


@pytest.mark.parametrize(("text", "expected"), [(ID_DOC, "id"), (MS_DOC, "ms"), (EN_DOC, "en")])
def test_documents(text: str, expected: str) -> None:
    tag, confidence = detect_language(text)
    assert tag == expected
    assert 0.5 <= confidence <= 1.0


def test_candidates_restrict_the_first_guess_but_malay_is_still_reported() -> None:
    assert detect_language(EN_DOC, ["en", "id"])[0] == "en"
    assert detect_language(MS_DOC, ["en", "id"])[0] == "ms"


def test_unknown_candidates_are_ignored() -> None:
    assert detect_language(EN_DOC, ["en", "xx-unknown"])[0] == "en"


@pytest.mark.parametrize("text", ["", "   ", "12345 !!!", "OK."])
def test_too_little_text(text: str) -> None:
    assert detect_language(text) == (None, 0.0)


def test_a_language_outside_the_candidates_is_reported_when_certain() -> None:
    text = ("Le conseil municipal a voté mardi soir un nouveau plan pour rénover les écoles du quartier, "
            "a annoncé la maire lors d'une conférence de presse, en promettant des travaux dès l'été prochain.")
    assert detect_language(text, ["en", "id"])[0] == "fr"


def test_names_heavy_indonesian_stays_among_candidates() -> None:
    text = "Jakarta. Hasan Basri, Siti Rahmawati, Joko Santoso, Dewi Lestari dan Agus Salim hadir di Bandung."
    assert detect_language(text, ["en", "id"])[0] in ("id", "ms")
