"""The example corpus as the web would serve it: HTML pages, a WARC.gz and an RSS feed.

``build_example_corpus(out_dir)`` renders every article of ``examples/articles.jsonl`` into one of
the fictional news-site templates of ``examples/sites/`` (chosen by language, in turn), with the
title, date (the article's day at a time derived from its id, in the site's time zone), a byline,
the body paragraphs and the site furniture (navigation, "read also" boxes and ads between
paragraphs, share buttons, related links, comment forms with a captcha). It writes the pages,
a WARC.gz of them (``response`` records with HTTP headers, written by warcio) and an RSS 2.0 feed
that lists them by link. Output goes to ``out_dir`` (a build directory, never committed).

The rendered ``Page`` records keep the paragraphs and furniture-free facts, so tests can check
that extraction keeps every paragraph and drops the furniture.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from string import Template
from typing import Any, BinaryIO

REPO = Path(__file__).resolve().parents[3]
SITES_DIR = REPO / "examples" / "sites"
ARTICLES = REPO / "examples" / "articles.jsonl"


@dataclass(frozen=True, slots=True)
class Site:
    key: str
    lang: str
    host: str
    name: str
    tz: str
    page: Template
    inline: Template
    authors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Page:
    article_id: str
    lang: str
    site: str
    url: str
    title: str
    author: str
    date_iso: str
    paragraphs: tuple[str, ...]
    html: str
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class ExampleCorpus:
    html_dir: Path
    warc_path: Path
    rss_path: Path
    pages: tuple[Page, ...] = ()


def load_sites(sites_dir: Path = SITES_DIR) -> list[Site]:
    sites = []
    for folder in sorted(p for p in sites_dir.iterdir() if (p / "site.txt").is_file()):
        conf = {}
        for line in (folder / "site.txt").read_text(encoding="utf-8").splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                conf[k.strip()] = v.strip()
        authors = tuple(a.strip() for a in (folder / "authors.txt").read_text(encoding="utf-8").splitlines()
                        if a.strip())
        sites.append(Site(folder.name, conf["lang"], conf["host"], conf["name"], conf.get("tz", "+00:00"),
                          Template((folder / "page.html").read_text(encoding="utf-8")),
                          Template((folder / "inline.html").read_text(encoding="utf-8")), authors))
    return sites


def load_articles(path: Path = ARTICLES) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if isinstance(rec, dict) and rec.get("text"):
                out.append(rec)
    return out


def paragraphs_of(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in text.split("\n") if p.strip())


def _stable(value: str) -> int:
    return int.from_bytes(hashlib.sha256(value.encode()).digest()[:8], "big")


def render_page(article: dict[str, Any], site: Site, related: Sequence[dict[str, Any]],
                article_id: str | None = None) -> Page:
    """One article as one of ``site``'s pages (deterministic for a given id)."""
    aid = article_id or str(article["id"])
    h = _stable(aid)
    day = str(article.get("published") or "2026-01-01")[:10]
    hour, minute = 6 + h % 14, (h >> 8) % 60
    date_iso = f"{day}T{hour:02d}:{minute:02d}:00{site.tz}"
    y, m, d = day.split("-")
    url = f"https://{site.host}/{y}/{m}/{d}/{aid}"
    author = site.authors[(h >> 16) % len(site.authors)]
    paras = paragraphs_of(str(article["text"]))
    inline = site.inline.substitute(
        related_title=html.escape(str(related[0]["title"]) if related else site.name),
        related_url=html.escape(f"https://{site.host}/{related[0]['id']}" if related else f"https://{site.host}/"))
    blocks = [f"<p>{html.escape(p)}</p>" for p in paras]
    blocks.insert(min(2, len(blocks)), inline)
    links = "".join(f'<li><a href="https://{site.host}/{html.escape(str(r["id"]))}">{html.escape(str(r["title"]))}</a></li>'
                    for r in related)
    title = str(article.get("title") or paras[0][:80])
    page = site.page.substitute(
        lang=site.lang, title=html.escape(title), title_json=json.dumps(title), url=html.escape(url),
        host=site.host, site_name=html.escape(site.name), author=html.escape(author), date_iso=date_iso,
        date_display=f"{d}/{m}/{y} {hour:02d}:{minute:02d} (UTC{site.tz})", body="\n".join(blocks),
        related=links)
    return Page(aid, site.lang, site.key, url, title, author, date_iso, paras, page)


