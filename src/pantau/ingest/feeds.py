"""RSS 2.0 and Atom feeds (feedparser).

An entry with full content (``content:encoded``, Atom ``<content>``) becomes a document: its
HTML is flattened to one line per block and cleaned with the pack boilerplate filters, like a
page. An entry with only a link (and perhaps a summary) is a *fetch target*: ``pantau watch``
fetches it; read from a file, it becomes an ``empty`` rejection saying so, because no article
text is at hand. An empty feed is one ``empty`` rejection; a feed feedparser cannot parse is one
``parse_error`` naming its error. Locators are ``FEED#ENTRY_KEY``.
"""

from __future__ import annotations

import calendar
import email.utils
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..model import Document
from ..settings import Options
from .clean import filter_for
from .documents import make_document, reject
from .html import detect_lang
from .plain import read_source
from .sources import Source

_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "section",
           "article", "figcaption", "pre")


@dataclass(frozen=True, slots=True)
class FeedTarget:
    """A link-only entry: ``key`` identifies it across polls (its guid, else its link)."""

    key: str
    url: str
    title: str | None = None
    published: str | None = None


@dataclass
class FeedItems:
    documents: list[tuple[str, Document]] = field(default_factory=list)  # (entry key, document)
    targets: list[FeedTarget] = field(default_factory=list)
    problem: Document | None = None
    title: str | None = None


def fragment_text(fragment: str) -> str:
    """An HTML fragment as text, one line per block element."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - plain text or broken markup: keep it as it is
        return fragment
    for el in root.iter("script", "style"):
        el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def entry_date(entry: Any) -> str | None:
    """The entry's date in ISO 8601, keeping the feed's time zone when it gives one."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError):
            pass
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
        parsed = entry.get(key + "_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return None


def parse_feed(data: bytes, options: Options, *, locator: str, base_url: str | None = None) -> FeedItems:
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    items = FeedItems(title=parsed.feed.get("title"))
    if not parsed.entries:
        if parsed.bozo:
            exc = parsed.get("bozo_exception")
            items.problem = reject("parse_error", f"not a readable RSS/Atom feed ({exc})", locator=locator)
        else:
            items.problem = reject("empty", "the feed has no entries", locator=locator)
        return items
    feed_lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    source = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        key = str(entry.get("id") or link or f"{locator}#{n}")
        where = f"{locator}#{key}"
        contents = entry.get("content") or []
        html = "\n".join(c.get("value", "") for c in contents if c.get("value"))
        if not html.strip():
            if link:
                items.targets.append(FeedTarget(key, link, entry.get("title"), entry_date(entry)))
            else:
                items.documents.append((key, reject("empty", "entry has neither content nor link",
                                                    locator=where)))
            continue
        raw_text = fragment_text(html)
        lang = options.lang or feed_lang or (detect_lang(raw_text) if raw_text.strip() else None)
        cleaned = filter_for(lang).clean(raw_text)
        author = entry.get("author") or cleaned.author
        meta: dict[str, Any] = {"format": "feed", "feed": locator, "entry": key,
                                "removed_lines": len(cleaned.removed)}
        if author:
            meta["author"] = author
        tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
        if tags:
            meta["categories"] = tags
        items.documents.append((key, make_document(cleaned.text, locator=where, url=link, lang=lang,
                                                   published=entry_date(entry), title=entry.get("title"),
                                                   source=source, meta=meta)))
    return items


def read_feed(source: Source, options: Options) -> Iterator[Document]:
    data = read_source(source, options)
    if isinstance(data, Document):
        yield data
        return
    items = parse_feed(data, options, locator=source.name)
    if items.problem is not None:
        yield items.problem
    for _, doc in items.documents:
        yield doc
    for target in items.targets:
        yield reject("empty", f"link-only entry {target.url}: no article text in the feed; pass --fetch-links "
                     "to fetch the pages (or follow the feed with `pantau watch`)", locator=f"{source.name}#{target.key}",
                     url=target.url, title=target.title, published=target.published,
                     meta={"fetch_target": target.url})
