from __future__ import annotations

from pathlib import Path

from pantau.extract import gazetteer
from pantau.lang.loader import load_pack_from
from pantau.lang.morphology import nasalise
from pantau.lang.phrases import PhraseIndex, SentenceKeys, clitics_of, expand
from pantau.text.tokens import tokenize, words

AFFIX_PACK = """
meta: {tag: xx, name: Affixing, version: '1'}
morphology:
  strategy: affixing
  vowels: aeiou
  default_affixes: [meN, di, peN-an]
  patterns:
    - {name: meN, template: "me{N}", voice: active}
    - {name: di, template: "di{root}", voice: passive}
    - {name: peN-an, template: "pe{N}an", voice: nominal}
  assimilation:
    - {initial: t, prefix: n, drop: "true"}
    - {initial: s, prefix: ny, drop: "true"}
    - {initial: b, prefix: m}
    - {initial: "", prefix: ng}
    - {initial: "", prefix: nge, max_syllables: "1"}
"""

SUFFIX_PACK = """
meta: {tag: yy, name: Suffixing, version: '1'}
morphology:
  strategy: inflecting
  inflections:
    - {form: s, voice: active, ending: s}
    - {form: ed, voice: participle}
    - {form: ing, voice: gerund, ending: ing}
  irregular_voice: participle
  suffix_rules:
    - {form: s, when: "(s|sh|ch)$", add: es}
    - {form: s, when: ".", add: s}
    - {form: ed, when: "e$", add: d}
    - {form: ed, when: ".", add: ed}
    - {form: ing, when: "e$", strip: e, add: ing}
    - {form: ing, when: ".", add: ing}
  irregular:
    - {lemma: shoot, forms: [shot, shooting, shoots]}
"""


def pack_from(tmp_path: Path, tag: str, body: str):  # type: ignore[no-untyped-def]
    (tmp_path / tag).mkdir()
    (tmp_path / tag / "p.yaml").write_text(body, encoding="utf-8")
    return load_pack_from(tmp_path, tag)


def test_nasal_assimilation_is_data_driven(tmp_path: Path) -> None:
    morph = pack_from(tmp_path, "xx", AFFIX_PACK).mapping("morphology")
    assert nasalise("tembak", morph) == "nembak"
    assert nasalise("serang", morph) == "nyerang"
    assert nasalise("bakar", morph) == "mbakar"
    assert nasalise("ambil", morph) == "ngambil"
    assert nasalise("bom", morph) == "ngebom"  # the one-syllable rule is more specific than any initial


def test_affixed_forms_carry_voice(tmp_path: Path) -> None:
    pack = pack_from(tmp_path, "xx", AFFIX_PACK)
    forms = {f.tokens[0]: f.voice for f in expand({"lemma": "tembak"}, pack)}
    assert forms == {"tembak": "active", "menembak": "active", "ditembak": "passive", "penembakan": "nominal"}


def test_english_suffixes_and_irregulars(tmp_path: Path) -> None:
    pack = pack_from(tmp_path, "yy", SUFFIX_PACK)
    forms = {f.tokens[0]: f.voice for f in expand({"lemma": "seize"}, pack)}
    assert forms == {"seize": "active", "seizes": "active", "seized": "participle", "seizing": "gerund"}
    shoot = {f.tokens[0]: f.voice for f in expand({"lemma": "shoot"}, pack)}
    assert shoot["shot"] == "participle" and shoot["shooting"] == "gerund" and "shooted" not in shoot


def test_then_gap_and_case(tmp_path: Path) -> None:
    pack = pack_from(tmp_path, "xx", AFFIX_PACK)
    index = PhraseIndex.of([{"lemma": "tembak", "then": "mati", "event": "ASSAULT"},
                            {"words": "called ... into question", "event": "ACCUSE"},
                            {"words": "AS", "case": True, "code": "USA"}], pack)
    tokens = tokenize("KKB menembak mati dua warga; he called Putin's legitimacy into question as AS did.")
    found = [(tokens[m.tok_start].text, tokens[m.tok_end - 1].text) for m in index.find(tokens)]
    assert ("menembak", "mati") in found
    assert ("called", "question") in found
    assert ("AS", "AS") in found and ("as", "as") not in found


def test_longest_match_wins(tmp_path: Path) -> None:
    pack = pack_from(tmp_path, "xx", AFFIX_PACK)
    index = PhraseIndex.of([{"words": "gencatan senjata", "event": "RETREAT"},
                            {"words": "sepakat untuk gencatan senjata", "event": "RETREAT", "mode": "ceasefire"}], pack)
    tokens = tokenize("Armenia dan Azerbaijan sepakat untuk gencatan senjata.")
    matches = index.find(tokens)
    assert len(matches) == 1 and matches[0].record.get("mode") == "ceasefire"


def test_one_index_holds_pack_forms_and_names(tmp_path: Path) -> None:
    """The coder's sections and the actor and place finders' names live in one kind of index: pack
    forms (gaps, voices) and names (longest match, clitics) side by side."""
    pack = pack_from(tmp_path, "yy", SUFFIX_PACK + "clitics: {marks: [\"'\"], max_tail: '2'}\n")
    index = PhraseIndex.of([{"lemma": "seize", "event": "ASSAULT"}, {"words": "pulled ... out", "event": "RETREAT"}], pack)
    index.add("Northern Ruvara", {"code": "RVA"})
    index.add("NRF", {"code": "RVA"}, cased=True)
    tokens = tokenize("Rebels seized Northern Ruvara's main port; the NRF pulled its units out.")
    found = {(tokens[m.tok_start].text, m.voice) for m in index.find_all(tokens)}
    assert {("seized", "participle"), ("pulled", "literal")} <= found
    keys = SentenceKeys(tokens, clitics=clitics_of(pack))
    names = [(tokens[h.start].text, tokens[h.end - 1].text, h.clitic) for h in index.scan(keys)]
    assert ("Northern", "Ruvara's", True) in names and ("NRF", "NRF", False) in names
    assert "pulled" not in {tokens[h.start].text for h in index.scan(keys)}  # a gapped form is no name
    assert "phraseindex" not in {n.lower() for n in vars(gazetteer)}  # no second index beside this one


def test_words_split_as_tokenize_does() -> None:
    """The document-wide pass over bare words splits hyphens exactly as the tokenizer does: a
    capitalised name at its hyphen, a model number or a reduplicated word not at all."""
    text = "F-16 jets and BM-21 rockets hit Hamas-led units; luka-luka, al-Shabaab, 44-hari, TNI-Polri."
    assert words(text) == [t.text for t in tokenize(text)]
