"""Clustering on the project's gold: the real pipeline over examples/articles.jsonl, then
`pantau clusters score` against tests/gold/clusters.jsonl (format in tests/gold/README.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pantau.dedup.cluster import Mention, SystemEvent, evaluate_gold, gold_mentions

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
ARTICLES = ROOT / "examples" / "articles.jsonl"


def pantau(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    return proc


# Each floor's gold: `clustering` the set its floors were first set on (clusters.jsonl and cluster
# stories a-c), `clustering_all` every clustering gold file (stories d and later joined it).
FLOOR_SETS = {"clustering": ("clusters.jsonl", "cluster-stories/[abc]-clusters.jsonl"),
              "clustering_all": ("clusters.jsonl", "cluster-stories/*-clusters.jsonl")}


@pytest.mark.slow
def test_clustering_on_project_gold(tmp_path: Path) -> None:
    """The floors of tests/quality_floors.yaml (`clustering`, `clustering_all`) on the project's
    clustering gold and the cluster stories (90 articles, 160 real-world events reported 2-5 times
    in both languages)."""
    stories = sorted((GOLD / "cluster-stories").glob("*-articles.jsonl"))
    if not (GOLD / "clusters.jsonl").exists() or not ARTICLES.exists() or not stories:
        pytest.skip("the project's clustering gold or example articles are missing")
    pytest.importorskip("pantau.extract.pipeline")
    pantau("ingest", str(ARTICLES), *map(str, stories), "--store", "duckdb:///gold.duckdb", cwd=tmp_path)
    all_floors = yaml.safe_load((ROOT / "tests" / "quality_floors.yaml").read_text(encoding="utf-8"))
    for name, patterns in FLOOR_SETS.items():
        golds = sorted({p for pattern in patterns for p in GOLD.glob(pattern)})
        out = pantau("clusters", "score", *map(str, golds), "--events-gold", str(GOLD / "project-en.jsonl"),
                     "--events-gold", str(GOLD / "project-id.jsonl"), "--store", "duckdb:///gold.duckdb",
                     cwd=tmp_path)
        result = json.loads(out.stdout)
        print(f"\n{name} gold:", json.dumps(result))
        floors = all_floors[name]
        assert result["mentions"] > 600 and result["aligned"] > result["mentions"] * 0.7
        assert result["aligned_only"]["precision"] >= floors["precision"], name
        assert result["aligned_only"]["recall"] >= floors["recall"], name
        assert result["negatives_merged"] <= floors["negatives_merged_max"], name  # look-alikes kept apart


def test_gold_alignment_and_scoring_by_hand() -> None:
    texts = {"a": "Troops attacked the town. Police arrested five.", "b": "The town was attacked by troops.",
             "c": "An attack on the town happened."}
    lines = [{"group": "G1", "kind": "same_event", "articles": ["a", "b", "c", "c-syndicated"],
              "events": [{"event_id": "E1", "event": "ASSAULT", "mentions": [
                  {"doc": "a", "evidence": "attacked the town", "event": "ASSAULT"},
                  {"doc": "b", "evidence": "was attacked", "event": "ASSAULT"},
                  {"doc": "c-syndicated", "evidence": "attack", "event": "ASSAULT"}]}],
              "negatives": [{"a": {"doc": "a", "evidence": "attacked the town", "event": "ASSAULT"},
                             "b": {"doc": "c", "evidence": "An attack", "event": "ASSAULT"}}]}]
    gold_events = {"a": [{"event": "COERCE", "evidence": "arrested five"}], "c": [{"event": "ASSAULT",
                                                                                   "evidence": "An attack"}]}
    clusters, negatives = gold_mentions(lines, texts, gold_events)
    assert [len(c) for c in clusters] == [2, 1, 1]  # the copy is left out; singletons from event gold
    assert negatives == [(Mention("a", 7, 24, "ASSAULT"), Mention("c", 0, 9, "ASSAULT"))]
    events = [SystemEvent("a:0", "a", "ASSAULT", (7, 15), (0, 25)), SystemEvent("a:1", "a", "COERCE", (33, 41), (26, 47)),
              SystemEvent("b:0", "b", "ASSAULT", (13, 21), (0, 32)), SystemEvent("c:0", "c", "ASSAULT", (3, 9), (0, 31))]
    perfect = evaluate_gold(clusters, negatives, events, {"a:0": "k", "b:0": "k"})
    assert (perfect.end_to_end.precision, perfect.end_to_end.recall, perfect.negatives_merged) == (1.0, 1.0, 0)
    assert perfect.aligned == 4
    greedy = evaluate_gold(clusters, negatives, events, {"a:0": "k", "b:0": "k", "c:0": "k"})
    assert greedy.end_to_end.precision == pytest.approx(1 / 3, abs=1e-3) and greedy.negatives_merged == 1
    none = evaluate_gold(clusters, negatives, events[:2], {})
    assert none.end_to_end.recall == 0.0 and none.aligned == 2
