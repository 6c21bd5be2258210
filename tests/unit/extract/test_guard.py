"""Bad input never raises: it becomes a document with a rejection and a reason from OUTPUT.md."""

from __future__ import annotations

import pytest

import pantau
from pantau.settings import Options


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\n\n"])
def test_empty_text_is_rejected(text: str) -> None:
    doc = pantau.extract(text, lang="en")
    assert doc.events == ()
    assert doc.rejected is not None and doc.rejected.reason == "empty"


def test_binary_junk_is_undecodable() -> None:
    junk = "".join(chr(i % 32) for i in range(4000))
    doc = pantau.extract(junk, lang="en")
    assert doc.rejected is not None and doc.rejected.reason == "undecodable"


def test_size_limit_is_documented_in_the_detail() -> None:
    text = "Troops clashed near the border. " * 400
    doc = pantau.extract(text, lang="en", options=Options(max_bytes=1000))
    assert doc.rejected is not None and doc.rejected.reason == "too_large"
    assert "1,000-byte limit" in doc.rejected.detail and "PANTAU_MAX_BYTES" in doc.rejected.detail


def test_unsupported_language_names_the_fix() -> None:
    doc = pantau.extract("Les deux pays ont signé un accord de cessez-le-feu mercredi.", lang="fr")
    assert doc.rejected is not None and doc.rejected.reason == "unsupported_lang"
    assert "--lang" in doc.rejected.detail


def test_rejected_document_keeps_the_output_shape() -> None:
    out = pantau.extract("", lang="en", doc_id="x1").to_dict()
    assert list(out) == ["doc_id", "lang", "published", "url", "title", "source", "text", "events", "rejected"]
    assert out["rejected"]["reason"] == "empty" and out["events"] == []


def test_doc_id_is_a_content_hash_unless_given() -> None:
    a = pantau.extract("Police arrested five men in Jakarta.", lang="en")
    b = pantau.extract("Police arrested five men in Jakarta.", lang="en")
    c = pantau.extract("Police arrested six men in Jakarta.", lang="en")
    assert a.doc_id == b.doc_id != c.doc_id and len(a.doc_id) == 64
    assert pantau.extract("x", lang="en", doc_id="mine").doc_id == "mine"
