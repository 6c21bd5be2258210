"""The extractor stays above the quality floors pinned in tests/quality_floors.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pantau.cli.evaluate import load_gold, run_eval

ROOT = Path(__file__).resolve().parents[2]
FLOORS = yaml.safe_load((ROOT / "tests" / "quality_floors.yaml").read_text(encoding="utf-8"))


def figures(result: dict[str, Any]) -> dict[str, float]:
    out = {"relaxed_f1": result["relaxed"]["all"]["f1"], "strict_f1": result["strict"]["all"]["f1"],
           "relaxed_recall": result["relaxed"]["all"]["r"]}
    for key, value in result["relaxed"].items():
        if key.islower() and key != "all":  # per-language lines: en, id, ms, ...
            out[f"relaxed_f1_{key}"] = value["f1"]
    for field in ("date", "claimant"):
        if result["fields"].get(field, {}).get("acc") is not None:
            out[field] = result["fields"][field]["acc"]
    return out


def check(name: str, paths: list[Path]) -> None:
    result, _ = run_eval(load_gold(tuple(str(p) for p in paths)))
    got = figures(result)
    low = {k: (got.get(k), floor) for k, floor in FLOORS[name].items() if got.get(k, 0.0) < floor}
    assert not low, f"{name} gold below its floors (measured, floor): {low}"


def test_dev_gold_floors(shared: Path) -> None:
    check("dev", sorted((shared / "eval" / "dev").glob("*.jsonl")))


def test_external_gold_floors(shared: Path) -> None:
    check("external", [shared / "eval" / "external" / "plover-gsr-dev.jsonl"])


def test_project_gold_floors() -> None:
    paths = sorted((ROOT / "tests" / "gold").glob("project-*.jsonl"))
    if not paths:
        pytest.skip("no project gold")
    check("project", paths)
