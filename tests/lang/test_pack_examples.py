"""Every example of every pack yields the events it lists (discovered from the packs folder)."""

from __future__ import annotations

from typing import Any

import pytest

import pantau
from pantau.evaluation import reduce_event
from pantau.lang import available_tags, load_pack
from pantau.ontology import load_ontology


def _cases() -> list[Any]:
    cases = []
    for tag in available_tags():
        for n, example in enumerate(load_pack(tag).records("examples")):
            cases.append(pytest.param(tag, example, id=f"{tag}-{n}"))
    return cases


def _fits(want: dict[str, Any], got: Any) -> bool:
    if want["event"] != got.event:
        return False
    if "actor" in want and set(want["actor"]) != set(got.actor):
        return False
    if "recipient" in want and set(want["recipient"]) != set(got.recipient):
        return False
    for key in ("mode", "claimant", "modality"):
        # `mode: ""` says the event has no mode, `claimant: ""` that no one claims it
        if key in want and (want[key] or None) != getattr(got, key):
            return False
    if "country" in want and want["country"] != got.country:
        return False
    if "date" in want and not (got.date or "").startswith(want["date"]):
        return False
    return all(got.size.get(key) == int(value) for key, value in (want.get("size") or {}).items())


@pytest.mark.parametrize(("tag", "example"), _cases())
def test_pack_example(tag: str, example: dict[str, Any]) -> None:
    doc = pantau.extract(example["text"], lang=tag, published=example.get("published"))
    got = [reduce_event(e.to_dict()) for e in doc.events]
    if not example["events"]:  # `events: []`: the sentence names no event (sport, markets, a film)
        assert not got, f"{example['text']!r}\n expected no event\n got {[(g.event, g.mode) for g in got]}"
    for unwanted in example.get("absent") or []:
        assert not any(_fits(unwanted, g) for g in got), f"{example['text']!r}\n yields {unwanted}, which it must not"
    for want in example["events"]:
        assert any(_fits(want, g) for g in got), (
            f"{example['text']!r}\n expected {want}\n got {[(g.event, g.mode, sorted(g.actor), sorted(g.recipient), g.claimant, g.modality) for g in got]}")


def test_every_pack_has_examples() -> None:
    for tag in available_tags():
        assert len(load_pack(tag).records("examples")) >= 10, f"pack {tag} needs examples"


@pytest.mark.parametrize("tag", available_tags())
def test_examples_cover_every_event_type(tag: str) -> None:
    covered = {ev["event"] for ex in load_pack(tag).records("examples") for ev in ex["events"]}
    missing = set(load_ontology().types) - covered
    assert not missing, f"no {tag} example yields {sorted(missing)}"
