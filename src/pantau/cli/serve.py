"""`pantau serve`: the HTTP API and the dashboard over one store (docs/web.md)."""

from __future__ import annotations

import os

import click

from .store import STORE_HELP, store_url


@click.command()
@click.option("--store", help=STORE_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback only by default; 0.0.0.0 exposes the server to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--cors-origin", "cors", multiple=True,
              help="Allow browser pages from this origin to call the API (repeatable; off by default).")
@click.option("--writes-per-minute", type=click.IntRange(1), default=30, show_default=True,
              help="Per-client limit on POST /api/documents.")
@click.option("--cache-size", type=click.IntRange(0), default=1024, show_default=True,
              help="Read responses kept in memory until the store changes (0: none).")
def serve(store: str | None, host: str, port: int, cors: tuple[str, ...], writes_per_minute: int,
          cache_size: int) -> None:
    """Serve the store over HTTP: the JSON API under /api, its docs at /docs, the dashboard at /.

    POST /api/documents (submit an article) is on only when PANTAU_API_TOKEN is set; clients then
    send `Authorization: Bearer TOKEN`. A DuckDB store is held by the server while it runs: ingest
    through the API, or use a PostgreSQL store when other processes write at the same time.

    \b
    Example:
      pantau serve --store duckdb:///pantau.duckdb --port 8000
    """
    from ..store import open_store
    from ..web.app import Config, run_server

    url = store_url(store)
    token = os.environ.get("PANTAU_API_TOKEN") or None
    open_store(url, create=bool(token), read_only=not token).close()  # fail now, with the store's own message
    run_server(Config(url=url, token=token, cors=cors, writes_per_minute=writes_per_minute, cache_size=cache_size),
               host, port, log=click.echo)
