// Gzipped size (gzip -9) of each element of the embed build loaded alone: its entry plus every
// chunk it imports statically (lazy chunks, such as the map's basemap, are listed apart).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';

const dir = 'dist/cdn/elements';
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const staticImports = (file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:^|[;}])\s*import\s*(?:[\w{}\s,*$]+from\s*)?["']([^"']+)["']/g)].map((m) =>
    join(dirname(file), m[1]),
  );

function closure(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const dep of staticImports(entry)) closure(dep, seen);
  return seen;
}

const rows = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const files = closure(join(dir, name));
  const total = [...files].reduce((sum, file) => sum + gz(file), 0);
  rows.push([name, (total / 1024).toFixed(1)]);
}
rows.push(['ptce-widgets.js (all)', (gz('dist/cdn/ptce-widgets.js') / 1024).toFixed(1)]);
for (const [name, kb] of rows) console.log(`${name.padEnd(28)} ${kb} KB gzipped`);
