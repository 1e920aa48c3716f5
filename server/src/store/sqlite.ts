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
import { serializedSubmission, StoreUnavailable, type SerializedSubmission, type StoreResult, type Submission } from './types.js';

interface Pending {
  submission: SerializedSubmission;
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
  readonly #file: string;
  readonly #connection: Database.Database;
  #writer!: Worker;
  /** Whether the current writer thread said it is ready (false while it starts or restarts). */
  #writerUp = false;
  /** Set by close(): writes are refused and the writer is not restarted. */
  #closed: Error | undefined;
  /** Why the last writer thread could not start or stopped, until one is up again. */
  #writerFailure: Error | undefined;
  #restarts = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #queue: Pending[] = [];
  #inFlight: Pending[] | undefined;
  #drained: (() => void) | undefined;
  #writerReady!: Promise<void>;
  #writerSettled = () => {};
  /** Transactions that wrote submissions (a measure of the group commit). */
  submissionCommits = 0;

  /** The store once its schema is up to date and its writer thread ready to write. */
  static async open(file: string): Promise<SqliteStore> {
    const store = new SqliteStore(file);
    try {
      await store.ready;
      await store.#writerReady;
      if (!store.#writerUp) throw store.#writerFailure ?? new Error('the SQLite writer thread did not start');
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
    this.#file = file;
    this.#connection = connection;
    this.ready = ready;
    ready.catch(() => {}); // reported to whoever waits for it
    this.#startWriter();
  }

  #startWriter(): void {
    const writer = new Worker(WRITER, { eval: true, workerData: { file: this.#file } });
    this.#writer = writer;
    writer.unref();
    this.#writerReady = new Promise((resolve) => (this.#writerSettled = resolve));
    writer.on('message', (reply: Reply) => {
      if (reply !== 'ready') return this.#settle(reply);
      this.#writerUp = true;
      this.#writerFailure = undefined;
      this.#restarts = 0;
      this.#writerSettled();
    });
    writer.on('error', (error) => (this.#writerFailure = error));
    writer.on('exit', () => this.#writerStopped());
  }

  /**
   * The writer thread should never stop before close(); if it does (a crash, a native fault), the
   * writes it held fail with a retryable error — whether their transaction committed or not, none
   * was acknowledged, and the client's retry with the same key is answered once — and a new
   * thread starts, soon after the first stop and more slowly if it keeps stopping.
   */
  #writerStopped(): void {
    this.#writerUp = false;
    this.#writerFailure ??= new Error('the SQLite writer thread stopped');
    const unavailable = this.#closed ?? new StoreUnavailable(`SQLite writer: ${this.#writerFailure.message}; restarting`);
    for (const pending of [...(this.#inFlight ?? []), ...this.#queue]) pending.reject(unavailable);
    this.#inFlight = undefined;
    this.#queue = [];
    this.#drained?.();
    this.#writerSettled();
    if (this.#closed) return;
    const delay = Math.min(50 * 2 ** this.#restarts++, 5000);
    this.#restartTimer = setTimeout(() => this.#closed || this.#startWriter(), delay);
    this.#restartTimer.unref();
  }

  override async check(): Promise<void> {
    await super.check();
    if (this.#closed) throw this.#closed;
    if (!this.#writerUp) throw new StoreUnavailable(`SQLite writer: ${this.#writerFailure?.message ?? 'starting'}`);
  }

  /** For tests: stops the writer thread as a crash would, and gives its exit code. */
  crashWriterForTest(): Promise<number> {
    return this.#writer.terminate();
  }

  /** Queued, then written with the other submissions that arrive before the writer is free. */
  override async storeOnce<Row extends { request_hash: string }>(submission: Submission): Promise<StoreResult<Row>> {
    await this.ready;
    // Starting for the first time: worth waiting for. Restarting after a crash: try again later.
    if (!this.#writerUp && !this.#writerFailure) await this.#writerReady;
    if (this.#closed) throw this.#closed;
    if (!this.#writerUp) throw new StoreUnavailable(`SQLite writer: ${this.#writerFailure?.message ?? 'starting'}`);
    return new Promise((resolve, reject) => {
      this.#queue.push({ submission: serializedSubmission(submission), resolve: resolve as Pending['resolve'], reject });
      // A turn of the event loop first, so that requests read together are written together.
      if (this.#queue.length === 1 && !this.#inFlight) setImmediate(() => this.#send());
    });
  }

  #send(): void {
    if (this.#inFlight || !this.#queue.length || !this.#writerUp) return;
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
    if (this.#writerUp && (this.#inFlight || this.#queue.length)) await new Promise<void>((resolve) => (this.#drained = resolve));
    this.#closed = new Error('the store is closed');
    clearTimeout(this.#restartTimer);
    await this.#writer.terminate();
    await this.ready.catch(() => {});
    await super.close();
    // Never opened through the store's Kysely if no query ran.
    if (this.#connection.open) this.#connection.close();
  }
}
