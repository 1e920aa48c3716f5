// Two builds from one source:
//  - npm (dist/): ESM, one entry per element, lit / zod left as imports;
//  - embed (dist/cdn/): minified and self-contained: all elements in ptce-widgets.js, and each
//    element alone in elements/ptce-<name>.js for a page that shows only that one.
// Types come from `tsc -p tsconfig.build.json` (see the build script).
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
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

/**
 * A chunk asked for again after a failed download (src/data/chunk.ts) is imported as
 * import(`./part.js${retry}`): a fresh URL, since a browser may keep a failed import for its URL.
 * Rollup resolves it to the module of `./part.js` (the same chunk as the plain import beside it),
 * and renders it as import('./chunk-file.js' + retry), keeping the query. Documented hooks only:
 * resolveDynamicImport, renderDynamicImport.
 */
const retryQuery = () => {
  const queries = new Map();
  return {
    name: 'retry-query',
    async resolveDynamicImport(specifier, importer) {
      const [head, tail] = specifier.quasis ?? [];
      const query = specifier.expressions?.[0];
      if (
        specifier.type !== 'TemplateLiteral' ||
        specifier.expressions.length !== 1 ||
        tail.value.cooked !== '' ||
        query.type !== 'Identifier'
      )
        return null;
      const resolved = await this.resolve(head.value.cooked, importer);
      if (!resolved) return null;
      queries.set(`${importer}\0${resolved.id}`, query.name);
      return resolved;
    },
    renderDynamicImport({ moduleId, targetModuleId }) {
      const query = queries.get(`${moduleId}\0${targetModuleId}`);
      return query ? { left: 'import(', right: ` + ${query})` } : null;
    },
  };
};

/** The modules of src/components/pole-card/, and those only they import. */
function cardChunk(id, { getModuleInfo }) {
  const onlyCard = (moduleId, seen) => {
    if (moduleId.includes('/src/components/pole-card/') || seen.has(moduleId)) return true;
    seen.add(moduleId);
    const info = getModuleInfo(moduleId);
    if (!info || info.isEntry || info.dynamicImporters.length || !info.importers.length) return false;
    return info.importers.every((importer) => onlyCard(importer, seen));
  };
  return onlyCard(id, new Set()) ? 'pole-card' : undefined;
}

export default [
  {
    input: { index: 'src/index.ts', schemas: 'src/schemas.ts', ...perElement },
    external,
    plugins: [ts(), retryQuery()],
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  {
    input: { 'ptce-widgets': 'src/embed.ts' },
    // Lets the widgets' code live in ptce-widgets.js itself rather than behind a re-export facade.
    preserveEntrySignatures: 'allow-extension',
    plugins: [resolveForBrowsers(), ts(), retryQuery(), minifyTemplates(), minify()],
    // Everything in one file, except what loads on demand (the map's basemap, list adapters).
    output: { dir: 'dist/cdn', format: 'es', sourcemap: true, chunkFileNames: 'lazy/[name]-[hash].js' },
  },
  // The configurator (the server's /configurer page): a file of its own, never in the embed bundle.
  {
    input: { 'ptce-configurator': 'src/configurator/define.ts' },
    plugins: [resolveForBrowsers(), ts(), minifyTemplates(), minify()],
    output: { dir: 'dist/configurator', format: 'es', sourcemap: true },
  },
  // The server-rendered pages' script (server/src/ssr/, src/ssr/hydrate.ts): their elements with
  // Lit's hydration support. Its templates are not minified: hydrating matches them with the
  // server's, rendered from the sources.
  {
    input: { hydrate: 'src/ssr/hydrate.ts' },
    preserveEntrySignatures: 'allow-extension',
    plugins: [resolveForBrowsers(), ts(), retryQuery(), minify()],
    output: { dir: 'dist/cdn/ssr', format: 'es', sourcemap: true, chunkFileNames: 'lazy/[name]-[hash].js' },
  },
  // The admin page's application (src/admin/): a bundle of its own, served at /admin/ by the
  // reference server, so none of its elements reach the public embed bundles.
  {
    input: { 'ptce-admin': 'src/admin/define.ts' },
    preserveEntrySignatures: false,
    plugins: [resolveForBrowsers(), ts(), retryQuery(), minifyTemplates(), minify()],
    output: { dir: 'dist/admin', format: 'es', sourcemap: true, chunkFileNames: 'lazy/[name]-[hash].js' },
  },
  // One build per element, so each file holds everything its element needs (Lit included): one
  // request, and no bytes of the other elements. Only on-demand parts (English, the basemap) are
  // separate files, identical across elements and so shared by name.
  ...Object.entries(perElement).map(([name, input]) => ({
    input: { [name]: input },
    preserveEntrySignatures: 'allow-extension',
    plugins: [resolveForBrowsers(), ts(), retryQuery(), minifyTemplates(), minify()],
    output: {
      dir: 'dist/cdn/elements',
      format: 'es',
      sourcemap: true,
      chunkFileNames: 'lazy/[name]-[hash].js',
      // The map loads its panel's card on a first selection: the card, its drawing and what only
      // they use (their styles…) in one chunk, so the first click waits for one round trip, not two
      // in a row.
      ...(name === 'ptce-pole-map' ? { manualChunks: cardChunk, onlyExplicitManualChunks: true } : {}),
    },
  })),
];
