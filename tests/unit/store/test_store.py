"""The store protocol on both backends: round trip, idempotence, replacement, queries, runs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pytest
from factory import corpus, document, event

from pantau.model import Document
from pantau.run import ingest
from pantau.settings import Options
from pantau.store import EventQuery, SqlStore, open_store

DATA_TABLES = ("documents", "events", "entities", "claims", "quantities", "locations", "rejections")


def expected_counts(docs: list[Document]) -> dict[str, int]:
    evs = [e for d in docs for e in d.events]
    return {
        "documents": len(docs),
        "events": len(evs),
        "entities": sum(len(e.actor) + len(e.recipient) for e in evs),
        "claims": sum(len(e.claims) for e in evs),
        "quantities": sum(len(e.size) + sum(len(c.size) for c in e.claims) for e in evs),
        "locations": sum(1 for e in evs if e.location is not None),
        "rejections": sum(1 for d in docs if d.rejected is not None),
    }


def snapshot(store: SqlStore) -> dict[str, list[tuple]]:
    out = {}
    for name in DATA_TABLES:
        rows = store.query(f"SELECT * FROM {name}")
        out[name] = sorted(tuple(sorted((k, str(v)) for k, v in r.items() if k != "run_id")) for r in rows)
    return out


def test_round_trip_counts_and_detail(store: SqlStore) -> None:
    docs = corpus(120)
    counts = store.write_documents(docs, batch_size=25)
    assert counts.documents == 120 and counts.batches == 5
    got = store.counts()
    assert {k: got[k] for k in DATA_TABLES} == expected_counts(docs)
    ev = next(e for d in docs for e in d.events if e.claims and e.size)
    detail = store.event_detail(ev.id)
    assert detail is not None
    doc = next(d for d in docs if ev in d.events)
    assert detail["sentence_text"] == doc.text[ev.sentence.start:ev.sentence.end]
    assert detail["trigger_text"] == ev.trigger_text
    assert detail["claims"][0]["claimant_code"] == ev.claims[0].claimant.code  # type: ignore[union-attr]
    own = {q["key"]: q["value"] for q in detail["quantities"] if q["claim_ordinal"] == -1}
    assert own == {k: q.value for k, q in ev.size}
    assert detail["location"]["country"] == ev.location.country  # type: ignore[union-attr]
    assert [x["code"] for x in detail["entities"] if x["role"] == "actor"] == [a.code for a in ev.actor]
    assert store.event_detail("no-such-event") is None


def test_rewriting_is_idempotent_whatever_the_batching(store: SqlStore) -> None:
    docs = corpus(90)
    store.write_documents(docs, batch_size=90)
    first = snapshot(store)
    store.write_documents(docs, batch_size=7)
    store.write_documents(docs[:30] + docs, batch_size=13)  # duplicates inside one batch too
    assert snapshot(store) == first


def test_a_re_extracted_document_replaces_its_old_rows(store: SqlStore) -> None:
    text = "One article, extracted twice by two versions of the coder."
    old = document(text, {"dead": 3, "claimant": "ARM", "claim_dead": 5}, {"kind": "PROTEST"})
    store.write_documents([old])
    assert store.count("events") == 2 and store.count("quantities") == 2
    new = document(text, {"dead": 4})
    store.write_documents([new])
    assert store.count("events") == 1 and store.count("claims") == 0
    assert store.query("SELECT value FROM quantities") == [{"value": 4}]
    assert store.count("documents") == 1


def test_rejections_are_stored_and_cleared(store: SqlStore) -> None:
    doc = document("A text that first failed and then worked.", {"kind": "PROTEST"})
    failed = Document(doc_id=doc.doc_id, text=doc.text, rejected=__import__("pantau").Rejection("parse_error", "x"))
    store.write_documents([failed])
    assert store.query("SELECT reason FROM rejections") == [{"reason": "parse_error"}]
    store.write_documents([doc])
    assert store.count("rejections") == 0 and store.count("events") == 1


def test_event_filters_match_a_plain_python_filter(store: SqlStore) -> None:
    docs = corpus(200, seed=11)
    store.write_documents(docs)
    evs = [e for d in docs for e in d.events]

    def expect(country: str | None = None, actor: str | None = None, kind: str | None = None,
               since: str | None = None, until: str | None = None) -> set[str]:
        out = set()
        for e in evs:
            codes = {x.code for x in e.actor + e.recipient}
            if country and (e.location is None or country not in e.location.countries):
                continue
            if actor and actor not in codes or kind and e.event != kind:
                continue
            if since and (e.date or "") < since or until and (e.date or "9") > until:
                continue
            out.add(e.id)
        return out

    cases = [dict(country="ARM"), dict(actor="AZE"), dict(kind="PROTEST"), dict(since="2021-06-01", until="2021-06-30"),
             dict(country="IDN", actor="UKR", kind="ASSAULT", since="2021-03-01")]
    for case in cases:
        q = EventQuery(country=case.get("country"), actor=case.get("actor"), event=case.get("kind"),
                       since=case.get("since"), until=case.get("until"))
        got = {r["event_id"] for r in store.events(q)}
        assert got == expect(**case), case
        assert got, f"the corpus should have events for {case}"
    daily = store.daily_counts(EventQuery(country="ARM"))
    assert sum(r["n"] for r in daily) == len(expect(country="ARM"))
    assert all(isinstance(r["day"], dt.date) for r in daily)


def test_ingest_records_one_run_per_identical_ingest(store: SqlStore, tmp_path: Path) -> None:
    docs = corpus(40)
    path = tmp_path / "out.jsonl"
    path.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in docs))
    first = ingest(store, [str(path)], Options(), extracted=True, batch_size=9)
    again = ingest(store, [str(path)], Options(), extracted=True, batch_size=4)
    assert first.run_id == again.run_id
    runs = store.query("SELECT * FROM runs")
    assert len(runs) == 1
    run = runs[0]
    assert run["status"] == "done" and run["n_documents"] == 40
    assert run["n_events"] == sum(len(d.events) for d in docs)
    assert run["pantau_version"] and len(run["settings_hash"]) == 16
    assert json.loads(run["sources"]) == [str(path.resolve())]
    other = ingest(store, [str(path)], Options(max_reject_rate=0.9), extracted=True)
    assert other.run_id != first.run_id and store.count("runs") == 2
    assert store.count("documents") == 40


def test_reopening_keeps_data(store_url: str) -> None:
    with open_store(store_url) as st:
        st.write_documents(corpus(10))
        before = st.counts()
    with open_store(store_url, create=False, read_only=True) as st:
        assert st.counts() == before


def test_events_with_no_date_or_location(store: SqlStore) -> None:
    doc = document("An undated report from nowhere in particular.", {"date": None, "precision": None, "country": None})
    store.write_documents([doc])
    assert store.count("locations") == 0
    assert store.events(EventQuery())[0]["day"] is None
    assert store.events(EventQuery(since="2000-01-01")) == []


@pytest.mark.parametrize("date,day", [("2021-11-16", dt.date(2021, 11, 16)), ("2021-11", dt.date(2021, 11, 1)),
                                      ("2021", dt.date(2021, 1, 1)), ("bogus", None)])
def test_day_of(date: str, day: dt.date | None) -> None:
    from pantau.store.rows import day_of

    assert day_of(date) == day


def test_document_round_trips_through_output_json() -> None:
    from pantau.store.rows import document_from_dict

    doc = document("Round trip text for the output reader.", {"dead": 2, "claimant": "AZE", "claim_dead": 9})
    back = document_from_dict(json.loads(json.dumps(doc.to_dict())))
    assert back.to_dict() == doc.to_dict()
    assert event(doc.doc_id, 0).id == doc.events[0].id


def test_nul_characters_never_fail_a_batch(store: SqlStore) -> None:
    bad = document("A text with a NUL \x00 inside it.", {"kind": "PROTEST"})
    good = document("A perfectly ordinary text.", {"kind": "PROTEST"})
    store.write_documents([bad, good])
    assert store.count("documents") == 2
    if store.dialect == "postgresql":  # stored as a rejection with its text, not as a failed batch
        assert store.query("SELECT reason FROM rejections") == [{"reason": "undecodable"}]
        assert store.count("events") == 1
    else:
        assert store.count("events") == 2


def rollup_matches_events(store: SqlStore) -> None:
    got = {(r["country"], r["day"], r["event"]): r["n"] for r in store.query("SELECT * FROM daily_counts")}
    want = {(r["c"], r["day"], r["event"]): r["n"] for r in store.query(
        "SELECT coalesce(country, '') AS c, day, event, count(*) AS n FROM events WHERE day IS NOT NULL "
        "GROUP BY coalesce(country, ''), day, event")}
    assert got == want


def test_daily_counts_rollup_stays_exact_through_rewrites(store: SqlStore) -> None:
    docs = corpus(150, seed=3)
    store.write_documents(docs, batch_size=40)
    rollup_matches_events(store)
    store.write_documents(docs[:60], batch_size=25)  # rewrite: subtract and add the same counts
    rollup_matches_events(store)
    text = "A document whose events change between two extractions."
    store.write_documents([document(text, {"kind": "PROTEST", "country": "IDN"}, {"country": None})])
    store.write_documents([document(text, {"kind": "ASSAULT", "country": "ARM"})])
    rollup_matches_events(store)
    assert store.query("SELECT count(*) AS n FROM daily_counts WHERE n <= 0") == [{"n": 0}]
    by_day = store.daily_counts(EventQuery(country="ARM", since="2021-03-01", until="2021-08-31"))
    events = [e for e in store.events(EventQuery(since="2021-03-01", until="2021-08-31")) if e["country"] == "ARM"]
    assert sum(r["n"] for r in by_day) == len(events) > 0


def test_stores_implement_the_protocol(store: SqlStore) -> None:
    from pantau.store import Connection, Store

    assert isinstance(store, Store) and isinstance(store.con, Connection)
    assert store.url == store.con.url and store.dialect == store.con.dialect


def test_iter_table_streams_batches_in_key_order(store: SqlStore) -> None:
    store.write_documents(corpus(60))
    whole = store.table("events")
    batches = list(store.iter_table("events", batch=7))
    assert [b.num_rows for b in batches[:-1]] == [7] * (len(batches) - 1) and 0 < batches[-1].num_rows <= 7
    streamed = [r["event_id"] for b in batches for r in b.to_pylist()]
    assert streamed == sorted(streamed) == whole.column("event_id").to_pylist()
    assert pa.Table.from_batches(batches).equals(whole)
    assert list(store.iter_table("cannot_links")) == [] and store.table("cannot_links").num_rows == 0


def test_writes_during_an_abandoned_stream_are_kept(store: SqlStore) -> None:
    store.write_documents(corpus(30))
    before = store.count("events")
    stream = store.iter_table("events", batch=5)
    assert next(stream).num_rows == 5
    store.write_documents([document("A later article, stored while the events table streamed.", {"kind": "PROTEST"})])
    stream.close()
    assert store.count("events") == before + 1
    with open_store(store.url) as other:  # committed, not held in the stream's transaction
        assert other.count("events") == before + 1
