// Write the shapes of the network map (overrides/macros/map_shapes.html) from Natural Earth.
//
// The map of the regional network (the `region_map` macro, overrides/macros/network.html)
// draws the countries of the Baltic Sea region from Natural Earth's 1:50m countries
// (public domain), as the npm package world-atlas ships them in TopoJSON. The shapes
// are committed, so the build needs neither npm nor this script; run it again only to
// change the map's extent, projection or detail (the versions as in README.md, "The map
// of the region"):
//
//     npm install --prefix /tmp/atlas world-atlas@2.0.2 d3-geo@3.1.2 topojson-client@3.1.0 topojson-simplify@3.0.3
//     node scripts/make_map.mjs /tmp/atlas/node_modules/world-atlas/countries-50m.json
//
// The packages are loaded from where world-atlas is installed (not from the project's
// package.json). The geometry is theirs: topojson-simplify simplifies each arc once
// (Visvalingam, by its area on the sphere, so neighbours keep one shared border) and
// drops small islands; topojson-client merges each country's parts (Åland into
// Finland); d3-geo projects (Lambert azimuthal equal-area centred on the Baltic Sea;
// Iceland in an inset with its own centre, at the same scale) and clips to the frame.
// This script only writes d3-geo's path as relative SVG path data in whole units, one
// path per country keyed by its ISO 3166-1 alpha-2 code. Which country is a member
// state and its NCP status come from data/countries.yml at build time, not from here.

