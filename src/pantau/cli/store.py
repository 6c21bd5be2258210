"""Store commands: `pantau ingest`, `events`, `stats`, `export`, `clusters` (docs/store.md)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..settings import Options
from . import JOBS, input_options
from .paths import output_dir, output_file
from .query import build_query, query_options
from .signals import Interrupt

STORE_HELP = ("Store URL: duckdb:///pantau.duckdb (default; relative path), duckdb:////abs/path.duckdb or "
              "postgresql://user:password@host/db. Env: PANTAU_STORE.")


def store_url(store: str | None) -> str:
    from ..store import DEFAULT_URL

    return store or Options.from_env().store or DEFAULT_URL


def _open(store: str | None, *, write: bool = False, create: bool = False) -> Any:
    from ..store import open_store

    return open_store(store_url(store), create=create, read_only=not write)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    """Rows as JSON Lines, CSV or a table; text from articles never reaches a terminal or a
    spreadsheet as escape sequences or formulas (``export.formats.safe_cell``)."""
    from ..export.formats import safe_cell

    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt != "jsonl":  # json.dumps escapes control characters itself
        rows = [{k: safe_cell(v) for k, v in r.items()} for r in rows]
    out = sys.stdout
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps({k: _jsonable(v) for k, v in r.items()}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _jsonable(v) for k, v in r.items()})
    else:
        cells = [[("" if r.get(c) is None else str(_jsonable(r.get(c)))) for c in columns] for r in rows]
        widths = [min(40, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
        for row in cells:
            out.write("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")


FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
                      show_default=True, help="Output format.")


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--store", help=STORE_HELP)
@click.option("--format", "fmt", default="auto", show_default=True, help="Input format (as for `pantau extract`).")
@click.option("--extracted", is_flag=True, help="SOURCES are pantau output (JSON Lines of extracted documents): "
              "store them without extracting again.")
@click.option("--batch-size", type=click.IntRange(1), default=500, show_default=True,
              help="Documents per transaction.")
@click.option("--no-cluster", is_flag=True, help="Do not re-cluster events across articles after storing.")
@click.option("--progress", is_flag=True, help="Print a line on stderr after every stored batch.")
@input_options
@JOBS
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's cores (--jobs). dask: partitions on a Dask cluster (docs/scale.md).")
@click.option("--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: a local cluster of --jobs workers.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("pantau-dataset"),
              show_default=True, help="With --engine dask: the folder for partitions, manifest and the Parquet dataset.")
def ingest(sources: tuple[str, ...], store: str | None, fmt: str, extracted: bool, batch_size: int,
           no_cluster: bool, progress: bool, follow_symlinks: bool, text_column: str | None,
           id_column: str | None, date_column: str | None, jobs: int | None, engine: str,
           scheduler: str | None, output: Path) -> None:
    """Extract events from SOURCES and store them (idempotent: re-running upserts the same rows).

    \b
    Example:
      pantau ingest examples/articles.jsonl --store duckdb:///pantau.duckdb
      pantau extract news/*.html > out.jsonl && pantau ingest --extracted out.jsonl
      pantau ingest crawl.warc.gz --engine dask --jobs 2 --output crawl-events
    """
    from ..run import check_sources
    from ..run import ingest as run_ingest

    options = Options.from_env(store=store, follow_symlinks=follow_symlinks or None, text_column=text_column,
                               id_column=id_column, date_column=date_column)
    check_sources(sources, extracted=extracted)  # before any store file or run record exists
    documents = None
    if engine == "dask":
        output_dir(output, "--output")
        if extracted:
            raise click.UsageError("--extracted stores finished output; --engine dask is for extracting.")
        from ..scale import documents as finished
        from ..scale import ingest_dask

        def say(line: str) -> None:
            if progress:
                click.echo(f"pantau: {line}", err=True)

        dask, parts = ingest_dask(sources, options, output, fmt=fmt, scheduler=scheduler, workers=jobs, progress=say)
        click.echo(f"pantau: dask: {dask.partitions} partitions ({dask.computed} computed now), {dask.documents} "
                   f"documents, {dask.events} events; Parquet dataset in {output}/events", err=True)
        documents = finished(parts, output, options)

    live = sys.stderr.isatty() and not progress
    started = time.perf_counter()

    def report(counts: Any) -> None:
        line = (f"pantau: stored {counts.documents} documents, {counts.events} events, {counts.rejected} "
                f"rejections, {time.perf_counter() - started:.0f} s")
        if live:  # one line, rewritten in place, on a terminal
            sys.stderr.write("\r" + line + " ")
            sys.stderr.flush()
        else:
            click.echo(line, err=True)

    with Interrupt() as interrupt, _open(store, write=True, create=True) as st:
        result = run_ingest(st, sources, options, fmt=fmt, extracted=extracted, batch_size=batch_size,
                            cluster=not no_cluster, progress=report if progress or live else None, jobs=jobs,
                            documents=documents, stop=interrupt)
    if live:
        sys.stderr.write("\r\033[K")
    c = result.counts
    if result.interrupted:
        click.echo(f"pantau: interrupted after storing {c.documents} documents, {c.events} events; "
                   "re-run the same command to continue (stored rows are upserted, never doubled).", err=True)
        sys.exit(130)
    clusters = "" if result.clusters is None else f", {result.clusters} clusters"
    click.echo(f"pantau: stored {c.documents} documents, {c.events} events, {c.rejected} rejections{clusters} "
               f"in {result.seconds:.2f} s (run {result.run_id}) into {store_url(store).split('@')[-1]}", err=True)
    if c.documents and c.rejected / c.documents > options.max_reject_rate:
        click.echo(f"pantau: {c.rejected} of {c.documents} documents rejected (more than "
                   f"{options.max_reject_rate:.0%}); `pantau stats` lists the reasons.", err=True)
        sys.exit(1)


COLUMNS = ("day", "event", "mode", "actor_codes", "recipient_codes", "country", "modality", "claimant_code",
           "confidence", "trigger_text", "event_id")


@click.command()
@click.option("--store", help=STORE_HELP)
@query_options
@click.option("--limit", type=click.IntRange(1), help="At most this many events.")
@click.option("--columns", help="Comma-separated columns; besides the event columns: actor_names, recipient_names, "
              f"place, sentence, url, title, cluster, dead. [default: {','.join(COLUMNS)}]")
@click.option("--oldest-first", is_flag=True, help="Oldest first (default: newest first).")
@FORMAT
def events(store: str | None, limit: int | None, columns: str | None, oldest_first: bool, fmt: str,
           **filters: Any) -> None:
    """List stored events, newest first; only asserted ones unless --modality says otherwise.

    \b
    Example:
      pantau events --country ARM --actor AZE --type ASSAULT --since 2021-11-01 --format csv
      pantau events --claimant AZE --modality all --columns day,event,actor_names,place,sentence,url
    """
    from ..errors import StoreError

    q = build_query(filters, limit=limit, newest_first=not oldest_first)
    cols = [c.strip() for c in columns.split(",") if c.strip()] if columns else list(COLUMNS)
    with _open(store) as st:
        try:
            rows = st.events(q, cols)
        except StoreError as exc:
            raise click.BadParameter(str(exc), param_hint="--columns") from None
    for r in rows:
        if isinstance(r.get("confidence"), float):
            r["confidence"] = round(r["confidence"], 2)
    _emit(rows, fmt, cols)


@click.command()
@click.option("--store", help=STORE_HELP)
@query_options
@click.option("--per", "period", type=click.Choice(["day", "week", "month"]), default="day", show_default=True,
              help="Count per day, week (starting Monday) or month.")
@click.option("--by", "unit", type=click.Choice(["reports", "clusters"]), default="reports", show_default=True,
              help="Count reported events, or real-world events (clusters; a cluster's dead is its largest report).")
@FORMAT
def stats(store: str | None, period: str, unit: str, fmt: str, **filters: Any) -> None:
    """Event counts and fatalities by period and type (asserted events unless --modality), after a
    summary of the store on stderr.

    \b
    Example:
      pantau stats --country IDN --since 2024-01-01 --per month --format csv
      pantau stats --by clusters --type ASSAULT --per week
    """
    q = build_query(filters)
    with _open(store) as st:
        totals = st.counts()
        reasons = st.query("SELECT reason, count(*) AS n FROM rejections GROUP BY reason ORDER BY reason")
        rows = st.event_counts(q, period=period, clusters=unit == "clusters")
    summary = ", ".join(f"{k} {totals[k]}" for k in ("documents", "events", "rejections", "clusters", "runs"))
    why = ", ".join(f"{r['reason']} {r['n']}" for r in reasons)
    click.echo(f"pantau: {summary}{f' (rejected: {why})' if why else ''}", err=True)
    _emit(rows, fmt, [period, "event", "n", "dead"])


@click.command()
@click.option("--store", help=STORE_HELP)
@click.option("--format", "fmt", type=click.Choice(["plover", "cameo", "acled", "parquet"]), required=True,
              help="plover: JSON Lines; cameo: GDELT-style TSV; acled: ACLED-style CSV; parquet: every table.")
@click.option("--clusters", is_flag=True, help="One record per event cluster instead of per reported event.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File (directory for parquet); default stdout.")
@query_options
def export(store: str | None, fmt: str, clusters: bool, output: Path | None, **filters: Any) -> None:
    """Export stored events for other tools (docs/exports.md maps every column). The filters apply
    to plover, cameo and acled (asserted events unless --modality); parquet writes every table whole.

    \b
    Example:
      pantau export --format acled --clusters -o events.csv
      pantau export --format cameo --country IDN --since 2025-01-01 -o idn.tsv
      pantau export --format parquet -o export/
    """
    from ..export import export as run_export

    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--format parquet writes a folder of files: give it with -o, e.g. -o export/.")
        output_dir(output, "--output")
    else:
        output_file(output, "--output")
    q = build_query(filters)
    live = sys.stderr.isatty() and output is not None
    shown = [0.0]

    def report(n: int) -> None:
        if time.perf_counter() - shown[0] > 0.2:
            shown[0] = time.perf_counter()
            sys.stderr.write(f"\rpantau: exporting, {n} records ")
            sys.stderr.flush()

    with _open(store) as st:
        n = run_export(st, fmt, output if output is not None else sys.stdout, clusters=clusters,
                       query=None if fmt == "parquet" else q, progress=report if live else None)
    if live and shown[0]:
        sys.stderr.write("\r\033[K")
    click.echo(f"pantau: exported {n} {'rows' if fmt == 'parquet' else 'records'}", err=True)


@click.group()
def clusters() -> None:
    """Event clusters: the same real-world event reported by several articles.

    \b
    Example:
      pantau clusters build && pantau clusters list
      pantau clusters show c1a2b3... && pantau clusters split c1a2b3...
    """


@clusters.command("build")
@click.option("--store", help=STORE_HELP)
def clusters_build(store: str | None) -> None:
    """Re-cluster every stored event (merges undone by `split` stay undone)."""
    from ..store.clusters import build_clusters

    with _open(store, write=True) as st:
        result = build_clusters(st)
    click.echo(f"pantau: {len(result.clusters)} clusters", err=True)


@clusters.command("list")
@click.option("--store", help=STORE_HELP)
@click.option("--limit", type=click.IntRange(1))
@query_options
@FORMAT
def clusters_list(store: str | None, limit: int | None, fmt: str, **filters: Any) -> None:
    """List clusters by first day; with filters, those holding a matching event."""
    from ..store.clusters import list_clusters

    q = build_query(filters)
    with _open(store) as st:
        rows = list_clusters(st, limit, q)
    _emit(rows, fmt, ["cluster_id", "event", "n_events", "n_documents", "day_first", "day_last", "country",
                      "actor_codes"])


@clusters.command("show")
@click.argument("cluster_id")
@click.option("--store", help=STORE_HELP)
def clusters_show(cluster_id: str, store: str | None) -> None:
    """Show one cluster: its events, every merge decision (rule, score) and reconciled counts (JSON)."""
    from ..errors import StoreError
    from ..store.clusters import show_cluster

    with _open(store) as st:
        try:
            out = show_cluster(st, cluster_id)
        except StoreError as exc:  # an unknown id is the caller's mistake, not the store's
            raise click.BadParameter(str(exc), param_hint="CLUSTER_ID") from None
    click.echo(json.dumps(out, default=_jsonable, ensure_ascii=False, indent=2))


@clusters.command("split")
@click.argument("cluster_id")
@click.option("--event", "event_id", help="Detach only this event from the cluster.")
@click.option("--store", help=STORE_HELP)
def clusters_split(cluster_id: str, event_id: str | None, store: str | None) -> None:
    """Undo a cluster's merges (or detach one event); later builds will not redo them."""
    from ..store.clusters import split_cluster

    with _open(store, write=True) as st:
        result = split_cluster(st, cluster_id, event_id)
    click.echo(f"pantau: split {cluster_id}; {len(result.clusters)} clusters now", err=True)


@clusters.command("score")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--events-gold", "event_gold", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Event gold files of the same articles (singleton events); repeatable.")
@click.option("--store", help=STORE_HELP)
def clusters_score(gold: tuple[Path, ...], event_gold: tuple[Path, ...], store: str | None) -> None:
    """Pairwise precision and recall of the store's clusters on clustering gold files, scored
    together (JSON).

    \b
    Example:
      pantau ingest examples/articles.jsonl --store duckdb:///gold.duckdb
      pantau clusters score tests/gold/clusters.jsonl --events-gold tests/gold/project-en.jsonl \\
        --events-gold tests/gold/project-id.jsonl --store duckdb:///gold.duckdb
    """
    import dataclasses

    from ..store.clusters import score_gold

    with _open(store) as st:
        result = score_gold(st, gold, event_gold)
    click.echo(json.dumps(dataclasses.asdict(result), indent=2))
