from __future__ import annotations

from pathlib import Path

import pytest

from pantau.errors import PackError
from pantau.lang.loader import load_pack_from


def write_pack(root: Path, tag: str, files: dict[str, str]) -> None:
    folder = root / tag
    folder.mkdir(parents=True)
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")


META = "meta:\n  tag: xx\n  name: Test\n  version: '1'\n"


def test_scalars_stay_strings(tmp_path: Path) -> None:
    write_pack(tmp_path, "xx", {"meta.yaml": META, "a.yaml": "abbreviations: [no, yes, 010, Jl.]\n"})
    pack = load_pack_from(tmp_path, "xx")
    assert pack.strings("abbreviations") == ["no", "yes", "010", "Jl."]


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    write_pack(tmp_path, "xx", {"meta.yaml": META + "  name: Again\n"})
    with pytest.raises(PackError) as err:
        load_pack_from(tmp_path, "xx")
    assert "duplicate key 'name'" in str(err.value)


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    events = ("events:\n"
              "  - {words: attack, event: ATTACK}\n"
              "  - {words: shell, event: ASSAULT, mode: shelling}\n"
              "  - {event: ASSAULT}\n"
              "  - {words: strike, event: ASSAULT, colour: red}\n")
    write_pack(tmp_path, "xx", {"meta.yaml": META, "events.yaml": events, "more.yaml": "nonsense: []\n"})
    with pytest.raises(PackError) as err:
        load_pack_from(tmp_path, "xx")
    problems = err.value.problems
    joined = "\n".join(problems)
    assert "'ATTACK' is not allowed" in joined
    assert "'shelling' is not a mode of ASSAULT" in joined
    assert "needs one of words, lemma" in joined
    assert "unknown field 'colour'" in joined
    assert "unknown section 'nonsense'" in joined
    assert len(problems) == 5


def test_a_section_lives_in_one_file(tmp_path: Path) -> None:
    write_pack(tmp_path, "xx", {"meta.yaml": META, "a.yaml": "abbreviations: [Jl.]\n",
                                "b.yaml": "abbreviations: [Kab.]\n"})
    with pytest.raises(PackError, match="already defined in xx/a.yaml"):
        load_pack_from(tmp_path, "xx")


def test_inherit_extends_records(tmp_path: Path) -> None:
    write_pack(tmp_path, "xx", {"meta.yaml": META, "a.yaml": "abbreviations: [Jl.]\n"})
    write_pack(tmp_path, "yy", {"meta.yaml": "meta: {tag: yy, name: Child, version: '1', inherit: xx}\n",
                                "a.yaml": "abbreviations: [Kab.]\n"})
    pack = load_pack_from(tmp_path, "yy")
    assert pack.strings("abbreviations") == ["Jl.", "Kab."]
    assert pack.name == "Child"


def test_folder_name_must_match_tag(tmp_path: Path) -> None:
    write_pack(tmp_path, "zz", {"meta.yaml": META})
    with pytest.raises(PackError, match="meta.tag is 'xx'"):
        load_pack_from(tmp_path, "zz")


def test_unknown_pack_names_the_fix(tmp_path: Path) -> None:
    write_pack(tmp_path, "xx", {"meta.yaml": META})
    with pytest.raises(PackError, match="add src/pantau/lang/packs/qq/"):
        load_pack_from(tmp_path, "qq")


def test_bundled_packs_validate() -> None:
    from pantau.lang import load_all

    packs = load_all()
    assert {"en", "id"} <= set(packs)
    for pack in packs.values():
        assert pack.records("events"), f"{pack.tag} has no event triggers"


def test_affixes_and_gaps_are_checked_across_sections(tmp_path: Path) -> None:
    morph = ("morphology:\n  strategy: affixing\n  patterns:\n    - {name: meN, template: 'me{N}', voice: active}\n"
             "  default_affixes: [meN, diN]\n")
    events = ("events:\n  - {lemma: tembak, affixes: [meN, ter], event: ASSAULT}\n"
              "  - {words: '... into question', event: ACCUSE}\n")
    write_pack(tmp_path, "xx", {"meta.yaml": META, "m.yaml": morph, "e.yaml": events})
    with pytest.raises(PackError) as err:
        load_pack_from(tmp_path, "xx")
    joined = "\n".join(err.value.problems)
    assert "'diN' is not a pattern name" in joined
    assert "'ter' is not a morphology pattern" in joined
    assert "gap at its edge" in joined


def test_open_sections_are_checked_at_load_time(tmp_path: Path) -> None:
    write_pack(tmp_path, "xx", {"meta.yaml": META, "n.yaml": "numbers:\n  no_such_key: [x]\n"})
    with pytest.raises(PackError) as err:
        load_pack_from(tmp_path, "xx")
    assert any("xx/n.yaml:numbers" in p and "no_such_key" in p for p in err.value.problems), err.value.problems


def test_a_phrase_written_twice_is_refused(tmp_path: Path) -> None:
    """The matcher never reaches a second entry with the same phrase: it is a load error, not dead data."""
    events = ("events:\n"
              "  - {lemma: seize, then: '... town', event: ASSAULT}\n"
              "  - {lemma: seize, then: '... town', event: COERCE, mode: seize}\n")
    write_pack(tmp_path, "xx", {"meta.yaml": META, "events.yaml": events})
    with pytest.raises(PackError) as err:
        load_pack_from(tmp_path, "xx")
    assert "the same phrase as entry 0" in str(err.value)


def test_boilerplate_keys_and_patterns_are_checked_when_the_pack_loads(tmp_path: Path) -> None:
    """A misspelt key used to load and drop nothing; a bad pattern failed only when ingestion built
    the filter, as a raw re.error."""
    body = ("boilerplate:\n"
            "  drop_line: [Bagikan]\n"
            "  line_patterns: ['(baca|simak juga']\n")
    write_pack(tmp_path, "xx", {"meta.yaml": META, "boilerplate.yaml": body})
    with pytest.raises(PackError) as err:
        load_pack_from(tmp_path, "xx")
    assert "drop_line" in str(err.value)
    assert "is not a regular expression" in str(err.value)


def test_a_pack_error_keeps_its_problems_across_processes() -> None:
    """A worker process that fails to load a pack hands its PackError to the parent by pickling: the
    parent must list the problems, not the characters of the message."""
    import pickle

    err = pickle.loads(pickle.dumps(PackError(["xx/events.yaml:events[0]: needs one of words, lemma"])))
    assert err.problems == ["xx/events.yaml:events[0]: needs one of words, lemma"]
    assert str(err).count("  - ") == 1
