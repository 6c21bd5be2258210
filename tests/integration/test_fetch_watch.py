"""`pantau fetch` / `pantau watch` against a real HTTP server the test starts on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from pantau.cli import cli
from pantau.ingest.fetch import USER_AGENT, Fetcher, FetchOptions, iter_fetch, iter_watch
from pantau.ingest.state import JsonSeenState
from pantau.settings import Options

PARAS = {
    1: ["Soldiers clashed with gunmen near the northern border crossing on Friday, the army said.",
        "Two soldiers were wounded and five suspects were detained after the exchange of fire."],
    2: ["Thousands of nurses marched to the health ministry on Saturday demanding higher wages.",
        "The union said the strike would continue until the government opened talks with them."],
    3: ["The foreign minister met her counterpart in the capital to discuss a new trade agreement.",
        "Both sides said they hoped to sign the deal before the end of the year after months of talks."],
}


def article(n: int) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAS[n])
    return (f"<html lang='en'><head><title>Story {n}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Story {n}</h1>{body}</article></body></html>").encode()


def feed(base: str, items: list[int]) -> bytes:
    entries = "".join(f"<item><title>Story {n}</title><link>{base}/story/{n}?utm_source=rss</link>"
                      f"<guid>story-{n}</guid></item>" for n in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>{entries}'
            "</channel></rss>").encode()


class Site:
    def __init__(self) -> None:
        self.items = [1, 2]
        self.log: list[tuple[str, int, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                     headers: dict[str, str] | None = None) -> None:
                site.log.append((self.path, status, self.headers.get("User-Agent", "")))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?")[0]
                if path == "/robots.txt":
                    return self.send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")
                if path == "/feed.xml":
                    body = feed(site.base, site.items)
                    etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        return self.send(304, headers={"ETag": etag})
                    return self.send(200, body, "application/rss+xml", {"ETag": etag})
                if path.startswith("/story/"):
                    return self.send(200, article(int(path.rsplit("/", 1)[1])))
                if path == "/loop":
                    return self.send(302, headers={"Location": "/loop"})
                if path == "/big":
                    return self.send(200, b"<html><body>" + b"<p>padding text</p>" * 4000 + b"</body></html>")
                if path == "/private/page":
                    return self.send(200, article(1))
                return self.send(404, b"not here")

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


def fetcher(state_path: Path, **opts: object) -> Fetcher:
    fo = FetchOptions(timeout=3, retries=1, backoff=0.01, min_interval=0.0)
    return Fetcher(Options(**opts), fo, JsonSeenState(state_path))  # type: ignore[arg-type]


def test_watch_emits_each_entry_once_and_uses_etags(site: Site, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with fetcher(state) as f:
        first = list(iter_watch([site.base + "/feed.xml"], f))
    assert [d.title for d in first] == ["Story 1", "Story 2"] and all(d.rejected is None for d in first)
    assert first[0].text.split("\n") == PARAS[1]
    assert first[0].meta["canonical_url"] == site.base + "/story/1"
    with fetcher(state) as f:
        assert list(iter_watch([site.base + "/feed.xml"], f)) == []
    assert ("/feed.xml", 304, USER_AGENT) in site.log
    site.items = [3, 1, 2]
    with fetcher(state) as f:
        third = list(iter_watch([site.base + "/feed.xml"], f))
    assert [d.title for d in third] == ["Story 3"]
    assert json.loads(state.read_text())["validators"][site.base + "/feed.xml"]["etag"]


def test_fetch_failures_are_rejections_naming_the_url(site: Site, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/nothing"
    urls = [site.base + "/story/2", site.base + "/missing", site.base + "/loop", dead,
            site.base + "/private/page", site.base + "/big"]
    with fetcher(tmp_path / "s.json", max_bytes=20_000) as f:
        docs = list(iter_fetch(urls, f))
    assert [d.rejected.reason if d.rejected else None for d in docs] == \
        [None, "empty", "empty", "empty", "empty", "too_large"]
    for url, doc in zip(urls, docs, strict=True):
        assert doc.rejected is None or url in doc.rejected.detail
    details = " ".join(d.rejected.detail for d in docs if d.rejected)
    assert "404" in details and "redirect loop" in details and "unreachable" in details and "robots.txt" in details
    assert all(agent == USER_AGENT for _, _, agent in site.log)


def test_watch_command_once_with_state(site: Site, tmp_path: Path) -> None:
    state, out = tmp_path / "state.json", tmp_path / "out.jsonl"
    args = ["watch", site.base + "/feed.xml", "--once", "--state", str(state), "--rate", "0",
            "-o", str(out), "--no-extract"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["title"] for d in lines] == ["Story 1", "Story 2"]
    assert all(d["rejected"] is None and d["events"] == [] for d in lines)


def test_extract_a_link_only_feed_with_fetch_links(site: Site, tmp_path: Path) -> None:
    """A saved feed whose entries carry only links: without --fetch-links each entry is a rejection
    that names the flag; with it, each page is fetched and coded."""
    saved = tmp_path / "feed.rss"
    saved.write_bytes(feed(site.base, [1, 2]))
    runner = CliRunner()
    plain = runner.invoke(cli, ["extract", str(saved), "--no-text"])
    docs = [json.loads(x) for x in plain.stdout.splitlines()]
    assert [d["rejected"]["reason"] for d in docs] == ["empty", "empty"]
    assert all("--fetch-links" in d["rejected"]["detail"] for d in docs)
    fetched = runner.invoke(cli, ["extract", str(saved), "--no-text", "--fetch-links"])
    docs = [json.loads(x) for x in fetched.stdout.splitlines()]
    assert fetched.exit_code == 0, fetched.output
    assert [d["title"] for d in docs] == ["Story 1", "Story 2"] and all(d["rejected"] is None for d in docs)
    assert docs[0]["events"] and ("/robots.txt", 200, USER_AGENT) in site.log
