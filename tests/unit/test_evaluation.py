"""`pantau eval` must give the reference scorer's numbers (shared/tools/score_gold.py)."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
from pathlib import Path
from typing import Any

import pytest

from pantau.evaluation import score


def reference(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_gold", shared / "tools" / "score_gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_docs(shared: Path) -> list[dict[str, Any]]:
    docs = []
    for path in sorted((shared / "eval" / "dev").glob("*.jsonl")):
        docs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs


def as_system(event: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A gold event written as a system event, then perturbed the ways a coder goes wrong."""
    ev: dict[str, Any] = {
        "event": event["event"], "mode": event.get("mode"),
        "actor": [{"code": c} for c in event.get("actor", [])],
        "recipient": [{"code": c} for c in event.get("recipient", [])],
        "date": event.get("date"), "location": {"country": event.get("country")},
        "size": {k: {"value": v} for k, v in (event.get("size") or {}).items()},
        "claims": [{"claimant": {"code": event["claimant"]}}] if event.get("claimant") else [],
        "modality": event.get("modality", "asserted"),
    }
    roll = rng.random()
    if roll < 0.1:
        ev["actor"], ev["recipient"] = ev["recipient"], ev["actor"]
    elif roll < 0.2:
        ev["actor"] = [{"code": "XXX"}]
    elif roll < 0.3:
        ev["date"] = None
    elif roll < 0.35:
        ev["event"] = "STATEMENT"
    if rng.random() < 0.15:
        ev["size"] = {k: {"value": v["value"] + 1} for k, v in ev["size"].items()}
    return ev


def systems(docs: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for doc in docs:
        events = [as_system(e, rng) for e in doc["events"] if rng.random() > 0.2]
        for _ in range(rng.randint(0, 3) if doc["events"] else 0):
            events.append(as_system(copy.deepcopy(rng.choice(doc["events"])), rng))
        if rng.random() < 0.1:
            continue  # a missing document
        out.append({"doc_id": doc["id"], "events": events})
    return out


@pytest.mark.parametrize("seed", range(6))
def test_scores_equal_the_reference_scorer(shared: Path, tmp_path: Path, seed: int) -> None:
    ref = reference(shared)
    docs = gold_docs(shared)
    system = systems(docs, seed)
    gold_path, sys_path = tmp_path / "gold.jsonl", tmp_path / "sys.jsonl"
    gold_path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    sys_path.write_text("".join(json.dumps(d) + "\n" for d in system), encoding="utf-8")
    expected = ref.score(str(gold_path), str(sys_path))
    ours = score(docs, system)
    ours.pop("misses")
    ours.pop("errors")  # pantau's extra diagnostics, like the misses list: not part of the reference's report
    assert ours == expected


def test_pantau_output_scores_equal_the_reference(shared: Path, tmp_path: Path) -> None:
    from pantau.cli.evaluate import run_eval

    ref = reference(shared)
    docs = gold_docs(shared)
    result, system = run_eval(docs)
    result.pop("misses")
    result.pop("errors")
    gold_path, sys_path = tmp_path / "gold.jsonl", tmp_path / "sys.jsonl"
    gold_path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    sys_path.write_text("".join(json.dumps(d) + "\n" for d in system), encoding="utf-8")
    assert result == ref.score(str(gold_path), str(sys_path))


def _doc(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": "n1", "lang": "en", "text": "Gunmen killed two farmers in Zamfara on Monday.", "events": events}


def _sys(event: str, acled: tuple[str, str] | None, dead: int | None, date: str | None) -> dict[str, Any]:
    return {"doc_id": "n1", "events": [{
        "event": event, "actor": [{"code": "NGA"}], "recipient": [], "date": date, "modality": "asserted",
        "size": {"dead": {"value": dead}} if dead is not None else {},
        "acled": {"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
        "evidence": {"sentence": {"start": 0, "end": 47}}}]}


GOLD_NOTE = {"event": "ASSAULT", "actor": ["NGA"], "recipient": ["NGA"], "date": "2024-03-11", "size": {"dead": 2},
             "modality": "asserted", "evidence": "killed",
             "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"}}


def test_acled_report_scores_type_subtype_and_fatalities() -> None:
    right = score([_doc([GOLD_NOTE])], [_sys("ASSAULT", ("Violence against civilians", "Attack"), 2, "2024-03-11")])
    assert right["acled"]["event_type"] == 1.0 and right["acled"]["sub_event_type"] == 1.0
    assert right["acled"]["fatalities"] == 1.0 and right["acled"]["untyped"] == 0.0
    wrong = score([_doc([GOLD_NOTE])], [_sys("ASSAULT", ("Battles", "Armed clash"), 3, "2024-03-11")])
    assert wrong["acled"]["event_type"] == 0.0 and wrong["acled"]["fatalities"] == 0.0
    silent = score([_doc([GOLD_NOTE])], [{"doc_id": "n1", "events": []}])
    assert silent["acled"]["untyped"] == 1.0
    assert "acled" not in score([_doc([{k: v for k, v in GOLD_NOTE.items() if k != "acled"}])], [])


def test_errors_name_each_wrong_field_with_its_sentence() -> None:
    result = score([_doc([GOLD_NOTE])], [_sys("ASSAULT", None, 3, "2024-03-12")])
    wrong = {e["field"]: e for e in result["errors"]}
    assert set(wrong) == {"date", "size.dead"}
    assert wrong["date"]["expected"] == "2024-03-11" and wrong["date"]["got"] == "2024-03-12"
    assert wrong["size.dead"]["sentence"].startswith("Gunmen killed two farmers")
    assert score([_doc([GOLD_NOTE])], [_sys("ASSAULT", None, 2, "2024-03-11")])["errors"] == []
