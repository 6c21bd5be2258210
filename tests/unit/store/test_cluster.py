"""Cross-article clustering rules, count reconciliation and the pairwise scorer."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pantau.dedup.cluster import (
    EventRecord,
    Report,
    cluster_events,
    date_interval,
    pair_score,
    reconcile_counts,
    same_pairs,
    score_clusters,
)


def rec(eid: str, doc: str | None = None, *, kind: str = "ASSAULT", actors: tuple[str, ...] = ("AZE", "ARM"),
        date: str | None = "2021-11-16", precision: str | None = "day", countries: tuple[str, ...] = ("ARM",),
        admin1: str | None = None, lat: float | None = None, lon: float | None = None,
        modality: str = "asserted") -> EventRecord:
    return EventRecord(event_id=eid, doc_id=doc or "doc-" + eid, event=kind, modality=modality,
                       actors=frozenset(actors), date=date, date_precision=precision, countries=frozenset(countries),
                       admin1=admin1, lat=lat, lon=lon)


@pytest.mark.parametrize("date,precision,first,last", [
    ("2021-11-16", "day", "2021-11-15", "2021-11-17"),
    ("2021-11-16", "published", "2021-11-13", "2021-11-16"),
    ("2021-11", "month", "2021-11-01", "2021-11-30"),
    ("2021-02", "month", "2021-02-01", "2021-02-28"),
    ("2021-12", "month", "2021-12-01", "2021-12-31"),
    ("2021", "year", "2021-01-01", "2021-12-31"),
])
def test_date_windows_depend_on_precision(date: str, precision: str, first: str, last: str) -> None:
    assert date_interval(date, precision) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_date_interval_of_nothing() -> None:
    assert date_interval(None, "day") is None and date_interval("2021-13-40", "day") is None


def test_same_event_in_two_articles_merges_with_a_named_rule() -> None:
    d = pair_score(rec("a"), rec("b", date="2021-11-17"))
    assert d is not None and d.rule.startswith("ASSAULT:actors-overlap+adjacent-day")
    assert 0 < d.score <= 1


@pytest.mark.parametrize("other,why", [
    (rec("b", kind="PROTEST"), "different type"),
    (rec("b", actors=("IDN",)), "no shared actor"),
    (rec("b", date="2021-11-20"), "days apart"),
    (rec("b", countries=("IDN",)), "disjoint countries"),
    (rec("b", modality="negated"), "denied vs reported"),
    (rec("b", doc="doc-a"), "same article"),
    (rec("b", date=None), "undated"),
])
def test_pairs_that_must_not_merge(other: EventRecord, why: str) -> None:
    assert pair_score(rec("a"), other) is None, why


def test_points_far_apart_do_not_merge_but_near_ones_do() -> None:
    here = rec("a", lat=40.0, lon=45.0)
    assert pair_score(here, rec("b", lat=40.1, lon=45.1)) is not None
    assert pair_score(here, rec("c", lat=45.0, lon=45.0)) is None  # ~550 km


def test_different_admin1_in_one_country_do_not_merge() -> None:
    assert pair_score(rec("a", admin1="Syunik"), rec("b", admin1="Tavush")) is None
    assert pair_score(rec("a", admin1="Syunik"), rec("b", admin1="Syunik")) is not None


def test_a_month_precise_report_joins_a_day_precise_one_only_with_strong_actors() -> None:
    assert pair_score(rec("a"), rec("b", date="2021-11", precision="month")) is not None
    assert pair_score(rec("a", actors=("AZE", "ARM", "RUS")), rec("b", actors=("RUS", "TUR", "IRN"),
                                                                     date="2021-11", precision="month")) is None


def test_daily_clashes_do_not_chain_into_one_cluster() -> None:
    records = [rec(f"e{i}", date=f"2021-11-{10 + i:02d}") for i in range(8)]
    result = cluster_events(records)
    for ids in result.clusters.values():
        days = {int(next(r for r in records if r.event_id == i).date[-2:]) for i in ids}  # type: ignore[index]
        assert max(days) - min(days) <= 2


def test_clusters_are_deterministic_and_record_every_merge() -> None:
    records = [rec("a"), rec("b"), rec("c", date="2021-11-17"), rec("x", kind="PROTEST")]
    one = cluster_events(records)
    two = cluster_events(list(reversed(records)))
    assert one.clusters == two.clusters
    (cid, members), = one.clusters.items()
    assert members == ["a", "b", "c"]
    assert len(one.decisions[cid]) == 2  # n - 1 merges build a cluster of n


def test_cannot_links_keep_an_undone_merge_undone() -> None:
    records = [rec("a"), rec("b"), rec("c")]
    result = cluster_events(records, cannot_link=[("b", "a"), ("a", "c")])
    assert list(result.clusters.values()) == [["b", "c"]]
    result = cluster_events(records, cannot_link=[("a", "b"), ("a", "c"), ("b", "c")])
    assert result.clusters == {}


def test_counts_take_the_lowest_well_supported_figure() -> None:
    reports = [Report("dead", 5, 5, 5, "d1", "ARM"), Report("dead", 5, 5, 5, "d2"), Report("dead", 3, 3, 3, "d3", "AZE"),
               Report("dead", 12, 12, 12, "d4", "ARM")]
    c = reconcile_counts(reports)["dead"]
    assert (c.value, c.low, c.high, c.rule) == (5, 3, 12, "lowest-well-supported")
    assert (c.n_reports, c.n_sources) == (4, 4)


def test_counts_without_agreement_fall_back_to_the_lowest() -> None:
    c = reconcile_counts([Report("dead", 7, 7, 7, "d1"), Report("dead", 4, 4, 4, "d2")])["dead"]
    assert (c.value, c.rule, c.low, c.high) == (4, "lowest-reported", 4, 7)


def test_a_range_supports_a_figure_inside_it() -> None:
    reports = [Report("injured", 24, 24, None, "d1"), Report("injured", 30, 20, 40, "d2"),
               Report("injured", 30, 30, 30, "d3")]
    c = reconcile_counts(reports)["injured"]
    assert c.value == 24 and c.rule == "lowest-well-supported"  # d1 says 24, d2's 20-40 allows it
    reports[0] = Report("injured", 10, 10, None, "d1")  # a lone low outlier no other report allows
    c = reconcile_counts(reports)["injured"]
    assert (c.value, c.low, c.high) == (30, 10, 40)


def test_one_document_is_one_source() -> None:
    c = reconcile_counts([Report("dead", 2, 2, 2, "d1", "ARM"), Report("dead", 2, 2, 2, "d1", "AZE")])["dead"]
    assert c.rule == "lowest-reported" and c.n_sources == 1


def test_pairwise_scores() -> None:
    gold = [["a", "b", "c"], ["d", "e"], ["f"]]
    perfect = score_clusters(gold, gold)
    assert (perfect.precision, perfect.recall, perfect.gold_pairs) == (1.0, 1.0, 4)
    s = score_clusters([["a", "b"], ["c", "d"], ["e"], ["f", "zz"]], gold)
    assert (s.true_pairs, s.predicted_pairs, s.gold_pairs) == (1, 2, 4)
    assert (s.precision, s.recall) == (0.5, 0.25)
    assert s.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75, abs=1e-4)
    assert same_pairs([["b", "a", "a"]]) == {("a", "b")}
    nothing = score_clusters([], gold)
    assert nothing.recall == 0.0 and nothing.precision == 1.0


def test_modes_of_one_family_merge_and_others_do_not() -> None:
    """Ontology ``mode_families``: a "suicide bombing" and a "bomb attack" may be one event; an air
    strike and an abduction never."""
    bomb = rec("a", modality="asserted")
    assert pair_score(dataclasses.replace(bomb, mode="suicide-attack"),
                      dataclasses.replace(rec("b"), mode="explosives")) is not None
    assert pair_score(dataclasses.replace(bomb, mode="aerial"), dataclasses.replace(rec("b"), mode="drone")) is not None
    assert pair_score(dataclasses.replace(bomb, mode="aerial"), dataclasses.replace(rec("b"), mode="abduct")) is None


def test_a_background_mention_joins_the_report_it_recalls() -> None:
    """Ontology ``modality_families``: "last month's attack" (historical) is the attack reported then
    (asserted); a denied attack (negated) stays apart."""
    assert pair_score(rec("a"), rec("b", modality="historical")) is not None
    assert pair_score(rec("a", modality="negated"), rec("b", modality="historical")) is None


def test_accusations_by_different_kinds_of_actor_of_one_country_stay_apart() -> None:
    """Ontology ``sector_kinds``: the army accusing rebels is not the rebels accusing the army."""
    army = dataclasses.replace(rec("a", kind="ACCUSE", actors=("SDN",), countries=("SDN",)),
                               initiators=frozenset({"SDN"}), initiator_kinds=frozenset({"SDN/state"}))
    rebels = dataclasses.replace(army, event_id="b", doc_id="doc-b", initiator_kinds=frozenset({"SDN/armed"}))
    government = dataclasses.replace(army, event_id="c", doc_id="doc-c", initiator_kinds=frozenset({"SDN/state"}))
    assert pair_score(army, rebels) is None
    assert pair_score(army, government) is not None


def test_contradicting_arrest_counts_are_two_round_ups() -> None:
    seven = dataclasses.replace(rec("a", kind="COERCE"), counts=(("arrested", 7),))
    assert pair_score(seven, dataclasses.replace(rec("b", kind="COERCE"), counts=(("arrested", 31),))) is None
    assert pair_score(seven, dataclasses.replace(rec("b", kind="COERCE"), counts=(("arrested", 9),))) is not None
    # injured figures grow tenfold as news comes in: they never keep two reports apart
    assert pair_score(dataclasses.replace(rec("a"), counts=(("injured", 4),)),
                      dataclasses.replace(rec("b"), counts=(("injured", 40),))) is not None


def test_one_side_named_joins_both_sides_named_in_a_clash() -> None:
    """Symmetric types compare actors by containment: "an Israeli strike" and "an Israeli strike on
    Houthi targets" share everything the shorter report names."""
    d = pair_score(rec("a", actors=("ISR",), countries=("YEM",)), rec("b", actors=("ISR", "YEM"), countries=("YEM",)))
    assert d is not None and d.score >= 0.75


