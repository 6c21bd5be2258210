"""Actor mentions: countries, demonyms, bodies, titles and persons, groups, references, in both packs.

Sentences are written for these tests. Each case states what one mechanism must yield; the
document-level cases check person coreference and the document's main country.
"""

from __future__ import annotations

import pytest

import pantau
from pantau.extract.actors import ActorFinder, DocActors, Mention, actor_finder
from pantau.lang.loader import load_pack
from pantau.text.tokens import tokenize


def find(lang: str, sentence: str, doc: DocActors | None = None) -> list[Mention]:
    finder = actor_finder(load_pack(lang))
    return finder.find(sentence, tokenize(sentence), doc or DocActors(sentence))


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


CASES = [
    # (lang, sentence, mention text, code, sector, kind)
    ("id", "Rusia mendesak kedua pihak menahan diri.", "Rusia", "RUS", None, "country"),
    ("id", "AS mengirim bantuan ke Ukraina.", "AS", "USA", None, "country"),
    ("id", "Pemerintah Tiongkok membantah laporan itu.", "Pemerintah Tiongkok", "CHN", "GOV", "institution"),
    ("id", "Kementerian Pertahanan Armenia menyebut situasi stabil.", "Kementerian Pertahanan Armenia",
     "ARM", "MIL", "institution"),
    ("id", "Kementerian Luar Negeri RI menyatakan prihatin.", "Kementerian Luar Negeri RI", "IDN", "GOV",
     None),
    ("id", "Kemlu mendesak Israel menghentikan serangan.", "Kemlu", "IDN", "GOV", "organisation"),
    ("id", "Militer Thailand menuduh pasukan Kamboja menembak lebih dulu.", "pasukan Kamboja", "KHM", "MIL",
     "institution"),
    ("id", "Ratusan warga Palestina mengungsi ke selatan.", "warga Palestina", "PSE", "CVL", "group"),
    ("id", "Sebanyak 200 pengungsi Rohingya mendarat di pantai.", "pengungsi Rohingya", "MMR", "REF", "group"),
    ("id", "Dewan Keamanan PBB akan bersidang besok.", "Dewan Keamanan PBB", "UNO", "GOV", "organisation"),
    ("id", "Densus 88 menangkap tiga orang.", "Densus 88", "IDN", "COP", "organisation"),
    ("id", "Juru bicara TPNPB Sebby Sambom mengklaim serangan itu.", "Juru bicara TPNPB Sebby Sambom", "IDN",
     "REB", "person"),
    ("id", "Presiden Rusia Vladimir Putin menelepon Prabowo.", "Presiden Rusia Vladimir Putin", "RUS", "GOV",
     "person"),
    ("id", "Menteri Pertahanan Azerbaijan belum berkomentar.", "Menteri Pertahanan Azerbaijan", "AZE", "MIL",
     "person"),
    ("id", "Kapolri Jenderal Listyo Sigit Prabowo meminta maaf.", "Kapolri Jenderal Listyo Sigit Prabowo",
     "IDN", "COP", "person"),
    ("id", "Kepala Komite Hubungan Luar Negeri di parlemen Armenia berbicara.",
     "Kepala Komite Hubungan Luar Negeri di parlemen Armenia", "ARM", "LEG", "person"),
    ("id", "Istana Kremlin menyebut percakapan itu hangat.", "Istana Kremlin", "RUS", "GOV", "country"),
    ("en", "Armenia's defence ministry said two soldiers died.", "Armenia's defence ministry", "ARM", "MIL",
     "institution"),
    ("en", "The Armenian Defence Ministry denied the report.", "Armenian Defence Ministry", "ARM", "MIL",
     "institution"),
    ("en", "A statement from the ministry of defence of Armenia followed.", "ministry of defence of Armenia",
     "ARM", "MIL", "institution"),
    ("en", "Israel's prison service said it released 90 inmates.", "Israel's prison service", "ISR", None,
     "institution"),
    ("en", "Later the Sudanese army said it had repelled the attack.", "Sudanese army", "SDN", "MIL",
     "institution"),
    ("en", "U.S. President Donald Trump spoke to both leaders.", "U.S. President Donald Trump", "USA", "GOV",
     "person"),
    ("en", "Prime Minister Benjamin Netanyahu's office said so.", "Prime Minister Benjamin Netanyahu", "ISR",
     "GOV", "person"),
    ("en", "Army spokesman Maj. Gen. Zaw Min Tun denied it.", "Army spokesman Maj. Gen. Zaw Min Tun", None,
     "MIL", "person"),
    ("en", "Thai army spokesman Major General Winthai Suvaree spoke.",
     "Thai army spokesman Major General Winthai Suvaree", "THA", "MIL", "person"),
    ("en", "Defence Minister Pierre Joxe arrived in Chad.", "Defence Minister Pierre Joxe", "FRA", "MIL",
     "person"),
    ("en", "The Kremlin did not comment.", "Kremlin", "RUS", "GOV", None),
    ("en", "Kigali denies it.", "Kigali", "RWA", "GOV", "country"),
    ("en", "Houthi fighters fired two missiles.", "Houthi fighters", "YEM", None, "organisation"),
    ("en", "Fighters from al Shabaab attacked the base.", "Fighters from al Shabaab", "SOM", "REB",
     "organisation"),
    ("en", "UNICEF said it was horrified.", "UNICEF", "UNO", None, "organisation"),
    ("en", "NATO allies met in Brussels.", "NATO", "IGO", "MIL", "organisation"),
    ("en", "Palestinian prisoners were freed on Monday.", "Palestinian prisoners", "PSE", "CVL", "group"),
    ("en", "Turkey and Jordan condemned the strike.", "Jordan", "JOR", None, "country"),
]


