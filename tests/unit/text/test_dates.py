"""Date expressions resolved against the publication date, and the dateline."""

from __future__ import annotations

import datetime as dt
import importlib
import sys

import pytest

from pantau.lang import Pack
from pantau.text.dates import find_dateline, find_dates

WED = dt.date(2021, 11, 17)  # a Wednesday
FRI = dt.date(2025, 3, 14)  # a Friday
MON = dt.date(2025, 10, 13)  # a Monday


def dates(text: str, pack: Pack, published: dt.date | None) -> list[tuple[str, str, str]]:
    return [(d.text, d.date, d.precision) for d in find_dates(text, 0, len(text), pack, published)]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Kedua negara sepakat berdamai, Rabu (17/11/2021).", WED, [("Rabu (17/11/2021)", "2021-11-17", "day")]),
    ("Pasukan itu ditembak pada hari Selasa lalu.", WED, [("hari Selasa lalu", "2021-11-16", "day")]),
    ("Kelompok itu menyerang, Kamis (13/3) sore.", FRI, [("Kamis (13/3)", "2025-03-13", "day")]),
    ("Bentrokan pecah pada Kamis (24/7).", dt.date(2025, 7, 25), [("Kamis (24/7)", "2025-07-24", "day")]),
    ("Warga berjaga sejak (13/3).", FRI, [("(13/3)", "2025-03-13", "day")]),
    ("Rapat digelar Senin.", WED, [("Senin", "2021-11-15", "day")]),
    ("Rapat digelar Rabu.", WED, [("Rabu", "2021-11-17", "day")]),  # the day itself
    ("Rapat digelar Rabu lalu.", WED, [("Rabu lalu", "2021-11-10", "day")]),  # strictly before
    ("Rapat digelar Jumat depan.", WED, [("Jumat depan", "2021-11-19", "day")]),
    ("Polisi tiba kemarin dan kembali hari ini.", WED,
     [("kemarin", "2021-11-16", "day"), ("hari ini", "2021-11-17", "day")]),
    ("Konflik sejak perang tahun lalu.", WED, [("tahun lalu", "2020", "year")]),
    ("Pemilu digelar tahun depan.", WED, [("tahun depan", "2022", "year")]),
    ("Aksi itu terjadi pekan lalu.", dt.date(2025, 3, 3), [("pekan lalu", "2025-02", "month")]),
    ("Ia datang minggu lalu, bukan Minggu (14/11).", WED,
     [("minggu lalu", "2021-11", "month"), ("Minggu (14/11)", "2021-11-14", "day")]),
    ("Peristiwa 13 Maret 2025 dan Maret 2024.", FRI, [("13 Maret 2025", "2025-03-13", "day"),
                                                      ("Maret 2024", "2024-03", "month")]),
    ("Pada Desember 2018, belasan pekerja tewas.", FRI, [("Desember 2018", "2018-12", "month")]),
    ("Rapat pada November mendatang, bukan Maret lalu; mogok akhir April.", FRI,
     [("November mendatang", "2025-11", "month"), ("Maret lalu", "2024-03", "month"),
      ("akhir April", "2025-04", "month")]),
    ("Pada Oktober tahun lalu dan 17 Agustus tahun depan.", FRI,
     [("Oktober tahun lalu", "2024-10", "month"), ("17 Agustus tahun depan", "2026-08-17", "day")]),
    ("Serangan terjadi awal Januari dan pada Juni.", FRI,
     [("awal Januari", "2025-01", "month"), ("Juni", "2024-06", "month")]),
    ("Bom Bali pada 2002 menewaskan 202 orang.", FRI, [("2002", "2002", "year")]),
    ("Sejak Bom Bali 2002 dan menjelang Piala AFF 2026.", FRI, [("2002", "2002", "year"), ("2026", "2026", "year")]),
    ("Sebanyak 2000 orang mengungsi. Sebanyak 1990 warga pulang.", FRI, []),
    ("Demo berlangsung sejak Senin (25/8/2025).", dt.date(2025, 8, 29), [("Senin (25/8/2025)", "2025-08-25", "day")]),
    ("Pertemuan 24-25 September 2025 di Bali.", dt.date(2025, 9, 25), [("24-25 September 2025", "2025-09-24", "day")]),
    ("Kapal itu datang tiga hari lalu.", WED, [("tiga hari lalu", "2021-11-14", "day")]),
    ("Dua pekan lalu, juga dini hari tadi.", WED, [("Dua pekan lalu", "2021-11", "month"),
                                                  ("dini hari tadi", "2021-11-17", "day")]),
    ("Jumat, 14 Maret 2025 13:05 WIB", FRI, [("Jumat, 14 Maret 2025", "2025-03-14", "day")]),
    ("Massa berkumpul Sabtu malam (8/3) di alun-alun.", FRI, [("Sabtu malam (8/3)", "2025-03-08", "day")]),
    ("Sidang digelar Selasa (11 Maret 2025).", FRI, [("Selasa (11 Maret 2025)", "2025-03-11", "day")]),
    # no dates: a week is not a weekday, times and decimals are not dates
    ("Satu minggu di laut tanpa makanan, pukul 15.30 WIT, naik 2,86 persen.", FRI, []),
])
def test_indonesian(id_: Pack, text: str, published: dt.date, expected: list[tuple[str, str, str]]) -> None:
    assert dates(text, id_, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Hamas freed the hostages on Monday.", MON, [("Monday", "2025-10-13", "day")]),
    # a reporter-style dateline dates the report, not an event
    ("TIRANA/SKOPJE, Oct 13 (Wirenews) - A bridge collapsed on Sunday.", MON, [("Sunday", "2025-10-12", "day")]),
    ("Title\nPORT LOUIS, Oct. 12 — Talks began in March 2025.", MON, [("March 2025", "2025-03", "month")]),
    ("The truce took hold on Friday.", MON, [("Friday", "2025-10-10", "day")]),
    ("Thailand accused Cambodia last Tuesday.", dt.date(2025, 7, 29), [("last Tuesday", "2025-07-22", "day")]),
    ("Talks resume next Monday.", MON, [("next Monday", "2025-10-20", "day")]),
    ("The October 7, 2023 attack.", MON, [("October 7, 2023", "2023-10-07", "day")]),
    ("They met on Jan. 12 and on Aug. 4.", MON, [("Jan. 12", "2025-01-12", "day"), ("Aug. 4", "2025-08-04", "day")]),
    ("The vote is on Oct 30.", MON, [("Oct 30", "2025-10-30", "day")]),  # a few weeks ahead: coming
    ("The vote was on Dec 20.", MON, [("Dec 20", "2024-12-20", "day")]),  # further ahead: the past one
    ("Talks are set for Jan. 5.", dt.date(2025, 12, 20), [("Jan. 5", "2026-01-05", "day")]),
    ("It began in April 2023 and again in 2022.", MON, [("April 2023", "2023-04", "month"), ("2022", "2022", "year")]),
    ("Fighting since May 2024 intensified in early January.", MON,
     [("May 2024", "2024-05", "month"), ("early January", "2025-01", "month")]),
    ("Talks held yesterday were recalled today.", MON,
     [("yesterday", "2025-10-12", "day"), ("today", "2025-10-13", "day")]),
    ("Elections last year and next year.", MON, [("last year", "2024", "year"), ("next year", "2026", "year")]),
    ("Prices rose this month after last week.", MON, [("this month", "2025-10", "month"), ("last week", "2025-10", "month")]),
    ("The strike two years ago.", MON, [("two years ago", "2023", "year")]),
    ("A strike in late November, unlike last October or next March.", MON,
     [("late November", "2025-11", "month"), ("October", "2024-10", "month"), ("March", "2026-03", "month")]),
    ("Talks in May last year and on March 3 this year.", MON,
     [("May last year", "2024-05", "month"), ("March 3 this year", "2025-03-03", "day")]),
    ("A week ago, and a year ago.", MON, [("A week ago", "2025-10", "month"), ("a year ago", "2024", "year")]),
    ("Friday, October 10, was calm.", MON, [("Friday, October 10", "2025-10-10", "day")]),
    ("Talks on the 14th of March and on Friday 14th March 2025.", MON,
     [("14th of March", "2025-03-14", "day"), ("Friday 14th March 2025", "2025-03-14", "day")]),
    ("Records from 14.03.2025 and 2025-03-14T13:05 agree.", MON,
     [("14.03.2025", "2025-03-14", "day"), ("2025-03-14", "2025-03-14", "day")]),
    ("Monday's violence came in May.", MON, [("Monday", "2025-10-13", "day"), ("May", "2025-05", "month")]),
    # not dates: modal "may", "march" as a noun, a bare month word at sentence start
    ("They may march on the capital. March organisers said so.", MON, []),
    ("At 3:35 p.m. some 6,500 people left.", MON, []),
])
def test_english(en: Pack, text: str, published: dt.date, expected: list[tuple[str, str, str]]) -> None:
    assert dates(text, en, published) == expected


