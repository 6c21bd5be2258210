"""Canonical URLs, content-hash ids, decoding evidence and the watch interval parser."""

from __future__ import annotations

import click
import pytest

from pantau.cli.fetch import parse_every
from pantau.ingest.decode import decode_bytes
from pantau.ingest.ids import canonical_url, document_id


@pytest.mark.parametrize(("raw", "canon"), [
    ("HTTPS://News.Example.COM:443/World/Story/?utm_source=tw&utm_medium=social&b=2&a=1#comments",
     "https://news.example.com/World/Story?a=1&b=2"),
    ("http://site.example/a?fbclid=XYZ&gclid=1", "http://site.example/a"),
    ("http://site.example:8080/", "http://site.example:8080/"),
    ("https://site.example", "https://site.example/"),
])
def test_canonical_url(raw: str, canon: str) -> None:
    assert canonical_url(raw) == canon


def test_canonical_url_leaves_odd_input_alone() -> None:
    assert canonical_url(None) is None and canonical_url("  ") is None
    assert canonical_url("not a url") == "not a url"


def test_document_id_follows_canonical_url_and_text() -> None:
    a = document_id("Same text.", url="https://x.example/p?utm_campaign=1")
    assert a == document_id("Same text.", url="https://X.example/p")
    assert a != document_id("Other text.", url="https://x.example/p")
    assert document_id("Same text.", locator="f.txt") != a


def test_decoding_order_of_evidence() -> None:
    assert decode_bytes("Sète".encode("cp1252"), "windows-1252").evidence == "declared"
    assert decode_bytes(b'<meta charset="iso-8859-1"><p>S\xe8te</p>', html=True).text == \
        '<meta charset="iso-8859-1"><p>Sète</p>'
    unknown = decode_bytes("Sète".encode(), "x-no-such-charset")
    assert unknown.text == "Sète" and unknown.evidence == "default"
    assert decode_bytes(b"\x00\x01\x02binary").text is None


def test_parse_every() -> None:
    assert [parse_every(v) for v in ("30s", "15m", "1h", "90", "1.5h")] == [30, 900, 3600, 90, 5400]
    with pytest.raises(click.BadParameter):
        parse_every("soon")