@pytest.mark.parametrize(("lang", "sentence", "text", "code", "sector", "kind"), CASES)
def test_mechanisms(lang: str, sentence: str, text: str, code: str | None, sector: str | None,
                    kind: str | None) -> None:
    mentions = by_text(find(lang, sentence))
    assert text in mentions, f"{text!r} not among {list(mentions)}"
    m = mentions[text]
    if code is not None:
        assert m.code == code
    if sector is not None:
        assert m.sector == sector
    if kind is not None:
        assert m.kind == kind
    assert sentence[m.start:m.end] == m.text


@pytest.mark.parametrize(("lang", "sentence", "refers"), [
    ("id", "Kedua negara sepakat berunding.", "pair"),
    ("id", "Ia mengatakan pihaknya akan mengejar pelaku.", "speaker"),
    ("id", "Polisi mengatakan mereka sudah ditangkap.", "previous"),
    ("en", "The two sides agreed to talk.", "pair"),
    ("en", "Officials said both sides had withdrawn.", "pair"),
])
def test_references(lang: str, sentence: str, refers: str) -> None:
    refs = [m for m in find(lang, sentence) if m.kind == "reference"]
    assert refers in {m.refers for m in refs}
    assert all(m.code is None for m in refs)


def test_person_introduced_with_title_resolves_later_by_surname() -> None:
    text = "Perdana Menteri Armenia Nikol Pashinyan menelepon Moskow. Pashinyan meminta bantuan."
    finder = actor_finder(load_pack("id"))
    doc = DocActors(text)
    first, second = text.split(". ")
    finder.find(text, tokenize(text, 0, len(first)), doc)
    later = finder.find(text, tokenize(text, len(first) + 2), doc)
    pashinyan = by_text(later)["Pashinyan"]
    assert (pashinyan.code, pashinyan.sector, pashinyan.kind) == ("ARM", "GOV", "person")


def test_unknown_person_introduced_by_title_takes_that_actor() -> None:
    text = "Juru bicara Kodam Letkol Inf Arif Setiawan membenarkan. Kata Arif, pos itu aman."
    finder = actor_finder(load_pack("id"))
    doc = DocActors(text)
    cut = text.index("Kata")
    finder.find(text, tokenize(text, 0, cut), doc)
    arif = by_text(finder.find(text, tokenize(text, cut), doc))["Arif"]
    assert (arif.code, arif.sector) == ("IDN", "MIL")
    assert arif.name == "Arif Setiawan"


def test_title_case_headline_words_are_not_a_name() -> None:
    text = ("Governor Visits Flood Zone\nThe governor visits the flood zone on Monday. "
            "Flood waters rose again.")
    finder = actor_finder(load_pack("en"))
    doc = DocActors(text)
    headline = finder.find(text, tokenize(text, 0, text.index("\n")), doc)
    assert [m.name for m in headline if m.kind == "person"] == [None]
    later = finder.find(text, tokenize(text, text.index("Flood waters")), doc)
    assert not [m for m in later if m.kind == "person"]


