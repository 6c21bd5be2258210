"""The store's tables, defined once and rendered for DuckDB and PostgreSQL (docs/store.md).

Each table is a list of ``(column, type)`` with a primary key; the same definition gives the Arrow
schema used for bulk writes, the DDL of both backends and the Parquet export. Column names avoid
SQL keywords (``span_start``/``span_end`` for offsets). ``SCHEMA_VERSION`` is stored in
``schema_info``; ``MIGRATIONS[n]`` moves a store from version ``n`` to ``n + 1``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = 5

# column type -> (arrow type, duckdb type, postgresql type)
TYPES: dict[str, tuple[pa.DataType, str, str]] = {
    "text": (pa.string(), "VARCHAR", "TEXT"),
    "int": (pa.int64(), "BIGINT", "BIGINT"),
    "float": (pa.float64(), "DOUBLE", "DOUBLE PRECISION"),
    "bool": (pa.bool_(), "BOOLEAN", "BOOLEAN"),
    "date": (pa.date32(), "DATE", "DATE"),
}


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    doc_key: str | None = None
    """The column that ties a row to its document (rows of a re-written document are replaced)."""

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(c, TYPES[t][0]) for c, t in self.columns])

    def ddl(self, dialect: str) -> str:
        idx = 1 if dialect == "duckdb" else 2
        cols = ", ".join(f"{c} {TYPES[t][idx]}" for c, t in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} ({cols}, PRIMARY KEY ({', '.join(self.key)}))"


def _t(name: str, key: tuple[str, ...], cols: str, doc_key: str | None = None) -> Table:
    columns = tuple(tuple(c.split(":")) for c in cols.split())
    return Table(name, columns, key, doc_key)  # type: ignore[arg-type]


DOCUMENTS = _t("documents", ("doc_id",),
               "doc_id:text lang:text published:text url:text title:text source:text locator:text "
               "text:text n_events:int rejected:bool meta:text run_id:text", "doc_id")
EVENTS = _t("events", ("event_id",),
            "event_id:text doc_id:text ordinal:int event:text mode:text context:text cameo:text "
            "acled_event_type:text acled_sub_event_type:text quad:text date:text date_precision:text "
            "date_text:text day:date country:text admin1:text lat:float lon:float actor_codes:text "
            "recipient_codes:text claimant_code:text modality:text sentence_start:int sentence_end:int "
            "trigger_text:text trigger_start:int trigger_end:int confidence:float", "doc_id")
ENTITIES = _t("entities", ("event_id", "role", "ordinal"),
              "event_id:text doc_id:text role:text ordinal:int text:text code:text sector:text name:text "
              "span_start:int span_end:int", "doc_id")
CLAIMS = _t("claims", ("event_id", "ordinal"),
            "event_id:text doc_id:text ordinal:int claimant_text:text claimant_code:text "
            "claimant_sector:text verb:text span_start:int span_end:int", "doc_id")
QUANTITIES = _t("quantities", ("event_id", "claim_ordinal", "key"),
                "event_id:text doc_id:text claim_ordinal:int key:text value:int low:int high:int approx:bool",
                "doc_id")
LOCATIONS = _t("locations", ("event_id",),
               "event_id:text doc_id:text text:text name:text country:text countries:text admin1:text "
               "lat:float lon:float geonameid:int precision:text span_start:int span_end:int", "doc_id")
# The countries of an event's place beyond its first (``events.country``): "ARM;AZE" for a border
# gives AZE here, so that a country filter finds border events by key, never by a text pattern.
EVENT_COUNTRIES = _t("event_countries", ("event_id", "country"), "event_id:text doc_id:text country:text", "doc_id")
REJECTIONS = _t("rejections", ("doc_id",), "doc_id:text reason:text detail:text stage:text run_id:text",
                "doc_id")
RUNS = _t("runs", ("run_id",),
          "run_id:text started:text finished:text status:text pantau_version:text pack_versions:text "
          "settings_hash:text sources:text n_documents:int n_events:int n_rejected:int seconds:float")
CLUSTERS = _t("clusters", ("cluster_id",),
              "cluster_id:text event:text n_events:int n_documents:int day_first:date day_last:date "
              "country:text actor_codes:text built:text")
CLUSTER_MEMBERS = _t("cluster_members", ("event_id",), "event_id:text cluster_id:text")
MERGE_DECISIONS = _t("merge_decisions", ("decision_id",),
                     "decision_id:text cluster_id:text event_a:text event_b:text rule:text score:float "
                     "undone:bool created:text")
CANNOT_LINKS = _t("cannot_links", ("event_a", "event_b"), "event_a:text event_b:text reason:text created:text")
CLUSTER_COUNTS = _t("cluster_counts", ("cluster_id", "key"),
                    "cluster_id:text key:text value:int low:int high:int n_reports:int n_sources:int rule:text")
DAILY_COUNTS = _t("daily_counts", ("country", "day", "event"), "country:text day:date event:text n:int")
SCHEMA_INFO = _t("schema_info", ("key",), "key:text value:text")
# Alerts sent (pantau/alerts.py): one row per rule, subject and version, so nothing is sent twice.
ALERTS = _t("alerts", ("alert_id",), "alert_id:text rule:text subject:text version:text payload:text created:text")

# What finds a later copy of a stored article (ingest/duplicates.py): band -1 holds the normalised
# text's fingerprint, bands 0.. the MinHash LSH band keys (ingest/near.py). Accepted documents only.
DOC_KEYS = _t("doc_keys", ("doc_id", "band"), "doc_id:text band:int key:text", "doc_id")

DOCUMENT_TABLES = (DOCUMENTS, EVENTS, ENTITIES, CLAIMS, QUANTITIES, LOCATIONS, EVENT_COUNTRIES, REJECTIONS, DOC_KEYS)
CLUSTER_TABLES = (CLUSTERS, CLUSTER_MEMBERS, MERGE_DECISIONS, CANNOT_LINKS, CLUSTER_COUNTS)
TABLES: dict[str, Table] = {t.name: t for t in (*DOCUMENT_TABLES, DAILY_COUNTS, RUNS, *CLUSTER_TABLES,
                                                 ALERTS, SCHEMA_INFO)}

# Indexes for the queries the CLI, API and dashboard make (benchmarks/store_speed.py measures them).
INDEXES: tuple[tuple[str, str, str], ...] = (
    ("events_doc", "events", "doc_id"),
    ("events_country_day", "events", "country, day, event"),
    ("entities_doc", "entities", "doc_id"),
    ("entities_code", "entities", "code"),
    ("claims_doc", "claims", "doc_id"),
    ("quantities_doc", "quantities", "doc_id"),
    ("locations_doc", "locations", "doc_id"),
    ("events_latlon", "events", "lat, lon"),
    ("members_cluster", "cluster_members", "cluster_id"),
    ("decisions_cluster", "merge_decisions", "cluster_id"),
    ("doc_keys_key", "doc_keys", "key"),
    ("event_countries_country", "event_countries", "country"),
    # pages of the API, newest first, with and without a country (PostgreSQL reads them in index order)
    ("events_country_newest", "events", "country, day DESC NULLS LAST, event_id DESC"),
    ("events_newest", "events", "day DESC NULLS LAST, event_id DESC"),
)


# Point lookups zone maps cannot answer: the keys of every new document are looked up among all
# stored ones (3 ms instead of 40 ms at 20,000 documents; writes measured no slower).
DUCKDB_INDEXES = frozenset({"doc_keys_key"})


def create_statements(dialect: str) -> list[str]:
    """DDL for a new store at SCHEMA_VERSION."""
    out = [t.ddl(dialect) for t in TABLES.values()]
    for name, table, cols in INDEXES:
        if dialect == "duckdb" and name not in DUCKDB_INDEXES:
            # DuckDB answers filters and range scans from column zone maps; secondary ART indexes
            # would only slow bulk loads and upserts (measured with benchmarks/store_speed.py).
            continue
        out.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})")
    return out


# MIGRATIONS[n]: statements that move a store from version n to n + 1, valid in both DuckDB and
# PostgreSQL, or (dialect, statement) for one of them. Each migration runs in one transaction together
# with the version bump (and any step of ``base.MIGRATION_STEPS`` for the same version).
MIGRATIONS: dict[int, list[str | tuple[str, str]]] = {
    # 1 -> 2: the daily_counts rollup (store/rollup.py), filled from the stored events.
    1: ["CREATE TABLE IF NOT EXISTS daily_counts (country TEXT, day DATE, event TEXT, n BIGINT, "
        "PRIMARY KEY (country, day, event))",
        "INSERT INTO daily_counts (country, day, event, n) SELECT coalesce(country, ''), day, event, count(*) "
        "FROM events WHERE day IS NOT NULL GROUP BY coalesce(country, ''), day, event"],
    # 2 -> 3: keys that find later copies of stored articles (documents stored before are matched
    # once they are written again).
    2: ["CREATE TABLE IF NOT EXISTS doc_keys (doc_id TEXT, band BIGINT, key TEXT, PRIMARY KEY (doc_id, band))",
        "CREATE INDEX IF NOT EXISTS doc_keys_key ON doc_keys (key)"],
    # 3 -> 4: the other countries of border events (filled from locations by base.MIGRATION_STEPS[3]),
    # and PostgreSQL's indexes for the API's newest-first pages.
    3: ["CREATE TABLE IF NOT EXISTS event_countries (event_id TEXT, doc_id TEXT, country TEXT, "
        "PRIMARY KEY (event_id, country))",
        ("postgresql", "CREATE INDEX IF NOT EXISTS event_countries_country ON event_countries (country)"),
        ("postgresql", "CREATE INDEX IF NOT EXISTS events_country_newest ON events "
                       "(country, day DESC NULLS LAST, event_id DESC)"),
        ("postgresql", "CREATE INDEX IF NOT EXISTS events_newest ON events (day DESC NULLS LAST, event_id DESC)")],
    # 4 -> 5: the alerts sent.
    4: ["CREATE TABLE IF NOT EXISTS alerts (alert_id TEXT, rule TEXT, subject TEXT, version TEXT, payload TEXT, "
        "created TEXT, PRIMARY KEY (alert_id))"],
}
