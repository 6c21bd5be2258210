"""A document is tokenised once; each sentence takes its slice of the document's tokens and of their
lookup keys, which must be what tokenising the sentence alone, and keying those tokens, gives."""

from __future__ import annotations

from pantau.extract.pipeline import _slice
from pantau.lang import load_pack
from pantau.lang.phrases import SentenceKeys, clitics_of
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
        tokens, at = _slice(TEXT, words, starts, span.start, span.end)
        assert tokens == tokenize(TEXT, span.start, span.end)
        assert at is not None and words[at:at + len(tokens)] == tokens


KEYED = ("Armenia's army said Azerbaijan's troops fired first.\n\nThe U.S. envoy met Hamas-led "
         "negotiators in Tel Aviv’s port, and Israel’s cabinet met later.")


def test_a_sentences_keys_sliced_from_the_documents_are_its_own_keys() -> None:
    """Clitic flags and clitic-free forms are a token's own: a slice of the document's keys equals
    the keys built for the sentence alone, with clitics in the sentence or only elsewhere."""
    clitics = clitics_of(load_pack("en"))
    words = tokenize(KEYED)
    whole = SentenceKeys(words, clitics=clitics)
    fields = ("text", "low", "clitic", "base_text", "base", "n")
    cuts = [(0, len(words)), (0, 5), (5, 9), (9, len(words)), (3, 4), (7, 7)]
    for lo, hi in cuts:
        alone = SentenceKeys(words[lo:hi], clitics=clitics)
        part = whole.slice(lo, hi)
        assert {f: getattr(part, f) for f in fields} == {f: getattr(alone, f) for f in fields}, (lo, hi)
        assert part.tokens == words[lo:hi]


def test_a_span_that_cuts_a_token_is_tokenised_alone() -> None:
    words = tokenize(TEXT)
    starts = [t.start for t in words]
    cut = TEXT.index("6.500") + 2  # inside the number: the span ends in the middle of a token
    assert _slice(TEXT, words, starts, 0, cut) == (tokenize(TEXT, 0, cut), None)
    begin = TEXT.index("Jawa-Barat") + 2  # and one that starts inside one
    assert _slice(TEXT, words, starts, begin, len(TEXT)) == (tokenize(TEXT, begin, len(TEXT)), None)
