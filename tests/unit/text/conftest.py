"""Fixtures for the text machinery tests: the two shipped packs and the shared dev gold (optional)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pantau.lang import Pack, load_pack

DEV = Path("/work/shared/eval/dev")


@pytest.fixture(scope="session")
def en() -> Pack:
    return load_pack("en")


@pytest.fixture(scope="session")
def id_() -> Pack:
    return load_pack("id")


@pytest.fixture(scope="session")
def packs(en: Pack, id_: Pack) -> dict[str, Pack]:
    return {"en": en, "id": id_}


@pytest.fixture(scope="session")
def dev_docs() -> list[dict[str, Any]]:
    """Documents of the shared dev gold; the tests that use them skip when it is absent."""
    files = sorted(DEV.glob("*.jsonl")) if DEV.is_dir() else []
    if not files:
        pytest.skip(f"{DEV} is not available")
    docs = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append(json.loads(line))
    return docs
