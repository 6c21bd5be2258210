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
    acled = result.get("acled")
    if acled:  # short single-event notes: the share with a typed event, and type and sub-type accuracy
        out["acled_typed"] = round(1 - acled["untyped"], 3)
        out["acled_event_type"] = acled["event_type"]
        out["acled_sub_event_type"] = acled["sub_event_type"]
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


@pytest.mark.parametrize("name", ["project", "notes", "articles", "snippets"])
def test_project_gold_floors(name: str) -> None:
    paths = sorted((ROOT / "tests" / "gold").glob(f"{name}-*.jsonl"))
    if not paths:
        pytest.skip(f"no {name} gold")
    check(name, paths)
