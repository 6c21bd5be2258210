"""Export formats (docs/exports.md gives each column's source).

- ``plover``: JSON Lines with PLOVER's data field names.
- ``cameo``: a tab-separated event table with GDELT 2.0 event-table column names where they apply.
- ``acled``: CSV with ACLED's column names, for events that have an ACLED type.
- ``parquet``: every store table as ``<table>.parquet`` in a directory.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from ..store.protocol import Store
from .records import ExportRecord, countries

QUAD_CLASS = {"verbal coop": 1, "material coop": 2, "verbal conflict": 3, "material conflict": 4}
# GDELT ActionGeo_Type: 1 country, 4 world city, 5 world state (ADM1).
GDELT_GEO_TYPE = {"country": 1, "border": 1, "point": 4, "admin1": 5}
# ACLED geo_precision: 1 the exact place, 2 a nearby or part-of place, 3 a region (admin1 or wider).
ACLED_GEO_PRECISION = {"point": 1, "admin1": 3, "border": 3, "country": 3}
# ACLED time_precision: 1 the day is known, 2 the week, 3 only the month (or wider).
ACLED_TIME_PRECISION = {"day": 1, "published": 2, "month": 3, "year": 3}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell made harmless for spreadsheets and terminals: control characters (ANSI escape
    sequences among them) replaced by U+FFFD, and a cell that a spreadsheet would run as a formula
    (starting with = + - @) prefixed with an apostrophe. Numbers pass unchanged."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("\ufffd", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _safe_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: safe_cell(v) for k, v in row.items()}


def _first(ents: list[dict[str, Any]]) -> dict[str, Any]:
    return ents[0] if ents else {}


def _label(ent: dict[str, Any]) -> str | None:
    if not ent:
        return None
    return ent.get("name") or ent.get("text")


def plover_record(r: ExportRecord) -> dict[str, Any]:
    loc = r.location or {}
    size = r.size
    return {
        "id": r.id, "date": r.date, "date_resolution": r.date_precision, "event": r.event, "mode": r.mode,
        "context": r.context,
        "actor": [e.get("code") for e in r.actors], "actor_sector": [e.get("sector") for e in r.actors],
        "actor_text": [e.get("text") for e in r.actors],
        "recipient": [e.get("code") for e in r.recipients],
        "recipient_sector": [e.get("sector") for e in r.recipients],
        "recipient_text": [e.get("text") for e in r.recipients],
        "dead": size.get("dead", {}).get("value"), "injured": size.get("injured", {}).get("value"),
        "size": {k: v.get("value") for k, v in size.items() if k not in ("dead", "injured")} or None,
        "placename": loc.get("name") or loc.get("text"), "statename": loc.get("admin1"),
        "countryname": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "geonamesID": loc.get("geonameid"), "location_precision": loc.get("precision"),
        "claimant": r.claimants, "modality": r.modality, "cameo": r.cameo, "quad": r.quad,
        "text": r.notes, "source": r.sources, "url": r.urls, "doc_id": r.doc_ids,
        "publication_date": r.published, "confidence": r.confidence, "members": r.members,
    }


def write_plover(records: Iterable[ExportRecord], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(plover_record(r), ensure_ascii=False) + "\n")
        n += 1
    return n


GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "SOURCEURL", "Modality",
)


def cameo_row(r: ExportRecord) -> dict[str, Any]:
    loc = r.location or {}
    digits = (r.date or "").replace("-", "")
    a1, a2 = _first(r.actors), _first(r.recipients)
    country = countries().get(loc.get("country") or "", {})
    code = r.cameo or ""
    return {
        "GLOBALEVENTID": r.id, "SQLDATE": digits if len(digits) == 8 else None,
        "MonthYear": digits[:6] if len(digits) >= 6 else None, "Year": digits[:4] or None,
        "Actor1Code": ((a1.get("code") or "") + (a1.get("sector") or "")) or None, "Actor1Name": _label(a1),
        "Actor1CountryCode": a1.get("code"), "Actor1Type1Code": a1.get("sector"),
        "Actor2Code": ((a2.get("code") or "") + (a2.get("sector") or "")) or None, "Actor2Name": _label(a2),
        "Actor2CountryCode": a2.get("code"), "Actor2Type1Code": a2.get("sector"), "IsRootEvent": 1,
        "EventCode": code or None, "EventBaseCode": code[:3] or None, "EventRootCode": code[:2] or None,
        "QuadClass": QUAD_CLASS.get(r.quad or ""), "NumSources": len(set(r.sources)) or None,
        "NumArticles": len(r.doc_ids), "ActionGeo_Type": GDELT_GEO_TYPE.get(loc.get("precision") or ""),
        "ActionGeo_FullName": loc.get("name") or loc.get("text"), "ActionGeo_CountryCode": country.get("fips"),
        "ActionGeo_ADM1Code": loc.get("admin1"), "ActionGeo_Lat": loc.get("lat"),
        "ActionGeo_Long": loc.get("lon"), "ActionGeo_FeatureID": loc.get("geonameid"),
        "SOURCEURL": r.urls[0] if r.urls else None, "Modality": r.modality,
    }


def write_cameo(records: Iterable[ExportRecord], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow(_safe_row(cameo_row(r)))
        n += 1
    return n


ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities",
)


def acled_date(date: str | None, precision: str | None) -> tuple[str | None, int | None]:
    """ACLED's full date and time precision: a known day as it is (1); a date taken from the
    publication day (2: the week is known); a month at its 15th and a year at 1 July, the middle
    of the span (3)."""
    if not date:
        return None, None
    if len(date) == 4:
        return f"{date}-07-01", 3
    if len(date) == 7:
        return f"{date}-15", 3
    return date[:10], ACLED_TIME_PRECISION.get(precision or "", 2)


def acled_actor(ent: dict[str, Any], event_country: str | None, event_type: str) -> tuple[str | None, int | None]:
    """An actor's ACLED-style name and type (inter code): a named group keeps its name; an unnamed
    actor (a pronoun, "polisi", "gunmen") is named from its sector and country, as ACLED names them
    ("Police Forces of Indonesia", "Protesters (Kenya)"). Names and codes are ontology data."""
    from ..ontology import load_ontology

    if not ent:
        return None, None
    onto = load_ontology()
    names, inter, riot = onto.acled_actor_names or {}, onto.acled_inter or {}, onto.acled_rioters or {}
    external, state = onto.acled_external_inter, onto.acled_state_sectors
    code, sector = ent.get("code"), ent.get("sector")
    rioting = event_type == riot.get("event_type") and sector in (riot.get("sectors") or ())
    kind = inter.get(sector or "")
    if rioting:
        kind = int(riot["inter"])
    elif sector in state and code and event_country and code != event_country:
        kind = external  # state forces abroad
    if code in onto.org_codes:
        return ent.get("name") or ent.get("text"), external
    named = ent.get("name") if sector not in state else None
    if named and named.upper() != (code or ""):
        return named, kind
    country = countries().get(code or "", {}).get("name") or code
    template = riot.get("name") if rioting else names.get(sector or (state[0] if state else ""))
    if template and country:
        return template.format(country=country), kind if kind is not None else inter.get(state[0] if state else "")
    return ent.get("name") or ent.get("text"), kind


def acled_row(r: ExportRecord) -> dict[str, Any] | None:
    if r.acled is None or r.modality != "asserted":
        return None
    loc = r.location or {}
    country = countries().get(loc.get("country") or "", {})
    a1, a2 = r.actors, r.recipients
    date, precision = acled_date(r.date, r.date_precision)
    actor1, inter1 = acled_actor(_first(a1), loc.get("country"), r.acled[0])
    actor2, inter2 = acled_actor(_first(a2), loc.get("country"), r.acled[0])
    if actor2 == actor1:
        actor2, inter2 = None, None
    assoc1 = [n for n, _ in (acled_actor(e, loc.get("country"), r.acled[0]) for e in a1[1:]) if n and n != actor1]
    assoc2 = [n for n, _ in (acled_actor(e, loc.get("country"), r.acled[0]) for e in a2[1:]) if n and n != actor2]
    pair = sorted(x for x in (inter1, inter2) if x is not None)
    return {
        "event_id_cnty": r.id, "event_date": date, "year": (date or "")[:4] or None,
        "time_precision": precision, "event_type": r.acled[0],
        "sub_event_type": r.acled[1], "actor1": actor1, "assoc_actor_1": "; ".join(dict.fromkeys(assoc1)) or None,
        "inter1": inter1, "actor2": actor2, "assoc_actor_2": "; ".join(dict.fromkeys(assoc2)) or None,
        "inter2": inter2, "interaction": int("".join(map(str, pair))) if len(pair) == 2 else (pair[0] * 10 if pair else None),
        "civilian_targeting": "Civilian targeting" if any(e.get("sector") == "CVL" for e in a2) else None,
        "iso": country.get("isonumeric"), "country": country.get("name") or loc.get("country"),
        "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "location": loc.get("name") or loc.get("text"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": ACLED_GEO_PRECISION.get(loc.get("precision") or ""),
        "source": "; ".join(r.sources) or None, "notes": r.notes,
        "fatalities": r.size.get("dead", {}).get("value", 0),
    }


def write_acled(records: Iterable[ExportRecord], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in records:
        row = acled_row(r)
        if row is not None:
            writer.writerow(_safe_row(row))
            n += 1
    return n


def write_parquet(store: Store, directory: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    from ..store.schema import TABLES

    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, table in TABLES.items():  # streamed: one batch of rows in memory at a time
        with pq.ParquetWriter(directory / f"{name}.parquet", table.arrow_schema()) as writer:
            out[name] = 0
            for batch in store.iter_table(name):
                writer.write_batch(batch)
                out[name] += batch.num_rows
    return out


TEXT_FORMATS: dict[str, Callable[[Iterable[ExportRecord], TextIO], int]] = {
    "plover": write_plover, "cameo": write_cameo, "acled": write_acled}
FORMATS = (*TEXT_FORMATS, "parquet")
