"""Ctrl-C and SIGTERM during a long command: finish what is in hand, then stop cleanly."""

from __future__ import annotations

import contextlib
import signal
from types import FrameType, TracebackType
from typing import Any

import click


class Interrupt:
    """While active, the first SIGINT or SIGTERM only sets a flag (``interrupt()`` is then true), so
    the command ends its current batch and says how to continue; a second one stops at once."""

    def __init__(self) -> None:
        self.requested = False
        self._old: dict[int, Any] = {}

    def __call__(self) -> bool:
        return self.requested

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        click.echo("\npantau: stopping after the current batch (press Ctrl-C again to stop at once)", err=True)

    def __enter__(self) -> Interrupt:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)
