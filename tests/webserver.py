"""A real pantau server on loopback for tests: uvicorn in a thread, on a free port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn

from pantau.web.app import Config, asgi


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, alive: Callable[[], bool], timeout: float = 60) -> None:
    """Wait until ``base``/api/meta answers 200; fail early when ``alive()`` says the server died."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(base + "/api/meta", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or not alive():
            raise RuntimeError(f"the pantau server at {base} did not start")
        time.sleep(0.1)


@contextmanager
def live_server(url: str, start_timeout: float = 30, **config: Any) -> Iterator[str]:
    """Serve the store at ``url``; yields the base URL (http://127.0.0.1:PORT) until the block ends."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(asgi(Config(url=url, **config)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True, name="pantau-test-server")
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base, thread.is_alive, timeout=start_timeout)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