def test_points_near_each_other_in_two_regions_do_not_merge() -> None:
    assert pair_score(rec("a", admin1="Banaadir", lat=2.04, lon=45.34),
                      rec("b", admin1="Lower Shabeelle", lat=1.72, lon=44.77)) is None
    assert pair_score(rec("a", admin1="Banaadir", lat=2.04, lon=45.34),
                      rec("b", admin1="Banaadir", lat=2.06, lon=45.31)) is not None


def test_statements_two_days_apart_are_two_statements() -> None:
    """Fighting may straddle midnight and time zones (two days apart still merge); a call or an
    accusation is reported on its day or the next."""
    assert pair_score(rec("a"), rec("b", date="2021-11-18")) is not None
    call = rec("a", kind="REQUEST", actors=("RUS",))
    assert pair_score(call, rec("b", kind="REQUEST", actors=("RUS",), date="2021-11-17")) is not None
    assert pair_score(call, rec("b", kind="REQUEST", actors=("RUS",), date="2021-11-18")) is None


def test_an_event_takes_the_partner_naming_its_mode() -> None:
    """Two events of one article compete for a third report: the one naming the same mode wins,
    whatever their order."""
    bomb = dataclasses.replace(rec("x"), mode="suicide-attack")
    retaken = rec("a1", doc="doc-a")
    bombing = dataclasses.replace(rec("a2", doc="doc-a"), mode="suicide-attack")
    for records in ([bomb, retaken, bombing], [bombing, retaken, bomb]):
        assert list(cluster_events(records).clusters.values()) == [["a2", "x"]]
