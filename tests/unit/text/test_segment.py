"""Sentence segmentation: abbreviations, hard line boundaries, and full coverage of the text."""

from __future__ import annotations

import random
import string

import pytest

from pantau.lang import Pack
from pantau.model import Span
from pantau.text.segment import split_sentences


def sentences(text: str, pack: Pack) -> list[str]:
    return [s.text(text) for s in split_sentences(text, pack)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("id", "Massa membakar pos di Jl. Merdeka No. 12, Kab. Nduga, Senin pagi. Dua orang terluka.",
     ["Massa membakar pos di Jl. Merdeka No. 12, Kab. Nduga, Senin pagi.", "Dua orang terluka."]),
    ("id", "Rektor Prof. Dr. Hasan Basri menolak tuduhan itu. Ia diperiksa polisi.",
     ["Rektor Prof. Dr. Hasan Basri menolak tuduhan itu.", "Ia diperiksa polisi."]),
    ("en", "Lt. Col. Mark Ortega said U.S. Army units left on Jan. 12 after Gen. Ruiz arrived. Talks ended.",
     ["Lt. Col. Mark Ortega said U.S. Army units left on Jan. 12 after Gen. Ruiz arrived.", "Talks ended."]),
    ("en", "Maj. Tom Hale and Sgt. Ann Lee were hurt. Nobody else was.",
     ["Maj. Tom Hale and Sgt. Ann Lee were hurt.", "Nobody else was."]),
    ("en", '"We will not leave," the mayor said. Police withdrew.',
     ['"We will not leave," the mayor said.', "Police withdrew."]),
    # a lower-case word never starts a sentence: the quote continues
    ("id", '"Kami tidak akan mundur." kata juru bicara itu. Polisi berjaga.',
     ['"Kami tidak akan mundur." kata juru bicara itu.', "Polisi berjaga."]),
])
def test_abbreviations_and_quotes(packs: dict[str, Pack], lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, packs[lang]) == expected


def test_headline_and_dateline_lines_are_separate(id_: Pack) -> None:
    text = ("Warga Tolak Kapal Pengungsi di Pesisir Aceh\nNasional\n\n"
            "Sabtu, 9 Mei 2026 10:15 WIB\n\n"
            "Lhokseumawe (KABAR) - Warga menolak kapal itu. Polisi berjaga sejak pagi.\n")
    assert sentences(text, id_) == [
        "Warga Tolak Kapal Pengungsi di Pesisir Aceh", "Nasional", "Sabtu, 9 Mei 2026 10:15 WIB",
        "Lhokseumawe (KABAR) - Warga menolak kapal itu.", "Polisi berjaga sejak pagi.",
    ]


def test_hard_wrapped_prose_is_joined(en: Pack) -> None:
    text = "Troops crossed the river near\nthe old bridge on Sunday. Residents fled."
    assert sentences(text, en) == ["Troops crossed the river near\nthe old bridge on Sunday.", "Residents fled."]


def test_blank_line_is_a_boundary_even_without_a_stop(en: Pack) -> None:
    assert sentences("Ceasefire holds\n\nthe talks resume today", en) == ["Ceasefire holds", "the talks resume today"]


def test_empty_and_blank(en: Pack) -> None:
    assert split_sentences("", en) == []
    assert split_sentences(" \n\n\t ", en) == []


def test_spans_are_offsets_into_the_text(id_: Pack) -> None:
    text = "  Satu kalimat.   Dua kalimat.  "
    spans = split_sentences(text, id_)
    assert spans == [Span(2, 15), Span(18, 30)]


def test_run_on_text_is_cut_into_bounded_sentences(en: Pack) -> None:
    text = "; ".join(f"item {i} of the list" for i in range(600))
    spans = split_sentences(text, en)
    assert len(spans) > 1
    assert all(s.end - s.start <= 2000 for s in spans)
    assert all(text[s.start:s.end].endswith(";") for s in spans[:-1])
    _check_cover(text, spans)
    blob = "x" * 5000
    assert [(s.start, s.end) for s in split_sentences(blob, en)] == [(0, 2000), (2000, 4000), (4000, 5000)]


def _check_cover(text: str, spans: list[Span]) -> None:
    covered = set()
    last_end = 0
    for s in spans:
        assert s.start >= last_end, "spans overlap or are out of order"
        assert s.start < s.end
        piece = text[s.start:s.end]
        assert piece == piece.strip(), "span not stripped"
        covered.update(range(s.start, s.end))
        last_end = s.end
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert i in covered, f"character {ch!r} at {i} lost"


_ALPHABET = string.ascii_letters + "     ..,!?\"'()-\n\n" + "ÄéüÇ😀“”" + string.digits


@pytest.mark.parametrize("seed", range(60))
def test_property_spans_cover_all_text_in_order(packs: dict[str, Pack], seed: int) -> None:
    rng = random.Random(seed)
    words = ["Jl.", "Kab.", "U.S.", "Gen.", "No.", "kata", "He", "said", "(13/3)", "6,500", "Rabu", "\n", "\n\n"]
    parts = []
    for _ in range(rng.randint(0, 80)):
        if rng.random() < 0.4:
            parts.append(rng.choice(words))
        else:
            parts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 8))))
    text = " ".join(parts)
    for pack in packs.values():
        _check_cover(text, split_sentences(text, pack))


def test_property_on_dev_articles(dev_docs: list[dict[str, object]], packs: dict[str, Pack]) -> None:
    for doc in dev_docs:
        text = str(doc["text"])
        spans = split_sentences(text, packs[str(doc["lang"])])
        _check_cover(text, spans)
        assert len(spans) > 3


def test_blocks_of_every_length_share_a_few_buffer_sizes(en: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    """ctypes makes and keeps a new array type for each new buffer size: blocks of 300 lengths must
    not ask for 300 sizes."""
    import ctypes

    sizes: set[int] = set()
    made = ctypes.create_string_buffer

    def recording(init: int) -> ctypes.Array[ctypes.c_char]:
        sizes.add(init)
        return made(init)

    monkeypatch.setattr(ctypes, "create_string_buffer", recording)
    for n in range(300):
        text = "The talks went on" + " and on" * n + ". They ended."
        assert [text[s.start:s.end] for s in split_sentences(text, en)][-1] == "They ended."
    assert 1 < len(sizes) <= 6 and all(s & (s - 1) == 0 for s in sizes)
