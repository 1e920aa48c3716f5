// The accessibility checks of every story, on the static Storybook build (`npm run
// build-storybook` → storybook-static/): each story of index.json opened alone (iframe.html) in
// headless Chromium, once its requests have settled, then axe-core run on the story's root. Any
// violation fails (exit 1). The same axe rules as Storybook's accessibility panel, less "region"
// (a page-level landmark rule that a widget shown alone cannot meet).
//   node scripts/storybook-a11y.mjs [storybook-static] [--filter text]
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args.splice(filterAt, 2)[1] : '';
const root = resolve(args[0] ?? 'storybook-static');
if (!existsSync(join(root, 'index.json'))) {
  console.error(`storybook-a11y: no ${root}/index.json (run \`npm run build-storybook\` first)`);
  process.exit(1);
}
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return res.writeHead(403).end();
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

const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && e.id.includes(filter));

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

let failed = 0;
async function check(story) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1024, height: 800 });
  try {
    await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
    // Rendered (or failed to render), then every request of the widgets answered.
    await page.waitForFunction(() => /sb-show-(main|errordisplay|nopreview)/.test(document.body.className), { timeout: 60_000 });
    // A story with a play function (the charter's states) is checked once it has played.
    const phase = await page.waitForFunction(
      () => {
        const current = globalThis.__STORYBOOK_PREVIEW__?.currentRender?.phase;
        return ['completed', 'finished', 'errored', 'aborted'].includes(current) && current;
      },
      { timeout: 60_000 },
    );
    const ended = await phase.jsonValue();
    if (ended === 'errored' || ended === 'aborted') throw new Error(`the story's play function ${ended}`);
    await page.waitForNetworkIdle({ idleTime: 400, timeout: 60_000 });
    if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
      throw new Error(await page.evaluate(() => document.querySelector('#error-message')?.textContent ?? 'render error'));
    }
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const result = await globalThis.axe.run(document.querySelector('#storybook-root') ?? document.body, {
        resultTypes: ['violations'],
        rules: { region: { enabled: false } },
      });
      return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' > ')).slice(0, 3) }));
    });
    if (violations.length) {
      failed++;
      console.log(`✗ ${story.id}`);
      for (const v of violations) console.log(`    ${v.id}: ${v.help}\n      ${v.nodes.join('\n      ')}`);
    } else {
      console.log(`✓ ${story.id}`);
    }
  } catch (error) {
    failed++;
    console.log(`✗ ${story.id}: ${error.message}`);
  } finally {
    await page.close();
  }
}

// Two stories at a time: the machine is shared.
const queue = [...stories];
await Promise.all(
  [0, 1].map(async () => {
    while (queue.length) await check(queue.shift());
  }),
);

/**
 * A docs page speaks the toolbar's language (Storybook wraps docs stories in lang="en"; the preview's
 * decorator sets the chosen one around each story), and previews sit in a host page's sans-serif.
 */
async function checkDocsLanguage(lang, expected) {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/iframe.html?id=api-ptce-pole-map--docs&viewMode=docs&globals=lang:${lang}`, { waitUntil: 'load' });
    const shown = await page.waitForFunction(
      (expected) => {
        const map = document.querySelector('ptce-pole-map');
        const text = map?.shadowRoot?.textContent ?? '';
        return text.includes(expected) && { font: getComputedStyle(map).fontFamily };
      },
      { timeout: 60_000 },
      expected,
    );
    const { font } = await shown.jsonValue();
    if (/serif/.test(font) && !/sans-serif/.test(font)) throw new Error(`the preview's font is ${font}`);
    console.log(`✓ docs page in "${lang}" (${expected}; ${font.split(',')[0]})`);
  } catch (error) {
    failed++;
    console.log(`✗ docs page in "${lang}": ${error.message}`);
  } finally {
    await page.close();
  }
}
if (!filter) {
  await checkDocsLanguage('fr', 'Rechercher un pôle');
  await checkDocsLanguage('en', 'Search for a pole');
}
await browser.close();
server.close();
console.log(
  `storybook a11y: ${stories.length - failed} passed, ${failed} failed (${stories.length} stories, and the docs pages' language)`,
);
process.exit(failed || stories.length === 0 ? 1 : 0);