def render_all(articles: Sequence[dict[str, Any]], sites: Sequence[Site]) -> list[Page]:
    by_lang: dict[str, list[Site]] = {}
    for s in sites:
        by_lang.setdefault(s.lang, []).append(s)
    turn: dict[str, int] = {}
    pages = []
    for art in articles:
        lang = str(art.get("lang") or "en")
        choices = by_lang.get(lang) or list(sites)
        site = choices[turn.get(lang, 0) % len(choices)]
        turn[lang] = turn.get(lang, 0) + 1
        related = [a for a in articles if a is not art and a.get("lang") == art.get("lang")][:3]
        pages.append(render_page(art, site, related))
    return pages


def _warc_date(date_iso: str) -> str:
    return datetime.fromisoformat(date_iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_warc(pages: Iterable[Page], out: BinaryIO) -> int:
    """Write ``pages`` as WARC ``response`` records (gzip per record); returns the record count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    writer = WARCWriter(out, gzip=True)
    n = 0
    for page in pages:
        body = page.html.encode("utf-8")
        headers = StatusAndHeaders("200 OK", [
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
            ("Date", email.utils.format_datetime(datetime.fromisoformat(page.date_iso), usegmt=False)),
            ("Server", "pantau-example")], protocol="HTTP/1.1")
        record = writer.create_warc_record(page.url, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": _warc_date(page.date_iso)})
        writer.write_record(record)
        n += 1
    return n


def rss_feed(pages: Sequence[Page], *, title: str = "pantau example corpus",
             link: str = "https://pantau.example/") -> str:
    """An RSS 2.0 feed listing ``pages`` by link (title, date, first paragraph as summary)."""
    items = []
    for p in pages:
        date = email.utils.format_datetime(datetime.fromisoformat(p.date_iso))
        summary = html.escape(p.paragraphs[0][:300] if p.paragraphs else "")
        items.append(f"  <item>\n    <title>{html.escape(p.title)}</title>\n    <link>{html.escape(p.url)}</link>\n"
                     f"    <guid isPermaLink=\"true\">{html.escape(p.url)}</guid>\n    <pubDate>{date}</pubDate>\n"
                     f"    <description>{summary}</description>\n  </item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n<channel>\n'
            f"  <title>{html.escape(title)}</title>\n  <link>{html.escape(link)}</link>\n"
            "  <description>Example articles rendered by pantau.ingest.corpus</description>\n"
            + "\n".join(items) + "\n</channel>\n</rss>\n")


def build_example_corpus(out_dir: Path, *, articles: Path = ARTICLES, sites_dir: Path = SITES_DIR) -> ExampleCorpus:
    """Render the example articles into pages, a WARC.gz and an RSS feed under ``out_dir``."""
    out_dir = Path(out_dir)
    html_dir = out_dir / "html"
    html_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for page in render_all(load_articles(articles), load_sites(sites_dir)):
        path = html_dir / f"{page.article_id}.html"
        path.write_text(page.html, encoding="utf-8")
        pages.append(Page(**{**{f: getattr(page, f) for f in Page.__slots__}, "path": path}))
    warc_path = out_dir / "example-corpus.warc.gz"
    with open(warc_path, "wb") as fh:
        write_warc(pages, fh)
    rss_path = out_dir / "example-corpus.rss"
    rss_path.write_text(rss_feed(pages), encoding="utf-8")
    return ExampleCorpus(html_dir, warc_path, rss_path, tuple(pages))
