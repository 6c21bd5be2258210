"""CSV and TSV files: one document per row.

The header row names the columns (``csv.Sniffer`` decides whether there is one and what separates
the cells). The text is the column ``options.text_column`` names, else the first of
``TEXT_COLUMNS`` present (``notes`` reads ACLED's own exports); the id, date, title, URL and
language columns are chosen the same way. Locators are ``path:ROW`` (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from ..model import Document
from ..settings import Options
from .documents import reject
from .plain import read_decoded, record_document
from .sources import Source

TEXT_COLUMNS = ("text", "body", "content", "article", "notes", "description", "summary")
ID_COLUMNS = ("id", "doc_id", "event_id_cnty", "guid")
DATE_COLUMNS = ("published", "date", "event_date", "pubdate", "publish_date", "timestamp")
TITLE_COLUMNS = ("title", "headline")
URL_COLUMNS = ("url", "link", "source_url")
LANG_COLUMNS = ("lang", "language")
csv.field_size_limit(1 << 30)  # an article in one cell is long; the document limit still applies


def _pick(header: Sequence[str], wanted: str | None, candidates: Sequence[str], option: str) -> str | None:
    lower = {h.strip().lower(): h for h in header}
    if wanted:
        if wanted in header:
            return wanted
        if wanted.lower() in lower:
            return lower[wanted.lower()]
        raise ValueError(f"no column {wanted!r} for {option}; the columns are {', '.join(header)}")
    return next((lower[c] for c in candidates if c in lower), None)


def read_table(source: Source, options: Options) -> Iterator[Document]:
    decoded = read_decoded(source, options)
    if isinstance(decoded, Document):
        yield decoded
        return
    assert decoded.text is not None
    sample = decoded.text[:64 * 1024]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        has_header = csv.Sniffer().has_header(sample)
    except csv.Error:
        dialect, has_header = (csv.excel_tab if source.name.endswith(".tsv") else csv.excel), True
    rows = csv.reader(io.StringIO(decoded.text), dialect)
    header = next(rows, None)
    if header is None:
        yield reject("empty", "the table has no rows", locator=source.name)
        return
    known = {c for group in (TEXT_COLUMNS, ID_COLUMNS, DATE_COLUMNS, TITLE_COLUMNS, URL_COLUMNS, LANG_COLUMNS)
             for c in group} | {c.lower() for c in (options.text_column, options.id_column, options.date_column) if c}
    has_header = has_header or any(cell.strip().lower() in known for cell in header)
    if not has_header:
        header = [f"column{i + 1}" for i in range(len(header))]
        rows = csv.reader(io.StringIO(decoded.text), dialect)
    try:
        text = _pick(header, options.text_column, TEXT_COLUMNS, "--text-column")
        if text is None:
            raise ValueError(f"no text column among {', '.join(header)}; name it with --text-column")
        columns = {"id": _pick(header, options.id_column, ID_COLUMNS, "--id-column"),
                   "published": _pick(header, options.date_column, DATE_COLUMNS, "--date-column"),
                   "title": _pick(header, None, TITLE_COLUMNS, ""), "url": _pick(header, None, URL_COLUMNS, ""),
                   "lang": _pick(header, None, LANG_COLUMNS, "")}
    except ValueError as exc:
        yield reject("parse_error", str(exc), locator=source.name)
        return
    index = {name: i for i, name in enumerate(header)}
    meta = {"format": "csv", "encoding": decoded.encoding, "lossy": decoded.lossy}
    seen = 0
    for n, row in enumerate(rows, 2 if has_header else 1):
        if not any(cell.strip() for cell in row):
            continue
        seen += 1
        rec = {key: row[index[col]] if col is not None and index[col] < len(row) else None
               for key, col in {"text": text, **columns}.items()}
        rec = {k: (v.strip() or None) if isinstance(v, str) and k != "text" else v for k, v in rec.items()}
        yield record_document({k: v for k, v in rec.items() if v is not None} | {"text": rec["text"] or ""},
                              f"{source.name}:{n}", dict(meta))
    if not seen:
        yield reject("empty", "the table has a header row but no rows", locator=source.name)
