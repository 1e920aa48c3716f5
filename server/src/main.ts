// Starts the reference endpoint: `npm start` at the top of the repository (scripts/demo.sh).
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, MIN_ADMIN_TOKEN } from './app.js';
import { parseTrustProxy } from './http/origins.js';
import { openStore } from './store/index.js';
import { seedDemoCampaign } from './demo-campaign.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const env = process.env;

let adminToken = env.PTCE_ADMIN_TOKEN ?? '';
if (!adminToken) {
  adminToken = randomBytes(32).toString('base64url');
  console.log(`ptce: PTCE_ADMIN_TOKEN is not set; this run's admin token is: ${adminToken}`);
} else if (adminToken.length < MIN_ADMIN_TOKEN) {
  console.error(`ptce: PTCE_ADMIN_TOKEN must have ${MIN_ADMIN_TOKEN} characters at least (try: openssl rand -base64 32)`);
  process.exit(1);
}

// PostgreSQL when PTCE_DATABASE_URL is set; otherwise a SQLite file, relative to where the
// command runs, by default data/ptce.sqlite at the top of the repository.
const database = env.PTCE_DATABASE_URL || resolve(env.PTCE_DB ?? `${repo}/data/ptce.sqlite`);
const store = await openStore(database);
const seedDir = resolve(env.PTCE_SEED_DIR ?? `${repo}/demo/data`);
if (await store.seedIfEmpty(seedDir)) {
  console.log(`ptce: new ${store.kind} database, seeded from the demo data`);
}
// The demo only (scripts/demo.sh): a fictitious pole's campaign with fictitious answers.
if (env.PTCE_DEMO_CAMPAIGN === '1' && (await seedDemoCampaign(store, seedDir))) {
  console.log('ptce: demo campaign added (fictitious pole and answers; its codes are in demo/data/campagne-demo.json)');
}

const port = Number(env.PORT ?? 8080);
const app = await buildApp({
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
  campaignMaxAnswers: Number(env.PTCE_CAMPAIGN_MAX_ANSWERS || 500),
  logger: env.PTCE_LOG !== 'off',
  staticDirs: [
    { root: resolve(repo, env.PTCE_CDN_DIR ?? 'dist/cdn'), prefix: '/cdn/' },
    { root: `${repo}/demo/data`, prefix: '/demo-data/' },
    { root: `${repo}/demo`, prefix: '/' },
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

await app.listen({ port, host: env.HOST ?? 'localhost' });
console.log(`ptce: demo on http://localhost:${port}/ — endpoint http://localhost:${port}/ptce.json`);
