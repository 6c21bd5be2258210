"""`pantau demo` (what `make run` runs): the example corpus from WARC to stored, readable events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..settings import Options


def _row(ev: dict[str, Any], width: int) -> str:
    who = ev.get("actor_codes") or "-"
    whom = ev.get("recipient_codes") or ""
    sides = f"{who}->{whom}" if whom else who
    kind = ev["event"] + (f"/{ev['mode']}" if ev.get("mode") else "")
    counts = ev.get("sizes") or ""
    claim = f"says {ev['claimant_code']}" if ev.get("claimant_code") else ""
    where = ev.get("country") or ""
    trigger = (ev.get("trigger_text") or "")[:width]
    return (f"{str(ev.get('date') or ''):10}  {kind:26} {sides:16} {where:4} {ev.get('modality', ''):12} "
            f"{claim:9} {counts:18} {trigger}")


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Folder for the built corpus and the DuckDB store.")
@click.option("--limit", type=int, default=60, show_default=True, help="Events to print.")
def demo(out: Path, limit: int) -> None:
    """Build the example corpus (HTML pages, WARC, RSS), ingest the WARC into DuckDB, print events.

    \b
    Example:
      pantau demo --out out
    """
    from ..ingest.corpus import build_example_corpus
    from ..run import ingest
    from ..store import EventQuery, open_store
    from .paths import output_dir

    output_dir(out, "--out")

    corpus = build_example_corpus(out / "example-corpus")
    click.echo(f"built {len(corpus.pages)} pages, {corpus.warc_path} and {corpus.rss_path}")
    url = f"duckdb:///{(out / 'pantau.duckdb').resolve()}"
    store = open_store(url)
    try:
        result = ingest(store, [str(corpus.warc_path)], Options.from_env(store=url))
        c = result.counts
        click.echo(f"ingested into {url}: {c.documents} documents, {c.events} events, {c.rejected} rejections, "
                   f"{result.clusters} clusters, {result.seconds:.1f} s\n")
        rows = sorted(store.events(EventQuery()), key=lambda r: (str(r.get("date") or ""), r["event_id"]),
                      reverse=True)[:limit]
        sizes = {r["event_id"]: r for r in store.query(
            "SELECT event_id, string_agg(key || '=' || CAST(value AS VARCHAR), ' ') AS sizes "
            "FROM quantities WHERE claim_ordinal < 0 GROUP BY event_id")} if rows else {}
    finally:
        store.close()
    click.echo(f"{'date':10}  {'event':26} {'actor->recip.':16} {'loc':4} {'modality':12} {'claim':9} "
               f"{'counts':18} trigger")
    for ev in rows:
        ev = {**ev, "sizes": (sizes.get(ev.get("event_id")) or {}).get("sizes")}
        click.echo(_row(ev, 40))
    click.echo(f"\n(the {len(rows)} most recent events; query more with: pantau events --store {url} --format table)")
    click.echo(f"\nThe dashboard over this store: run `pantau serve --store {url}`, then open http://127.0.0.1:8000/")
