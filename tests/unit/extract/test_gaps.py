"""A date inside a phrase's gap does not use it up; the words of a phrase that lost to a longer one
of the same event start no other trigger."""

from __future__ import annotations

import pantau
from pantau.lang.phrases import _match_from
from pantau.text.tokens import tokenize


def test_gap_skips_marked_tokens_without_counting_them() -> None:
    tokens = tokenize("they agreed on a cold Tuesday to an immediate ceasefire")
    want = ("agreed", "...", "ceasefire")
    assert _match_from(tokens, 1, want, 0, False) is None  # seven tokens between: over the gap
    dated = frozenset({3, 4, 5})  # "a cold Tuesday", as if a date
    assert _match_from(tokens, 1, want, 0, False, dated) == len(tokens)
    assert _match_from(tokens, 1, ("agreed", "...", "truce"), 0, False, dated) is None


def test_agreed_on_a_weekday_to_a_ceasefire() -> None:
    for text, lang in (("Ethiopia and Eritrea agreed on Monday to an immediate ceasefire along the border, "
                        "officials said.", "en"),
                       ("Sudan's army and the RSF agreed on 3 June to a seven-day truce in Khartoum, the mediators "
                        "said.", "en")):
        doc = pantau.extract(text, lang=lang, published="2025-06-04")
        truce = [e for e in doc.events if e.event == "RETREAT" and e.mode == "ceasefire"]
        assert truce and not [e for e in doc.events if e.event == "AGREE"], [(e.event, e.mode) for e in doc.events]


def test_a_ceasefire_phrase_keeps_its_words() -> None:
    doc = pantau.extract("India and Pakistan agreed on Saturday to an immediate halt to all firing on land, in the "
                         "air and at sea.", lang="en", published="2025-05-10")
    assert [(e.event, e.mode) for e in doc.events] == [("RETREAT", "ceasefire")]
