// The WordPress plugin (integrations/wordpress/ptce-widgets/) in a real WordPress: Debian's
// `wordpress` package copied into a temporary folder with its own wp-config.php, a private MariaDB
// (its own data folder and socket), PHP's built-in server, and the reference server as the
// endpoint. WordPress is installed and the plugin activated by PHP (no WP-CLI in Debian 12); an
// Author then writes a post through the REST API with an application password, so WordPress's HTML
// filter (kses) treats it as it treats any Author's. A headless Chromium reads the published post.
// Run by `npm run test:wordpress` (and `npm test`); needs `npm run build` (the plugin's bundle).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const plugin = join(repo, 'integrations/wordpress/ptce-widgets');
const WORDPRESS = process.env.PTCE_WORDPRESS_DIR || '/usr/share/wordpress';
const children = [];
/** The people's password for the login form (their REST requests use application passwords). */
const loginPassword = randomBytes(12).toString('hex');
let work, site, ptce, author, contributor, browser;

const freePort = () =>
  new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

async function until(check, what, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function start(command, args, options = {}) {
  // A group of its own: PHP's server forks workers, which must stop with it.
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true, ...options });
  let errors = '';
  child.stderr?.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)));
  child.on('exit', (code) => code && console.error(`${command} exited with ${code}:\n${errors}`));
  children.push(child);
  return child;
}

/** MariaDB in its own folder, reachable through its socket only. */
async function startMariadb() {
  const data = join(work, 'mariadb');
  const socket = join(work, 'mariadb.sock');
  const user = userInfo().username;
  execFileSync('mariadb-install-db', [
    '--no-defaults',
    `--user=${user}`,
    `--datadir=${data}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);
  start('mariadbd', [
    '--no-defaults',
    `--user=${user}`,
    `--datadir=${data}`,
    `--socket=${socket}`,
    `--pid-file=${join(work, 'mariadb.pid')}`,
    '--skip-networking',
    '--innodb-buffer-pool-size=16M',
  ]);
  const sql = (statement) =>
    execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', statement], { stdio: ['ignore', 'pipe', 'pipe'] });
  await until(() => (sql('SELECT 1'), true), 'MariaDB');
  sql('CREATE DATABASE wordpress CHARACTER SET utf8mb4');
  return socket;
}

/** The reference server on a free port with a fresh SQLite database: the widgets' endpoint. */
async function startPtce() {
  const port = await freePort();
  start(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repo,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PTCE_DB: join(work, 'ptce.sqlite'),
      PTCE_LOG: 'off',
      PTCE_ADMIN_TOKEN: 'x'.repeat(40),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${url}/ptce.json`)).ok, 'the ptce server');
  return url;
}

/** A copy of Debian's WordPress with its own configuration, installed, the plugin active. */
async function startWordpress(socket, endpoint) {
  const root = join(work, 'wordpress');
  // -L: Debian links some of WordPress's scripts to its own packages (underscore…) by relative paths.
  execFileSync('cp', ['-rL', WORDPRESS, root]);
  rmSync(join(root, 'wp-content/plugins/ptce-widgets'), { recursive: true, force: true });
  cpSync(plugin, join(root, 'wp-content/plugins/ptce-widgets'), { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(root, 'wp-config.php'),
    `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${socket}');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
// 'local': application passwords without HTTPS (the test's Author signs in with one).
define('WP_ENVIRONMENT_TYPE', 'local');
define('AUTOMATIC_UPDATER_DISABLED', true);
// No request to wordpress.org (update and translation checks): the test needs no network.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '${join(work, 'wp-debug.log')}');
${['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']
  .flatMap((name) => [`${name}_KEY`, `${name}_SALT`])
  .map((name) => `define('${name}', '${name.toLowerCase()}-${Math.random().toString(36).slice(2)}');`)
  .join('\n')}
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
  );
  // Installed as the installer would, then the plugin activated, its endpoint set and an Author
  // given an application password: all through WordPress's own functions.
  writeFileSync(
    join(work, 'setup.php'),
    `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}';
define('WP_INSTALLING', true);
require '${root}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
wp_install('Site de la CRESS', 'admin', 'admin@example.org', true, '', wp_generate_password(24));
$activated = activate_plugin('ptce-widgets/ptce-widgets.php');
if (is_wp_error($activated)) { fwrite(STDERR, $activated->get_error_message()); exit(1); }
update_option('ptce_widgets_endpoint', '${endpoint}/ptce.json');
$people = array();
foreach (array('autrice' => 'author', 'contributeur' => 'contributor') as $login => $role) {
  $id = wp_insert_user(array('user_login' => $login, 'user_pass' => '${loginPassword}', 'user_email' => "$login@example.org", 'role' => $role));
  list($password) = WP_Application_Passwords::create_new_application_password($id, array('name' => 'test'));
  $people[$role] = array('login' => $login, 'password' => $password);
}
echo json_encode($people);
`,
  );
  const credentials = JSON.parse(execFileSync('php', [join(work, 'setup.php')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  start('php', ['-S', `127.0.0.1:${port}`, '-t', root], { env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' } });
  await until(async () => (await fetch(`${url}/?rest_route=/`)).ok, 'WordPress');
  return { url, credentials };
}

/** A post written through the REST API: WordPress filters it as it does for that person's role. */
async function authorPost(title, content, { person = author, status = 'publish' } = {}) {
  const response = await fetch(`${site.url}/?rest_route=/wp/v2/posts`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${person.login}:${person.password}`).toString('base64')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ title, content, status }),
  });
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return body;
}

