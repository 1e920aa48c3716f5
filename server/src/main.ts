// Starts the reference endpoint: `npm start` at the top of the repository (scripts/demo.sh), or
// `npm run -w server start:prod` from the build (docs/operations.md).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildApp, MIN_ADMIN_TOKEN } from './app.js';
import { parseTrustProxy } from './http/origins.js';
import { repo } from './paths.js';
import { openStore } from './store/index.js';
import { seedDemoCampaign } from './demo-campaign.js';
import { openDataSettings } from './open-data/index.js';
import { seedDemoAccounts } from './accounts/demo-accounts.js';

const env = process.env;
const packageVersion = (JSON.parse(readFileSync(`${repo}/package.json`, 'utf8')) as { version: string }).version;
const production = env.NODE_ENV === 'production';
const fail = (message: string) => {
  console.error(`ptce: ${message}`);
  process.exit(1);
};

if (production && env.PTCE_DEMO_CAMPAIGN === '1') {
  fail('PTCE_DEMO_CAMPAIGN=1 adds a campaign whose codes are public: for the demo only, never with NODE_ENV=production');
}
if (production && env.PTCE_DEMO_ACCOUNTS === '1') {
  fail('PTCE_DEMO_ACCOUNTS=1 adds accounts whose passwords go to the console: for the demo only, never with NODE_ENV=production');
}

/** A number of milliseconds from the environment, or the default. */
function milliseconds(name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) fail(`${name} must be a whole number of milliseconds above 0`);
  return ms;
}
const purgeDays = Number(env.PTCE_PURGE_DAYS || 90);
if (!Number.isInteger(purgeDays) || purgeDays < 1) fail('PTCE_PURGE_DAYS must be a whole number of days, 1 or more');
const requestTimeoutMs = milliseconds('PTCE_REQUEST_TIMEOUT_MS', 30_000);
const keepAliveTimeoutMs = milliseconds('PTCE_KEEP_ALIVE_TIMEOUT_MS', 72_000);

// PostgreSQL when PTCE_DATABASE_URL is set; otherwise a SQLite file, relative to where the
// command runs, by default data/ptce.sqlite at the top of the repository.
const database = env.PTCE_DATABASE_URL || resolve(env.PTCE_DB ?? `${repo}/data/ptce.sqlite`);