def test_alias_followed_by_another_name_is_someone_else() -> None:
    assert "Sharif" not in by_text(find("en", "Reporting by Sharif Hassan in Kabul."))
    assert by_text(find("en", "Sharif thanked Washington."))["Sharif"].code == "PAK"


@pytest.mark.parametrize(("published", "sector"), [("2022-06-01", "MIL"), ("2025-06-01", "GOV")])
def test_ambiguous_person_resolves_by_publication_date(published: str, sector: str) -> None:
    sentence = "Prabowo menerima kunjungan delegasi Jepang."
    m = by_text(find("id", sentence, DocActors(sentence, published=published)))["Prabowo"]
    assert (m.code, m.sector) == ("IDN", sector)


def test_generic_group_takes_the_documents_main_country() -> None:
    text = ("NAIROBI, July 8 - Police fired tear gas in Kenya's capital. Kenya's opposition called "
            "for calm. Residents fled the area.")
    finder = actor_finder(load_pack("en"))
    doc = DocActors(text)
    cut = text.index("Residents")
    residents = by_text(finder.find(text, tokenize(text, cut), doc))["Residents"]
    assert doc.default_country == "KEN"
    assert (residents.code, residents.sector) == ("KEN", "CVL")


def test_most_mentioned_country_beats_a_bureau_dateline() -> None:
    text = ("BANGKOK (AP) - A Myanmar military jet bombed a school in Myanmar. The army in Myanmar denied "
            "it. The Myanmar junta later declared a truce.")
    finder = actor_finder(load_pack("en"))
    doc = DocActors(text)
    finder.find(text, tokenize(text), doc)
    assert doc.dateline == "THA"
    assert doc.default_country == "MMR"


@pytest.mark.parametrize(("lang", "text", "country"), [
    ("id", "Denpasar (ANTARA) - Indonesia dan Malaysia sepakat. Malaysia meminta waktu.", "IDN"),
    ("en", "PORT-AU-PRINCE, Haiti (AP) - Gangs stormed a town.", "HTI"),
    ("en", "NEW DELHI/ISLAMABAD, May 11 - Talks began.", "IND"),
])
def test_dateline_place_is_read_and_breaks_ties(lang: str, text: str, country: str) -> None:
    finder = actor_finder(load_pack(lang))
    doc = DocActors(text)
    finder.find(text, tokenize(text), doc)
    assert doc.dateline == country
    assert doc.default_country == country


def test_dateline_capital_is_not_an_actor_but_a_capital_elsewhere_is() -> None:
    text = "MOSCOW, Feb 5 (Reuters) - Moscow rejected the allegations."
    mentions = find("en", text)
    capitals = [m for m in mentions if m.code == "RUS"]
    assert [m.start for m in capitals] == [text.index("Moscow")]


def test_capital_after_a_place_preposition_is_left_to_places() -> None:
    assert not [m for m in find("en", "Talks were held in Washington.") if m.code == "USA"]
    assert [m for m in find("en", "Washington warned both sides.") if m.code == "USA"]


def test_case_sensitive_acronym() -> None:
    assert [m.code for m in find("id", "Seorang diplomat AS tiba.") if m.text.endswith("AS")] == ["USA"]
    assert not [m for m in find("id", "Harga naik dua kali as roda.") if m.code == "USA"]


def test_hyphenated_names_are_seen() -> None:
    mentions = by_text(find("en", "Hamas-led gunmen crossed the fence."))
    assert mentions["Hamas"].code == "PSE"
    id_mentions = by_text(find("id", "Prabowo mendorong agar konflik Rusia-Ukraina segera diakhiri."))
    assert id_mentions["Rusia"].code == "RUS" and id_mentions["Ukraina"].code == "UKR"


def test_a_hyphenated_leader_gives_its_state_to_the_group_after_it() -> None:
    assert by_text(find("en", "Hamas-led gunmen stormed the town."))["gunmen"].code == "PSE"
    assert by_text(find("en", "He blamed Pakistan-based militants."))["militants"].code == "PAK"


