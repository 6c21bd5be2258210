"""The HTTP API and the dashboard over one store (``pantau serve``; docs/web.md).

Reads run on a pool of sibling connections (one per request in flight); writes (``POST
/api/documents``, off unless ``PANTAU_API_TOKEN`` is set) go through the one store the server
opened, one at a time. Every error is ``{"error": {"code", "message", "detail"}}``; every response
carries a Content-Security-Policy that forbids inline script; the dashboard's assets are served
from the package, nothing from a CDN.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import io
import json
import queue
import shutil
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import click
from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import PantauError, StoreError
from ..store import EventQuery
from . import data
from .cache import ResponseCache

STATIC = Path(str(resources.files("pantau.web").joinpath("static")))
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 406: "not_acceptable", 413: "too_large", 414: "query_too_long",
                415: "unsupported_media_type", 422: "invalid_request", 429: "rate_limited", 500: "internal",
                503: "store_unavailable"}


class ErrorInfo(BaseModel):
    code: str
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    error: ErrorInfo


class ApiError(Exception):
    def __init__(self, status: int, message: str, detail: Any = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.detail = status, message, detail
        self.code = code or STATUS_CODES.get(status, "error")


def _error(status: int, message: str, detail: Any = None, code: str | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code or STATUS_CODES.get(status, "error"), "message": message,
                      "detail": jsonable_encoder(detail)}}
    return JSONResponse(body, status_code=status, headers=headers)


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": desc} for code, desc in (
        (400, "A filter names no known value"), (404, "Not found"), (413, "Body too large"),
        (414, "Query string too long"), (422, "Invalid parameters"), (503, "Store unavailable"))}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS, **{code: {"model": ErrorBody, "description": desc} for code, desc in (
        (401, "Missing or wrong bearer token"), (403, "Writes are off (no PANTAU_API_TOKEN)"),
        (429, "Too many writes"))}}


class Guard:
    """Plain ASGI middleware: size limits on the query string and the body, and the security
    headers on every response."""

    def __init__(self, app: ASGIApp, *, max_query: int, max_body: int) -> None:
        self.app, self.max_query, self.max_body = app, max_query, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        if len(scope.get("query_string", b"")) > self.max_query:
            await _error(414, f"the query string is longer than {self.max_query} bytes; narrow the filters")(
                scope, receive, send_with_headers)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _error(413, f"the request body is larger than {self.max_body} bytes")(scope, receive,
                                                                                       send_with_headers)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise ApiError(413, f"the request body is larger than {self.max_body} bytes")
            return message

        await self.app(scope, counted, send_with_headers)


class RateLimit:
    """A token bucket per client address: ``per_minute`` writes, refilled continuously."""

    def __init__(self, per_minute: int) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(max(1, per_minute))
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when allowed, else the seconds to wait."""
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self.buckets[client] = (tokens - 1, now)
                return 0.0
            self.buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate if self.rate else 60.0


@dataclass
class Config:
    url: str
    token: str | None = None
    cors: Sequence[str] = ()
    writes_per_minute: int = 30
    max_body: int = 5_000_000
    max_query: int = 4096
    cache_size: int = 1024
    """Read responses kept until the store changes (0: none; web/cache.py)."""


class Submission(BaseModel):
    """An article to extract and store: exactly one of ``text``, ``html`` or ``url``."""

    text: str | None = Field(None, max_length=2_000_000, description="Plain article text.")
    html: str | None = Field(None, max_length=4_000_000, description="A whole HTML page.")
    url: str | None = Field(None, max_length=2048, pattern=r"^https?://\S+$", description="A page to fetch.")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", max_length=40)
    lang: str | None = Field(None, pattern=r"^[a-z]{2,3}$")
    source: str | None = Field(None, max_length=200)


