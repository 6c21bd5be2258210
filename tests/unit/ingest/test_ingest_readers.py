"""Readers: text, JSONL, HTML, feeds, WARC, and every kind of bad input named in issue 3."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from pantau.errors import IngestError
from pantau.ingest import choose_reader, expand_sources, iter_documents
from pantau.ingest.sources import Source
from pantau.model import Document
from pantau.settings import Options

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{title}</title>
<meta property="article:published_time" content="2026-02-03T08:30:00+07:00">
<link rel="canonical" href="https://News.Example/world/story-1?utm_source=x&amp;id=7"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>
<p class="byline">By Jane Doe</p>
{body}
</article><footer>All rights reserved.</footer></body></html>"""
PARAS = ["Troops withdrew from the disputed ridge on Monday after three days of fighting, officials said.",
         "The defence ministry said two soldiers were wounded during the pullback, which began at dawn.",
         "Diplomats from both countries are expected to meet in the capital later this week."]


def page(title: str = "Troops withdraw from ridge", paras: list[str] = PARAS, charset: str = "utf-8") -> str:
    return PAGE.format(title=title, charset=charset, body="\n".join(f"<p>{p}</p>" for p in paras))


def read(*sources: str | Path, options: Options | None = None, fmt: str = "auto") -> list[Document]:
    return list(iter_documents([str(s) for s in sources], options or Options(), fmt))


def reasons(docs: list[Document]) -> list[str | None]:
    return [d.rejected.reason if d.rejected else None for d in docs]


def test_text_file_is_one_document_with_content_id(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Protesters marched in the capital on Sunday.\nPolice watched.", encoding="utf-8")
    (doc,) = read(f)
    assert doc.rejected is None and doc.text.startswith("Protesters") and doc.locator == str(f)
    assert len(doc.doc_id) == 64 and doc.events == ()
    assert read(f)[0].doc_id == doc.doc_id  # deterministic


def test_jsonl_records_keep_own_id_and_fields(tmp_path: Path) -> None:
    f = tmp_path / "gold.jsonl"
    recs = [{"id": "g1", "text": "Rebels attacked a convoy.", "lang": "en", "published": "2026-01-02",
             "title": "T", "url": "https://x.example/a", "source": "x.example", "events": [{"ignored": 1}]},
            {"text": "Kedua negara sepakat gencatan senjata.", "lang": "id"}]
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    a, b = read(f)
    assert (a.doc_id, a.lang, a.published, a.title, a.url, a.source) == \
        ("g1", "en", "2026-01-02", "T", "https://x.example/a", "x.example")
    assert a.locator == f"{f}:1" and b.locator == f"{f}:2"
    assert b.rejected is None and len(b.doc_id) == 64


def test_jsonl_bad_lines_are_rejections_and_the_run_continues(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_bytes(b'{"id": "ok", "text": "Fine text here."}\n{not json\n[1, 2]\n{"id": "e", "text": "   "}\n'
                  b'{"id": "n"}\n\n{"id": "last", "text": "Another fine text."}\n')
    docs = read(f)
    assert reasons(docs) == [None, "parse_error", "parse_error", "empty", "parse_error", None]
    assert f"{f}:2" in docs[1].rejected.detail and f"{f}:5" in docs[4].rejected.detail  # type: ignore[union-attr]


def test_jsonl_line_over_the_limit_is_rejected_without_stopping(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"id": "big", "text": "x " * 5000}) + "\n" + json.dumps({"id": "s", "text": "small"})
                 + "\n", encoding="utf-8")
    docs = read(f, options=Options(max_bytes=1000))
    assert reasons(docs) == ["too_large", None]
    assert f"{f}:1" in docs[0].rejected.detail and docs[1].doc_id == "s"  # type: ignore[union-attr]


