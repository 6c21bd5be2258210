"""The Malay project gold is a set of whole articles whose evidence strings each point at one place.

(test_project_gold.py validates every gold file's events; this adds the shape of the Malay set.)
"""

from __future__ import annotations

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "project-ms.jsonl"


def test_malay_gold_is_well_formed() -> None:
    docs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(docs) >= 6
    for d in docs:
        assert d["lang"] == "ms" and 200 <= len(d["text"].split()) <= 400
        for e in d["events"]:
            assert d["text"].count(e["evidence"]) == 1, (d["id"], e["evidence"])
