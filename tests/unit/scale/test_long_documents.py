"""Long documents: coded in sections with their offsets intact, at a cost linear in length."""

from __future__ import annotations

import importlib

import pytest

import pantau
from pantau.extract.pipeline import sections

PARAGRAPHS = [
    "Armenia and Azerbaijan agreed to a ceasefire on Tuesday after clashes on their border.",
    "Police arrested 12 protesters in Nairobi on Monday, the interior ministry said.",
    "Gunmen attacked a village in Zamfara state, killing seven people, officials said on Friday.",
    "Pemerintah Indonesia mengecam serangan itu.",
]


def test_sections_cover_the_text_and_cut_between_paragraphs() -> None:
    text = "\n\n".join(PARAGRAPHS[i % 3] for i in range(400))
    parts = sections(text, 2_000)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert all(hi - lo <= 2_000 for lo, hi in parts)
    assert all(text[hi - 2:hi] == "\n\n" for _, hi in parts[:-1])
    assert sections("short text", 2_000) == [(0, 10)]


def test_text_without_breaks_is_still_cut() -> None:
    text = "word " * 1_000
    parts = sections(text, 1_000)
    assert len(parts) >= 5 and parts[-1][1] == len(text)
    assert all(text[hi - 1] == " " for _, hi in parts[:-1])


def test_a_sectioned_document_keeps_every_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = importlib.import_module("pantau.extract.pipeline")
    text = "\n\n".join(PARAGRAPHS[i % 3] for i in range(60))
    whole = pantau.extract(text, lang="en", published="2025-03-01")
    monkeypatch.setattr(pipeline, "SECTION_CHARS", 1_500)
    doc = pantau.extract(text, lang="en", published="2025-03-01")
    assert doc.meta["sections"] == len(sections(text, 1_500)) > 1
    assert "sections" in doc.meta["note"] and "sections" not in whole.meta
    assert len(doc.events) == len({e.id for e in doc.events}) >= 40
    for e in doc.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger_text
        assert e.sentence.start <= e.trigger.start < e.sentence.end
        for a in e.actor + e.recipient:
            assert text[a.start:a.end] == a.text
        for c in e.claims:
            assert c.claimant is None or text[c.claimant.start:c.claimant.end] == c.claimant.text
    # the late sections find what the first one finds: the same kinds of events throughout
    first = [e.event for e in doc.events[:6]]
    last = [e.event for e in doc.events[-6:]]
    assert sorted(set(first)) == sorted(set(last))


def test_merging_looks_back_a_bounded_distance() -> None:
    """A bare repeat ("the attack") joins the attack told a few sentences before, but not one told a
    whole story earlier: in a long file it is an event of its own."""
    merge = importlib.import_module("pantau.extract.merge")
    head = "Gunmen attacked a village in Zamfara state, Nigeria, on Monday."
    filler = "Officials in Gusau described the weather as cold."
    tail = "The attack killed seven people."
    near = pantau.extract("\n\n".join([head, filler, tail]), lang="en", published="2025-03-01")
    far = pantau.extract("\n\n".join([head] + [filler] * (merge.REFERENCE_SPAN + 5) + [tail]), lang="en",
                         published="2025-03-01")
    assert [(e.event, e.sizes["dead"].value) for e in near.events] == [("ASSAULT", 7)]
    assert [(e.event, "dead" in e.sizes) for e in far.events] == [("ASSAULT", False), ("ASSAULT", True)]


def test_a_documents_line_is_written_in_pieces_that_make_its_json() -> None:
    """The output line of a long document is written event by event: the pieces joined are exactly
    ``json.dumps`` of the document (key order, separators, accents unescaped), and no piece holds
    more than one event."""
    import json

    from pantau.cli.extract import render_line
    from pantau.model import Rejection

    text = "\n\n".join(PARAGRAPHS[i % 4] for i in range(12)) + "\n\nDi Bogor, warga menolak «penggusuran» — kata pejabat."
    doc = pantau.extract(text, lang="en", published="2025-03-01")
    assert len(doc.events) >= 8
    for d in (doc, doc.with_(events=()), doc.with_(events=(), rejected=Rejection("empty", "no text", "guard"))):
        for include_text in (True, False):
            line = render_line(d, include_text)
            assert "".join(line.parts) == json.dumps(d.to_dict(include_text=include_text), ensure_ascii=False) + "\n"
            assert len(line.parts) == len(d.events) + 3 and line.events == len(d.events)
    assert all(p.count('"cameo": ') <= 1 for p in render_line(doc, True).parts)
