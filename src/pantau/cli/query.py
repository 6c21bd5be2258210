"""The event filters shared by `events`, `stats`, `export` and `clusters list`, checked before any
query runs: an unknown type, country, modality or ACLED sub-event type is a usage error naming the
choices, never an empty result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import click

from ..model import MODALITIES
from . import stacked

if TYPE_CHECKING:
    from ..store.protocol import EventQuery

F = Callable[..., Any]

OPTIONS = (
    click.option("--country", help="ISO3 code of the event location, e.g. ARM."),
    click.option("--actor", help="Actor or recipient code, e.g. AZE."),
    click.option("--type", "event", help="PLOVER event type, e.g. ASSAULT."),
    click.option("--since", help="First day (ISO, inclusive)."),
    click.option("--until", help="Last day (ISO, inclusive)."),
    click.option("--modality", default="asserted", show_default=True,
                 help=f"Only this modality ({', '.join(MODALITIES)}), or all."),
    click.option("--claimant", help="Only events claimed by this code, e.g. AZE."),
    click.option("--cluster", help="Only the events of this cluster id."),
    click.option("--document", "doc_id", help="Only the events of this document id."),
    click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only events at least this confident."),
    click.option("--sub-event", help='ACLED sub-event type, e.g. "Armed clash".'),
    click.option("--bbox", help="South,west,north,east in degrees, e.g. -11,95,6,141 (west > east crosses 180°)."),
)


query_options: Callable[[F], F] = stacked(OPTIONS)


@cache
def _countries() -> frozenset[str]:
    from ..extract.gazetteer import iso3_by_iso2
    from ..ontology import load_ontology

    return frozenset(iso3_by_iso2().values()) | load_ontology().org_codes


@cache
def _sub_events() -> dict[str, str]:
    from ..ontology import load_ontology

    onto = load_ontology()
    names = {t.acled[1] for t in onto.types.values() if t.acled}
    names |= {v[1] for t in onto.types.values() for v in t.acled_modes.values()}
    names.add(onto.acled_civilian_target[1])
    names |= set(onto.acled_subtypes or {})  # sub-event type -> its event type
    return {n.lower(): n for n in names}


def _code(value: str | None, option: str) -> str | None:
    if not value:
        return None
    code = value.strip().upper()
    if code not in _countries():
        raise click.BadParameter(f"{value!r} is not an ISO3 country or organisation code (e.g. IDN, ARM, UNO).",
                                 param_hint=option)
    return code


def day(value: str | None, option: str = "--since/--until") -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date; write it as 2021-11-01.",
                                 param_hint=option) from None


def build_query(kw: dict[str, Any], *, limit: int | None = None, newest_first: bool = False) -> EventQuery:
    """An ``EventQuery`` from the options above (popped from ``kw``), validated."""
    from ..ontology import load_ontology
    from ..store.protocol import EventQuery

    event = kw.pop("event", None)
    if event:
        event = event.strip().upper()
        types = load_ontology().types
        if event not in types:
            raise click.BadParameter(f"{event!r} is not an event type; types are {', '.join(sorted(types))}.",
                                     param_hint="--type")
    modality = (kw.pop("modality", None) or "asserted").strip().lower()
    if modality != "all" and modality not in MODALITIES:
        raise click.BadParameter(f"{modality!r} is not a modality; use {', '.join(MODALITIES)} or all.",
                                 param_hint="--modality")
    sub = kw.pop("sub_event", None)
    if sub:
        if sub.strip().lower() not in _sub_events():
            raise click.BadParameter(f"{sub!r} is not an ACLED sub-event type; types are "
                                     f"{', '.join(sorted(_sub_events().values()))}.", param_hint="--sub-event")
        sub = _sub_events()[sub.strip().lower()]
    box = None
    bbox = kw.pop("bbox", None)
    if bbox:
        try:
            south, west, north, east = (float(x) for x in bbox.split(","))
        except ValueError:
            raise click.BadParameter(f"{bbox!r}: give four numbers, south,west,north,east.",
                                     param_hint="--bbox") from None
        if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            raise click.BadParameter(f"{bbox!r}: latitudes run -90..90 with south <= north, longitudes -180..180.",
                                     param_hint="--bbox")
        box = (south, west, north, east)
    return EventQuery(country=_code(kw.pop("country", None), "--country"), actor=_code(kw.pop("actor", None), "--actor"),
                      event=event, since=day(kw.pop("since", None), "--since"), until=day(kw.pop("until", None), "--until"),
                      limit=limit, modality=None if modality == "all" else modality,
                      claimant=_code(kw.pop("claimant", None), "--claimant"), cluster=kw.pop("cluster", None),
                      doc_id=kw.pop("doc_id", None), min_confidence=kw.pop("min_confidence", None), sub_event=sub,
                      box=box, newest_first=newest_first)
