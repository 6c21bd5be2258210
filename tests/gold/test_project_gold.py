"""Integrity of the project's own corpus and gold (tests/gold/README.md describes the formats).

These tests check the data, not the extractor: the en/id gold documents are the example articles
verbatim, every gold event is well formed against the ontology and points at its trigger, and the
clustering gold names real mentions of gold events. A careless edit of any gold file (a reworded
sentence, a typo in an evidence string, a renamed id) fails here.

Every event-gold file under tests/gold (``project-*.jsonl``, ``notes-*.jsonl``,
``articles-*.jsonl``, ``snippets-*.jsonl``, found by glob) is validated by the rules of
``shared/tools/score_gold.py validate`` (``gold_problems`` below); events may also carry an ``acled``
``{event_type, sub_event_type}`` pair (or null: not an ACLED event), checked against the ACLED types
of the ontology and the 25 standard sub-event types.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
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
GOLD_DIR = REPO / "tests" / "gold"
SCORE_GOLD = REPO.parent / "shared" / "tools" / "score_gold.py"
ARTICLES = REPO / "examples" / "articles.jsonl"
# the gold about examples/articles.jsonl; every other project-<lang> file is about its own articles
GOLD = {lang: GOLD_DIR / f"project-{lang}.jsonl" for lang in ("en", "id")}
EVENT_GOLD_PATTERNS = ("project-*.jsonl", "notes-*.jsonl", "articles-*.jsonl", "snippets-*.jsonl")
# named ones are listed (and skipped when absent) even if the glob finds nothing
EVENT_GOLD = sorted({p for pattern in EVENT_GOLD_PATTERNS for p in GOLD_DIR.glob(pattern)}
                    | {*GOLD.values(), GOLD_DIR / "project-ms.jsonl"})
PROJECT_GOLD = [p for p in EVENT_GOLD if p.name.startswith("project-")]
CLUSTERS = GOLD_DIR / "clusters.jsonl"
CODE = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KINDS = {"same_event", "near_duplicate", "different", "background"}
# ACLED's 6 event types and 25 sub-event types (ACLED Codebook 2023, "Event types and sub-event types")
ACLED_STANDARD: dict[str, frozenset[str]] = {
    "Battles": frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": frozenset({
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade"}),
    "Violence against civilians": frozenset({"Sexual violence", "Attack", "Abduction/forced disappearance"}),
    "Protests": frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset({
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other"}),
}


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def acled_pairs() -> set[tuple[str, str]]:
    """The (event type, sub-event type) pairs a gold ``acled`` field may name."""
    onto = load_ontology()
    named = {onto.acled_civilian_target}
    for et in onto.types.values():
        named.update([et.acled] if et.acled else [])
        named.update(et.acled_modes.values())
    return named | {(t, sub) for t, subs in ACLED_STANDARD.items() for sub in subs}


def gold_problems(path: Path) -> list[str]:
    """``score_gold.py validate``'s rules (shared/spec/OUTPUT.md), plus ``acled`` on notes-* events."""
    onto = load_ontology()
    pairs = acled_pairs()
    problems: list[str] = []
    ids: set[Any] = set()
    for n, doc in enumerate(_load(path), 1):
        where = f"{path.name}:{n}"
        problems += [f"{where}: missing {key}" for key in ("id", "lang", "text", "events") if key not in doc]
        if doc.get("id") in ids:
            problems.append(f"{where}: duplicate id {doc.get('id')}")
        ids.add(doc.get("id"))
        text = doc.get("text", "")
        for i, ev in enumerate(doc.get("events", [])):
            w = f"{where} event {i}"
            if ev.get("event") not in onto.types:
                problems.append(f"{w}: unknown event {ev.get('event')!r}")
            if ev.get("modality", "asserted") not in MODALITIES:
                problems.append(f"{w}: unknown modality {ev.get('modality')!r}")
            for side in ("actor", "recipient"):
                problems += [f"{w}: bad {side} code {c!r}" for c in ev.get(side, []) if not CODE.match(c or "")]
            for key in ("country", "claimant"):
                if ev.get(key) is not None and not CODE.match(ev[key]):
                    problems.append(f"{w}: bad {key} {ev[key]!r}")
            if ev.get("date") is not None and not DATE.match(ev["date"]):
                problems.append(f"{w}: bad date {ev['date']!r}")
            problems += [f"{w}: bad size {k}={v!r}" for k, v in (ev.get("size") or {}).items()
                         if k not in SIZE_KEYS or not isinstance(v, int)]
            if not ev.get("evidence") or ev["evidence"] not in text:
                problems.append(f"{w}: evidence {ev.get('evidence')!r} not in text")
            if ev.get("acled") is not None:  # notes-* and snippets-* annotators; null: no ACLED event
                acled = ev["acled"]
                if not isinstance(acled, dict) or set(acled) != {"event_type", "sub_event_type"}:
                    problems.append(f"{w}: acled must be {{event_type, sub_event_type}}, got {acled!r}")
                elif (acled["event_type"], acled["sub_event_type"]) not in pairs:
                    problems.append(f"{w}: unknown ACLED pair {acled['event_type']!r} / {acled['sub_event_type']!r}")
    return problems


@pytest.fixture(scope="module")
def articles() -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in _load(ARTICLES)}


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, Any]]:
    """Every project-<lang> gold document (en and id about the example articles, ms and others their own)."""
    docs = [d for path in PROJECT_GOLD if path.is_file() for d in _load(path)]
    assert len({d["id"] for d in docs}) == len(docs), "a document id is in two project gold files"
    return {d["id"]: d for d in docs}


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


