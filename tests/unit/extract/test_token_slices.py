"""A document is tokenised once; each sentence takes its slice of the document's tokens, which must
be what tokenising the sentence alone gives."""

from __future__ import annotations

from pantau.extract.pipeline import _slice
from pantau.lang import load_pack
from pantau.text.segment import split_sentences
from pantau.text.tokens import tokenize

TEXT = ("JAKARTA, Senin (10/3) - Polisi menangkap 6.500 orang di Jawa-Barat. Mereka dibawa ke Polda.\n\n"
        "The U.S. envoy met Hamas-led negotiators in Doha on 17/11/2021. \"We won't stop,\" she said.\n"
        "Talks resume at 15.30 local time... or later?")


def test_every_sentence_slice_is_the_sentence_tokenised_alone() -> None:
    words = tokenize(TEXT)
    starts = [t.start for t in words]
    spans = list(split_sentences(TEXT, load_pack("en")))
    assert len(spans) >= 5
    for span in spans:
        assert _slice(TEXT, words, starts, span.start, span.end) == tokenize(TEXT, span.start, span.end)


def test_a_span_that_cuts_a_token_is_tokenised_alone() -> None:
    words = tokenize(TEXT)
    starts = [t.start for t in words]
    cut = TEXT.index("6.500") + 2  # inside the number: the span ends in the middle of a token
    got = _slice(TEXT, words, starts, 0, cut)
    assert got == tokenize(TEXT, 0, cut)
    begin = TEXT.index("Jawa-Barat") + 2  # and one that starts inside one
    assert _slice(TEXT, words, starts, begin, len(TEXT)) == tokenize(TEXT, begin, len(TEXT))
