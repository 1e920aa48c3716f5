// How long the map takes to group its marks into bubbles (not a test): the bench's generated poles
// placed as the map places them, grouped for a 1,000 px wide map showing France, then for each
// step of its zoom button (×1.6), with the map's crowding (at most 100 marks in view). Medians.
//   node --import tsx bench/grouping.ts [--sizes 2000,10000,50000] [<another checkout>]
// Given another checkout (a `git worktree add ../base <commit>`), groups with its code too, in turn.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { poles } from './poles.mjs';

const args = process.argv.slice(2);
const sizesAt = args.indexOf('--sizes');
const sizes = (sizesAt >= 0 ? args.splice(sizesAt, 2)[1] : '2000,10000,50000').split(',').map(Number);
const checkouts = [resolve(import.meta.dirname, '..'), ...args.map((path) => resolve(path))];

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
type Group = (placed: unknown[], radius: number, crowding: { most: number; inView: (c: Box) => boolean }) => unknown[];

/** A checkout's placement and grouping (the grouping was in model.ts before clustering.ts). */
async function codeOf(checkout: string) {
  const drawing = join(checkout, 'src/components/pole-map/drawing');
  const model = await import(join(drawing, 'model.ts'));
  const grouping = existsSync(join(drawing, 'clustering.ts')) ? await import(join(drawing, 'clustering.ts')) : model;
  const { createBasemap } = await import(join(drawing, 'geometry.ts'));
  const { FULL, zoomed } = await import(join(drawing, 'view-box.ts'));
  return { ...model, clusterPoles: grouping.clusterPoles as Group, basemap: createBasemap(), FULL: FULL as Box, zoomed };
}

const WIDTH = 1000;
const MARKER_RADIUS_PX = 8;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const codes = await Promise.all(checkouts.map(codeOf));
console.log(`grouping the marks, ${WIDTH} px wide map, medians of 25; load average ${loadavg()[0].toFixed(1)}`);
for (const n of sizes) {
  const { poles: list } = poles(n);
  const placedBy = codes.map((code) => code.spreadSameSpot(list.map((pole: unknown) => code.placePole(pole, code.basemap))));
  const boxes: Box[] = [codes[0].FULL];
  while (boxes.length < 6) boxes.push(codes[0].zoomed(boxes[boxes.length - 1], 1.6));
  const times = codes.map(() => boxes.map((): number[] => []));
  for (let run = 0; run < 26; run++) {
    codes.forEach((code, c) =>
      boxes.forEach((box, z) => {
        const radius = MARKER_RADIUS_PX * (box.w / WIDTH);
        const margin = 2 * radius;
        const inView = (m: Box) =>
          m.x > box.x - margin && m.x < box.x + box.w + margin && m.y > box.y - margin && m.y < box.y + box.h + margin;
        const start = performance.now();
        code.clusterPoles(placedBy[c], radius, { most: 100, inView });
        // The first run of each compiles the code: not counted.
        if (run) times[c][z].push(performance.now() - start);
      }),
    );
  }
  checkouts.forEach((checkout, c) =>
    console.log(
      `${n.toLocaleString('en').padStart(6)} poles ${c ? `(${checkout})` : '(this checkout)'}: ${times[c].map((t, z) => `zoom step ${z} ${median(t).toFixed(1)} ms`).join(', ')}`,
    ),
  );
}