def test_title_words_inside_names_are_not_actors() -> None:
    texts = {m.text for m in find("en", "In November the Houthis seized the car carrier Galaxy Leader.")}
    assert "Leader" not in texts
    assert by_text(find("en", "The leader of the group spoke."))["leader"].kind == "person"


def test_mentions_do_not_overlap_and_point_into_the_text() -> None:
    sentence = ("Juru bicara Kementerian Luar Negeri China dalam jumpa pers di Beijing menuduh pihak "
                "Indonesia melakukan kegiatan ilegal.")
    mentions = find("id", sentence)
    spans = sorted((m.tok_start, m.tok_end) for m in mentions)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start
    for m in mentions:
        assert sentence[m.start:m.end] == m.text


def test_finder_is_built_once_per_pack() -> None:
    pack = load_pack("en")
    assert actor_finder(pack) is actor_finder(pack)
    assert isinstance(actor_finder(pack), ActorFinder)


def test_empty_sentence() -> None:
    assert find("en", "") == []


def test_leaders_file_is_well_formed() -> None:
    from datetime import date

    from pantau.extract.actors import NON_STATE, load_leaders
    from pantau.extract.gazetteer import iso3_by_iso2
    from pantau.ontology import load_ontology

    states = set(iso3_by_iso2().values()) | set(NON_STATE)
    sectors = load_ontology().sectors
    leaders = load_leaders()
    assert len(leaders) >= 150
    for rec in leaders:
        where = rec.get("name")
        assert rec.get("code") in states, where
        assert rec.get("sector") in sectors, where
        start = date.fromisoformat(rec["start"])
        if rec.get("end"):
            assert date.fromisoformat(rec["end"]) >= start, where
        assert all(isinstance(a, str) and a for a in rec.get("aliases") or []), where


@pytest.mark.parametrize("lang", ["en", "id"])
def test_random_word_salad_keeps_offsets_and_never_overlaps(lang: str) -> None:
    import random

    rng = random.Random(7)
    pieces = ["Armenia's", "-", "(", ")", "Presiden", "President", "the", "of", "di", "Kabupaten", "border",
              "Rusia", "U.S.", "AS", "Putin", "al-", "KKB", "(RSF)", "Desa", "village", "in", ",", ".", "Maj.",
              "Gen.", "Jenderal", "TNI-Polri", "Hamas-led", "spokesman", "for", "Menteri", "Pertahanan", "\n"]
    finder = actor_finder(load_pack(lang))
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        tokens = tokenize(text)
        mentions = finder.find(text, tokens, DocActors(text))
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert 0 <= m.tok_start < m.tok_end <= len(tokens)
        spans = sorted((m.tok_start, m.tok_end) for m in mentions)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), (text, spans)


def test_a_lemma_entry_is_indexed_with_its_inflected_forms() -> None:
    """A `lemma` actor entry matches its forms by the pack's morphology ("dockworker" → "dockworkers");
    it used to load and never be indexed."""
    from pantau.lang.loader import Pack

    en = load_pack("en")
    sections = dict(en.sections)
    sections["groups"] = [*en.records("groups"), {"lemma": "dockworker", "sector": "LAB"}]
    finder = ActorFinder(Pack(tag="en", name="test", version="1", sections=sections))
    sentence = "Striking dockworkers blocked the port gates."
    got = by_text(finder.find(sentence, tokenize(sentence), DocActors(sentence)))
    assert "dockworkers" in got and got["dockworkers"].sector == "LAB"


@pytest.mark.parametrize(("lang", "sentence", "text", "sector"), [
    ("en", "Armed residents and student protesters clashed with police.", "Armed residents", "CVL"),
    ("en", "Armed residents and student protesters clashed with police.", "student protesters", "EDU"),
    ("id", "Buruh pabrik tekstil berunjuk rasa di Sukoharjo.", "Buruh pabrik tekstil", "LAB"),
])
def test_modifiers_join_a_generic_head_noun(lang: str, sentence: str, text: str, sector: str) -> None:
    got = by_text(find(lang, sentence))
    assert text in got and got[text].sector == sector


