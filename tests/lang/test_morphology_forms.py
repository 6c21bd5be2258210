"""Lemmas become the surface forms the language writes, by each pack's morphology.

A pack lists a verb once (``lemma: tembak``, ``lemma: attack``); ``pantau.lang.phrases`` turns it
into the forms news text uses: Indonesian affixes with nasal assimilation, English suffixes and
irregular forms, Malay roots through the patterns it inherits from Indonesian. The tables are
written from each language's grammar (KBBI spelling, with the news usage ``mengklaim``), not from
any article. Which events a sentence yields is the packs' ``examples``, not this file.
"""

from __future__ import annotations

from typing import Any

import pytest

from pantau.lang import load_pack
from pantau.lang.morphology import nasalise
from pantau.lang.phrases import PhraseIndex, expand, surface_forms
from pantau.text.tokens import tokenize


@pytest.fixture(scope="module")
def pack() -> Any:
    return load_pack("id")


def surface(pack: Any, lemma: str, affixes: list[str] | None = None) -> dict[str, str]:
    """{surface form: voice} of one lemma entry."""
    record: dict[str, Any] = {"lemma": lemma}
    if affixes is not None:
        record["affixes"] = affixes
    return {" ".join(f.tokens): f.voice for f in expand(record, pack) if not f.headline}


# --- Indonesian: nasal assimilation and affixes ---------------------------------------------------

# root → the root after meN-/peN- nasal assimilation ({N} in a template)
NASAL = [
    ("tembak", "nembak"),      # t: n, initial dropped
    ("tangkap", "nangkap"),
    ("tarik", "narik"),
    ("tuduh", "nuduh"),
    ("pukul", "mukul"),        # p: m, dropped
    ("kirim", "ngirim"),       # k: ng, dropped
    ("kerah", "ngerah"),
    ("kecam", "ngecam"),
    ("serang", "nyerang"),     # s: ny, dropped
    ("sita", "nyita"),
    ("sandera", "nyandera"),
    ("bakar", "mbakar"),       # b: m added
    ("bunuh", "mbunuh"),
    ("desak", "ndesak"),       # d: n added
    ("culik", "nculik"),       # c: n added
    ("jarah", "njarah"),       # j: n added
    ("gempur", "nggempur"),    # g: ng added
    ("hancur", "nghancur"),    # h: ng added
    ("usir", "ngusir"),        # vowels: ng added
    ("ancam", "ngancam"),
    ("imbau", "ngimbau"),
    ("evakuasi", "ngevakuasi"),
    ("lindas", "lindas"),      # l, r, m, n, w, y: no nasal
    ("rampas", "rampas"),
    ("minta", "minta"),
    ("bom", "ngebom"),         # one syllable: nge, initial kept
    ("tes", "ngetes"),
    ("cek", "ngecek"),
    ("klaim", "ngklaim"),      # cluster: kept whole (news spelling mengklaim)
    ("kritik", "ngkritik"),
    ("protes", "mprotes"),
    ("khawatir", "ngkhawatir"),
    ("vonis", "mvonis"),
]


@pytest.mark.parametrize(("root", "nasal"), NASAL)
def test_nasal_assimilation(pack: Any, root: str, nasal: str) -> None:
    assert nasalise(root, pack.mapping("morphology")) == nasal


