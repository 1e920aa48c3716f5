// Gzipped size (zlib, level 9) of what a page downloads for each element of the embed build loaded
// alone: its file plus any chunk it imports statically (none today: each is self-contained). Parts
// loaded on demand (English, the map's basemap, list adapters) are listed apart.
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

const line = (name, bytes) => console.log(`${name.padEnd(34)} ${(bytes / 1024).toFixed(1).padStart(5)} KB gzipped (${bytes} B)`);
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  line(name, [...closure(join(dir, name))].reduce((sum, file) => sum + gz(file), 0));
}
line('ptce-widgets.js (all)', gz('dist/cdn/ptce-widgets.js'));
console.log('on demand:');
for (const name of readdirSync('dist/cdn/lazy').filter((f) => f.endsWith('.js'))) line(`  lazy/${name}`, gz(join('dist/cdn/lazy', name)));
