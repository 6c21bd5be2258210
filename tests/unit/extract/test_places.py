"""Places: contexts, precision, borders, ambiguity, stop words; the compiled admin1 table is fresh."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from pantau.extract.gazetteer import compile_admin1
from pantau.extract.places import PlaceMatch, place_finder
from pantau.lang.loader import load_pack
from pantau.text.tokens import tokenize


def find(lang: str, sentence: str) -> list[PlaceMatch]:
    return place_finder(load_pack(lang)).find(sentence, tokenize(sentence))


def by_text(matches: list[PlaceMatch]) -> dict[str, PlaceMatch]:
    return {m.location.text or "": m for m in matches}


@pytest.mark.parametrize(("lang", "sentence", "text", "precision", "country", "admin1"), [
    ("id", "Bentrokan terjadi di Provinsi Surin pada Kamis.", "Provinsi Surin", "admin1", "THA", "Surin"),
    ("id", "Penangkapan dilakukan di Bekasi, Jawa Barat.", "Bekasi", "point", "IDN", "West Java"),
    ("id", "Penangkapan dilakukan di Bekasi, Jawa Barat.", "Jawa Barat", "admin1", "IDN", "West Java"),
    ("id", "Korban dievakuasi ke Timika pada pagi hari.", "Timika", "point", "IDN", None),
    ("id", "Dua warga tewas di Kabupaten Intan Jaya.", "Kabupaten Intan Jaya", "point", None, None),
    ("id", "Kontak tembak terjadi di Kampung Kelanungin sekitar pukul tujuh.", "Kampung Kelanungin",
     "point", None, None),
    ("id", "Perundingan digelar di Malaysia.", "Malaysia", "country", "MYS", None),
    ("en", "A drone struck a mosque in El Fasher on Friday.", "El Fasher", "point", "SDN", None),
    ("en", "The jet bombed a school in the central Sagaing region.", "Sagaing region", "admin1", "MMR", None),
    ("en", "Gunmen stormed a prison in northwest Nigeria's Kaduna state.", "Kaduna state", "admin1", "NGA",
     None),
    ("en", "Buses arrived in the West Bank city of Ramallah.", "Ramallah", "point", "PSE", None),
    ("en", "The attack on the school in Ohe Htein Twin village was confirmed.", "Ohe Htein Twin village",
     "point", None, None),
    ("en", "Russian forces shelled Kharkiv overnight.", "Kharkiv", "point", "UKR", None),
    ("id", "Roket menghantam permukiman di Provinsi Sisaket.", "Provinsi Sisaket", "admin1", "THA", "Si Sa Ket"),
    ("en", "A writer in San Juan, Puerto Rico, contributed.", "Puerto Rico", "country", "PRI", None),
    ("en", "Troops were deployed in Gaza on Monday.", "Gaza", "point", "PSE", None),
    ("id", "Pasukan Rusia membombardir Kharkiv semalam.", "Kharkiv", "point", "UKR", None),
])
def test_named_places(lang: str, sentence: str, text: str, precision: str, country: str | None,
                      admin1: str | None) -> None:
    matches = by_text(find(lang, sentence))
    assert text in matches, f"{text!r} not among {list(matches)}"
    loc = matches[text].location
    assert loc.precision == precision
    assert loc.country == country
    if admin1 is not None:
        assert loc.admin1 == admin1
    assert loc.start is not None and sentence[loc.start:loc.end] == text
    if precision == "point" and country is not None:
        assert loc.geonameid is not None and loc.lat is not None and loc.lon is not None


@pytest.mark.parametrize(("lang", "sentence", "countries"), [
    ("id", "Bentrokan pecah di perbatasan Thailand dan Kamboja pada Kamis.", ("THA", "KHM")),
    ("id", "Gencatan senjata berlaku di daerah timur perbatasan Armenia-Azerbaijan.", ("ARM", "AZE")),
    ("en", "Fighting resumed along the Thai-Cambodian border on Monday.", ("THA", "KHM")),
    ("en", "Shelling was reported near the Armenia-Azerbaijan border.", ("ARM", "AZE")),
    ("en", "A soldier was killed in the border area.", ()),
    ("en", "Thailand closed its border with Cambodia.", ("KHM",)),
    ("id", "Thailand menutup perbatasan dengan Kamboja.", ("KHM",)),
])
def test_borders(lang: str, sentence: str, countries: tuple[str, ...]) -> None:
    borders = [m.location for m in find(lang, sentence) if m.location.precision == "border"]
    assert len(borders) == 1
    assert borders[0].countries == countries
    assert borders[0].country == (countries[0] if countries else None)


def test_ambiguous_name_prefers_a_country_of_the_same_sentence() -> None:
    # Tripoli is a city in Libya and in Lebanon; the sentence names Lebanon
    lebanon = by_text(find("en", "Clashes in Tripoli left two dead, Lebanon's army said."))["Tripoli"]
    assert lebanon.location.country == "LBN"
    libya = by_text(find("en", "Clashes in Tripoli left two dead, Libya's government said."))["Tripoli"]
    assert libya.location.country == "LBY"


def test_ambiguous_name_without_context_takes_the_main_name_then_the_most_populous() -> None:
    # "Islamabad" is also an old alternate name of Chattogram, a bigger city
    loc = by_text(find("en", "Talks were held in Islamabad."))["Islamabad"].location
    assert loc.country == "PAK"
    # ...but a main name does not beat a city twenty times bigger known by that name too
    loc = by_text(find("id", "Prabowo berkunjung ke St. Petersburg pada Juni."))["St. Petersburg"].location
    assert loc.country == "RUS"


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "The truce took effect in March."),
    ("en", "The reports were filed on Monday by Police in the capital."),
    ("id", "Serangan terjadi pada Selasa di tengah malam."),
    ("en", "Troops from Thai units withdrew."),
])
def test_stop_words_and_demonyms_are_not_places(lang: str, sentence: str) -> None:
    texts = {m.location.text for m in find(lang, sentence)}
    assert not texts & {"March", "Police", "Selasa", "Thai"}


def test_a_name_outside_any_place_context_is_not_a_place() -> None:
    assert find("en", "Goma residents said they heard gunfire.") == []
    assert [m.location.text for m in find("en", "Residents of Goma said they heard gunfire.")] == []
    assert [m.location.text for m in find("en", "Residents in Goma said they heard gunfire.")] == ["Goma"]
    assert find("en", "The United States and Britain began bombing.") == []


def test_a_capital_standing_for_its_government_is_not_a_place() -> None:
    assert find("en", "Moscow said its air defences downed 40 drones.") == []
    assert [m.location.country for m in find("en", "Israeli jets pounded Beirut's southern suburbs.")] == ["LBN"]


def test_a_persons_name_is_not_a_place() -> None:
    texts = {m.location.text for m in find("en", "The army seized power from Aung San Suu Kyi's government.")}
    assert not any(t and "Aung" in t for t in texts)


def test_committed_admin1_table_is_fresh(shared: Path) -> None:
    geonames = shared / "data" / "geonames"
    admin1 = geonames / "geonames_admin1_codes.tsv"
    countries = geonames / "geonames_countryInfo.tsv"
    if not admin1.is_file() or not countries.is_file():
        pytest.skip("GeoNames dumps are not present")
    fresh = compile_admin1(admin1.read_text(encoding="utf-8").splitlines(),
                           countries.read_text(encoding="utf-8").splitlines())
    committed = resources.files("pantau").joinpath("data", "admin1.tsv").read_text(encoding="utf-8")
    assert committed == fresh, "src/pantau/data/admin1.tsv is stale: run python tools/build_admin1.py"


def test_compile_admin1_keeps_what_the_finder_needs() -> None:
    out = compile_admin1(["ID.30\tWest Java\tWest Java\t1642672", "XX.01\tNowhere\tNowhere\t1", "bad line"],
                         ["#ISO\tISO3", "ID\tIDN\t360"])
    rows = [line for line in out.splitlines() if not line.startswith("#")]
    assert rows == ["ID.30\tWest Java\tWest Java\t1642672\tIDN"]


def test_default_country_fills_what_the_sentence_leaves_open() -> None:
    pack = load_pack("id")
    sentence = "Dua prajurit ditembak di dekat perbatasan Azerbaijan dan di Kampung Kelanungin."
    found = place_finder(pack).find(sentence, tokenize(sentence), default_country="ARM")
    border = next(m.location for m in found if m.location.precision == "border")
    assert (border.country, border.countries) == ("ARM", ("ARM", "AZE"))
    village = next(m.location for m in found if m.location.name == "Kelanungin")
    assert village.country == "ARM"
    plain = place_finder(pack).find(sentence, tokenize(sentence))
    assert next(m.location for m in plain if m.location.precision == "border").countries == ("AZE",)


@pytest.mark.parametrize(("sentence", "text", "country"), [
    # a town the gazetteer lacks, after a preposition, placed by its bracketed region
    ("Militants opened fire on residents around Barsalogho (Sanmatenga, Centre-Nord) on Saturday.",
     "Barsalogho", "BFA"),
    # a bracketed region makes a town of a name even without a preposition
    ("Residents of Taxco (Guerrero) beat a man to death.", "Taxco", "MEX"),
    # a place found without a country takes the bracketed region's
    ("Soldiers raided homes in Merawi town (West Gojjam, Amhara) overnight.", "Merawi town", "ETH"),
])
def test_a_bracketed_region_decides_the_country(sentence: str, text: str, country: str) -> None:
    found = by_text(find("en", sentence))
    assert text in found and found[text].location.country == country


def test_an_acronym_in_brackets_is_not_a_place() -> None:
    assert "Rapid Support Forces" not in by_text(find("en", "The Rapid Support Forces (RSF) attacked the camp."))


def test_an_ambiguous_name_takes_a_country_the_document_names() -> None:
    finder = place_finder(load_pack("en"))
    sentence = "A car bomb exploded in Tripoli on Friday."
    alone = {m.location.text: m.location.country for m in finder.find(sentence, tokenize(sentence))}
    in_lebanon = {m.location.text: m.location.country
                  for m in finder.find(sentence, tokenize(sentence), doc_codes=frozenset({"LBN"}))}
    assert alone["Tripoli"] == "LBY" and in_lebanon["Tripoli"] == "LBN"


def test_every_bracketed_name_votes_for_the_country() -> None:
    """"(Faisalabad, Punjab)": Punjab is a region of India and of Pakistan; Faisalabad is Pakistani."""
    found = by_text(find("en", "A mob set fire to churches in Jaranwala (Faisalabad, Punjab) over blasphemy allegations."))
    assert found["Jaranwala"].location.country == "PAK"
    found = by_text(find("en", "A mob beat a man to death in Mbale town (Mbale, Eastern) on Sunday."))
    assert found["Mbale town"].location.country == "UGA"


def test_a_natural_feature_is_not_the_town_of_its_name() -> None:
    """Pack `feature_words`: "Scarborough Shoal" / "Beting Scarborough" is no English town, "the
    Strait of Hormuz" no town of Hormuz; "barat laut Pakistan" (north-west) still names Pakistan."""
    import pantau

    for text, lang in (("Chinese ships fired water cannons at a Philippine boat near Scarborough Shoal on Monday.", "en"),
                       ("Kapal China menembakkan meriam air ke kapal Filipina di dekat Beting Scarborough pada Senin.",
                        "id"),
                       ("Iran seized a tanker in the Strait of Hormuz on Monday.", "en")):
        doc = pantau.extract(text, lang=lang, published="2026-06-16")
        assert doc.events and all((e.location is None or e.location.country != "GBR") and
                                  (e.location is None or e.location.name != "Hormuz") for e in doc.events), text
    doc = pantau.extract("Militan TTP kerap menyerang aparat keamanan di wilayah barat laut Pakistan pada Senin.",
                         lang="id", published="2026-06-16")
    assert [e.location.country for e in doc.events if e.location] == ["PAK"]


def test_a_capitalised_feature_word_counts_only_capitalised() -> None:
    """"Laut China Selatan" (the South China Sea) is not China; "barat laut Pakistan" (north-west)
    still names Pakistan."""
    import pantau

    doc = pantau.extract("Kapal penjaga pantai China menembakkan meriam air ke kapal Filipina di dekat Beting "
                         "Scarborough, Laut China Selatan, Senin (15/6/2026).", lang="id", published="2026-06-16")
    assert [e.location.name for e in doc.events if e.location] != ["China"]
    assert all(e.location is None or e.location.name != "China" for e in doc.events)


def test_an_unknown_place_takes_the_country_of_the_place_qualifying_it() -> None:
    """"Desa Jubata al-Khashab, Provinsi Quneitra": the village the gazetteer lacks is in Syria's
    Quneitra, whatever the story's main country."""
    import pantau

    doc = pantau.extract("Militer Israel menahan empat pemuda Suriah dalam operasi di Desa Jubata al-Khashab, Provinsi "
                         "Quneitra, pada Minggu, 1 Maret 2026.", lang="id", published="2026-03-02")
    assert [(e.location.name, e.location.country, e.location.admin1) for e in doc.events if e.location] == [
        ("Jubata", "SYR", "Quneitra")]
