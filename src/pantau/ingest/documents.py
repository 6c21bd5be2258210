"""Building documents: accepted ones with ids, rejected ones with details.

Every document pantau builds goes through ``make_document`` (which canonicalises the URL, gives
the content-hash id and turns empty text into an ``empty`` rejection): the readers here and
``pantau.extract``/``pantau.extract_many`` alike, so one record gets one id whichever door it
comes in. Readers reject through ``reject``, whose detail always starts with the locator (file
and line, WARC file and offset, or URL), so rejections look the same whatever the format.
"""

from __future__ import annotations

from typing import Any

from ..model import Document, content_id, rejected_document
from .ids import canonical_url, document_id


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def make_document(text: str, *, locator: str | None = None, doc_id: str | None = None, url: str | None = None,
                  lang: str | None = None, published: str | None = None, title: str | None = None,
                  source: str | None = None, meta: dict[str, Any] | None = None) -> Document:
    """A document, or an ``empty`` rejection when ``text`` holds only whitespace.

    ``doc_id`` defaults to ``ids.document_id``: the canonical URL (else ``locator``) and the text.
    """
    meta = dict(meta or {})
    canon = canonical_url(_clean(url))
    if canon and canon != _clean(url):
        meta.setdefault("canonical_url", canon)
    did = doc_id or document_id(text, url=_clean(url), locator=locator)
    fields: dict[str, Any] = {"url": _clean(url), "lang": _clean(lang), "published": _clean(published),
                              "title": _clean(title), "source": _clean(source)}
    if not text.strip():
        where = f"{locator}: " if locator else ""
        doc = rejected_document(did, "empty", f"{where}no text (empty or whitespace only)",
                                locator=locator, text=text, **fields)
        return doc.with_(meta=meta)
    return Document(doc_id=did, text=text, locator=locator, meta=meta, **fields)


def reject(reason: str, detail: str, *, locator: str, doc_id: str | None = None, **fields: Any) -> Document:
    """A rejected document; ``detail`` is prefixed with the locator so it names file+offset or URL."""
    meta = fields.pop("meta", None) or {}
    locator, detail = printable(locator), printable(detail)  # never raw bytes of a damaged input
    did = doc_id or content_id(locator, "")
    cleaned: dict[str, Any] = {k: _clean(v) for k, v in fields.items()}
    doc = rejected_document(did, reason, f"{locator}: {detail}", locator=locator, **cleaned)
    return doc.with_(meta=dict(meta))


def printable(text: str) -> str:
    """``text`` with every non-printable character written as an escape (``\\x1b``): messages
    quote damaged input, and raw control bytes must not reach a terminal or a log."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in text)
