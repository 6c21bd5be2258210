"""Load language packs: strict YAML (strings only, no duplicate keys), merge, validate.

A pack is a folder ``packs/<tag>/`` of YAML files; each file holds top-level sections, and a
section may appear in only one file of a pack. ``packs/_base/`` holds language-neutral sections
(named organisations, for instance) that every pack extends. A pack whose ``meta.inherit`` names
another pack extends that pack's record sections and overrides its mappings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..bundled import bundled
from ..errors import PackError
from .schema import (
    SECTIONS,
    Entry,
    check_events,
    check_phrases,
    empty,
    merge_mapping,
    section_of,
    validate_section,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

BASE = "_base"
T = TypeVar("T")
E = TypeVar("E", bound=Entry)


@dataclass(slots=True)
class Pack:
    """A validated language pack. ``sections`` maps section name to its compiled value: a list of
    typed entries (``schema.EventEntry``, ...), one entry (``schema.SyntaxSection``, ...) or a list
    of strings."""

    tag: str
    name: str
    version: str
    sections: dict[str, Any]
    files: tuple[str, ...] = ()
    cache: dict[str, Any] = field(default_factory=dict, repr=False)
    compiled: bool = field(default=False, repr=False)  # read from, or saved to, the disk cache

    def records(self, section: str) -> list[Any]:
        """The entries of a record section (typed: ``schema.SECTIONS[section].entry``)."""
        return list(self.sections.get(section) or [])

    def mapping(self, section: str) -> Any:
        """The entry of a mapping section (typed: ``schema.SECTIONS[section].entry``), every field
        absent when the pack does not give it."""
        value = self.sections.get(section)
        return value if value is not None else empty(section)

    def section(self, kind: type[E]) -> E:
        """A mapping section, typed by its entry class: ``pack.section(SyntaxSection).conjunctions``."""
        return cast(E, self.mapping(section_of(kind)))

    def entries(self, kind: type[E]) -> list[E]:
        """A record section, typed by its entry class: ``pack.entries(EventEntry)``."""
        return cast(list[E], self.records(section_of(kind)))

    def strings(self, section: str) -> list[str]:
        return list(self.sections.get(section) or [])

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """What ``build`` makes from this pack, made once: finders, grammars and indexes keep here."""
        if key not in self.cache:
            self.cache[key] = build()
        return cast(T, self.cache[key])

    def words(self, section: str, key: str) -> list[str]:
        """A list of strings stored under ``key`` of a mapping section."""
        value = self.mapping(section).get(key) or []
        return [value] if isinstance(value, str) else list(value)


def packs_root() -> Traversable:
    return bundled("pantau.lang", "packs")


def _read_folder(folder: Traversable | Path, problems: list[str]) -> tuple[dict[str, Any], list[str]]:
    from .yamlio import YAMLError, load_strict

    raw: dict[str, Any] = {}
    origin: dict[str, str] = {}
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    for f in files:
        where = f"{folder.name}/{f.name}"
        try:
            data = load_strict(f.read_text(encoding="utf-8"))
        except YAMLError as exc:
            problems.append(f"{where}: not valid YAML: {str(exc).replace(chr(10), ' ')}")
            continue
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(f"{where}: the top level must be a mapping of sections")
            continue
        for name, value in data.items():
            if name in raw:
                problems.append(f"{where}: section {name!r} is already defined in {origin[name]}")
                continue
            origin[name] = where
            raw[name] = validate_section(name, value, f"{where}:{name}", problems)
            if name == "events" and isinstance(raw[name], list):
                check_events(raw[name], f"{where}:{name}", problems)
    return raw, [f.name for f in files]


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for name, value in top.items():
        if name == "meta" or name not in out:
            out[name] = value
        elif SECTIONS[name].kind in ("records", "strings") and isinstance(value, list):
            out[name] = list(out[name]) + list(value)
        elif isinstance(value, Entry) and isinstance(out[name], Entry):
            out[name] = merge_mapping(out[name], value)
        else:
            out[name] = value
    return out


def available_tags(root: Traversable | None = None) -> list[str]:
    base = root or packs_root()
    return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


@cache
def load_pack(tag: str) -> Pack:
    """Load and validate one pack (cached). Raises ``PackError`` listing every problem.

    A pack compiled by an earlier process (``save_compiled``) is read back from the disk cache
    with everything built from it (phrase indexes, finders, grammars), when neither the packs, the
    ontology, the bundled data nor the code that compiles them has changed since."""
    from .. import diskcache

    key = compiled_key()
    if key is not None:
        pack = diskcache.load(f"pack-{tag}", key)
        if isinstance(pack, Pack) and pack.tag == tag:
            pack.compiled = True
            return pack
    return load_pack_from(packs_root(), tag)


def save_compiled(pack: Pack) -> None:
    """Keep a bundled pack with what was built from it for the next process (best effort)."""
    from .. import diskcache

    key = compiled_key()
    if key is not None and not pack.compiled and load_pack(pack.tag) is pack:
        diskcache.save(f"pack-{pack.tag}", key, pack)
        pack.compiled = True


@cache
def pack_metas() -> dict[str, dict[str, Any]]:
    """The ``meta`` section of every bundled pack, without loading the packs when the disk cache
    has them (language detection needs only their close languages)."""
    from .. import diskcache

    key = compiled_key()
    metas = diskcache.load("pack-metas", key) if key is not None else None
    if isinstance(metas, dict):
        return metas
    metas = {tag: load_pack(tag).mapping("meta") for tag in available_tags()}
    if key is not None:
        diskcache.save("pack-metas", key, metas)
    return metas


@cache
def compiled_key() -> str | None:
    """The key of what a compiled pack depends on: every pack file, the ontology, the bundled data
    and the source of the modules that compile them (names, sizes and times: ``stat_key``). None
    when the package is not a plain folder (a zip), where nothing is cached."""
    from .. import diskcache

    package = Path(__file__).resolve().parents[1]
    if not (package / "lang" / "packs").is_dir():
        return None
    files = sorted(p for folder in ("lang", "extract", "text", "ontology", "data")
                   for p in (package / folder).rglob("*") if p.suffix in (".py", ".yaml", ".tsv"))
    return diskcache.stat_key(files, "packs")


def load_pack_from(root: Traversable | Path, tag: str) -> Pack:
    """Load a pack from any folder of packs (tests and pack authors use this)."""
    return _load(root, tag, set())


def _load(root: Traversable | Path, tag: str, chain: set[str]) -> Pack:
    problems: list[str] = []
    folder = root.joinpath(tag)
    if not folder.is_dir():
        raise PackError([f"no pack {tag!r}: packs are {', '.join(available_tags(root))} "
                         f"(add src/pantau/lang/packs/{tag}/ to support it)"])
    base_raw, _ = _read_folder(root.joinpath(BASE), problems) if root.joinpath(BASE).is_dir() else ({}, [])
    raw, files = _read_folder(folder, problems)
    meta = raw.get("meta") or {}
    if not meta:
        problems.append(f"{tag}: missing section 'meta'")
    elif meta.get("tag") != tag:
        problems.append(f"{tag}/: meta.tag is {meta.get('tag')!r}, but the folder is named {tag!r}")
    if problems:
        raise PackError(problems)
    parent = meta.get("inherit")
    if parent:  # the parent already carries _base: merging it again would double every record
        if parent in chain:
            raise PackError([f"{tag}: inherit cycle through {parent!r}"])
        merged = _merge(_load(root, parent, chain | {tag}).sections, raw)
    else:
        merged = _merge(base_raw, raw)
    check_phrases(merged, tag, problems)
    if problems:
        raise PackError(problems)
    return Pack(tag=tag, name=meta.get("name", tag), version=meta.get("version", "0"),
                sections=merged, files=tuple(files))


def load_all() -> dict[str, Pack]:
    """Every pack; raises one PackError with the problems of all packs together."""
    problems: list[str] = []
    out = {}
    for tag in available_tags():
        try:
            out[tag] = load_pack(tag)
        except PackError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PackError(list(dict.fromkeys(problems)))  # _base problems would repeat once per pack
    return out
