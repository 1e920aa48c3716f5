// Two builds from one source:
//  - npm (dist/): ESM, one entry per element, lit / zod left as imports;
//  - embed (dist/cdn/): minified and self-contained: all elements in ptce-widgets.js, and each
//    element alone in elements/ptce-<name>.js for a page that shows only that one.
// Types come from `tsc -p tsconfig.build.json` (see the build script).
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import MagicString from 'magic-string';
import { minifyTemplates } from './scripts/rollup-minify-templates.mjs';

const elements = JSON.parse(readFileSync('src/elements.json', 'utf8'));
const perElement = Object.fromEntries(elements.map((name) => [`ptce-${name}`, `src/components/${name}/define.ts`]));

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
    noEmit: false,
    declaration: false,
    outDir: undefined,
    sourceMap: true,
  });

const external = [/^lit(\/|$)/, /^zod(\/|$)/];
const minify = () => terser({ ecma: 2022, module: true, format: { comments: false }, compress: { passes: 2 } });
const resolveForBrowsers = () => nodeResolve({ exportConditions: ['browser', 'production'] });

/** Turns `import(specifier)` in the module whose path ends with `importer` into a static import. */
const staticImport = (importer, specifier) => ({
  name: 'static-import',
  transform(code, id) {
    if (!id.endsWith(importer)) return null;
    const call = `import('${specifier}')`;
    const at = code.indexOf(call);
    // Fails the build rather than quietly putting the round trip back.
    if (at < 0) this.error(`static-import: ${importer} no longer has ${call}`);
    const out = new MagicString(code).overwrite(at, at + call.length, 'Promise.resolve(staticImported)');
    out.prepend(`import * as staticImported from '${specifier}';\n`);
    return { code: out.toString(), map: out.generateMap({ hires: true }) };
  },
});

export default [
  {
    input: { index: 'src/index.ts', schemas: 'src/schemas.ts', ...perElement },
    external,
    plugins: [ts()],
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  {
    input: { 'ptce-widgets': 'src/embed.ts' },
    // Lets the widgets' code live in ptce-widgets.js itself rather than behind a re-export facade.
    preserveEntrySignatures: 'allow-extension',
    plugins: [resolveForBrowsers(), ts(), minifyTemplates(), minify()],
    // Everything in one file, except what loads on demand (the map's basemap, list adapters).
    output: { dir: 'dist/cdn', format: 'es', sourcemap: true, chunkFileNames: 'lazy/[name]-[hash].js' },
  },
  // One build per element, so each file holds everything its element needs (Lit included): one
  // request, and no bytes of the other elements. Only on-demand parts (English, the basemap) are
  // separate files, identical across elements and so shared by name.
  ...Object.entries(perElement).map(([name, input]) => ({
    input: { [name]: input },
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      resolveForBrowsers(),
      ts(),
      // The map loads its panel's card on a first selection, the poles already there: the card's
      // drawing comes in the card's chunk rather than one round trip after it.
      ...(name === 'ptce-pole-map' ? [staticImport('pole-card/ptce-pole-card.ts', './internal/pole-view.js')] : []),
      minifyTemplates(),
      minify(),
    ],
    output: {
      dir: 'dist/cdn/elements',
      format: 'es',
      sourcemap: true,
      chunkFileNames: 'lazy/[name]-[hash].js',
    },
  })),
];