def test_an_unknown_modifier_leaves_the_group_without_a_country() -> None:
    doc = DocActors("Unidentified gunmen attacked a village in Nigeria.")
    got = by_text(find("en", "Unidentified gunmen attacked a village in Nigeria.", doc))
    assert got["Unidentified gunmen"].code is None and got["Unidentified gunmen"].sector == "UAF"


def test_a_country_beside_a_national_body_names_its_state() -> None:
    """"Kemenlu China" is China's foreign ministry, though "Kemenlu" alone is Indonesia's; an
    international body keeps its own code ("UNICEF Indonesia" is UNICEF's office)."""
    import pantau

    def actors(text: str) -> list[str | None]:
        doc = pantau.extract(text, lang="id", published="2026-06-16")
        return [a.code for e in doc.events if e.event == "REQUEST" for a in e.actor]

    assert actors("Kemenlu China meminta Manila menghentikan provokasi.") == ["CHN"]
    assert actors("Kemlu RI meminta Israel menghentikan serangan.") == ["IDN"]
    assert actors("UNICEF Indonesia meminta pemerintah melindungi anak-anak.") == ["UNO"]


def test_a_coordinated_speech_act_is_the_speakers_not_the_reported_doers() -> None:
    """"Zelensky accused Russia of attacking ... and again urged the West": the urging is
    Zelensky's; "accused the Philippine boat of entering ... and ramming": the ramming is the boat's."""
    import pantau

    doc = pantau.extract("Presiden Volodymyr Zelensky menuding Rusia sengaja menyerang permukiman dan kembali mendesak "
                         "negara-negara Barat mempercepat pengiriman sistem pertahanan udara.", lang="id",
                         published="2026-03-11")
    assert [[a.code for a in e.actor] for e in doc.events if e.event == "REQUEST"] == [["UKR"]]
    doc = pantau.extract("Penjaga Pantai China menuduh kapal Filipina memasuki perairan itu secara ilegal dan sengaja "
                         "menabrak kapal China.", lang="id", published="2026-06-16")
    assert [[a.code for a in e.actor] for e in doc.events if e.event == "ASSAULT"] == [["PHL"]]


def test_an_envoy_for_a_country_is_the_body_that_sends_them() -> None:
    import pantau

    doc = pantau.extract("Utusan Khusus PBB untuk Yaman menyatakan keprihatinan mendalam atas eskalasi tersebut.",
                         lang="id", published="2026-03-11")
    assert [[a.code for a in e.actor] for e in doc.events] == [["UNO"]]


def test_a_group_word_that_is_also_a_modifier_joins_the_head_noun() -> None:
    # "resistance forces" are rebel fighters, not the state's forces; "pasukan perlawanan" likewise
    for text, lang, sector in (("Karen resistance forces overran an army outpost near Hpapun on Friday.", "en", "REB"),
                               ("Pasukan perlawanan merebut kota Hpapun dari tentara junta, Jumat.", "id", "REB"),
                               ("Militia fighters burned a village in Djugu territory on Monday.", "en", "UAF")):
        doc = pantau.extract(text, lang=lang, published="2025-02-08")
        sectors = [a.sector for e in doc.events for a in e.actor]
        assert sectors and set(sectors) == {sector}, (text, [(e.event, e.actor) for e in doc.events])


@pytest.mark.parametrize("text", [
    "KYIV, March 10 (Reuters) - A missile struck the city.\n\nMore text follows here.",
    "JAKARTA, KOMPAS.com -- Polisi menangkap tiga orang.",  # no line break: the first 200 characters
    "x" * 195 + " Anti-government protesters marched",  # a token cut by the 200-character bound
    "A long first line " * 30 + "\nKHARTOUM",
    "Short",
    "",
])
def test_the_dateline_reads_the_documents_own_tokens_as_a_fresh_tokenisation_would(text: str) -> None:
    """The dateline's first tokens come from the document's tokens, never cut differently from
    tokenising the first line (or the first 200 characters) alone."""
    from pantau.extract.actors import DATELINE_TOKENS, _head

    line_end = text.find("\n")
    bound = line_end if line_end >= 0 else min(len(text), 200)
    assert _head(text, bound, tokenize(text)) == tokenize(text, 0, bound)[:DATELINE_TOKENS]
    assert _head(text, bound, None) == tokenize(text, 0, bound)[:DATELINE_TOKENS]
