// The README's pictures of the map (docs/images/), taken in headless Chromium from the built embed
// bundle (`npm run build` first) and the demo endpoint: all of France, and a region in the dark
// theme. Run `node scripts/map-picture.mjs` after changing the map's look.
import { createServer } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const root = resolve('.');
if (!existsSync(join(root, 'dist/cdn/ptce-widgets.js'))) {
  console.error('map-picture: run `npm run build` first');
  process.exit(1);
}
const types = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };

const page = (attributes, dark) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<script type="module" src="/dist/cdn/ptce-widgets.js"></script></head>
<body style="margin:0;padding:16px;font-family:system-ui,sans-serif;${dark ? 'background:#111416;color:#eceff1' : 'background:#fff'}">
<ptce-pole-map endpoint="/demo/data/ptce.json" ${attributes} ${dark ? 'theme="dark"' : ''} style="display:block;width:1000px"></ptce-pole-map>
</body></html>`;

const PICTURES = [
  { file: 'docs/images/pole-map.png', html: page('', false) },
  { file: 'docs/images/pole-map-region-dark.png', html: page('region="84"', true) },
];

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const picture = PICTURES.find((_, i) => path === `/picture-${i}.html`);
  if (picture) return res.writeHead(200, { 'Content-Type': 'text/html' }).end(picture.html);
  if (!path.startsWith('/dist/') && !path.startsWith('/demo/')) return res.writeHead(404).end();
  try {
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(await readFile(join(root, path)));
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--no-first-run',
    '--font-render-hinting=none',
  ],
});
try {
  mkdirSync('docs/images', { recursive: true });
  for (const [i, { file }] of PICTURES.entries()) {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1032, height: 900, deviceScaleFactor: 1 });
    await tab.goto(`${base}/picture-${i}.html`);
    // Drawn: markers on the map and the list filled.
    await tab.waitForFunction(() => {
      const root = document.querySelector('ptce-pole-map')?.shadowRoot;
      return root?.querySelector('.marker') && root.querySelector('.list li') && root.querySelector('.region-edge');
    });
    await tab.evaluate(() => document.fonts.ready);
    const element = await tab.$('ptce-pole-map');
    await element.screenshot({ path: file });
    console.log(`map-picture: ${file}`);
    await tab.close();
  }
} finally {
  await browser.close();
  server.close();
}
