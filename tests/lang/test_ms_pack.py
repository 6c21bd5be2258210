"""The Malay pack: a pack that inherits Indonesian and adds only what Malay writes differently.

Sentences and paragraphs here are written for these tests (Malay as Bernama or Berita Harian
would write it), not taken from any article or gold file. They check the inheritance itself
(Indonesian vocabulary still works under `ms`, Malay vocabulary does not leak into `id`), the
mapping sections that replace Indonesian keys (dates, numbers), Malay morphology through the
shared patterns, language identification between the close pair, and end-to-end extraction.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import pantau
from pantau.lang import load_pack
from pantau.lang.phrases import PhraseIndex, expand
from pantau.text.dates import find_dates
from pantau.text.numbers import parse_number
from pantau.text.tokens import tokenize

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "project-ms.jsonl"

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


@pytest.fixture(scope="module")
def ms() -> Any:
    return load_pack("ms")


@pytest.fixture(scope="module")
def ms_events(ms: Any) -> PhraseIndex:
    return PhraseIndex(ms.records("events"), ms)


def _triggers(index: PhraseIndex, sentence: str) -> set[tuple[str, str | None, str]]:
    tokens = tokenize(sentence)
    return {(m.record["event"], m.record.get("mode"), " ".join(t.text for t in tokens[m.tok_start:m.tok_end]))
            for m in index.find(tokens)}


def _surfaces(pack: Any, lemma: str, affixes: list[str]) -> set[str]:
    return {" ".join(f.tokens) for f in expand({"lemma": lemma, "affixes": affixes}, pack)}


# --- inheritance ---------------------------------------------------------------------------------

def test_ms_inherits_indonesian(ms: Any) -> None:
    ident = load_pack("id")
    assert ms.mapping("meta")["inherit"] == "id"
    assert "id" in ms.mapping("meta")["close_languages"]
    # record sections extend the parent's: every Indonesian trigger is still there, and more
    assert len(ms.records("events")) > len(ident.records("events"))
    assert ms.records("events")[: len(ident.records("events"))] == ident.records("events")
    # mapping sections keep the parent's keys that Malay does not set
    assert ms.mapping("morphology") == ident.mapping("morphology")
    assert ms.mapping("syntax")["modifier_position"] == ident.mapping("syntax")["modifier_position"]
    assert "bahawa" in ms.mapping("syntax")["complementisers"]
    assert "bahawa" not in ident.mapping("syntax")["complementisers"]


def test_shared_indonesian_vocabulary_works_under_ms(ms_events: PhraseIndex) -> None:
    found = _triggers(ms_events, "Tentera menembak mati dua lelaki dan menangkap tiga yang lain.")
    assert ("ASSAULT", "firearms", "menembak mati") in found
    assert any(event == "COERCE" and text == "menangkap" for event, _, text in found)


def test_malay_words_do_not_leak_into_indonesian() -> None:
    ident = load_pack("id")
    index = PhraseIndex(ident.records("events"), ident)
    assert not any(e == "REQUEST" for e, _, _ in _triggers(index, "Malaysia menggesa China."))


# --- Malay vocabulary -----------------------------------------------------------------------------

@pytest.mark.parametrize(("lemma", "affixes", "wanted"), [
    ("gesa", ["meN", "di"], {"menggesa", "digesa"}),                  # g: ng, kept
    ("berkas", ["meN", "di", "peN-an"], {"memberkas", "diberkas", "pemberkasan"}),
    ("letup", ["meN", "di-kan", "an"], {"meletup", "diletupkan", "letupan"}),  # l: no nasal
    ("sokong", ["meN", "di"], {"menyokong", "disokong"}),             # s: ny, dropped
    ("siasat", ["meN", "di"], {"menyiasat", "disiasat"}),
    ("ugut", ["meN", "an"], {"mengugut", "ugutan"}),                  # vowel: ng, kept
])
def test_malay_roots_inflect_with_the_shared_patterns(ms: Any, lemma: str, affixes: list[str],
                                                      wanted: set[str]) -> None:
    assert wanted <= _surfaces(ms, lemma, affixes)


@pytest.mark.parametrize(("sentence", "event", "mode"), [
    ("Wisma Putra menggesa semua pihak menahan diri.", "REQUEST", "yield"),
    ("Polis memberkas dua suspek di Kuantan.", "COERCE", "arrest"),
    ("Ratusan penduduk mengadakan tunjuk perasaan di hadapan pejabat daerah.", "PROTEST", "demo"),
    ("Sebuah bom meletup di tepi jalan.", "ASSAULT", "explosives"),
    ("Kedua-dua menteri mengadakan perbualan telefon semalam.", "CONSULT", "phone"),
    ("Kerajaan mengisytiharkan perintah berkurung di tiga daerah.", "COERCE", "curfew"),
    ("Jurucakap itu menafikan penglibatan kumpulannya.", "STATEMENT", "deny-responsibility"),
    ("Menteri itu enggan mengulas lanjut.", "STATEMENT", None),
])
def test_malay_triggers(ms_events: PhraseIndex, sentence: str, event: str, mode: str | None) -> None:
    assert any(e == event and m == mode for e, m, _ in _triggers(ms_events, sentence)), _triggers(ms_events, sentence)


def test_malay_appeal_is_not_an_indonesian_denial() -> None:
    """Malay "membantah" is "to protest"; after "bagi" it does not negate what follows."""
    doc = pantau.extract("Ribuan orang berhimpun di Kuala Lumpur bagi membantah serangan Israel di Gaza.",
                         lang="ms", published="2026-03-20")
    attacks = [e for e in doc.events if e.event == "ASSAULT"]
    assert attacks and all(e.modality != "negated" for e in attacks)


def test_apabila_is_when_not_if() -> None:
    """Malay "apabila" introduces what happened ("when"), not a condition as Indonesian reads it."""
    doc = pantau.extract("Dua anggota polis cedera apabila diserang hendap oleh lelaki bersenjata di Yala.",
                         lang="ms", published="2026-03-20")
    attacks = [e for e in doc.events if e.event == "ASSAULT"]
    assert attacks and all(e.modality == "asserted" for e in attacks)
    # a real condition still reads as one
    doc = pantau.extract("Thailand akan menutup sempadan sekiranya militan menyerang lagi.",
                         lang="ms", published="2026-03-20")
    assert any(e.event == "ASSAULT" and e.modality == "hypothetical" for e in doc.events)


# --- dates and numbers (mapping keys that replace Indonesian's) -----------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("pada Khamis lepas", "2026-03-05"),      # published Tuesday 10 March 2026
    ("semalam", "2026-03-09"),
    ("pada 12 Ogos 2025", "2025-08-12"),
    ("pada 3 Disember 2025", "2025-12-03"),
    ("pada 17 Mac", "2026-03-17"),            # a week ahead: an announced date
    ("pada 13 Maret 2025", "2025-03-13"),     # Indonesian spelling still read
    ("pada Ahad", "2026-03-08"),
    ("tahun lepas", "2025"),
    ("bulan lepas", "2026-02"),
])
def test_malay_dates(ms: Any, text: str, iso: str) -> None:
    found = find_dates(text, 0, len(text), ms, dt.date(2026, 3, 10))
    assert [d.date for d in found] == [iso]


def test_minggu_is_a_week_in_malay(ms: Any) -> None:
    text = "Minggu lepas tentera menyerang kampung itu."
    found = find_dates(text, 0, len(text), ms, dt.date(2026, 3, 10))
    assert [(d.date, d.precision) for d in found] == [("2026-03", "month")]
    # while Indonesian reads the capitalised word as Sunday
    ident = load_pack("id")
    text_id = "Pada Minggu tentara menyerang desa itu."
    assert [d.precision for d in find_dates(text_id, 0, len(text_id), ident, dt.date(2026, 3, 10))] == ["day"]


@pytest.mark.parametrize(("text", "value", "approx"), [
    ("lapan", 8, False),
    ("delapan", 8, False),
    ("berpuluh-puluh", 20, True),
    ("lebih daripada 300", 300, True),
    ("dianggarkan 1,500", 1500, True),
    ("dua bilion", 2_000_000_000, False),
])
def test_malay_numbers(ms: Any, text: str, value: int, approx: bool) -> None:
    q = parse_number(tokenize(text), ms)
    assert q is not None and q.value == value and q.approx == approx


# --- language identification and end-to-end extraction --------------------------------------------

def test_close_pair_is_told_apart() -> None:
    from pantau.text.langid import detect_language

    assert detect_language(MALAY, ["en", "id", "ms"])[0] == "ms"
    assert detect_language(INDONESIAN, ["en", "id", "ms"])[0] == "id"


def test_detected_malay_is_read_with_the_malay_pack() -> None:
    doc = pantau.extract(MALAY, published="2026-03-10")
    assert doc.lang == "ms" and doc.rejected is None
    events = {(e.event, e.mode) for e in doc.events}
    assert ("REQUEST", "yield") in events
    arrests = [e for e in doc.events if e.event == "COERCE" and e.mode == "arrest"]
    assert any(e.sizes.get("arrested") and e.sizes["arrested"].value == 8 for e in arrests)


# --- the project gold ------------------------------------------------------------------------------

def test_malay_gold_is_well_formed() -> None:
    docs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(docs) >= 6
    for d in docs:
        assert d["lang"] == "ms" and 200 <= len(d["text"].split()) <= 400
        for e in d["events"]:
            assert d["text"].count(e["evidence"]) == 1, (d["id"], e["evidence"])
