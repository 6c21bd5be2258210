"""`pantau ceasefires`: ceasefires read from the stored events, their status and what followed them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from .query import _code, day
from .store import STORE_HELP, _emit, _jsonable, _open

COLUMNS = ("ceasefire_id", "start", "parties", "status", "brokers", "after", "per_side", "last_violation",
           "days_since_violation")


def _as_of(value: str | None) -> dt.date | None:
    found = day(value, "--as-of")
    return dt.date.fromisoformat(found) if found else None


def _row(c: dict[str, Any]) -> dict[str, Any]:
    sides = "; ".join(f"{p}: {s['incidents']} inc, {s['accusations']} acc, {s['dead']} dead"
                      for p, s in c["per_side"].items())
    return {**c, "parties": "-".join(c["parties"]), "brokers": ",".join(b["code"] for b in c["brokers"]),
            "per_side": sides}


@click.group(invoke_without_command=True)
@click.option("--store", help=STORE_HELP)
@click.option("--country", help="Only ceasefires this ISO3 code is a party to, e.g. ARM.")
@click.option("--status", help="Only ceasefires with this status (holding, violations alleged, violated, collapsed).")
@click.option("--as-of", help="Count days since the last violation to this day (ISO) [default: today].")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "json"]), default="table",
              show_default=True, help="Output format.")
@click.pass_context
def ceasefires(ctx: click.Context, store: str | None, country: str | None, status: str | None, as_of: str | None,
               fmt: str) -> None:
    """Ceasefires in the store: parties, start, brokers, status, and each side's incidents and
    accusations since (rules: src/pantau/ontology/ceasefires.yaml; PANTAU_CEASEFIRE_RULES overrides).

    \b
    Example:
      pantau ceasefires --country THA
      pantau ceasefires --status violated --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..store.ceasefires import list_ceasefires, statuses

    if status and status not in statuses():
        raise click.BadParameter(f"{status!r} is not a status; statuses are {', '.join(statuses())}.",
                                 param_hint="--status")
    with _open(store) as st:
        found = list_ceasefires(st, country=_code(country, "--country"), status=status, as_of=_as_of(as_of))
    if fmt == "json":
        click.echo(json.dumps(found, default=_jsonable, ensure_ascii=False, indent=2))
        return
    _emit([_row(c) for c in found] if fmt != "jsonl" else found, fmt, COLUMNS if fmt != "jsonl" else None)


@ceasefires.command("show")
@click.argument("ceasefire_id")
@click.option("--store", help=STORE_HELP)
@click.option("--as-of", help="Count days since the last violation to this day (ISO) [default: today].")
def ceasefires_show(ceasefire_id: str, store: str | None, as_of: str | None) -> None:
    """One ceasefire as JSON: agreements, renewals, brokers, and the timeline of incidents,
    accusations and denials per side, each with its claimant, counts and source sentence.

    \b
    Example:
      pantau ceasefires show cf-9dca9eea572a
    """
    from ..errors import StoreError
    from ..store.ceasefires import show_ceasefire

    with _open(store) as st:
        try:
            out = show_ceasefire(st, ceasefire_id, as_of=_as_of(as_of))
        except StoreError as exc:  # an unknown id is the caller's mistake, not the store's
            raise click.BadParameter(str(exc), param_hint="CEASEFIRE_ID") from None
    click.echo(json.dumps(out, default=_jsonable, ensure_ascii=False, indent=2))
