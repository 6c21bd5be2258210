"""The article that started the project (shared/eval/dev/seed.jsonl) yields what issue 2 lists:
the ceasefire, the Putin-Pashinyan call, the clash with Armenian casualty claims, Azerbaijan's
accusation and France's concern."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import pantau
from pantau.evaluation import Reduced, reduce_event


@pytest.fixture(scope="module")
def seed(shared: Path) -> list[Reduced]:
    doc: dict[str, Any] = json.loads((shared / "eval" / "dev" / "seed.jsonl").read_text(encoding="utf-8"))
    out = pantau.extract(doc["text"], lang=doc["lang"], published=doc["published"], doc_id=doc["id"])
    assert out.rejected is None
    return [reduce_event(e.to_dict()) for e in out.events]


def find(events: list[Reduced], event: str, **want: Any) -> list[Reduced]:
    return [e for e in events if e.event == event and all(getattr(e, k) == v for k, v in want.items())]


def test_ceasefire(seed: list[Reduced]) -> None:
    hits = find(seed, "RETREAT", mode="ceasefire", date="2021-11-17", claimant="ARM")
    assert any(e.actor == {"ARM", "AZE"} for e in hits), seed


def test_putin_pashinyan_call(seed: list[Reduced]) -> None:
    hits = find(seed, "CONSULT", mode="phone", date="2021-11-16", claimant="RUS")
    assert any(e.sides == {"RUS", "ARM"} for e in hits), seed


def test_clash_with_armenian_claims(seed: list[Reduced]) -> None:
    hits = find(seed, "ASSAULT", claimant="ARM")
    assert any(e.size.get("dead") == 15 and e.size.get("captured") == 12 for e in hits), seed


def test_azerbaijan_accusation(seed: list[Reduced]) -> None:
    assert any("AZE" in e.actor and "ARM" in e.recipient for e in find(seed, "ACCUSE")), seed


def test_competing_version_kept_apart(seed: list[Reduced]) -> None:
    """Azerbaijan's version (Armenian rockets) is its own event with its own claimant."""
    assert any(e.actor == {"ARM"} and e.claimant == "AZE" for e in find(seed, "ASSAULT")), seed


def test_france_concern(seed: list[Reduced]) -> None:
    assert find(seed, "STATEMENT", mode="concern", claimant="FRA"), seed