# root, affixes (None: the pack's default set), forms that must be generated
FORMS: list[tuple[str, list[str] | None, set[str]]] = [
    ("tembak", None, {"menembak", "ditembak", "menembaki", "ditembaki", "menembakkan", "penembakan", "tembakan"}),
    ("serang", None, {"menyerang", "diserang", "serangan", "penyerangan"}),
    ("kirim", None, {"mengirim", "mengirimkan", "dikirim", "dikirimkan", "pengiriman", "kiriman"}),
    ("tangkap", None, {"menangkap", "ditangkap", "penangkapan", "tangkapan"}),
    ("desak", None, {"mendesak", "didesak", "desakan"}),
    ("kerah", None, {"mengerahkan", "dikerahkan", "pengerahan"}),
    ("sita", None, {"menyita", "disita", "penyitaan", "sitaan"}),
    ("pukul", None, {"memukul", "dipukul", "memukuli", "pemukulan", "pukulan"}),
    ("usir", None, {"mengusir", "diusir", "pengusiran"}),
    ("culik", None, {"menculik", "diculik", "penculikan"}),
    ("bunuh", None, {"membunuh", "dibunuh", "pembunuhan"}),
    ("gempur", None, {"menggempur", "digempur", "gempuran"}),
    ("lindas", None, {"melindas", "dilindas"}),
    ("rampas", None, {"merampas", "dirampas", "perampasan"}),
    ("bakar", None, {"membakar", "dibakar", "pembakaran"}),
    ("tolak", None, {"menolak", "ditolak", "penolakan"}),
    ("tuduh", None, {"menuduh", "dituduh", "tuduhan"}),
    ("tuding", None, {"menuding", "dituding", "tudingan"}),
    ("kecam", None, {"mengecam", "dikecam", "kecaman"}),
    ("ancam", None, {"mengancam", "diancam", "ancaman"}),
    ("imbau", None, {"mengimbau", "imbauan"}),
    ("seru", None, {"menyerukan", "seruan"}),
    ("tarik", None, {"menarik", "ditarik", "penarikan"}),
    ("sandera", None, {"menyandera", "disandera", "penyanderaan"}),
    ("usut", None, {"mengusut", "diusut", "pengusutan"}),
    ("selidik", None, {"menyelidiki", "diselidiki", "penyelidikan"}),
    ("dukung", None, {"mendukung", "didukung", "dukungan"}),
    ("bebas", None, {"membebaskan", "dibebaskan", "pembebasan"}),
    ("jarah", None, {"menjarah", "penjarahan"}),
    ("hancur", None, {"menghancurkan", "dihancurkan", "penghancuran"}),
    ("bom", None, {"mengebom", "dibom", "pengeboman"}),
    ("tes", None, {"mengetes", "dites"}),
    ("klaim", None, {"mengklaim", "diklaim"}),
    ("telepon", None, {"menelepon", "ditelepon"}),
    ("tandatangan", None, {"menandatangani", "ditandatangani", "penandatanganan"}),
    ("sepakat", ["meN-i", "di-i", "ke-an", "ber"], {"menyepakati", "disepakati", "kesepakatan", "bersepakat"}),
    ("kunjung", ["ber", "meN-i", "an"], {"berkunjung", "mengunjungi", "kunjungan"}),
    ("temu", ["ber", "per-an", "meN-i"], {"bertemu", "pertemuan", "menemui"}),
    ("ricuh", ["ke-an"], {"kericuhan"}),
    ("khawatir", ["meN-kan", "ke-an"], {"mengkhawatirkan", "kekhawatiran"}),
    ("panjang", ["memper", "diper"], {"memperpanjang", "diperpanjang"}),
    ("ingat", ["memper-kan", "diper-kan"], {"memperingatkan", "diperingatkan"}),
]


@pytest.mark.parametrize(("root", "affixes", "forms"), FORMS, ids=[f[0] for f in FORMS])
def test_surface_forms(pack: Any, root: str, affixes: list[str] | None, forms: set[str]) -> None:
    got = set(surface(pack, root, affixes))
    missing = forms - got
    assert not missing, f"{root}: {sorted(missing)} not generated (got {sorted(got)})"


def test_voices(pack: Any) -> None:
    forms = surface(pack, "tembak", ["meN", "di", "ter", "peN-an", "an"])
    assert forms["menembak"] == "active"
    assert forms["ditembak"] == "passive"
    assert forms["tertembak"] == "passive"
    assert forms["penembakan"] == "nominal"
    assert forms["tembakan"] == "nominal"
    assert surface(pack, "kunjung", ["ber"])["berkunjung"] == "intransitive"


def test_wrong_forms_are_not_generated(pack: Any) -> None:
    got = set(surface(pack, "tembak", None)) | set(surface(pack, "bom", None)) | set(surface(pack, "klaim", None))
    for wrong in ("mentembak", "menembak-kan", "membom", "mengeklaim", "penyerang"):
        assert wrong not in got


def test_bare_root_only_when_asked(pack: Any) -> None:
    """"aman" (safe) and "pukul" (o'clock) are words of their own: the root is a form only on request
    (in running text; a verb's bare root is also a headline-only form: "Massa Pukul Pencuri")."""
    assert "aman" not in surface(pack, "aman", ["di-kan"])
    assert "pukul" not in surface(pack, "pukul", None)
    assert "tangkap" in surface(pack, "tangkap", ["root", "meN"])
    headline = {" ".join(f.tokens) for f in expand({"lemma": "pukul"}, pack) if f.headline}
    assert "pukul" in headline
    assert not {f.tokens for f in expand({"lemma": "aman", "affixes": ["di-kan"]}, pack) if f.headline}, \
        "a passive-only entry is no verb a headline uses bare"


