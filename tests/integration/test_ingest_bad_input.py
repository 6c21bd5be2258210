"""Every bad input of issue 3 through `pantau extract`: each becomes a rejection with a reason and
a detail naming the file (and line or offset), the run continues, and the summary counts them."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pantau.cli import cli
from pantau.ingest.corpus import Page, write_warc

GOOD = ("<html lang='en'><head><title>Ceasefire agreed</title></head><body><article><h1>Ceasefire agreed</h1>"
        "<p>The two governments agreed a ceasefire along the border on Wednesday, officials said.</p>"
        "<p>Monitors from a regional body will arrive on Friday to oversee the truce, the statement added.</p>"
        "</article></body></html>")


def warc(n: int) -> bytes:
    buf = io.BytesIO()
    write_warc([Page(f"p{i}", "en", "s", f"https://w.example/{i}", "T", "A", "2026-01-01T00:00:00+00:00", (),
                     GOOD.replace("Wednesday", f"Wednesday ({i})")) for i in range(n)], buf)
    return buf.getvalue()


@pytest.mark.slow
def test_bad_inputs_through_extract(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.html").write_text(GOOD, encoding="utf-8")
    data = warc(3)
    (d / "b_truncated.warc.gz").write_bytes(data[:-100])  # inside the last record, not at a boundary
    (d / "c_corrupt.jsonl.gz").write_bytes(gzip.compress(b'{"id": "z", "text": "x"}\n' * 50)[:40])
    (d / "d_empty.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>',
                                   encoding="utf-8")
    (d / "e_malformed.xml").write_text('<?xml version="1.0"?><rss><channel><item><title>x', encoding="utf-8")
    (d / "f_noarticle.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (d / "g_binary.html").write_bytes(os.urandom(3000) + b"\x00")
    (d / "h_bad.jsonl").write_text('{"id": "ok1", "text": "Troops withdrew from the town on Monday."}\n{broken\n',
                                   encoding="utf-8")
    big = d / "i_huge.html"
    with open(big, "wb") as fh:
        chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
        for _ in range(50 * 1024 * 1024 // len(chunk) + 2):
            fh.write(chunk)
    (d / "j_empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(d), "--no-text", "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rejected = {(r["rejected"]["reason"], r["rejected"]["detail"].split(":")[0].split("@")[0].split("#")[0])
                for r in docs if r["rejected"]}
    names: dict[str, set[str]] = {}
    for reason, p in rejected:
        names.setdefault(Path(p).name, set()).add(reason)
    assert "parse_error" in names["b_truncated.warc.gz"]
    assert "undecodable" in names["c_corrupt.jsonl.gz"]
    assert names["d_empty.rss"] == {"empty"}
    assert names["e_malformed.xml"] & {"parse_error", "empty"}
    assert names["f_noarticle.html"] == {"empty"}
    assert names["g_binary.html"] == {"undecodable"}
    assert names["h_bad.jsonl"] == {"parse_error"}
    assert names["i_huge.html"] == {"too_large"}
    assert names["j_empty.txt"] == {"empty"}
    accepted = [r for r in docs if not r["rejected"]]
    assert len(accepted) >= 2  # the good page and the good JSONL line (WARC copies are near-duplicates)
    assert f"{len(docs)} documents" in result.output and "rejections" in result.output
