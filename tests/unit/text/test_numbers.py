"""Counts from tokens: digits in both separator conventions, number words, vague quantities, bounds,
and the numbers that must not be counts (years, times, dates, decimals, money)."""

from __future__ import annotations

import pytest

from pantau.lang import Pack
from pantau.model import Quantity
from pantau.text.numbers import find_numbers, parse_digits, parse_number
from pantau.text.tokens import tokenize


def found(text: str, pack: Pack) -> list[tuple[str, Quantity]]:
    return [(text[m.start:m.end], m.quantity) for m in find_numbers(tokenize(text), pack)]


def exact(n: int) -> Quantity:
    return Quantity(n, n, n, False)


def at_least(n: int) -> Quantity:
    return Quantity(n, n, None, True)


@pytest.mark.parametrize(("text", "expected"), [
    ("Banjir itu menewaskan sekitar 6,500 orang.", [("sekitar 6,500", Quantity(6500, None, None, True))]),
    ("Sebanyak 62.000 warga mengungsi.", [("62.000", exact(62000))]),
    ("Polisi menangkap dua belas orang.", [("dua belas", exact(12))]),
    ("Densus menangkap sebelas terduga.", [("sebelas", exact(11))]),
    ("Seratus rumah terbakar.", [("Seratus", exact(100))]),
    ("TNI mengerahkan dua ribu personel.", [("dua ribu", exact(2000))]),
    ("Tiga ratus dua belas kios rusak.", [("Tiga ratus dua belas", exact(312))]),
    ("Sebanyak dua ratus lima puluh ribu warga terdampak.", [("dua ratus lima puluh ribu", exact(250000))]),
    ("Bantuan untuk 2 juta jiwa dan 1,5 juta anak.", [("2 juta", exact(2_000_000)), ("1,5 juta", exact(1_500_000))]),
    ("Ia mengaku ke-12 pasukannya ditangkap.", [("ke-12", exact(12))]),
    ("Seorang pekerja terluka.", [("Seorang", exact(1))]),
    ("Puluhan warga berjaga, belasan rumah dibakar.",
     [("Puluhan", at_least(20)), ("belasan", at_least(11))]),
    ("Ratusan orang dan ribuan mahasiswa turun ke jalan.", [("Ratusan", at_least(200)), ("ribuan", at_least(2000))]),
    ("Puluhan ribu pengungsi bertahan.", [("Puluhan ribu", at_least(20000))]),
    ("Sedikitnya 12 orang tewas dan lebih dari 20 terluka.",
     [("Sedikitnya 12", at_least(12)), ("lebih dari 20", at_least(20))]),
    ("Setidaknya lima orang dan sekurang-kurangnya tujuh polisi.",
     [("Setidaknya lima", at_least(5)), ("sekurang-kurangnya tujuh", at_least(7))]),
    ("Hampir 300 rumah rusak.", [("Hampir 300", Quantity(300, None, 300, True))]),
    ("Kurang lebih 40 orang hilang.", [("Kurang lebih 40", Quantity(40, None, None, True))]),
    # not counts
    ("Inflasi naik 2,86 persen pada Oktober 2025.", []),
    ("Serangan terjadi pukul 15.30 WIT, Kamis (13/3).", []),
    ("Pertemuan pada 17/11/2021 berlangsung pukul 10 pagi.", []),
    ("Sejak perang 44-hari pada 2020 yang lalu.", []),
    ("Kerugian mencapai Rp 5 juta.", []),
    ("Rapat 24-25 September 2025 di Bali.", []),
    ("Pada 2002 sebanyak 202 orang tewas.", [("202", exact(202))]),
    ("Tim Gegana 77 Antiteror menangkap sebelas orang.", [("sebelas", exact(11))]),
    ("Kapal patroli KRI 3310, yang berlayar sejak pagi, kembali.", []),
    ("HAK CIPTA © KABAR 2026", []),
    ("Sebanyak 40 orang ditahan.", [("40", exact(40))]),
    ("Sebanyak 2000 orang mengungsi menjelang Piala AFF 2026 dan tenggat UMP 2027.",
     [("2000", exact(2000))]),
    ("Sesuai Konvensi (UNCLOS) 1982 dan aturan 2020-2022, 20-30 kapal diusir.", [("20-30", Quantity(20, 20, 30, True))]),
    ("Sebanyak 1.000-an orang dan 20-an polisi, seperti pada 1990-an.",
     [("1.000-an", at_least(1000)), ("20-an", at_least(20))]),
    ("Dana Rp1,5 miliar dan Rp 200 juta disita dari 3 tersangka.", [("3", exact(3))]),
])
def test_indonesian(id_: Pack, text: str, expected: list[tuple[str, Quantity]]) -> None:
    assert found(text, id_) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("At least 75 people were killed.", [("At least 75", at_least(75))]),
    ("More than 20 were wounded.", [("More than 20", at_least(20))]),
    ("Israel freed nearly 2,000 prisoners.", [("nearly 2,000", Quantity(2000, None, 2000, True))]),
    ("The war killed some 6,500 people.", [("some 6,500", Quantity(6500, None, None, True))]),
    ("Troops killed dozens of attackers.", [("dozens", at_least(24))]),
    ("Tens of thousands of people fled.", [("Tens of thousands", at_least(20000))]),
    ("Hundreds of thousands of civilians remain.", [("Hundreds of thousands", at_least(200000))]),
    ("Hundreds marched and thousands watched.", [("Hundreds", at_least(200)), ("thousands", at_least(2000))]),
    ("Twelve soldiers and twenty-one police officers.", [("Twelve", exact(12)), ("twenty-one", exact(21))]),
    ("One hundred and twenty people were freed.", [("One hundred and twenty", exact(120))]),
    ("A dozen boats and a hundred fishermen.", [("A dozen", exact(12)), ("a hundred", exact(100))]),
    ("The fund helps 12 million people with 1 billion meals.",
     [("12 million", exact(12_000_000)), ("1 billion", exact(1_000_000_000))]),
    ("About 2.5 million were displaced.", [("About 2.5 million", Quantity(2_500_000, None, None, True))]),
    ("Between 20-30 people gathered.", [("20-30", Quantity(20, 20, 30, True))]),
    ("Police arrested one man.", [("one", exact(1))]),
    ("Some 20-odd people and 30-plus soldiers.", [("Some 20-odd", at_least(20)), ("30-plus", at_least(30))]),
    # not counts
    ("In 2022 the border was closed.", []),
    ("The October 7, 2023 attack was recalled.", []),
    ("They met on Oct 13 at 3:35 p.m.", []),
    ("Growth was 2.5 percent.", []),
    ("The deal was worth $5 million.", []),
    ("A 5-year-old boy was hurt.", []),
    ("They marked the anniversary of the 1988 uprising.", []),
    ("The race, first held in 1899, drew the 2027 Expo crowd.", []),
    ("Under Resolution 2417, adopted later; Copyright 2026 Example News.", []),
    ("On Sunday 14 people died.", [("14", exact(14))]),
    ("On the 12th day, at 10am, a 5km convoy of 30 trucks left.", [("30", exact(30))]),
])
def test_english(en: Pack, text: str, expected: list[tuple[str, Quantity]]) -> None:
    assert found(text, en) == expected


