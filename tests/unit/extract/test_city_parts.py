"""The city table kept in parts: a loaded table answers as the built one and decodes only the parts
its lookups reach; its rows come back from their lines exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantau import diskcache
from pantau.extract import gazetteer
from pantau.extract.gazetteer import SEP, CityTable


def test_rows_come_back_exactly() -> None:
    rows = [("Kota Baru", "IDN", None, -3.30917, 116.16806, 1, 15000),
            ("Saint-Étienne", "FRA", "Auvergne-Rhône-Alpes", 45.43389, 4.39, 2, 171057),
            ("Nowhere", None, None, 0.1, -0.0001, 3, 0)]
    names = {"kota" + SEP + "baru": 0, "saint" + SEP + "-" + SEP + "étienne": 1, "nowhere": (2, 0)}
    lengths = {"kota": 1 << 2, "saint": 1 << 3, "nowhere": 1 << 1}
    table = CityTable.of(names, lengths, rows)
    assert [table.row(j) for j in range(3)] == rows
    assert [c.name for c in table.get(("nowhere",))] == ["Nowhere", "Kota Baru"]
    assert table.get(("kota",)) == [] and len(table) == 3


def test_a_loaded_table_answers_as_built_and_decodes_only_what_it_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_CACHE_DIR", str(tmp_path))
    built = gazetteer.build_cities()
    diskcache.save("cities-test", "k", built.packed())
    cached = diskcache.load("cities-test", "k")
    assert isinstance(cached, tuple)
    loaded = CityTable(*cached)
    assert len(loaded) == len(built) > 100_000 and len(loaded._parts) > 1_000
    asked = [("jakarta",), ("kyiv",), ("rafah",), ("new", "york"), ("xyzzy",)]
    for key in asked:
        assert loaded.get(key) == built.get(key)
    decoded = [k for k, part in loaded._parts.items() if not isinstance(part, bytes)]
    assert sorted(decoded) == sorted({SEP.join(key)[:gazetteer.PART_CHARS] for key in asked} & set(loaded._parts))
    sample = [key for part in list(built._parts.values())[::50] for key in list(part[0])[:5]]
    assert len(sample) > 500
    assert all(loaded.get(tuple(key.split(SEP))) == built.get(tuple(key.split(SEP))) for key in sample)
