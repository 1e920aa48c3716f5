import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Pole } from '../../../src/data/schemas/pole.js';
import { configure } from './sqlite-config.js';
import { ACTIONS_MIGRATION } from './migrations-actions.js';
import type { Reply } from './sqlite-writer.js';
import {
  CAMPAIGN_COLUMNS,
  CAMPAIGNS_MIGRATION,
  readSeed,
  summariesOf,
  type CampaignListRow,
  type CampaignRow,
  type ActionRow,
  type AssessmentRow,
  type PublicData,
  type SignatureRow,
  type Store,
  type StoreResult,
  type Submission,
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
  // Campaigns ("regards croisés"), and the campaign each answer set went into.
  CAMPAIGNS_MIGRATION,
  ACTIONS_MIGRATION.sqlite,
];

interface Pending {
  submission: Submission;
  resolve: (result: StoreResult<never>) => void;
  reject: (error: unknown) => void;
}

// The server runs its TypeScript through tsx, whose loader a worker thread does not inherit.
const WRITER = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./sqlite-writer.ts', import.meta.url).href)}); })`;

const asError = ({ code, message }: { code?: string; message: string }) => Object.assign(new Error(message), { code });

/**
 * SQLite in WAL mode, the embedded default. Several processes may share the file: every write
 * transaction is `BEGIN IMMEDIATE` (it takes the write lock first, so the busy timeout makes a
 * second process wait instead of failing). Submissions are written by a thread of their own
 * (sqlite-writer.ts): those that arrive while it writes go together in its next transaction —
 * one sync to disk for the lot (group commit) — and the main thread never waits for a sync.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  readonly #writer: Worker;
  /** Set when the writer thread stopped: writes are refused from then on. */
  #stopped: Error | undefined;
  #queue: Pending[] = [];
  #inFlight: Pending[] | undefined;
  #drained: (() => void) | undefined;
  /** Transactions that wrote submissions (a measure of the group commit). */
  submissionCommits = 0;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    configure(this.db);
    this.#migrate();
    this.#writer = new Worker(WRITER, { eval: true, workerData: { file } });
    this.#writer.unref();
    this.#writer.on('message', (reply: Reply) => this.#settle(reply));
    // It should never stop before close(); if it does, every write waiting is answered an error.
    this.#writer.on('error', (error) => (this.#stopped ??= error));
    this.#writer.on('exit', () => {
      this.#stopped ??= new Error('the SQLite writer thread stopped');
      for (const pending of [...(this.#inFlight ?? []), ...this.#queue]) pending.reject(this.#stopped);
      this.#inFlight = undefined;
      this.#queue = [];
      this.#drained?.();
    });
  }

  async schemaVersion(): Promise<number> {
    return this.#version();
  }

  #version(): number {
    return (this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  }

  #migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    this.db
      .transaction(() => {
        const current = this.#version();
        MIGRATIONS.slice(current).forEach((sql, index) => {
          this.db.exec(sql);
          this.db
            .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
            .run(current + index + 1, new Date().toISOString());
        });
      })
      .immediate();
  }

  async seedIfEmpty(dir: string): Promise<boolean> {
    const seed = readSeed(dir);
    return this.db
      .transaction(() => {
        if ((this.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n > 0) return false;
        const now = new Date().toISOString();
        const putDocument = this.db.prepare('INSERT INTO documents (kind, body, updated_at) VALUES (?, ?, ?)');
        for (const [kind, body] of seed.documents) putDocument.run(kind, body, now);
        const putPole = this.db.prepare('INSERT INTO poles (id, position, body) VALUES (?, ?, ?)');
        for (const pole of seed.poles) putPole.run(pole.id, pole.position, pole.body);
        this.#bump();
        return true;
      })
      .immediate();
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
      const poles = (this.db.prepare('SELECT body FROM poles ORDER BY position').all() as { body: string }[]).map(
        (r) => JSON.parse(r.body) as Pole,
      );
      const listed = this.db
        .prepare("SELECT * FROM signatures WHERE status = 'approved' AND consent_to_list = 1 ORDER BY decided_at, id")
        .all() as SignatureRow[];
      const published = this.db
        .prepare('SELECT pole_id, summary FROM campaigns WHERE summary IS NOT NULL ORDER BY published_at, id')
        .all() as { pole_id: string; summary: string }[];
      const actions = this.db.prepare("SELECT * FROM actions WHERE status = 'approved' ORDER BY decided_at, id").all() as ActionRow[];
      return { documents, poles, listed, summaries: summariesOf(published), actions };
    })();
  }

  /** Queued, then written with the other submissions that arrive before the writer is free. */
  storeOnce<Row extends { request_hash: string }>(submission: Submission): Promise<StoreResult<Row>> {
    if (this.#stopped) return Promise.reject(this.#stopped);
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

  #settle(reply: Reply): void {
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

  async listSignatures(status?: string): Promise<SignatureRow[]> {
    return (
      status
        ? this.db.prepare('SELECT * FROM signatures WHERE status = ? ORDER BY id').all(status)
        : this.db.prepare('SELECT * FROM signatures ORDER BY id').all()
    ) as SignatureRow[];
  }

  async listAssessments(): Promise<AssessmentRow[]> {
    return this.db.prepare('SELECT * FROM assessments ORDER BY id').all() as AssessmentRow[];
  }

  async decideSignature(reference: string, status: 'approved' | 'rejected'): Promise<SignatureRow | undefined> {
    return this.db
      .transaction(() => {
        const { changes } = this.db
          .prepare('UPDATE signatures SET status = ?, decided_at = ? WHERE reference = ?')
          .run(status, new Date().toISOString(), reference);
        if (changes) this.#bump();
        return this.db.prepare('SELECT * FROM signatures WHERE reference = ?').get(reference) as SignatureRow | undefined;
      })
      .immediate();
  }

  async addPole(id: string, body: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        const { changes } = this.db
          .prepare(
            'INSERT INTO poles (id, position, body) SELECT ?, COALESCE(MAX(position), -1) + 1, ? FROM poles WHERE true ON CONFLICT (id) DO NOTHING',
          )
          .run(id, body);
        if (changes) this.#bump();
        return changes > 0;
      })
      .immediate();
  }

  async createCampaign(row: CampaignRow): Promise<void> {
    this.db
      .prepare(`INSERT INTO campaigns (${CAMPAIGN_COLUMNS.join(', ')}) VALUES (${CAMPAIGN_COLUMNS.map((c) => `@${c}`).join(', ')})`)
      .run(row);
  }

  async listCampaigns(): Promise<CampaignListRow[]> {
    return this.db
      .prepare(
        'SELECT c.*, (SELECT COUNT(*) FROM assessments a WHERE a.campaign_id = c.id) AS answers FROM campaigns c ORDER BY c.created_at, c.id',
      )
      .all() as CampaignListRow[];
  }

  async campaign(id: string): Promise<CampaignRow | undefined> {
    return this.db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
  }

  async campaignByCode(hash: string): Promise<CampaignRow | undefined> {
    return this.db.prepare('SELECT * FROM campaigns WHERE respondent_code_hash = ?').get(hash) as CampaignRow | undefined;
  }

  async closeCampaign(id: string, at: string): Promise<CampaignRow | undefined> {
    this.db.prepare('UPDATE campaigns SET closed_at = COALESCE(closed_at, ?) WHERE id = ?').run(at, id);
    return this.campaign(id);
  }

  async campaignAssessments(campaignId: string): Promise<AssessmentRow[]> {
    return this.db.prepare('SELECT * FROM assessments WHERE campaign_id = ? ORDER BY id').all(campaignId) as AssessmentRow[];
  }

  async deleteAssessment(campaignId: string, reference: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM assessments WHERE campaign_id = ? AND reference = ?').run(campaignId, reference).changes > 0;
  }

  async setCampaignSummary(id: string, summary: string | null, publishedAt: string | null): Promise<void> {
    this.db
      .transaction(() => {
        this.db.prepare('UPDATE campaigns SET summary = ?, published_at = ? WHERE id = ?').run(summary, publishedAt, id);
        this.#bump();
      })
      .immediate();
  }

  async listActions(status?: string): Promise<ActionRow[]> {
    return (
      status
        ? this.db.prepare('SELECT * FROM actions WHERE status = ? ORDER BY id').all(status)
        : this.db.prepare('SELECT * FROM actions ORDER BY id').all()
    ) as ActionRow[];
  }

  async decideAction(reference: string, status: 'approved' | 'rejected'): Promise<ActionRow | undefined> {
    return this.db
      .transaction(() => {
        const { changes } = this.db
          .prepare('UPDATE actions SET status = ?, decided_at = ? WHERE reference = ?')
          .run(status, new Date().toISOString(), reference);
        if (changes) this.#bump();
        return this.db.prepare('SELECT * FROM actions WHERE reference = ?').get(reference) as ActionRow | undefined;
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (this.#inFlight || this.#queue.length) await new Promise<void>((resolve) => (this.#drained = resolve));
    this.#stopped = new Error('the store is closed');
    await this.#writer.terminate();
    this.db.close();
  }
}