// The admin token never goes to the logs: unless set, it is read from a file that only this user
// may read, written with a new random token the first time (beside the SQLite file by default).
let adminToken = env.PTCE_ADMIN_TOKEN ?? '';
if (!adminToken) {
  const file = resolve(
    env.PTCE_ADMIN_TOKEN_FILE || (env.PTCE_DATABASE_URL ? `${repo}/data/admin-token` : `${dirname(database)}/admin-token`),
  );
  if (existsSync(file)) {
    adminToken = readFileSync(file, 'utf8').trim();
  } else {
    adminToken = randomBytes(32).toString('base64url');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${adminToken}\n`, { mode: 0o600, flag: 'wx' });
  }
  console.log(
    `ptce: PTCE_ADMIN_TOKEN is not set; the admin token is in ${file} (readable by this user only: cat it to log in at /admin.html)`,
  );
}
if (adminToken.length < MIN_ADMIN_TOKEN) {
  fail(`the admin token must have ${MIN_ADMIN_TOKEN} characters at least (try: openssl rand -base64 32)`);
}

const store = await openStore(database);
const seedDir = resolve(env.PTCE_SEED_DIR ?? `${repo}/demo/data`);
if (await store.seedIfEmpty(seedDir)) {
  console.log(`ptce: new ${store.kind} database, seeded from ${seedDir}`);
}
// The demo only (scripts/demo.sh): a fictitious pole's campaign with fictitious answers.
if (env.PTCE_DEMO_CAMPAIGN === '1' && (await seedDemoCampaign(store, seedDir))) {
  console.log('ptce: demo campaign added (fictitious pole and answers; its codes are in demo/data/campagne-demo.json)');
}

// The demo only (scripts/demo.sh): an admin and a moderator per region, on a database without accounts.
const demoAccounts = env.PTCE_DEMO_ACCOUNTS === '1' ? await seedDemoAccounts(store.db) : [];

// In production, of the demo folder only the admin page is served: not the demo pages, nor the
// demo data (whose campagne-demo.json holds the demo campaign's codes).
const ADMIN_PAGE = ['/admin.html', '/demo.css'];
const port = Number(env.PORT ?? 8080);
let openData: ReturnType<typeof openDataSettings> | undefined;
try {
  openData = openDataSettings(env);
} catch (error) {
  fail((error as Error).message);
}
const app = await buildApp({
  openData,
  store,
  adminToken,
  publicUrl: env.PTCE_PUBLIC_URL || undefined,
  trustProxy: parseTrustProxy(env.PTCE_TRUST_PROXY),
  cacheMaxAge: Number(env.PTCE_CACHE_MAX_AGE ?? 0),
  allowedOrigins: (env.PTCE_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
  postsPerMinute: Number(env.PTCE_POSTS_PER_MINUTE ?? 20),
  contactsPerHour: Number(env.PTCE_CONTACTS_PER_HOUR || 10),
  campaignMaxAnswers: Number(env.PTCE_CAMPAIGN_MAX_ANSWERS || 500),
  // Off: no request logs, but errors still (an answer 5xx, a crash).
  logger: env.PTCE_LOG === 'off' ? 'errors' : true,
  requestTimeoutMs,
  keepAliveTimeoutMs,
  purgeDays,
  mail: { smtpUrl: env.PTCE_SMTP_URL || undefined, from: env.PTCE_MAIL_FROM || undefined },
  // Beside the embed bundles' folder: dist/configurator/ (npm run build) or dist-demo/configurator/.
  configuratorBundle: resolve(repo, env.PTCE_CDN_DIR ?? 'dist/cdn', '..', 'configurator', 'ptce-configurator.js'),
  // Sources kept in step: checked every minute by default (0: off).
  sourceCheckMs: Number(env.PTCE_SOURCES_CHECK_SECONDS ?? 60) * 1000,
  staticDirs: [
    { root: resolve(repo, env.PTCE_CDN_DIR ?? 'dist/cdn'), prefix: '/cdn/' },
    // The same files under the versioned path a page pins with its SRI hash (README "Embed").
    { root: resolve(repo, env.PTCE_CDN_DIR ?? 'dist/cdn'), prefix: `/ptce-widgets@${packageVersion}/cdn/`, immutable: production },
    // The admin application's bundle, built beside the embed bundles (dist/admin, dist-demo/admin).
    { root: resolve(repo, env.PTCE_CDN_DIR ?? 'dist/cdn', '../admin'), prefix: '/admin/' },
    ...(production
      ? [{ root: `${repo}/demo`, prefix: '/', only: ADMIN_PAGE }]
      : [
          { root: `${repo}/demo/data`, prefix: '/demo-data/' },
          { root: `${repo}/demo`, prefix: '/' },
        ]),
  ],
});

const stop = async () => {
  // Answers in flight are finished (and their writes committed) before the database closes.
  await app.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// A crash is logged as one structured line (PTCE_LOG=off too), then the process stops.
process.on('uncaughtException', (error) => {
  app.log.fatal({ code: (error as { code?: string }).code, message: error.message, stack: error.stack }, 'crashed');
  process.exit(1);
});

await app.listen({ port, host: env.HOST ?? 'localhost' });
if (demoAccounts.length) {
  const width = Math.max(...demoAccounts.map((account) => account.email.length));
  console.log(
    [
      `ptce: demo accounts (shown this once; delete the database to get new ones). Log in at http://localhost:${port}/admin.html:`,
      ...demoAccounts.map(
        (account) =>
          `  ${account.email.padEnd(width)}  ${account.password}  ${account.role === 'admin' ? 'admin' : `moderator, ${account.region}`}`,
      ),
    ].join('\n'),
  );
}
console.log(
  production
    ? `ptce: listening on port ${port} (production) — endpoint /ptce.json, admin page /admin.html`
    : `ptce: demo on http://localhost:${port}/ — endpoint http://localhost:${port}/ptce.json`,
);
