"""HTML pages to clean article documents.

The cascade, in order (each stage's failure is a rejection, never an exception):

1. **Size.** Pages over ``options.max_bytes`` are ``too_large`` (files are read only that far).
2. **Decoding.** ``decode.decode_bytes`` with the transport charset, then ``<meta charset>``,
   then detection; binary junk and undecodable bytes are ``undecodable``; lossy decoding is
   flagged in ``meta["lossy"]``.
3. **Extraction.** trafilatura (comments excluded) gives the body and metadata: title, date
   (ISO 8601 with the page's time zone when it has one), author, site name, categories, tags,
   canonical URL. A page with no article text is ``empty``.
4. **Language.** ``options.lang``, else ``<html lang>``, else detection on the body.
5. **Boilerplate.** ``clean.filter_for(lang)`` removes furniture lines that survived extraction
   (the pack's ``boilerplate`` section), records an author line as ``meta["author"]`` when the page
   had none, and a first line that repeats the title is dropped (the title is kept in ``title``).
6. **Identity.** ``url`` is the address the page was read from (else its canonical link);
   ``doc_id`` hashes the canonical URL with the cleaned text, so the same article fetched twice,
   or under tracking parameters, has one id.
"""

from __future__ import annotations

import html as htmllib
import importlib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urljoin

from ..lang import available_tags
from ..model import Document
from ..settings import Options
from .clean import filter_for
from .decode import charset_from_header, decode_bytes
from .documents import make_document, reject
from .ids import canonical_url
from .plain import read_source
from .sources import Source

_HTML_LANG = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_CANONICAL_REL = re.compile(r"""\brel\s*=\s*["']?canonical\b""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"'>]+)""", re.I)
# trafilatura's fast mode skips its fallback extractors (readability, baseline), a third of its time.
# On the example corpus and the tests' pages it keeps every paragraph either way (the boilerplate
# test in tests/unit/ingest passes in both modes); set False for pages with unusual markup.
FAST = True
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "extensive_search": True, "original_date": True}


def detect_lang(text: str) -> str | None:
    """The project's language identifier (``pantau.text.langid``), else py3langid over the packs' languages."""
    try:
        langid: Any = importlib.import_module("pantau.text.langid")
    except ImportError:
        langid = None
    if langid is not None:
        try:
            tag, _ = langid.detect_language(text)
        except Exception:  # noqa: BLE001 - detection is a hint; its failure must not reject the page
            tag = None
        return str(tag) if tag else None
    lang, _ = _identifier().classify(text[:5000])
    return str(lang)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages([t for t in available_tags() if len(t) == 2] or None)
    return ident


def _iso_date(value: str | None) -> str | None:
    """trafilatura's ``%z`` gives ``+0700``; ISO 8601 as OUTPUT.md uses it wants ``+07:00``."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)([+-]\d\d)(\d\d)", value)
    if m:
        return f"{m.group(1)}T{m.group(2)}{m.group(3)}:{m.group(4)}"
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T00:00:00", value)
    return m.group(1) if m else value


def canonical_link(html_text: str, base: str | None) -> str | None:
    """The page's ``<link rel="canonical">`` as an absolute URL (searched in the first 64 KiB)."""
    for tag in _LINK.findall(html_text[:65536]):
        if _CANONICAL_REL.search(tag):
            m = _HREF.search(tag)
            if m:
                href = htmllib.unescape(m.group(1).strip())
                return urljoin(base, href) if base else href
    return None


def extract_html(data: bytes, options: Options, *, locator: str, url: str | None = None,
                 content_type: str | None = None, fallback_date: str | None = None,
                 extra_meta: dict[str, Any] | None = None) -> Document:
    """One page (its bytes, already within the size limit) to a document or a rejection."""
    if len(data) > options.max_bytes:
        return reject("too_large", f"page of {len(data)} bytes exceeds the limit of {options.max_bytes} "
                      "bytes (max_bytes)", locator=locator, url=url)
    decoded = decode_bytes(data, charset_from_header(content_type), html=True)
    if decoded.text is None:
        return reject("undecodable", decoded.error, locator=locator, url=url)
    import trafilatura

    try:
        result = trafilatura.bare_extraction(decoded.text, url=url, fast=FAST, with_metadata=True,
                                             include_comments=False, date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - a page that breaks the parser is a rejection
        return reject("parse_error", f"HTML extraction failed ({type(exc).__name__}: {exc})",
                      locator=locator, url=url)
    body = getattr(result, "text", None) or ""
    if not body.strip():
        return reject("empty", "no article text found in the page", locator=locator, url=url)
    lang = options.lang
    if not lang:
        m = _HTML_LANG.search(decoded.text[:4096])
        lang = m.group(1).lower() if m else detect_lang(body)
    cleaned = filter_for(lang).clean(body)
    title = getattr(result, "title", None)
    text = cleaned.text
    while title and text:  # the headline (often twice: <h1> and a first paragraph) is in ``title``
        first, _, rest = text.partition("\n")
        if first.strip().casefold() != title.strip().casefold():
            break
        text = rest.lstrip("\n")
    page_url = canonical_link(decoded.text, url) or getattr(result, "url", None)
    author = getattr(result, "author", None) or cleaned.author
    meta: dict[str, Any] = {
        "format": "html", "encoding": decoded.encoding, "lossy": decoded.lossy,
        "charset_evidence": decoded.evidence, "removed_lines": len(cleaned.removed),
        **({"author": author} if author else {}),
        **{k: v for k in ("sitename", "categories", "tags", "description")
           if (v := getattr(result, k, None))},
        **(extra_meta or {}),
    }
    canon = canonical_url(page_url or url)
    if canon:
        meta["canonical_url"] = canon
    published = _iso_date(getattr(result, "date", None)) or fallback_date
    source = getattr(result, "sitename", None) or getattr(result, "hostname", None)
    doc = make_document(text, locator=locator, url=url or page_url, lang=lang, published=published,
                        title=title, source=source, meta=meta)
    if doc.rejected is None and canon:
        from .ids import document_id

        doc = doc.with_(doc_id=document_id(text, url=canon))
    return doc


def read_html(source: Source, options: Options) -> Iterator[Document]:
    data = read_source(source, options)
    if isinstance(data, Document):
        yield data
        return
    yield extract_html(data, options, locator=source.name)
