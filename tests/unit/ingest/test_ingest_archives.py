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


def _damaged(tmp_path: Path, gz: bool) -> tuple[Path, int]:
    import gzip as gzip_module

    data = warc_bytes(5)
    members = _members(data)
    if not gz:  # the same records, uncompressed
        data = b"".join(gzip_module.decompress(data[a:b]) for a, b in members)
    offsets = [a for a, _ in members] if gz else _warc_starts(data)
    a, b = offsets[1], offsets[2]
    middle = a + (b - a) // 2
    broken = data[:middle] + b"\x00\x1b[31m\xff\xfe garbage \x07" * 20 + data[middle + 40:]
    path = tmp_path / ("damaged.warc.gz" if gz else "damaged.warc")
    path.write_bytes(broken)
    return path, len(offsets)


def _members(data: bytes) -> list[tuple[int, int]]:
    import zlib

    out, pos = [], 0
    while pos < len(data):
        d = zlib.decompressobj(wbits=31)
        d.decompress(data[pos:])
        end = len(data) - len(d.unused_data)
        out.append((pos, end))
        pos = end
    return out


def _warc_starts(data: bytes) -> list[int]:
    out, pos = [], 0
    while (k := data.find(b"WARC/1.", pos)) >= 0:
        out.append(k)
        pos = k + 1
    return out


def test_a_damaged_record_loses_only_itself(tmp_path: Path, capfd) -> None:  # type: ignore[no-untyped-def]
    for gz in (True, False):
        path, n = _damaged(tmp_path, gz)
        docs = read(path, Options(keep_duplicates=True))
        good = [d for d in docs if d.rejected is None]
        bad = [d for d in docs if d.rejected is not None]
        # the record before the damage and every record after it are read
        assert [d.url for d in good] == [f"https://site.example/{i}" for i in (0, 2, 3, 4)], gz
        assert n == 5 and bad
        for d in bad:  # the damage is reported, in printable characters only
            assert d.rejected.detail.isprintable() and d.locator.isprintable(), d.rejected.detail
        if gz:
            assert any(d.rejected.reason == "parse_error" and "offset" in d.rejected.detail for d in bad)
    _, err = capfd.readouterr()
    assert "\x1b" not in err and "Invalid" not in err  # warcio's own warnings do not reach the terminal