def test_gzip_is_transparent_and_truncated_gzip_is_rejected(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(json.dumps({"id": f"r{i}", "text": f"Record number {i} about a march."})
                                    for i in range(200)) + "\n").encode())
    good = tmp_path / "recs.jsonl.gz"
    good.write_bytes(data)
    assert [d.doc_id for d in read(good)][:2] == ["r0", "r1"]
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(data[: len(data) // 2])
    docs = read(bad)
    assert docs[-1].rejected is not None and docs[-1].rejected.reason == "undecodable"
    assert str(bad) in docs[-1].rejected.detail and all(d.rejected is None for d in docs[:-1])


def test_directories_globs_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Second text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First text.", encoding="utf-8")
    (tmp_path / ".hidden").write_text("skip me", encoding="utf-8")
    assert [d.text for d in read(tmp_path)] == ["First text.", "Second text."]
    assert [d.text for d in read(str(tmp_path / "**" / "*.txt"))] == ["First text.", "Second text."]
    with pytest.raises(IngestError, match="nope"):
        expand_sources([str(tmp_path / "nope.txt")])


def test_stdin_detects_jsonl_and_text(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        def __init__(self, data: bytes):
            self.buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", FakeStdin(b'{"id": "s1", "text": "From a pipe."}\n'))
    assert [d.doc_id for d in read("-")] == ["s1"]
    monkeypatch.setattr("sys.stdin", FakeStdin(b"Just a plain sentence from a pipe."))
    (doc,) = read("-")
    assert doc.text == "Just a plain sentence from a pipe." and doc.locator == "<stdin>"


def test_registry_detects_by_extension_then_content(tmp_path: Path) -> None:
    named = {"x.warc.gz": b"", "x.html": b"", "x.jsonl": b"", "feed.rss": b"", "n.txt": b""}
    for name in named:
        (tmp_path / name).write_bytes(b"placeholder")
    assert [choose_reader(Source(n, tmp_path / n)).name for n in named] == ["warc", "html", "jsonl", "rss", "text"]
    noext = tmp_path / "page"
    noext.write_text(page(), encoding="utf-8")
    assert choose_reader(Source("page", noext)).name == "html"
    assert choose_reader(Source("page", noext), "text").name == "text"
    with pytest.raises(IngestError, match="unknown input format"):
        read(noext, fmt="pdf")


def test_html_page_body_metadata_and_canonical_id(tmp_path: Path) -> None:
    f = tmp_path / "story.html"
    f.write_text(page(), encoding="utf-8")
    (doc,) = read(f)
    assert doc.rejected is None
    assert doc.text.split("\n") == PARAS
    assert doc.title == "Troops withdraw from ridge" and doc.lang == "en"
    assert doc.published == "2026-02-03T08:30:00+07:00"
    assert doc.meta["author"] == "Jane Doe"
    assert doc.meta["canonical_url"] == "https://news.example/world/story-1?id=7"
    # the same article under another address with tracking parameters has the same id
    g = tmp_path / "copy.html"
    g.write_text(page().replace("utm_source=x&amp;", "fbclid=abc&amp;"), encoding="utf-8")
    assert read(g)[0].doc_id == doc.doc_id


def test_legacy_encoding_from_meta_charset(tmp_path: Path) -> None:
    paras = [p.replace("officials", "officials in Sète") for p in PARAS]
    f = tmp_path / "latin.html"
    f.write_bytes(page(paras=paras, charset="windows-1252").encode("cp1252"))
    (doc,) = read(f)
    assert "Sète" in doc.text and doc.meta["encoding"] == "cp1252" and doc.meta["lossy"] is False


def test_mostly_utf8_with_a_bad_byte_is_flagged_lossy(tmp_path: Path) -> None:
    f = tmp_path / "lossy.txt"
    f.write_bytes(("Pasukan ditarik dari perbatasan dekat Sète. " * 40).encode() + b"\xff" + b" Selesai.")
    (doc,) = read(f)
    assert doc.rejected is None and doc.meta["lossy"] is True


def test_binary_file_renamed_html_is_undecodable(tmp_path: Path) -> None:
    f = tmp_path / "photo.html"
    f.write_bytes(os.urandom(4096) + b"\x00\x00")
    (doc,) = read(f)
    assert doc.rejected is not None and doc.rejected.reason == "undecodable" and str(f) in doc.rejected.detail


def test_html_without_article_is_empty(tmp_path: Path) -> None:
    f = tmp_path / "nav.html"
    f.write_text("<html><body><nav><a href='/'>Home</a></nav><form><input></form></body></html>", encoding="utf-8")
    (doc,) = read(f)
    assert doc.rejected is not None and doc.rejected.reason == "empty" and str(f) in doc.rejected.detail


def test_50_mb_page_is_too_large_and_not_loaded(tmp_path: Path) -> None:
    f = tmp_path / "huge.html"
    block = ("<p>" + "padding words " * 70 + "</p>\n").encode()
    with open(f, "wb") as fh:
        fh.write(b"<html><body>")
        written = 0
        while written < 50 * 1024 * 1024 + 1024:
            fh.write(block)
            written += len(block)
        fh.write(b"</body></html>")
    f2 = tmp_path / "fine.txt"
    f2.write_text("Small document after the big one.", encoding="utf-8")
    docs = read(f, f2)
    assert reasons(docs) == ["too_large", None]
    assert str(f) in docs[0].rejected.detail  # type: ignore[union-attr]


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text(" \n\t ", encoding="utf-8")
    assert reasons(read(tmp_path)) == ["empty", "empty"]


def test_duplicates_name_the_original_unless_kept(tmp_path: Path) -> None:
    text = " ".join(PARAS * 2)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("  ", " ") + "\n", encoding="utf-8")
    first, second = read(tmp_path)
    assert second.rejected is not None and second.rejected.reason == "duplicate"
    assert first.doc_id in second.rejected.detail and second.meta["duplicate_of"] == first.doc_id
    assert reasons(read(tmp_path, options=Options(keep_duplicates=True))) == [None, None]


def test_canonical_link_wins_over_the_address_read_from() -> None:
    from pantau.ingest.html import extract_html

    html = page().encode()
    a = extract_html(html, Options(), locator="w@1", url="https://mirror.example/x?utm_source=feed")
    b = extract_html(html, Options(), locator="w@2", url="https://other.example/y")
    assert a.url == "https://mirror.example/x?utm_source=feed"
    assert a.meta["canonical_url"] == "https://news.example/world/story-1?id=7"
    assert a.doc_id == b.doc_id
