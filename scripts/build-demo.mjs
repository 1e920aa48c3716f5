// The demo's quick build: the embed bundles the demo pages load (ptce-widgets.js and
// elements/ptce-<name>.js in dist-demo/cdn/, served at /cdn/) and the admin page's application
// (dist-demo/admin/, served at /admin/), made by esbuild in about a second.
// It needs only the runtime dependencies and esbuild (which the server's tsx brings), so
// `npm start` on a fresh machine skips the development tools. Not minified and not the published build: `npm run build` makes that
// (rollup), and the tests check it.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeIntegrity } from './cdn-release.mjs';

// esbuild: the project's own (full install), else the one tsx brings (runtime-only install).
async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    const fromTsx = createRequire(new URL('../node_modules/tsx/', import.meta.url));
    return import(fromTsx.resolve('esbuild'));
  }
}
const { build } = await loadEsbuild();

const elements = JSON.parse(readFileSync('src/elements.json', 'utf8'));
const started = Date.now();
// The options every bundle here shares: ES modules for browsers, Lit's production build.
const bundle = (entryPoints, outdir, split = true) =>
  build({
    entryPoints,
    outdir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['production'],
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
    ...(split ? { splitting: true, chunkNames: 'lazy/[name]-[hash]', sourcemap: true } : {}),
  });

// Not over dist/: a size check, a bench or a pack after `npm start` must find rollup's build there.
const outdir = 'dist-demo/cdn';
rmSync(outdir, { recursive: true, force: true });
await bundle(
  {
    'ptce-widgets': 'src/embed.ts',
    ...Object.fromEntries(elements.map((name) => [`elements/ptce-${name}`, `src/components/${name}/define.ts`])),
  },
  outdir,
);
// The server-rendered pages' script, built alone: Lit's hydration support must run before Lit,
// which a chunk shared with the other bundles would not guarantee.
await bundle({ hydrate: 'src/ssr/hydrate.ts' }, `${outdir}/ssr`);
// The admin page's application (src/admin/), a bundle of its own beside the embed ones.
rmSync('dist-demo/admin', { recursive: true, force: true });
await bundle({ 'ptce-admin': 'src/admin/define.ts' }, 'dist-demo/admin');
// The configurator's page script (the server's /configurer.js), apart from the embed bundles.
rmSync('dist-demo/configurator', { recursive: true, force: true });
await bundle({ 'ptce-configurator': 'src/configurator/define.ts' }, 'dist-demo/configurator', false);
// The SRI hashes the configurator puts in its snippets (cdn/integrity.json).
writeIntegrity(outdir);
console.log(`demo bundles built in ${Date.now() - started} ms`);
