"""WARC and WARC.gz web archives, streamed record by record with warcio.

Only ``response`` records are read (requests, metadata and warcinfo records describe the
crawl, not articles). A response with HTML goes through ``html.extract_html``; plain text
responses through the text path; other media types (images, scripts) are skipped, and counted
in no output because they were never documents. Non-2xx responses become ``empty`` rejections
naming their status. Memory stays flat whatever the archive's size: a record's body is read at
most ``options.max_bytes + 1`` bytes, warcio skips the rest, and nothing else is kept.

Locators are ``FILE@OFFSET URI`` (the record's byte offset in the file as stored, compressed
for WARC.gz), so any document can be found again with ``warcio extract FILE OFFSET``.
``WARC-Date`` is the fallback publication time when the page gives none. A truncated or
corrupt archive ends in one ``parse_error`` rejection naming the last good offset; the
documents before it are kept.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path

from ..model import Document
from ..settings import Options
from .decode import charset_from_header, decode_bytes
from .documents import make_document, printable, reject
from .html import extract_html
from .plain import read_limited
from .sources import Source

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _last_member_complete(path: Path, offset: int) -> bool:
    """Whether the gzip member starting at ``offset`` runs to a proper end (warcio stops silently)."""
    inflater = zlib.decompressobj(wbits=31)
    with open(path, "rb") as fh:
        fh.seek(offset)
        while not inflater.eof:
            chunk = fh.read(1 << 16)
            if not chunk:
                return False
            inflater.decompress(chunk, 1 << 16)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, 1 << 16)
    return True


def record_offsets(path: Path) -> Iterator[int]:
    """The byte offset of every record of a WARC file (as stored: compressed for WARC.gz), read
    without parsing the records' HTTP payloads. ``read_warc(start=, end=)`` reads a range of them."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as raw:
        records = ArchiveIterator(raw, no_record_parse=True, arc2warc=True)
        for _ in records:
            yield records.offset


def read_warc(source: Source, options: Options, start: int = 0, end: int | None = None) -> Iterator[Document]:
    """The documents of the records of ``source`` that start at or after byte ``start`` and before
    ``end`` (the whole archive by default: one partition of it when the two are given). A corrupt
    stretch is one ``parse_error`` rejection; reading goes on at the next record header after it
    (``next_record``), so the valid records after a damaged one are not lost."""
    pos = start
    while True:
        with contextlib.redirect_stderr(io.StringIO()):  # warcio writes its own warnings to stderr
            broken = yield from _read_from(source, options, pos, end)
        if broken is None or source.path is None:
            return
        resume = next_record(source.path, broken + 1, gzipped=source.gzipped, end=end)
        if resume is None:
            return
        pos = resume


# Where a record can begin: a gzip member's magic (WARC.gz), or a WARC version line.
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 20


def next_record(path: Path, after: int, *, gzipped: bool, end: int | None = None) -> int | None:
    """The offset of the first readable record that starts at or after ``after``, or None."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    with open(path, "rb") as fh:
        pos = after
        while end is None or pos < end:
            fh.seek(pos)
            chunk = fh.read(_SCAN_CHUNK + len(magic))
            if len(chunk) < len(magic):
                return None
            k = chunk.find(magic)
            if k < 0:
                pos += _SCAN_CHUNK
                continue
            found = pos + k
            if end is not None and found >= end:
                return None
            fh.seek(found)
            head = fh.read(1 << 16)
            if not gzipped:
                return found
            try:
                if zlib.decompressobj(wbits=31).decompress(head, 64).startswith(b"WARC/"):
                    return found
            except zlib.error:
                pass
            pos = found + 1
    return None


def _read_from(source: Source, options: Options, start: int,
               end: int | None) -> Generator[Document, None, int | None]:
    """Read records from ``start``; returns the offset where the archive broke, or None."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offset = start
    cut_record = -1  # offset of a record already reported as truncated
    try:
        with source.open_raw() as raw:
            if start:
                raw.seek(start)
            records = ArchiveIterator(raw, no_record_parse=False, arc2warc=True)
            for record in records:
                offset = records.offset  # the record's start in the file (warcio counts from the file's position)
                if end is not None and offset >= end:
                    return None
                if record.rec_type is None or record.length is None:
                    yield reject("parse_error", "invalid WARC record headers (no WARC-Type or Content-Length)",
                                 locator=f"{source.name}@{offset}")
                    continue
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                uri = printable(uri) if uri else uri  # a damaged header can hold any bytes
                locator = f"{source.name}@{offset} {uri}"
                date = record.rec_headers.get_header("WARC-Date")
                http = record.http_headers
                status = http.get_statuscode() if http is not None else "200"
                ctype = (http.get_header("Content-Type") if http is not None else None) or ""
                mime = ctype.split(";")[0].strip().lower()
                if mime and mime not in HTML_TYPES and not mime.startswith("text/"):
                    continue
                if not str(status).startswith("2"):
                    yield reject("empty", f"HTTP {status} response, no article", locator=locator, url=uri)
                    continue
                data, too_big = read_limited(record.content_stream(), options.max_bytes)
                records.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0):
                    cut_record = offset
                    yield reject("parse_error", f"truncated record: {record.raw_stream.limit} of its "
                                 f"{record.length} bytes are missing", locator=locator, url=uri)
                    continue
                if too_big:
                    yield reject("too_large", f"record body exceeds the limit of {options.max_bytes} bytes "
                                 "(max_bytes)", locator=locator, url=uri)
                    continue
                extra = {"warc_file": source.name, "warc_offset": offset, "warc_date": date}
                if mime == "text/plain":
                    decoded = decode_bytes(data, charset_from_header(ctype))
                    if decoded.text is None:
                        yield reject("undecodable", decoded.error, locator=locator, url=uri)
                    else:
                        yield make_document(decoded.text, locator=locator, url=uri, published=date, meta={
                            "format": "warc-text", "encoding": decoded.encoding, "lossy": decoded.lossy,
                            **extra})
                    continue
                yield extract_html(data, options, locator=locator, url=uri, content_type=ctype,
                                   fallback_date=date, extra_meta=extra)
            last = records.offset
        size = source.path.stat().st_size if source.path is not None else None
        if size is not None and last < (size if end is None else min(size, end)):
            yield reject("parse_error", f"truncated or corrupt WARC: the bytes after offset {last} hold no "
                         "readable record up to the next record header", locator=f"{source.name}@{last}")
            return last
        if end is None and source.path is not None and source.gzipped and offset != cut_record \
                and not _last_member_complete(source.path, offset):
            yield reject("parse_error", f"truncated WARC.gz: the gzip member of the record at offset {offset} "
                         "is cut short (its content was read; what followed it is lost)",
                         locator=f"{source.name}@{offset}")
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        yield reject("parse_error", f"corrupt WARC after the record at offset {offset} "
                     f"({type(exc).__name__}: {printable(str(exc).strip()[:200])})", locator=f"{source.name}@{offset}")
        return offset
    return None
