"""Compile src/pantau/data/admin1.tsv from the GeoNames dumps (geonames.org, CC BY 4.0).

Usage: python tools/build_admin1.py [GEONAMES_DIR]   (default: ../shared/data/geonames)

The compiled file keeps what the place finder needs of each first-level division: GeoNames code,
name, ASCII name, geonameid and the country's ISO3 code. tests/unit/extract/test_places.py rebuilds it
in memory and fails when the committed copy is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pantau.extract.gazetteer import compile_admin1

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "pantau" / "data" / "admin1.tsv"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "geonames"
    admin1 = source / "geonames_admin1_codes.tsv"
    countries = source / "geonames_countryInfo.tsv"
    for path in (admin1, countries):
        if not path.is_file():
            print(f"missing {path}: pass the folder holding the GeoNames dumps", file=sys.stderr)
            return 2
    text = compile_admin1(admin1.read_text(encoding="utf-8").splitlines(),
                          countries.read_text(encoding="utf-8").splitlines())
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 2} divisions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
