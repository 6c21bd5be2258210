"""Responses of the read API kept in memory until the store changes.

A dashboard asks the same questions again and again (every analyst's first screen is the same
``/api/stats`` and first page of ``/api/events``). Each response body is kept, serialised, under
its path and sorted query, with the store's ``generation()`` (runs and cluster builds) it was
computed at; the generation is read again at most once per ``check_every`` seconds, so a write by
another process (PostgreSQL) shows within that time, and a write through this server clears the
cache at once. Bodies carry an ETag; a matching If-None-Match gets 304 without a body.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class ResponseCache:
    def __init__(self, generation: Callable[[], str], *, size: int = 1024, check_every: float = 1.0) -> None:
        self._generation = generation
        self.size, self.check_every = size, check_every
        self._entries: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()
        self._current = ""
        self._checked = 0.0
        self.hits = self.misses = 0

    def generation(self) -> str:
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            current = self._generation()
            with self._lock:
                if current != self._current:
                    self._entries.clear()
                    self._current = current
                self._checked = now
        return self._current

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._checked = 0.0

    def get(self, key: str, compute: Callable[[], bytes]) -> tuple[bytes, str]:
        """The body for ``key`` and its ETag, computed once per store generation."""
        generation = self.generation()
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found
        body = compute()
        etag = '"' + hashlib.blake2b(generation.encode() + b"\0" + body, digest_size=12).hexdigest() + '"'
        with self._lock:
            self.misses += 1
            if generation == self._current:
                self._entries[key] = (body, etag)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return body, etag
