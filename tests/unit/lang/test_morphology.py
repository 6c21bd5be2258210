"""Morphology is a strategy a pack names (src/pantau/lang/morphology.py).

The strategies read every letter, ending and voice from the pack: a made-up language whose
morphology fits a strategy works with no Python, a pack's morphology keys are checked against the
strategy it names, and a new strategy is one entry of the registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from pantau.errors import PackError
from pantau.lang.loader import Pack, load_pack_from
from pantau.lang.morphology import STRATEGIES, Strategy, nasalise
from pantau.lang.phrases import expand

META = "meta: {tag: xx, name: Test, version: '1'}\n"


def pack_from(tmp_path: Path, body: str) -> Pack:
    (tmp_path / "xx").mkdir(parents=True)
    (tmp_path / "xx" / "p.yaml").write_text(META + body, encoding="utf-8")
    return load_pack_from(tmp_path, "xx")


def problems(tmp_path: Path, body: str) -> str:
    with pytest.raises(PackError) as err:
        pack_from(tmp_path, body)
    return "\n".join(err.value.problems)


def forms(pack: Pack, lemma: str, **entry: Any) -> dict[str, str]:
    return {" ".join(f.tokens): f.voice for f in expand({"lemma": lemma, **entry}, pack)}


def test_inflecting_reads_its_endings_and_voices_from_the_pack(tmp_path: Path) -> None:
    """An invented language: -et is its past participle, -ant its gerund, -oi its third person."""
    pack = pack_from(tmp_path, """
morphology:
  strategy: inflecting
  inflections:
    - {form: third, voice: active, ending: oi}
    - {form: past, voice: participle}
    - {form: progressive, voice: gerund, ending: ant}
  irregular_voice: participle
  suffix_rules:
    - {form: third, when: "a$", strip: a, add: oi}
    - {form: third, when: ".", add: oi}
    - {form: past, when: "a$", strip: a, add: et}
    - {form: past, when: ".", add: et}
    - {form: progressive, when: "a$", strip: a, add: ant}
  irregular:
    - {lemma: vora, forms: [vora, vorioi, vorisant, vorisk]}
""")
    assert forms(pack, "tala") == {"tala": "active", "taloi": "active", "talet": "participle", "talant": "gerund"}
    assert forms(pack, "pik") == {"pik": "active", "pikoi": "active", "piket": "participle"}
    # irregular forms are read by the endings the pack declares, any other has the irregular voice,
    # and they replace the regular participle ("voret")
    assert forms(pack, "vora") == {"vora": "participle", "voroi": "active", "vorant": "gerund",
                                   "vorioi": "active", "vorisant": "gerund", "vorisk": "participle"}


def test_affixing_counts_syllables_with_the_packs_vowels(tmp_path: Path) -> None:
    """`y` is a vowel here: "tyk" has one syllable and takes the one-syllable rule."""
    pack = pack_from(tmp_path, """
morphology:
  strategy: affixing
  vowels: aeiouy
  patterns:
    - {name: maN, template: "ma{N}", voice: active}
  assimilation:
    - {initial: t, prefix: n, drop: "true"}
    - {initial: "", prefix: nga, max_syllables: "1"}
""")
    morph = pack.mapping("morphology")
    assert nasalise("tyk", morph) == "ngatyk"
    assert nasalise("tabak", morph) == "nabak"
    assert forms(pack, "tyk", affixes=["maN"]) == {"tyk": "active", "mangatyk": "active"}


def test_the_strategy_is_required_and_must_exist(tmp_path: Path) -> None:
    assert "missing required field 'strategy'" in problems(tmp_path / "a", """
morphology:
  patterns: [{name: di, template: "di{root}", voice: passive}]
""")
    assert "'agglutinating' is not allowed (one of: affixing, inflecting)" in problems(tmp_path / "b", """
morphology:
  strategy: agglutinating
""")


def test_keys_the_strategy_does_not_read_are_refused(tmp_path: Path) -> None:
    text = problems(tmp_path, """
morphology:
  strategy: affixing
  patterns: [{name: di, template: "di{root}", voice: passive}]
  suffix_rules: [{form: s, when: ".", add: s}]
""")
    assert "morphology.suffix_rules: the affixing strategy does not read it" in text


def test_each_strategy_checks_its_keys(tmp_path: Path) -> None:
    text = problems(tmp_path / "a", """
morphology:
  strategy: inflecting
  inflections: [{form: s, voice: active}]
  suffix_rules:
    - {form: ed, when: ".", add: ed}
    - {form: s, when: "(", add: s}
  irregular: [{lemma: go, forms: [went]}]
""")
    assert "suffix_rules[0].form: 'ed' is not one of the pack's inflections (s)" in text
    assert "suffix_rules[1].when: '(' is not a valid regex" in text
    assert "morphology.irregular_voice: irregular forms that no inflection ending names need a voice" in text
    text = problems(tmp_path / "b", """
morphology:
  strategy: affixing
  patterns: [{name: meN, template: "me{N}", voice: active}]
  assimilation: [{initial: "", prefix: nge, max_syllables: "1"}]
""")
    assert "morphology.vowels: assimilation rules with max_syllables count syllables" in text
    assert "the affixing strategy needs at least one pattern" in problems(tmp_path / "c", """
morphology:
  strategy: affixing
  default_affixes: []
""")


def test_a_new_strategy_is_one_registry_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Room for other morphologies: register the function, the keys it reads and its check, and a
    pack can name it (keys of its own are fields of the schema's morphology section)."""
    def reduplicating(lemma: str, entry: Mapping[str, Any], morph: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
        return [(lemma, "nominal", False), (f"{lemma}-{lemma}", "nominal", False)]

    monkeypatch.setitem(STRATEGIES, "reduplicating", Strategy(reduplicating, frozenset(), lambda m: []))
    pack = pack_from(tmp_path, """
morphology:
  strategy: reduplicating
""")
    assert forms(pack, "luka") == {"luka": "nominal", "luka-luka": "nominal"}
