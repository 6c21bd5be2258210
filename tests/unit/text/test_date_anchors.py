"""The date expression is tried only near words that name a date (``find_dates`` given tokens):
it must find exactly what a search from every word finds."""

from __future__ import annotations

import datetime as dt

import pytest

from pantau.lang import load_pack
from pantau.text import dates
from pantau.text.dates import find_dates
from pantau.text.tokens import tokenize

PUBLISHED = dt.date(2025, 3, 14)

SENTENCES = {
    "en": [
        "Talks resume this coming Tuesday in Doha, a mediator said.",
        "The two armies last clashed in 2019 near the river crossing.",
        "Shelling resumed early last week after a lull of two years ago, officials said.",
        "Monday's strike on the depot, the third since mid-March, killed four guards.",
        "Rebels who have held the town since the Hamas-led 2023 raid were pushed back on 12 March 2025.",
        "Protesters marched on Friday and again on the 3rd of April.",
        "A curfew announced earlier this month was lifted yesterday (13/3).",
        "No date is given anywhere in this sentence about the talks.",
    ],
    "id": [
        "Bentrokan terjadi pada akhir Mei 2025 di perbatasan kedua negara.",
        "Polisi menangkap tiga orang pada Senin (10/3) malam.",
        "Sepanjang 2024, sedikitnya 40 warga tewas dalam konflik itu.",
        "Gencatan senjata berlaku sejak pekan lalu, kata juru bicara militer.",
        "Unjuk rasa berlangsung dua hari lalu di depan gedung DPRD.",
    ],
}


@pytest.mark.parametrize("lang,text", [(lang, t) for lang, texts in SENTENCES.items() for t in texts])
def test_a_search_near_date_words_finds_what_a_full_search_finds(lang: str, text: str) -> None:
    pack = load_pack(lang)
    everywhere = find_dates(text, 0, len(text), pack, PUBLISHED)  # no tokens: tried at every word
    near = find_dates(text, 0, len(text), pack, PUBLISHED, tokenize(text))
    assert near == everywhere


def test_the_sentences_hold_expressions_that_start_before_their_date_word() -> None:
    """The cases above include the ones a narrower search would miss: words before the word that
    names the date ("akhir Mei 2025", "two years ago", "dua hari lalu")."""
    leads = []
    for lang, texts in SENTENCES.items():
        pack = load_pack(lang)
        known = dates.date_words(pack)
        leads += [d.text for t in texts for d in find_dates(t, 0, len(t), pack, PUBLISHED)
                  if not dates._date_token(d.text.split()[0].lower(), known)]
    assert "akhir Mei 2025" in leads


class _Watched:
    """The pack's date rules with their expression watched: the offsets the scan tries ``match`` at
    (bounded by the sentence's end; reading a match found, such as the date after a weekday, is
    not counted), and any ``search`` (which would run on to the end of the sentence)."""

    def __init__(self, rules: object) -> None:
        self._rules = rules
        self.tried: list[int] = []
        self.searched = 0
        regex = rules.regex  # type: ignore[attr-defined]
        watch = self

        class Regex:
            def match(self, text: str, pos: int = 0, end: int | None = None) -> object:
                if end is None:
                    return regex.match(text, pos)
                watch.tried.append(pos)
                return regex.match(text, pos, end)

            def search(self, text: str, pos: int, end: int) -> object:
                watch.searched += 1
                return regex.search(text, pos, end)

        self.regex = Regex()

    def __getattr__(self, name: str) -> object:
        return getattr(self._rules, name)


def test_the_expression_is_tried_only_up_to_the_end_of_the_date_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """Near a date word the expression is tried at each offset from a few words before it to the
    end of that word, never searched on through the rest of a long sentence."""
    pack = load_pack("en")
    text = ("Talks resume on Tuesday in Doha, where mediators from several neighbouring countries "
            "will meet the delegations of both warring parties behind closed doors, officials said.")
    everywhere = [d.text for d in find_dates(text, 0, len(text), pack, PUBLISHED)]
    watched = _Watched(dates._rules(pack))
    monkeypatch.setattr(dates, "_rules", lambda _pack: watched)
    found = find_dates(text, 0, len(text), pack, PUBLISHED, tokenize(text))
    assert [d.text for d in found] == everywhere == ["Tuesday"]
    assert watched.searched == 0
    known = dates.date_words(pack)
    anchors = [t.start for t in tokenize(text) if dates._date_token(t.lower, known)]  # "Tuesday" alone
    windows = [(dates._words_back(text, a, 0, dates.LEAD_WORDS), dates._word_end(text, a, len(text))) for a in anchors]
    assert watched.tried and all(any(lo <= p <= hi for lo, hi in windows) for p in watched.tried)
    assert len(watched.tried) < len(text) // 2
