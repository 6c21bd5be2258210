"""Boilerplate: the example corpus pages keep every body paragraph and lose the furniture
(trafilatura-evaluation style: lines that must and must not survive), and the seed article's
furniture is gone once its text is wrapped in HTML."""

from __future__ import annotations

import html
import re

import pytest

from pantau.ingest import iter_documents
from pantau.ingest.clean import filter_for
from pantau.ingest.html import extract_html
from pantau.settings import Options

# Furniture of the four site templates (examples/sites/): none may reach the document text.
SITE_FURNITURE = [
    "Beranda", "Indeks Berita", "Cari berita", "Bagikan", "Salin tautan", "Berita Terkait", "Tinggalkan Balasan",
    "Alamat email Anda tidak akan dipublikasikan", "Ruas yang wajib ditandai", "Simpan nama, email",
    "Kirim Komentar", "4  +  4  =", "Terpopuler", "Harga cabai", "Hak cipta", "Pedoman Media Siber",
    "Baca juga", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Simak juga", "Pewarta:", "Editor:",
    "Topik:", "Berita Lainnya", "Dapatkan update berita", "Berlangganan", "Tentang Kami",
    "Subscribe", "Related stories", "Leave a Reply", "Your email address will not be published",
    "Save my name", "Post Comment", "7 × 2 =", "Sign up for our newsletter", "All rights reserved",
    "Read more:", "Advertisement", "Asia Edition", "Reporter:", "Share this article", "Most read",
    "Join the conversation", "3 + 5 =", "Also read:", "Copy link", "Oleh ", "By ",
]
# Lines inside the articles' own text that are furniture too (as outlets print them).
TEXT_FURNITURE = re.compile(r"^(Baca juga|Simak juga|Lihat juga|Pewarta:|Penulis:|Editor:|Reporter:|COPYRIGHT|"
                            r"Sumber\s*:|Foto\s*:|Read more|Also read|SCROLL TO CONTINUE|ADVERTISEMENT|Tinggalkan Balasan|Alamat email|\(?[A-Z]{2,5}\)$|[_\W]+$)", re.I)


def test_example_pages_keep_every_paragraph_and_drop_the_furniture(example_corpus) -> None:
    docs = {d.url: d for d in iter_documents([str(example_corpus.warc_path)], Options(keep_duplicates=True))}
    assert len(docs) == len(example_corpus.pages) >= 10
    checked = 0
    for page in example_corpus.pages:
        doc = docs[page.url]
        assert doc.rejected is None, doc.rejected
        lines = doc.text.split("\n")
        for para in page.paragraphs:
            if TEXT_FURNITURE.match(para) or para.casefold() == page.title.casefold():
                assert para not in lines, (page.article_id, para)
            else:
                assert para in lines, (page.article_id, para)
                checked += 1
        for junk in SITE_FURNITURE:
            for line in lines:
                assert not line.startswith(junk.strip()) or junk.strip() in page.paragraphs[0][:len(junk)], \
                    (page.article_id, junk, line)
            assert junk not in doc.text or any(junk in p for p in page.paragraphs), (page.article_id, junk)
        assert doc.meta["author"] == page.author
        assert doc.published and doc.published.startswith(page.date_iso[:10])
    assert checked >= 5 * len(example_corpus.pages)


def test_seed_article_furniture_is_removed_when_wrapped_in_html(seed_record) -> None:
    text = seed_record["text"]
    paras = [p for p in text.split("\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    page = (f"<html lang='id'><head><meta charset='utf-8'><title>{html.escape(seed_record['title'])}</title></head>"
            f"<body><nav><a href='/'>Beranda</a></nav><article>{body}</article></body></html>")
    doc = extract_html(page.encode(), Options(), locator="seed.html", url="https://channel9.example/seed")
    assert doc.rejected is None
    for junk in ("Baca juga", "Tinggalkan Balasan", "Alamat email Anda tidak akan dipublikasikan", "(RAG)"):
        assert junk not in doc.text, junk
    assert not re.search(r"^\s*4\s*\+\s*4\s*=\s*$", doc.text, re.M)
    # the event sentences survive, untouched
    for keep in ("sepakat untuk gencatan senjata", "Vladimir Putin", "15 pasukan Armenia yang gugur",
                 "ke-12 pasukannya ditangkap", "Menteri Luar Negeri Prancis"):
        assert keep in doc.text, keep


@pytest.mark.parametrize("lang", ["en", "id", None])
def test_filter_keeps_prose_that_merely_starts_like_furniture(lang: str | None) -> None:
    f = filter_for(lang)
    prose = ["By Tuesday, the fighting had stopped.", "Oleh karena itu, pemerintah menarik pasukan dari sana.",
             "Editors at the paper said the report was accurate and complete in every detail they checked."]
    for line in prose:
        if lang == "en" and line.startswith("Oleh"):
            continue
        assert f.classify(line) is None, line
    byline = "Oleh Jane Doe" if lang == "id" else "By Jane Doe"
    cleaned = f.clean(f"Headline\n{byline}\nBody line one.\nADVERTISEMENT\n12 + 3 =\nBody line two.")
    assert cleaned.text == "Headline\nBody line one.\nBody line two." and cleaned.author == "Jane Doe"
    assert len(cleaned.removed) == 3


def test_the_documented_word_limits_are_pack_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """clean.py documents `prefix_max_words` and `author_max_words` as keys of the boilerplate
    section; a pack that gives them loads, and the filter keeps a longer byline-like line as prose."""
    from pantau.ingest.clean import BoilerplateFilter
    from pantau.lang.loader import load_pack_from

    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "meta.yaml").write_text("meta: {tag: xx, name: Test, version: '1'}\n", encoding="utf-8")
    (tmp_path / "xx" / "b.yaml").write_text(
        "boilerplate:\n  author_prefixes: ['Written by']\n  author_max_words: '4'\n  prefix_max_words: '6'\n",
        encoding="utf-8")
    filt = BoilerplateFilter.from_packs([load_pack_from(tmp_path, "xx")])
    assert filt.classify("Written by Dana Wirawan") == "author"
    assert filt.classify("Written by the two reporters of the desk") is None
