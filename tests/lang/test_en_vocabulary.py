"""The English pack's morphology and event vocabulary, checked on sentences written for these tests.

These exercise the pack through the real phrase matcher: inflection by the pack's suffix rules and
irregular forms, the longest-match choice between overlapping triggers, and words that look like
triggers but are names or descriptions (a month, a paramilitary's name, a sports result)."""

from __future__ import annotations

import pytest

from pantau.lang import load_pack
from pantau.lang.phrases import PhraseIndex, expand
from pantau.text.tokens import tokenize


@pytest.fixture(scope="module")
def index() -> PhraseIndex:
    pack = load_pack("en")
    return PhraseIndex(pack.records("events"), pack)


def _surfaces(lemma: str) -> set[str]:
    pack = load_pack("en")
    return {" ".join(f.tokens) for f in expand({"lemma": lemma}, pack)}


def _triggers(index: PhraseIndex, sentence: str) -> list[tuple[str, str | None, str]]:
    tokens = tokenize(sentence)
    return [(m.record["event"], m.record.get("mode"), " ".join(t.text for t in tokens[m.tok_start:m.tok_end]))
            for m in index.find(tokens)]


@pytest.mark.parametrize(("lemma", "wanted"), [
    ("attack", {"attack", "attacks", "attacked", "attacking"}),
    ("seize", {"seizes", "seized", "seizing"}),
    ("ban", {"bans", "banned", "banning"}),
    ("deny", {"denies", "denied", "denying"}),
    ("free", {"frees", "freed", "freeing"}),
    ("flee", {"flees", "fled", "fleeing"}),
    ("withdraw", {"withdrew", "withdrawn", "withdrawing"}),
    ("strike", {"struck", "strikes", "striking"}),
    ("kidnap", {"kidnapped", "kidnapping"}),
    ("visit", {"visited", "visiting"}),
])
def test_lemmas_inflect(lemma: str, wanted: set[str]) -> None:
    forms = _surfaces(lemma)
    assert wanted <= forms, f"{lemma}: missing {wanted - forms}"


def test_regular_rules_do_not_double_two_syllable_verbs() -> None:
    assert "visitted" not in _surfaces("visit")
    assert "targetted" not in _surfaces("target")


@pytest.mark.parametrize(("sentence", "event", "mode"), [
    ("The two sides agreed to a ceasefire on Friday.", "RETREAT", "ceasefire"),
    ("A truce between the army and the rebels took effect at midnight.", "RETREAT", "ceasefire"),
    ("The militia was accused of violating the truce.", "ASSAULT", None),
    ("Dockworkers began a hunger strike on Monday.", "PROTEST", "hunger"),
    ("Teachers went on strike over pay.", "PROTEST", "strike"),
    ("A suicide bomber blew himself up near the checkpoint.", "ASSAULT", "suicide-attack"),
    ("Police fired tear gas at the crowd.", "ASSAULT", "crowd-control"),
    ("The prime minister spoke by phone with his counterpart.", "CONSULT", "phone"),
    ("The government has declined to comment.", "STATEMENT", None),
    ("The ministry declined to respond to a request for comment.", "STATEMENT", None),
    ("Rebels said they would not be intimidated.", "REJECT", "yield"),
    ("Hijackers seized the plane and its crew.", "ASSAULT", "abduct"),
    ("Japan protested to China over the incursion.", "ACCUSE", "disapprove"),
    ("Libya offered to hand over the two suspects.", "AGREE", None),
    ("Syria is willing to withdraw its troops.", "AGREE", None),
    ("Washington withdrew from the nuclear agreement.", "REJECT", None),
    ("Pyongyang test-fired a ballistic missile into the sea.", "MOBILIZE", "weapons"),
    ("Police dispersed the crowd and arrested 20 people.", "COERCE", "arrest"),
    ("The group claimed responsibility for the blast.", "STATEMENT", "claim-responsibility"),
    ("The ministry denied any involvement in the killing.", "STATEMENT", "deny-responsibility"),
    ("Gunmen kidnapped 40 passengers from a bus.", "ASSAULT", "abduct"),
    ("The envoy urged both sides to exercise restraint.", "REQUEST", "yield"),
    ("The country recalled its ambassador for consultations.", "SANCTION", "withdraw"),
    ("Troops were deployed to the border.", "MOBILIZE", "troops"),
    ("The authorities imposed a curfew on the city.", "COERCE", "curfew"),
])
def test_longest_trigger_decides_type_and_mode(index: PhraseIndex, sentence: str, event: str, mode: str | None) -> None:
    found = _triggers(index, sentence)
    assert any(e == event and m == mode for e, m, _ in found), found


@pytest.mark.parametrize("sentence", [
    "The Rapid Support Forces control most of Darfur.",
    "The vote is scheduled for March 3.",
    "She told Reuters by phone that the market was quiet.",
    "The convoy was supported by helicopters.",
    "He beat the world number one in three games.",
    "Armed groups operate in the hills.",
    "The minister will release a statement later.",
])
def test_names_and_descriptions_are_not_triggers(index: PhraseIndex, sentence: str) -> None:
    assert _triggers(index, sentence) == []
