// Starts the reference endpoint: `npm start` at the top of the repository (scripts/demo.sh).
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { openDatabase, seedIfEmpty } from './db.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const env = process.env;

// Relative to where the command runs; by default data/ptce.sqlite at the top of the repository.
const dbFile = resolve(env.PTCE_DB ?? `${repo}/data/ptce.sqlite`);
const db = openDatabase(dbFile);
if (seedIfEmpty(db, resolve(env.PTCE_SEED_DIR ?? `${repo}/demo/data`))) console.log(`ptce: new database ${dbFile}, seeded from the demo data`);

let adminToken = env.PTCE_ADMIN_TOKEN ?? '';
if (!adminToken) {
  adminToken = randomBytes(18).toString('base64url');
  console.log(`ptce: PTCE_ADMIN_TOKEN is not set; this run's admin token is: ${adminToken}`);
}

const port = Number(env.PORT ?? 8080);
const app = await buildApp({
  db,
  adminToken,
  allowedOrigins: (env.PTCE_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
  postsPerMinute: Number(env.PTCE_POSTS_PER_MINUTE ?? 20),
  logger: env.PTCE_LOG !== 'off',
  staticDirs: [
    { root: `${repo}/dist/cdn`, prefix: '/cdn/' },
    { root: `${repo}/demo/data`, prefix: '/demo-data/' },
    { root: `${repo}/demo`, prefix: '/' },
  ],
});

const stop = async () => {
  await app.close();
  db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

await app.listen({ port, host: env.HOST ?? 'localhost' });
console.log(`ptce: demo on http://localhost:${port}/ — endpoint http://localhost:${port}/ptce.json`);
