"""Cross-article event clustering: reports of one real-world event become one cluster.

Stages (docs/store.md describes them with the thresholds):

1. **Block** events by (event type, modality family): an ``ASSAULT`` never joins a ``PROTEST``, a
   denied attack never joins a reported one, a background recollection joins the report it
   recalls (ontology ``modality_families``).
2. **Window** each event's date into an interval that depends on its precision (``DATE_SLACK``):
   a day-precise date ±1 day, a publication date standing in for the event date the 3 days before
   it, a month or a year the whole period. Only events whose intervals overlap are compared
   (a sweep over the sorted intervals, not all pairs).
3. **Score** each pair from actor overlap (containment of codes for symmetric types, Jaccard for
   directed ones), date closeness and location agreement. Incompatible pairs never merge: locations
   in disjoint countries, different admin1 regions or points more than ``MAX_KM`` apart; modes of
   no common family (ontology ``mode_families``); directed types whose initiators are different
   kinds of actor of one country (``sector_kinds``); contradicting tolls or arrest counts. Events
   of one document are not compared (within-document coreference is the extractor's job).
4. **Merge** pairs greedily by descending score (union-find), but only when every event of one
   cluster is compatible with every event of the other and no pair is a *cannot-link* (a merge the
   user undid with ``pantau clusters split``): this stops chains of daily clashes from fusing a
   month of fighting into one event, and makes an undone merge stay undone on re-runs.

Every merge is returned as a ``Decision`` (events, rule, score). ``reconcile_counts`` applies the
count policy and ``score_clusters`` measures pairwise precision and recall against gold.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..ontology import load_ontology

# Precision -> (days before, days after) added around the date's own span.
DATE_SLACK: dict[str, tuple[int, int]] = {"day": (1, 1), "published": (3, 0), "month": (0, 0), "year": (0, 0)}
MAX_KM = 300.0  # two geocoded points farther apart than this are different events
NEAR_KM = 50.0  # points this close agree fully
# Weights and threshold: actors carry most evidence, then date, then place. A pair needs an actor
# overlap plus agreeing date or place to pass, so a shared actor with only a vague month and country
# does not merge. Calibrated on the project's clustering gold (tests/gold/clusters.jsonl and
# tests/gold/cluster-stories/, real extraction, `pantau clusters score`, pairwise on aligned
# mentions): thresholds 0.45 / 0.50 / 0.55 / 0.60 gave precision 0.89 / 0.89 / 0.91 / 0.91 and
# recall 0.65 / 0.64 / 0.63 / 0.58, and other weightings (0.40/0.35/0.25, 0.50/0.30/0.20,
# 0.35/0.35/0.30) moved neither by more than 0.02: the hard constraints decide most pairs.
WEIGHTS = {"actors": 0.45, "date": 0.30, "place": 0.25}
THRESHOLD = 0.55
# Merges are tried best first. Reports that name the same mode (a "suicide bombing" and a "suicide
# attack") rank above a moded report and an unmoded one (a bombing and "the town was retaken"), so
# the bonus and half-penalty decide which partner an event takes when two of one article compete;
# they never make a pair pass the threshold (0.00 / 0.05 / 0.10 / 0.15 gave precision 0.899 /
# 0.901 / 0.901 / 0.902 and recall 0.641 / 0.653 / 0.653 / 0.659 on the clustering gold).
MODE_AGREEMENT = 0.15
MAX_NEIGHBOURS = 300  # comparisons per event and block; real news rarely has 300 same-type reports
# of one actor within a 3-day window, synthetic benchmark data does (benchmarks/store_speed.py)
# Types whose sides are interchangeable ("clashes between X and Y"): OUTPUT.md scoring rule 3.


@dataclass(frozen=True, slots=True)
class EventRecord:
    """What clustering reads of a stored event."""

    event_id: str
    doc_id: str
    event: str
    modality: str = "asserted"
    actors: frozenset[str] = frozenset()
    """Codes of actors and recipients together."""
    date: str | None = None
    date_precision: str | None = None
    countries: frozenset[str] = frozenset()
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str | None = None
    mode: str | None = None
    initiators: frozenset[str] = frozenset()
    """Codes in the actor role (empty when unknown: then only ``actors`` is compared)."""
    targets: frozenset[str] = frozenset()
    """Codes in the recipient role."""
    sectors: frozenset[str] = frozenset()
    """``CODE/SECTOR`` of every actor and recipient, to tell police from rebels of one country."""
    dead: int | None = None
    """The event's own toll, when it gives one."""
    initiator_kinds: frozenset[str] = frozenset()
    """``CODE/kind`` (ontology ``sector_kinds``: state, armed, society) of the actors whose sector is known."""
    counts: tuple[tuple[str, int], ...] = ()
    """The event's own figures besides ``dead`` (arrested, injured, ...), as (key, value)."""

    def interval(self) -> tuple[dt.date, dt.date] | None:
        return date_interval(self.date, self.date_precision)