before(async () => {
  assert.ok(existsSync(join(plugin, 'assets/cdn/ptce-widgets.js')), 'run `npm run build` first: it copies the bundle into the plugin');
  work = mkdtempSync(join(tmpdir(), 'ptce-wordpress-'));
  const started = Date.now();
  const [socket, endpoint] = await Promise.all([startMariadb(), startPtce()]);
  ptce = endpoint;
  site = await startWordpress(socket, endpoint);
  author = site.credentials.author;
  contributor = site.credentials.contributor;
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  console.log(`# WordPress, MariaDB and the ptce server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

after(async () => {
  await browser?.close();
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 300));
  const debugLog = work && join(work, 'wp-debug.log');
  // PHP 8.2 deprecation notices from WordPress 6.1's own code are not ours, nor the update checks
  // that WP_HTTP_BLOCK_EXTERNAL stops.
  const notices =
    debugLog && existsSync(debugLog)
      ? readFileSync(debugLog, 'utf8')
          .split('\n')
          .filter((line) => line && !line.includes('PHP Deprecated') && !line.includes('connection to WordPress.org'))
      : [];
  if (notices.length) console.log(`# WordPress's debug log:\n${notices.join('\n')}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** In the page: the text of an element's shadow root and of the shadow roots inside it. */
function deepText(element) {
  const texts = [];
  const walk = (root) => {
    texts.push(root.textContent);
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  if (element?.shadowRoot) walk(element.shadowRoot);
  return texts.join(' ').replace(/\s+/g, ' ');
}
const shownText = (page, selector) =>
  page.$eval(selector, (element, source) => new Function(`return ${source}`)()(element), deepText.toString());

test('an Author\'s post with [ptce_carte region="84"] shows the region\'s poles in a browser', async () => {
  // What the README's snippet would be, pasted by the same Author: WordPress strips it.
  const pasted = '<script type="module" src="https://example.org/ptce-widgets.js"></script><ptce-pole-map region="84"></ptce-pole-map>';
  const post = await authorPost('Les PTCE de la région', `<p>Les pôles de notre région :</p>\n[ptce_carte region="84"]\n${pasted}`);
  assert.match(post.content.raw, /\[ptce_carte region="84"\]/, 'the shortcode is kept');
  assert.doesNotMatch(post.content.raw, /<script|<ptce-pole-map/, "an Author's pasted script and element are filtered out");

  const { poles } = await (await fetch(`${ptce}/poles.json`)).json();
  const departments = new Set(['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74']);
  // A pole may name its region without a département (Fontaine O Livres, Île-de-France).
  const inRegion = poles.filter((pole) => (pole.departments ?? []).some((d) => departments.has(d))).map((pole) => pole.name);
  const elsewhere = poles.filter((pole) => !(pole.departments ?? []).some((d) => departments.has(d))).map((pole) => pole.name);
  assert.ok(inRegion.length > 0 && elsewhere.length > 0);

  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on(
    'response',
    (response) =>
      response.status() >= 400 && !response.url().endsWith('/favicon.ico') && errors.push(`${response.status()} ${response.url()}`),
  );
  await page.goto(post.link, { waitUntil: 'load' });
  const html = await page.content();
  assert.equal((html.match(/<ptce-pole-map/g) ?? []).length, 1, "one map: the shortcode's");
  // The theme's column is narrow: the map shows its tabs; a reader chooses the list.
  const listTab = await page.waitForFunction(
    () =>
      [...(document.querySelector('ptce-pole-map')?.shadowRoot?.querySelectorAll('[role="tab"]') ?? [])].find((tab) =>
        /^\s*(List|Liste)\s*$/.test(tab.textContent),
      ),
    { timeout: 60_000 },
  );
  await listTab.asElement().click();
  await page
    .waitForFunction(
      (names, source) => {
        const text = new Function(`return ${source}`)()(document.querySelector('ptce-pole-map'));
        return names.every((name) => text.includes(name));
      },
      { timeout: 60_000 },
      inRegion,
      deepText.toString(),
    )
    .catch(async (error) => {
      console.log(await shownText(page, 'ptce-pole-map'), errors, (await page.content()).slice(0, 3000));
      throw error;
    });
  const shown = await shownText(page, 'ptce-pole-map');
  for (const name of elsewhere) assert.ok(!shown.includes(name), `${name} is not in the region`);
  assert.equal(await page.$eval('ptce-pole-map', (map) => map.getAttribute('endpoint')), `${ptce}/ptce.json`);
  assert.deepEqual(errors, [], 'no script error in the editor');
  await page.close();
});

test('the options in French, a block, the script once per page, every value escaped', async () => {
  const content = [
    '[ptce_carte region="84" vue="liste" langue="en" niveau_titre="3" couleur_accent="#8a2be2"]',
    '<!-- wp:ptce-widgets/fiche {"pole":"domb-innov","variante":"compacte"} /-->',
    '[ptce_charte confidentialite="/confidentialite"]',
    // A hostile value: dropped when the option has a pattern, escaped wherever it lands.
    `[ptce_carte region='84"><img src=x onerror=alert(1)>' endpoint='https://example.org/"onmouseover="alert(1)']`,
  ].join('\n');
  const post = await authorPost('Options', content);
  const html = await (await fetch(post.link)).text();
  const tags = html.match(/<ptce-[a-z-]+[^>]*>/g);
  assert.deepEqual(tags, [
    `<ptce-pole-map endpoint="${ptce}/ptce.json" region="84" view="list" lang="en" heading-level="3" style="--ptce-color-accent: #8a2be2">`,
    `<ptce-pole-card endpoint="${ptce}/ptce.json" pole-id="domb-innov" variant="compact">`,
    `<ptce-charter endpoint="${ptce}/ptce.json" privacy-url="/confidentialite">`,
    '<ptce-pole-map endpoint="https://example.org/onmouseover=alert(1)">',
  ]);
  assert.equal((html.match(/<script type="module"[^>]*ptce-widgets\.js/g) ?? []).length, 1, 'the module script once');
  assert.doesNotMatch(html, /<img src=x/);

  const page = await browser.newPage();
  await page.goto(post.link, { waitUntil: 'load' });
  await page.waitForFunction(() => (document.querySelector('ptce-pole-card')?.shadowRoot?.textContent ?? '').includes('Domb'), {
    timeout: 60_000,
  });
  await page.waitForFunction(() => /Territorial|poles/i.test(document.querySelector('ptce-pole-map')?.shadowRoot?.textContent ?? ''), {
    timeout: 60_000,
  });
  await page.close();
});

test("a Contributor's post, published by an editor as written, shows the widget", async () => {
  // A Contributor cannot publish: the post waits for review, then an editor publishes it unchanged.
  const post = await authorPost('Fiche proposée', '[ptce_fiche pole="domb-innov"]', { person: contributor, status: 'pending' });
  assert.equal(post.status, 'pending');
  assert.equal(post.content.raw, '[ptce_fiche pole="domb-innov"]');
  writeFileSync(
    join(work, 'publish.php'),
    `<?php\n$_SERVER['HTTP_HOST'] = '${new URL(site.url).host}';\nrequire '${join(work, 'wordpress')}/wp-load.php';\nwp_publish_post(${post.id});\n`,
  );
  execFileSync('php', [join(work, 'publish.php')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const page = await browser.newPage();
  await page.goto(`${site.url}/?p=${post.id}`, { waitUntil: 'load' });
  await page.waitForFunction(() => (document.querySelector('ptce-pole-card')?.shadowRoot?.textContent ?? '').includes('Domb'), {
    timeout: 60_000,
  });
  assert.equal(await page.$eval('ptce-pole-card', (card) => card.getAttribute('pole-id')), 'domb-innov');
  await page.close();
});

test('the block editor offers the four blocks, with the options in their settings', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.url}/wp-login.php`, { waitUntil: 'load' });
  // The login page focuses and selects the name field 200 ms after it loads: typing before that
  // would have the first letters selected, then replaced.
  await page.waitForFunction(() => document.activeElement?.id === 'user_login', { timeout: 60_000 });
  await page.type('#user_login', author.login);
  await page.type('#user_pass', loginPassword);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#wp-submit')]);
  assert.match(new URL(page.url()).pathname, /^\/wp-admin\//, `logged in (at ${page.url()})`);
  await page.goto(`${site.url}/wp-admin/post-new.php`, { waitUntil: 'load' });
  const blocks = await (
    await page.waitForFunction(
      () => {
        const types = window.wp?.blocks?.getBlockTypes?.().filter((type) => type.name.startsWith('ptce-widgets/'));
        return types?.length === 4 && types.map((type) => ({ name: type.name, title: type.title, options: Object.keys(type.attributes) }));
      },
      { timeout: 60_000 },
    )
  ).jsonValue();
  assert.deepEqual(
    blocks.map((block) => [block.name, block.title]),
    [
      ['ptce-widgets/carte', 'Carte des PTCE'],
      ['ptce-widgets/fiche', 'Fiche d’un PTCE'],
      ['ptce-widgets/charte', 'Charte des PTCE'],
      ['ptce-widgets/referentiel', 'Référentiel des PTCE'],
    ],
  );
  for (const option of ['region', 'departement', 'vue', 'endpoint', 'langue', 'niveau_titre', 'couleur_accent']) {
    assert.ok(blocks[0].options.includes(option), option);
  }
  assert.deepEqual(errors, [], 'no script error in the editor');
  await page.close();
});
