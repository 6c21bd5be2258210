"""Round-two vocabulary of the English pack, checked on sentences written for these tests.

A participle-only lemma keeps the passive reading of "was beaten" without the sports sense of
"beat a rival"; plural demonyms name a state's people; a reporting phrase such as "responsibility
lies with" leaves the accused after the preposition."""

from __future__ import annotations

import pytest

import pantau
from pantau.evaluation import reduce_event
from pantau.lang import load_pack
from pantau.lang.phrases import PhraseIndex
from pantau.text.tokens import tokenize


@pytest.fixture(scope="module")
def index() -> PhraseIndex:
    pack = load_pack("en")
    return PhraseIndex(pack.records("events"), pack)


def _events(index: PhraseIndex, sentence: str) -> list[tuple[str, str | None]]:
    return [(m.record["event"], m.record.get("mode")) for m in index.find(tokenize(sentence))]


def test_sports_win_is_no_beating(index: PhraseIndex) -> None:
    assert ("ASSAULT", "beat") not in _events(index, "The champion beat her rival in three sets on Sunday.")


@pytest.mark.parametrize("sentence", [
    "Two reporters were beaten by men in plain clothes.",
    "Guards beat the prisoners with batons.",
    "A farmer was flogged in public.",
])
def test_beatings_are_assaults(index: PhraseIndex, sentence: str) -> None:
    assert ("ASSAULT", "beat") in _events(index, sentence)


def _coded(text: str) -> list:
    return [reduce_event(e.to_dict()) for e in pantau.extract(text, lang="en", published="2025-03-01").events]


def test_passive_beating_puts_the_agent_first() -> None:
    got = [e for e in _coded("NAIROBI (Reuters) - Two reporters were beaten by Kenyan police on Monday.")
           if e.event == "ASSAULT"]
    assert got and got[0].actor == frozenset({"KEN"})


def test_plural_demonym_is_an_actor() -> None:
    got = _coded("Thousands of Romanians protested against the government in Bucharest.")
    assert any(e.event == "PROTEST" and "ROU" in e.actor for e in got)


def test_suspects_arrested_are_an_arrest_not_a_capture() -> None:
    got = _coded("DAKAR (Reuters) - Nine suspects were arrested after the riot, police said.")
    assert any(e.event == "COERCE" and e.mode == "arrest" for e in got)
    assert not any(e.mode == "abduct" for e in got)
