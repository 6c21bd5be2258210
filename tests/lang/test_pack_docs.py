"""docs/packs.md and the pack schema (src/pantau/lang/schema.py) agree.

Every section the schema has is a bullet of the "## Sections" list, and every field of a section
(its nested record sections included) is named in backticks in that bullet; the phrase fields are
the rows of the "## Phrases" table. The other way round, every section the list documents exists,
and every name the list writes where a field is defined is a field of its section: a key in a
record template (`{name, template, voice}`, `{words: Kremlin, code: RUS}`), a `key: value`, the
head of a sub-bullet (`  - `patterns`: ...`), or any backticked name that is a field of some other
section. Renaming or adding a field without its doc line fails here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pantau.lang.schema import NESTED_ONLY, PHRASE, SECTIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "packs.md"
TICKS = re.compile(r"`([^`]+)`")
NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass
class Bullet:
    sections: list[str]  # the backticked names before the head's colon
    text: str  # the whole bullet, sub-bullets included
    sub_heads: list[str] = field(default_factory=list)  # backticked names heading its sub-bullets


def _part(text: str, heading: str) -> str:
    """The text under a `## heading`, up to the next `## `."""
    start = text.index(f"\n## {heading}\n") + len(heading) + 5
    end = text.find("\n## ", start)
    return text[start:] if end < 0 else text[start:end]


def _head(line: str) -> list[str]:
    """Backticked names before the first colon outside backticks, parenthesised asides left out."""
    inside = False
    for i, ch in enumerate(line):
        if ch == "`":
            inside = not inside
        elif ch == ":" and not inside:
            return TICKS.findall(re.sub(r"\([^)]*\)", "", line[:i]))
    return []


def _bullets(text: str) -> list[Bullet]:
    out: list[Bullet] = []
    for line in _part(text, "Sections").splitlines():
        if line.startswith("- "):
            out.append(Bullet(_head(line[2:]), line))
        elif out and line.startswith("  "):
            out[-1].text += "\n" + line
            if line.lstrip().startswith("- ") and len(line) - len(line.lstrip()) == 2:
                out[-1].sub_heads += _head(line.lstrip()[2:])
        elif line.strip():
            out.append(Bullet([], line))  # prose between bullets: belongs to no section
    return [b for b in out if b.sections]


def _template_keys(tick: str) -> list[str]:
    """The keys of a backticked record template: `{name: meN, template: "me{N}", voice: active}`."""
    body = re.sub(r'"[^"]*"', "", tick[1:-1])
    while re.search(r"\[[^][]*\]|\{[^{}]*\}", body):
        body = re.sub(r"\[[^][]*\]|\{[^{}]*\}", "", body)
    return [part.split(":", 1)[0].strip() for part in body.split(",") if part.strip() not in ("", "...")]


def _ticks(text: str) -> list[str]:
    """Backticked texts, a line break inside one read as a space."""
    return [" ".join(t.split()) for t in TICKS.findall(text)]


def _defined(bullet: Bullet) -> set[str]:
    """Names the bullet writes where a field is defined."""
    names = set(bullet.sub_heads)
    for tick in _ticks(bullet.text):
        if tick.startswith("{") and tick.endswith("}") and ("," in tick or ":" in tick):
            names.update(_template_keys(tick))
        elif re.fullmatch(r"[a-z_0-9]+: .+", tick):
            names.add(tick.split(":", 1)[0])
    return names


def _mentioned(bullet: Bullet) -> set[str]:
    """Every name the bullet writes in backticks, record-template keys included."""
    names = {t for t in _ticks(bullet.text) if NAME.fullmatch(t)}
    return names | _defined(bullet)


def _nested(section: str) -> list[str]:
    """The section and the record sections its fields hold (morphology → morphology_pattern, ...)."""
    out = [section]
    for spec in SECTIONS[section].fields.values():
        if spec.type.startswith("records:"):
            out += _nested(spec.type.split(":", 1)[1])
    return out


def _fields(section: str) -> set[str]:
    return {name for s in _nested(section) for name in SECTIONS[s].fields}


def _own_fields(section: str) -> set[str]:
    """The fields its bullet must name: a record written as a phrase (it has `words`) takes its
    phrase fields from the "## Phrases" table."""
    return {name for s in _nested(section) for name in SECTIONS[s].fields
            if not ("words" in SECTIONS[s].fields and name in PHRASE)}


def _values(section: str) -> set[str]:
    """The fixed choices of the section's fields (frames, sides, voices...), which sub-bullets may head."""
    out: set[str] = set()
    for s in _nested(section):
        for spec in SECTIONS[s].fields.values():
            if isinstance(spec.choices, tuple):
                out.update(spec.choices)
    return out


DOC_TEXT = DOC.read_text(encoding="utf-8")
BULLETS = _bullets(DOC_TEXT)
DOCUMENTED = {name: b for b in BULLETS for name in b.sections}
TOP_LEVEL = [name for name in SECTIONS if name not in NESTED_ONLY]
ALL_FIELDS = {name for s in SECTIONS.values() for name in s.fields}


def test_the_phrases_table_lists_the_phrase_fields() -> None:
    rows = re.findall(r"^\| `([a-z_]+)` \|", _part(DOC_TEXT, "Phrases"), flags=re.M)
    assert sorted(rows) == sorted(PHRASE)


def test_every_documented_section_exists() -> None:
    unknown = [name for name in DOCUMENTED if name not in TOP_LEVEL]
    assert not unknown, f"docs/packs.md documents sections the schema does not have: {unknown}"


@pytest.mark.parametrize("section", TOP_LEVEL)
def test_every_section_is_documented(section: str) -> None:
    assert section in DOCUMENTED, f"docs/packs.md, '## Sections': no bullet for `{section}`"


@pytest.mark.parametrize("section", TOP_LEVEL)
def test_every_field_is_documented(section: str) -> None:
    bullet = DOCUMENTED.get(section)
    if bullet is None:
        pytest.skip(f"`{section}` has no bullet (test_every_section_is_documented fails)")
    missing = sorted(_own_fields(section) - _mentioned(bullet))
    assert not missing, f"docs/packs.md, `{section}`: fields not documented: {missing}"


@pytest.mark.parametrize("bullet", BULLETS, ids=lambda b: "+".join(b.sections))
def test_every_documented_field_exists(bullet: Bullet) -> None:
    sections = [s for s in bullet.sections if s in SECTIONS]
    allowed = {f for s in sections for f in _fields(s) | _values(s)} | set(PHRASE) | set(SECTIONS)
    written = _defined(bullet) | (_mentioned(bullet) & ALL_FIELDS)
    stray = sorted(written - allowed)
    assert not stray, f"docs/packs.md, `{'`, `'.join(bullet.sections)}` documents fields it does not have: {stray}"


def test_the_parser_sees_the_list() -> None:
    """Guard the parser itself: a reformatted list must not make the checks above vacuous."""
    assert len(BULLETS) >= 20
    morphology = DOCUMENTED["morphology"]
    assert {"patterns", "assimilation", "suffix_rules"} <= set(morphology.sub_heads)
    assert {"name", "template", "voice", "initial", "prefix", "drop"} <= _defined(morphology)