def test_without_publication_date_only_own_years(en: Pack, id_: Pack) -> None:
    text = "On Monday, after the October 7, 2023 attack and in 2022, last year."
    assert dates(text, en, None) == [("October 7, 2023", "2023-10-07", "day"), ("2022", "2022", "year")]
    text = "Sepakat damai, Rabu (17/11/2021), bukan Kamis (18/11)."
    assert dates(text, id_, None) == [("Rabu (17/11/2021)", "2021-11-17", "day")]


def test_window_and_offsets(id_: Pack) -> None:
    text = "Judul, Senin (3/11/2025)\n\nRapat digelar Selasa (4/11/2025)."
    start = text.index("Rapat")
    (d,) = find_dates(text, start, len(text), id_, dt.date(2025, 11, 5))
    assert text[d.start:d.end] == d.text == "Selasa (4/11/2025)"
    assert d.date == "2025-11-04"


def test_invalid_calendar_dates_are_skipped(id_: Pack, en: Pack) -> None:
    assert dates("Pada 31/2/2021 dan (45/3).", id_, WED) == []
    assert dates("On February 30, 2021.", en, WED) == []


@pytest.mark.parametrize(("lang", "text", "published", "expected"), [
    ("en", "JERUSALEM/GAZA, Oct 13 (Reuters) - Hamas handed over hostages on Monday.", MON, "2025-10-13"),
    ("en", "KHARTOUM, Sept 20 (Reuters) - A drone struck a mosque on Friday.", dt.date(2025, 9, 20), "2025-09-20"),
    ("id", "KKB tembak pekerja\n\nJumat, 14 Maret 2025 13:05 WIB\n\nJayapura (ANTARA) - KKB menembak, Kamis (13/3).",
     FRI, "2025-03-14"),
    ("id", "Judul berita\nInternasional\n\nKedua negara sepakat berdamai, Rabu (17/11/2021).\n\nLalu...", WED,
     "2021-11-17"),
    # the lead sentence's event date is no dateline (lead_date reads it, below)
    ("id", "JAKARTA, KABAR - Unjuk rasa berujung ricuh pada Kamis (14/8/2025).", dt.date(2025, 8, 15), None),
    # a reporter-style dateline needs the publication year
    ("en", "KHARTOUM, Sept 20 (Reuters) - A drone struck a mosque.", None, None),
    # no date near the top
    ("en", "DOHA, Qatar (AP) - The two sides signed a framework on Saturday.", MON, None),
])
def test_dateline(packs: dict[str, Pack], lang: str, text: str, published: dt.date | None,
                  expected: str | None) -> None:
    found = find_dateline(text, packs[lang], published)
    assert (found.date if found else None) == expected
    if found:
        assert text[found.start:found.end] == found.text


