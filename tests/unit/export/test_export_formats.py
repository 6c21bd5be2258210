"""Every export format run on a real DuckDB store, checked column by column (docs/exports.md)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from export_reports import GORIS, SHELLING_A, reports

import pantau
from pantau.errors import StoreError
from pantau.export import FORMATS, export
from pantau.export.formats import ACLED_COLUMNS, GDELT_COLUMNS, QUAD_CLASS
from pantau.store import SqlStore, open_store
from pantau.store.schema import TABLES

SENTENCE_A = SHELLING_A[:SHELLING_A.index(" Baku")]


def run(store: SqlStore, fmt: str, *, clusters: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    n = export(store, fmt, out, clusters=clusters)
    return n, out.getvalue()


def cameo(store: SqlStore, *, clusters: bool = False) -> tuple[list[str], dict[str, dict[str, str]]]:
    n, text = run(store, "cameo", clusters=clusters)
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    rows = {r["GLOBALEVENTID"]: r for r in reader}
    assert n == len(rows)
    return list(reader.fieldnames or ()), rows


def acled(store: SqlStore, *, clusters: bool = False) -> tuple[list[str], dict[str, dict[str, str]]]:
    n, text = run(store, "acled", clusters=clusters)
    reader = csv.DictReader(io.StringIO(text))
    rows = {r["event_id_cnty"]: r for r in reader}
    assert n == len(rows)
    return list(reader.fieldnames or ()), rows


def plover(store: SqlStore, *, clusters: bool = False) -> dict[str, dict[str, Any]]:
    n, text = run(store, "plover", clusters=clusters)
    records = [json.loads(line) for line in text.splitlines()]
    assert n == len(records)
    return {r["id"]: r for r in records}


def test_cameo_rows_have_gdelt_columns_and_codes(store: SqlStore) -> None:
    header, rows = cameo(store)
    assert tuple(header) == GDELT_COLUMNS
    assert sorted(rows) == ["a:0", "a:1", "b:0", "c:0", "c:1", "c:2", "c:3"]  # every event, negated too
    assert rows["a:0"] == {
        "GLOBALEVENTID": "a:0", "SQLDATE": "20211116", "MonthYear": "202111", "Year": "2021",
        "Actor1Code": "AZEMIL", "Actor1Name": "Azerbaijani troops", "Actor1CountryCode": "AZE", "Actor1Type1Code": "MIL",
        "Actor2Code": "ARMMIL", "Actor2Name": "Armenian positions", "Actor2CountryCode": "ARM", "Actor2Type1Code": "MIL",
        "IsRootEvent": "1", "EventCode": "194", "EventBaseCode": "194", "EventRootCode": "19", "QuadClass": "4",
        "NumSources": "1", "NumArticles": "1", "ActionGeo_Type": "4", "ActionGeo_FullName": "Goris",
        "ActionGeo_CountryCode": "AM", "ActionGeo_ADM1Code": "Syunik", "ActionGeo_Lat": str(GORIS.lat),
        "ActionGeo_Long": str(GORIS.lon), "ActionGeo_FeatureID": str(GORIS.geonameid),
        "SOURCEURL": "https://a.example/shelling", "Modality": "asserted"}
    # a four-digit CAMEO code: base and root are its first three and two digits
    assert (rows["c:1"]["EventCode"], rows["c:1"]["EventBaseCode"], rows["c:1"]["EventRootCode"]) == ("1724", "172", "17")
    # a month-precise date has no SQLDATE; admin1 precision is GDELT geo type 5; FIPS ID is Indonesia
    assert (rows["c:0"]["SQLDATE"], rows["c:0"]["MonthYear"], rows["c:0"]["Year"]) == ("", "202111", "2021")
    assert (rows["c:0"]["ActionGeo_Type"], rows["c:0"]["ActionGeo_CountryCode"]) == ("5", "ID")
    assert rows["c:0"]["Actor2Code"] == rows["c:0"]["Actor2Name"] == ""  # a protest with no recipient
    # a verbal conflict without a place
    assert (rows["a:1"]["QuadClass"], rows["a:1"]["EventRootCode"], rows["a:1"]["ActionGeo_Type"]) == ("3", "13", "")


def test_cameo_cluster_record_counts_sources_and_articles(store: SqlStore) -> None:
    _, rows = cameo(store, clusters=True)
    (cid,) = [i for i in rows if i.startswith("c") and ":" not in i]
    assert "a:0" not in rows and "b:0" not in rows and len(rows) == 6
    assert (rows[cid]["NumSources"], rows[cid]["NumArticles"], rows[cid]["EventCode"]) == ("2", "2", "194")
    # the most confident member's wording and URL
    assert (rows[cid]["Actor1Name"], rows[cid]["SOURCEURL"]) == ("Azerbaijani troops", "https://a.example/shelling")


def test_acled_csv_has_asserted_events_of_an_acled_type(store: SqlStore) -> None:
    header, rows = acled(store)
    assert tuple(header) == ACLED_COLUMNS
    # not the threat (no ACLED type) nor the denied beating (negated)
    assert sorted(rows) == ["a:0", "b:0", "c:0", "c:1", "c:2"]
    # actors named as ACLED names them, from code and sector; Azerbaijan's army in Armenia is external (8)
    assert rows["a:0"] == {
        "event_id_cnty": "a:0", "event_date": "2021-11-16", "year": "2021", "time_precision": "1",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Azerbaijan", "assoc_actor_1": "", "inter1": "8",
        "actor2": "Military Forces of Armenia", "assoc_actor_2": "", "inter2": "1", "interaction": "18",
        "civilian_targeting": "", "iso": "51", "country": "Armenia", "admin1": "Syunik", "admin2": "",
        "location": "Goris", "latitude": str(GORIS.lat), "longitude": str(GORIS.lon), "geo_precision": "1",
        "source": "a.example", "notes": SENTENCE_A, "fatalities": "3"}
    gas = rows["c:1"]
    assert (gas["event_type"], gas["sub_event_type"], gas["civilian_targeting"]) == \
        ("Protests", "Excessive force against protesters", "Civilian targeting")
    assert (gas["time_precision"], gas["geo_precision"], gas["iso"], gas["country"], gas["fatalities"]) == \
        ("3", "3", "360", "Indonesia", "0")
    # a month-precise date is a full date at the middle of the month, as ACLED codes it
    assert (gas["event_date"], gas["year"]) == ("2021-11-15", "2021")
    assert (gas["actor1"], gas["inter1"], gas["actor2"], gas["inter2"], gas["interaction"]) == \
        ("Police Forces of Indonesia", "1", "Civilians (Indonesia)", "7", "17")
    assert (rows["c:0"]["actor1"], rows["c:0"]["inter1"], rows["c:0"]["interaction"]) == \
        ("Students (Indonesia)", "7", "70")
    assert (rows["c:2"]["event_type"], rows["c:2"]["sub_event_type"]) == ("Strategic developments", "Arrests")


def test_acled_cluster_record_is_one_row_with_the_reconciled_toll(store: SqlStore) -> None:
    _, rows = acled(store, clusters=True)
    (cid,) = [i for i in rows if ":" not in i]
    assert sorted(rows) == sorted([cid, "c:0", "c:1", "c:2"])
    assert (rows[cid]["fatalities"], rows[cid]["source"], rows[cid]["location"]) == ("3", "a.example; b.example", "Goris")


def test_plover_records_carry_every_field(store: SqlStore) -> None:
    records = plover(store)
    assert sorted(records) == ["a:0", "a:1", "b:0", "c:0", "c:1", "c:2", "c:3"]
    assert records["a:0"] == {
        "id": "a:0", "date": "2021-11-16", "date_resolution": "day", "event": "ASSAULT", "mode": "heavy-weapons",
        "context": [], "actor": ["AZE"], "actor_sector": ["MIL"], "actor_text": ["Azerbaijani troops"],
        "recipient": ["ARM"], "recipient_sector": ["MIL"], "recipient_text": ["Armenian positions"],
        "dead": 3, "injured": None, "size": None, "placename": "Goris", "statename": "Syunik",
        "countryname": "ARM", "lat": GORIS.lat, "lon": GORIS.lon, "geonamesID": GORIS.geonameid,
        "location_precision": "point", "claimant": ["ARM"], "modality": "asserted", "cameo": "194",
        "quad": "material conflict", "text": SENTENCE_A, "source": ["a.example"],
        "url": ["https://a.example/shelling"], "doc_id": ["a"], "publication_date": "2021-11-17",
        "confidence": 0.8, "members": ["a:0"]}
    assert (records["c:2"]["size"], records["c:2"]["dead"]) == ({"arrested": 12}, None)
    assert records["c:3"]["modality"] == "negated" and records["a:1"]["placename"] is None


def test_plover_cluster_record_merges_its_members(store: SqlStore) -> None:
    records = plover(store, clusters=True)
    (cid,) = [i for i in records if ":" not in i]
    merged = records[cid]
    assert merged["members"] == ["a:0", "b:0"] and merged["doc_id"] == ["a", "b"]
    assert merged["source"] == ["a.example", "b.example"]
    assert merged["url"] == ["https://a.example/shelling", "https://b.example/goris"]
    assert (merged["dead"], merged["date"], merged["date_resolution"], merged["placename"]) == (3, "2021-11-16", "day",
                                                                                            "Goris")
    assert merged["actor_text"] == ["Azerbaijani troops"] and merged["confidence"] == 0.8  # one AZE/MIL actor
    assert merged["text"] == SENTENCE_A and merged["claimant"] == ["ARM"]


def test_parquet_round_trips_every_table(store: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    total = export(store, "parquet", out)
    counts = store.counts()
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.parquet" for name in TABLES)
    for name, table in TABLES.items():
        read = pq.read_table(out / f"{name}.parquet")
        assert read.schema.equals(table.arrow_schema()), name
        assert read.equals(store.table(name)), name
        if name != "schema_info":
            assert read.num_rows == counts[name], name
    assert total == sum(pq.read_metadata(out / f"{name}.parquet").num_rows for name in TABLES)
    docs = {r["doc_id"]: r["text"] for r in pq.read_table(out / "documents.parquet").to_pylist()}
    assert docs == {d.doc_id: d.text for d in reports()}  # text (with its em dash) unchanged
    events = pq.read_table(out / "events.parquet").to_pylist()
    assert [e["event_id"] for e in events] == sorted(e.id for d in reports() for e in d.events)
    assert {e["event_id"]: str(e["day"]) for e in events}["a:0"] == "2021-11-16"


def test_export_refuses_what_it_cannot_write(store: SqlStore) -> None:
    assert FORMATS == ("plover", "cameo", "acled", "parquet")
    with pytest.raises(StoreError, match="unknown export format 'gdelt'"):
        export(store, "gdelt", io.StringIO())
    with pytest.raises(StoreError, match="DIRECTORY"):
        export(store, "parquet", io.StringIO())


def test_exports_of_extracted_text_agree_with_the_events(tmp_path: Path) -> None:
    """End to end: extracted events, stored, come out of each format with their own codes."""
    texts = [
        {"id": "e1", "lang": "en", "published": "2021-11-17", "url": "https://a.example/1",
         "text": "Azerbaijani troops shelled Armenian positions near the border on Tuesday, killing three soldiers."},
        {"id": "e2", "lang": "en", "published": "2021-11-17", "url": "https://b.example/2",
         "text": "Thousands of workers protested in Jakarta on Monday against the new labour law."},
    ]
    docs = list(pantau.extract_many(texts))
    events = {e.id: e for d in docs for e in d.events}
    assert events, "the coder found no event in two plain news sentences"
    with open_store(f"duckdb:///{tmp_path}/extracted.duckdb") as st:
        st.write_documents(docs)
        _, rows = cameo(st)
        _, acled_rows = acled(st)
        records = plover(st)
    assert set(rows) == set(records) == set(events)
    for eid, e in events.items():
        assert (rows[eid]["EventCode"], rows[eid]["QuadClass"]) == (e.cameo or "", str(QUAD_CLASS[e.quad or ""]))
        if e.date_precision == "day" and e.date:
            assert rows[eid]["SQLDATE"] == e.date.replace("-", "")
        assert (records[eid]["event"], records[eid]["mode"], records[eid]["modality"]) == (e.event, e.mode, e.modality)
        assert records[eid]["actor"] == [a.code for a in e.actor]
    assert set(acled_rows) == {i for i, e in events.items() if e.acled and e.modality == "asserted"}
    for eid in acled_rows:
        assert (acled_rows[eid]["event_type"], acled_rows[eid]["sub_event_type"]) == events[eid].acled


def test_acled_dates_and_names_follow_acled_conventions() -> None:
    from pantau.export.formats import acled_actor, acled_date

    assert acled_date("2026", "year") == ("2026-07-01", 3)
    assert acled_date("2026-03", "month") == ("2026-03-15", 3)
    assert acled_date("2026-03-04", "day") == ("2026-03-04", 1)
    assert acled_date("2026-03-04", "published") == ("2026-03-04", 2)
    # a pronoun or a bare common noun is never an ACLED actor name
    assert acled_actor({"text": "Kami", "code": "IDN", "sector": "COP"}, "IDN", "Battles") == \
        ("Police Forces of Indonesia", 1)
    assert acled_actor({"text": "polisi", "code": "IDN", "sector": "COP", "name": None}, "IDN", "Battles")[0] == \
        "Police Forces of Indonesia"
    assert acled_actor({"text": "warga", "code": "IDN", "sector": "OPP"}, "IDN", "Riots") == ("Rioters (Indonesia)", 5)
    assert acled_actor({"text": "Hamas fighters", "code": "PSE", "sector": "REB", "name": "Hamas"}, "ISR",
                       "Battles") == ("Hamas", 2)
    assert acled_actor({"text": "UN peacekeepers", "code": "UNO", "sector": "MIL", "name": "United Nations"}, "COD",
                       "Battles") == ("United Nations", 8)


def test_csv_cells_are_safe_for_spreadsheets_and_terminals() -> None:
    from pantau.export.formats import safe_cell

    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [safe_cell(v) for v in ("+1", "-cmd", "@SUM(A1)")] == ["'+1", "'-cmd", "'@SUM(A1)"]
    assert safe_cell("\x1b[31mred\x1b[0m") == "\ufffd[31mred\ufffd[0m"
    assert safe_cell(-6.2) == -6.2 and safe_cell("Goris") == "Goris"


def test_hostile_text_in_a_store_reaches_csv_inert(tmp_path: Path) -> None:
    hostile = "=cmd|' /C calc'!A0 \x1b]0;pwned\x07 Police arrested five protesters in Nairobi on Monday."
    doc = pantau.extract(hostile, lang="en", published="2025-07-08", doc_id="\x1b[2Jevil")
    url = f"duckdb:///{tmp_path / 'h.duckdb'}"
    with open_store(url) as st:
        st.write_documents([doc])
        out = io.StringIO()
        export(st, "acled", out)
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows  # the arrest is exported...
    for row in rows:  # ...inert
        assert row["notes"].startswith("'=") and not row["event_id_cnty"].startswith("\x1b")
