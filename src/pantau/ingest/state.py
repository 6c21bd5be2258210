"""What `pantau watch` and `pantau fetch` remember between runs: seen items and HTTP validators.

``SeenState`` is the protocol; ``JsonSeenState`` keeps it in a small JSON file (written atomically,
so an interrupted run never leaves a half-written state). A store (``pantau.store``) can implement
the same protocol to keep the state beside the documents.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol


class SeenState(Protocol):
    def is_seen(self, key: str) -> bool:
        """Whether an item (feed entry key, canonical URL or doc id) was already emitted."""

    def mark_seen(self, key: str) -> None: ...

    def validators(self, url: str) -> dict[str, str]:
        """The ``etag`` / ``last_modified`` last answered for ``url`` (empty when none)."""

    def set_validators(self, url: str, validators: dict[str, str]) -> None: ...

    def save(self) -> None: ...


class MemoryState:
    """A ``SeenState`` that forgets at exit (``--state`` not given)."""

    def __init__(self, data: dict[str, Any] | None = None):
        data = data or {}
        self.seen: dict[str, str] = dict(data.get("seen") or {})
        self._validators: dict[str, dict[str, str]] = dict(data.get("validators") or {})

    def is_seen(self, key: str) -> bool:
        return key in self.seen

    def mark_seen(self, key: str) -> None:
        self.seen.setdefault(key, datetime.now(UTC).isoformat(timespec="seconds"))

    def validators(self, url: str) -> dict[str, str]:
        return dict(self._validators.get(url) or {})

    def set_validators(self, url: str, validators: dict[str, str]) -> None:
        if validators:
            self._validators[url] = dict(validators)

    def save(self) -> None:
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, "seen": self.seen, "validators": self._validators}


class JsonSeenState(MemoryState):
    """A ``SeenState`` in a JSON file; an unreadable file is an error that names it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        data: dict[str, Any] = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                from ..errors import IngestError

                raise IngestError(f"cannot read the state file {self.path} ({exc}); delete it to start "
                                  "afresh (every item will then be emitted again).") from None
        super().__init__(data)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".state-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.to_dict(), fh, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.path)