def test_lead_date_is_the_fallback_for_a_missing_publication_date(packs: dict[str, Pack]) -> None:
    from pantau.text.dates import lead_date

    text = "JAKARTA, KABAR - Unjuk rasa berujung ricuh pada Kamis (14/8/2025)."
    found = lead_date(text, packs["id"])
    assert found is not None and found.date == "2025-08-14" and text[found.start:found.end] == found.text
    assert lead_date("DOHA, Qatar (AP) - The two sides signed a framework on Saturday.", packs["en"]) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Border talks resume\nPosted 14-Mar-2025 13:05\n\nThe talks resumed.", "2025-03-14"),
    ("Published 2025/03/14\n\nThree people were hurt.", "2025-03-14"),
    ("Border clash kills 12\n\nBody text without a date, 3 people hurt.", None),
])
def test_dateline_by_dateparser_on_short_header_lines(en: Pack, text: str, expected: str | None) -> None:
    found = find_dateline(text, en)
    assert (found.date if found else None) == expected
    if found:
        assert text[found.start:found.end] == found.text


def test_dateline_beyond_the_top_is_ignored(id_: Pack) -> None:
    text = "Judul\n\n" + "Kalimat panjang tanpa tanggal. " * 40 + "Rabu (17/11/2021)."
    assert find_dateline(text, id_) is None


def test_importing_dates_does_not_import_dateparser() -> None:
    for name in [m for m in sys.modules if m == "pantau.text.dates" or m.startswith("dateparser")]:
        del sys.modules[name]
    importlib.import_module("pantau.text.dates")
    assert "dateparser" not in sys.modules


def test_dev_datelines_match_publication(dev_docs: list[dict[str, object]], packs: dict[str, Pack]) -> None:
    """Where a dev article carries a dateline, it is its publication day."""
    hits = 0
    for doc in dev_docs:
        published = dt.date.fromisoformat(str(doc["published"]))
        found = find_dateline(str(doc["text"]), packs[str(doc["lang"])], published)
        if found is not None:
            hits += 1
            assert abs((dt.date.fromisoformat(found.date) - published).days) <= 1, (doc["id"], found)
    assert hits >= len(dev_docs) // 2


def test_the_quick_skip_never_drops_a_date(dev_docs: list[dict[str, object]], packs: dict[str, Pack]) -> None:
    """Sentences without a digit or a date-naming word are skipped before the date expression runs;
    over every dev sentence that finds exactly what the full scan finds."""
    from pantau.text.segment import split_sentences
    from pantau.text.tokens import tokenize

    for doc in dev_docs:
        text, pack = str(doc["text"]), packs[str(doc["lang"])]
        published = dt.date.fromisoformat(str(doc["published"]))
        for span in split_sentences(text, pack):
            tokens = tokenize(text, span.start, span.end)
            assert find_dates(text, span.start, span.end, pack, published, tokens) == \
                find_dates(text, span.start, span.end, pack, published)