def test_then_follows_every_form(pack: Any) -> None:
    expanded = expand({"lemma": "tembak", "affixes": ["root", "meN", "di"], "then": "mati"}, pack)
    forms = {" ".join(f.tokens) for f in expanded if not f.headline}
    assert forms == {"tembak mati", "menembak mati", "ditembak mati"}
    # the headline-only forms a verb also gets ("KKB Tembakkan ...") carry the `then` too
    headline = {" ".join(f.tokens) for f in expanded if f.headline}
    assert headline == {"tembakkan mati", "tembaki mati"}


def test_every_affix_named_in_the_pack_exists(pack: Any) -> None:
    """An unknown pattern name in `affixes` would silently generate nothing."""
    names = {p["name"] for p in pack.mapping("morphology")["patterns"]}
    for section in ("events", "counts", "claims", "modality", "count_units"):
        for rec in pack.records(section):
            unknown = set(rec.get("affixes") or []) - names
            assert not unknown, f"{section}: {rec} names unknown patterns {sorted(unknown)}"
    assert set(pack.mapping("morphology")["default_affixes"]) <= names


def test_generated_forms_match_in_text(pack: Any) -> None:
    index = PhraseIndex.of([{"lemma": "kerah", "affixes": ["meN-kan", "di-kan", "peN-an"], "event": "MOBILIZE"},
                         {"lemma": "sita", "affixes": ["meN", "di", "peN-an"], "event": "COERCE"}], pack)
    text = "Polisi mengerahkan 300 personel, lalu menyita dua senjata; pengerahan itu dikritik."
    found = [" ".join(t.text for t in tokenize(text)[m.tok_start:m.tok_end]) for m in index.find(tokenize(text))]
    assert found == ["mengerahkan", "menyita", "pengerahan"]


def test_no_surface_form_names_two_events(pack: Any) -> None:
    """Two entries that generate the same tokens with different types or modes would make the
    matcher's choice arbitrary."""
    meaning: dict[tuple[str, ...], set[tuple[str, str | None, str | None]]] = {}
    for form, rec in surface_forms(pack.records("events"), pack):  # the forms the matcher indexes
        meaning.setdefault(form.tokens, set()).add((rec["event"], rec.get("mode"), rec.get("modality")))
    clashes = {" ".join(k): sorted(v, key=str) for k, v in meaning.items() if len(v) > 1}
    assert not clashes, clashes


# --- Malay: the patterns inherited from Indonesian ------------------------------------------------

@pytest.mark.parametrize(("lemma", "affixes", "wanted"), [
    ("gesa", ["meN", "di"], {"menggesa", "digesa"}),                  # g: ng, kept
    ("berkas", ["meN", "di", "peN-an"], {"memberkas", "diberkas", "pemberkasan"}),
    ("letup", ["meN", "di-kan", "an"], {"meletup", "diletupkan", "letupan"}),  # l: no nasal
    ("sokong", ["meN", "di"], {"menyokong", "disokong"}),             # s: ny, dropped
    ("siasat", ["meN", "di"], {"menyiasat", "disiasat"}),
    ("ugut", ["meN", "an"], {"mengugut", "ugutan"}),                  # vowel: ng, kept
])
def test_malay_roots_inflect_with_the_shared_patterns(lemma: str, affixes: list[str], wanted: set[str]) -> None:
    forms = {" ".join(f.tokens) for f in expand({"lemma": lemma, "affixes": affixes}, load_pack("ms"))}
    assert wanted <= forms


# --- English: suffix rules and irregular forms -----------------------------------------------------

def _english(lemma: str) -> set[str]:
    return {" ".join(f.tokens) for f in expand({"lemma": lemma}, load_pack("en"))}


@pytest.mark.parametrize(("lemma", "wanted"), [
    ("attack", {"attack", "attacks", "attacked", "attacking"}),
    ("seize", {"seizes", "seized", "seizing"}),
    ("ban", {"bans", "banned", "banning"}),
    ("deny", {"denies", "denied", "denying"}),
    ("free", {"frees", "freed", "freeing"}),
    ("flee", {"flees", "fled", "fleeing"}),
    ("withdraw", {"withdrew", "withdrawn", "withdrawing"}),
    ("strike", {"struck", "strikes", "striking"}),
    ("kidnap", {"kidnapped", "kidnapping"}),
    ("visit", {"visited", "visiting"}),
])
def test_english_lemmas_inflect(lemma: str, wanted: set[str]) -> None:
    forms = _english(lemma)
    assert wanted <= forms, f"{lemma}: missing {wanted - forms}"


def test_regular_rules_do_not_double_two_syllable_verbs() -> None:
    assert "visitted" not in _english("visit")
    assert "targetted" not in _english("target")
