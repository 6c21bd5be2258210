"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# A test run started in the background of a non-interactive shell ("make test &", a CI runner's
# shell) inherits SIGINT ignored, and so would every pantau it starts: a program keeps a signal
# ignored at its start, as shells expect of background jobs. The tests that press Ctrl-C on a
# command mean a terminal's Ctrl-C, so the run takes SIGINT back; its children start with it at
# its default.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "spec" / "OUTPUT.md").is_file():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
