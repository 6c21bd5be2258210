"""Cross-article event clustering over a real DuckDB store: two reports of one shelling become one
cluster; a look-alike three weeks later, another war's attack that day and a denial stay apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from pantau.dedup.cluster import cluster_events, cluster_id, pair_score, score_clusters
from pantau.model import Document, Entity, Event, Location, Quantity, Span
from pantau.ontology import load_ontology
from pantau.store import SqlStore, open_store
from pantau.store.clusters import build_clusters, load_records, show_cluster


def place(name: str, country: str, lat: float, lon: float) -> Location:
    return Location(text=name, country=country, precision="point", name=name, countries=(country,), lat=lat, lon=lon)


JERMUK = place("Jermuk", "ARM", 39.8417, 45.6722)
VAYK = place("Vayk", "ARM", 39.6889, 45.4664)  # 23 km from Jermuk: the same front
KHARKIV = place("Kharkiv", "UKR", 49.9935, 36.2304)


def report(doc_id: str, source: str, text: str, trigger: str, *, actor: tuple[str, str], recipient: tuple[str, str],
           date: str, where: Location, dead: Quantity | None = None, modality: str = "asserted") -> Document:
    t = text.index(trigger)
    ev = Event(id=f"{doc_id}:0", event="ASSAULT", mode="heavy-weapons", cameo="194", quad="material conflict",
               acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
               actor=(Entity(actor[0], actor[1], "MIL", 0, len(actor[0])),),
               recipient=(Entity(recipient[0], recipient[1], "MIL", 0, len(recipient[0])),),
               modality=modality, sentence=Span(0, len(text)), trigger=Span(t, t + len(trigger)), trigger_text=trigger,
               date=date, date_precision="day", location=where, size=(("dead", dead),) if dead else ())
    published = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
    return Document(doc_id, text, lang="en", published=published, source=source, url=f"https://{source}/{doc_id}",
                    events=(ev,))


AZE, ARM = ("Azerbaijani troops", "AZE"), ("Armenian positions", "ARM")
REPORTS = [
    report("d1", "a.example", "Azerbaijani troops shelled Armenian positions near Jermuk, killing three soldiers.",
           "shelled", actor=AZE, recipient=ARM, date="2021-11-16", where=JERMUK, dead=Quantity(3, 3, 3)),
    report("d2", "b.example", "Three or four Armenian soldiers died when Azerbaijani guns hit posts near Vayk.",
           "hit", actor=AZE, recipient=ARM, date="2021-11-17", where=VAYK, dead=Quantity(4, 3, 4)),
    report("d3", "c.example", "Azerbaijani troops shelled Armenian positions near Jermuk again, three weeks on.",
           "shelled", actor=AZE, recipient=ARM, date="2021-12-07", where=JERMUK),
    report("d4", "d.example", "Russian artillery shelled Ukrainian positions near Kharkiv.",
           "shelled", actor=("Russian artillery", "RUS"), recipient=("Ukrainian positions", "UKR"),
           date="2021-11-16", where=KHARKIV),
    report("d5", "e.example", "Baku denied that its troops shelled Armenian positions near Jermuk.",
           "shelled", actor=AZE, recipient=ARM, date="2021-11-16", where=JERMUK, modality="negated"),
]
SAME = ["d1:0", "d2:0"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    with open_store(f"duckdb:///{tmp_path}/clusters.duckdb") as st:
        st.write_documents(REPORTS)
        yield st


def test_two_reports_of_one_event_become_one_cluster(store: SqlStore) -> None:
    result = build_clusters(store)
    cid = cluster_id(SAME)
    assert result.clusters == {cid: SAME}
    (decision,) = result.decisions[cid]
    assert (decision.event_a, decision.event_b) == ("d1:0", "d2:0")
    assert decision.rule == "ASSAULT/heavy-weapons:actors-overlap+adjacent-day+point" and 0.55 <= decision.score <= 1
    (row,) = store.query("SELECT * FROM clusters")
    assert (row["cluster_id"], row["event"], row["n_events"], row["n_documents"], row["country"], row["actor_codes"]) == \
        (cid, "ASSAULT", 2, 2, "ARM", "ARM;AZE")
    assert (row["day_first"], row["day_last"]) == (dt.date(2021, 11, 16), dt.date(2021, 11, 17))
    members = store.query("SELECT event_id, cluster_id FROM cluster_members ORDER BY event_id")
    assert members == [{"event_id": e, "cluster_id": cid} for e in SAME]
    (stored,) = store.query("SELECT event_a, event_b, rule, undone FROM merge_decisions")
    assert stored == {"event_a": "d1:0", "event_b": "d2:0", "rule": decision.rule, "undone": False}


def test_the_cluster_reconciles_its_reports_counts(store: SqlStore) -> None:
    build_clusters(store)
    (count,) = store.query("SELECT key, value, low, high, n_reports, n_sources, rule FROM cluster_counts")
    # 3 (outlet a) and "three or four" (outlet b) both support 3: the lowest well-supported figure
    assert count == {"key": "dead", "value": 3, "low": 3, "high": 4, "n_reports": 2, "n_sources": 2,
                     "rule": "lowest-well-supported"}
    shown = show_cluster(store, cluster_id(SAME))
    assert [e["event_id"] for e in shown["events"]] == SAME
    assert sorted(e["source"] for e in shown["events"]) == ["a.example", "b.example"]


@pytest.mark.parametrize(("other", "why"), [
    ("d3:0", "three weeks later: the date windows do not overlap"),
    ("d4:0", "the same day and type, but other actors in another country"),
    ("d5:0", "a denial of the attack is not a report of it"),
])
def test_look_alikes_stay_apart(store: SqlStore, other: str, why: str) -> None:
    records = {r.event_id: r for r in load_records(store)}
    assert pair_score(records["d1:0"], records[other]) is None, why
    assert pair_score(records["d2:0"], records[other]) is None, why
    clusters = build_clusters(store).clusters
    assert all(other not in members for members in clusters.values()), why


def test_stored_clusters_match_the_gold_grouping(store: SqlStore) -> None:
    build_clusters(store)
    predicted: dict[str, list[str]] = {}
    for r in store.query("SELECT cluster_id, event_id FROM cluster_members"):
        predicted.setdefault(r["cluster_id"], []).append(r["event_id"])
    gold = [SAME, ["d3:0"], ["d4:0"], ["d5:0"]]
    score = score_clusters(predicted.values(), gold)
    assert (score.precision, score.recall, score.true_pairs, score.gold_pairs) == (1.0, 1.0, 1, 1)
    # the same records clustered without a store give the same clusters
    assert cluster_events(load_records(store)).clusters == {cluster_id(SAME): SAME}


def test_a_year_only_date_or_a_contradicting_toll_keeps_attacks_apart() -> None:
    """Two Burkina Faso attacks: one dated only by its year with about 60 dead, one on 25 May with
    24 dead. Neither the vague date nor the tolls let them merge; a rising toll (12, then 15) does."""
    from pantau.dedup.cluster import EventRecord

    def rec(eid: str, date: str, precision: str, dead: int | None) -> EventRecord:
        return EventRecord(event_id=eid, doc_id=eid.split(":")[0], event="ASSAULT", actors=frozenset({"BFA"}),
                           initiators=frozenset(), targets=frozenset({"BFA"}), date=date, date_precision=precision,
                           countries=frozenset({"BFA"}), admin1="Sahel", dead=dead)

    may = rec("a:1", "2026-05-25", "day", 24)
    assert pair_score(may, rec("b:1", "2026", "year", 60)) is None
    assert pair_score(may, rec("c:1", "2026", "year", None)) is None  # the year alone is not enough
    assert pair_score(may, rec("d:1", "2026-05-25", "day", 60)) is None  # the same day, tolls 24 and 60
    assert pair_score(rec("e:1", "2026-05-25", "day", 12), rec("f:1", "2026-05-26", "day", 15)) is not None
    assert pair_score(rec("g:1", "2026", "year", 60), rec("h:1", "2026", "year", 58)) is not None


def test_people_held_are_counted_once_so_other_figures_are_other_arrests() -> None:
    """"Police detained two men" and, in another report of the same place and day, "police arrested
    a man": a follow-up arrest, not the same one told differently (an arrest figure does not rise
    as a toll does); one death more is a toll that rose; 12 and 15 arrests are one round-up."""
    from pantau.dedup.cluster import EventRecord

    def rec(eid: str, event: str, dead: int | None = None, **counts: int) -> EventRecord:
        return EventRecord(event_id=eid, doc_id=eid.split(":")[0], event=event, actors=frozenset({"IDN", "MMR"}),
                           initiators=frozenset({"IDN"}), targets=frozenset({"MMR"}), date="2026-03-08",
                           date_precision="day", countries=frozenset({"IDN"}), admin1="Aceh", dead=dead,
                           counts=tuple(counts.items()))

    assert pair_score(rec("a:1", "COERCE", arrested=2), rec("b:1", "COERCE", arrested=1)) is None
    assert pair_score(rec("a:1", "COERCE", captured=3), rec("b:1", "COERCE", captured=6)) is None
    assert pair_score(rec("a:1", "COERCE", arrested=12), rec("b:1", "COERCE", arrested=15)) is not None
    assert pair_score(rec("a:1", "COERCE", arrested=2), rec("b:1", "COERCE", injured=1)) is not None
    assert pair_score(rec("a:1", "ASSAULT", dead=1), rec("b:1", "ASSAULT", dead=2)) is not None


def test_a_court_ordering_suspects_held_is_not_the_police_arresting_them() -> None:
    """A court's remand of five suspects and the police's arrest of five the day before: the same
    country and figure, but a court is a kind of actor of its own (ontology ``sector_kinds``)."""
    from pantau.dedup.cluster import EventRecord

    def rec(eid: str, date: str, sector: str) -> EventRecord:
        return EventRecord(event_id=eid, doc_id=eid.split(":")[0], event="COERCE", mode="arrest",
                           actors=frozenset({"PAK"}), initiators=frozenset({"PAK"}), targets=frozenset({"PAK"}),
                           initiator_kinds=frozenset({"PAK/" + load_ontology().sector_kinds[sector]}),
                           date=date, date_precision="day", countries=frozenset({"PAK"}), counts=(("arrested", 5),))

    assert pair_score(rec("a:1", "2026-06-03", "COP"), rec("b:1", "2026-06-04", "JUD")) is None
    assert pair_score(rec("a:1", "2026-06-03", "COP"), rec("b:1", "2026-06-04", "MIL")) is not None
