// The SQLite writer thread: takes batches of submissions from the main thread and writes each
// batch in one `BEGIN IMMEDIATE` transaction, so the sync to disk at COMMIT (which takes
// milliseconds) never holds up the main thread, and GETs are served meanwhile.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { replayOf, submissionValues, type StoreResult, type Submission } from './types.js';
import { configure } from './sqlite-config.js';

export type Outcome =
  { ok: true; result: StoreResult<{ request_hash: string }> } | { ok: false; error: { code?: string; message: string } };
export type Reply = { outcomes: Outcome[] } | { error: { code?: string; message: string } };

const db = new Database(workerData.file as string);
configure(db);
// SQLite's own busy handler sleeps longer and longer (up to 100 ms) while another process holds
// the file, and that process, writing again at once, keeps winning. This thread may block, so it
// asks again every millisecond instead, and leaves a millisecond between its own transactions for
// another process to take its turn (meanwhile the next batch grows).
db.pragma('busy_timeout = 1');
const BUSY_TIMEOUT_MS = 15_000;
const TURN_MS = 1;
const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);
let lastCommit = 0;

// Prepared once per table and column set, not per submission.
const statements = new Map<string, Database.Statement>();
const statement = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;

const writeOne = db.transaction((s: Submission): StoreResult<{ request_hash: string }> => {
  const values = submissionValues(s);
  const existing = statement(`SELECT * FROM ${s.table} WHERE idempotency_key = ?`).get(s.idempotencyKey) as
    { request_hash: string } | undefined;
  if (existing) return replayOf(existing, values.request_hash);
  const names = Object.keys(values);
  const { lastInsertRowid } = statement(
    `INSERT INTO ${s.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
  ).run(values);
  return { kind: 'created', row: statement(`SELECT * FROM ${s.table} WHERE id = ?`).get(lastInsertRowid) as { request_hash: string } };
});

const describe = (error: unknown) => ({ code: (error as { code?: string }).code, message: String((error as Error).message ?? error) });

// Nested in the batch, each submission runs in a savepoint: one failing undoes no other.
const writeBatch = db.transaction((batch: Submission[]) =>
  batch.map((submission): Outcome => {
    try {
      return { ok: true, result: writeOne(submission) };
    } catch (error) {
      return { ok: false, error: describe(error) };
    }
  }),
);

function write(batch: Submission[]): Outcome[] {
  const since = performance.now() - lastCommit;
  if (since < TURN_MS) sleep(TURN_MS - since);
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      const outcomes = writeBatch.immediate(batch);
      lastCommit = performance.now();
      return outcomes;
    } catch (error) {
      // Busy: nothing was written (the transaction never began, or was rolled back); try again.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      sleep(1);
    }
  }
}

parentPort!.on('message', (batch: Submission[]) => {
  let reply: Reply;
  try {
    reply = { outcomes: write(batch) };
  } catch (error) {
    reply = { error: describe(error) };
  }
  parentPort!.postMessage(reply);
});
