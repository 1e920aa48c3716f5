import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Pole } from '../../../src/data/schemas/pole.js';
import {
  readSeed, replayOf, submissionValues,
  type AssessmentRow, type PublicData, type SignatureRow, type Store, type StoreResult, type Submission,
} from './types.js';

/**
 * Schema changes, in order. Never edit a released one: add the next (and its PostgreSQL twin in
 * postgres.ts). `schema_migrations` records which ran, so an existing database is brought up to
 * date at start.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE documents (
     kind TEXT PRIMARY KEY,
     body TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE poles (
     id TEXT PRIMARY KEY,
     position INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE signatures (
     id INTEGER PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     idempotency_key TEXT NOT NULL UNIQUE,
     request_hash TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
     received_at TEXT NOT NULL,
     decided_at TEXT,
     pole_name TEXT NOT NULL,
     consent_to_list INTEGER NOT NULL,
     place TEXT NOT NULL,
     signed_on TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX signatures_status ON signatures (status);
   CREATE TABLE assessments (
     id INTEGER PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     idempotency_key TEXT NOT NULL UNIQUE,
     request_hash TEXT NOT NULL,
     received_at TEXT NOT NULL,
     referentiel_id TEXT NOT NULL,
     referentiel_version TEXT NOT NULL,
     pole_id TEXT,
     body TEXT NOT NULL
   );`,
  // A counter bumped with every change to the public documents, so that each server process
  // knows when to rebuild its copy of them.
  `CREATE TABLE public_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
   INSERT INTO public_revision (id, revision) VALUES (1, 0);`,
];

interface Pending {
  submission: Submission;
  resolve: (result: StoreResult<never>) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: StoreResult<never> } | { ok: false; error: unknown };

/**
 * SQLite in WAL mode, the embedded default. Several processes may share the file: every write
 * transaction is `BEGIN IMMEDIATE` (it takes the write lock first, so the busy timeout makes a
 * second process wait instead of failing), and submissions that arrive together are written in
 * one transaction — one sync to disk for the lot (group commit).
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  readonly #writeBatch: Database.Transaction<(batch: Pending[]) => Outcome[]>;
  #queue: Pending[] = [];
  #scheduled = false;
  /** Transactions that wrote submissions (a measure of the group commit). */
  submissionCommits = 0;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // First, so that even opening waits for another process rather than failing.
    this.db.pragma('busy_timeout = 15000');
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged write is on disk before the answer leaves, even if the machine stops.
    this.db.pragma('synchronous = FULL');
    this.#migrate();
    this.#writeBatch = this.#transactions(this.db);
  }

  async schemaVersion(): Promise<number> {
    return this.#version();
  }

  #version(): number {
    return (this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  }

  #migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    this.db.transaction(() => {
      const current = this.#version();
      MIGRATIONS.slice(current).forEach((sql, index) => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(current + index + 1, new Date().toISOString());
      });
    }).immediate();
  }

  async seedIfEmpty(dir: string): Promise<boolean> {
    const seed = readSeed(dir);
    return this.db.transaction(() => {
      if ((this.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n > 0) return false;
      const now = new Date().toISOString();
      const putDocument = this.db.prepare('INSERT INTO documents (kind, body, updated_at) VALUES (?, ?, ?)');
      for (const [kind, body] of seed.documents) putDocument.run(kind, body, now);
      const putPole = this.db.prepare('INSERT INTO poles (id, position, body) VALUES (?, ?, ?)');
      for (const pole of seed.poles) putPole.run(pole.id, pole.position, pole.body);
      this.#bump();
      return true;
    }).immediate();
  }

  #bump(): void {
    this.db.prepare('UPDATE public_revision SET revision = revision + 1 WHERE id = 1').run();
  }

  async revision(): Promise<number> {
    return (this.db.prepare('SELECT revision FROM public_revision WHERE id = 1').get() as { revision: number }).revision;
  }

  async publicData(): Promise<PublicData> {
    return this.db.transaction(() => {
      const documents = new Map<string, unknown>();
      for (const row of this.db.prepare('SELECT kind, body FROM documents').all() as { kind: string; body: string }[]) {
        documents.set(row.kind, JSON.parse(row.body));
      }
      const poles = (this.db.prepare('SELECT body FROM poles ORDER BY position').all() as { body: string }[]).map((r) => JSON.parse(r.body) as Pole);
      const listed = this.db
        .prepare("SELECT * FROM signatures WHERE status = 'approved' AND consent_to_list = 1 ORDER BY decided_at, id")
        .all() as SignatureRow[];
      return { documents, poles, listed };
    })();
  }

  /** Queued, then written with the other submissions of this turn of the event loop. */
  storeOnce<Row extends { request_hash: string }>(submission: Submission): Promise<StoreResult<Row>> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ submission, resolve: resolve as Pending['resolve'], reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(this.#flush);
      }
    });
  }

  #flush = () => {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.#writeBatch.immediate(batch);
      this.submissionCommits++;
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    // Only now, after COMMIT (and its sync), does anyone hear that their write is stored.
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.error)));
  };

  /** One transaction for the batch, a savepoint per submission so one failing undoes no other. */
  #transactions(db: Database.Database) {
    const writeOne = db.transaction((s: Submission): StoreResult<{ request_hash: string }> => {
      const values = submissionValues(s);
      const existing = db.prepare(`SELECT * FROM ${s.table} WHERE idempotency_key = ?`).get(s.idempotencyKey) as { request_hash: string } | undefined;
      if (existing) return replayOf(existing, values.request_hash);
      const names = Object.keys(values);
      const { lastInsertRowid } = db.prepare(`INSERT INTO ${s.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(values);
      return { kind: 'created', row: db.prepare(`SELECT * FROM ${s.table} WHERE id = ?`).get(lastInsertRowid) as { request_hash: string } };
    });
    return db.transaction((batch: Pending[]) =>
      batch.map((pending): Outcome => {
        try {
          return { ok: true, result: writeOne(pending.submission) as StoreResult<never> };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  async listSignatures(status?: string): Promise<SignatureRow[]> {
    return (status
      ? this.db.prepare('SELECT * FROM signatures WHERE status = ? ORDER BY id').all(status)
      : this.db.prepare('SELECT * FROM signatures ORDER BY id').all()) as SignatureRow[];
  }

  async listAssessments(): Promise<AssessmentRow[]> {
    return this.db.prepare('SELECT * FROM assessments ORDER BY id').all() as AssessmentRow[];
  }

  async decideSignature(reference: string, status: 'approved' | 'rejected'): Promise<SignatureRow | undefined> {
    return this.db.transaction(() => {
      const { changes } = this.db.prepare('UPDATE signatures SET status = ?, decided_at = ? WHERE reference = ?').run(status, new Date().toISOString(), reference);
      if (changes) this.#bump();
      return this.db.prepare('SELECT * FROM signatures WHERE reference = ?').get(reference) as SignatureRow | undefined;
    }).immediate();
  }

  async close(): Promise<void> {
    if (this.#queue.length) this.#flush();
    this.db.close();
  }
}
