"""One record, one document id, whichever door it comes in (issue 7).

``pantau.extract``, ``pantau.extract_many`` and ``pantau.extract_sources`` (through the readers of
``pantau.ingest``) build their documents with the one ``pantau.ingest.make_document``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pantau
from pantau.ingest import canonical_url, document_id

TEXT = "Police arrested five men in Jakarta on Tuesday."
RECORDS = [
    {"text": TEXT, "lang": "en", "published": "2025-03-04",
     "url": "HTTPS://News.Example.com/world/arrests/?utm_source=feed&b=2&a=1#top"},
    {"text": TEXT, "lang": "en", "url": "https://news.example.com/world/arrests?a=1&b=2"},
    {"id": "wire-0042", "text": TEXT, "lang": "en", "url": "https://news.example.com/x?fbclid=abc"},
]


@pytest.mark.parametrize("record", RECORDS, ids=["tracking-url", "canonical-url", "own-id"])
def test_same_record_same_id_through_every_door(tmp_path: Path, record: dict) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    via_sources = list(pantau.extract_sources([str(path)]))
    via_many = list(pantau.extract_many([record]))
    via_one = pantau.extract(record["text"], lang=record["lang"], url=record["url"], doc_id=record.get("id"))
    assert len(via_sources) == len(via_many) == 1
    assert via_sources[0].rejected is None and via_many[0].rejected is None
    assert via_sources[0].doc_id == via_many[0].doc_id == via_one.doc_id
    expected = record.get("id") or document_id(TEXT, url=canonical_url(record["url"]))
    assert via_many[0].doc_id == expected


def test_tracking_tags_do_not_change_the_id() -> None:
    first, second = pantau.extract_many(RECORDS[:2])
    assert first.doc_id == second.doc_id