import {readFileSync, statSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {resolve} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const OUT = fileURLToPath(new URL("../overrides/macros/map_shapes.html", import.meta.url));

// world-atlas names countries by their numeric ISO 3166-1 code: the countries
// that can appear in the frame. Åland (248) is drawn as part of Finland.
const ISO_NUMERIC = {
  "208": "DK", "233": "EE", "246": "FI", "248": "FI", "276": "DE", "352": "IS", "428": "LV",
  "440": "LT", "578": "NO", "616": "PL", "643": "RU", "752": "SE",
  "040": "AT", "056": "BE", "112": "BY", "203": "CZ", "234": "FO", "250": "FR", "348": "HU",
  "372": "IE", "442": "LU", "498": "MD", "528": "NL", "642": "RO", "703": "SK", "756": "CH",
  "804": "UA", "826": "GB", "705": "SI", "191": "HR", "380": "IT", "438": "LI", "744": "SJ",
};

const WIDTH = 500, HEIGHT = 560;       // the frame, in the SVG's units
const SCALE = 6371 * 0.205;            // 0.205 units per km on a sphere of 6,371 km
const MAIN = {centre: [19.0, 60.0]};
const ICELAND = {centre: [-18.6, 64.95], box: [6, 6, 150, 82]};  // inset: x, y, width, height
const MARGIN = 4;                      // the main frame is clipped a little outside the SVG
// The projection is equal-area, so an area on the unit sphere times SCALE² is its area on the map.
const MIN_TRIANGLE = 1.0;              // simplification (Visvalingam), in square units
const MIN_AREA = 1.5;                  // smaller islands are left out (square units)

// Where each member state's name is written on the map (longitude, latitude).
const LABELS = {
  NO: [9.0, 61.6], SE: [15.2, 62.6], FI: [26.2, 63.2], EE: [25.8, 58.7],
  LV: [25.6, 56.9], LT: [23.9, 55.4], PL: [19.3, 52.2], DE: [10.4, 51.3],
  DK: [9.3, 56.2], RU: [35.0, 58.5], IS: [-18.6, 64.9],
};

const [atlas, out = OUT] = process.argv.slice(2);
if (!atlas) {
  console.error("usage: node scripts/make_map.mjs .../node_modules/world-atlas/countries-50m.json [out]");
  process.exit(2);
}

// Each package as installed next to world-atlas (ES module or UMD alike).
const require = createRequire(resolve(atlas));
async function load(name) {
  const module = await import(pathToFileURL(require.resolve(name)).href);
  return module.default ?? module;
}
const {geoAzimuthalEqualArea, geoPath} = await load("d3-geo");
const {merge} = await load("topojson-client");
const {presimplify, simplify, filter, filterAttachedWeight, sphericalTriangleArea, sphericalRingArea} =
  await load("topojson-simplify");

const [x, y, w, h] = ICELAND.box;
const projections = {
  main: geoAzimuthalEqualArea()
    .rotate([-MAIN.centre[0], -MAIN.centre[1]]).scale(SCALE).translate([WIDTH / 2, HEIGHT / 2])
    .clipExtent([[-MARGIN, -MARGIN], [WIDTH + MARGIN, HEIGHT + MARGIN]]),
  inset: geoAzimuthalEqualArea()
    .rotate([-ICELAND.centre[0], -ICELAND.centre[1]]).scale(SCALE).translate([x + w / 2, y + h / 2])
    .clipExtent([[x, y], [x + w, y + h]]),
};
const view = (code) => (code === "IS" ? "inset" : "main");

// A context for d3-geo's path: relative SVG path data in whole units, one subpath per
// ring; a point that rounds onto the one before is left out, and so is a ring left
// with fewer than three points.
function relativePath() {
  let d = "", ring = [];
  function flush() {
    const [first, last] = [ring[0], ring.at(-1)];
    if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
    if (ring.length >= 3) {
      const steps = ring.slice(1).map(([px, py], i) => `${px - ring[i][0]} ${py - ring[i][1]}`);
      d += `M${first[0]} ${first[1]}l${steps.join(" ")}z`.replaceAll(" -", "-");
    }
    ring = [];
  }
  return {
    moveTo(px, py) { flush(); ring = [[Math.round(px), Math.round(py)]]; },
    lineTo(px, py) {
      const point = [Math.round(px), Math.round(py)], last = ring.at(-1);
      if (point[0] !== last[0] || point[1] !== last[1]) ring.push(point);
    },
    closePath() { flush(); },
    toString() { flush(); return d; },
  };
}

function shapes(topology) {
  let simple = presimplify(topology, sphericalTriangleArea);
  simple = simplify(simple, MIN_TRIANGLE / SCALE ** 2);
  simple = filter(simple, filterAttachedWeight(simple, MIN_AREA / SCALE ** 2, sphericalRingArea));
  const parts = {};
  for (const geometry of simple.objects.countries.geometries) {
    const code = ISO_NUMERIC[String(geometry.id ?? "")];
    if (code && geometry.type) (parts[code] ??= []).push(geometry);
  }
  const countries = {};
  for (const code of Object.keys(parts).sort()) {
    const context = relativePath();
    geoPath(projections[view(code)], context)(merge(simple, parts[code]));
    const d = String(context);
    if (d) countries[code] = d;
  }
  return countries;
}

function labels() {
  return Object.fromEntries(Object.entries(LABELS).map(
    ([code, where]) => [code, projections[view(code)](where).map(Math.round)]));
}

const topology = JSON.parse(readFileSync(atlas, "utf-8"));
const countries = shapes(topology);
const lines = [
  "{##",
  "  The shapes of the network map, written by scripts/make_map.mjs (d3-geo, topojson-client,",
  "  topojson-simplify) from Natural Earth's 1:50m countries (public domain; npm world-atlas",
  "  2.0.2). Do not edit: run the script. MAP.countries: SVG path data per ISO 3166-1 alpha-2",
  "  code; MAP.labels: where each member state's name goes; MAP.inset: the frame of Iceland's",
  "  inset (x, y, width, height).",
  "##}",
  "{% set MAP = {",
  `  "width": ${WIDTH}, "height": ${HEIGHT},`,
  `  "inset": ${JSON.stringify(ICELAND.box).replaceAll(",", ", ")},`,
  `  "labels": {${Object.entries(labels()).map(([c, [px, py]]) => `"${c}": [${px}, ${py}]`).join(", ")}},`,
  '  "countries": {',
  Object.entries(countries).map(([code, d]) => `    "${code}": "${d}"`).join(",\n"),
  "  }",
  "} %}",
  "",
];
writeFileSync(out, lines.join("\n"), "utf-8");
console.log(`Wrote ${out} (${(statSync(out).size / 1024).toFixed(1)} KB)`);
