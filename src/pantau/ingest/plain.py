"""Plain text (one document per file), JSON Lines (one document per line) and JSON arrays.

Both read in a streaming way: a text file is read up to ``options.max_bytes + 1`` bytes and
rejected as ``too_large`` past that (never loaded whole); a JSONL file is read line by line, and a
line longer than the limit is skipped in chunks and rejected. JSONL records carry
``id, text, lang?, published?, title?, url?, source?``; other fields are ignored, so gold files
are valid input. Locators are ``path`` for text and ``path:LINE`` for JSONL. A file that is one
JSON value (an array of such records, or one pretty-printed record) is parsed whole, up to
``ARRAY_FACTOR`` times the document limit; its locators are ``path[INDEX]``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..model import Document
from ..settings import Options
from .decode import Decoded, decode_bytes
from .documents import make_document, reject
from .sources import Source

CHUNK = 1024 * 1024
STREAM_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile)


def read_limited(fh: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes; the flag says whether more followed (the rest is not read)."""
    data = fh.read(limit + 1)
    if len(data) > limit:
        return b"", True
    return data, False


def read_source(source: Source, options: Options) -> bytes | Document:
    """The bytes of a whole-file source, or the rejection that says why they cannot be had."""
    try:
        with source.open() as fh:
            data, too_big = read_limited(fh, options.max_bytes)
    except STREAM_ERRORS as exc:
        return reject("undecodable", f"broken compressed stream ({exc})", locator=source.name)
    if too_big:
        return reject("too_large", f"larger than the limit of {options.max_bytes} bytes (max_bytes)",
                      locator=source.name)
    return data


def read_decoded(source: Source, options: Options) -> Decoded | Document:
    """The decoded text of a whole-file source, or the rejection that says why it cannot be had."""
    data = read_source(source, options)
    if isinstance(data, Document):
        return data
    decoded = decode_bytes(data)
    if decoded.text is None:
        return reject("undecodable", decoded.error, locator=source.name)
    return decoded


def read_text(source: Source, options: Options) -> Iterator[Document]:
    locator = source.name
    decoded = read_decoded(source, options)
    if isinstance(decoded, Document):
        yield decoded
        return
    assert decoded.text is not None
    yield make_document(decoded.text, locator=locator, meta={
        "format": "text", "encoding": decoded.encoding, "lossy": decoded.lossy})


def _skip_rest_of_line(fh: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = fh.readline(CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _record(data: bytes, locator: str, options: Options) -> Document:
    meta: dict[str, Any] = {"format": "jsonl", "encoding": "utf-8", "lossy": False}
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_bytes(data)
        if decoded.text is None:
            return reject("undecodable", decoded.error, locator=locator)
        line = decoded.text
        meta.update(encoding=decoded.encoding, lossy=decoded.lossy)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return reject("parse_error", f"not valid JSON ({exc.msg} at column {exc.colno})", locator=locator)
    return record_document(rec, locator, meta)


def record_document(rec: Any, locator: str, meta: dict[str, Any]) -> Document:
    """A document from one JSON record (a line of JSON Lines, an element of a JSON array)."""
    if not isinstance(rec, dict):
        return reject("parse_error", f"expected a JSON object, got {type(rec).__name__}", locator=locator)
    text = rec.get("text")
    own_id = None if rec.get("id") is None else str(rec["id"])
    if text is None:
        return reject("parse_error", "the record has no 'text' field", locator=locator, doc_id=own_id)
    if not isinstance(text, str):
        return reject("parse_error", f"'text' must be a string, got {type(text).__name__}",
                      locator=locator, doc_id=own_id)
    for key in ("author", "categories", "tags"):
        if rec.get(key):
            meta[key] = rec[key]
    published = rec.get("published")
    if published is not None and iso_date(published) is None:
        meta["warnings"] = [f"'published' {str(published)[:40]!r} is not an ISO date (2025-07-08 or "
                            "2025-07-08T10:00:00Z); it was not used"]
        published = None
    return make_document(text, locator=locator, doc_id=own_id, url=rec.get("url"), lang=rec.get("lang"),
                         published=published, title=rec.get("title"), source=rec.get("source"),
                         meta=meta)


def iso_date(value: Any) -> str | None:
    """``value`` when it is an ISO date or date-time (a year-month or year alone too), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) in (4, 7) and text[:4].isdigit():
            dt.date.fromisoformat(text + "-01-01"[len(text) - 4:])
        else:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return text


# A JSON array is parsed whole: files up to this many times the document limit.
ARRAY_FACTOR = 4


def _json_whole(source: Source, options: Options) -> Iterator[Document]:
    """A file that is one JSON value: an array of records, or one (pretty-printed) record."""
    limit = ARRAY_FACTOR * options.max_bytes
    try:
        with source.open() as fh:
            data, too_big = read_limited(fh, limit)
    except STREAM_ERRORS as exc:
        yield reject("undecodable", f"broken compressed stream ({exc})", locator=source.name)
        return
    if too_big:
        yield reject("too_large", f"a JSON array over {limit:,} bytes is not read whole; convert it to JSON "
                     "Lines (one record per line), e.g. jq -c '.[]' FILE > FILE.jsonl", locator=source.name)
        return
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield reject("parse_error", f"not valid JSON ({exc}); pantau reads JSON Lines (one object per line) or "
                     "a JSON array of objects", locator=source.name)
        return
    meta = {"format": "json", "encoding": "utf-8", "lossy": False}
    records = value if isinstance(value, list) else [value]
    if not records:
        yield reject("empty", "the JSON array holds no records", locator=source.name)
        return
    for i, rec in enumerate(records):
        yield record_document(rec, f"{source.name}[{i}]" if isinstance(value, list) else source.name, dict(meta))


def _one_value(source: Source) -> bool:
    """Whether the file is one JSON value rather than JSON Lines: it starts with ``[``, or its first
    line is an object that does not close on that line (pretty-printed JSON)."""
    head = source.head().lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        return True
    first = head.split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return False
    try:
        json.loads(first)
    except ValueError:
        return True
    return False


def read_jsonl(source: Source, options: Options) -> Iterator[Document]:
    if _one_value(source):
        yield from _json_whole(source, options)
        return
    lineno = 0
    produced = 0
    try:
        with source.open() as fh:
            while True:
                line = fh.readline(options.max_bytes + 1)
                if not line:
                    if not produced:  # nothing lost, not even an empty file: it is said so
                        yield reject("empty", "no records: the file is empty or holds only blank lines",
                                     locator=source.name)
                    return
                lineno += 1
                produced += 1
                locator = f"{source.name}:{lineno}"
                if len(line) > options.max_bytes:
                    skipped = len(line) + (0 if line.endswith(b"\n") else _skip_rest_of_line(fh))
                    yield reject("too_large", f"line of {skipped} bytes exceeds the limit of "
                                 f"{options.max_bytes} bytes (max_bytes)", locator=locator)
                    continue
                if not line.strip():
                    produced -= 1
                    continue
                yield _record(line, locator, options)
    except STREAM_ERRORS as exc:
        yield reject("undecodable", f"broken compressed stream after line {lineno} ({exc})",
                     locator=f"{source.name}:{lineno + 1}")