def _filters(country: Annotated[str | None, Query(max_length=10, description="ISO3 code of the event's place, "
                                                  "e.g. ARM (a border event counts for both countries)")] = None,
             actor: Annotated[str | None, Query(max_length=10, description="ISO3 or organisation code of an actor "
                                                "or recipient, e.g. AZE")] = None,
             type: Annotated[str | None, Query(max_length=20, description="PLOVER event type, e.g. ASSAULT")] = None,  # noqa: A002
             mode: Annotated[str | None, Query(max_length=40, description="mode of the type, e.g. firearms")] = None,
             sub_event: Annotated[str | None, Query(max_length=80, description="ACLED sub-event type, "
                                                    "e.g. Armed clash")] = None,
             claimant: Annotated[str | None, Query(max_length=10, description="code of whoever claims the event, "
                                                   "e.g. ARM")] = None,
             modality: Annotated[str, Query(max_length=20, description="asserted, negated, future, hypothetical, "
                                            "historical, or all")] = "all",
             since: Annotated[str | None, Query(max_length=20, description="first day, ISO (2021-11-01)")] = None,
             until: Annotated[str | None, Query(max_length=20, description="last day, ISO (2021-11-30)")] = None,
             bbox: Annotated[str | None, Query(max_length=100, description="south,west,north,east in degrees")] = None,
             q: Annotated[str | None, Query(max_length=200, description="text in the evidence sentence "
                                            "(case-insensitive)")] = None,
             cluster: Annotated[str | None, Query(max_length=200, description="only the events of this "
                                                  "cluster id")] = None,
             document: Annotated[str | None, Query(max_length=500, description="only the events of this "
                                                   "document id")] = None,
             min_confidence: Annotated[float | None, Query(ge=0, le=1, description="only events at least this "
                                                           "confident (0-1)")] = None) -> EventQuery:
    from ..cli.query import build_query
    from ..ontology import load_ontology

    try:
        query = build_query({"country": country, "actor": actor, "event": type, "sub_event": sub_event,
                             "claimant": claimant, "modality": modality, "since": since, "until": until,
                             "bbox": bbox, "cluster": cluster, "doc_id": document,
                             "min_confidence": min_confidence})
    except click.BadParameter as exc:
        hint = exc.param_hint if isinstance(exc.param_hint, str) else ""
        param = hint.lstrip("-").replace("-", "_").split("/")[0]
        raise ApiError(400, f"{param}: {exc.message}", {"param": param}, code="bad_parameter") from None
    if mode:
        modes = {m for t in load_ontology().types.values() for m in t.modes}
        if mode not in modes:
            raise ApiError(400, f"{mode!r} is not a mode; modes are {', '.join(sorted(modes))}", {"param": "mode"},
                           code="bad_parameter")
    return dataclasses.replace(query, mode=mode or None, text=q or None)


Filters = Annotated[EventQuery, Depends(_filters)]


def _reader(request: Request) -> Iterator[Any]:
    with request.app.state.stores.reader() as store:
        yield store


Reader = Annotated[Any, Depends(_reader)]


