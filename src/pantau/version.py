"""pantau's version, in the lowest layer so any module may name it (pyproject.toml must agree)."""

__version__ = "0.1.0"
