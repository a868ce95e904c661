// Geometry half of the map data build: reads world-atlas (Natural Earth) TopoJSON
// from node_modules, simplifies, projects with Equal Earth into the viewBox and
// prints JSON on stdout keyed by the ISO 3166-1 numeric ids world-atlas uses.
// build.py runs this, turns the numeric ids into alpha-3 with pycountry and
// writes treatysite/mapdata/world.json. Nothing here is downloaded or run at
// site build time.
//
//   node project.mjs [--merge "NAME=ID"]... [--point "KEY=LON,LAT"]...
//
// --merge  joins the id-less feature NAME into the feature with numeric id ID
//          (topojson merge, so the border between them disappears).
// --point  projects an extra point, e.g. a marker that has no shape.

import { createRequire } from "node:module";
import { geoEqualEarth, geoPath, geoArea, geoCentroid } from "d3-geo";
import polylabel from "polylabel";

const require = createRequire(import.meta.url);
const topojson = require("topojson-client");
const simplify = require("topojson-simplify");

export const WIDTH = 1000;
export const HEIGHT = 500;
const MARGIN = 10;            // keeps markers near the antimeridian inside the viewBox
const PRECISION = 10;         // coordinates rounded to 1/PRECISION (one decimal)
const SIMPLIFY_KEEP = 0.6; // share of 110m points kept (spherical-area weights)

function parseArgs(argv) {
  const merge = [], points = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--merge" && value) {
      const [name, id] = value.split("=");
      merge.push({ name, id }); i++;
    } else if (flag === "--point" && value) {
      const [key, lonlat] = value.split("=");
      points.push({ key, lonlat: lonlat.split(",").map(Number) }); i++;
    } else {
      throw new Error(`unknown argument ${flag}`);
    }
  }
  return { merge, points };
}

// Collects the rings a d3 path would draw, already projected.
function ringCollector() {
  const rings = [];
  let ring = null;
  return {
    rings,
    moveTo(x, y) { ring = [[x, y]]; rings.push(ring); },
    lineTo(x, y) { ring.push([x, y]); },
    closePath() { ring = null; },
    arc() { throw new Error("unexpected arc (points are not drawn)"); },
  };
}

function projectedRings(path, geometry) {
  const collector = ringCollector();
  path.context(collector)(geometry);
  path.context(null);
  return collector.rings;
}

// Round to 1/PRECISION, drop repeated points, and write "M x y l dx dy ... z"
// with relative offsets computed from the rounded absolute points (no drift).
function ringsToD(rings) {
  const fmt = (n) => String(n / PRECISION);
  const join = (nums) => nums.map((s, i) => (i && !s.startsWith("-") ? " " + s : s)).join("");
  let d = "";
  for (const ring of rings) {
    const pts = [];
    for (const [x, y] of ring) {
      const p = [Math.round(x * PRECISION), Math.round(y * PRECISION)];
      const last = pts[pts.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
    }
    while (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
    if (pts.length < 3) continue; // collapsed below the rounding step
    const rel = [];
    for (let i = 1; i < pts.length; i++) {
      rel.push(fmt(pts[i][0] - pts[i - 1][0]), fmt(pts[i][1] - pts[i - 1][1]));
    }
    d += "M" + join([fmt(pts[0][0]), fmt(pts[0][1])]) + "l" + join(rel) + "z";
  }
  return d || null;
}

function polygonsOf(geometry) {
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

function largestPolygon(geometry, areaOf) {
  let best = null, bestArea = -1;
  for (const coordinates of polygonsOf(geometry)) {
    const polygon = { type: "Polygon", coordinates };
    const a = areaOf(polygon);
    if (a > bestArea) { best = polygon; bestArea = a; }
  }
  return best;
}

const round1 = (v) => Math.round(v * 10) / 10;

function main() {
  const { merge, points } = parseArgs(process.argv.slice(2));
  const t110 = require("world-atlas/countries-110m.json");
  const t10 = require("world-atlas/countries-10m.json");

  // Simplify the whole topology at once, so shared borders stay shared.
  const pre = simplify.presimplify(t110, simplify.sphericalTriangleArea);
  const minWeight = simplify.quantile(pre, SIMPLIFY_KEEP);
  const simple = simplify.simplify(pre, minWeight);
  // Antarctica (010) is dropped.
  const geoms = simple.objects.countries.geometries.filter((g) => g.id !== "010");

  // Id-less features merged into a neighbour where asked (the border between them goes).
  const mergedInto = new Map(), absorbed = new Set();
  for (const { name, id } of merge) {
    const part = geoms.find((g) => g.id === undefined && g.properties.name === name);
    const whole = geoms.find((g) => g.id === id);
    if (!part || !whole) throw new Error(`cannot merge ${name} into ${id}: not found`);
    mergedInto.set(whole, [...(mergedInto.get(whole) ?? [whole]), part]);
    absorbed.add(part);
  }

  const land = topojson.merge(simple, geoms);
  const projection = geoEqualEarth().fitExtent([[MARGIN, MARGIN], [WIDTH - MARGIN, HEIGHT - MARGIN]], land);
  const path = geoPath(projection);

  const features = [];
  for (const g of geoms) {
    if (absorbed.has(g)) continue;
    const geometry = mergedInto.has(g)
      ? topojson.merge(simple, mergedInto.get(g))
      : topojson.feature(simple, g).geometry;
    const biggest = largestPolygon(geometry, (p) => path.area(p));
    const label = biggest ? polylabel(projectedRings(path, biggest), 0.5) : null;
    features.push({
      id: g.id ?? null,
      name: g.properties.name,
      merged: mergedInto.has(g) ? mergedInto.get(g).slice(1).map((p) => p.properties.name) : undefined,
      d: ringsToD(projectedRings(path, geometry)),
      area: round1(path.area(geometry)),
      label: label ? [round1(label[0]), round1(label[1])] : null,
    });
  }

  // Marker positions for every 10m feature: spherical centroid of its largest
  // polygon (by spherical area), so a scattered island state gets a point on land.
  const locate = [];
  for (const g of t10.objects.countries.geometries) {
    if (g.id === "010") continue;
    const geometry = topojson.feature(t10, g).geometry;
    const biggest = largestPolygon(geometry, geoArea);
    if (!biggest) continue;
    const [x, y] = projection(geoCentroid(biggest));
    locate.push({ id: g.id ?? null, name: g.properties.name, x: round1(x), y: round1(y),
                  area: round1(path.area(geometry)) });
  }

  const extra = {};
  for (const { key, lonlat } of points) {
    const [x, y] = projection(lonlat);
    extra[key] = { lonlat, x: round1(x), y: round1(y) };
  }

  const out = {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    projection: `Equal Earth (d3-geo geoEqualEarth), fitted to the land without Antarctica inside a ${MARGIN}-unit margin`
      + ` (scale ${round1(projection.scale())}, translate ${projection.translate().map(round1).join(",")})`,
    simplification: `topojson-simplify, spherical triangle area, the ${SIMPLIFY_KEEP * 100}% of 110m points with the largest weights kept;`
      + ` coordinates rounded to ${1 / PRECISION}`,
    sphereArea: round1(path.area({ type: "Sphere" })),
    features,
    locate,
    points: extra,
  };
  process.stdout.write(JSON.stringify(out));
}

main();
