"""Make kg/view/data/world-110m.json, the country outlines of the actors view's map, from Natural Earth's 1:110m
countries as the npm package world-atlas 2.0.2 ships them (TopoJSON, ``countries-110m.json``).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/world_outlines.py package/countries-110m.json

Natural Earth's data is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/); world-atlas
(ISC licence, Michael Bostock) is its TopoJSON redistribution. The output is the rings of every country polygon as
``[longitude, latitude]`` pairs rounded to 0.1 degree (about 11 km: the map draws a region, not a border), repeated
points dropped: the same input gives the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "kg" / "view" / "data" / "world-110m.json"


def rings(topology: dict) -> list[list[list[float]]]:
    """The rings of the ``countries`` object of a quantized TopoJSON topology, in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded, quantized
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            for lon, lat in arc[1:] if points else arc:
                point = [round(lon, 1), round(lat, 1)]
                if not points or point != points[-1]:
                    points.append(point)
        return points

    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry.get("type"), [])
        for polygon in polygons:
            for indexes in polygon:
                points = ring(indexes)
                if len(points) >= 4:
                    found.append(points)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topojson", type=Path, help="world-atlas 2.0.2's countries-110m.json")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    found = rings(json.loads(args.topojson.read_text(encoding="utf-8")))
    data = {"source": "Natural Earth 1:110m Admin 0 countries, version 4.1.0 (public domain), "
                      "from world-atlas 2.0.2 (ISC)", "rings": found}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(found)} rings, {sum(len(r) for r in found)} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
