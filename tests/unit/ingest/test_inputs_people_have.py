"""Inputs people have: CSV with a header, JSON arrays and pretty-printed JSON, folders with links."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pantau.ingest import iter_documents
from pantau.settings import Options

TEXT = "Police arrested five protesters in Nairobi on Monday, the interior ministry said."


def read(*paths: Path, **options: object) -> list:
    return list(iter_documents([str(p) for p in paths], Options(keep_duplicates=True, **options)))  # type: ignore[arg-type]


def test_json_array_and_pretty_printed_object(tmp_path: Path) -> None:
    recs = [{"id": f"a{i}", "text": f"{TEXT} Item {i}.", "lang": "en", "published": "2025-07-08"} for i in range(3)]
    (tmp_path / "arr.json").write_text(json.dumps(recs, indent=2))
    docs = read(tmp_path / "arr.json")
    assert [d.doc_id for d in docs] == ["a0", "a1", "a2"] and all(d.rejected is None for d in docs)
    assert docs[1].locator.endswith("arr.json[1]") and docs[0].published == "2025-07-08"
    (tmp_path / "one.json").write_text(json.dumps(recs[0], indent=2))
    (doc,) = read(tmp_path / "one.json")
    assert doc.doc_id == "a0" and doc.rejected is None
    (tmp_path / "bad.json").write_text("[{\"id\": 1,")
    (bad,) = read(tmp_path / "bad.json")
    assert bad.rejected.reason == "parse_error" and "JSON Lines" in bad.rejected.detail


def test_csv_with_header_and_named_columns(tmp_path: Path) -> None:
    table = tmp_path / "notes.csv"
    table.write_text('event_id_cnty,event_date,notes\nKEN1,2025-07-07,"On 7 July 2025, police arrested 12 '
                     'protesters in Nairobi, Kenya."\n\nIDN2,2025-06-02,"Gunmen attacked a village, killing two."\n')
    docs = read(table)
    assert [(d.doc_id, d.published) for d in docs] == [("KEN1", "2025-07-07"), ("IDN2", "2025-06-02")]
    assert docs[0].locator.endswith("notes.csv:2") and docs[0].text.startswith("On 7 July")
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("key\twhen\tstory\nx1\t2025-01-02\t" + TEXT + "\n")
    (doc,) = read(tsv, text_column="story", id_column="key", date_column="when")
    assert (doc.doc_id, doc.published, doc.text) == ("x1", "2025-01-02", TEXT)
    (missing,) = read(tsv, text_column="nope")
    assert missing.rejected.reason == "parse_error" and "story" in missing.rejected.detail


def test_links_out_of_a_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n" * 3)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    os.symlink(outside / "secret.txt", folder / "passwd.txt")
    os.symlink(outside, folder / "elsewhere")
    os.symlink(folder / "a.txt", folder / "same.txt")  # a link inside the tree is fine
    names = sorted(Path(d.locator).name for d in read(folder))
    assert names == ["a.txt", "same.txt"]
    followed = sorted(Path(d.locator).name for d in read(folder, follow_symlinks=True))
    assert followed == ["a.txt", "passwd.txt", "same.txt", "secret.txt"]


@pytest.mark.parametrize("name", ["arr.json", "rows.csv"])
def test_cli_reads_them(tmp_path: Path, name: str) -> None:
    import subprocess
    import sys

    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps([{"id": "j1", "text": TEXT, "lang": "en"}]))
    else:
        path.write_text("id,text\nc1," + json.dumps(TEXT) + "\n")
    proc = subprocess.run([sys.executable, "-m", "pantau", "extract", str(path), "--no-text"], capture_output=True,
                          text=True, timeout=120)
    (line,) = proc.stdout.splitlines()
    assert proc.returncode == 0 and json.loads(line)["events"], proc.stderr


@pytest.mark.parametrize(("text", "encoding"), [
    ("Le déjà-vu à Jakarta : la police a arrêté cinq manifestants. Café crème, façade, über.", "latin-1"),
    ("Menteri mengatakan “situasi aman” – tidak ada korban jiwa dalam kebakaran itu.", "cp1252"),
    ("Zażółć gęślą jaźń, powiedział minister w Warszawie dzisiaj rano.", "cp1250"),
    ("Police arrested five protesters in Nairobi on Monday, the ministry said. " * 3, "utf-16-le"),
    ("Police arrested five protesters in Nairobi on Monday, the ministry said. " * 3, "utf-16-be"),
])
def test_legacy_encodings_read_as_written(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = read(path)
    assert doc.rejected is None and doc.text == text


@pytest.mark.parametrize(("name", "content"), [
    ("empty.json", "[]"), ("header.csv", "id,text\n"), ("blank.jsonl", "\n\n"), ("zero.jsonl", ""),
])
def test_an_input_with_no_records_is_a_rejection(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    (doc,) = read(path)
    assert doc.rejected is not None and doc.rejected.reason == "empty", doc
