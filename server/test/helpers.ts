import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../src/app.js';
import pg from 'pg';
import { openStore, type Store } from '../src/store/index.js';
import type { PostgresTimeouts } from '../src/store/postgres.js';
import { validSignature } from '../../test/contract/cases.js';

export const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ADMIN = 'test-admin-token-0123456789-abcdefghij';

/** The back end under test: PostgreSQL when PTCE_DATABASE_URL is set (scripts/with-postgres.sh). */
export const POSTGRES = process.env.PTCE_DATABASE_URL ?? '';
export const backEnd = POSTGRES ? 'postgres' : 'sqlite';

export function tempDbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'ptce-test-')), 'ptce.sqlite');
}

let databases = 0;
/** A new, empty database of the back end under test: a SQLite file, or a PostgreSQL database. */
export async function tempDatabase(): Promise<string> {
  if (!POSTGRES) return tempDbFile();
  const name = `ptce_test_${process.pid}_${Date.now()}_${++databases}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return url.href;
}

export interface Running {
  url: string;
  app: FastifyInstance;
  store: Store;
  database: string;
  close(): Promise<void>;
}

/** The app in this process, on an ephemeral port, with a real database seeded from the demo. */
export async function startApp(options: Partial<AppOptions> & { database?: string; timeouts?: PostgresTimeouts } = {}): Promise<Running> {
  const database = options.database ?? (await tempDatabase());
  const store = await openStore(database, options.timeouts);
  await store.seedIfEmpty(join(repo, 'demo/data'));
  const app = await buildApp({
    adminToken: ADMIN,
    allowedOrigins: ['https://cress.example.org'],
    postsPerMinute: 1000,
    staticDirs: [{ root: join(repo, 'demo'), prefix: '/' }],
    ...options,
    store,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    database,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** The real server (server/src/main.ts) in a child process, as `npm start` runs it. */
export async function startProcess(
  database: string,
  env: Record<string, string> = {},
  args = ['--import', 'tsx', join(repo, 'server/src/main.ts')],
): Promise<ServerProcess> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(database.startsWith('postgres') ? { PTCE_DATABASE_URL: database } : { PTCE_DB: database, PTCE_DATABASE_URL: '' }),
      PTCE_ADMIN_TOKEN: ADMIN,
      PTCE_POSTS_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a loaded machine compiling through tsx and starting the writer thread can take long.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/ptce.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Not left running: its pipes would keep the test process alive.
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, output: () => output };
}

export function stopProcess(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolveStop) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolveStop();
    server.child.once('exit', () => resolveStop());
    server.child.kill(signal);
  });
}

/** A valid signature (the contract tests' one, with the server tests' own pole and person). */
export function signature(overrides: Record<string, unknown> = {}) {
  return {
    ...validSignature,
    pole: { ...validSignature.pole, name: 'Pôle Écotest' },
    representative: { ...validSignature.representative, email: 'camille.martin@example.org' },
    date: '2026-11-20',
    ...overrides,
  };
}

let keyCounter = 0;
export const newKey = () => `test-key-${process.pid}-${Date.now()}-${++keyCounter}`;

export function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const admin = (url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { Authorization: `Bearer ${ADMIN}`, ...(init.headers ?? {}) } });
