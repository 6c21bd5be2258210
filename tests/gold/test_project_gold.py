"""Integrity of the project's own corpus and gold (tests/gold/README.md describes the formats).

These tests check the data, not the extractor: the gold documents are the example articles
verbatim, every gold event is well formed against the ontology and points at its trigger, and the
clustering gold names real mentions of gold events. A careless edit of any of the three files
(a reworded sentence, a typo in an evidence string, a renamed id) fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from pantau.model import MODALITIES, SIZE_KEYS
from pantau.ontology import load_ontology

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "examples" / "articles.jsonl"
GOLD = {lang: REPO / "tests" / "gold" / f"project-{lang}.jsonl" for lang in ("en", "id")}
CLUSTERS = REPO / "tests" / "gold" / "clusters.jsonl"
CODE = re.compile(r"^[A-Z]{3}$")
KINDS = {"same_event", "near_duplicate", "different", "background"}


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles() -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in _load(ARTICLES)}


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, Any]]:
    return {d["id"]: d for path in GOLD.values() for d in _load(path)}


@pytest.fixture(scope="module")
def clusters() -> list[dict[str, Any]]:
    return _load(CLUSTERS)


def test_corpus_shape(articles: dict[str, dict[str, Any]]) -> None:
    assert len(articles) >= 36
    langs = Counter(a["lang"] for a in articles.values())
    assert set(langs) == {"en", "id"} and abs(langs["en"] - langs["id"]) <= 2, langs
    for a in articles.values():
        assert set(a) == {"id", "lang", "published", "title", "source", "url", "text"}, a["id"]
        dt.date.fromisoformat(a["published"])
        url = urlparse(a["url"])
        assert url.scheme == "https" and (url.hostname or "").endswith(a["source"]), a["id"]
        assert 250 <= len(a["text"].split()) <= 600, (a["id"], len(a["text"].split()))


def test_syndicated_copies_have_their_original(articles: dict[str, dict[str, Any]]) -> None:
    copies = [i for i in articles if i.endswith("-syndicated")]
    assert len(copies) >= 3
    for c in copies:
        original = articles[c.removesuffix("-syndicated")]
        assert articles[c]["source"] != original["source"] and articles[c]["title"] != original["title"]
        assert articles[c]["text"] != original["text"]


def test_gold_documents_are_the_example_articles(articles: dict[str, dict[str, Any]],
                                                 gold: dict[str, dict[str, Any]]) -> None:
    assert sum(d["lang"] == "en" for d in gold.values()) >= 8
    assert sum(d["lang"] == "id" for d in gold.values()) >= 8
    for lang, path in GOLD.items():
        for doc in _load(path):
            assert doc["lang"] == lang, doc["id"]
            assert not doc["id"].endswith("-syndicated"), doc["id"]
            art = articles[doc["id"]]
            for key in ("lang", "published", "title", "text"):
                assert doc[key] == art[key], (doc["id"], key)


def test_gold_events_are_well_formed(gold: dict[str, dict[str, Any]]) -> None:
    onto = load_ontology()
    seen_types: Counter[str] = Counter()
    for doc in gold.values():
        for ev in doc["events"]:
            where = (doc["id"], ev.get("evidence"))
            et = onto.types[ev["event"]]
            seen_types[ev["event"]] += 1
            assert ev.get("mode") is None or ev["mode"] in et.modes, where
            assert set(ev.get("context", [])) <= onto.contexts, where
            assert ev["modality"] in MODALITIES, where
            for code in [*ev["actor"], *ev["recipient"], *[ev[k] for k in ("country", "claimant") if k in ev]]:
                assert CODE.match(code), where
            assert set(ev["size"]) <= set(SIZE_KEYS) and all(isinstance(v, int) for v in ev["size"].values()), where
            if "date" in ev:
                assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", ev["date"]), where
            assert doc["text"].count(ev["evidence"]) == 1, where
    assert set(seen_types) == set(onto.types), set(onto.types) - set(seen_types)


def test_gold_has_competing_claims_and_negatives(gold: dict[str, dict[str, Any]]) -> None:
    def competing(doc: dict[str, Any]) -> bool:
        claims = {(e["event"], e.get("claimant")) for e in doc["events"]
                  if e["event"] == "ASSAULT" and e["modality"] == "asserted" and e.get("claimant")}
        return len({c for _, c in claims}) >= 2 or any(
            e["event"] == "ASSAULT" and e["modality"] == "negated" for e in doc["events"])
    assert sum(competing(d) for d in gold.values()) >= 8
    assert sum(not d["events"] for d in gold.values()) >= 2


def test_cluster_gold_points_at_real_mentions(articles: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]],
                                              clusters: list[dict[str, Any]]) -> None:
    def check(m: dict[str, str]) -> None:
        assert articles[m["doc"]]["text"].count(m["evidence"]) == 1, m
        if m["doc"] in gold:
            assert any(e["evidence"] == m["evidence"] and e["event"] == m["event"]
                       for e in gold[m["doc"]]["events"]), m

    kinds: Counter[str] = Counter()
    mentions: set[tuple[str, str]] = set()
    for line in clusters:
        kinds[line["kind"]] += 1
        assert line["kind"] in KINDS and all(a in articles for a in line["articles"]), line["group"]
        if line["kind"] == "near_duplicate":
            assert line["original"] in line["articles"] and len(line["articles"]) == 2
        for ev in line.get("events", []):
            assert len({m["doc"] for m in ev["mentions"]}) >= 2, ev["event_id"]
            for m in ev["mentions"]:
                assert m["event"] == ev["event"]
                check(m)
                assert (m["doc"], m["evidence"]) not in mentions, m
                mentions.add((m["doc"], m["evidence"]))
        for pair in line.get("negatives", []):
            check(pair["a"])
            check(pair["b"])
            assert (pair["a"]["doc"], pair["a"]["evidence"]) != (pair["b"]["doc"], pair["b"]["evidence"])
    assert kinds["same_event"] >= 5 and kinds["near_duplicate"] >= 3 and kinds["different"] >= 2
    dup_lines = {a for line in clusters if line["kind"] == "near_duplicate" for a in line["articles"]}
    assert {i for i in articles if i.endswith("-syndicated")} <= dup_lines