def test_match_offsets_and_token_indices(en: Pack) -> None:
    text = "Rebels took at least 40 hostages."
    tokens = tokenize(text)
    (m,) = find_numbers(tokens, en)
    assert text[m.start:m.end] == "at least 40"
    assert [t.text for t in tokens[m.tok_start:m.tok_end]] == ["at", "least", "40"]


def test_tokens_of_a_slice(id_: Pack) -> None:
    text = "Judul\n\nSebanyak 15 orang tewas."
    start = text.index("Sebanyak")
    (m,) = find_numbers(tokenize(text, start), id_)
    assert text[m.start:m.end] == "15"


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("id", "dua belas", exact(12)),
    ("id", "sekitar 6.500", Quantity(6500, None, None, True)),
    ("id", "ratusan ribu", at_least(200000)),
    ("en", "more than two hundred", at_least(200)),
    ("en", "2021", exact(2021)),  # no context filter: the caller asked for a number
    ("en", "twelve soldiers", None),  # the whole list must be one number
    ("en", "", None),
    ("en", "2.5", None),
])
def test_parse_number(packs: dict[str, Pack], lang: str, text: str, expected: Quantity | None) -> None:
    assert parse_number(tokenize(text), packs[lang]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("6500", 6500), ("6,500", 6500), ("6.500", 6500), ("1.234.567", 1234567), ("1,234,567", 1234567),
    ("2,86", 2.86), ("2.5", 2.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("15.30", 15.3),
    ("15:30", None), ("17/11", None), ("abc", None),
])
def test_parse_digits(text: str, expected: float | None) -> None:
    assert parse_digits(text) == expected


def test_no_number_words_in_code() -> None:
    """The grammar is data: the module must not know any English or Indonesian number word."""
    from pathlib import Path

    import pantau.text.numbers as mod

    code = Path(mod.__file__).read_text(encoding="utf-8").split('"""', 2)[2]  # after the docstring
    for word in ("dozen", "puluh", "ribu", "hundred", "belas", "sekitar", "about"):
        assert f'"{word}"' not in code and f"'{word}'" not in code


def test_huge_digit_strings_are_not_counts(en: Pack) -> None:
    junk = "1" * 5000
    assert parse_digits(junk) is None
    assert find_numbers(tokenize(f"ID {junk} and 7 people"), en)[-1].quantity == exact(7)


def test_a_number_after_a_capitalised_word_counts_in_a_headline(id_: Pack) -> None:
    """In running text "Densus 88" is a name; in a title-case headline every word is capitalised,
    so "Tewaskan 26 Orang" is a count."""
    headline = tokenize("Bom Bunuh Diri di Stasiun Kereta Quetta Tewaskan 26 Orang")
    assert [m.quantity.value for m in find_numbers(headline, id_)] == [26]
    sentence = tokenize("Densus 88 Antiteror menangkap tiga terduga teroris di Bekasi.")
    assert [m.quantity.value for m in find_numbers(sentence, id_)] == [3]
