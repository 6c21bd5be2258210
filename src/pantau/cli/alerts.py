"""`pantau alerts`: check alert rules against a store and send each new alert once."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from .query import day
from .store import STORE_HELP, _open


@click.command()
@click.option("--rules", "rules_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Alert rules and channels (YAML; docs/alerts.md).")
@click.option("--store", help=STORE_HELP)
@click.option("--as-of", help="The day spikes and 'days since' are counted for (ISO) [default: today].")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and record nothing.")
def alerts(rules_path: Path, store: str | None, as_of: str | None, dry_run: bool) -> None:
    """Check alert rules against the store and send each new alert once (stdout, a JSON Lines file,
    a signed webhook, email). Sent alerts are recorded in the store, so running again after the
    next ingest sends only what is new: a new event, a higher toll, a ceasefire's changed status,
    a spike. Run it after each `pantau ingest` (cron, a systemd timer).

    \b
    Example:
      pantau alerts --rules examples/alerts.yaml --store duckdb:///pantau.duckdb
      pantau alerts --rules examples/alerts.yaml --dry-run --as-of 2026-04-16

    Exit codes: 0 done; 1 some channel failed (the alert is sent again next run only if every
    channel failed); 2 usage error, including an invalid rules file.
    """
    from ..alerts import evaluate, load_rules, run_alerts

    rules = load_rules(rules_path)
    when = day(as_of, "--as-of")
    as_day = dt.date.fromisoformat(when) if when else None
    if dry_run:
        with _open(store) as st:
            for alert in evaluate(st, rules, as_of=as_day):
                click.echo(json.dumps(alert, default=str, ensure_ascii=False))
        return
    with _open(store, write=True) as st:
        sent, failures = run_alerts(st, rules, as_of=as_day, echo=click.echo)
    click.echo(f"pantau: {len(sent)} alert(s) sent" + (f", {len(failures)} channel failure(s)" if failures else ""),
               err=True)
    for failure in failures:
        click.echo(f"pantau: {failure}", err=True)
    if failures:
        sys.exit(1)
