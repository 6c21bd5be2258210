from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
ARTICLES = REPO / "examples" / "articles.jsonl"
SEED = REPO.parent / "shared" / "eval" / "dev" / "seed.jsonl"


@pytest.fixture(scope="session")
def articles() -> list[dict]:
    if not ARTICLES.is_file():
        pytest.skip("examples/articles.jsonl is absent")
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_record() -> dict:
    if not SEED.is_file():
        pytest.skip("/work/shared (seed.jsonl) is absent")
    return json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="session")
def example_corpus(tmp_path_factory: pytest.TempPathFactory, articles: list[dict]):
    from pantau.ingest.corpus import build_example_corpus

    return build_example_corpus(tmp_path_factory.mktemp("corpus"))
