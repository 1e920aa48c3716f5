import type Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { migrate } from './migrations/index.js';
import type { Database as Tables } from './schema.js';
import { openSqlite, StoreSqliteDialect } from './sqlite-dialect.js';
import type { Reply } from './sqlite-writer.js';
import { KyselyStore } from './store.js';
import type { StoreResult, Submission } from './types.js';

interface Pending {
  submission: Submission;
  resolve: (result: StoreResult<never>) => void;
  reject: (error: unknown) => void;
}

// The server runs its TypeScript through tsx, whose loader a worker thread does not inherit. The
// packages load first, without it: through it, loading Kysely's 280 files takes several times longer.
// The build (server/dist/) is JavaScript: its writer loads as it is.
const PACKAGES = ['kysely', 'zod/mini', 'better-sqlite3'].map((name) => import.meta.resolve(name));
const WRITER = import.meta.url.endsWith('.ts')
  ? `Promise.all(${JSON.stringify(PACKAGES)}.map((url) => import(url)))
  .then(() => import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}))
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./sqlite-writer.ts', import.meta.url).href)}); })`
  : `import(${JSON.stringify(new URL('./sqlite-writer.js', import.meta.url).href)})`;

const asError = ({ code, message }: { code?: string; message: string }) => Object.assign(new Error(message), { code });

/**
 * SQLite in WAL mode, the embedded default: the store (store.ts) on the main thread's connection,
 * except for submissions. Several processes may share the file: every write transaction is
 * `BEGIN IMMEDIATE` (it takes the write lock first, so the busy timeout makes a second process
 * wait instead of failing). Submissions are written by a thread of their own (sqlite-writer.ts):
 * those that arrive while it writes go together in its next transaction — one sync to disk for
 * the lot (group commit) — and the main thread never waits for a sync.
 */
export class SqliteStore extends KyselyStore {
  /** Resolved once the schema is up to date (queries wait for it; `open` too). */
  readonly ready: Promise<void>;
  readonly #connection: Database.Database;
  readonly #writer: Worker;
  /** Set when the writer thread stopped: writes are refused from then on. */
  #stopped: Error | undefined;
  #queue: Pending[] = [];
  #inFlight: Pending[] | undefined;
  #drained: (() => void) | undefined;
  readonly #writerReady: Promise<void>;
  #writerStarted = () => {};
  /** Transactions that wrote submissions (a measure of the group commit). */
  submissionCommits = 0;

  /** The store once its schema is up to date and its writer thread ready to write. */
  static async open(file: string): Promise<SqliteStore> {
    const store = new SqliteStore(file);
    try {
      await store.ready;
      await store.#writerReady;
      if (store.#stopped) throw store.#stopped;
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    const connection = openSqlite(file);
    // Migrated through a Kysely of its own; the store's opens the connection only then.
    const ready = migrate(new Kysely<Tables>({ dialect: new StoreSqliteDialect(connection) }), 'sqlite');
    super('sqlite', new Kysely<Tables>({ dialect: new StoreSqliteDialect(() => ready.then(() => connection)) }));
    this.#connection = connection;
    this.ready = ready;
    ready.catch(() => {}); // reported to whoever waits for it
    this.#writer = new Worker(WRITER, { eval: true, workerData: { file } });
    this.#writer.unref();
    this.#writerReady = new Promise((resolve) => (this.#writerStarted = resolve));
    this.#writer.on('message', (reply: Reply) => (reply === 'ready' ? this.#writerStarted() : this.#settle(reply)));
    // It should never stop before close(); if it does, every write waiting is answered an error.
    this.#writer.on('error', (error) => (this.#stopped ??= error));
    this.#writer.on('exit', () => {
      this.#stopped ??= new Error('the SQLite writer thread stopped');
      for (const pending of [...(this.#inFlight ?? []), ...this.#queue]) pending.reject(this.#stopped);
      this.#inFlight = undefined;
      this.#queue = [];
      this.#drained?.();
      this.#writerStarted();
    });
  }

  /** Queued, then written with the other submissions that arrive before the writer is free. */
  override async storeOnce<Row extends { request_hash: string }>(submission: Submission): Promise<StoreResult<Row>> {
    await this.ready;
    if (this.#stopped) throw this.#stopped;
    return new Promise((resolve, reject) => {
      this.#queue.push({ submission, resolve: resolve as Pending['resolve'], reject });
      // A turn of the event loop first, so that requests read together are written together.
      if (this.#queue.length === 1 && !this.#inFlight) setImmediate(() => this.#send());
    });
  }

  #send(): void {
    if (this.#inFlight || !this.#queue.length) return;
    this.#inFlight = this.#queue;
    this.#queue = [];
    this.#writer.ref();
    this.#writer.postMessage(this.#inFlight.map((pending) => pending.submission));
  }

  #settle(reply: Exclude<Reply, 'ready'>): void {
    const batch = this.#inFlight ?? [];
    this.#inFlight = undefined;
    // Only now, after COMMIT and its sync, does anyone hear that their write is stored.
    if ('error' in reply) {
      for (const pending of batch) pending.reject(asError(reply.error));
    } else {
      this.submissionCommits++;
      reply.outcomes.forEach((outcome, i) =>
        outcome.ok ? batch[i].resolve(outcome.result as StoreResult<never>) : batch[i].reject(asError(outcome.error)),
      );
    }
    if (this.#queue.length) this.#send();
    else {
      this.#writer.unref();
      this.#drained?.();
    }
  }

  override async close(): Promise<void> {
    if (this.#inFlight || this.#queue.length) await new Promise<void>((resolve) => (this.#drained = resolve));
    this.#stopped = new Error('the store is closed');
    await this.#writer.terminate();
    await this.ready.catch(() => {});
    await super.close();
    // Never opened through the store's Kysely if no query ran.
    if (this.#connection.open) this.#connection.close();
  }
}
