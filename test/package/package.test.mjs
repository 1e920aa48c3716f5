// The package as an integrator gets it: `npm pack` (of the dist/ that `npm run build` made), the
// tarball unpacked into a fresh project's node_modules, its dependencies linked from this
// repository's node_modules (no registry needed). Then: the tarball holds only what a user needs;
// esbuild bundles of the main entry and of one element contain no zod and run in headless
// Chromium against the demo data; the React and Vue JSX types accept good markup and reject
// `variant="enormous"`.
// Run by `npm test` (node --test; tally in test-results/package.json).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
let work, app, files;

before(() => {
  assert.ok(existsSync(join(repo, 'dist/index.js')) && existsSync(join(repo, 'dist/types/react.d.ts')), 'run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'ptce-package-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }),
  );
  files = packed.files.map((f) => f.path);
  app = join(work, 'app');
  const modules = join(app, 'node_modules');
  mkdirSync(join(modules, 'ptce-widgets'), { recursive: true });
  execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', join(modules, 'ptce-widgets'), '--strip-components=1']);
  // The package's dependencies and the app's own (React and Vue types), as npm would install them.
  const own = Object.keys(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).dependencies);
  const dirs = new Set([...own.map((name) => name.split('/')[0]), '@types', 'vue', 'csstype']);
  for (const dep of dirs) {
    symlinkSync(join(repo, 'node_modules', dep), join(modules, dep));
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  cpSync(join(repo, 'test/package/fixtures'), join(app, 'src'), { recursive: true });
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball holds only what a user needs', () => {
  const allowed = [
    /^package\.json$/,
    /^README\.md$/,
    /^CHANGELOG\.md$/,
    /^LICENSE/,
    /^custom-elements\.json$/,
    /^schemas\/[\w.-]+\.json$/,
    /^dist\/.+\.(js|d\.ts)$/,
    /^dist\/cdn\/integrity\.json$/,
  ];
  const stray = files.filter((f) => !allowed.some((re) => re.test(f)));
  assert.deepEqual(stray, [], 'files a user does not need');
  for (const needed of [
    'dist/index.js',
    'dist/ptce-pole-card.js',
    'dist/schemas.js',
    'dist/types/index.d.ts',
    'dist/types/react.d.ts',
    'dist/types/vue.d.ts',
    'dist/cdn/ptce-widgets.js',
    'custom-elements.json',
    'CHANGELOG.md',
  ]) {
    assert.ok(files.includes(needed), `${needed} is in the tarball`);
  }
  assert.ok(!files.some((f) => /\.test\.|\.stories\.|(^|\/)test\//.test(f)), 'no tests or stories');
});

/** Bundles `source` (an app's module) as an app's bundler would; returns its output and inputs. */
async function bundle(name, source) {
  writeFileSync(join(app, `${name}.js`), source);
  const result = await esbuild.build({
    absWorkingDir: app,
    entryPoints: [`${name}.js`],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: join(app, 'out', name),
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const text = Object.keys(result.metafile.outputs)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(app, f), 'utf8'))
    .join('\n');
  return { inputs, text };
}
const hasZod = ({ inputs, text }) => inputs.some((i) => /node_modules\/zod\//.test(i)) || /\$ZodType|ZodError/.test(text);

test('the main entry and the element entries bundle without zod; the schemas entry brings it', async () => {
  assert.equal(hasZod(await bundle('main', "import 'ptce-widgets';\n")), false, 'main entry has no zod');
  for (const element of [
    'ptce-pole-card',
    'ptce-charter',
    'ptce-pole-map',
    'ptce-referentiel',
    'ptce-provider',
    'ptce-action-form',
    'ptce-pole-form',
  ]) {
    assert.equal(hasZod(await bundle(element, `import 'ptce-widgets/${element}.js';\n`)), false, `${element} has no zod`);
  }
  // The check can see zod when it is there.
  assert.equal(hasZod(await bundle('schemas', "import { Pole } from 'ptce-widgets/schemas';\nconsole.log(Pole);\n")), true);
});

test('the bundles run in headless Chromium against a real endpoint', async () => {
  await bundle('main', "import 'ptce-widgets';\n");
  await bundle('ptce-pole-card', "import 'ptce-widgets/ptce-pole-card.js';\n");
  const demoData = join(repo, 'demo/data');
  const types = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };
  const pages = {
    '/main.html':
      '<script type="module" src="/out/main/main.js"></script><ptce-pole-card pole-id="ecoop-arc" endpoint="/data/ptce.json"></ptce-pole-card><ptce-pole-map endpoint="/data/ptce.json" view="list"></ptce-pole-map>',
    '/card.html':
      '<script type="module" src="/out/ptce-pole-card/ptce-pole-card.js"></script><ptce-pole-card pole-id="ecoop-arc" endpoint="/data/ptce.json"></ptce-pole-card>',
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (pages[path])
      return res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="fr"><body>${pages[path]}</body></html>`);
    const file = path.startsWith('/data/') ? join(demoData, path.slice(6)) : join(app, path);
    if (!file.startsWith(app) && !file.startsWith(demoData)) return res.writeHead(403).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    for (const [path, tags] of [
      ['/main.html', ['ptce-provider', 'ptce-pole-card', 'ptce-charter', 'ptce-pole-map', 'ptce-referentiel']],
      ['/card.html', ['ptce-pole-card']],
    ]) {
      const page = await browser.newPage();
      const errors = [];
      const elsewhere = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => request.url().startsWith(origin) || elsewhere.push(request.url()));
      await page.goto(origin + path);
      await page.waitForFunction(() => document.querySelector('ptce-pole-card')?.shadowRoot?.textContent?.includes('EcOOp arc'), {
        timeout: 60_000,
      });
      const defined = await page.evaluate((names) => names.filter((n) => customElements.get(n)), tags);
      assert.deepEqual(defined, tags, `${path} defines its elements`);
      assert.deepEqual(errors, [], `${path} ran without errors`);
      assert.deepEqual(elsewhere, [], `${path} contacted only its own origin`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
});

const tsconfig = (extra) => ({
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: [],
    ...extra.compilerOptions,
  },
  include: extra.include,
});

test('React 19 JSX types check the attributes, their values and the events', async () => {
  writeFileSync(
    join(app, 'tsconfig.react.json'),
    JSON.stringify(tsconfig({ compilerOptions: { jsx: 'react-jsx' }, include: ['src/react-app.tsx'] })),
  );
  const tsc = join(repo, 'node_modules/typescript/bin/tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.react.json'], { cwd: app }).catch((e) => assert.fail(`tsc: ${e.stdout}`));
  // Without the expect-error markers, exactly the two bad lines fail.
  const bad = readFileSync(join(app, 'src/react-app.tsx'), 'utf8').replace(/\{\/\* @ts-expect-error[^}]*\}/g, '');
  writeFileSync(join(app, 'src/react-app.tsx'), bad);
  const failed = await run(process.execPath, [tsc, '-p', 'tsconfig.react.json'], { cwd: app }).then(
    () => '',
    (e) => e.stdout,
  );
  assert.match(failed, /"enormous"/);
  assert.match(failed, /"sepia"/);
});

test('Vue GlobalComponents types check a single-file component (vue-tsc) and props', async () => {
  writeFileSync(
    join(app, 'tsconfig.vue.json'),
    JSON.stringify(tsconfig({ compilerOptions: { jsx: 'preserve' }, include: ['src/App.vue', 'src/vue-app.ts'] })),
  );
  const vueTsc = join(repo, 'node_modules/vue-tsc/bin/vue-tsc.js');
  await run(process.execPath, [vueTsc, '-p', 'tsconfig.vue.json'], { cwd: app }).catch((e) => assert.fail(`vue-tsc: ${e.stdout}`));
  const bad = readFileSync(join(app, 'src/App.vue'), 'utf8').replace(/<!-- @vue-expect-error[^>]*-->/, '');
  writeFileSync(join(app, 'src/App.vue'), bad);
  const failed = await run(process.execPath, [vueTsc, '-p', 'tsconfig.vue.json'], { cwd: app }).then(
    () => '',
    (e) => e.stdout,
  );
  assert.match(failed, /enormous/);
});
