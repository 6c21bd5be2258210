"""A close pair (Malay and Indonesian) is told apart, and a detected language is read with its pack.

The paragraphs are written for this test (Malay as Bernama or Berita Harian would write it, the
same news in Indonesian), not taken from any article or gold file.
"""

from __future__ import annotations

import pantau
from pantau.text.langid import detect_language

MALAY = (
    "Kerajaan Malaysia hari ini menggesa kedua-dua pihak yang bertelagah di sempadan Thailand dan "
    "Kemboja supaya menahan diri dan kembali ke meja rundingan. Menteri Luar Negeri berkata "
    "Putrajaya bimbang dengan laporan bahawa askar kedua-dua negara berbalas tembakan sejak Isnin "
    "lepas. Polis Diraja Malaysia pula memberitahu pemberita bahawa lapan lelaki warga asing "
    "diberkas dalam satu operasi di Kedah semalam kerana disyaki menyeludup senjata api. Kesemua "
    "suspek direman selama tujuh hari bagi membantu siasatan, kata Ketua Polis Negeri."
)
INDONESIAN = (
    "Pemerintah Indonesia pada Kamis mendesak kedua pihak yang bertikai di perbatasan Thailand dan "
    "Kamboja agar menahan diri dan kembali ke meja perundingan. Menteri Luar Negeri mengatakan "
    "Jakarta khawatir atas laporan bahwa tentara kedua negara saling tembak sejak Senin lalu. "
    "Kepolisian Republik Indonesia juga menyampaikan kepada wartawan bahwa delapan pria warga "
    "negara asing ditangkap dalam sebuah operasi di Kalimantan Barat kemarin karena diduga "
    "menyelundupkan senjata api. Seluruh tersangka ditahan selama tujuh hari untuk pemeriksaan."
)


def test_close_pair_is_told_apart() -> None:
    assert detect_language(MALAY, ["en", "id", "ms"])[0] == "ms"
    assert detect_language(INDONESIAN, ["en", "id", "ms"])[0] == "id"


def test_detected_malay_is_read_with_the_malay_pack() -> None:
    doc = pantau.extract(MALAY, published="2026-03-10")
    assert doc.lang == "ms" and doc.rejected is None
    events = {(e.event, e.mode) for e in doc.events}
    assert ("REQUEST", "yield") in events
    arrests = [e for e in doc.events if e.event == "COERCE" and e.mode == "arrest"]
    assert any(e.sizes.get("arrested") and e.sizes["arrested"].value == 8 for e in arrests)
