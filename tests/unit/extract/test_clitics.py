"""Clitics after an apostrophe are pack data: English strips "'s", a pack without them strips nothing."""

from __future__ import annotations

from pantau.lang import load_pack
from pantau.lang.phrases import NO_CLITICS, Clitics, SentenceKeys, clitics_of
from pantau.text.tokens import tokenize


def test_the_english_pack_names_its_clitics() -> None:
    en, id_ = clitics_of(load_pack("en")), clitics_of(load_pack("id"))
    assert en.without("Armenia's") == "Armenia" and en.without("Aviv’s") == "Aviv"
    assert en.without("O'Brien") == "O'Brien"  # a long tail is part of the name
    assert id_ == NO_CLITICS and id_.without("Jum'at") == "Jum'at"


def test_keys_follow_the_rule() -> None:
    tokens = tokenize("Armenia's army and Jum'at prayers")
    english = SentenceKeys(tokens, clitics=Clitics(("'", "’"), 2))
    plain = SentenceKeys(tokens)
    assert english.base[0] == "armenia" and english.clitic[0]
    assert plain.base[0] == "armenia's" and not any(plain.clitic)
