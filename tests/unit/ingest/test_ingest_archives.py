"""WARC and feeds, including truncated, corrupt, empty and malformed inputs."""

from __future__ import annotations

import io
from pathlib import Path

from pantau.ingest import iter_documents
from pantau.ingest.corpus import Page, write_warc
from pantau.model import Document
from pantau.settings import Options

BODY = ["Police fired tear gas at students protesting outside parliament on Thursday, witnesses said.",
        "Organisers said about 2,000 people joined the march, which ended peacefully by evening."]
HTML = ("<html lang='en'><head><title>Students march</title></head><body><article><h1>Students march</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>")


def read(path: Path, options: Options | None = None) -> list[Document]:
    return list(iter_documents([str(path)], options or Options()))


def pages(n: int) -> list[Page]:
    return [Page(f"a{i}", "en", "s", f"https://site.example/{i}", "Students march", "A", "2026-05-01T10:00:00+00:00",
                 tuple(BODY), HTML.replace("Thursday", f"Thursday ({i} of {n})")) for i in range(n)]


def warc_bytes(n: int) -> bytes:
    buf = io.BytesIO()
    write_warc(pages(n), buf)
    return buf.getvalue()


def test_warc_records_become_documents_with_offsets(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(warc_bytes(3))
    docs = read(f, Options(keep_duplicates=True))
    assert [d.rejected for d in docs] == [None, None, None]
    offsets = [d.meta["warc_offset"] for d in docs]
    assert offsets[0] == 0 and offsets == sorted(offsets) and len(set(offsets)) == 3
    assert docs[1].locator == f"{f}@{offsets[1]} https://site.example/1"
    assert docs[0].url == "https://site.example/0" and docs[0].published == "2026-05-01T10:00:00Z"


def test_uncompressed_warc(tmp_path: Path) -> None:
    import gzip

    f = tmp_path / "crawl.warc"
    f.write_bytes(gzip.decompress(warc_bytes(2)))
    assert [d.rejected for d in read(f, Options(keep_duplicates=True))] == [None, None]


def test_truncated_warc_keeps_earlier_records_and_names_the_offset(tmp_path: Path) -> None:
    data = warc_bytes(4)
    f = tmp_path / "cut.warc.gz"
    f.write_bytes(data[: int(len(data) * 0.6) + 7])  # not on a record boundary
    docs = read(f, Options(keep_duplicates=True))
    assert all(d.rejected is None for d in docs[:-1]) and len(docs) >= 2
    last = docs[-1]
    assert last.rejected is not None and last.rejected.reason == "parse_error"
    assert str(f) in last.rejected.detail and "offset" in last.rejected.detail


def test_corrupt_warc_is_a_rejection(tmp_path: Path) -> None:
    f = tmp_path / "junk.warc"
    f.write_bytes(b"WARC/1.0\r\nthis is not a header block\r\n\r\n\x00\x01garbage" * 3)
    docs = read(f)
    assert docs and docs[-1].rejected is not None and docs[-1].rejected.reason == "parse_error"
    assert str(f) in docs[-1].rejected.detail


def test_warc_non_2xx_response_is_rejected(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    f = tmp_path / "status.warc.gz"
    with open(f, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://site.example/gone", "response",
                                            payload=io.BytesIO(b"<html>gone</html>"), http_headers=headers))
    (doc,) = read(f)
    assert doc.rejected is not None and doc.rejected.reason == "empty" and "404" in doc.rejected.detail


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test feed</title>
<language>en</language>
<item><title>Full story</title><link>https://site.example/full</link><guid>full-1</guid>
<pubDate>Tue, 03 Feb 2026 08:30:00 +0700</pubDate>
<content:encoded><![CDATA[<p>{BODY[0]}</p><p>Read more: another story</p><p>{BODY[1]}</p>]]></content:encoded></item>
<item><title>Link only</title><link>https://site.example/link</link><guid>link-1</guid>
<description>Short teaser.</description></item>
</channel></rss>"""


def test_feed_full_content_entries_and_link_only_entries(tmp_path: Path) -> None:
    f = tmp_path / "feed.rss"
    f.write_text(RSS, encoding="utf-8")
    full, link = read(f)
    assert full.rejected is None and full.text.split("\n") == BODY
    assert full.published == "2026-02-03T08:30:00+07:00" and full.title == "Full story" and full.lang == "en"
    assert link.rejected is not None and link.rejected.reason == "empty" and "https://site.example/link" in \
        link.rejected.detail


def test_atom_feed(tmp_path: Path) -> None:
    f = tmp_path / "feed.atom"
    f.write_text(f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><id>urn:1</id><title>Atom story</title><link href="https://site.example/atom"/>
<updated>2026-02-03T01:00:00Z</updated><content type="html">&lt;p&gt;{BODY[0]}&lt;/p&gt;</content></entry></feed>""",
                 encoding="utf-8")
    (doc,) = read(f)
    assert doc.rejected is None and doc.text == BODY[0] and doc.published == "2026-02-03T01:00:00+00:00"


def test_empty_and_malformed_feeds(tmp_path: Path) -> None:
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>',
                     encoding="utf-8")
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><item><tit',
                      encoding="utf-8")
    (e,) = read(empty)
    assert e.rejected is not None and e.rejected.reason == "empty" and str(empty) in e.rejected.detail
    (b,) = read(broken)
    assert b.rejected is not None and b.rejected.reason in ("parse_error", "empty") and str(broken) in b.rejected.detail