def create_app(config: Config) -> FastAPI:
    """The FastAPI app (routes and error handlers); ``asgi`` adds the middleware around it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        stores = app.state.stores = data.Stores(config.url, writable=bool(config.token))
        app.state.cache = ResponseCache(stores.generation, size=config.cache_size)
        try:
            yield
        finally:
            stores.close()

    app = FastAPI(title="pantau", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="News to claims-aware PLOVER event data: events, clusters, ceasefires, exports.")
    limiter = RateLimit(config.writes_per_minute)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.detail, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), None, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
                    for e in exc.errors()]
        message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "invalid request"
        return _error(422, message, problems)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error ({type(exc).__name__}); the server log has the details")

    # --- reads -----------------------------------------------------------------------------------
    @app.get("/api/events", responses=ERRORS, tags=["events"])
    def events(request: Request, store: Reader, query: Filters,
               limit: Annotated[int, Query(ge=1, le=500, description="events per page")] = 50,
               cursor: Annotated[str | None, Query(max_length=500, description="next_cursor of the previous "
                                                   "page")] = None,
               sort: Annotated[str, Query(pattern="^-?day$", description="day (oldest first) or -day")] = "-day",
               ) -> Response:
        """Events matching the filters, a page at a time: pass ``next_cursor`` back as ``cursor``."""
        after = None
        if cursor:
            try:
                after = data.decode_cursor(cursor)
            except ValueError as exc:
                raise ApiError(400, str(exc), {"param": "cursor"}, code="bad_parameter") from None
        q = dataclasses.replace(query, newest_first=sort == "-day", after=after)
        return cached(request, lambda: data.events_page(store, q, limit))

    @app.get("/api/events/{event_id}", responses=ERRORS, tags=["events"])
    def event(request: Request, store: Reader, event_id: Annotated[str, PathParam(max_length=300)]) -> Response:
        """One event: claims, counts, place, cluster, source document and the spans behind each field."""
        return cached(request, lambda: _found(data.event_view(store, event_id), f"no event {event_id!r}"))

    @app.get("/api/stats", responses=ERRORS, tags=["events"])
    def stats(request: Request, store: Reader, query: Filters) -> Response:
        """Counts by day and type and by country, top actors and places, and map points."""
        return cached(request, lambda: data.stats(store, query))

    @app.get("/api/clusters", responses=ERRORS, tags=["clusters"])
    def clusters(request: Request, store: Reader, query: Filters, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
        """Clusters (reports of one real-world event) holding at least one matching event."""
        return cached(request, lambda: {"clusters": data.clusters(store, query, limit, offset)})

    @app.get("/api/clusters/{cluster_id}", responses=ERRORS, tags=["clusters"])
    def cluster(request: Request, store: Reader, cluster_id: str) -> Response:
        """One cluster: its reports, merge decisions, counts and the claims behind them."""
        return cached(request, lambda: _found(data.cluster(store, cluster_id), f"no cluster {cluster_id!r}"))

    @app.get("/api/documents/{doc_id}", responses=ERRORS, tags=["documents"])
    def document(request: Request, store: Reader, doc_id: str) -> Response:
        """One stored document: its text, its events, or why it was rejected."""
        return cached(request, lambda: _found(data.document(store, doc_id), f"no document {doc_id!r}"))

    @app.get("/api/ceasefires", responses=ERRORS, tags=["ceasefires"])
    def ceasefires(request: Request, store: Reader,
                   country: Annotated[str | None, Query(max_length=3)] = None) -> Response:
        """Ceasefires with their parties, start, brokers and later incidents and accusations per side."""
        from ..store.ceasefires import list_ceasefires

        code = _filters(country=country).country if country else None
        return cached(request, lambda: {"ceasefires": [data.plain(c) for c in list_ceasefires(store, country=code)]})

    @app.get("/api/ceasefires/{ceasefire_id}", responses=ERRORS, tags=["ceasefires"])
    def ceasefire(request: Request, store: Reader, ceasefire_id: str) -> Response:
        """One ceasefire: agreements, brokers and the timeline of incidents and accusations per side."""
        from ..store.ceasefires import show_ceasefire

        def compute() -> dict[str, Any]:
            try:
                return data.plain(show_ceasefire(store, ceasefire_id))
            except StoreError:
                raise ApiError(404, f"no ceasefire {ceasefire_id!r}") from None

        return cached(request, compute)

    @app.get("/api/meta", tags=["meta"])
    def meta() -> dict[str, Any]:
        """Event types (with their modes) and modalities, for filter choices."""
        from ..model import MODALITIES
        from ..ontology import load_ontology

        types = load_ontology().types
        return {"types": {name: list(t.modes) for name, t in sorted(types.items())}, "modalities": list(MODALITIES),
                "writes": bool(config.token), "version": _version()}

    @app.get("/api/export", responses={**ERRORS, 200: {"description": "The export, streamed", "content": {
        "application/x-ndjson": {}, "text/csv": {}, "text/tab-separated-values": {}, "application/zip": {}}}},
        tags=["exports"])
    def export(request: Request, query: Filters, format: Annotated[str, Query(pattern="^(plover|cameo|acled|parquet)$")] = "plover",  # noqa: A002
               clusters: bool = False) -> StreamingResponse:
        """The matching events in one export format, streamed (parquet: a zip of one file per table)."""
        media = {"plover": "application/x-ndjson", "cameo": "text/tab-separated-values", "acled": "text/csv",
                 "parquet": "application/zip"}[format]
        suffix = {"plover": "jsonl", "cameo": "tsv", "acled": "csv", "parquet": "zip"}[format]
        stores = request.app.state.stores
        body = _parquet_zip(stores) if format == "parquet" else _stream_text(stores, format, query, clusters)
        return StreamingResponse(body, media_type=media,
                                 headers={"content-disposition": f'attachment; filename="pantau-events.{suffix}"'})

    # --- writes ----------------------------------------------------------------------------------
    @app.post("/api/documents", status_code=201, responses=WRITE_ERRORS, tags=["documents"])
    def submit(request: Request, body: Submission) -> dict[str, Any]:
        """Extract and store one article (bearer token required; off when the server has none)."""
        if not config.token:
            raise ApiError(403, "writes are off on this server; start it with PANTAU_API_TOKEN set to allow them")
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.encode(), config.token.encode()):
            raise ApiError(401, "missing or wrong bearer token (Authorization: Bearer TOKEN)")
        wait = limiter.take(request.client.host if request.client else "?")
        if wait:
            raise ApiError(429, f"too many writes; try again in {wait:.0f} s", {"retry_after": round(wait, 1)})
        given_fields = [f for f in ("text", "html", "url") if getattr(body, f)]
        if len(given_fields) != 1:
            raise ApiError(422, "give exactly one of text, html or url", {"given": given_fields})
        return _submit(request.app.state.stores, body, request.app.state.cache)

    # --- the dashboard ---------------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    return app


def asgi(config: Config) -> ASGIApp:
    """What ``pantau serve`` runs: the app behind gzip, CORS when configured, and the guard (every
    middleware passes the lifespan events through to the app)."""
    outer: ASGIApp = GZipMiddleware(create_app(config), minimum_size=2000)
    if config.cors:
        from starlette.middleware.cors import CORSMiddleware

        outer = CORSMiddleware(outer, allow_origins=list(config.cors), allow_methods=["GET", "POST"],
                               allow_headers=["authorization", "content-type"])
    return Guard(outer, max_query=config.max_query, max_body=config.max_body)


def _found(value: dict[str, Any] | None, missing: str) -> dict[str, Any]:
    if value is None:
        raise ApiError(404, missing)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def cached(request: Request, compute: Callable[[], Any]) -> Response:
    """The JSON body of ``compute()``, kept until the store changes; 304 when the client has it."""
    cache: ResponseCache = request.app.state.cache
    key = request.url.path + "?" + "&".join(sorted(request.url.query.split("&")))

    def body() -> bytes:
        return json.dumps(compute(), ensure_ascii=False, separators=(",", ":"), default=_json_default).encode()

    content, etag = cache.get(key, body) if cache.size else (body(), "")
    headers = {"etag": etag, "cache-control": "no-cache"} if etag else {}
    if etag and request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(content, media_type="application/json", headers=headers)


def _version() -> str:
    from ..version import __version__

    return __version__


class _QueueWriter(io.TextIOBase):
    """A text stream whose writes become chunks on a bounded queue (the export's back-pressure)."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], size: int = 64_000) -> None:
        self.chunks, self.size, self.buffer = chunks, size, io.StringIO()

    def write(self, s: str) -> int:
        self.buffer.write(s)
        if self.buffer.tell() >= self.size:
            self.flush()
        return len(s)

    def flush(self) -> None:
        value = self.buffer.getvalue()
        if value:
            self.chunks.put(value.encode("utf-8"))
            self.buffer = io.StringIO()


def _stream_text(stores: data.Stores, fmt: str, query: EventQuery, clusters: bool) -> Iterator[bytes]:
    from ..export import export

    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=8)

    def produce() -> None:
        try:
            with stores.reader() as store:
                out = _QueueWriter(chunks)
                export(store, fmt, out, clusters=clusters, query=query)  # type: ignore[arg-type]
                out.flush()
            chunks.put(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which ends the response
            chunks.put(exc)

    threading.Thread(target=produce, daemon=True, name="pantau-export").start()
    while True:
        chunk = chunks.get()
        if chunk is None:
            return
        if isinstance(chunk, BaseException):
            raise chunk
        yield chunk


def _parquet_zip(stores: data.Stores) -> Iterator[bytes]:
    from ..export.formats import write_parquet

    folder = Path(tempfile.mkdtemp(prefix="pantau-export-"))
    try:
        with stores.reader() as store:
            write_parquet(store, folder / "tables")
        archive = folder / "export.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
            for path in sorted((folder / "tables").iterdir()):
                zf.write(path, path.name)
        with archive.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                yield chunk
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _submit(stores: data.Stores, body: Submission, cache: ResponseCache) -> dict[str, Any]:
    from .. import extract_many
    from ..ingest.documents import make_document
    from ..run import ingest
    from ..settings import Options

    options = Options.from_env(store=stores.url)
    if body.url:
        from ..ingest.fetch import Fetcher

        with Fetcher(options) as fetcher:
            doc = fetcher.page(body.url)
        if doc is None:
            raise ApiError(422, f"could not fetch {body.url} (unreachable, refused by robots.txt, or not a page)",
                           {"url": body.url})
    elif body.html:
        from ..ingest.html import extract_html

        doc = extract_html(body.html.encode("utf-8"), options, locator="api:html", url=None)
    else:
        doc = make_document(body.text or "", locator="api:text", lang=body.lang, published=body.published,
                            title=body.title, source=body.source)
    fields = {k: v for k, v in (("title", body.title), ("published", body.published), ("source", body.source),
                                ("lang", body.lang)) if v and not getattr(doc, k)}
    doc = doc.with_(**fields)
    done = list(extract_many([doc], options=options))
    with stores.write_lock:
        result = ingest(stores.main, [doc.locator or "api"], options, documents=done)
        cache.clear()
    stored = done[0]
    found = stores.main.query("SELECT reason, detail FROM rejections WHERE doc_id = ?", (stored.doc_id,))
    return {"doc_id": stored.doc_id, "events": result.counts.events, "run_id": result.run_id,
            "rejected": found[0] if found else None}


def run_server(config: Config, host: str, port: int, *, log: Callable[[str], None] = print) -> None:
    import uvicorn

    log(f"pantau: serving {config.url} at http://{host}:{port}/ (API docs at /docs; Ctrl-C stops)")
    uvicorn.run(asgi(config), host=host, port=port, log_level="warning", access_log=False)


__all__ = ["Config", "PantauError", "asgi", "create_app", "run_server"]