@dataclass(frozen=True, slots=True)
class Decision:
    event_a: str
    event_b: str
    rule: str
    score: float
    rank: float | None = None
    """The order merges are tried in (highest first): the score, nudged by mode agreement."""

    @property
    def decision_id(self) -> str:
        return hashlib.sha1(f"{self.event_a}|{self.event_b}".encode()).hexdigest()[:20]


@dataclass(slots=True)
class Clustering:
    clusters: dict[str, list[str]] = field(default_factory=dict)
    """cluster id -> member event ids (sorted); only clusters of two or more events."""
    decisions: dict[str, list[Decision]] = field(default_factory=dict)
    """cluster id -> the merges that built it."""


def date_interval(date: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    if not date:
        return None
    parts = date.split("-")
    try:
        year = int(parts[0])
        if len(parts) >= 3:
            first = last = dt.date(year, int(parts[1]), int(parts[2][:2]))
        elif len(parts) == 2:
            month = int(parts[1])
            first = dt.date(year, month, 1)
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    before, after = DATE_SLACK.get(precision or "day", (0, 0))
    return first - dt.timedelta(days=before), last + dt.timedelta(days=after)


def _km(a: EventRecord, b: EventRecord) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def place_score(a: EventRecord, b: EventRecord) -> tuple[float, str] | None:
    """Agreement of two locations in [0, 1] and its name, or None when they are incompatible."""
    if a.countries and b.countries and not (a.countries & b.countries):
        return None
    km = _km(a, b)
    if km is not None:
        if km > MAX_KM:
            return None
        if km > NEAR_KM and a.admin1 and b.admin1 and a.admin1 != b.admin1:
            return None  # two regions: the finest place both give disagrees
        return (1.0, "point") if km <= NEAR_KM else (0.7, "near")
    if a.admin1 and b.admin1 and a.countries & b.countries:
        return (0.9, "admin1") if a.admin1 == b.admin1 else None
    if a.countries and b.countries:
        return 0.5, "country"
    return 0.3, "unknown-place"


def date_score(a: EventRecord, b: EventRecord) -> tuple[float, str] | None:
    ia, ib = a.interval(), b.interval()
    if ia is None or ib is None or ia[0] > ib[1] or ib[0] > ia[1]:
        return None
    if a.date_precision == b.date_precision == "day":
        if a.date == b.date:
            return 1.0, "same-day"
        if a.event in load_ontology().speech_acts and abs(ia[0] - ib[0]).days > 1:
            return None  # a statement is reported on its day or the next, never two days apart
        return 0.8, "adjacent-day"
    if "published" in (a.date_precision, b.date_precision) and {a.date_precision, b.date_precision} <= {
            "day", "published"}:
        return 0.7, "published-window"
    return 0.4, "same-period"


def roles_conflict(a: EventRecord, b: EventRecord) -> bool:
    """Directed types: both sides name who acted (or who was acted on) and they share no code, or
    no code of the same kind of actor (the army's accusation is not the rebels'). Symmetric types
    compare the union only (OUTPUT.md scoring rule 3)."""
    if a.event in load_ontology().symmetric:
        return False
    return bool(a.initiators and b.initiators and not a.initiators & b.initiators
                or a.targets and b.targets and not a.targets & b.targets
                or a.initiator_kinds and b.initiator_kinds and not a.initiator_kinds & b.initiator_kinds)


# A date known only by its year is background, not a report of the event: it joins only another
# year-only date. Month and day precisions may meet (a monthly summary and a daily report).
VAGUE_PRECISIONS = frozenset({"year"})


def dates_compatible(a: EventRecord, b: EventRecord) -> bool:
    vague = (a.date_precision in VAGUE_PRECISIONS, b.date_precision in VAGUE_PRECISIONS)
    return vague[0] == vague[1] and date_score(a, b) is not None


def tolls_compatible(a: EventRecord, b: EventRecord) -> bool:
    """No figure both reports give contradicts the other's (ontology ``count_conflicts``: the dead,
    the arrested, the captured, each with its own tolerance)."""
    rules = load_ontology().count_conflicts
    figures = [("dead", a.dead, b.dead)] + [(kx, x, y) for kx, x in a.counts for ky, y in b.counts if kx == ky]
    for key, x, y in figures:
        if x is None or y is None or key not in rules:
            continue
        ratio, gap = rules[key]
        low, high = sorted((x, y))
        if high - low > gap and high >= ratio * max(low, 1):
            return False
    return True


def compatible(a: EventRecord, b: EventRecord) -> bool:
    """The hard constraints: no score can merge a pair that breaks one (same type, modality and
    mode; no conflicting roles; dates of compatible precision that overlap; places compatible at
    the finest precision both have; tolls that do not contradict)."""
    onto = load_ontology()
    return (a.event == b.event and onto.modality_family(a.modality) == onto.modality_family(b.modality)
            and a.doc_id != b.doc_id and onto.same_mode(a.event, a.mode, b.mode) and not roles_conflict(a, b)
            and dates_compatible(a, b) and place_score(a, b) is not None and tolls_compatible(a, b))


def _overlap(x: frozenset[str], y: frozenset[str], symmetric: bool) -> float:
    """Sides told either way round (a clash, talks): containment, not Jaccard, since one report often
    names one side of what another names both of ("an Israeli strike" and "an Israeli strike on
    Houthi targets"). Directed types: Jaccard (who accused whom matters)."""
    return len(x & y) / (min(len(x), len(y)) if symmetric else len(x | y))


def pair_score(a: EventRecord, b: EventRecord) -> Decision | None:
    """The merge decision for one pair, or None when the pair must not merge."""
    if not compatible(a, b):
        return None
    date = date_score(a, b)
    place = place_score(a, b)
    assert date is not None and place is not None
    if a.actors and b.actors:
        shared = a.actors & b.actors
        if not shared:
            return None
        symmetric = a.event in load_ontology().symmetric
        overlap = _overlap(a.actors, b.actors, symmetric)
        if a.sectors and b.sectors:  # the same countries but other kinds of actors count half
            overlap = (overlap + _overlap(a.sectors, b.sectors, symmetric)) / 2
        actors, actor_rule = overlap, "actors-overlap"
    elif place[0] >= 0.9:  # no coded actors on one side: only a precise shared place may vouch for it
        actors, actor_rule = 0.0, "no-actors"
    else:
        return None
    score = WEIGHTS["actors"] * actors + WEIGHTS["date"] * date[0] + WEIGHTS["place"] * place[0]
    if score < THRESHOLD:
        return None
    rank = score
    if a.mode and a.mode == b.mode:  # both name the same kind of act: the better partner of two
        rank += MODE_AGREEMENT
    elif (a.mode is None) != (b.mode is None):
        rank -= MODE_AGREEMENT / 2
    first, second = sorted((a.event_id, b.event_id))
    mode = f"/{a.mode}" if a.mode and a.mode == b.mode else ""
    return Decision(first, second, f"{a.event}{mode}:{actor_rule}+{date[1]}+{place[1]}", round(score, 4),
                    round(rank, 4))


def _block_keys(rec: EventRecord) -> list[tuple[str, str]]:
    """Blocks an event is compared in: one per actor code it has (a merge needs a shared code), and
    one per country when its place is precise (the only way events without actors may merge)."""
    keys = [("actor", c) for c in sorted(rec.actors)]
    if not rec.actors or rec.admin1 or rec.lat is not None:
        keys += [("place", c) for c in sorted(rec.countries or {""})]
    return keys


def candidate_pairs(records: Sequence[EventRecord]) -> list[Decision]:
    """Scored pairs above the threshold, from a sweep over date intervals within each block.

    Blocks are (type, modality, actor code) and (type, modality, country) for events with a precise
    place; within a block each event is compared with the events whose windows start before its
    own ends, at most MAX_NEIGHBOURS of them (a bound for very dense blocks: hundreds of reports of
    one actor's attacks on one day)."""
    blocks: dict[tuple[str, str, tuple[str, str]], list[tuple[dt.date, dt.date, EventRecord]]] = defaultdict(list)
    onto = load_ontology()
    for rec in records:
        iv = rec.interval()
        if iv is not None:
            for key in _block_keys(rec):
                blocks[(rec.event, onto.modality_family(rec.modality), key)].append((iv[0], iv[1], rec))
    found: dict[tuple[str, str], Decision] = {}
    for (_, _, (kind, _)), items in blocks.items():
        items.sort(key=lambda t: (t[0], t[2].event_id))
        for i, (_, end, rec) in enumerate(items):
            for j in range(i + 1, min(len(items), i + 1 + MAX_NEIGHBOURS)):
                start2, _, other = items[j]
                if start2 > end:
                    break
                if kind == "place" and rec.actors and other.actors:
                    continue  # both have actors: their actor blocks compare them
                pair = (rec.event_id, other.event_id) if rec.event_id < other.event_id else (other.event_id, rec.event_id)
                if pair in found:
                    continue
                decision = pair_score(rec, other)
                if decision is not None:
                    found[pair] = decision
    return sorted(found.values(), key=lambda d: (-(d.score if d.rank is None else d.rank), d.event_a, d.event_b))


def cluster_id(members: Iterable[str]) -> str:
    """Named after its smallest member, so a cluster keeps its id when later reports join it."""
    return "c" + hashlib.sha1(min(members).encode()).hexdigest()[:15]


def cluster_events(records: Sequence[EventRecord],
                   cannot_link: Iterable[tuple[str, str]] = ()) -> Clustering:
    """Cluster events (see the module docstring); deterministic for the same input."""
    by_id = {r.event_id: r for r in records}
    forbidden = {tuple(sorted(p)) for p in cannot_link}
    root: dict[str, str] = {r.event_id: r.event_id for r in records}
    members: dict[str, list[str]] = {r.event_id: [r.event_id] for r in records}
    merges: dict[str, list[Decision]] = {r.event_id: [] for r in records}

    def find(x: str) -> str:
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    for decision in candidate_pairs(records):
        if (decision.event_a, decision.event_b) in forbidden:
            continue
        ra, rb = find(decision.event_a), find(decision.event_b)
        if ra == rb:
            continue
        ok = all(compatible(by_id[x], by_id[y]) and tuple(sorted((x, y))) not in forbidden
                 for x in members[ra] for y in members[rb])
        if not ok:
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        root[rb] = ra
        members[ra].extend(members.pop(rb))
        merges[ra].extend(merges.pop(rb))
        merges[ra].append(decision)
    result = Clustering()
    for r, ids in members.items():
        if len(ids) > 1:
            cid = cluster_id(ids)
            result.clusters[cid] = sorted(ids)
            result.decisions[cid] = sorted(merges[r], key=lambda d: (d.event_a, d.event_b))
    return result


# --- counts --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Report:
    """One figure for one count key, as one claimant gives it in one document."""

    key: str
    value: int
    low: int | None
    high: int | None
    doc_id: str
    claimant: str | None = None


@dataclass(frozen=True, slots=True)
class Consolidated:
    key: str
    value: int
    low: int
    high: int
    n_reports: int
    n_sources: int
    rule: str


MIN_SUPPORT = 2  # a figure is well supported when this many documents give a figure consistent with it


def reconcile_counts(reports: Iterable[Report]) -> dict[str, Consolidated]:
    """The cluster's figure per count key: the lowest well-supported one, with the range of all claims.

    A report *supports* a figure when the figure lies within the report's range (``low``..``high``,
    or equals its value). The consolidated value is the lowest reported figure supported by at
    least MIN_SUPPORT documents (rule ``lowest-well-supported``); when no figure is, the lowest
    reported figure (rule ``lowest-reported``, ACLED's conservative default). ``low``/``high`` span
    every claim, so disputed figures stay visible beside the consolidated one.
    """
    by_key: dict[str, list[Report]] = defaultdict(list)
    for rep in reports:
        by_key[rep.key].append(rep)
    out = {}
    for key, reps in sorted(by_key.items()):
        lows = [r.low if r.low is not None else r.value for r in reps]
        highs = [r.high if r.high is not None else r.value for r in reps]

        spans = [(r.doc_id, r.value, lo, max(hi, lo)) for r, lo, hi in zip(reps, lows, highs, strict=True)]
        figures = sorted({r.value for r in reps})
        supported = [v for v in figures
                     if len({doc for doc, val, lo, hi in spans if lo <= v <= hi or val == v}) >= MIN_SUPPORT]
        value, rule = (supported[0], "lowest-well-supported") if supported else (figures[0], "lowest-reported")
        out[key] = Consolidated(key, value, min(lows), max(max(highs), max(figures)), len(reps),
                                len({r.doc_id for r in reps}), rule)
    return out


# --- evaluation ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PairScore:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int


def same_pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for group in groups:
        items = sorted(set(group))
        out.update((a, b) for i, a in enumerate(items) for b in items[i + 1:])
    return out


def score_clusters(predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]]) -> PairScore:
    """Pairwise merge precision and recall: a pair is two items placed in one cluster.

    Items are whatever the caller clusters (event ids, or article ids when gold is per article);
    predicted pairs with an item gold does not know are ignored, so gold may cover a subset.
    """
    gold_groups = [list(g) for g in gold]
    known = {x for g in gold_groups for x in g}
    gold_pairs = same_pairs(gold_groups)
    pred_pairs = {p for p in same_pairs(predicted) if p[0] in known and p[1] in known}
    tp = len(gold_pairs & pred_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScore(round(precision, 4), round(recall, 4), round(f1, 4), tp, len(pred_pairs), len(gold_pairs))


# --- the project's clustering gold (tests/gold/clusters.jsonl, format in tests/gold/README.md) -----

@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """One event mention in gold: a document, the evidence span and the event type."""

    doc: str
    start: int
    end: int
    event: str

    @property
    def key(self) -> str:
        return f"{self.doc}:{self.start}"


@dataclass(frozen=True, slots=True)
class SystemEvent:
    event_id: str
    doc: str
    event: str
    trigger: tuple[int, int]
    sentence: tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldEval:
    end_to_end: PairScore
    """Over every gold mention; a mention no system event was aligned to stays a singleton."""
    aligned_only: PairScore
    """Over the mentions aligned to a system event: the clustering step alone."""
    mentions: int
    aligned: int
    negatives: int
    negatives_merged: int


def gold_mentions(lines: Iterable[dict[str, Any]], texts: dict[str, str],
                  gold_events: dict[str, list[dict[str, Any]]]) -> tuple[list[list[Mention]],
                                                                        list[tuple[Mention, Mention]]]:
    """Gold clusters (cross-document events, plus every other gold event of the listed articles as a
    singleton) and the must-not-merge pairs. Syndicated copies are left out: deduplication rejects
    them before clustering."""

    def mention(m: dict[str, str]) -> Mention | None:
        text = texts.get(m["doc"])
        if text is None or m["evidence"] not in text:
            return None
        start = text.index(m["evidence"])
        return Mention(m["doc"], start, start + len(m["evidence"]), m["event"])

    clusters: list[list[Mention]] = []
    negatives: list[tuple[Mention, Mention]] = []
    articles: set[str] = set()
    for line in lines:
        if line.get("kind") == "near_duplicate":
            continue
        articles.update(str(a) for a in line.get("articles", []) or [] if "-syndicated" not in str(a))
        for ev in line.get("events", []) or []:
            found = [m for m in (mention(x) for x in ev["mentions"] if "-syndicated" not in x["doc"]) if m]
            if found:
                clusters.append(sorted(set(found)))
        for neg in line.get("negatives", []) or []:
            a, b = mention(neg["a"]), mention(neg["b"])
            if a and b:
                negatives.append((a, b))
    listed = {m for c in clusters for m in c}
    listed_spans = {(m.doc, m.start) for m in listed}
    for doc in sorted(articles):
        for ev in gold_events.get(doc, []):
            m = mention({"doc": doc, "evidence": str(ev["evidence"]), "event": str(ev["event"])})
            if m is not None and (m.doc, m.start) not in listed_spans:
                listed_spans.add((m.doc, m.start))
                clusters.append([m])
    return clusters, negatives


def align(mentions: Iterable[Mention], events: Iterable[SystemEvent]) -> dict[Mention, str]:
    """Each gold mention to at most one system event of its document and type: one whose trigger
    overlaps the evidence span, else one whose sentence contains it (one-to-one, in text order)."""
    by_doc: dict[tuple[str, str], list[SystemEvent]] = defaultdict(list)
    for e in events:
        by_doc[(e.doc, e.event)].append(e)
    used: set[str] = set()
    out = {}
    for m in sorted(mentions):
        candidates = [e for e in by_doc.get((m.doc, m.event), []) if e.event_id not in used]
        overlap = [e for e in candidates if e.trigger[0] < m.end and m.start < e.trigger[1]]
        inside = [e for e in candidates if e.sentence[0] <= m.start and m.end <= e.sentence[1]]
        pick = (overlap or inside)[0] if overlap or inside else None
        if pick is not None:
            used.add(pick.event_id)
            out[m] = pick.event_id
    return out


def evaluate_gold(clusters: list[list[Mention]], negatives: list[tuple[Mention, Mention]],
                  events: Iterable[SystemEvent], cluster_of: dict[str, str]) -> GoldEval:
    """Pairwise precision and recall of the system's event clusters on gold mentions."""
    mentions = [m for c in clusters for m in c]
    aligned = align(mentions, events)

    def predicted(only_aligned: bool) -> list[list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for m in mentions:
            if m in aligned:
                eid = aligned[m]
                groups[cluster_of.get(eid, eid)].append(m.key)
            elif not only_aligned:
                groups["unaligned:" + m.key].append(m.key)
        return list(groups.values())

    gold_all = [[m.key for m in c] for c in clusters]
    gold_aligned = [[m.key for m in c if m in aligned] for c in clusters]
    merged = 0
    for a, b in negatives:
        if a in aligned and b in aligned:
            ea, eb = aligned[a], aligned[b]
            merged += cluster_of.get(ea, ea) == cluster_of.get(eb, eb)
    return GoldEval(score_clusters(predicted(False), gold_all), score_clusters(predicted(True), gold_aligned),
                    len(mentions), len(aligned), len(negatives), merged)
