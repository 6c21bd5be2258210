"""The queries people reach for: shared, validated filters on events, stats, export and clusters list."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pantau.store import EventQuery, open_store

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "articles.jsonl"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True, text=True, timeout=300)


def jsonl(proc: subprocess.CompletedProcess[str]) -> list[dict]:
    assert proc.returncode == 0, proc.stderr
    return [json.loads(x) for x in proc.stdout.splitlines()]


@pytest.mark.parametrize(("args", "hint"), [
    (["--type", "NOPE"], "not an event type"),
    (["--country", "XXX"], "not an ISO3"),
    (["--country", "_DN"], "not an ISO3"),
    (["--country", "%"], "not an ISO3"),
    (["--modality", "maybe"], "not a modality"),
    (["--sub-event", "Picnic"], "not an ACLED sub-event type"),
    (["--bbox", "1,2,3"], "four numbers"),
    (["--since", "yesterday"], "not an ISO date"),
])
def test_unknown_filter_values_are_usage_errors(store: str, args: list[str], hint: str) -> None:
    for command in (["events"], ["stats"], ["clusters", "list"], ["export", "--format", "plover"]):
        proc = run(*command, "--store", store, *args)
        assert proc.returncode == 2 and hint in proc.stderr and "Traceback" not in proc.stderr, (command, proc.stderr)


def test_country_codes_are_never_patterns(store: str) -> None:
    with open_store(store) as st:
        assert st.events(EventQuery(country="_DN")) == []
        assert st.events(EventQuery(country="%")) == []
        assert st.events(EventQuery(country="IDN"))


def test_events_default_newest_first_asserted_and_rounded(store: str) -> None:
    rows = jsonl(run("events", "--store", store, "--format", "jsonl"))
    every = jsonl(run("events", "--store", store, "--format", "jsonl", "--modality", "all"))
    assert rows and {r["modality"] for r in rows} == {"asserted"}
    assert len(every) > len(rows) and {r["modality"] for r in every} > {"asserted"}
    days = [r["day"] for r in rows if r["day"]]
    assert days == sorted(days, reverse=True)
    assert all(len(str(r["confidence"]).split(".")[-1]) <= 2 for r in rows)


def test_events_filters_and_columns(store: str) -> None:
    cols = "event_id,day,event,actor_names,place,sentence,url,title,cluster,claimant_code,confidence"
    rows = jsonl(run("events", "--store", store, "--format", "jsonl", "--columns", cols, "--modality", "all"))
    assert list(rows[0]) == cols.split(",")
    claimed = next(r for r in rows if r["claimant_code"])
    by_claimant = jsonl(run("events", "--store", store, "--format", "jsonl", "--modality", "all",
                            "--claimant", claimed["claimant_code"]))
    assert by_claimant and claimed["event_id"] in {r["event_id"] for r in by_claimant}
    with_place = next(r for r in rows if r["place"] and r["sentence"])
    assert with_place["sentence"] and with_place["title"]
    doc = with_place["event_id"].rsplit(":", 1)[0]
    of_doc = jsonl(run("events", "--store", store, "--format", "jsonl", "--modality", "all", "--document", doc))
    assert of_doc and all(r["event_id"].startswith(doc + ":") for r in of_doc)
    clustered = next(r for r in rows if r["cluster"])
    members = jsonl(run("events", "--store", store, "--format", "jsonl", "--modality", "all", "--cluster",
                        clustered["cluster"]))
    assert clustered["event_id"] in {r["event_id"] for r in members}
    confident = jsonl(run("events", "--store", store, "--format", "jsonl", "--min-confidence", "0.8"))
    assert all(r["confidence"] >= 0.8 for r in confident)
    clashes = jsonl(run("events", "--store", store, "--format", "jsonl", "--sub-event", "armed clash",
                        "--columns", "event_id,acled_sub_event_type"))
    assert clashes and {r["acled_sub_event_type"] for r in clashes} == {"Armed clash"}
    # Indonesia's bounding box holds the Indonesian stories' events and no Armenian one
    boxed = jsonl(run("events", "--store", store, "--format", "jsonl", "--bbox", "-11,95,6,141",
                      "--columns", "event_id,country,lat,lon"))
    assert boxed and all(-11 <= r["lat"] <= 6 and 95 <= r["lon"] <= 141 for r in boxed)
    assert "ARM" not in {r["country"] for r in boxed}
    bad = run("events", "--store", store, "--columns", "event_id,nope")
    assert bad.returncode == 2 and "nope" in bad.stderr


def test_stats_per_month_with_fatalities_and_clusters(store: str) -> None:
    daily = list(csv.DictReader(io.StringIO(run("stats", "--store", store, "--format", "csv").stdout)))
    monthly = list(csv.DictReader(io.StringIO(run("stats", "--store", store, "--format", "csv", "--per",
                                                  "month").stdout)))
    assert list(monthly[0]) == ["month", "event", "n", "dead"]
    assert all(r["month"].endswith("-01") for r in monthly)
    assert sum(int(r["n"]) for r in daily) == sum(int(r["n"]) for r in monthly)
    assert sum(int(r["dead"]) for r in monthly) > 0
    real = list(csv.DictReader(io.StringIO(run("stats", "--store", store, "--format", "csv", "--by",
                                               "clusters").stdout)))
    assert 0 < sum(int(r["n"]) for r in real) < sum(int(r["n"]) for r in daily)
    every = list(csv.DictReader(io.StringIO(run("stats", "--store", store, "--format", "csv", "--modality",
                                                "all").stdout)))
    assert sum(int(r["n"]) for r in every) > sum(int(r["n"]) for r in daily)


def test_export_and_clusters_list_take_the_filters(store: str) -> None:
    every = run("export", "--store", store, "--format", "plover", "--modality", "all").stdout.splitlines()
    idn = run("export", "--store", store, "--format", "plover", "--country", "IDN").stdout.splitlines()
    assert 0 < len(idn) < len(every)
    everything = jsonl(run("clusters", "list", "--store", store, "--format", "jsonl", "--modality", "all"))
    seen = jsonl(run("events", "--store", store, "--format", "jsonl", "--columns", "event_id,cluster,country"))
    pick = next(r for r in seen if r["cluster"] and r["country"])
    listed = jsonl(run("clusters", "list", "--store", store, "--format", "jsonl", "--country", pick["country"]))
    assert pick["cluster"] in {c["cluster_id"] for c in listed} and len(listed) < len(everything)
    for c in listed:  # each listed cluster holds an asserted event in that country
        assert jsonl(run("events", "--store", store, "--format", "jsonl", "--cluster", c["cluster_id"],
                         "--country", pick["country"]))


def test_ceasefires_command_lists_and_shows_the_example_truce(store: str) -> None:
    listed = run("ceasefires", "--store", store, "--country", "THA", "--as-of", "2026-04-20", "--format", "jsonl")
    rows = jsonl(listed)
    assert [r["parties"] for r in rows] == [["KHM", "THA"]]
    truce = rows[0]
    assert truce["start"] == "2026-04-14" and "MYS" in [b["code"] for b in truce["brokers"]]
    assert truce["status"] == "violations alleged" and truce["days_since_violation"] == 4
    shown = run("ceasefires", "show", truce["ceasefire_id"], "--store", store, "--as-of", "2026-04-20")
    detail = json.loads(shown.stdout)
    assert {t["kind"] for t in detail["timeline"] if t["phase"] == "after"} >= {"incident", "accusation", "denial"}
    table = run("ceasefires", "--store", store)
    assert table.returncode == 0 and "KHM-THA" in table.stdout
    bad = run("ceasefires", "--store", store, "--status", "shaky")
    assert bad.returncode == 2 and "holding" in bad.stderr
    unknown = run("ceasefires", "show", "cf-nope", "--store", store)
    assert unknown.returncode == 2 and "pantau ceasefires" in unknown.stderr
