"""Write the shapes of the network map (overrides/macros/map_shapes.html) from Natural Earth.

The map of the regional network (the `region_map` macro, overrides/macros/network.html)
draws the countries of the Baltic Sea region from Natural Earth's 1:50m countries
(public domain), as the npm package world-atlas ships them in TopoJSON. The shapes
are committed, so the build needs neither npm nor this script; run it again only to
change the map's extent, projection or detail:

    npm install --prefix /tmp/atlas world-atlas@2.0.2
    python3 scripts/make_map.py /tmp/atlas/node_modules/world-atlas/countries-50m.json

It needs only Python's standard library. Steps: decode the TopoJSON arcs
(quantized, delta-encoded), project them (Lambert azimuthal equal-area, centred
on the Baltic Sea; Iceland in an inset with its own centre, at the same scale),
simplify each arc once (Douglas-Peucker, so that neighbours keep one shared
border), assemble each country's rings, clip them to the frame, and write
relative SVG path data, one path per country keyed by its ISO 3166-1 alpha-2
code. Which country is a member state and its NCP status come from
data/countries.yml at build time, not from here.
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "overrides" / "macros" / "map_shapes.html"

# world-atlas names countries by their numeric ISO 3166-1 code: the countries
# that can appear in the frame. Åland (248) is drawn as part of Finland.
ISO_NUMERIC = {
    "208": "DK", "233": "EE", "246": "FI", "248": "FI", "276": "DE", "352": "IS", "428": "LV",
    "440": "LT", "578": "NO", "616": "PL", "643": "RU", "752": "SE",
    "040": "AT", "056": "BE", "112": "BY", "203": "CZ", "234": "FO", "250": "FR", "348": "HU",
    "372": "IE", "442": "LU", "498": "MD", "528": "NL", "642": "RO", "703": "SK", "756": "CH",
    "804": "UA", "826": "GB", "705": "SI", "191": "HR", "380": "IT", "438": "LI", "744": "SJ",
}

WIDTH, HEIGHT = 500, 560          # the frame, in the SVG's units
MAIN = {"centre": (19.0, 60.0), "scale": 0.205}   # units per km
ICELAND = {"centre": (-18.6, 64.95), "box": (6, 6, 150, 82)}  # inset: x, y, width, height
TOLERANCE = 0.55                  # Douglas-Peucker, in units (about 2.7 km)
MIN_AREA = 1.5                    # smaller islands are left out (square units)
EARTH_KM = 6371.0

# Where each member state's name is written on the map (longitude, latitude).
LABELS = {
    "NO": (9.0, 61.6), "SE": (15.2, 62.6), "FI": (26.2, 63.2), "EE": (25.8, 58.7),
    "LV": (25.6, 56.9), "LT": (23.9, 55.4), "PL": (19.3, 52.2), "DE": (10.4, 51.3),
    "DK": (9.3, 56.2), "RU": (35.0, 58.5), "IS": (-18.6, 64.9),
}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs as lists of (longitude, latitude): TopoJSON stores them quantized and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def projection(centre: tuple[float, float], scale: float, offset: tuple[float, float]):
    """Lambert azimuthal equal-area, in SVG units (y down), centre at offset."""
    lon0, lat0 = map(math.radians, centre)

    def project(lon: float, lat: float) -> tuple[float, float]:
        lon, lat = math.radians(lon), math.radians(lat)
        k = math.sqrt(2 / (1 + math.sin(lat0) * math.sin(lat) + math.cos(lat0) * math.cos(lat) * math.cos(lon - lon0)))
        x = k * math.cos(lat) * math.sin(lon - lon0)
        y = k * (math.cos(lat0) * math.sin(lat) - math.sin(lat0) * math.cos(lat) * math.cos(lon - lon0))
        return offset[0] + x * EARTH_KM * scale, offset[1] - y * EARTH_KM * scale
    return project


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends (iterative: arcs can be long)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / length if length else math.hypot(px - x1, py - y1)
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def clip(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of a ring inside box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    edges = [(lambda p: p[0] >= x0, lambda a, b: _cut_x(a, b, x0)),
             (lambda p: p[0] <= x1, lambda a, b: _cut_x(a, b, x1)),
             (lambda p: p[1] >= y0, lambda a, b: _cut_y(a, b, y0)),
             (lambda p: p[1] <= y1, lambda a, b: _cut_y(a, b, y1))]
    for inside, cut in edges:
        if not ring:
            break
        result = []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    result.append(cut(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cut(previous, point))
            previous = point
        ring = result
    return ring


def _cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """Relative SVG path data in whole units, one subpath per ring."""
    parts = []
    for ring in rings:
        points = [(round(x), round(y)) for x, y in ring]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(points) > 1 and points[-1] == points[0]:
            points.pop()
        if len(points) < 3:
            continue
        (x, y), steps = points[0], []
        for px, py in points[1:]:
            steps.append(f"{px - x} {py - y}".replace(" -", "-"))
            x, y = px, py
        parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


def shapes(topology: dict) -> dict[str, str]:
    lonlat = decode_arcs(topology)
    main = projection(MAIN["centre"], MAIN["scale"], (WIDTH / 2, HEIGHT / 2))
    x, y, w, h = ICELAND["box"]
    inset = projection(ICELAND["centre"], MAIN["scale"], (x + w / 2, y + h / 2))
    margin = 4
    frames = {"main": (-margin, -margin, WIDTH + margin, HEIGHT + margin),
              "inset": (x, y, x + w, y + h)}
    cache: dict[tuple[str, int], list] = {}

    def arc(index: int, view: str) -> list[tuple[float, float]]:
        key = (view, index if index >= 0 else ~index)
        if key not in cache:
            project = inset if view == "inset" else main
            cache[key] = simplify([project(*p) for p in lonlat[key[1]]], TOLERANCE)
        points = cache[key]
        return points if index >= 0 else points[::-1]

    def ring_points(arc_indexes: list[int], view: str) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in arc_indexes:
            part = arc(index, view)
            points += part[1:] if points else part
        return points

    found: dict[str, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = ISO_NUMERIC.get(str(geometry.get("id", "")))
        if code is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        view = "inset" if code == "IS" else "main"
        for polygon in polygons:
            for ring in polygon:
                inside = clip(ring_points(ring, view), frames[view])
                if len(inside) >= 3 and area(inside) >= MIN_AREA:
                    found.setdefault(code, []).append(inside)
    return {code: path_data(rings) for code, rings in sorted(found.items()) if path_data(rings)}


def labels() -> dict[str, tuple[int, int]]:
    main = projection(MAIN["centre"], MAIN["scale"], (WIDTH / 2, HEIGHT / 2))
    x, y, w, h = ICELAND["box"]
    inset = projection(ICELAND["centre"], MAIN["scale"], (x + w / 2, y + h / 2))
    return {code: tuple(round(v) for v in (inset if code == "IS" else main)(*where)) for code, where in LABELS.items()}


def write(topology: dict, out: Path) -> int:
    countries = shapes(topology)
    lines = [
        "{##",
        "  The shapes of the network map, written by scripts/make_map.py from Natural Earth's",
        "  1:50m countries (public domain; npm world-atlas 2.0.2). Do not edit: run the script.",
        "  MAP.countries: SVG path data per ISO 3166-1 alpha-2 code; MAP.labels: where each",
        "  member state's name goes; MAP.inset: the frame of Iceland's inset (x, y, width, height).",
        "##}",
        "{% set MAP = {",
        f'  "width": {WIDTH}, "height": {HEIGHT},',
        f'  "inset": {list(ICELAND["box"])},',
        '  "labels": {' + ", ".join(f'"{c}": {list(p)}' for c, p in labels().items()) + "},",
        '  "countries": {',
    ]
    lines += [f'    "{code}": "{d}",' for code, d in countries.items()]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["  }", "} %}", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    return out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas's countries-50m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    size = write(json.loads(args.topojson.read_text(encoding="utf-8")), args.out)
    print(f"Wrote {args.out} ({size / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