@pytest.mark.parametrize("path", [p for p in PROJECT_GOLD if p not in GOLD.values()], ids=lambda p: p.name)
def test_other_project_gold_documents_are_complete_articles(path: Path) -> None:
    """project-<lang> gold beyond en/id (Malay...) carries its own articles: language, date, title, text."""
    if not path.is_file():
        pytest.skip(f"{path.name} is absent")
    lang = path.stem.removeprefix("project-")
    docs = _load(path)
    assert docs, path.name
    for doc in docs:
        assert doc["lang"] == lang and doc["id"].startswith(f"pantau-{lang}-"), doc["id"]
        dt.date.fromisoformat(doc["published"])
        assert doc["title"].strip() and doc["text"].strip(), doc["id"]


@pytest.mark.parametrize("path", EVENT_GOLD, ids=lambda p: p.name)
def test_event_gold_is_valid(path: Path) -> None:
    """Every event-gold file passes score_gold.py's validation (and the acled check for notes-*)."""
    if not path.is_file():
        pytest.skip(f"{path.name} is absent")
    assert gold_problems(path) == []


@pytest.mark.parametrize("path", EVENT_GOLD, ids=lambda p: p.name)
def test_event_gold_passes_the_shared_validator(path: Path) -> None:
    """The shared tool itself agrees, so ``gold_problems`` cannot drift from its rules unnoticed."""
    if not SCORE_GOLD.is_file():
        pytest.skip("../shared/tools/score_gold.py is absent")
    if not path.is_file():
        pytest.skip(f"{path.name} is absent")
    spec = importlib.util.spec_from_file_location("score_gold", SCORE_GOLD)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shared_rules = (tool.TYPES, tool.MODALITIES, tool.SIZES)
    assert shared_rules == (set(load_ontology().types), set(MODALITIES), set(SIZE_KEYS))
    assert tool.validate(str(path)) == []


def test_gold_problems_catches_each_kind_of_error(tmp_path: Path) -> None:
    """A broken copy of a gold document fails on every rule (Malay gold was never checked before)."""
    source = GOLD_DIR / "project-ms.jsonl"
    if not source.is_file():
        pytest.skip("project-ms.jsonl is absent")
    doc = _load(source)[0]
    ev = doc["events"][0]
    broken = [dict(ev, evidence=ev["evidence"] + " (typo)"), dict(ev, actor=["Malaysia"]),
              dict(ev, date="12 Mac 2026"), dict(ev, size={"dead": "two"}), dict(ev, event="ATTACK"),
              dict(ev, modality="alleged"), dict(ev, country="my")]
    notes = [dict(ev, acled={"event_type": "Battles", "sub_event_type": "Peaceful protest"}),
             dict(ev, acled={"event_type": "Protests", "sub_event_type": "Peaceful protest", "x": 1}),
             dict(ev, acled={"event_type": "Protests", "sub_event_type": "Protest with intervention"}),
             dict(ev, acled={"event_type": "Strategic developments", "sub_event_type": "Arrests"}),
             dict(ev, acled=None)]
    (tmp_path / "project-ms.jsonl").write_text(json.dumps(dict(doc, events=broken)) + "\n" + json.dumps(doc) + "\n",
                                               encoding="utf-8")
    (tmp_path / "notes-ms.jsonl").write_text(json.dumps(dict(doc, events=notes)) + "\n", encoding="utf-8")
    problems = gold_problems(tmp_path / "project-ms.jsonl")
    for i, what in enumerate(["not in text", "bad actor code", "bad date", "bad size", "unknown event",
                              "unknown modality", "bad country"]):
        assert any(f"event {i}: " in p and what in p for p in problems), (what, problems)
    assert any("duplicate id" in p for p in problems)
    assert len(problems) == 8, problems
    notes_problems = gold_problems(tmp_path / "notes-ms.jsonl")
    assert len(notes_problems) == 2, notes_problems
    assert "event 0: unknown ACLED pair 'Battles' / 'Peaceful protest'" in notes_problems[0]
    assert "event 1: acled must be {event_type, sub_event_type}" in notes_problems[1]
    assert not gold_problems(source)


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


def test_cluster_stories_are_well_formed() -> None:
    """tests/gold/cluster-stories/: every mention and negative points at text that occurs once in
    its article; every event of every article is listed once (single-article ones too); each story
    group has an English and an Indonesian report; together at least 60 real-world events are
    reported by two to five articles."""
    folder = GOLD_DIR / "cluster-stories"
    arts = {a["id"]: a for p in sorted(folder.glob("*-articles.jsonl")) for a in _load(p)}
    lines = [g for p in sorted(folder.glob("*-clusters.jsonl")) for g in _load(p)]
    assert arts and lines
    seen: set[tuple[str, str]] = set()
    cross = 0
    for line in lines:
        assert line["kind"] in ("same_event", "different") and all(a in arts for a in line["articles"]), line["group"]
        if line["kind"] == "same_event":
            assert {arts[a]["lang"] for a in line["articles"]} == {"en", "id"}, line["group"]
        for ev in line["events"]:
            docs = {m["doc"] for m in ev["mentions"]}
            cross += 2 <= len(docs) <= 5
            for m in ev["mentions"]:
                assert m["event"] == ev["event"] and arts[m["doc"]]["text"].count(m["evidence"]) == 1, m
                assert (m["doc"], m["evidence"]) not in seen, m
                seen.add((m["doc"], m["evidence"]))
        for pair in line.get("negatives", []):
            for m in (pair["a"], pair["b"]):
                assert arts[m["doc"]]["text"].count(m["evidence"]) == 1, m
    assert cross >= 60
    assert {m[0] for m in seen} == set(arts)  # every article has its events listed
