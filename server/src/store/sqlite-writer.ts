// The SQLite writer thread: takes batches of submissions from the main thread and writes each
// batch in one `BEGIN IMMEDIATE` transaction, so the sync to disk at COMMIT (which takes
// milliseconds) never holds up the main thread, and GETs are served meanwhile. It runs the
// store's own `storeOne` through a Kysely of its own, over its own connection.
import { Kysely, type ControlledTransaction } from 'kysely';
import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from './schema.js';
import { openSqlite, StoreSqliteDialect } from './sqlite-dialect.js';
import { storeOne, submissionInsert, type SubmissionRow } from './store.js';
import type { SerializedSubmission, StoreResult } from './types.js';

export type Outcome = { ok: true; result: StoreResult<SubmissionRow> } | { ok: false; error: { code?: string; message: string } };
export type Reply = { outcomes: Outcome[] } | { error: { code?: string; message: string } } | 'ready';

const connection = openSqlite(workerData.file as string);
// SQLite's own busy handler sleeps longer and longer (up to 100 ms) while another process holds
// the file, and that process, writing again at once, keeps winning. This thread may block, so it
// asks again every millisecond instead, and leaves a millisecond between its own transactions for
// another process to take its turn (meanwhile the next batch grows).
connection.pragma('busy_timeout = 1');
const db = new Kysely<Database>({ dialect: new StoreSqliteDialect(connection) });
const BUSY_TIMEOUT_MS = 15_000;
const TURN_MS = 1;
const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);
let lastCommit = 0;

const describe = (error: unknown) => ({ code: (error as { code?: string }).code, message: String((error as Error).message ?? error) });

/** `BEGIN IMMEDIATE`, again every millisecond while another process holds the write lock. */
async function begin(): Promise<ControlledTransaction<Database>> {
  const since = performance.now() - lastCommit;
  if (since < TURN_MS) sleep(TURN_MS - since);
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return await db.startTransaction().execute();
    } catch (error) {
      // Busy: the transaction never began; try again.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      sleep(1);
    }
  }
}

async function write(batch: SerializedSubmission[]): Promise<Outcome[]> {
  // Built before the lock is taken: while it is held, only SQL runs.
  const inserts = batch.map((submission) => submissionInsert(db, submission));
  const trx = await begin();
  try {
    const outcomes: Outcome[] = [];
    // One failing (its one writing statement undone by SQLite) undoes no other.
    for (const [i, submission] of batch.entries()) {
      try {
        outcomes.push({ ok: true, result: await storeOne(trx, submission, inserts[i]) });
      } catch (error) {
        outcomes.push({ ok: false, error: describe(error) });
      }
    }
    await trx.commit().execute();
    lastCommit = performance.now();
    return outcomes;
  } catch (error) {
    if (!trx.isCommitted && !trx.isRolledBack)
      await trx
        .rollback()
        .execute()
        .catch(() => {});
    throw error;
  }
}

parentPort!.on('message', async (batch: SerializedSubmission[]) => {
  let reply: Reply;
  try {
    reply = { outcomes: await write(batch) };
  } catch (error) {
    reply = { error: describe(error) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage('ready' satisfies Reply);
