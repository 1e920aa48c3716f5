import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations/index.js';
import type { Database } from './schema.js';
import { KyselyStore } from './store.js';

/** Limits on waiting for PostgreSQL; past one, the request is answered 503 rather than left hanging. */
export interface PostgresTimeouts {
  /** A statement running longer is cancelled (PTCE_DATABASE_STATEMENT_TIMEOUT_MS, default 10 s). */
  statementTimeoutMs?: number;
  /** A lock (row, table) not granted by then fails the statement (PTCE_DATABASE_LOCK_TIMEOUT_MS, default 5 s). */
  lockTimeoutMs?: number;
  /** A connection not opened by then (database down or unreachable) (PTCE_DATABASE_CONNECT_TIMEOUT_MS, default 5 s). */
  connectTimeoutMs?: number;
}

const setting = (value: number | undefined, name: string, fallback: number) => {
  const ms = value ?? Number(process.env[name] || fallback);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`${name} must be a number of milliseconds`);
  return ms;
};

/**
 * PostgreSQL, for several server processes or machines on one database: the store (store.ts)
 * through a pool. Idempotency rests on the unique constraints. Every connection of the pool has
 * the timeouts above; a connection whose rollback failed is discarded, not returned to the pool
 * (Kysely's PostgreSQL driver does so).
 */
export class PostgresStore extends KyselyStore {
  private constructor(db: Kysely<Database>) {
    super('postgres', db);
  }

  static async open(url: string, timeouts: PostgresTimeouts = {}): Promise<PostgresStore> {
    const statement = setting(timeouts.statementTimeoutMs, 'PTCE_DATABASE_STATEMENT_TIMEOUT_MS', 10_000);
    const lock = setting(timeouts.lockTimeoutMs, 'PTCE_DATABASE_LOCK_TIMEOUT_MS', 5_000);
    const connect = setting(timeouts.connectTimeoutMs, 'PTCE_DATABASE_CONNECT_TIMEOUT_MS', 5_000);
    // Migrations run without the statement and lock timeouts (building an index on a large table
    // may take longer; processes starting together wait their turn), on a connection of their own.
    const setup = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: connect }) }),
    });
    try {
      await migrate(setup, 'postgres');
    } finally {
      await setup.destroy();
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.PTCE_DATABASE_POOL ?? 10),
      connectionTimeoutMillis: connect,
      statement_timeout: statement,
      lock_timeout: lock,
      // A transaction left open (a bug, a lost client) must not hold its locks for ever.
      idle_in_transaction_session_timeout: Math.max(statement, lock) * 2,
    });
    // An idle connection that the database drops must not take the process down.
    pool.on('error', () => {});
    return new PostgresStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
  }
}
