"""The disk cache of compiled data: atomic entries named by a content key, never fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pantau import diskcache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PANTAU_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("PANTAU_CACHE", raising=False)
    return tmp_path


def test_round_trip_and_key_change(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "input.yaml"
    source.write_text("a: 1\n")
    key = diskcache.key_of([source])
    diskcache.save("thing", key, {"built": [1, 2, 3]})
    assert diskcache.load("thing", key) == {"built": [1, 2, 3]}
    source.write_text("a: 2\n")
    new_key = diskcache.key_of([source])
    assert new_key != key
    assert diskcache.load("thing", new_key) is None  # a changed input is never served stale
    diskcache.save("thing", new_key, "v2")
    assert len(list(cache_dir.glob("thing-*.pickle"))) == 2  # the old entry may serve another checkout...
    old = diskcache.path_of("thing", key)
    os.utime(old, (1, 1))  # ...until it has gone unused for a day
    diskcache.save("thing", new_key, "v3")
    assert [p.name for p in cache_dir.glob("thing-*.pickle")] == [f"thing-{new_key}.pickle"]


def test_damaged_entry_is_a_miss(cache_dir: Path) -> None:
    diskcache.path_of("thing", "k").parent.mkdir(parents=True, exist_ok=True)
    diskcache.path_of("thing", "k").write_bytes(b"\x80\x05not a pickle")
    assert diskcache.load("thing", "k") is None


def test_off_switch(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_CACHE", "0")
    diskcache.save("thing", "k", 1)
    assert diskcache.load("thing", "k") is None
    assert not list(cache_dir.iterdir())


def test_unwritable_cache_is_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PANTAU_CACHE_DIR", str(blocker / "sub"))  # a folder below a file
    diskcache.save("thing", "k", 1)
    assert diskcache.load("thing", "k") is None


SCRIPT = """
import json, sys
import pantau
doc = pantau.extract(sys.argv[1], lang=sys.argv[2], published="2025-03-01")
print(json.dumps([e.to_dict() for e in doc.events], sort_keys=True))
"""


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia and Azerbaijan agreed to a ceasefire on Wednesday after clashes killed 15 soldiers.", "en"),
    ("Polisi menangkap tiga orang di Makassar, Sulawesi Selatan, pada Senin (3/3/2025).", "id"),
])
def test_compiled_packs_code_like_fresh_ones(tmp_path: Path, text: str, lang: str) -> None:
    """A process that builds its packs from YAML and one that reads them back from the cache give
    the same events (each in a fresh interpreter, against an empty cache folder)."""
    env = {**os.environ, "PANTAU_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", SCRIPT, text, lang], env=env, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)]
    assert any((tmp_path / "cache").glob(f"pack-{lang}-*.pickle"))
    assert runs[0] == runs[1]
    assert json.loads(runs[0])


def test_what_is_loaded_is_never_walked_by_the_collector(cache_dir: Path) -> None:
    """A loaded entry lives as long as the process: frozen out of the collector's generations, it
    costs no pause at the first sentence."""
    import gc

    diskcache.save("many", "k", [[i] for i in range(20_000)])
    value = diskcache.load("many", "k")
    assert value is not None and len(value) == 20_000
    walked = {id(o) for o in gc.get_objects()}
    assert id(value) not in walked and id(value[0]) not in walked


READY = """
import sys
from pantau.extract.pipeline import coder_for
from pantau.lang import load_pack
from pantau.ontology import load_ontology
coder_for(sys.argv[1])
pack = load_pack(sys.argv[1])
built = [key for key in ("numbers.grammar", "dates.rules", "dates.words", "segment.abbreviations") if key in pack.cache]
load_ontology()
print(pack.compiled, pack.cache["coder.phrases"].index._plan is not None, " ".join(built), "yaml" in sys.modules)
"""


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_compiled_pack_holds_all_the_first_sentence_needs(tmp_path: Path, lang: str) -> None:
    """The second process reads the pack with its phrase plan, number grammar, date rules and words
    and abbreviations already built, and the ontology without the YAML parser."""
    env = {**os.environ, "PANTAU_CACHE_DIR": str(tmp_path / "cache")}
    first, second = (subprocess.run([sys.executable, "-c", READY, lang], env=env, capture_output=True, text=True,
                                    check=True).stdout.split() for _ in range(2))
    assert first[-1] == "True"  # the first process built from YAML
    assert second == ["True", "True", "numbers.grammar", "dates.rules", "dates.words", "segment.abbreviations",
                      "False"]
