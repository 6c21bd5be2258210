"""Ceasefires read from stored events (store/ceasefires.py), on both backends, over events built by
hand so that the rules are tested and not the coder; the rules file is validated at load."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from factory import document

from pantau.errors import StoreError
from pantau.model import Document
from pantau.store import SqlStore
from pantau.store.ceasefires import list_ceasefires, rules, show_ceasefire


def doc(text: str, published: str, *specs: dict[str, Any]) -> Document:
    """A document whose events take a ``mode`` besides the factory's fields."""
    modes = [spec.pop("mode", None) for spec in specs]
    built = document(text, *specs, published=published)
    return built.with_(events=tuple(dataclasses.replace(e, mode=m) for e, m in zip(built.events, modes, strict=True)))


AGREED = doc("Armenia and Azerbaijan agreed to a ceasefire; Russia urged both sides to stop.", "2024-03-04",
             {"kind": "RETREAT", "mode": "ceasefire", "actors": ("ARM", "AZE"), "recipients": (), "date": "2024-03-04"},
             {"kind": "REQUEST", "mode": "yield", "actors": ("RUS",), "recipients": ("ARM", "AZE"),
              "date": "2024-03-04", "country": None},
             {"kind": "ASSAULT", "actors": ("AZE",), "recipients": ("ARM",), "date": "2024-03-02", "dead": 4,
              "claimant": "ARM"})
ALLEGED = doc("Armenia accused Azerbaijan of breaking the truce; Azerbaijan denied it.", "2024-03-09",
              {"kind": "ACCUSE", "mode": "allege", "actors": ("ARM",), "recipients": ("AZE",), "date": "2024-03-09",
               "claimant": "ARM"},
              {"kind": "STATEMENT", "mode": "deny-responsibility", "actors": ("AZE",), "recipients": (),
               "date": "2024-03-09", "country": None})
DEADLY = doc("Azerbaijani mortars killed two Armenian soldiers, Yerevan said.", "2024-03-12",
             {"kind": "ASSAULT", "actors": ("AZE",), "recipients": ("ARM",), "date": "2024-03-12", "dead": 2,
              "claimant": "ARM"})
RENEWED = doc("The two sides renewed the ceasefire.", "2024-03-20",
              {"kind": "RETREAT", "mode": "ceasefire", "actors": ("AZE", "ARM"), "recipients": (), "date": "2024-03-20"})
FAILED = doc("Azerbaijan said the truce had not held.", "2024-03-25",
             {"kind": "RETREAT", "mode": "ceasefire", "actors": ("AZE", "ARM"), "recipients": (), "date": "2024-03-25",
              "modality": "negated"})
ELSEWHERE = doc("Thai and Cambodian troops clashed.", "2024-03-10",
                {"kind": "ASSAULT", "actors": ("THA",), "recipients": ("KHM",), "date": "2024-03-10", "country": "KHM"})


def one(store: SqlStore) -> dict[str, Any]:
    found = list_ceasefires(store, as_of=dt.date(2024, 4, 1))
    assert len(found) == 1
    return found[0]


def test_status_follows_what_is_reported(store: SqlStore) -> None:
    store.write_documents([AGREED, ELSEWHERE])
    truce = one(store)
    assert truce["parties"] == ["ARM", "AZE"] and truce["start"] == "2024-03-04"
    assert [b["code"] for b in truce["brokers"]] == ["RUS"]
    assert truce["status"] == "holding" and truce["after"] == 0 and truce["days_since_violation"] is None
    store.write_documents([ALLEGED])
    truce = one(store)
    assert truce["status"] == "violations alleged" and truce["alleged_by"] == ["ARM"]
    assert truce["per_side"]["ARM"]["accusations"] == 1 and truce["per_side"]["AZE"]["denials"] == 1
    store.write_documents([DEADLY])
    truce = one(store)
    assert truce["status"] == "violated"
    assert truce["per_side"]["AZE"] == {"incidents": 1, "accusations": 0, "denials": 1, "dead": 2}
    assert truce["last_violation"] == "2024-03-12" and truce["days_since_violation"] == 20
    store.write_documents([RENEWED])
    assert one(store)["renewals"] == ["2024-03-20"]
    store.write_documents([FAILED])
    assert one(store)["status"] == "collapsed"


def test_the_timeline_keeps_sides_phases_and_claimants(store: SqlStore) -> None:
    store.write_documents([AGREED, ALLEGED, DEADLY, ELSEWHERE])
    detail = show_ceasefire(store, one(store)["ceasefire_id"], as_of=dt.date(2024, 4, 1))
    rows = [(t["day"], t["kind"], t["side"], t["phase"], t["claimant_code"]) for t in detail["timeline"]]
    assert rows == [("2024-03-02", "incident", "AZE", "before", "ARM"),
                    ("2024-03-09", "accusation", "ARM", "after", "ARM"),
                    ("2024-03-09", "denial", "AZE", "after", None),
                    ("2024-03-12", "incident", "AZE", "after", "ARM")]  # nothing of THA and KHM
    assert all(t["sentence"] for t in detail["timeline"])
    with pytest.raises(StoreError, match="pantau ceasefires"):
        show_ceasefire(store, "cf-000000000000")


def test_filters(store: SqlStore) -> None:
    store.write_documents([AGREED, ALLEGED])
    assert list_ceasefires(store, country="AZE") and not list_ceasefires(store, country="THA")
    assert list_ceasefires(store, status="violations alleged") and not list_ceasefires(store, status="holding")
    assert store.ceasefires(country="AZE", as_of=dt.date(2024, 4, 1)) == list_ceasefires(
        store, country="AZE", as_of=dt.date(2024, 4, 1))  # the library's door on the store


@pytest.fixture
def bad_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    path = tmp_path / "rules.yaml"
    path.write_text("agreement: {event: RETREAT, mode: truce, modalities: [asserted]}\n"
                    "incidents: [ASSAULT, BRAWL]\naccusations: [ACCUSE]\n"
                    "status: [{status: holding, min_vibes: 2}]\n", encoding="utf-8")
    monkeypatch.setenv("PANTAU_CEASEFIRE_RULES", str(path))
    rules.cache_clear()
    yield
    monkeypatch.delenv("PANTAU_CEASEFIRE_RULES")
    rules.cache_clear()


def test_a_bad_rules_file_names_every_problem(bad_rules: None) -> None:
    with pytest.raises(StoreError) as caught:
        rules()
    message = str(caught.value)
    assert "'BRAWL' is not an event type" in message and "'truce' is not a mode of RETREAT" in message
    assert "min_vibes" in message and "rules.yaml" in message
