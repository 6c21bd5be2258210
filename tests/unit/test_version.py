"""The version is written twice (pyproject.toml for packaging, pantau/version.py for the code); they agree."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pantau
from pantau.version import __version__


def test_version_matches_pyproject() -> None:
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == __version__ == pantau.__version__
