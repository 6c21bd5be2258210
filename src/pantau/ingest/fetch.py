"""Polite HTTP fetching of pages and feeds (httpx), and the watch loop over feeds.

``Fetcher.get(url)``:

1. **robots.txt** of the host is read once per run (``urllib.robotparser``); a disallowed URL is
   not fetched. An unreachable or missing robots.txt allows everything, as crawlers agree.
2. **Rate limit**: at most one request per ``FetchOptions.min_interval`` seconds per host.
3. **Conditional GET**: the ``ETag`` / ``Last-Modified`` remembered in the ``SeenState`` are sent;
   ``304 Not Modified`` means nothing new.
4. **Retries**: connection errors, timeouts, 429 and 5xx are retried ``retries`` times with
   exponential backoff (``backoff * 2**attempt`` seconds); other 4xx are final.
5. **Limits**: redirects (``max_redirects``; a loop ends there), body size (``max_bytes``, read
   streaming and abandoned past the limit), timeouts.

Failures become rejections naming the URL: ``empty`` for no content (unreachable, HTTP errors,
redirect loops, robots.txt), ``too_large`` past the size limit. ``iter_watch`` polls feeds and
emits only entries it has not seen; ``iter_fetch`` fetches given URLs.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from ..model import Document
from ..settings import Options
from ..version import __version__
from .documents import reject
from .feeds import parse_feed
from .html import extract_html
from .ids import canonical_url
from .state import MemoryState, SeenState

USER_AGENT = f"pantau/{__version__} (+https://github.com/pantau-project/pantau)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 0.5
    min_interval: float = 1.0
    max_redirects: int = 5
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(slots=True)
class Response:
    url: str
    status: int = 0
    content: bytes = b""
    content_type: str = ""
    not_modified: bool = False
    error: str | None = None
    reason: str = "empty"
    transient: bool = False
    validators: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.not_modified


class Fetcher:
    def __init__(self, options: Options, fetch: FetchOptions | None = None, state: SeenState | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.options = options
        self.fetch = fetch or FetchOptions()
        self.state: SeenState = state if state is not None else MemoryState()
        self.client = httpx.Client(timeout=self.fetch.timeout, follow_redirects=True,
                                   max_redirects=self.fetch.max_redirects, transport=transport,
                                   headers={"User-Agent": self.fetch.user_agent})
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.fetch.min_interval - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        if not self.fetch.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                self._wait_turn(parts.netloc)
                r = self.client.get(origin + "/robots.txt")
                if r.status_code == 200:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(r.text.splitlines())
            except httpx.HTTPError:
                parser = None
            self._robots[origin] = parser
        robots = self._robots[origin]
        return robots is None or robots.can_fetch(self.fetch.user_agent, url)

    def get(self, url: str, *, conditional: bool = True) -> Response:
        if not self.allowed(url):
            return Response(url, error="disallowed by robots.txt")
        headers = {}
        old = self.state.validators(url) if conditional else {}
        if old.get("etag"):
            headers["If-None-Match"] = old["etag"]
        if old.get("last_modified"):
            headers["If-Modified-Since"] = old["last_modified"]
        host = urlsplit(url).netloc
        result = Response(url)
        for attempt in range(self.fetch.retries + 1):
            if attempt:
                time.sleep(self.fetch.backoff * 2 ** (attempt - 1))
            self._wait_turn(host)
            result = self._once(url, headers)
            if not result.transient:
                break
        if result.ok and result.validators:
            self.state.set_validators(url, result.validators)
        return result

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        limit = self.options.max_bytes
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                final = str(r.url)
                if r.status_code == 304:
                    return Response(final, 304, not_modified=True)
                if r.status_code == 429 or r.status_code >= 500:
                    return Response(final, r.status_code, error=f"HTTP {r.status_code} {r.reason_phrase}",
                                    transient=True)
                if r.status_code >= 400:
                    return Response(final, r.status_code, error=f"HTTP {r.status_code} {r.reason_phrase}")
                declared = r.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > limit:
                    return Response(final, r.status_code, reason="too_large",
                                    error=f"Content-Length {declared} exceeds the limit of {limit} bytes")
                chunks: list[bytes] = []
                size = 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        return Response(final, r.status_code, reason="too_large",
                                        error=f"body exceeds the limit of {limit} bytes (max_bytes)")
                    chunks.append(chunk)
                validators = {k: v for k, v in (("etag", r.headers.get("ETag")),
                                                ("last_modified", r.headers.get("Last-Modified"))) if v}
                return Response(final, r.status_code, b"".join(chunks), r.headers.get("Content-Type", ""),
                                validators=validators)
        except httpx.TooManyRedirects:
            return Response(url, error=f"redirect loop (more than {self.fetch.max_redirects} redirects)")
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            return Response(url, error=f"unreachable ({type(exc).__name__}: {exc})", transient=True)
        except httpx.HTTPError as exc:
            return Response(url, error=f"request failed ({type(exc).__name__}: {exc})")

    def page(self, url: str, *, conditional: bool = False) -> Document | None:
        """The article at ``url`` (None when a conditional GET says it did not change)."""
        r = self.get(url, conditional=conditional)
        if r.not_modified:
            return None
        if r.error is not None:
            return reject(r.reason, r.error, locator=url, url=url, meta={"transient": r.transient})
        return extract_html(r.content, self.options, locator=url, url=r.url, content_type=r.content_type,
                            extra_meta={"fetched_url": url, "http_status": r.status})


def read_list(arg: str) -> list[str]:
    """``arg`` itself when it is a URL, else the URLs listed in the file (one a line, # comments)."""
    if "://" in arg:
        return [arg]
    path = Path(arg)
    from ..errors import IngestError

    if not path.is_file():
        raise IngestError(f"{arg!r} is neither a URL nor a file listing URLs; give http(s):// URLs or a file.")
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def iter_fetch(urls: Sequence[str], fetcher: Fetcher) -> Iterator[Document]:
    """Fetch each URL once; with a persistent state, URLs already emitted are skipped."""
    for url in urls:
        key = "url:" + (canonical_url(url) or url)
        if fetcher.state.is_seen(key):
            continue
        doc = fetcher.page(url)
        if doc is None:
            continue
        if not doc.meta.get("transient"):  # unreachable now, perhaps not next time
            fetcher.state.mark_seen(key)
        yield doc
    fetcher.state.save()


def iter_watch(feeds: Sequence[str], fetcher: Fetcher) -> Iterator[Document]:
    """One poll of every feed: documents for entries never emitted before (see the module docstring)."""
    state = fetcher.state
    for feed_url in feeds:
        r = fetcher.get(feed_url, conditional=True)
        if r.not_modified:
            continue
        if r.error is not None:
            yield reject(r.reason, r.error, locator=feed_url, url=feed_url)
            continue
        items = parse_feed(r.content, fetcher.options, locator=feed_url, base_url=r.url)
        if items.problem is not None:
            yield items.problem
        for key, doc in items.documents:
            entry_key = f"entry:{feed_url}#{key}"
            if state.is_seen(entry_key) or (doc.rejected is None and state.is_seen("doc:" + doc.doc_id)):
                continue
            state.mark_seen(entry_key)
            state.mark_seen("doc:" + doc.doc_id)
            yield doc
        for target in items.targets:
            entry_key = f"entry:{feed_url}#{target.key}"
            url_key = "url:" + (canonical_url(target.url) or target.url)
            if state.is_seen(entry_key) or state.is_seen(url_key):
                continue
            page = fetcher.page(target.url)
            if page is None:
                continue
            if page.rejected is None:
                page = page.with_(title=page.title or target.title, published=page.published or target.published)
                if state.is_seen("doc:" + page.doc_id):
                    state.mark_seen(entry_key)
                    continue
                state.mark_seen("doc:" + page.doc_id)
            if not page.meta.get("transient"):
                state.mark_seen(entry_key)
                state.mark_seen(url_key)
            yield page
        state.save()


def fetch_link_only(docs: Iterator[Document], options: Options) -> Iterator[Document]:
    """Documents of a stream, with each link-only feed entry (``meta.fetch_target``) replaced by
    its page, fetched politely (robots.txt, rate limit, retries); the feed's title and date fill
    what the page lacks."""
    with Fetcher(options) as fetcher:
        for doc in docs:
            url = doc.meta.get("fetch_target") if doc.rejected is not None else None
            if not url:
                yield doc
                continue
            page = fetcher.page(url)
            if page is None:
                continue
            yield page.with_(title=page.title or doc.title, published=page.published or doc.published,
                             meta={**page.meta, "feed_entry": doc.locator})
