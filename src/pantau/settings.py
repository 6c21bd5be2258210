"""One options object shared by the library and the CLI (STYLE rule 4)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import SettingsError

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Options:
    """Run settings. Each can be set from the environment as ``PANTAU_<NAME>``."""

    lang: str | None = None
    """Force this language (BCP 47) instead of detecting it per document."""
    published: str | None = None
    """Publication date (ISO) for documents that carry none."""
    include_text: bool = True
    """Emit the document text in the output (``--no-text`` turns it off)."""
    max_bytes: int = 50 * MiB
    """Documents larger than this are rejected as ``too_large``: the coder is linear, but a
    50 MB 'article' is a dump, not news, and would hold a worker for minutes."""
    max_reject_rate: float = 0.5
    """Exit 1 when more than this share of documents is rejected."""
    keep_duplicates: bool = False
    """Keep near-duplicate documents instead of rejecting them as ``duplicate``."""
    store: str | None = None
    """Store URL: ``duckdb:///path.duckdb`` or ``postgresql://...``."""
    text_column: str | None = None
    """CSV input: the column holding the text (default: text, body, content, notes...)."""
    id_column: str | None = None
    """CSV input: the column holding the document id."""
    date_column: str | None = None
    """CSV input: the column holding the publication date."""
    fetch_links: bool = False
    """Fetch the page of a feed entry that carries only a link (politely, as ``pantau fetch``)."""
    follow_symlinks: bool = False
    """In a folder, read symbolic links that point outside it (by default they are skipped)."""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Options:
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get("PANTAU_" + f.name.upper())
            if raw is None:
                continue
            values[f.name] = _coerce(f.name, str(f.type), raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Options:
        return replace(self, **changes)


def _coerce(name: str, type_name: str, raw: str) -> Any:
    try:
        if type_name.startswith("bool"):
            if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ValueError(raw)
            return raw.lower() in ("1", "true", "yes")
        if type_name.startswith("int"):
            return int(raw)
        if type_name.startswith("float"):
            return float(raw)
    except ValueError:
        raise SettingsError(f"PANTAU_{name.upper()}={raw!r} is not a valid {type_name}; "
                            "unset it or give a valid value.") from None
    return raw
