"""``daily_counts``: events per (country, day, type), kept exact on every write.

The dashboard's commonest question (daily counts by type for one country over a year) reads this
small table instead of aggregating up to hundreds of thousands of events. It is maintained
incrementally inside each batch's transaction: the counts of the events a batch replaces are
subtracted before they are replaced, the counts of the batch's events added after. Batches of
concurrent PostgreSQL writers run one after the other (``WRITE_LOCK`` in protocol.py), so no two
writers subtract the same rows. Events without a day are not counted; events
without a location country count under ``''``.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from .protocol import Store
from .schema import TABLES

ADD = ("INSERT INTO daily_counts (country, day, event, n) {select} "
       "ON CONFLICT (country, day, event) DO UPDATE SET n = daily_counts.n + excluded.n")


def subtract_replaced(store: Store, replaced: str) -> None:
    """Take out the counts of the stored events of the documents in relation ``replaced``."""
    store.execute(ADD.format(select=(
        "SELECT coalesce(country, ''), day, event, -count(*) FROM events "
        f"WHERE doc_id IN (SELECT doc_id FROM {replaced}) AND day IS NOT NULL "
        "GROUP BY coalesce(country, ''), day, event ORDER BY 1, 2, 3")))


def add_events(store: Store, events: pa.Table, *, prune: bool) -> None:
    """Add the counts of a batch's events (an Arrow table of the ``events`` layout)."""
    dated = events.filter(pc.is_valid(events["day"]))
    if dated.num_rows:
        keyed = pa.table({"country": pc.fill_null(dated["country"], ""), "day": dated["day"],
                          "event": dated["event"]})
        agg = keyed.group_by(["country", "day", "event"]).aggregate([([], "count_all")])
        agg = agg.rename_columns(["country", "day", "event", "n"]).sort_by(
            [("country", "ascending"), ("day", "ascending"), ("event", "ascending")])
        table = TABLES["daily_counts"]
        with store.staged(table, agg.cast(table.arrow_schema())) as staged:
            store.execute(ADD.format(select=f"SELECT country, day, event, n FROM {staged}"))
    if prune:
        store.execute("DELETE FROM daily_counts WHERE n = 0")

